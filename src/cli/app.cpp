#include "sluice/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>

#include "commands.hpp"
#include "logging.hpp"
#include "sluice/graphql/check.hpp"
#include "settings.hpp"

namespace sluice::cli {
namespace {

struct OptionHelp {
  const char* name;
  const char* help;
};

// Options shared by `serve` and `dev`; their values are resolved by resolve_settings().
constexpr OptionHelp kServerOptions[] = {
    {"listen", "ADDRESS:PORT to listen on (default 127.0.0.1:8080)"},
    {"threads", "worker threads, each with its own event loop and pool (default: cores)"},
    {"pool-size", "PostgreSQL connections per worker thread (default 8)"},
    {"acquire-timeout", "longest wait for a pooled connection (default 5s)"},
    {"connect-timeout", "longest wait to connect to PostgreSQL (default 5s)"},
    {"statement-timeout", "PostgreSQL statement_timeout, 0 for none (default 0)"},
    {"body-limit", "largest request body (default 1MiB)"},
    {"header-limit", "largest request header (default 16KiB)"},
    {"read-timeout", "longest time to receive one request (default 30s)"},
    {"idle-timeout", "keep-alive connections idle longer are closed (default 60s)"},
    {"shutdown-timeout", "in-flight requests get this long on SIGTERM (default 10s)"},
    {"log-level", "trace, debug, info, warn, error or off (default info)"},
    {"max-rows", "cap on the rows of every list field, 0 for unlimited (default 0)"},
    {"flush-size", "streamed responses are sent in pieces this big (default 32KiB)"},
    {"config", "TOML settings file (flags > SLUICE_* environment > file > defaults)"},
};

void add_option(CLI::App& cmd, FlagValues& flags, const char* name, const char* help,
                bool repeatable = false) {
  auto* option = cmd.add_option(fmt::format("--{}", name), flags[name], help);
  if (!repeatable) option->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

// Blocks the termination signals in every thread (call before any thread starts) so that one
// thread can wait for them with sigwait.
sigset_t block_termination_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// One "sluice: ..." line per line of the message (schema errors come one per problem).
void print_error(std::string_view message) {
  while (!message.empty()) {
    const auto end = message.find('\n');
    std::fprintf(stderr, "sluice: %.*s\n", static_cast<int>(message.substr(0, end).size()),
                 message.data());
    message = end == std::string_view::npos ? std::string_view{} : message.substr(end + 1);
  }
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Sluice: a GraphQL server for PostgreSQL that streams results of any size.",
               "sluice"};
  app.set_version_flag("--version", std::string("sluice ") + SLUICE_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  FlagValues flags;
  auto* serve_cmd = app.add_subcommand("serve", "Serve a GraphQL schema over a PostgreSQL database");
  add_option(*serve_cmd, flags, "database", "PostgreSQL URL or DSN (env SLUICE_DATABASE or DATABASE_URL)");
  add_option(*serve_cmd, flags, "schema", "GraphQL schema file (SDL with Sluice directives)");

  auto* dev_cmd = app.add_subcommand(
      "dev", "Serve a schema over an embedded PostgreSQL that Sluice starts and stops itself");
  add_option(*dev_cmd, flags, "schema", "GraphQL schema file (SDL with Sluice directives)");
  add_option(*dev_cmd, flags, "sql", "SQL files loaded, in order, into a freshly created cluster", true);
  add_option(*dev_cmd, flags, "data-dir",
             "cluster directory, reused between runs (default .sluice/dev)");

  for (auto* cmd : {serve_cmd, dev_cmd}) {
    for (const auto& o : kServerOptions) add_option(*cmd, flags, o.name, o.help);
  }

  std::string check_schema;
  std::string check_format = "text";
  std::vector<std::string> check_files;
  auto* check_cmd = app.add_subcommand(
      "check", "Validate operation files against a schema (exit 0 valid, 1 invalid, 2 unreadable)");
  check_cmd->add_option("--schema", check_schema, "GraphQL schema file")->required();
  check_cmd->add_option("--format", check_format, "text or json (one JSON object per file)")
      ->check(CLI::IsMember({"text", "json"}));
  check_cmd->add_option("files", check_files, "operation files (.graphql)")->required();

  std::string print_schema;
  auto* schema_cmd = app.add_subcommand("schema", "Schema tools");
  schema_cmd->require_subcommand(1);
  auto* print_cmd = schema_cmd->add_subcommand(
      "print", "Print the effective schema (with generated inputs) as SDL");
  print_cmd->add_option("--schema", print_schema, "GraphQL schema file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  // CLI11 creates empty entries for options that were not given; drop them.
  std::erase_if(flags, [](const auto& entry) { return entry.second.empty(); });

  if (*check_cmd || *print_cmd) {
    const auto outcome =
        *check_cmd ? graphql::check_command(check_schema, check_files,
                                            check_format == "json" ? graphql::ReportFormat::json
                                                                   : graphql::ReportFormat::text)
                   : graphql::schema_print_command(print_schema);
    std::fwrite(outcome.output.data(), 1, outcome.output.size(), stdout);
    return outcome.exit_code;
  }

  const sigset_t signals = block_termination_signals();
  try {
    Settings settings = resolve_settings(flags, process_environment());
    configure_logging(settings.log_level);
    const int status = *serve_cmd ? serve(settings, signals) : dev(settings, signals);
    flush_logs();
    return status;
  } catch (const SettingsError& e) {
    flush_logs();
    print_error(e.what());
    return 2;
  } catch (const std::exception& e) {
    flush_logs();
    print_error(e.what());
    return 1;
  }
}

}  // namespace sluice::cli
