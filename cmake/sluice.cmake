# Build conventions shared by every layer.
#
#   sluice_add_layer(<layer> [DEPS targets...])
#     Library target sluice_<layer> from src/<layer>/*.cpp, minus *_test.cpp, *_pgtest.cpp,
#     *_bench.cpp and *_fuzz.cpp. Public headers live in include/sluice/<layer>/.
#     Tests beside the sources become two binaries, one ctest each:
#       <layer>_test    every *_test.cpp   (pure, label "unit")
#       <layer>_pgtest  every *_pgtest.cpp (real PostgreSQL via sluice_testing, label "pg";
#                       one embedded cluster per binary run)
#     Fuzz targets (*_fuzz.cpp) become <name> executables when SLUICE_FUZZ is on, benchmarks
#     (*_bench.cpp, Google Benchmark) <name> executables when SLUICE_BENCH is on.

set(SLUICE_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wimplicit-fallthrough
  -Wno-missing-field-initializers)  # designated initializers leave defaulted members out on purpose

function(sluice_apply_options target)
  target_compile_options(${target} PRIVATE ${SLUICE_WARNINGS})
  target_compile_features(${target} PUBLIC cxx_std_20)
endfunction()

# Tests, fuzzers and benchmarks find their fixtures (examples/, testdata/) through this.
function(sluice_apply_test_options target)
  sluice_apply_options(${target})
  target_compile_definitions(${target} PRIVATE SLUICE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endfunction()

if(SLUICE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # clang 14 cannot emit -fsanitize=function checks for coroutines built with -g.
    add_compile_options(-fno-sanitize=function)
  endif()
endif()

if(SLUICE_FUZZ)
  # Coverage instrumentation everywhere; only the fuzz executables link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

function(sluice_add_layer layer)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS" ${ARGN})
  set(dir ${CMAKE_CURRENT_SOURCE_DIR})
  file(GLOB all_sources CONFIGURE_DEPENDS ${dir}/*.cpp)
  set(lib_sources ${all_sources})
  list(FILTER lib_sources EXCLUDE REGEX "_(test|pgtest|bench|fuzz)\\.cpp$|/main\\.cpp$")
  set(target sluice_${layer})
  if(lib_sources)
    add_library(${target} STATIC ${lib_sources})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/include PRIVATE ${dir})
    target_link_libraries(${target} PUBLIC ${ARG_DEPS})
    sluice_apply_options(${target})
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${PROJECT_SOURCE_DIR}/include)
    target_link_libraries(${target} INTERFACE ${ARG_DEPS})
  endif()

  if(SLUICE_BENCH)
    file(GLOB benches CONFIGURE_DEPENDS ${dir}/*_bench.cpp)
    foreach(bench ${benches})
      get_filename_component(name ${bench} NAME_WE)
      add_executable(${name} ${bench})
      target_include_directories(${name} PRIVATE ${dir})
      target_link_libraries(${name} PRIVATE ${target} ${ARG_TEST_DEPS} benchmark::benchmark)
      sluice_apply_test_options(${name})
    endforeach()
  endif()
  if(NOT SLUICE_TESTS)
    return()
  endif()
  file(GLOB unit_tests CONFIGURE_DEPENDS ${dir}/*_test.cpp)
  if(unit_tests)
    add_executable(${layer}_test ${unit_tests})
    target_include_directories(${layer}_test PRIVATE ${dir})
    target_link_libraries(${layer}_test PRIVATE ${target} ${ARG_TEST_DEPS} GTest::gtest GTest::gtest_main)
    sluice_apply_test_options(${layer}_test)
    add_test(NAME ${layer}_test COMMAND ${layer}_test)
    set_tests_properties(${layer}_test PROPERTIES LABELS unit TIMEOUT 600)
  endif()
  file(GLOB pg_tests CONFIGURE_DEPENDS ${dir}/*_pgtest.cpp)
  if(pg_tests)
    add_executable(${layer}_pgtest ${pg_tests})
    target_include_directories(${layer}_pgtest PRIVATE ${dir})
    target_link_libraries(${layer}_pgtest PRIVATE ${target} ${ARG_TEST_DEPS} sluice_testing)
    sluice_apply_test_options(${layer}_pgtest)
    add_test(NAME ${layer}_pgtest COMMAND ${layer}_pgtest)
    set_tests_properties(${layer}_pgtest PROPERTIES LABELS pg TIMEOUT 900)
  endif()
  if(SLUICE_FUZZ)
    file(GLOB fuzzers CONFIGURE_DEPENDS ${dir}/*_fuzz.cpp)
    foreach(fuzzer ${fuzzers})
      get_filename_component(name ${fuzzer} NAME_WE)
      add_executable(${name} ${fuzzer})
      target_include_directories(${name} PRIVATE ${dir})
      target_link_libraries(${name} PRIVATE ${target} ${ARG_TEST_DEPS})
      target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
      target_link_options(${name} PRIVATE -fsanitize=fuzzer)
      target_compile_definitions(${name} PRIVATE SLUICE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    endforeach()
  endif()
endfunction()
