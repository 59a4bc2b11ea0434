// Row streams against a real PostgreSQL: order, errors, backpressure, cancellation.

#include <fmt/format.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/detached.hpp>
#include <optional>
#include <string>

#include "pg_test_support.hpp"
#include "sluice/pg/connection.hpp"
#include "sluice/pg/error.hpp"
#include "sluice/pg/pool.hpp"

namespace sluice::pg::testing {
namespace {

using StreamTest = DriverTest;

constexpr std::string_view kWaitEventOf = "SELECT wait_event FROM pg_stat_activity WHERE pid = $1";

// Waits (polling) until `flag` is set by another coroutine.
asio::awaitable<void> until_set(const bool& flag) {
  while (!flag) co_await sleep_for(1ms);
}

TEST_F(StreamTest, StreamsOneHundredThousandRowsInOrder) {
  constexpr int kRows = 100'000;
  run([&]() -> asio::awaitable<void> {
    Connection conn = co_await Connection::connect(options());
    RowStream rows = co_await conn.stream(
        "SELECT i, md5(i::text), NULLIF(i % 10, 0) FROM generate_series(1, $1::int) i",
        params(std::to_string(kRows)));
    int expected = 1;
    int out_of_order = 0;
    int wrong_nulls = 0;
    while (auto row = co_await rows.next()) {
      if ((*row)[0] != std::to_string(expected) || (*row)[1].size() != 32) ++out_of_order;
      if (row->is_null(2) != (expected % 10 == 0)) ++wrong_nulls;
      ++expected;
    }
    EXPECT_EQ(expected - 1, kRows);
    EXPECT_EQ(rows.rows_delivered(), static_cast<std::uint64_t>(kRows));
    EXPECT_EQ(out_of_order, 0);
    EXPECT_EQ(wrong_nulls, 0);
    const auto past_end = co_await rows.next();
    EXPECT_FALSE(past_end);  // stays at the end
    Result after = co_await conn.execute("SELECT 'idle again'");
    EXPECT_EQ(text(after), "idle again");
  }());
}

TEST_F(StreamTest, EmptyResultsAndErrorsBeforeAndDuringTheStream) {
  run([&]() -> asio::awaitable<void> {
    Connection conn = co_await Connection::connect(options());
    RowStream empty = co_await conn.stream("SELECT 1 WHERE false");
    const auto nothing = co_await empty.next();
    EXPECT_FALSE(nothing);

    // An error before the first row surfaces from stream() itself, before anything was delivered.
    bool early = false;
    try {
      (void)co_await conn.stream("SELECT 1 / 0");
    } catch (const QueryError& e) {
      early = e.sqlstate() == "22012";
    }
    EXPECT_TRUE(early);

    // An error raised mid-way ends the stream after the rows produced before it.
    constexpr int kFailAt = 5000;
    RowStream rows = co_await conn.stream(
        "SELECT CASE WHEN i = $1::int THEN 1 / (i - i) ELSE i END FROM generate_series(1, 10000) i",
        params(std::to_string(kFailAt)));
    int delivered = 0;
    bool late = false;
    try {
      while (const auto row = co_await rows.next()) ++delivered;
    } catch (const QueryError& e) {
      late = e.sqlstate() == "22012";
    }
    EXPECT_TRUE(late);
    EXPECT_EQ(delivered, kFailAt - 1);
    Result after = co_await conn.execute("SELECT 'usable'");
    EXPECT_EQ(text(after), "usable");
  }());
}

TEST_F(StreamTest, SlowConsumerKeepsMemoryFlatWhileTheServerWaitsToWrite) {
  constexpr int kRows = 100'000;
  constexpr int kPauseAt = 1'000;
  run([&]() -> asio::awaitable<void> {
    Connection conn = co_await Connection::connect(options());
    Connection observer = co_await Connection::connect(options());
    const std::string pid = std::to_string(conn.backend_pid());
    const std::size_t heap_before = heap_in_use();
    const std::size_t rss_before = resident_bytes();
    std::size_t heap_peak = heap_before;
    std::size_t rss_peak = rss_before;
    // ~1 KB per row, ~100 MB in all.
    RowStream rows = co_await conn.stream(
        "SELECT i, repeat(md5(i::text), 32) FROM generate_series(1, $1::int) i",
        params(std::to_string(kRows)));
    int expected = 1;
    int out_of_order = 0;
    std::uint64_t result_bytes = 0;
    bool server_waited = false;
    while (auto row = co_await rows.next()) {
      if ((*row)[0] != std::to_string(expected)) ++out_of_order;
      result_bytes += (*row)[0].size() + (*row)[1].size();
      if (expected == kPauseAt) {
        // The consumer stops pulling: the server must end up blocked writing to us.
        server_waited =
            co_await eventually_equals(observer, kWaitEventOf, params(pid), "ClientWrite");
      }
      if (expected % 1000 == 0) {
        heap_peak = std::max(heap_peak, heap_in_use());
        rss_peak = std::max(rss_peak, resident_bytes());
      }
      ++expected;
    }
    EXPECT_EQ(expected - 1, kRows);
    EXPECT_EQ(out_of_order, 0);
    EXPECT_TRUE(server_waited) << "the backend never waited on ClientWrite";
    const std::size_t heap_growth = heap_peak - heap_before;
    const std::size_t rss_growth = rss_peak - rss_before;
    std::printf("result %.1f MB, heap growth %.2f MB, RSS growth %.2f MB%s\n", result_bytes / 1e6,
                heap_growth / 1e6, rss_growth / 1e6,
                kAddressSanitizer ? " (ASan quarantine keeps freed rows resident)" : "");
    RecordProperty("heap_growth_bytes", std::to_string(heap_growth));
    RecordProperty("rss_growth_bytes", std::to_string(rss_growth));
    EXPECT_LT(heap_growth, result_bytes / 50);  // under 2 % of the result
    if (!kAddressSanitizer) {
      EXPECT_LT(rss_growth, result_bytes / 10);
    }
  }());
}

TEST_F(StreamTest, CancelStopsARunningStatementQuicklyAndTheConnectionIsReused) {
  for (const bool streaming : {true, false}) {
    SCOPED_TRACE(streaming ? "stream" : "execute");
    run([&]() -> asio::awaitable<void> {
      Connection conn = co_await Connection::connect(options());
      Connection observer = co_await Connection::connect(options());
      const int pid = conn.backend_pid();
      bool cancelled = false;
      bool ended = false;
      Clock::time_point ended_at;
      asio::co_spawn(
          co_await asio::this_coro::executor,
          [&]() -> asio::awaitable<void> {
            try {
              if (streaming) {
                RowStream rows = co_await conn.stream("SELECT pg_sleep(30)");
                while (const auto row = co_await rows.next()) {
                }
              } else {
                (void)co_await conn.execute("SELECT pg_sleep(30)");
              }
            } catch (const CancelledError&) {
              cancelled = true;
            }
            ended_at = Clock::now();
            ended = true;
          },
          asio::detached);
      const bool waiting = co_await eventually_equals(observer, kWaitEventOf,
                                                      params(std::to_string(pid)), "PgSleep");
      EXPECT_TRUE(waiting);
      const auto cancel_at = Clock::now();
      co_await conn.cancel();
      co_await until_set(ended);
      const auto latency = ended_at - cancel_at;
      std::printf("cancel of pg_sleep(30) (%s) took %.2f ms\n", streaming ? "stream" : "execute",
                  std::chrono::duration<double, std::milli>(latency).count());
      EXPECT_TRUE(cancelled);
      // The latency (the goal is under 100 ms) is printed above, not asserted tightly: test
      // machines are shared and noisy. The bound proves the 30 s statement was cut short.
      EXPECT_LT(latency, 5s);
      Result r = co_await conn.execute("SELECT pg_backend_pid()");
      EXPECT_EQ(text(r), std::to_string(pid));
    }());
  }
}

TEST_F(StreamTest, CancellingTheAwaitingCoroutineCancelsTheQuery) {
  Pool pool(io_.get_executor(), {.connection = options(), .max_size = 1});
  run([&]() -> asio::awaitable<void> {
    Connection observer = co_await Connection::connect(options());
    int pid = 0;
    bool started = false;
    bool ended = false;
    Clock::time_point ended_at;
    std::exception_ptr outcome;
    asio::cancellation_signal signal;
    asio::co_spawn(
        co_await asio::this_coro::executor,
        [&]() -> asio::awaitable<void> {
          auto conn = co_await pool.acquire();
          pid = conn->backend_pid();
          started = true;
          RowStream rows = co_await conn->stream("SELECT pg_sleep(30)");
          while (const auto row = co_await rows.next()) {
          }
        },
        asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e) {
          outcome = e;
          ended_at = Clock::now();
          ended = true;
        }));
    co_await until_set(started);
    const bool waiting =
        co_await eventually_equals(observer, kWaitEventOf, params(std::to_string(pid)), "PgSleep");
    EXPECT_TRUE(waiting);
    const auto cancel_at = Clock::now();
    signal.emit(asio::cancellation_type::terminal);
    co_await until_set(ended);
    const auto latency = ended_at - cancel_at;
    std::printf("Asio cancellation of a pg_sleep(30) consumer took %.2f ms\n",
                std::chrono::duration<double, std::milli>(latency).count());
    EXPECT_LT(latency, 5s);  // latency printed above; see the test before
    bool cancelled = false;
    try {
      if (outcome) std::rethrow_exception(outcome);
    } catch (const CancelledError&) {
      cancelled = true;
    }
    EXPECT_TRUE(cancelled);
    // The connection went back to the pool clean: the same backend serves the next request, and
    // the server runs nothing for the cancelled one.
    auto again = co_await pool.acquire();
    EXPECT_EQ(again->backend_pid(), pid);
    Result sleeping = co_await observer.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND query LIKE '%pg_sleep%' "
        "AND state = 'active'",
        params(std::to_string(pid)));
    EXPECT_EQ(text(sleeping), "0");
    Result r = co_await again->execute("SELECT 'clean'");
    EXPECT_EQ(text(r), "clean");
  }());
}

TEST_F(StreamTest, ConsumerCancelledWhileNotPullingLeavesNoQueryBehind) {
  // The consumer holds a stream of a large result and waits on something else (a slow client)
  // when it is cancelled: the stream and the pooled connection are dropped mid-statement.
  Pool pool(io_.get_executor(), {.connection = options(), .max_size = 1});
  run([&]() -> asio::awaitable<void> {
    Connection observer = co_await Connection::connect(options());
    int pid = 0;
    bool pulled = false;
    bool ended = false;
    std::exception_ptr outcome;
    asio::cancellation_signal signal;
    asio::co_spawn(
        co_await asio::this_coro::executor,
        [&]() -> asio::awaitable<void> {
          auto conn = co_await pool.acquire();
          pid = conn->backend_pid();
          // A set-returning function in the select list streams (in FROM it would materialize).
          RowStream rows =
              co_await conn->stream("SELECT repeat('x', 1000), generate_series(1, 10000000)");
          for (int i = 0; i < 10; ++i) (void)co_await rows.next();
          pulled = true;
          co_await sleep_for(30s);  // the slow client
        },
        asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e) {
          outcome = e;
          ended = true;
        }));
    co_await until_set(pulled);
    const bool waiting = co_await eventually_equals(observer, kWaitEventOf,
                                                    params(std::to_string(pid)), "ClientWrite");
    EXPECT_TRUE(waiting);
    signal.emit(asio::cancellation_type::terminal);
    co_await until_set(ended);
    EXPECT_TRUE(outcome);
    // The pool cancels and drains the abandoned statement before lending the connection again.
    auto again = co_await pool.acquire();
    EXPECT_EQ(again->backend_pid(), pid);
    Result r = co_await again->execute("SELECT 'clean'");
    EXPECT_EQ(text(r), "clean");
    Result running = co_await observer.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%generate_series(1, 10000000)%' "
        "AND state = 'active' AND pid <> pg_backend_pid()");
    EXPECT_EQ(text(running), "0");
  }());
}

TEST_F(StreamTest, AbandonedStreamIsSettledByTheNextStatement) {
  run([&]() -> asio::awaitable<void> {
    Connection conn = co_await Connection::connect(options());
    const int pid = conn.backend_pid();
    {
      RowStream rows = co_await conn.stream("SELECT generate_series(1, 10000000)");
      auto first = co_await rows.next();
      EXPECT_EQ((*first)[0], "1");
    }
    Result r = co_await conn.execute("SELECT pg_backend_pid()");
    EXPECT_EQ(text(r), std::to_string(pid));
    // A stream the connection moved past reports it instead of reading someone else's rows.
    RowStream old = co_await conn.stream("SELECT 1 UNION ALL SELECT 2");
    (void)co_await old.next();
    (void)co_await conn.execute("SELECT 3");
    bool refused = false;
    try {
      (void)co_await old.next();
    } catch (const Error&) {
      refused = true;
    }
    EXPECT_TRUE(refused);
  }());
}

}  // namespace
}  // namespace sluice::pg::testing
