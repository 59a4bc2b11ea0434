#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <fstream>
#include <thread>

#include "commands.hpp"
#include "sluice/exec/executor.hpp"
#include "sluice/graphql/schema.hpp"
#include "sluice/pg/connection.hpp"
#include "sluice/plan/plan_cache.hpp"
#include "sluice/server/app_handler.hpp"
#include "sluice/server/logfmt.hpp"

namespace sluice::cli {
namespace {

pg::ConnectOptions connect_options(const Settings& settings) {
  return pg::ConnectOptions{.conninfo = settings.database,
                            .connect_timeout = settings.connect_timeout,
                            .statement_timeout = settings.statement_timeout};
}

std::string read_schema(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw std::runtime_error(
        fmt::format("cannot read schema file {}: {}", file.string(), std::strerror(errno)));
  }
  return {std::istreambuf_iterator<char>(in), {}};
}

// Connects once at startup: fails fast, with one line, when the database cannot be reached, and
// reads the catalog of the views' real columns.
plan::Catalog load_catalog(const Settings& settings, const graphql::Schema& schema) {
  boost::asio::io_context io;
  auto done = boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<plan::Catalog> {
        auto connection = co_await pg::Connection::connect(connect_options(settings));
        co_return co_await exec::load_catalog(connection, schema);
      },
      boost::asio::use_future);
  io.run();
  try {
    return done.get();
  } catch (const std::exception& e) {
    // libpq's messages span lines and tabs; the CLI's errors are one line.
    std::string reason;
    for (char c : std::string_view(e.what())) {
      const bool space = c == '\n' || c == '\t' || c == ' ';
      if (!space)
        reason += c;
      else if (!reason.empty() && reason.back() != ' ')
        reason += ' ';
    }
    while (!reason.empty() && reason.back() == ' ') reason.pop_back();
    if (reason.find("PostgreSQL") == std::string::npos)
      reason = "cannot connect to PostgreSQL: " + reason;
    throw std::runtime_error(reason);
  }
}

}  // namespace

int serve(const Settings& settings, const sigset_t& signals) {
  if (settings.schema.empty()) {
    throw SettingsError("a schema file is required: --schema FILE (or SLUICE_SCHEMA)");
  }
  if (settings.database.empty()) {
    throw SettingsError(
        "a database is required: --database URL (or SLUICE_DATABASE, DATABASE_URL)");
  }
  auto loaded = graphql::load_schema(read_schema(settings.schema), settings.schema.string());
  if (!loaded) {
    std::string report = graphql::format_errors(settings.schema.string(), loaded.errors);
    while (!report.empty() && report.back() == '\n') report.pop_back();
    throw std::runtime_error(report);
  }
  auto catalog = std::make_shared<const plan::Catalog>(load_catalog(settings, *loaded.schema));
  for (const std::string& problem : catalog->missing) {
    spdlog::warn("event=schema_mismatch problem={}", server::logfmt(problem));
  }
  plan::PlanOptions plan_options;
  plan_options.max_rows = settings.max_rows;
  auto plans = std::make_shared<plan::PlanCache>(loaded.schema, catalog, plan_options);

  server::ServerOptions options{
      .address = settings.listen_address,
      .port = settings.listen_port,
      .threads = settings.threads,
      .header_limit = settings.header_limit,
      .body_limit = settings.body_limit,
      .read_timeout = settings.read_timeout,
      .idle_timeout = settings.idle_timeout,
      .shutdown_deadline = settings.shutdown_timeout,
  };
  server::AppOptions app{.pool = {.connection = connect_options(settings),
                                  .max_size = settings.pool_size,
                                  .acquire_timeout = settings.acquire_timeout},
                         .executor = {.flush_bytes = settings.flush_size},
                         .plans = plans};
  server::HttpServer server(options, server::app_handler_factory(app));
  spdlog::info("event=listening address={} port={} threads={} schema={}",
               server::logfmt(settings.listen_address), server.port(), settings.threads,
               server::logfmt(settings.schema.string()));

  // SIGINT/SIGTERM are blocked in every thread; this one waits for them.
  std::jthread signal_waiter([&](std::stop_token stop) {
    const timespec poll{.tv_sec = 0, .tv_nsec = 100'000'000};
    while (!stop.stop_requested()) {
      const int sig = sigtimedwait(&signals, nullptr, &poll);
      if (sig > 0) {
        spdlog::info("event=shutdown signal={}", sig == SIGINT ? "SIGINT" : "SIGTERM");
        server.request_stop();
        return;
      }
    }
  });
  server.run();
  signal_waiter.request_stop();
  spdlog::info("event=stopped");
  return 0;
}

}  // namespace sluice::cli
