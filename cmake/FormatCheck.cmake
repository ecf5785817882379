# Fails when a tracked C++ file is not formatted as .clang-format says.
execute_process(COMMAND ${GIT} ls-files -- *.cpp *.h
    WORKING_DIRECTORY ${SOURCE_DIR}
    OUTPUT_VARIABLE files
    OUTPUT_STRIP_TRAILING_WHITESPACE
    COMMAND_ERROR_IS_FATAL ANY)
string(REPLACE "\n" ";" files "${files}")
set(unformatted "")
foreach(file IN LISTS files)
    execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror ${file}
        WORKING_DIRECTORY ${SOURCE_DIR}
        RESULT_VARIABLE result
        OUTPUT_QUIET ERROR_QUIET)
    if(NOT result EQUAL 0)
        list(APPEND unformatted ${file})
    endif()
endforeach()
if(unformatted)
    list(JOIN unformatted "\n  " listing)
    message(FATAL_ERROR "Not clang-formatted (run `make format`):\n  ${listing}")
endif()
