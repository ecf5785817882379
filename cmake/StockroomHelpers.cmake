# Per-target helpers. Every target gets the same strict flags through these,
# so nothing is set directory-wide.

function(stockroom_set_strict_flags target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_FOREACH)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wold-style-cast
        $<$<BOOL:${STOCKROOM_WERROR}>:-Werror>)
    if(STOCKROOM_SANITIZE)
        # Every finding stops the program: a test that meets one fails.
        target_compile_options(${target} PRIVATE
            -fsanitize=${STOCKROOM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
        target_link_options(${target} PRIVATE -fsanitize=${STOCKROOM_SANITIZE})
    endif()
endfunction()

# stockroom_add_library(name SOURCES ... [PUBLIC_LIBS ...] [PRIVATE_LIBS ...])
function(stockroom_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
    stockroom_set_strict_flags(${name})
endfunction()

# stockroom_add_executable(name SOURCES ... [LIBS ...])
function(stockroom_add_executable name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_LIBS})
    stockroom_set_strict_flags(${name})
    stockroom_hide_sqlcipher(${name})
endfunction()

# stockroom_add_test(name SOURCES ... [LIBS ...]): one GoogleTest executable per module.
function(stockroom_add_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    stockroom_add_executable(${name} SOURCES ${ARG_SOURCES} LIBS ${ARG_LIBS} GTest::gmock_main)
    # A test that skips itself shows as skipped, not passed.
    # Each test is labelled with its program, so that a run can pick programs (make
    # test-sanitize-ci).
    gtest_discover_tests(${name}
        DISCOVERY_TIMEOUT 60
        PROPERTIES
            ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
            SKIP_REGULAR_EXPRESSION "\\[  SKIPPED \\]"
            LABELS ${name})
endfunction()
