// The per-thread pool against a real PostgreSQL: exhaustion and fairness, clean returns,
// reconnects after a server restart, health checks.

#include <fmt/format.h>
#include <unistd.h>

#include <boost/asio/detached.hpp>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pg_test_support.hpp"
#include "sluice/devdb/cluster.hpp"
#include "sluice/pg/error.hpp"
#include "sluice/pg/pool.hpp"

namespace sluice::pg::testing {
namespace {

using PoolTest = DriverTest;

TEST_F(PoolTest, ExhaustedPoolTimesOutWhileReturnedConnectionsServeWaitersInOrder) {
  const auto acquire_timeout = 300ms;
  Pool pool(io_.get_executor(),
            {.connection = options(), .max_size = 2, .acquire_timeout = acquire_timeout});
  run([&]() -> asio::awaitable<void> {
    std::optional<PooledConnection> first_loan = co_await pool.acquire();
    std::optional<PooledConnection> second_loan = co_await pool.acquire();
    std::vector<std::string> outcomes;
    int finished = 0;
    Clock::duration timed_out_after{};
    std::string timeout_message;
    auto waiter = [&](std::string name) -> asio::awaitable<void> {
      const auto start = Clock::now();
      try {
        auto conn = co_await pool.acquire();
        outcomes.push_back(name);
        co_await sleep_for(2 * acquire_timeout);  // hold it past the other waiters' deadlines
      } catch (const TimeoutError& e) {
        timed_out_after = Clock::now() - start;
        timeout_message = e.what();
        outcomes.push_back(name + " timed out");
      }
      ++finished;
    };
    const auto executor = co_await asio::this_coro::executor;
    for (const char* name : {"first", "second", "third"}) {
      asio::co_spawn(executor, waiter(name), asio::detached);
    }
    co_await sleep_for(50ms);
    EXPECT_EQ(pool.stats().waiting, 3u);
    EXPECT_EQ(pool.stats().size, 2u);
    first_loan.reset();
    co_await sleep_for(50ms);
    second_loan.reset();
    while (finished < 3) co_await sleep_for(5ms);
    EXPECT_EQ(outcomes, (std::vector<std::string>{"first", "second", "third timed out"}));
    EXPECT_GE(timed_out_after, acquire_timeout);
    EXPECT_LT(timed_out_after, acquire_timeout + 2s);
    EXPECT_EQ(timeout_message,
              "connection pool exhausted: no connection available within 300 ms (max_size 2, all "
              "in use)");
    EXPECT_EQ(pool.stats().idle, 2u);
  }());
}

TEST_F(PoolTest, ConnectionsComeBackOutsideAnyTransaction) {
  run_sql("CREATE TABLE ledger (n int)");
  Pool pool(io_.get_executor(), {.connection = options(), .max_size = 1});
  run([&]() -> asio::awaitable<void> {
    int pid = 0;
    {
      auto conn = co_await pool.acquire();
      pid = conn->backend_pid();
      (void)co_await conn->execute("BEGIN");
      (void)co_await conn->execute("INSERT INTO ledger VALUES (1)");
      EXPECT_TRUE(conn->in_transaction());
    }  // returned inside an open transaction block
    {
      auto conn = co_await pool.acquire();
      EXPECT_EQ(conn->backend_pid(), pid);
      EXPECT_FALSE(conn->in_transaction());
      Result rows = co_await conn->execute("SELECT count(*) FROM ledger");
      EXPECT_EQ(text(rows), "0");  // rolled back
      (void)co_await conn->execute("BEGIN");
      bool failed = false;
      try {
        (void)co_await conn->execute("SELECT 1 / 0");
      } catch (const QueryError&) {
        failed = true;
      }
      EXPECT_TRUE(failed);
    }  // returned inside a failed transaction block
    auto conn = co_await pool.acquire();
    EXPECT_EQ(conn->backend_pid(), pid);
    Result r = co_await conn->execute("SELECT 'clean'");
    EXPECT_EQ(text(r), "clean");
  }());
}

TEST_F(PoolTest, TerminatedBackendIsReplacedOutsideTransactionsOnly) {
  Pool pool(io_.get_executor(), {.connection = options(), .max_size = 1});
  run([&]() -> asio::awaitable<void> {
    Connection observer = co_await Connection::connect(options());
    auto terminate = [&](int pid) -> asio::awaitable<void> {
      (void)co_await observer.execute("SELECT pg_terminate_backend($1)",
                                      params(std::to_string(pid)));
      const bool gone = co_await eventually_equals(
          observer, "SELECT count(*) FROM pg_stat_activity WHERE pid = $1",
          params(std::to_string(pid)), "0");
      EXPECT_TRUE(gone);
    };
    {
      auto conn = co_await pool.acquire();
      const int first = conn->backend_pid();
      co_await terminate(first);
      // Outside a transaction the statement runs again on a fresh connection.
      Result r = co_await conn->execute("SELECT pg_backend_pid()");
      EXPECT_NE(text(r), std::to_string(first));
      EXPECT_EQ(text(r), std::to_string(conn->backend_pid()));

      (void)co_await conn->execute("BEGIN");
      co_await terminate(conn->backend_pid());
      // Inside one it must not: the transaction is gone.
      bool lost = false;
      try {
        (void)co_await conn->execute("SELECT 1");
      } catch (const ConnectionError&) {
        lost = true;
      }
      EXPECT_TRUE(lost);
      EXPECT_FALSE(conn->is_open());
    }  // the broken connection is dropped and its slot reused
    auto conn = co_await pool.acquire();
    Result r = co_await conn->execute("SELECT 'replaced'");
    EXPECT_EQ(text(r), "replaced");
    EXPECT_EQ(pool.stats().size, 1u);
  }());
}

TEST_F(PoolTest, ExecuteOnceIsNotRunAgainWhenTheConnectionIsLostAfterSending) {
  Pool pool(io_.get_executor(), {.connection = options(), .max_size = 1});
  run([&]() -> asio::awaitable<void> {
    Connection observer = co_await Connection::connect(options());
    (void)co_await observer.execute("CREATE SEQUENCE IF NOT EXISTS once_probe");
    (void)co_await observer.execute(
        "CREATE OR REPLACE FUNCTION once_probe() RETURNS bigint LANGUAGE plpgsql AS $$ "
        "DECLARE n bigint := nextval('once_probe'); "
        "BEGIN IF n % 2 = 1 THEN PERFORM pg_sleep(30); END IF; RETURN n; END $$");
    // Terminates the backend once it sleeps in the probe (the odd calls).
    auto terminate_sleeper = [&]() -> asio::awaitable<void> {
      const bool sleeping = co_await eventually_equals(
          observer, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'", {}, "1");
      EXPECT_TRUE(sleeping);
      (void)co_await observer.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep'");
    };
    const auto executor = co_await asio::this_coro::executor;
    auto conn = co_await pool.acquire();

    // execute() retries outside a transaction: the second call (even, no sleep) answers.
    asio::co_spawn(executor, terminate_sleeper(), asio::detached);
    Result retried = co_await conn->execute("SELECT once_probe()");
    EXPECT_EQ(text(retried), "2");

    // execute_once() reports the loss instead: the call ran once.
    asio::co_spawn(executor, terminate_sleeper(), asio::detached);
    bool lost = false;
    try {
      (void)co_await conn->execute_once("SELECT once_probe()");
    } catch (const ConnectionError&) {
      lost = true;
    }
    EXPECT_TRUE(lost);
    Result calls = co_await observer.execute("SELECT last_value FROM once_probe");
    EXPECT_EQ(text(calls), "3");
  }());
}

TEST_F(PoolTest, RecoversAfterTheServerRestarts) {
  // A cluster of our own at a fixed address, to stop and start again.
  namespace fs = std::filesystem;
  const fs::path base = fs::temp_directory_path() / fmt::format("sluice-pg-restart-{}", ::getpid());
  fs::remove_all(base);
  const devdb::ClusterOptions cluster_options{
      .data_dir = base / "data", .socket_dir = base / "sock", .durable = false};
  std::optional<devdb::Cluster> server(std::in_place, cluster_options);
  const std::string target = server->conninfo();
  Pool pool(io_.get_executor(), {.connection = {.conninfo = target}, .max_size = 2});
  std::optional<Connection> retrying;
  std::optional<Connection> plain;
  int pooled_pid = 0;
  run([&]() -> asio::awaitable<void> {
    auto conn = co_await pool.acquire();
    pooled_pid = conn->backend_pid();
    const ConnectOptions retry_options{.conninfo = target, .reconnect_and_retry = true};
    const ConnectOptions plain_options{.conninfo = target};
    retrying = co_await Connection::connect(retry_options);
    plain = co_await Connection::connect(plain_options);
  }());

  server.reset();
  server.emplace(cluster_options);
  run([&]() -> asio::awaitable<void> {
    // The pool finds its idle connection dead at acquire and reopens it.
    auto conn = co_await pool.acquire();
    Result r = co_await conn->execute("SELECT pg_backend_pid()");
    EXPECT_NE(text(r), std::to_string(pooled_pid));
    // A connection that only learns of the restart when it sends: retried once, or reported.
    Result again = co_await retrying->execute("SELECT 'retried'");
    EXPECT_EQ(text(again), "retried");
    bool lost = false;
    try {
      (void)co_await plain->execute("SELECT 1");
    } catch (const ConnectionError&) {
      lost = true;
    }
    EXPECT_TRUE(lost);
  }());

  server.reset();
  run([&]() -> asio::awaitable<void> {
    // The server is down: acquire fails at once rather than hanging.
    const auto start = Clock::now();
    bool refused = false;
    try {
      (void)co_await pool.acquire();
    } catch (const ConnectionError&) {
      refused = true;
    }
    EXPECT_TRUE(refused);
    EXPECT_LT(Clock::now() - start, 2s);
  }());

  server.emplace(cluster_options);
  run([&]() -> asio::awaitable<void> {
    auto conn = co_await pool.acquire();
    Result r = co_await conn->execute("SELECT 'back'");
    EXPECT_EQ(text(r), "back");
  }());
  retrying.reset();
  plain.reset();
  server.reset();
  fs::remove_all(base);
}

TEST_F(PoolTest, PingReportsHealthWithinItsDeadline) {
  Pool pool(io_.get_executor(), {.connection = options(), .max_size = 1});
  Pool nowhere(io_.get_executor(),
               {.connection = {.conninfo = "host=/nonexistent-sluice-dir dbname=x"}});
  run([&]() -> asio::awaitable<void> {
    co_await pool.ping(1s);

    bool refused = false;
    try {
      co_await nowhere.ping(1s);
    } catch (const ConnectionError&) {
      refused = true;
    }
    EXPECT_TRUE(refused);

    // With the only connection on loan the check cannot get one: it gives up at its deadline.
    auto busy = co_await pool.acquire();
    const auto start = Clock::now();
    bool timed_out = false;
    try {
      co_await pool.ping(200ms);
    } catch (const TimeoutError&) {
      timed_out = true;
    }
    EXPECT_TRUE(timed_out);
    EXPECT_GE(Clock::now() - start, 200ms);
    EXPECT_LT(Clock::now() - start, 2s);
    EXPECT_EQ(pool.stats().waiting, 0u);  // the abandoned acquire left the queue
  }());
}

}  // namespace
}  // namespace sluice::pg::testing
