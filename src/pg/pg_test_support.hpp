#pragma once
// Helpers for the pg layer's tests.

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <chrono>
#include <cstddef>
#include <fstream>
#include <string>

#include "sluice/pg/connection.hpp"
#include "sluice_testing/pg.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define SLUICE_PG_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLUICE_PG_TEST_ASAN 1
#endif
#endif
#if defined(SLUICE_PG_TEST_ASAN)
// From the sanitizer runtime's public interface (sanitizer/allocator_interface.h, which GCC's
// packages do not ship).
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#else
#include <malloc.h>
#endif

namespace sluice::pg::testing {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A fixture with a suite database (sluice::testing::PgTest) and an io_context to run coroutines.
class DriverTest : public sluice::testing::PgTest {
 protected:
  // Runs `task` on io_ until it and everything it spawned are done; returns its value or rethrows.
  template <typename T>
  T run(asio::awaitable<T> task) {
    auto future = asio::co_spawn(io_, std::move(task), asio::use_future);
    io_.restart();
    io_.run();
    return future.get();
  }

  // Connects and disconnects; throws what connect() throws.
  void try_connect(ConnectOptions options) {
    run([&]() -> asio::awaitable<void> {
      (void)co_await Connection::connect(std::move(options));
    }());
  }

  [[nodiscard]] static ConnectOptions options() { return ConnectOptions{.conninfo = conninfo()}; }

  asio::io_context io_;
};

inline asio::awaitable<void> sleep_for(Clock::duration duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(asio::use_awaitable);
}

// Parameters for one call: `co_await conn.execute(sql, params("a", std::nullopt))`. The views
// point into the arguments: use the array within the same full-expression.
template <typename... P>
std::array<Param, sizeof...(P)> params(P&&... values) {
  return {Param(std::forward<P>(values))...};
}

inline std::string text(const Result& result, int row = 0, int column = 0) {
  return std::string(result[row][column]);
}

// Polls `sql` (one value) on `conn` until it returns `expected` or `limit` passes.
inline asio::awaitable<bool> eventually_equals(Connection& conn, std::string_view sql,
                                               std::span<const Param> params,
                                               std::string_view expected,
                                               Clock::duration limit = 10s) {
  const auto until = Clock::now() + limit;
  for (;;) {
    Result r = co_await conn.execute(sql, params);
    if (r.size() == 1 && r[0][0] == expected) co_return true;
    if (Clock::now() >= until) co_return false;
    co_await sleep_for(20ms);
  }
}

// Bytes the allocator currently hands out to the program (freed memory excluded). Under ASan that
// excludes the quarantine, which keeps freed blocks resident on purpose.
inline std::size_t heap_in_use() {
#if defined(SLUICE_PG_TEST_ASAN)
  return __sanitizer_get_current_allocated_bytes();
#else
  const auto info = mallinfo2();
  return info.uordblks + info.hblkhd;
#endif
}

inline std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  std::size_t resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

inline constexpr bool kAddressSanitizer =
#if defined(SLUICE_PG_TEST_ASAN)
    true;
#else
    false;
#endif

}  // namespace sluice::pg::testing
