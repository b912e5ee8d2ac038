# Fuzz regressions, natively (native and asan presets; included by tests/CMakeLists.txt): each
# fuzz target's source is built with an ordinary main (replay_main.cpp) instead of libFuzzer and
# run once on every input saved under tests/fuzz/regressions/<target>/ (inputs that once crashed
# or failed the oracle) and on the whole generated seed corpus. Under the asan preset this is the
# same check libFuzzer makes, with ASan and UBSan.
include(${CMAKE_CURRENT_LIST_DIR}/corpus.cmake)

foreach(_name evaluate record cohort)
  add_executable(fuzz_${_name}_replay ${CMAKE_CURRENT_LIST_DIR}/fuzz_${_name}.cpp
                                      ${CMAKE_CURRENT_LIST_DIR}/replay_main.cpp)
  target_include_directories(fuzz_${_name}_replay PRIVATE ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(fuzz_${_name}_replay PRIVATE crohn::core)
  target_compile_features(fuzz_${_name}_replay PRIVATE cxx_std_17)
  add_dependencies(fuzz_${_name}_replay crohn_fuzz_corpus)
  add_test(NAME fuzz.replay.${_name}
           COMMAND fuzz_${_name}_replay ${CMAKE_CURRENT_LIST_DIR}/regressions/${_name}
                   ${CROHN_FUZZ_CORPUS_DIR}/${_name})
endforeach()
