// HttpServer over real loopback sockets. Clients are Beast's own HTTP parser over a tcp_stream
// whose timeout bounds every read, so a broken server fails a test instead of hanging it.

#include "sluice/server/http_server.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <cstdlib>
#include <ctime>
#include <future>
#include <mutex>
#include <regex>
#include <set>
#include <stdexcept>
#include <thread>

namespace sluice::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using namespace std::string_literals;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// Upper bound for anything a test waits for; reaching it means the behaviour under test failed.
constexpr auto kPatience = 10s;

using HandleFn = std::function<asio::awaitable<void>(const Request&, Response&)>;

class FnHandler final : public Handler {
 public:
  explicit FnHandler(const HandleFn& fn) : fn_(fn) {}
  asio::awaitable<void> handle(const Request& request, Response& response) override {
    return fn_(request, response);
  }

 private:
  const HandleFn& fn_;
};

class CaptureSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::vector<std::string> lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    lines_.emplace_back(message.payload.data(), message.payload.size());
  }
  void flush_() override {}

 private:
  std::vector<std::string> lines_;
};

ServerOptions test_options() {
  ServerOptions options;
  options.address = "127.0.0.1";
  options.port = 0;
  options.threads = 2;
  options.read_timeout = 2s;
  options.idle_timeout = 2s;
  options.write_timeout = 2s;
  options.shutdown_deadline = 2s;
  return options;
}

// Deterministic, non-periodic bytes, so a reordered or dropped chunk cannot go unnoticed.
std::string pattern(std::size_t size) {
  std::string out(size, '\0');
  std::uint32_t state = 12345;
  for (char& c : out) {
    state = state * 1103515245u + 12345u;
    c = static_cast<char>('a' + (state >> 16) % 26);
  }
  return out;
}

asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(asio::use_awaitable);
}

class TestServer {
 public:
  explicit TestServer(HandleFn fn, ServerOptions options = test_options())
      : fn_(std::move(fn)), sink_(std::make_shared<CaptureSink>()) {
    options.logger = std::make_shared<spdlog::logger>("http_server_test", sink_);
    server_ = std::make_unique<HttpServer>(std::move(options), [this](asio::io_context& io) {
      contexts_.insert(&io);
      return std::make_unique<FnHandler>(fn_);
    });
    run_ = std::async(std::launch::async, [this] { server_->run(); });
  }
  ~TestServer() {
    if (run_.valid()) {
      server_->request_stop();
      if (run_.wait_for(kPatience) != std::future_status::ready) {
        ADD_FAILURE() << "HttpServer::run() did not return after request_stop()";
        std::abort();  // joining would hang the whole test binary
      }
    }
  }

  std::uint16_t port() const { return server_->port(); }
  void request_stop() { server_->request_stop(); }
  // True when run() returned within the patience bound.
  bool wait_stopped() {
    const bool ready = run_.wait_for(kPatience) == std::future_status::ready;
    if (ready) run_.get();
    return ready;
  }
  std::vector<std::string> log_lines() const { return sink_->lines(); }
  std::size_t handler_count() const { return contexts_.size(); }

 private:
  HandleFn fn_;
  std::shared_ptr<CaptureSink> sink_;
  std::set<asio::io_context*> contexts_;
  std::unique_ptr<HttpServer> server_;
  std::future<void> run_;
};

struct Reply {
  error_code ec;
  bool header_done = false;
  bool complete = false;
  bool chunked = false;
  http::response<http::string_body> message;  // what arrived, complete or not
};

// A blocking HTTP client over async operations: every operation runs the client's own
// io_context under the stream's timeout.
class Client {
 public:
  explicit Client(std::uint16_t port, int receive_buffer = 0) {
    stream_.socket().open(tcp::v4());
    if (receive_buffer > 0) {
      stream_.socket().set_option(asio::socket_base::receive_buffer_size(receive_buffer));
    }
    stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), connect_error_);
    if (!connect_error_) stream_.socket().set_option(tcp::no_delay(true));
  }

  error_code connect_error() const { return connect_error_; }

  error_code send(std::string_view bytes) {
    error_code result;
    stream_.expires_after(kPatience);
    asio::async_write(stream_, asio::buffer(bytes),
                      [&](error_code ec, std::size_t) { result = ec; });
    run();
    return result;
  }

  Reply read(bool head_request = false) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(256 * 1024 * 1024);
    parser.skip(head_request);
    Reply reply;
    stream_.expires_after(kPatience);
    http::async_read(stream_, buffer_, parser, [&](error_code ec, std::size_t) { reply.ec = ec; });
    run();
    reply.header_done = parser.is_header_done();
    reply.complete = parser.is_done();
    reply.chunked = reply.header_done && parser.chunked();
    reply.message = parser.release();
    return reply;
  }

  // Reads raw bytes until `delimiter` has arrived (or an error); returns everything read.
  std::string read_until(std::string_view delimiter) {
    std::string data;
    while (data.find(delimiter) == std::string::npos) {
      const auto [ec, chunk] = read_some();
      if (ec) break;
      data += chunk;
    }
    return data;
  }

  // Reads until the server ends the connection; returns the error that ended it (eof for an
  // orderly close, beast::error::timeout when the server never closed).
  error_code wait_closed() {
    for (;;) {
      if (const auto [ec, chunk] = read_some(); ec) return ec;
    }
  }

  void close() { stream_.close(); }

 private:
  std::pair<error_code, std::string> read_some() {
    std::pair<error_code, std::string> result;
    if (buffer_.size() > 0) {
      result.second = beast::buffers_to_string(buffer_.data());
      buffer_.consume(buffer_.size());
      return result;
    }
    std::array<char, 16 * 1024> chunk;
    stream_.expires_after(kPatience);
    stream_.async_read_some(asio::buffer(chunk), [&](error_code ec, std::size_t n) {
      result = {ec, std::string(chunk.data(), n)};
    });
    run();
    return result;
  }

  void run() {
    io_.restart();
    io_.run();
  }

  asio::io_context io_;
  beast::tcp_stream stream_{io_};
  beast::flat_buffer buffer_;
  error_code connect_error_;
};

std::string get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) +
         "\r\n";
}

// An orderly close or a reset, as a raw read or Beast's read of a response sees it.
bool is_closed_by_server(error_code ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == http::error::end_of_stream;
}

// The message of a transport error body `{"errors":[{"message":"..."}]}`, "" if malformed.
std::string error_message(const std::string& body) {
  simdjson::dom::parser parser;
  std::string_view message;
  if (parser.parse(body).at_pointer("/errors/0/message").get(message)) return "";
  return std::string(message);
}

// The single log line for `path`, with its fields in the documented order.
std::smatch access_line(const std::vector<std::string>& lines, const std::string& path,
                        std::string* storage) {
  static const std::regex format(
      R"(^method=(\S+) path=(\S+) status=(\d+) bytes=(\d+) us=(\d+)( aborted=true)?( error=.*)?$)");
  std::smatch match;
  int found = 0;
  for (const auto& line : lines) {
    std::smatch candidate;
    if (std::regex_match(line, candidate, format) && candidate[2] == path) {
      *storage = line;
      ++found;
    }
  }
  EXPECT_EQ(found, 1) << "log lines for " << path;
  if (found == 1) std::regex_match(*storage, match, format);
  return match;
}

TEST(HttpServer, BindsAFreePortAndMakesOneHandlerPerWorker) {
  TestServer server([](const Request&, Response&) -> asio::awaitable<void> { co_return; });
  EXPECT_NE(server.port(), 0);
  EXPECT_EQ(server.handler_count(), test_options().threads);
}

TEST(HttpServer, SmallResponseGoesOutWholeWithContentLength) {
  TestServer server([](const Request&, Response& response) -> asio::awaitable<void> {
    response.set_header("Content-Type", "text/plain");
    co_await response.write("hello ");
    co_await response.write("world");
  });
  Client client(server.port());
  ASSERT_FALSE(client.send(get("/hello")));
  const Reply reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.message.result(), http::status::ok);
  EXPECT_FALSE(reply.chunked);
  EXPECT_EQ(reply.message[http::field::content_length], "11");
  EXPECT_EQ(reply.message[http::field::content_type], "text/plain");
  EXPECT_EQ(reply.message.body(), "hello world");
  EXPECT_TRUE(reply.message.keep_alive());
  // Date: an IMF-fixdate (RFC 9110 section 5.6.7) of the current time.
  std::tm date{};
  const std::string date_text(reply.message[http::field::date]);
  const char* end = strptime(date_text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &date);
  ASSERT_TRUE(end != nullptr && *end == '\0') << date_text;
  EXPECT_LE(std::abs(timegm(&date) - std::time(nullptr)), 5) << date_text;

  server.request_stop();
  ASSERT_TRUE(server.wait_stopped());
  std::string line;
  const auto match = access_line(server.log_lines(), "/hello", &line);
  ASSERT_FALSE(match.empty());
  EXPECT_EQ(match[1], "GET");
  EXPECT_EQ(match[3], "200");
  EXPECT_EQ(match[4], "11");
  EXPECT_FALSE(match[6].matched);
}

TEST(HttpServer, RequestExposesMethodTargetPathQueryHeadersAndBody) {
  TestServer server([](const Request& request, Response& response) -> asio::awaitable<void> {
    std::string out;
    for (const char* name : {"x", "y", "flag", "missing"}) {
      const auto value = request.query_param(name);
      out += std::string(name) + "=" + (value ? "[" + *value + "]" : "none") + "\n";
    }
    out += std::string(request.method()) + "\n" + std::string(request.target()) + "\n" +
           std::string(request.path()) + "\n" + std::string(request.headers()["X-Test"]) + "\n" +
           std::string(request.body()) + "\n" + std::to_string(request.version());
    co_await response.write(out);
  });
  Client client(server.port());
  const std::string target = "/echo/a%2Fb?x=1+2&y=%C3%A9&flag";
  ASSERT_FALSE(client.send("POST " + target +
                           " HTTP/1.1\r\nHost: test\r\nX-Test: v\r\nContent-Length: 7\r\n\r\n"
                           "payload"));
  const Reply reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  // Query decoding per the URL spec's form encoding: '+' is a space, %XX a byte.
  EXPECT_EQ(reply.message.body(), "x=[1 2]\ny=[\xC3\xA9]\nflag=[]\nmissing=none\nPOST\n" + target +
                                      "\n/echo/a%2Fb\nv\npayload\n11");
}

TEST(HttpServer, RequestSplitAtAnyByteIsServed) {
  TestServer server([](const Request& request, Response& response) -> asio::awaitable<void> {
    co_await response.write(request.body());
  });
  const std::string request =
      "POST /split HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello";
  Client client(server.port());
  for (std::size_t split = 1; split < request.size(); ++split) {
    ASSERT_FALSE(client.send(request.substr(0, split)));
    std::this_thread::sleep_for(1ms);  // lets the server read the first part on its own
    ASSERT_FALSE(client.send(request.substr(split)));
    const Reply reply = client.read();
    ASSERT_FALSE(reply.ec) << "split at " << split << ": " << reply.ec.message();
    EXPECT_EQ(reply.message.body(), "hello") << "split at " << split;
  }
}

TEST(HttpServer, LargeResponseStreamsChunkedAndArrivesIntact) {
  const std::string body = pattern(1024 * 1024);
  std::atomic<bool> all_writes_accepted = true;
  TestServer server([&](const Request&, Response& response) -> asio::awaitable<void> {
    constexpr std::size_t kPiece = 10'000;  // not a divisor of the total: a short last piece
    for (std::size_t at = 0; at < body.size(); at += kPiece) {
      if (!co_await response.write(std::string_view(body).substr(at, kPiece))) {
        all_writes_accepted = false;
      }
    }
  });
  Client client(server.port());
  ASSERT_FALSE(client.send(get("/big")));
  const Reply reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_TRUE(reply.chunked);
  EXPECT_EQ(reply.message.count(http::field::content_length), 0u);
  EXPECT_EQ(reply.message.body().size(), body.size());
  EXPECT_TRUE(reply.message.body() == body);
  EXPECT_TRUE(all_writes_accepted);

  // The connection is still usable after the last chunk.
  ASSERT_FALSE(client.send(get("/big")));
  EXPECT_TRUE(client.read().message.body() == body);

  server.request_stop();
  ASSERT_TRUE(server.wait_stopped());
  const auto lines = server.log_lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find(" bytes=" + std::to_string(body.size()) + " "), std::string::npos)
      << lines[0];
}

TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  TestServer server([](const Request& request, Response& response) -> asio::awaitable<void> {
    co_await response.write(request.path());
  });
  Client client(server.port());
  for (int i = 0; i < 5; ++i) {
    const std::string path = "/r" + std::to_string(i);
    ASSERT_FALSE(client.send(get(path)));
    const Reply reply = client.read();
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_EQ(reply.message.body(), path);
    EXPECT_TRUE(reply.message.keep_alive());
  }
  server.request_stop();
  ASSERT_TRUE(server.wait_stopped());
  EXPECT_EQ(server.log_lines().size(), 5u);
}

TEST(HttpServer, PipelinedRequestsAreAnsweredInOrder) {
  TestServer server([](const Request& request, Response& response) -> asio::awaitable<void> {
    if (request.path() == "/slow") co_await sleep_for(100ms);  // would lose a race if parallel
    co_await response.write(request.path());
  });
  Client client(server.port());
  ASSERT_FALSE(client.send(get("/slow") + get("/b") + get("/c")));
  for (const char* path : {"/slow", "/b", "/c"}) {
    const Reply reply = client.read();
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_EQ(reply.message.body(), path);
  }
}

TEST(HttpServer, PipelinedDataWhileAHandlerRunsDoesNotCancelIt) {
  std::promise<void> started;
  TestServer server([&](const Request& request, Response& response) -> asio::awaitable<void> {
    if (request.path() == "/first") {
      started.set_value();
      co_await sleep_for(200ms);
    }
    co_await response.write(request.path());
  });
  Client client(server.port());
  ASSERT_FALSE(client.send(get("/first")));
  ASSERT_EQ(started.get_future().wait_for(kPatience), std::future_status::ready);
  ASSERT_FALSE(client.send(get("/second")));
  for (const char* path : {"/first", "/second"}) {
    const Reply reply = client.read();
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_EQ(reply.message.body(), path);
  }
}

TEST(HttpServer, ContinueIsSentBeforeTheBodyIsRead) {
  TestServer server([](const Request& request, Response& response) -> asio::awaitable<void> {
    co_await response.write(request.body());
  });
  Client client(server.port());
  ASSERT_FALSE(client.send(
      "POST /up HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  EXPECT_EQ(client.read_until("\r\n\r\n"), "HTTP/1.1 100 Continue\r\n\r\n");
  ASSERT_FALSE(client.send("hello"));
  const Reply reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.message.body(), "hello");
}

class LimitTest : public ::testing::Test {
 protected:
  static ServerOptions options() {
    ServerOptions options = test_options();
    options.header_limit = 1024;
    options.body_limit = 1024;
    return options;
  }
  void expect_error(Client& client, http::status status) {
    const Reply reply = client.read();
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_EQ(reply.message.result(), status);
    EXPECT_EQ(reply.message[http::field::content_type], "application/json");
    EXPECT_FALSE(error_message(reply.message.body()).empty()) << reply.message.body();
    EXPECT_FALSE(reply.message.keep_alive());
    EXPECT_TRUE(is_closed_by_server(client.wait_closed()));
  }

  std::atomic<int> handled_ = 0;
  TestServer server_{[this](const Request&, Response&) -> asio::awaitable<void> {
                       ++handled_;
                       co_return;
                     },
                     options()};
};

TEST_F(LimitTest, ContentLengthOverTheBodyLimitIs413BeforeTheBodyIsSent) {
  Client client(server_.port());
  ASSERT_FALSE(client.send("POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: 1025\r\n\r\n"));
  expect_error(client, http::status::payload_too_large);
  EXPECT_EQ(handled_, 0);
}

TEST_F(LimitTest, ChunkedBodyOverTheBodyLimitIs413) {
  Client client(server_.port());
  ASSERT_FALSE(
      client.send("POST /x HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" +
                  std::string(0x800, 'a') + "\r\n"));
  expect_error(client, http::status::payload_too_large);
  EXPECT_EQ(handled_, 0);
}

TEST_F(LimitTest, BodyAtTheLimitIsAccepted) {
  Client client(server_.port());
  ASSERT_FALSE(client.send("POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: 1024\r\n\r\n" +
                           std::string(1024, 'a')));
  const Reply reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.message.result(), http::status::ok);
  EXPECT_EQ(handled_, 1);
}

TEST_F(LimitTest, HeadersOverTheHeaderLimitAre431) {
  Client client(server_.port());
  ASSERT_FALSE(client.send(get("/x", "X-Pad: " + std::string(2000, 'a') + "\r\n")));
  expect_error(client, http::status::request_header_fields_too_large);
  EXPECT_EQ(handled_, 0);
}

TEST_F(LimitTest, MalformedRequestIs400) {
  for (const std::string& request : {"GET / HTTP/1.1\r\nHost: test\r\nno colon here\r\n\r\n"s,
                                     get("/bad%zz")}) {  // HTTP parses, the URL does not
    Client client(server_.port());
    ASSERT_FALSE(client.send(request));
    expect_error(client, http::status::bad_request);
  }
  EXPECT_EQ(handled_, 0);
}

TEST(HttpServer, StalledPartialRequestIsClosedAfterTheReadTimeout) {
  ServerOptions options = test_options();
  options.read_timeout = 200ms;
  TestServer server([](const Request&, Response&) -> asio::awaitable<void> { co_return; }, options);
  Client stalled_header(server.port());
  ASSERT_FALSE(stalled_header.send("GET /stall HTTP/1.1\r\nHost: test\r\n"));
  Client stalled_body(server.port());
  ASSERT_FALSE(
      stalled_body.send("POST /body HTTP/1.1\r\nHost: test\r\nContent-Length: 10\r\n\r\nabc"));
  EXPECT_TRUE(is_closed_by_server(stalled_header.wait_closed()));
  EXPECT_TRUE(is_closed_by_server(stalled_body.wait_closed()));

  server.request_stop();
  ASSERT_TRUE(server.wait_stopped());
  std::string line;
  EXPECT_EQ(access_line(server.log_lines(), "/stall", &line)[3], "408") << line;
  EXPECT_EQ(access_line(server.log_lines(), "/body", &line)[3], "408") << line;
}

TEST(HttpServer, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  ServerOptions options = test_options();
  options.idle_timeout = 200ms;
  TestServer server([](const Request&, Response&) -> asio::awaitable<void> { co_return; }, options);
  Client client(server.port());
  ASSERT_FALSE(client.send(get("/once")));
  ASSERT_FALSE(client.read().ec);
  EXPECT_TRUE(is_closed_by_server(client.wait_closed()));
}

TEST(HttpServer, ConnectionCloseAndHttp10AreHonoured) {
  TestServer server([](const Request&, Response& response) -> asio::awaitable<void> {
    co_await response.write("bye");
  });
  for (const std::string& request :
       {get("/close", "Connection: close\r\n"), std::string("GET /old HTTP/1.0\r\n\r\n")}) {
    Client client(server.port());
    ASSERT_FALSE(client.send(request));
    const Reply reply = client.read();
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_EQ(reply.message.body(), "bye");
    EXPECT_EQ(reply.message[http::field::content_length], "3");
    EXPECT_EQ(reply.message[http::field::connection], "close");
    EXPECT_TRUE(is_closed_by_server(client.wait_closed()));
  }
  Client keep(server.port());
  ASSERT_FALSE(keep.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  EXPECT_EQ(keep.read().message[http::field::connection], "keep-alive");
  ASSERT_FALSE(keep.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  EXPECT_EQ(keep.read().message.body(), "bye");
}

TEST(HttpServer, Http10StreamIsDelimitedByClose) {
  const std::string body = pattern(200 * 1024);
  TestServer server([&](const Request&, Response& response) -> asio::awaitable<void> {
    co_await response.write(std::string_view(body).substr(0, 100 * 1024));
    co_await response.write(std::string_view(body).substr(100 * 1024));
  });
  Client client(server.port());
  ASSERT_FALSE(client.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  const Reply reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_FALSE(reply.chunked);
  EXPECT_EQ(reply.message.count(http::field::content_length), 0u);
  EXPECT_TRUE(reply.message.body() == body);
}

TEST(HttpServer, HeadAnnouncesTheLengthWithoutABody) {
  TestServer server([](const Request&, Response& response) -> asio::awaitable<void> {
    co_await response.write("hello");
  });
  Client client(server.port());
  ASSERT_FALSE(client.send("HEAD /h HTTP/1.1\r\nHost: test\r\n\r\n"));
  const Reply head = client.read(/*head_request=*/true);
  ASSERT_FALSE(head.ec) << head.ec.message();
  EXPECT_EQ(head.message[http::field::content_length], "5");
  // Framing intact: the next response on the connection parses.
  ASSERT_FALSE(client.send(get("/h")));
  EXPECT_EQ(client.read().message.body(), "hello");
}

TEST(HttpServer, ClientDisconnectCancelsTheRunningHandler) {
  std::promise<void> started;
  std::promise<error_code> outcome;
  TestServer server([&](const Request&, Response&) -> asio::awaitable<void> {
    started.set_value();
    asio::steady_timer timer(co_await asio::this_coro::executor, 1h);
    const auto [ec] = co_await timer.async_wait(kUseTuple);
    outcome.set_value(ec);
  });
  Client client(server.port());
  ASSERT_FALSE(client.send(get("/wait")));
  ASSERT_EQ(started.get_future().wait_for(kPatience), std::future_status::ready);
  client.close();
  auto cancelled = outcome.get_future();
  ASSERT_EQ(cancelled.wait_for(kPatience), std::future_status::ready);
  EXPECT_EQ(cancelled.get(), asio::error::operation_aborted);

  server.request_stop();
  ASSERT_TRUE(server.wait_stopped());
  std::string line;
  EXPECT_EQ(access_line(server.log_lines(), "/wait", &line)[3], "499") << line;
}

TEST(HttpServer, WriteReturnsFalseOnceTheClientIsGone) {
  std::promise<bool> result;
  TestServer server([&](const Request&, Response& response) -> asio::awaitable<void> {
    co_await asio::this_coro::throw_if_cancelled(false);
    const std::string piece = pattern(64 * 1024);
    bool ok = true;
    for (int i = 0; ok && i < 100'000; ++i) ok = co_await response.write(piece);
    result.set_value(ok);
  });
  Client client(server.port());
  ASSERT_FALSE(client.send(get("/endless")));
  EXPECT_FALSE(client.read_until("\r\n\r\n").empty());
  client.close();
  auto finished = result.get_future();
  ASSERT_EQ(finished.wait_for(kPatience), std::future_status::ready);
  EXPECT_FALSE(finished.get());
}

TEST(HttpServer, GracefulShutdownLetsTheInFlightRequestFinish) {
  std::promise<void> started;
  TestServer server([&](const Request& request, Response& response) -> asio::awaitable<void> {
    if (request.path() == "/slow") {
      started.set_value();
      co_await sleep_for(300ms);
      co_await response.write("done");
    } else {
      co_await response.write("ok");
    }
  });
  Client idle(server.port());
  ASSERT_FALSE(idle.send(get("/fast")));
  ASSERT_TRUE(idle.read().message.keep_alive());
  Client slow(server.port());
  ASSERT_FALSE(slow.send(get("/slow")));
  ASSERT_EQ(started.get_future().wait_for(kPatience), std::future_status::ready);

  server.request_stop();
  EXPECT_TRUE(is_closed_by_server(idle.wait_closed()));
  const Reply reply = slow.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.message.body(), "done");
  EXPECT_EQ(reply.message[http::field::connection], "close");
  EXPECT_TRUE(is_closed_by_server(slow.wait_closed()));
  slow.close();
  EXPECT_TRUE(server.wait_stopped());
  EXPECT_TRUE(Client(server.port()).connect_error());  // nobody listens any more
}

TEST(HttpServer, ShutdownDeadlineCancelsWhatIsStillRunning) {
  ServerOptions options = test_options();
  options.shutdown_deadline = 200ms;
  std::promise<void> started;
  std::promise<error_code> outcome;
  TestServer server(
      [&](const Request&, Response&) -> asio::awaitable<void> {
        started.set_value();
        asio::steady_timer timer(co_await asio::this_coro::executor, 1h);
        const auto [ec] = co_await timer.async_wait(kUseTuple);
        outcome.set_value(ec);
      },
      options);
  Client client(server.port());
  ASSERT_FALSE(client.send(get("/stuck")));
  ASSERT_EQ(started.get_future().wait_for(kPatience), std::future_status::ready);
  server.request_stop();
  EXPECT_TRUE(server.wait_stopped());
  auto cancelled = outcome.get_future();
  ASSERT_EQ(cancelled.wait_for(0s), std::future_status::ready);
  EXPECT_EQ(cancelled.get(), asio::error::operation_aborted);
  const Reply reply = client.read();
  EXPECT_TRUE(is_closed_by_server(reply.ec)) << reply.ec.message();
  EXPECT_FALSE(reply.header_done);
}

class FailingStreamTest : public ::testing::TestWithParam<bool> {};

TEST_P(FailingStreamTest, LeavesTheClientWithAnIncompleteChunkedBody) {
  const bool by_abort = GetParam();
  const std::string body = pattern(100 * 1024);  // over the 64 KiB buffered response limit
  TestServer server([&](const Request&, Response& response) -> asio::awaitable<void> {
    co_await response.write(std::string_view(body).substr(0, 50 * 1024));
    co_await response.write(std::string_view(body).substr(50 * 1024));
    if (!response.streaming()) throw std::logic_error("expected the response to stream by now");
    if (by_abort) {
      response.abort();
      co_return;
    }
    throw std::runtime_error("row violates non-null");
  });
  Client client(server.port());
  ASSERT_FALSE(client.send(get("/broken")));
  const Reply reply = client.read();
  EXPECT_TRUE(reply.ec);
  EXPECT_TRUE(reply.header_done);
  EXPECT_TRUE(reply.chunked);
  EXPECT_FALSE(reply.complete);
  EXPECT_LE(reply.message.body().size(), body.size());
  EXPECT_TRUE(body.starts_with(reply.message.body()));

  server.request_stop();
  ASSERT_TRUE(server.wait_stopped());
  std::string line;
  const auto match = access_line(server.log_lines(), "/broken", &line);
  ASSERT_FALSE(match.empty());
  EXPECT_EQ(match[3], "200");
  EXPECT_TRUE(match[6].matched) << line;  // aborted=true
  EXPECT_EQ(match[7].matched, !by_abort) << line;
}

INSTANTIATE_TEST_SUITE_P(ThrowOrAbort, FailingStreamTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param) {
                           return param.param ? "Abort" : "Throw";
                         });

TEST(HttpServer, HandlerThrowingBeforeStreamingGives500WithJsonError) {
  TestServer server([](const Request&, Response& response) -> asio::awaitable<void> {
    response.set_header("Content-Type", "text/plain");
    co_await response.write("partial");
    throw std::runtime_error("plan failed");
  });
  Client client(server.port());
  ASSERT_FALSE(client.send(get("/fails")));
  const Reply reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.message.result(), http::status::internal_server_error);
  EXPECT_EQ(reply.message[http::field::content_type], "application/json");
  EXPECT_FALSE(error_message(reply.message.body()).empty()) << reply.message.body();
  EXPECT_EQ(reply.message.body().find("partial"), std::string::npos);

  server.request_stop();
  ASSERT_TRUE(server.wait_stopped());
  std::string line;
  const auto match = access_line(server.log_lines(), "/fails", &line);
  ASSERT_FALSE(match.empty());
  EXPECT_EQ(match[3], "500");
  EXPECT_EQ(match[7], R"( error="plan failed")");
}

TEST(HttpServer, SlowReaderMakesWriteWaitThenEverythingArrives) {
  constexpr std::size_t kTotal = 32 * 1024 * 1024;
  constexpr std::size_t kPiece = 64 * 1024;
  const std::string body = pattern(kTotal);
  std::atomic<std::size_t> written = 0;
  TestServer server([&](const Request&, Response& response) -> asio::awaitable<void> {
    for (std::size_t at = 0; at < kTotal; at += kPiece) {
      if (!co_await response.write(std::string_view(body).substr(at, kPiece))) co_return;
      written += kPiece;
    }
  });
  Client client(server.port(), /*receive_buffer=*/64 * 1024);
  ASSERT_FALSE(client.send(get("/flood")));
  std::this_thread::sleep_for(500ms);  // not reading: the kernel buffers fill, then write waits
  const std::size_t while_blocked = written;
  EXPECT_LT(while_blocked, kTotal / 4);

  const Reply reply = client.read();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.message.body().size(), kTotal);
  EXPECT_TRUE(reply.message.body() == body);
  EXPECT_EQ(written, kTotal);
}

}  // namespace
}  // namespace sluice::server
