// What the async driver costs on top of the database, measured in one run against an embedded
// PostgreSQL (devdb, unix socket):
//
//   LibpqCopy           COPY (query) TO STDOUT, blocking: the server's ceiling for the query
//   LibpqSingleRow      blocking libpq in single-row mode: the baseline for SluiceStream
//   SluiceStream        Connection::stream() on an io_context, row by row
//   LibpqRoundTrip      blocking PQexecParams of a one-row statement: the baseline for ...
//   SluiceExecute       ... Connection::execute() of the same statement (prepared, cached)
//
// Rows/s and bytes/s are reported; compare SluiceStream with LibpqSingleRow (and LibpqCopy) of the
// same arguments. Arguments: rows, bytes of text per row.

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "sluice/devdb/cluster.hpp"
#include "sluice/pg/connection.hpp"

namespace {

namespace asio = boost::asio;
using sluice::pg::Connection;
using sluice::pg::Param;

std::unique_ptr<sluice::devdb::Cluster> g_cluster;

// `width` bytes of text per row besides the row number; the select-list set-returning function
// streams rows as the server produces them.
std::string query(int width) {
  return fmt::format(
      "SELECT g, repeat(md5(g::text), {}) FROM (SELECT generate_series(1, $1::int) g) s",
      std::max(1, width / 32));
}

struct LibpqConn {
  LibpqConn() : conn(PQconnectdb(g_cluster->conninfo().c_str()), &PQfinish) {
    if (PQstatus(conn.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn.get()));
  }
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn;
};

void set_counters(benchmark::State& state, std::int64_t rows, std::int64_t bytes) {
  state.SetItemsProcessed(rows);
  state.SetBytesProcessed(bytes);
}

void LibpqCopy(benchmark::State& state) {
  LibpqConn c;
  // COPY takes no parameters: the row count goes into the text.
  std::string copy = fmt::format("COPY ({}) TO STDOUT", query(static_cast<int>(state.range(1))));
  copy.replace(copy.find("$1::int"), 7, std::to_string(state.range(0)));
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    PGresult* r = PQexec(c.conn.get(), copy.c_str());
    if (PQresultStatus(r) != PGRES_COPY_OUT) throw std::runtime_error(PQresultErrorMessage(r));
    PQclear(r);
    char* line = nullptr;
    int n = 0;
    while ((n = PQgetCopyData(c.conn.get(), &line, 0)) > 0) {
      bytes += n;
      ++rows;
      PQfreemem(line);
    }
    while ((r = PQgetResult(c.conn.get())) != nullptr) PQclear(r);
  }
  set_counters(state, rows, bytes);
}

void LibpqSingleRow(benchmark::State& state) {
  LibpqConn c;
  const std::string sql = query(static_cast<int>(state.range(1)));
  const std::string count = std::to_string(state.range(0));
  const char* values[] = {count.c_str()};
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    if (PQsendQueryParams(c.conn.get(), sql.c_str(), 1, nullptr, values, nullptr, nullptr, 0) ==
            0 ||
        PQsetSingleRowMode(c.conn.get()) == 0) {
      throw std::runtime_error(PQerrorMessage(c.conn.get()));
    }
    while (PGresult* r = PQgetResult(c.conn.get())) {
      if (PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
        bytes += PQgetlength(r, 0, 0) + PQgetlength(r, 0, 1);
        ++rows;
      }
      PQclear(r);
    }
  }
  set_counters(state, rows, bytes);
}

void SluiceStream(benchmark::State& state) {
  asio::io_context io;
  std::optional<Connection> conn;
  const std::string sql = query(static_cast<int>(state.range(1)));
  const std::string count = std::to_string(state.range(0));
  const std::array<Param, 1> params = {count};
  const sluice::pg::ConnectOptions options{.conninfo = g_cluster->conninfo()};
  auto connect = [&]() -> asio::awaitable<void> { conn = co_await Connection::connect(options); };
  asio::co_spawn(io, connect(), asio::detached);
  io.run();
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
  auto stream_all = [&]() -> asio::awaitable<void> {
    auto stream = co_await conn->stream(sql, params);
    while (const auto row = co_await stream.next()) {
      bytes += static_cast<std::int64_t>((*row)[0].size() + (*row)[1].size());
      ++rows;
    }
  };
  for (auto _ : state) {
    asio::co_spawn(io, stream_all(), [](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
    });
    io.restart();
    io.run();
  }
  set_counters(state, rows, bytes);
}

void LibpqRoundTrip(benchmark::State& state) {
  LibpqConn c;
  const char* values[] = {"41"};
  for (auto _ : state) {
    PGresult* r =
        PQexecParams(c.conn.get(), "SELECT $1::int + 1", 1, nullptr, values, nullptr, nullptr, 0);
    benchmark::DoNotOptimize(PQgetvalue(r, 0, 0));
    PQclear(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void SluiceExecute(benchmark::State& state) {
  asio::io_context io;
  std::optional<Connection> conn;
  const sluice::pg::ConnectOptions options{.conninfo = g_cluster->conninfo()};
  auto connect = [&]() -> asio::awaitable<void> { conn = co_await Connection::connect(options); };
  asio::co_spawn(io, connect(), asio::detached);
  io.run();
  const std::array<Param, 1> params = {"41"};
  // The loop runs inside one coroutine, as a request handler would.
  auto loop = [&]() -> asio::awaitable<void> {
    for (auto _ : state) {
      auto result = co_await conn->execute("SELECT $1::int + 1", params);
      benchmark::DoNotOptimize(result[0][0].data());
    }
  };
  asio::co_spawn(io, loop(), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  io.restart();
  io.run();
  state.SetItemsProcessed(state.iterations());
}

void StreamArgs(benchmark::internal::Benchmark* b) {
  b->Args({100'000, 32})->Args({100'000, 1024})->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(LibpqCopy)->Apply(StreamArgs);
BENCHMARK(LibpqSingleRow)->Apply(StreamArgs);
BENCHMARK(SluiceStream)->Apply(StreamArgs);
BENCHMARK(LibpqRoundTrip)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(SluiceExecute)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  g_cluster =
      std::make_unique<sluice::devdb::Cluster>(sluice::devdb::ClusterOptions{.durable = false});
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  g_cluster.reset();
  return 0;
}
