// Connection against a real PostgreSQL: connecting, parameters, errors, prepared statements,
// statement timeout.

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

#include "pg_test_support.hpp"
#include "sluice/pg/connection.hpp"
#include "sluice/pg/error.hpp"

namespace sluice::pg::testing {
namespace {

using ConnectionTest = DriverTest;

TEST_F(ConnectionTest, ConnectsWithUrlAndWithKeywordValueString) {
  for (const std::string& target : {url(), conninfo()}) {
    SCOPED_TRACE(target);
    run([&]() -> asio::awaitable<void> {
      const ConnectOptions opts{.conninfo = target};
      Connection conn = co_await Connection::connect(opts);
      Result r = co_await conn.execute(
          "SELECT current_database(), pg_backend_pid()::text, current_setting('application_name'),"
          " current_setting('client_encoding')");
      EXPECT_EQ(text(r, 0, 0), dbname());
      EXPECT_EQ(text(r, 0, 1), std::to_string(conn.backend_pid()));
      EXPECT_EQ(text(r, 0, 2), "sluice");
      EXPECT_EQ(text(r, 0, 3), "UTF8");
      EXPECT_TRUE(conn.is_open());
    }());
  }
}

TEST_F(ConnectionTest, RefusedAddressFailsAtOnceWithLibpqMessage) {
  // Nothing listens on a fresh socket directory, nor on TCP port 1 of the loopback (reached
  // through the host name, so through the asynchronous resolver).
  for (const std::string target :
       {"host=/nonexistent-sluice-dir dbname=x", "host=localhost port=1 dbname=x"}) {
    SCOPED_TRACE(target);
    const auto start = Clock::now();
    try {
      try_connect({.conninfo = target, .connect_timeout = 5s});
      ADD_FAILURE() << "connected to nothing";
    } catch (const ConnectionError& e) {
      EXPECT_NE(std::string(e.what()).find("could not connect to PostgreSQL: "), std::string::npos)
          << e.what();
    }
    EXPECT_LT(Clock::now() - start, 5s);
  }
}

TEST_F(ConnectionTest, ConnectDeadlineBoundsAServerThatNeverAnswers) {
  // A listening socket that is never accepted from: the TCP handshake completes in the kernel,
  // the startup packet is sent, and no answer ever comes.
  asio::ip::tcp::acceptor silent(io_, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = silent.local_endpoint().port();
  const auto timeout = 300ms;
  const auto start = Clock::now();
  try {
    try_connect({.conninfo = fmt::format("host=127.0.0.1 port={} dbname=x sslmode=disable", port),
                 .connect_timeout = timeout});
    ADD_FAILURE() << "connected to a silent socket";
  } catch (const TimeoutError& e) {
    EXPECT_NE(std::string(e.what()).find("within 300 ms"), std::string::npos) << e.what();
  }
  const auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, timeout);
  EXPECT_LT(elapsed, timeout + 2s);
}

TEST_F(ConnectionTest, ClosedConnectionsLeaveNoDescriptorBehind) {
  namespace fs = std::filesystem;
  const auto open_descriptors = [] {
    return std::distance(fs::directory_iterator("/proc/self/fd"), fs::directory_iterator());
  };
  run([&]() -> asio::awaitable<void> {
    // Warm-up: whatever is opened once per process (the cancel helper threads, resolver state).
    Connection first = co_await Connection::connect(options());
    co_await first.cancel();
  }());
  const auto before = open_descriptors();
  run([&]() -> asio::awaitable<void> {
    for (int i = 0; i < 20; ++i) {
      Connection conn = co_await Connection::connect(options());
      Result r = co_await conn.execute("SELECT 1");
      EXPECT_EQ(text(r), "1");
    }
  }());
  EXPECT_EQ(open_descriptors(), before);
}

TEST_F(ConnectionTest, MalformedConnectionStringIsConnectionError) {
  EXPECT_THROW(try_connect({.conninfo = "host=x nonsense_keyword=1"}), ConnectionError);
  EXPECT_THROW(try_connect({.conninfo = "postgresql://[::1"}), ConnectionError);
}

TEST_F(ConnectionTest, HostileParametersAreBoundLiterally) {
  run_sql("CREATE TABLE x (v text)");
  const std::vector<std::string> hostile = {"'; DROP TABLE x; --",
                                            "O'Reilly",
                                            "''",
                                            "\"x\"",
                                            "semi;colon; SELECT 1;",
                                            "back\\slash\\",
                                            "$1",
                                            "$$ $body$",
                                            "E'\\x41'",
                                            "multi\nline\r\n",
                                            "üñí ✓ 𝄞",
                                            "",
                                            "  padded  ",
                                            "NULL"};
  run([&]() -> asio::awaitable<void> {
    Connection conn = co_await Connection::connect(options());
    for (const std::string& value : hostile) {
      Result echo = co_await conn.execute("SELECT $1::text", params(value));
      EXPECT_EQ(text(echo), value);
      EXPECT_FALSE(echo[0].is_null(0));
      Result inserted = co_await conn.execute("INSERT INTO x VALUES ($1)", params(value));
      EXPECT_EQ(inserted.affected_rows(), 1u);
      Result found = co_await conn.execute("SELECT count(*) FROM x WHERE v = $1", params(value));
      EXPECT_EQ(text(found), "1") << value;
    }
    Result all = co_await conn.execute("SELECT count(*) FROM x");
    EXPECT_EQ(text(all), std::to_string(hostile.size()));
  }());
}

TEST_F(ConnectionTest, NullParametersAreSqlNull) {
  run([&]() -> asio::awaitable<void> {
    Connection conn = co_await Connection::connect(options());
    Result r = co_await conn.execute(
        "SELECT $1::text IS NULL, $2::text IS NULL, $1::text, $2::text", params(std::nullopt, ""));
    EXPECT_EQ(text(r, 0, 0), "t");
    EXPECT_EQ(text(r, 0, 1), "f");  // the empty string is a value
    EXPECT_TRUE(r[0].is_null(2));
    EXPECT_FALSE(r[0].is_null(3));
  }());
}

TEST_F(ConnectionTest, ParameterTypesCanBeGiven) {
  run([&]() -> asio::awaitable<void> {
    Connection conn = co_await Connection::connect(options());
    Result oid = co_await conn.execute("SELECT 'int4'::regtype::oid");
    const Oid int4 = static_cast<Oid>(std::stoul(text(oid)));
    const std::vector<Param> params = {"40", "2"};
    const std::vector<Oid> types = {int4, int4};
    Result typed = co_await conn.execute("SELECT $1 + $2", params, types);
    EXPECT_EQ(text(typed), "42");
    // Without types the server cannot choose an operator for unknown + unknown.
    bool failed = false;
    try {
      (void)co_await conn.execute("SELECT $1 + $2", params);
    } catch (const QueryError&) {
      failed = true;
    }
    EXPECT_TRUE(failed);
  }());
}

TEST_F(ConnectionTest, QueryErrorCarriesTheServerFields) {
  // The server's own view of the error, captured in PL/pgSQL, is what the driver must report.
  run_sql(R"sql(
    CREATE TABLE u (k text UNIQUE);
    INSERT INTO u VALUES ('a');
    CREATE FUNCTION duplicate_fields() RETURNS text[] LANGUAGE plpgsql AS $$
    DECLARE s text; m text; d text;
    BEGIN
      INSERT INTO u VALUES ('a');
      RETURN NULL;
    EXCEPTION WHEN unique_violation THEN
      GET STACKED DIAGNOSTICS s = RETURNED_SQLSTATE, m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL;
      RETURN ARRAY[s, m, d];
    END $$;
    CREATE FUNCTION fail_with_hint(word text) RETURNS int LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'failing on %', word USING DETAIL = 'detail ' || word, HINT = 'hint ' || word;
    END $$;
  )sql");
  run([&]() -> asio::awaitable<void> {
    Connection conn = co_await Connection::connect(options());
    Result expected = co_await conn.execute("SELECT f[1], f[2], f[3] FROM duplicate_fields() f");
    try {
      (void)co_await conn.execute("INSERT INTO u VALUES ($1)", params("a"));
      ADD_FAILURE() << "duplicate accepted";
    } catch (const QueryError& e) {
      EXPECT_EQ(e.sqlstate(), text(expected, 0, 0));
      EXPECT_EQ(e.message(), text(expected, 0, 1));
      EXPECT_EQ(e.detail(), text(expected, 0, 2));
      EXPECT_NE(std::string(e.what()).find(e.sqlstate()), std::string::npos);
      EXPECT_EQ(e.position(), 0);
    }

    const std::string word = "quux";
    try {
      (void)co_await conn.execute("SELECT fail_with_hint($1)", params(word));
      ADD_FAILURE() << "no error raised";
    } catch (const QueryError& e) {
      EXPECT_EQ(e.message(), "failing on " + word);
      EXPECT_EQ(e.detail(), "detail " + word);
      EXPECT_EQ(e.hint(), "hint " + word);
    }

    const std::string sql = "SELECT 1 FROM no_such_table_here";
    try {
      (void)co_await conn.execute(sql);
      ADD_FAILURE() << "missing table accepted";
    } catch (const QueryError& e) {
      EXPECT_EQ(e.position(), static_cast<int>(sql.find("no_such_table_here")) + 1);
    }
    // Errors leave the connection usable.
    Result after = co_await conn.execute("SELECT 'still here'");
    EXPECT_EQ(text(after), "still here");
  }());
}

TEST_F(ConnectionTest, NulByteInParameterIsRejectedBeforeSending) {
  run([&]() -> asio::awaitable<void> {
    Connection conn = co_await Connection::connect(options());
    bool rejected = false;
    try {
      (void)co_await conn.execute("SELECT $1::text", params(std::string_view("a\0b", 3)));
    } catch (const Error& e) {
      rejected = std::string(e.what()).find("NUL") != std::string::npos;
    }
    EXPECT_TRUE(rejected);
    Result after = co_await conn.execute("SELECT 1");
    EXPECT_EQ(text(after), "1");
  }());
}

TEST_F(ConnectionTest, PreparedStatementsAreReusedOnTheConnection) {
  const std::string sql = "SELECT $1::int * 2";
  run([&]() -> asio::awaitable<void> {
    Connection conn = co_await Connection::connect(options());
    for (int i = 1; i <= 3; ++i) {
      Result r = co_await conn.execute(sql, params(std::to_string(i)));
      EXPECT_EQ(text(r), std::to_string(i * 2));
    }
    // One server-side statement for the three executions.
    Result seen = co_await conn.execute(
        "SELECT count(*), sum(generic_plans + custom_plans) FROM pg_prepared_statements "
        "WHERE statement = $1",
        params(sql));
    EXPECT_EQ(text(seen, 0, 0), "1");
    EXPECT_EQ(text(seen, 0, 1), "3");
  }());
}

TEST_F(ConnectionTest, PreparedStatementCacheEvictsTheLeastRecentlyUsed) {
  run([&]() -> asio::awaitable<void> {
    ConnectOptions opts = options();
    opts.prepared_cache_size = 3;
    Connection conn = co_await Connection::connect(opts);
    for (const char* sql : {"SELECT 'a'", "SELECT 'b'", "SELECT 'c'", "SELECT 'a'"}) {
      (void)co_await conn.execute(sql);
    }
    // Preparing the listing itself makes a fourth statement: 'b', the least recently used, goes.
    const std::string listing = "SELECT statement FROM pg_prepared_statements ORDER BY statement";
    Result r = co_await conn.execute(listing);
    std::vector<std::string> statements;
    for (int i = 0; i < r.size(); ++i) statements.emplace_back(r[i][0]);
    std::vector<std::string> expected = {"SELECT 'a'", "SELECT 'c'", listing};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(statements, expected);
  }());
}

TEST_F(ConnectionTest, WithoutCacheStatementsRunUnnamed) {
  run([&]() -> asio::awaitable<void> {
    ConnectOptions opts = options();
    opts.prepared_cache_size = 0;
    Connection conn = co_await Connection::connect(opts);
    Result r = co_await conn.execute("SELECT $1::text || '!'", params("hi"));
    EXPECT_EQ(text(r), "hi!");
    Result seen = co_await conn.execute("SELECT count(*) FROM pg_prepared_statements");
    EXPECT_EQ(text(seen), "0");
  }());
}

TEST_F(ConnectionTest, StatementTimeoutIsQueryError57014AndKeepsUserOptions) {
  run([&]() -> asio::awaitable<void> {
    const ConnectOptions opts{.conninfo = conninfo() + " options='-c search_path=kept_path'",
                              .statement_timeout = 200ms};
    Connection conn = co_await Connection::connect(opts);
    Result settings = co_await conn.execute(
        "SELECT current_setting('statement_timeout'), current_setting('search_path')");
    EXPECT_EQ(text(settings, 0, 0), "200ms");
    EXPECT_EQ(text(settings, 0, 1), "kept_path");
    const auto start = Clock::now();
    try {
      (void)co_await conn.execute("SELECT pg_sleep(5)");
      ADD_FAILURE() << "statement_timeout did not fire";
    } catch (const QueryError& e) {
      EXPECT_EQ(e.sqlstate(), "57014");
    }
    EXPECT_LT(Clock::now() - start, 4s);
    Result after = co_await conn.execute("SELECT 1");
    EXPECT_EQ(text(after), "1");
  }());
}

TEST_F(ConnectionTest, ResultReportsColumnsAndAffectedRows) {
  run_sql("CREATE TABLE counted (n int)");
  run([&]() -> asio::awaitable<void> {
    Connection conn = co_await Connection::connect(options());
    Result inserted = co_await conn.execute(
        "INSERT INTO counted SELECT generate_series(1, $1::int)", params("7"));
    EXPECT_EQ(inserted.affected_rows(), 7u);
    EXPECT_EQ(inserted.size(), 0);
    Result r = co_await conn.execute("SELECT n AS first, n * 10 AS second FROM counted ORDER BY n");
    EXPECT_EQ(r.size(), 7);
    EXPECT_EQ(r.columns(), 2);
    EXPECT_EQ(r.column_name(1), "second");
    EXPECT_EQ(r[6][1], "70");
    (void)co_await conn.execute("BEGIN");
    EXPECT_TRUE(conn.in_transaction());
    (void)co_await conn.execute("ROLLBACK");
    EXPECT_FALSE(conn.in_transaction());
  }());
}

}  // namespace
}  // namespace sluice::pg::testing
