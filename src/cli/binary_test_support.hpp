#pragma once
// Helpers for the tests that drive the real `sluice` binary (SLUICE_BINARY) over HTTP: a child
// process with captured output, free ports, and HTTP requests with a deadline.

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sluice::cli::binary_test {

namespace fs = std::filesystem;
namespace http = boost::beast::http;
using namespace std::chrono_literals;

inline const fs::path kSourceDir = SLUICE_SOURCE_DIR;

struct Outcome {
  int status = -1;
  std::string output;  // stdout and stderr together
};

// A running `sluice` process with its output captured to a file. The destructor kills it.
class Process {
 public:
  explicit Process(std::vector<std::string> args) {
    log_ =
        fs::temp_directory_path() / fmt::format("sluice-binary-{}-{}.log", ::getpid(), counter_++);
    args.insert(args.begin(), SLUICE_BINARY);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      // A test binary that crashes must not leave servers behind.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
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
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

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

inline Outcome run_to_end(std::vector<std::string> args) {
  Process p(std::move(args));
  auto outcome = p.wait(60s);
  EXPECT_TRUE(outcome.has_value()) << "sluice did not exit";
  return outcome.value_or(Outcome{});
}

struct Reply {
  int status = 0;
  std::string content_type;
  std::string body;
  http::fields headers;
  bool chunked = false;  // the body arrived with chunked transfer encoding
};

// Sends `req` on a new connection to 127.0.0.1:port and reads the whole response (bodies up to
// 64 MiB). nullopt when connecting, writing or reading failed or took longer than `deadline`.
inline std::optional<Reply> send(std::uint16_t port, http::request<http::string_body> req,
                                 std::chrono::milliseconds deadline = 30s) {
  boost::asio::io_context io;
  boost::beast::tcp_stream stream(io);
  stream.expires_after(deadline);
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  bool complete = false;
  const boost::asio::ip::tcp::endpoint endpoint{boost::asio::ip::make_address("127.0.0.1"), port};
  stream.async_connect(endpoint, [&](boost::beast::error_code connect_error) {
    if (connect_error) return;
    http::async_write(stream, req, [&](boost::beast::error_code write_error, std::size_t) {
      if (write_error) return;
      http::async_read(
          stream, buffer, parser,
          [&](boost::beast::error_code read_error, std::size_t) { complete = !read_error; });
    });
  });
  io.run();
  if (!complete) return std::nullopt;
  auto& res = parser.get();
  return Reply{static_cast<int>(res.result_int()), std::string(res[http::field::content_type]),
               res.body(), res.base(), parser.chunked()};
}

inline std::optional<Reply> request(std::uint16_t port, http::verb method,
                                    const std::string& target, const std::string& body = "",
                                    const std::string& content_type = "application/json") {
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!body.empty()) req.set(http::field::content_type, content_type);
  req.body() = body;
  req.prepare_payload();
  return send(port, std::move(req));
}

inline std::uint16_t free_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

// Polls /healthz until it answers 200 or the process exits.
inline bool wait_healthy(Process& p, std::uint16_t port, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (auto r = request(port, http::verb::get, "/healthz"); r && r->status == 200) return true;
    int status = 0;
    if (::waitpid(p.pid(), &status, WNOHANG) != 0) return false;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

}  // namespace sluice::cli::binary_test
