# Fails when a catalogue is behind the sources or the Korean one has unfinished entries.
# Runs lupdate on a copy, so the committed files are never touched.
#   -DLUPDATE=... -DSOURCE_DIR=... -DSOURCES_LIST=<file of sources, one per line> -DTS_DIR=...
#   -DWORK_DIR=...
foreach(lang ko en)
    set(committed ${TS_DIR}/stockroom_${lang}.ts)
    set(copy ${WORK_DIR}/stockroom_${lang}.ts)
    file(COPY_FILE ${committed} ${copy})
    set(extra)
    if(lang STREQUAL "en")
        set(extra -pluralonly)
    endif()
    execute_process(COMMAND ${LUPDATE} -I ${SOURCE_DIR} @${SOURCES_LIST} -ts ${copy} -locations none -no-obsolete ${extra}
        RESULT_VARIABLE failed OUTPUT_QUIET ERROR_VARIABLE errors)
    if(failed)
        message(FATAL_ERROR "lupdate failed: ${errors}")
    endif()
    file(READ ${committed} before)
    file(READ ${copy} after)
    if(NOT before STREQUAL after)
        message(FATAL_ERROR "translations/stockroom_${lang}.ts is behind the sources: "
            "run 'cmake --build build --target update_translations' and translate what is new.")
    endif()
    string(FIND "${after}" "type=\"unfinished\"" unfinished)
    if(NOT unfinished EQUAL -1)
        message(FATAL_ERROR "translations/stockroom_${lang}.ts has unfinished entries.")
    endif()
endforeach()
message(STATUS "Both catalogues are complete and up to date.")
