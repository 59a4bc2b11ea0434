# Every third-party dependency comes from a Debian 12 package; scripts/install-deps lists them.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS url)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
find_package(simdjson REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(tomlplusplus REQUIRED CONFIG)
find_package(fmt REQUIRED CONFIG)
find_package(spdlog REQUIRED CONFIG)
find_package(OpenSSL REQUIRED)
if(SLUICE_TESTS OR SLUICE_FUZZ OR SLUICE_BENCH)
  find_package(nlohmann_json 3.11 REQUIRED CONFIG)  # reference implementations in tests only
endif()
if(SLUICE_TESTS)
  find_package(GTest REQUIRED CONFIG)
endif()
if(SLUICE_BENCH)
  find_package(benchmark REQUIRED CONFIG)
endif()

# Asio/Beast: C++20 coroutines, no deprecated API. Each thread keeps up to 16 freed blocks per
# kind (coroutine frames, handlers) for reuse instead of Asio's 2: a request nests about a dozen
# coroutine frames, which otherwise went to the heap and back every time.
add_library(sluice_asio INTERFACE)
target_link_libraries(sluice_asio INTERFACE Boost::headers Threads::Threads)
target_compile_definitions(sluice_asio INTERFACE
  BOOST_ASIO_NO_DEPRECATED
  BOOST_ASIO_DISABLE_BOOST_COROUTINE
  BOOST_ASIO_RECYCLING_ALLOCATOR_CACHE_SIZE=16)
