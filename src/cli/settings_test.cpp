#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "settings.hpp"

namespace sluice::cli {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

class ConfigFile {
 public:
  explicit ConfigFile(const std::string& text)
      : path_(fs::temp_directory_path() / ("sluice-settings-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(counter_++) + ".toml")) {
    std::ofstream(path_) << text;
  }
  ~ConfigFile() { fs::remove(path_); }
  [[nodiscard]] std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

std::string error_of(const FlagValues& flags, const std::map<std::string, std::string>& env) {
  try {
    (void)resolve_settings(flags, env);
  } catch (const SettingsError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Settings, DefaultsWhenNothingIsGiven) {
  const Settings s = resolve_settings({}, {});
  EXPECT_EQ(s.listen_address, "127.0.0.1");
  EXPECT_EQ(s.listen_port, 8080);
  EXPECT_GE(s.threads, 1u);
  EXPECT_EQ(s.pool_size, 8u);
}

TEST(Settings, FlagBeatsEnvironmentBeatsConfigFile) {
  ConfigFile config(
      "schema = 'schema.graphql'\n"
      "[server]\nlisten = '127.0.0.1:7000'\nthreads = 3\n"
      "[database]\nurl = 'ignored'\npool_size = 5\nacquire_timeout = '250ms'\n");
  // The [database] key is "database", not "url": an unknown key is an error.
  EXPECT_NE(error_of({{"config", {config.path()}}}, {}).find("unknown setting [database] url"),
            std::string::npos);

  ConfigFile good(
      "schema = 'schema.graphql'\n"
      "[server]\nlisten = '127.0.0.1:7000'\nthreads = 3\n"
      "[database]\ndatabase = 'from-file'\npool_size = 5\nacquire_timeout = '250ms'\n");
  const std::map<std::string, std::string> env = {{"SLUICE_THREADS", "2"},
                                                  {"SLUICE_DATABASE", "from-env"},
                                                  {"DATABASE_URL", "from-database-url"}};
  const Settings s =
      resolve_settings({{"config", {good.path()}}, {"listen", {"127.0.0.1:9000"}}}, env);
  EXPECT_EQ(s.listen_port, 9000);          // flag
  EXPECT_EQ(s.threads, 2u);                // environment over file
  EXPECT_EQ(s.database, "from-env");       // SLUICE_DATABASE over DATABASE_URL
  EXPECT_EQ(s.pool_size, 5u);              // file
  EXPECT_EQ(s.acquire_timeout, 250ms);     // file, with a unit
  EXPECT_EQ(s.schema, fs::path(good.path()).parent_path() / "schema.graphql");  // relative to file

  EXPECT_EQ(resolve_settings({}, {{"DATABASE_URL", "postgresql://x/y"}}).database,
            "postgresql://x/y");
}

TEST(Settings, ConfigFileNamedByEnvironment) {
  ConfigFile config("[server]\nthreads = 7\n");
  EXPECT_EQ(resolve_settings({}, {{"SLUICE_CONFIG", config.path()}}).threads, 7u);
}

TEST(Settings, BadValuesNameTheSettingAndTheSource) {
  EXPECT_EQ(error_of({{"threads", {"many"}}}, {}),
            "--threads: invalid value 'many' for threads: expected a number of worker threads "
            "from 1 to 256");
  EXPECT_EQ(error_of({}, {{"SLUICE_LISTEN", "8080"}}),
            "SLUICE_LISTEN: invalid value '8080' for listen: expected ADDRESS:PORT, e.g. "
            "127.0.0.1:8080");
  EXPECT_EQ(error_of({{"pool-size", {"0"}}}, {}).substr(0, 39),
            "--pool-size: invalid value '0' for pool");
  ConfigFile config("[server]\nthreads = 'x'\n");
  EXPECT_EQ(error_of({{"config", {config.path()}}}, {}),
            config.path() + ":2:11: invalid value 'x' for threads: expected a number of worker "
                            "threads from 1 to 256");
}

TEST(Settings, MalformedConfigFileGivesLineAndColumn) {
  ConfigFile config("[server]\nthreads = = 3\n");
  const std::string error = error_of({{"config", {config.path()}}}, {});
  EXPECT_EQ(error.rfind(config.path() + ":2:", 0), 0u) << error;
}

TEST(Settings, DurationsSizesAndListenForms) {
  const Settings s = resolve_settings({{"statement-timeout", {"2s"}},
                                       {"read-timeout", {"1500"}},
                                       {"body-limit", {"2MiB"}},
                                       {"header-limit", {"8KiB"}},
                                       {"listen", {"[::1]:8443"}},
                                       {"sql", {"a.sql", "b.sql"}},
                                       {"max-rows", {"5000"}},
                                       {"flush-size", {"64KiB"}}},
                                      {});
  EXPECT_EQ(s.max_rows, 5000);
  EXPECT_EQ(s.flush_size, 64u << 10);
  EXPECT_NE(error_of({{"flush-size", {"12"}}}, {}).find("expected a size from 1KiB"),
            std::string::npos);
  EXPECT_EQ(s.statement_timeout, 2000ms);
  EXPECT_EQ(s.read_timeout, 1500ms);
  EXPECT_EQ(s.body_limit, 2u << 20);
  EXPECT_EQ(s.header_limit, 8u << 10);
  EXPECT_EQ(s.listen_address, "::1");
  EXPECT_EQ(s.listen_port, 8443);
  EXPECT_EQ(s.sql_files, (std::vector<fs::path>{"a.sql", "b.sql"}));
  EXPECT_EQ(resolve_settings({}, {{"SLUICE_SQL", "x.sql:y.sql"}}).sql_files,
            (std::vector<fs::path>{"x.sql", "y.sql"}));
}

}  // namespace
}  // namespace sluice::cli
