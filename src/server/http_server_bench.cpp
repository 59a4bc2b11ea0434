// Transport cost against a baseline in the same run: a raw Asio responder that sends the same
// bytes without parsing or framing anything. Both serve one worker thread on loopback; the client
// is the same blocking socket code for both.
//
//   BM_SmallResponse/<server>   keep-alive request/response round trips (items/s)
//   BM_StreamedResponse/<server> one 16 MiB chunked response per connection (bytes/s)
//
// <server> 0 is the raw baseline, 1 is HttpServer; the ratio is the figure to quote.

#include <benchmark/benchmark.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <limits>
#include <thread>

#include "sluice/server/http_server.hpp"

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using sluice::server::Handler;
using sluice::server::HttpServer;
using sluice::server::Request;
using sluice::server::Response;
using sluice::server::ServerOptions;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::string_view kSmallBody = R"({"data":{"ok":true}})";
constexpr std::size_t kStreamTotal = 16 * 1024 * 1024;
constexpr std::size_t kStreamPiece = 64 * 1024;

std::string hex(std::size_t value) {
  char digits[16];
  return std::string(digits, std::to_chars(digits, digits + sizeof digits, value, 16).ptr);
}

class BenchHandler final : public Handler {
 public:
  asio::awaitable<void> handle(const Request& request, Response& response) override {
    response.set_header("Content-Type", "application/json");
    if (request.path() == "/small") {
      co_await response.write(kSmallBody);
      co_return;
    }
    const std::string piece(kStreamPiece, 'x');
    for (std::size_t sent = 0; sent < kStreamTotal; sent += kStreamPiece) {
      if (!co_await response.write(piece)) co_return;
    }
  }
};

// The baseline: canned responses of HttpServer's shape, written after finding the end of each
// request's header; no parser, no limits, no timers, no log.
class RawServer {
 public:
  RawServer() : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    small_ =
        "HTTP/1.1 200 OK\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
        "Content-Type: application/json\r\nContent-Length: " +
        std::to_string(kSmallBody.size()) + "\r\n\r\n" + std::string(kSmallBody);
    asio::co_spawn(io_, accept(), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~RawServer() {
    asio::post(io_, [this] { io_.stop(); });
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  asio::awaitable<void> accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(kUseTuple);
      if (ec) co_return;
      socket.set_option(tcp::no_delay(true));
      asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> serve(tcp::socket socket) {
    std::string buffer;
    for (;;) {
      const auto [ec, n] = co_await asio::async_read_until(socket, asio::dynamic_buffer(buffer),
                                                           "\r\n\r\n", kUseTuple);
      if (ec) co_return;
      const bool small = buffer.starts_with("GET /small ");
      buffer.erase(0, n);
      if (small) {
        co_await asio::async_write(socket, asio::buffer(small_), kUseTuple);
        continue;
      }
      const std::string head =
          "HTTP/1.1 200 OK\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
          "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: "
          "close\r\n\r\n";
      co_await asio::async_write(socket, asio::buffer(head), kUseTuple);
      const std::string piece(kStreamPiece, 'x');
      const std::string size_line = hex(kStreamPiece) + "\r\n";
      for (std::size_t sent = 0; sent < kStreamTotal; sent += kStreamPiece) {
        const std::array<asio::const_buffer, 3> chunk{asio::buffer(size_line), asio::buffer(piece),
                                                      asio::buffer("\r\n", 2)};
        co_await asio::async_write(socket, chunk, kUseTuple);
      }
      co_await asio::async_write(socket, asio::buffer("0\r\n\r\n", 5), kUseTuple);
      co_return;
    }
  }

  asio::io_context io_{1};
  tcp::acceptor acceptor_;
  std::string small_;
  std::thread thread_;
};

struct HttpServerUnderTest {
  HttpServerUnderTest()
      : server(
            [] {
              ServerOptions options;
              options.port = 0;
              options.threads = 1;
              options.max_requests_per_connection = std::numeric_limits<unsigned>::max();
              options.logger = std::make_shared<spdlog::logger>(
                  "bench", std::make_shared<spdlog::sinks::null_sink_mt>());
              return options;
            }(),
            [](asio::io_context&) { return std::make_unique<BenchHandler>(); }),
        thread([this] { server.run(); }) {}
  ~HttpServerUnderTest() {
    server.request_stop();
    thread.join();
  }
  std::uint16_t port() const { return server.port(); }

  HttpServer server;
  std::thread thread;
};

tcp::socket connect(asio::io_context& io, std::uint16_t port) {
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  socket.set_option(tcp::no_delay(true));
  return socket;
}

// One keep-alive round trip: request out, header and Content-Length body back.
void round_trip(tcp::socket& socket, std::string& buffer) {
  static constexpr std::string_view kRequest = "GET /small HTTP/1.1\r\nHost: bench\r\n\r\n";
  asio::write(socket, asio::buffer(kRequest));
  const std::size_t header = asio::read_until(socket, asio::dynamic_buffer(buffer), "\r\n\r\n");
  const auto at = buffer.find("Content-Length: ");
  std::size_t length = 0;
  std::from_chars(buffer.data() + at + 16, buffer.data() + header, length);
  if (buffer.size() < header + length) {
    asio::read(socket, asio::dynamic_buffer(buffer),
               asio::transfer_exactly(header + length - buffer.size()));
  }
  buffer.erase(0, header + length);
}

template <typename Server>
void small_responses(benchmark::State& state) {
  Server server;
  asio::io_context io;
  tcp::socket socket = connect(io, server.port());
  std::string buffer;
  for (auto _ : state) round_trip(socket, buffer);
  state.SetItemsProcessed(state.iterations());
}

template <typename Server>
void streamed_responses(benchmark::State& state) {
  Server server;
  asio::io_context io;
  std::vector<char> sink(256 * 1024);
  std::size_t received = 0;
  for (auto _ : state) {
    tcp::socket socket = connect(io, server.port());
    asio::write(socket, asio::buffer(std::string_view(
                            "GET /stream HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")));
    boost::system::error_code ec;
    while (!ec) received += socket.read_some(asio::buffer(sink), ec);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(received));
}

void BM_SmallResponse(benchmark::State& state) {
  state.range(0) == 0 ? small_responses<RawServer>(state)
                      : small_responses<HttpServerUnderTest>(state);
}
BENCHMARK(BM_SmallResponse)->Arg(0)->Arg(1)->UseRealTime();

void BM_StreamedResponse(benchmark::State& state) {
  state.range(0) == 0 ? streamed_responses<RawServer>(state)
                      : streamed_responses<HttpServerUnderTest>(state);
}
BENCHMARK(BM_StreamedResponse)->Arg(0)->Arg(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
