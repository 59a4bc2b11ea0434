#pragma once
// HTTP/1.1 transport: Boost.Beast on Asio C++20 coroutines.
//
// Threads. `HttpServer` owns one worker per thread (ServerOptions::threads). A worker owns an
// io_context, its own acceptor bound to the shared address:port with SO_REUSEPORT (the kernel
// spreads connections over the workers), its Handler (made by the HandlerFactory with that
// io_context) and the connections it accepted. A connection never leaves its worker's thread,
// so nothing on the request path is shared between threads or locked (the access-log sink is
// whatever the application configured).
//
// A connection serves its requests strictly in order (keep-alive and pipelining; at most one
// request in flight, so the read buffer bounds how much can queue). For each request it reads
// header and body under the limits, then awaits `Handler::handle` in the connection's own
// coroutine, which runs bound to the connection's cancellation slot. While the handler runs, a
// peer close (EOF or reset on the idle socket) emits terminal cancellation into it, so a
// PostgreSQL query can be cancelled even before the first response byte (a client that
// half-closes after its request counts as gone). Readable data instead means a pipelined
// request: watching stops. Nothing else emits into that slot.
//
// Lifetimes. The Request and Response passed to `handle` belong to the connection and are only
// valid until `handle` completes. Every string_view a Request returns borrows from the request
// message, which lives that long too. A Response borrows the connection's socket and reuses the
// connection's buffers; it must not be used once `handle` has completed.
//
// Responses. Body bytes are buffered; when the handler completes they go out whole with
// Content-Length. When the buffer would exceed ServerOptions::buffered_response_limit the header
// goes out with `Transfer-Encoding: chunked` (HTTP/1.0: no framing, closed at the end) and every
// later write() is one chunk, written before write() resumes its caller (backpressure). A
// streamed response that cannot complete (handler threw, or called Response::abort()) resets the
// connection without the terminating chunk, so a client never takes a truncated body for a
// complete one; before streaming began a throw becomes a 500 with a JSON error body.
//
// Shutdown. request_stop() (any thread) closes the acceptors and idle connections at once; a
// request in progress finishes and its connection then closes (`Connection: close` if its header
// is still unsent). After ServerOptions::shutdown_deadline the remaining connections are closed
// and their handlers cancelled. A drained worker destroys its Handler on its own thread, while
// its io_context still runs: the Handler's destructor must release all its pending work
// (sockets, timers) so that the io_context runs out of work. run() then returns.
//
// Access log: exactly one logfmt line per request at info level, for example
// `method=GET path=/healthz status=200 bytes=15 us=123`; `bytes` counts body bytes sent; a
// response cut short adds `aborted=true`, a failure adds `error="..."`. Status 499 means the
// client went away before a response was sent (nginx's convention), 503 that the shutdown deadline
// cut the request off, 408 that the request did not arrive within the read timeout; none of these
// three sends a response.

#include <algorithm>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/url/url_view.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "sluice/exec/sink.hpp"

namespace spdlog {
class logger;
}

namespace sluice::server {

namespace detail {
class Connection;
class Worker;
}  // namespace detail

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; HttpServer::port() tells which
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());

  std::size_t header_limit = 16 * 1024;             // request line + fields; over it: 431
  std::size_t body_limit = 1024 * 1024;             // over it: 413, checked on Content-Length first
  std::size_t buffered_response_limit = 64 * 1024;  // larger responses stream chunked
  unsigned max_requests_per_connection = 10000;

  // One timer per worker sweeps its connections every eighth of the shortest of the three
  // (5 ms to 1 s), so these fire up to that much late.
  std::chrono::milliseconds read_timeout{10'000};   // first byte to complete request
  std::chrono::milliseconds idle_timeout{60'000};   // keep-alive wait for the next request
  std::chrono::milliseconds write_timeout{30'000};  // each socket write
  std::chrono::milliseconds shutdown_deadline{10'000};

  // Access log and transport warnings; null means spdlog::default_logger().
  std::shared_ptr<spdlog::logger> logger;
};

class Request {
 public:
  using Message = boost::beast::http::request<boost::beast::http::string_body>;

  // A target that does not parse as a URI reference leaves path() empty and no query parameters
  // (the transport answers such requests with 400 without calling the handler).
  explicit Request(Message message) noexcept;
  Request(const Request&) = delete;
  Request& operator=(const Request&) = delete;

  // All views borrow from the request message (valid while Handler::handle runs).
  std::string_view method() const noexcept { return message_.method_string(); }
  std::string_view target() const noexcept { return message_.target(); }
  // Path as sent, still percent-encoded.
  std::string_view path() const noexcept;
  std::string_view body() const noexcept { return message_.body(); }
  const boost::beast::http::fields& headers() const noexcept { return message_.base(); }
  unsigned version() const noexcept { return message_.version(); }  // 10 or 11

  // First query parameter named `name`, percent-decoded ('+' is a space); "" when it has no
  // value, nullopt when absent.
  std::optional<std::string> query_param(std::string_view name) const;

 private:
  friend class detail::Connection;

  Message message_;
  boost::urls::url_view url_;  // into message_.target()
  bool target_valid_ = false;
};

class Response final : public exec::Sink {
 public:
  Response(const Response&) = delete;
  Response& operator=(const Response&) = delete;

  // Status and headers can change until the header is sent (see streaming()). The transport
  // owns Content-Length, Transfer-Encoding, Connection and Date; values set for them are ignored.
  void set_status(boost::beast::http::status status) noexcept { status_ = status; }
  void set_header(std::string_view name, std::string_view value) { fields_.set(name, value); }

  // Sink: buffers, or once streaming sends `bytes` as one chunk and resumes when the socket took
  // it. Returns false once the response cannot go on: peer gone, write timeout, abort().
  boost::asio::awaitable<bool> write(std::string_view bytes) override;

  // Gives up on this response visibly: once the handler returns, the connection is reset
  // without completing it (no terminating chunk once streaming; nothing at all before).
  void abort() noexcept;

  // True once the header is on the wire: status and headers can no longer change.
  bool streaming() const noexcept { return header_sent_; }

 private:
  friend class detail::Connection;
  enum class State { open, complete, aborted, failed };

  explicit Response(detail::Connection& connection) noexcept : connection_(connection) {}
  void reset(bool head_request);
  // Status line and fields into head_, framed by Content-Length when given, else chunked
  // (HTTP/1.1) or by closing the connection (HTTP/1.0).
  void serialize_head(std::optional<std::size_t> content_length);
  // Sends what is buffered, or the terminating chunk.
  boost::asio::awaitable<void> finish();

  detail::Connection& connection_;
  boost::beast::http::status status_ = boost::beast::http::status::ok;
  boost::beast::http::fields fields_;
  std::string body_;  // buffered body; capacity reused across the connection's requests
  std::string head_;  // serialized status line and fields; reused likewise
  std::size_t body_bytes_sent_ = 0;
  std::size_t head_length_ = 0;  // HEAD: body length the handler produced, never sent
  bool head_request_ = false;
  bool header_sent_ = false;
  bool chunked_ = false;
  bool keep_alive_ = false;  // what the sent header announced
  State state_ = State::open;
};

class Handler {
 public:
  virtual ~Handler() = default;
  // Produces the response for one request. Runs on the worker's thread, bound to a cancellation
  // slot that emits terminal cancellation when the client goes away or shutdown forces it. Once
  // cancelled, Asio makes every further co_await throw operation_aborted unless the handler set
  // `co_await boost::asio::this_coro::throw_if_cancelled(false)`; write() then returns false.
  // (Cancellation state and that setting belong to the connection's coroutine, which ends once
  // its request was cancelled.)
  virtual boost::asio::awaitable<void> handle(const Request& request, Response& response) = 0;
};

// Called once per worker, on the thread constructing the HttpServer, with that worker's
// io_context.
using HandlerFactory = std::function<std::unique_ptr<Handler>(boost::asio::io_context&)>;

class HttpServer {
 public:
  // Binds every worker's acceptor (throws boost::system::system_error when it cannot) and makes
  // the handlers.
  HttpServer(ServerOptions options, const HandlerFactory& factory);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const noexcept { return port_; }

  // Runs the workers (the calling thread is one of them) until shutdown has drained them all.
  // Call once.
  void run();

  // Starts graceful shutdown; callable from any thread, any number of times, also before run().
  void request_stop();

 private:
  ServerOptions options_;
  std::vector<std::unique_ptr<detail::Worker>> workers_;
  std::uint16_t port_ = 0;
};

}  // namespace sluice::server
