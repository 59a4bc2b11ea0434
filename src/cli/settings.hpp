#pragma once
// Settings of the `sluice` command and where they come from.
//
// Precedence, highest first: command-line flag, environment variable, TOML config file,
// built-in default. Every setting has the three spellings, derived from one name:
//   name "pool-size"  →  flag --pool-size,  env SLUICE_POOL_SIZE,  TOML key pool_size
//   (in the table it belongs to: [server], [database] or [dev]; see docs/CONFIGURATION.md).
// DATABASE_URL is accepted too, below SLUICE_DATABASE.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sluice::cli {

class SettingsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Settings {
  // [database]
  std::string database;  // URL or keyword/value DSN (serve only)
  unsigned pool_size = 8;  // connections per worker thread
  std::chrono::milliseconds acquire_timeout{5'000};
  std::chrono::milliseconds connect_timeout{5'000};
  std::chrono::milliseconds statement_timeout{0};  // 0: none
  // [server]
  std::string listen_address = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  unsigned threads = 0;  // 0: one per core
  std::size_t body_limit = 1 << 20;
  std::size_t header_limit = 16 << 10;
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_timeout{10'000};
  std::string log_level = "info";
  std::int64_t max_rows = 0;           // cap on every list field's rows; 0: unlimited
  std::size_t flush_size = 32 << 10;   // streamed responses go to the socket in pieces this big
  // schema file (both commands)
  std::filesystem::path schema;
  // [dev]
  std::filesystem::path data_dir = ".sluice/dev";
  std::vector<std::filesystem::path> sql_files;
};

// Values given on the command line, by setting name ("pool-size"); lists (sql) may repeat.
using FlagValues = std::map<std::string, std::vector<std::string>>;

// Resolves every setting from flags, the environment and the config file (the one named by the
// "config" flag or SLUICE_CONFIG, if any). Throws SettingsError with one clear line naming the
// setting, its source and what was expected.
[[nodiscard]] Settings resolve_settings(const FlagValues& flags,
                                        const std::map<std::string, std::string>& environment);

// The process environment as a map (only SLUICE_* and DATABASE_URL are ever read).
[[nodiscard]] std::map<std::string, std::string> process_environment();

}  // namespace sluice::cli
