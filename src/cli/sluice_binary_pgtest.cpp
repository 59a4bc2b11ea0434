// End-to-end tests of the real `sluice` binary: flags, settings errors, `serve` against the
// harness's PostgreSQL, `dev` with its own embedded cluster, limits, and clean shutdown.

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sluice_testing/pg.hpp"

namespace {
namespace fs = std::filesystem;
namespace http = boost::beast::http;
using namespace std::chrono_literals;

const fs::path kSourceDir = SLUICE_SOURCE_DIR;

struct Outcome {
  int status = -1;
  std::string output;  // stdout and stderr together
};

// A running `sluice` process with its output captured to a file.
class Process {
 public:
  explicit Process(std::vector<std::string> args) {
    log_ = fs::temp_directory_path() / fmt::format("sluice-binary-{}-{}.log", ::getpid(), counter_++);
    args.insert(args.begin(), SLUICE_BINARY);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~Process() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    fs::remove(log_);
  }
  void signal(int sig) const { ::kill(pid_, sig); }

  // Waits for the exit; nullopt if it did not exit in time.
  std::optional<Outcome> wait(std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return Outcome{WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), output()};
      }
      std::this_thread::sleep_for(20ms);
    }
    return std::nullopt;
  }
  [[nodiscard]] std::string output() const {
    std::ifstream in(log_);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  [[nodiscard]] pid_t pid() const { return pid_; }

 private:
  static inline int counter_ = 0;
  fs::path log_;
  pid_t pid_ = -1;
};

Outcome run_to_end(std::vector<std::string> args) {
  Process p(std::move(args));
  auto outcome = p.wait(60s);
  EXPECT_TRUE(outcome.has_value()) << "sluice did not exit";
  return outcome.value_or(Outcome{});
}

struct Reply {
  int status = 0;
  std::string content_type;
  std::string body;
};

std::optional<Reply> request(std::uint16_t port, http::verb method, const std::string& target,
                             const std::string& body = "",
                             const std::string& content_type = "application/json") {
  try {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!body.empty()) req.set(http::field::content_type, content_type);
    req.body() = body;
    req.prepare_payload();
    http::write(socket, req);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(socket, buffer, parser);
    auto& res = parser.get();
    return Reply{static_cast<int>(res.result_int()), std::string(res[http::field::content_type]),
                 res.body()};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::uint16_t free_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

// Polls /healthz until it answers 200 or the process exits.
bool wait_healthy(Process& p, std::uint16_t port, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (auto r = request(port, http::verb::get, "/healthz"); r && r->status == 200) return true;
    int status = 0;
    if (::waitpid(p.pid(), &status, WNOHANG) != 0) return false;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

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
  const Outcome no_schema = run_to_end({"serve", "--database", conninfo(), "--schema",
                                        "/nonexistent/schema.graphql", "--listen",
                                        fmt::format("127.0.0.1:{}", free_port())});
  EXPECT_EQ(no_schema.status, 1);
  EXPECT_NE(no_schema.output.find("/nonexistent/schema.graphql"), std::string::npos)
      << no_schema.output;

  const Outcome no_database =
      run_to_end({"serve", "--database", "host=/nonexistent-socket-dir dbname=x",
                  "--connect-timeout", "2s", "--schema", schema(), "--listen",
                  fmt::format("127.0.0.1:{}", free_port())});
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

  auto health = request(port, http::verb::get, "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  auto too_big = request(port, http::verb::post, "/graphql",
                         fmt::format(R"({{"query":"{{ {} }}"}})", std::string(8000, 'x')));
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 413);
  EXPECT_NE(too_big->body.find("\"errors\""), std::string::npos) << too_big->body;

  auto graphql = request(port, http::verb::post, "/graphql", R"({"query":"{ __typename }"})");
  ASSERT_TRUE(graphql);
  EXPECT_NE(graphql->body.find("\"errors\""), std::string::npos) << graphql->body;

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
                  fmt::format("127.0.0.1:{}", port), "--connect-timeout", "1s",
                  "--acquire-timeout", "2s"});
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
                    (kSourceDir / "examples/blog/schema.sql").string(), "--data-dir",
                    data.string(), "--listen", fmt::format("127.0.0.1:{}", port)});
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
