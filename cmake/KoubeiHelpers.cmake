# koubei_add_library(NAME name SRCS ... DEPS ...)
#   A static library koubei_<name> with alias koubei::<name>, repo-rooted includes
#   ("parsers/model/mention.hpp") and the shared project options.
function(koubei_add_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS;PRIVATE_DEPS" ${ARGN})
  set(target koubei_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SRCS})
  add_library(koubei::${ARG_NAME} ALIAS ${target})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/generated)
  target_link_libraries(${target} PUBLIC ${ARG_DEPS} PRIVATE koubei_project_options ${ARG_PRIVATE_DEPS})
endfunction()

# koubei_add_test(NAME name SRCS ... DEPS ... [INTEGRATION])
#   A Catch2 executable; each TEST_CASE becomes a CTest entry labelled "unit". Cases tagged
#   [.integration] are hidden from the unit run and registered again with the label "integration".
function(koubei_add_test)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} koubei_test_support Catch2::Catch2WithMain
                        koubei_project_options)
  catch_discover_tests(${ARG_NAME}
    TEST_PREFIX "unit."
    PROPERTIES LABELS unit
    DISCOVERY_MODE PRE_TEST)
  catch_discover_tests(${ARG_NAME}
    TEST_SPEC "[integration]"
    TEST_PREFIX "integration."
    PROPERTIES LABELS integration
    DISCOVERY_MODE PRE_TEST)
endfunction()

# koubei_add_fuzzer(NAME name SRCS ... DEPS ...)
#   A libFuzzer target. With KOUBEI_FUZZ_LINKMAIN (the default for gcc builds) it links a replay
#   main instead, so normal CI builds every fuzzer and runs it over the fixtures as a smoke test.
function(koubei_add_fuzzer)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS;CORPUS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} koubei_project_options)
  if(KOUBEI_FUZZ_LINKMAIN)
    target_sources(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cpp)
    if(ARG_CORPUS)
      add_test(NAME fuzz_replay.${ARG_NAME} COMMAND ${ARG_NAME} ${ARG_CORPUS})
      set_tests_properties(fuzz_replay.${ARG_NAME} PROPERTIES LABELS unit)
    endif()
  else()
    target_compile_options(${ARG_NAME} PRIVATE -fsanitize=fuzzer)
    target_link_options(${ARG_NAME} PRIVATE -fsanitize=fuzzer)
  endif()
endfunction()
