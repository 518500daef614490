# Build step: writes the manual page `retest --man` prints (made from the --help texts).
# cmake -DRETEST=path/to/retest -DOUT=retest.1 -P write_man.cmake
execute_process(COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ${RETEST} --man
                OUTPUT_FILE ${OUT}.tmp RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "retest --man failed (${rc}): ${err}")
endif()
file(RENAME ${OUT}.tmp ${OUT})
