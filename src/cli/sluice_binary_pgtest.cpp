// End-to-end tests of the real `sluice` binary: flags, settings errors, `serve` against the
// harness's PostgreSQL, `dev` with its own embedded cluster, limits, and clean shutdown.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "binary_test_support.hpp"
#include "sluice_testing/pg.hpp"

namespace {
using namespace sluice::cli::binary_test;

std::vector<pid_t> postgres_processes_under(const fs::path& data_dir) {
  std::vector<pid_t> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline");
    std::string cmdline{std::istreambuf_iterator<char>(in), {}};
    if (cmdline.find("postgres") != std::string::npos &&
        cmdline.find(data_dir.string()) != std::string::npos) {
      found.push_back(std::stoi(name));
    }
  }
  return found;
}

class SluiceBinary : public sluice::testing::PgTest {
 protected:
  static fs::path schema() { return kSourceDir / "examples/blog/schema.graphql"; }
};

TEST_F(SluiceBinary, VersionAndHelp) {
  const Outcome version = run_to_end({"--version"});
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.output.rfind("sluice ", 0), 0u) << version.output;
  const Outcome help = run_to_end({"--help"});
  EXPECT_EQ(help.status, 0);
  for (const char* word : {"serve", "dev"}) {
    EXPECT_NE(help.output.find(word), std::string::npos) << help.output;
  }
}

TEST_F(SluiceBinary, CheckAndSchemaPrint) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("sluice-check-{}", ::getpid());
  fs::create_directories(dir);
  std::ofstream(dir / "good.graphql") << "{ users(limit: 1) { id username } }\n";
  std::ofstream(dir / "bad.graphql") << "query Q {\n  posts { nope }\n}\n";

  const Outcome good = run_to_end({"check", "--schema", schema(), (dir / "good.graphql").string()});
  EXPECT_EQ(good.status, 0) << good.output;
  const Outcome bad = run_to_end({"check", "--schema", schema(), (dir / "good.graphql").string(),
                                  (dir / "bad.graphql").string()});
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.output.find((dir / "bad.graphql").string() +
                            ":2:11: Cannot query field \"nope\" on type \"Post\"."),
            std::string::npos)
      << bad.output;
  const Outcome unreadable =
      run_to_end({"check", "--schema", schema(), (dir / "missing.graphql").string()});
  EXPECT_EQ(unreadable.status, 2);

  const Outcome printed = run_to_end({"schema", "print", "--schema", schema()});
  EXPECT_EQ(printed.status, 0);
  for (const char* generated :
       {"input PostWhere {", "input PostOrderBy {", "enum OrderDirection {", "directive @view("}) {
    EXPECT_NE(printed.output.find(generated), std::string::npos) << generated;
  }
  fs::remove_all(dir);
}

TEST_F(SluiceBinary, BadFlagsAreOneClearLineAndExitTwo) {
  const Outcome unknown = run_to_end({"serve", "--no-such-flag"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.output.find("--no-such-flag"), std::string::npos) << unknown.output;

  const Outcome bad_value = run_to_end({"serve", "--threads", "lots", "--schema", schema()});
  EXPECT_EQ(bad_value.status, 2);
  EXPECT_EQ(bad_value.output,
            "sluice: --threads: invalid value 'lots' for threads: expected a number of worker "
            "threads from 1 to 256\n");

  const Outcome no_command = run_to_end({});
  EXPECT_EQ(no_command.status, 2);
}

TEST_F(SluiceBinary, UnreadableSchemaAndUnreachableDatabaseFailClearly) {
  const Outcome no_schema =
      run_to_end({"serve", "--database", conninfo(), "--schema", "/nonexistent/schema.graphql",
                  "--listen", fmt::format("127.0.0.1:{}", free_port())});
  EXPECT_EQ(no_schema.status, 1);
  EXPECT_NE(no_schema.output.find("/nonexistent/schema.graphql"), std::string::npos)
      << no_schema.output;

  const Outcome no_database = run_to_end(
      {"serve", "--database", "host=/nonexistent-socket-dir dbname=x", "--connect-timeout", "2s",
       "--schema", schema(), "--listen", fmt::format("127.0.0.1:{}", free_port())});
  EXPECT_EQ(no_database.status, 1);
  EXPECT_NE(no_database.output.find("could not connect to PostgreSQL"), std::string::npos)
      << no_database.output;
  EXPECT_EQ(std::count(no_database.output.begin(), no_database.output.end(), '\n'), 1)
      << no_database.output;
}

TEST_F(SluiceBinary, ServeAnswersHealthAndLimitsAndStopsOnSigterm) {
  const std::uint16_t port = free_port();
  Process sluice({"serve", "--database", url(), "--schema", schema(), "--listen",
                  fmt::format("127.0.0.1:{}", port), "--threads", "2", "--body-limit", "4KiB"});
  ASSERT_TRUE(wait_healthy(sluice, port, 30s)) << sluice.output();
  // The database is empty: what the schema writes to is missing, said once per field.
  EXPECT_NE(sluice.output().find("level=warning event=schema_mismatch problem=\"Mutation."
                                 "createUser calls the function fn_create_user(jsonb), which the "
                                 "database does not have.\""),
            std::string::npos)
      << sluice.output();

  auto health = request(port, http::verb::get, "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  // Access log lines go out in batches, but a quiet server's last one within about a second.
  const auto logged_by = std::chrono::steady_clock::now() + 5s;
  while (sluice.output().find("method=GET path=/healthz status=200") == std::string::npos &&
         std::chrono::steady_clock::now() < logged_by) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_NE(sluice.output().find("method=GET path=/healthz status=200"), std::string::npos)
      << sluice.output();

  auto too_big = request(port, http::verb::post, "/graphql",
                         fmt::format(R"({{"query":"{{ {} }}"}})", std::string(8000, 'x')));
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 413);
  EXPECT_NE(too_big->body.find("\"errors\""), std::string::npos) << too_big->body;

  auto graphql = request(port, http::verb::post, "/graphql", R"({"query":"{ __typename }"})");
  ASSERT_TRUE(graphql);
  EXPECT_EQ(graphql->body, R"({"data":{"__typename":"Query"}})");

  auto missing = request(port, http::verb::get, "/nowhere");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);

  sluice.signal(SIGTERM);
  auto outcome = sluice.wait(30s);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->status, 0) << outcome->output;
  // One structured line per request.
  EXPECT_NE(outcome->output.find("method=GET path=/healthz status=200"), std::string::npos)
      << outcome->output;
  EXPECT_NE(outcome->output.find("method=POST path=/graphql status=413"), std::string::npos)
      << outcome->output;
}

TEST_F(SluiceBinary, HealthIs503WhileTheDatabaseIsDown) {
  const fs::path data = fs::temp_directory_path() / fmt::format("sluice-health-{}", ::getpid());
  const fs::path sockets = fs::temp_directory_path() / fmt::format("sluice-hs-{}", ::getpid());
  fs::remove_all(data);
  auto cluster = std::make_unique<sluice::devdb::Cluster>(
      sluice::devdb::ClusterOptions{.data_dir = data, .socket_dir = sockets, .durable = false});
  const std::string db = cluster->conninfo("postgres");
  const std::uint16_t port = free_port();
  Process sluice({"serve", "--database", db, "--schema", schema(), "--listen",
                  fmt::format("127.0.0.1:{}", port), "--connect-timeout", "1s", "--acquire-timeout",
                  "2s"});
  ASSERT_TRUE(wait_healthy(sluice, port, 30s)) << sluice.output();

  cluster.reset();  // PostgreSQL goes away
  auto down = request(port, http::verb::get, "/healthz");
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 503);

  cluster = std::make_unique<sluice::devdb::Cluster>(
      sluice::devdb::ClusterOptions{.data_dir = data, .socket_dir = sockets, .durable = false});
  EXPECT_TRUE(wait_healthy(sluice, port, 30s)) << "no recovery after PostgreSQL came back";

  sluice.signal(SIGTERM);
  EXPECT_TRUE(sluice.wait(30s));
  cluster.reset();
  fs::remove_all(data);
  fs::remove_all(sockets);
}

TEST_F(SluiceBinary, DevStartsEmbeddedPostgresAndLeavesNothingBehind) {
  const fs::path data = fs::temp_directory_path() / fmt::format("sluice-dev-{}", ::getpid());
  fs::remove_all(data);
  const std::uint16_t port = free_port();
  for (int signal : {SIGTERM, SIGINT}) {
    Process sluice({"dev", "--schema", schema(), "--sql",
                    (kSourceDir / "examples/blog/schema.sql").string(), "--data-dir", data.string(),
                    "--listen", fmt::format("127.0.0.1:{}", port)});
    ASSERT_TRUE(wait_healthy(sluice, port, 120s)) << sluice.output();
    EXPECT_FALSE(postgres_processes_under(data).empty());
    sluice.signal(signal);
    auto outcome = sluice.wait(60s);
    ASSERT_TRUE(outcome) << "sluice dev did not stop on signal " << signal;
    EXPECT_EQ(outcome->status, 0) << outcome->output;
    EXPECT_TRUE(postgres_processes_under(data).empty()) << "postgres left running";
  }
  fs::remove_all(data);
}

}  // namespace
