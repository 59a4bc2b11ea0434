#include "sluice/server/http_server.hpp"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_suffix.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/url/parse.hpp>
#include <cerrno>
#include <charconv>
#include <ctime>
#include <exception>
#include <list>

#include "sluice/server/logfmt.hpp"

namespace sluice::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::chrono::milliseconds kMaxLinger{1000};
constexpr std::chrono::milliseconds kAcceptRetry{100};
constexpr Clock::time_point kNever = Clock::time_point::max();
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr std::string_view kLastChunk = "0\r\n\r\n";
constexpr std::string_view kCrlf = "\r\n";

void append_number(std::string& out, std::uint64_t value, int base = 10) {
  std::array<char, 24> digits;
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value, base).ptr;
  out.append(digits.data(), end);
}

std::string describe(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

// Path part of a request target, for the log (the query may carry secrets); a view into `target`.
std::string_view log_path(std::string_view target) {
  return target.empty() ? "-" : target.substr(0, target.find('?'));
}

std::string error_body(std::string_view message) {
  std::string body = R"({"errors":[{"message":")";
  body += message;  // always one of our constant messages: nothing to escape
  body += R"("}]})";
  return body;
}

}  // namespace

Request::Request(Message message) noexcept : message_(std::move(message)) {
  if (auto parsed = boost::urls::parse_uri_reference(message_.target())) {
    url_ = *parsed;
    target_valid_ = true;
  }
}

std::string_view Request::path() const noexcept { return url_.encoded_path(); }

std::optional<std::string> Request::query_param(std::string_view name) const {
  const auto params = url_.params();
  const auto found = params.find(name);
  if (found == params.end()) return std::nullopt;
  return (*found).value;
}

namespace detail {

class Worker {
 public:
  // Binds the acceptor to `endpoint` with SO_REUSEPORT; throws on failure.
  Worker(const ServerOptions& options, spdlog::logger& log, const tcp::endpoint& endpoint);

  void make_handler(const HandlerFactory& factory) { handler_ = factory(io_); }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  void run();
  void request_stop() {
    asio::post(io_, [this] { begin_stop(); });
  }

  const ServerOptions& options() const noexcept { return options_; }
  spdlog::logger& log() const noexcept { return log_; }
  // The current time as an HTTP Date value; borrows from a per-worker cache that the next call
  // may overwrite.
  std::string_view http_date();
  Handler& handler() noexcept { return *handler_; }
  bool stopping() const noexcept { return stopping_; }

  std::list<Connection*>::iterator add(Connection* connection) {
    return connections_.insert(connections_.end(), connection);
  }
  void remove(std::list<Connection*>::iterator registration);

 private:
  asio::awaitable<void> accept_loop();
  void sweep();
  void begin_stop();
  void finish_if_drained();

  const ServerOptions& options_;
  spdlog::logger& log_;
  asio::io_context io_{1};
  tcp::acceptor acceptor_{io_};
  asio::steady_timer deadline_{io_};
  // Timeouts: one timer per worker that closes connections past their deadline, instead of a
  // timer armed and cancelled around every read and write (measured: about 1.3 us per request).
  asio::steady_timer sweep_{io_};
  Clock::duration sweep_interval_;
  std::unique_ptr<Handler> handler_;
  std::list<Connection*> connections_;  // the accepted connections still alive
  std::string date_;
  std::time_t date_second_ = 0;
  bool accepting_ = false;
  bool stopping_ = false;
  bool drained_ = false;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Worker& worker, tcp::socket socket)
      : worker_(worker),
        socket_(std::move(socket)),
        buffer_(worker.options().header_limit + kReadChunk),
        response_(*this),
        registration_(worker.add(this)) {}
  ~Connection() { worker_.remove(registration_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  asio::awaitable<void> serve();

  // Shutdown: an idle connection closes now; the others finish their request first.
  void on_stop() {
    if (phase_ == Phase::idle) close();
  }
  // The worker's sweep: a wait that outlived its deadline ends by closing the socket.
  void expire_if_due(Clock::time_point now) {
    if (deadline_ > now) return;
    timed_out_ = true;
    close();
  }
  void force_close() { cut_off(Gone::shutdown); }
  // The slot serve() runs bound to.
  asio::cancellation_signal& handler_cancel() noexcept { return handler_cancel_; }

  // For Response.
  const ServerOptions& options() const noexcept { return worker_.options(); }
  bool is_cut_off() const noexcept { return gone_ != Gone::no; }
  bool http10() const noexcept { return http10_; }
  std::string_view http_date() { return worker_.http_date(); }
  bool keep_alive_allowed() const noexcept {
    return keep_alive_requested_ && !closing_ && !worker_.stopping() &&
           served_ < worker_.options().max_requests_per_connection;
  }
  template <typename Buffers>
  asio::awaitable<bool> send(const Buffers& buffers) {
    // Written at once when the socket takes it all, as it takes most responses: an asynchronous
    // write that needs no waiting still costs a trip through the event loop (Asio posts its
    // completion). The socket is non-blocking, so what does not fit waits for the reactor.
    error_code ec;
    const std::size_t written = asio::write(socket_, buffers, ec);
    if (!ec) co_return true;
    if (ec != asio::error::would_block && ec != asio::error::try_again) co_return false;
    beast::buffers_suffix<Buffers> rest(buffers);
    rest.consume(written);
    deadline_ = Clock::now() + options().write_timeout;
    const auto [async_ec, n] = co_await asio::async_write(socket_, rest, kUseTuple);
    deadline_ = kNever;
    co_return !async_ec;
  }

 private:
  enum class Phase { idle, busy, closing };
  enum class Gone { no, peer, shutdown };

  asio::awaitable<bool> serve_request(Clock::time_point started);
  // Feeds what the buffer holds to the parser: need_more when that is not a whole request.
  error_code parse_buffered();
  asio::awaitable<void> reject(error_code ec, Clock::time_point started);
  asio::awaitable<void> respond_error(http::status status, std::string_view message);
  asio::awaitable<void> close_gracefully();
  void close();
  void reset_connection();
  void watch_peer();
  void on_peer_activity(error_code ec, std::size_t n, std::uint64_t generation);
  void cut_off(Gone why);
  void log_request(std::string_view method, std::string_view target, unsigned status,
                   std::size_t bytes, Clock::time_point started, bool aborted,
                   std::string_view error) const;

  Worker& worker_;
  tcp::socket socket_;
  Clock::time_point deadline_ = kNever;  // of the read or write in progress
  beast::flat_buffer buffer_;            // bounded: header_limit plus one read
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<Request> request_;
  Response response_;
  asio::cancellation_signal handler_cancel_;  // bound to serve(): emitted only in the handler
  asio::cancellation_signal watch_cancel_;
  std::list<Connection*>::iterator registration_;
  std::uint64_t generation_ = 0;  // tells a stale peer-watch completion from the current one
  char peeked_ = 0;               // the peer watch's receive buffer
  unsigned served_ = 0;
  Phase phase_ = Phase::idle;
  Gone gone_ = Gone::no;
  bool timed_out_ = false;
  bool handler_running_ = false;
  bool watching_ = false;
  bool keep_alive_requested_ = false;
  bool closing_ = false;       // a transport error response: the connection ends after it
  bool input_unread_ = false;  // a rejected request: the client may still be sending it
  bool http10_ = false;
};

}  // namespace detail

// --- Response ---------------------------------------------------------------------------------

void Response::reset(bool head_request) {
  status_ = boost::beast::http::status::ok;
  fields_.clear();
  body_.clear();
  body_bytes_sent_ = 0;
  head_length_ = 0;
  head_request_ = head_request;
  header_sent_ = false;
  chunked_ = false;
  keep_alive_ = false;
  state_ = State::open;
}

void Response::abort() noexcept {
  if (state_ == State::open) state_ = State::aborted;
}

void Response::serialize_head(std::optional<std::size_t> content_length) {
  const bool http10 = connection_.http10();
  chunked_ = !content_length && !http10;
  keep_alive_ = connection_.keep_alive_allowed() && (content_length || chunked_);
  head_ = "HTTP/1.1 ";
  append_number(head_, static_cast<unsigned>(status_));
  head_ += ' ';
  head_ += http::obsolete_reason(status_);
  head_ += kCrlf;
  head_ += "Date: ";
  head_ += connection_.http_date();
  head_ += kCrlf;
  for (const auto& field : fields_) {
    const auto name = field.name();
    if (name == http::field::content_length || name == http::field::transfer_encoding ||
        name == http::field::connection || name == http::field::date) {
      continue;
    }
    head_ += field.name_string();
    head_ += ": ";
    head_ += field.value();
    head_ += kCrlf;
  }
  if (content_length) {
    head_ += "Content-Length: ";
    append_number(head_, *content_length);
    head_ += kCrlf;
  } else if (chunked_) {
    head_ += "Transfer-Encoding: chunked\r\n";
  }
  if (!keep_alive_) {
    head_ += "Connection: close\r\n";
  } else if (http10) {
    head_ += "Connection: keep-alive\r\n";
  }
  head_ += kCrlf;
}

asio::awaitable<bool> Response::write(std::string_view bytes) {
  if (state_ != State::open) co_return false;
  if (connection_.is_cut_off()) {
    state_ = State::failed;
    co_return false;
  }
  if (head_request_) {
    head_length_ += bytes.size();
    co_return true;
  }
  if (bytes.empty()) co_return true;  // an empty chunk would end the body
  if (!header_sent_ &&
      body_.size() + bytes.size() <= connection_.options().buffered_response_limit) {
    body_.append(bytes);
    co_return true;
  }

  // One chunk: what is still buffered (first write after the limit) followed by `bytes`.
  const std::size_t size = body_.size() + bytes.size();
  if (!header_sent_) serialize_head(std::nullopt);
  std::string size_line;  // short enough for the small-string buffer: no allocation
  if (chunked_) {
    append_number(size_line, size, 16);
    size_line += kCrlf;
  }
  const std::array<asio::const_buffer, 5> buffers{
      asio::buffer(header_sent_ ? std::string_view{} : std::string_view{head_}),
      asio::buffer(size_line), asio::buffer(body_), asio::buffer(bytes),
      asio::buffer(chunked_ ? kCrlf : std::string_view{})};
  header_sent_ = true;
  if (!co_await connection_.send(buffers)) {
    state_ = State::failed;
    co_return false;
  }
  body_bytes_sent_ += size;
  body_.clear();
  co_return true;
}

asio::awaitable<void> Response::finish() {
  if (state_ != State::open) co_return;
  bool sent = false;
  if (!header_sent_) {
    const std::size_t length = head_request_ ? head_length_ : body_.size();
    serialize_head(length);
    header_sent_ = true;
    const std::array<asio::const_buffer, 2> buffers{
        asio::buffer(head_), asio::buffer(head_request_ ? std::string_view{} : body_)};
    sent = co_await connection_.send(buffers);
    if (sent && !head_request_) body_bytes_sent_ = body_.size();
  } else {
    sent = !chunked_ || co_await connection_.send(asio::buffer(kLastChunk));
  }
  state_ = sent ? State::complete : State::failed;
}

// --- Connection -------------------------------------------------------------------------------

namespace detail {

asio::awaitable<void> Connection::serve() {
  const ServerOptions& options = worker_.options();
  while (!worker_.stopping() && served_ < options.max_requests_per_connection) {
    phase_ = Phase::idle;
    if (buffer_.size() == 0) {
      deadline_ = Clock::now() + options.idle_timeout;
      const auto [ec, n] = co_await socket_.async_read_some(buffer_.prepare(kReadChunk), kUseTuple);
      if (ec) {  // idle timeout, the client closed, or shutdown closed us
        close();
        co_return;
      }
      buffer_.commit(n);
    }
    phase_ = Phase::busy;
    ++served_;
    if (!co_await serve_request(Clock::now())) break;
  }
  co_await close_gracefully();
}

asio::awaitable<bool> Connection::serve_request(Clock::time_point started) {
  const ServerOptions& options = worker_.options();
  const auto read_deadline = started + options.read_timeout;
  keep_alive_requested_ = false;
  http10_ = false;
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(options.header_limit, std::numeric_limits<std::uint32_t>::max())));
  parser_->body_limit(options.body_limit);
  deadline_ = read_deadline;
  // Most requests arrive whole with their first read: parsed here, they skip Beast's
  // asynchronous read, which posts its completion even when it needs no I/O.
  if (const error_code ec = parse_buffered(); ec && ec != http::error::need_more) {
    co_await reject(ec, started);
    co_return false;
  }
  if (!parser_->is_header_done()) {
    const auto [ec, n] = co_await http::async_read_header(socket_, buffer_, *parser_, kUseTuple);
    if (ec) {
      co_await reject(ec, started);
      co_return false;
    }
  }
  auto& message = parser_->get();
  if (!parser_->is_done()) {
    if (beast::iequals(message[http::field::expect], "100-continue")) {
      if (!co_await send(asio::buffer(kContinue))) {
        co_await reject(asio::error::broken_pipe, started);
        co_return false;
      }
      deadline_ = read_deadline;
    }
    if (const auto [ec, n] = co_await http::async_read(socket_, buffer_, *parser_, kUseTuple); ec) {
      co_await reject(ec, started);
      co_return false;
    }
  }
  deadline_ = kNever;
  keep_alive_requested_ = message.keep_alive();
  http10_ = message.version() < 11;
  const bool head_request = message.method() == http::verb::head;
  request_.emplace(parser_->release());
  if (!request_->target_valid_) {
    co_await respond_error(http::status::bad_request, "Malformed request target");
    log_request(request_->method(), request_->target(), 400, 0, started, false, "");
    request_.reset();
    co_return false;
  }
  response_.reset(head_request);

  ++generation_;
  handler_running_ = true;
  if (buffer_.size() == 0) watch_peer();  // with a pipelined request buffered EOF is no signal
  // In this coroutine, not a child one: cut_off() cancels it through the slot serve() runs
  // bound to, and a coroutine spawned per request cost a post and its own frames.
  std::exception_ptr failure;
  try {
    co_await worker_.handler().handle(*request_, response_);
  } catch (...) {
    failure = std::current_exception();
  }
  handler_running_ = false;
  if (watching_) {
    watching_ = false;
    watch_cancel_.emit(asio::cancellation_type::all);
  }

  const std::string error = failure ? describe(failure) : std::string();
  unsigned status = static_cast<unsigned>(response_.status_);
  bool aborted = false;
  if (gone_ != Gone::no) {  // the socket is closed already
    aborted = response_.header_sent_;
    if (!aborted) status = gone_ == Gone::peer ? 499 : 503;
  } else if (response_.state_ == Response::State::aborted || (failure && response_.header_sent_)) {
    aborted = true;
    reset_connection();
  } else if (failure) {
    co_await respond_error(http::status::internal_server_error, "Internal server error");
    status = 500;
  } else {
    co_await response_.finish();
  }
  if (response_.state_ == Response::State::failed) {
    aborted = true;
    reset_connection();
  }
  const std::string_view gone_reason = gone_ == Gone::peer       ? "client closed"
                                       : gone_ == Gone::shutdown ? "shutdown deadline"
                                       : timed_out_              ? "write timeout"
                                                                 : "";
  log_request(request_->method(), request_->target(), status, response_.body_bytes_sent_, started,
              aborted, error.empty() ? gone_reason : error);
  request_.reset();
  const bool keep_alive = response_.state_ == Response::State::complete && response_.keep_alive_;
  co_return keep_alive;
}

error_code Connection::parse_buffered() {
  parser_->eager(true);
  error_code ec;
  while (buffer_.size() > 0 && !parser_->is_done() && !ec) {
    const std::size_t used = parser_->put(buffer_.data(), ec);
    buffer_.consume(used);
    if (used == 0 && !ec) break;
  }
  return ec;
}

asio::awaitable<void> Connection::reject(error_code ec, Clock::time_point started) {
  input_unread_ = true;
  const auto& message = parser_->get();
  const std::string method{message.method_string().empty() ? "-" : message.method_string()};
  const std::string target{message.target()};
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    co_await respond_error(http::status::request_header_fields_too_large,
                           "Request header fields too large");
    log_request(method, target, 431, 0, started, false, "");
  } else if (ec == http::error::body_limit) {
    co_await respond_error(http::status::payload_too_large, "Request body too large");
    log_request(method, target, 413, 0, started, false, "");
  } else if (timed_out_) {
    close();
    log_request(method, target, 408, 0, started, false, "");
  } else if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
             ec != http::error::partial_message && ec != http::error::end_of_stream) {
    co_await respond_error(http::status::bad_request, "Malformed HTTP request");
    log_request(method, target, 400, 0, started, false, ec.message());
  } else {  // the client went away mid-request, or shutdown closed the socket
    close();
    log_request(method, target, 499, 0, started, false, ec.message());
  }
}

asio::awaitable<void> Connection::respond_error(http::status status, std::string_view message) {
  closing_ = true;
  response_.reset(false);
  response_.set_status(status);
  response_.set_header("Content-Type", "application/json");
  response_.body_ = error_body(message);
  co_await response_.finish();
}

asio::awaitable<void> Connection::close_gracefully() {
  if (!socket_.is_open()) co_return;
  phase_ = Phase::closing;
  error_code ec;
  // Closing with unread input makes the kernel answer with a reset, which can destroy the
  // response before the client read it: then read and discard until the client closes too.
  const bool unread = input_unread_ || buffer_.size() > 0 || socket_.available(ec) > 0;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  if (unread && !ec) {
    deadline_ =
        Clock::now() + std::min<Clock::duration>(worker_.options().read_timeout, kMaxLinger);
    for (;;) {
      buffer_.consume(buffer_.size());
      const auto [read_ec, n] =
          co_await socket_.async_read_some(buffer_.prepare(kReadChunk), kUseTuple);
      if (read_ec) break;
    }
  }
  close();
}

void Connection::close() {
  error_code ignored;
  socket_.close(ignored);
}

// An abortive close (RST): a response cut short must never look complete, whatever its framing.
void Connection::reset_connection() {
  error_code ignored;
  socket_.set_option(asio::socket_base::linger(true, 0), ignored);
  close();
}

// A receive that peeks, rather than a wait for readability: Asio re-arms the descriptor's epoll
// registration (a system call) for every wait, but queues a receive on the registration it has.
// Peeked bytes stay for the next request's read.
void Connection::watch_peer() {
  watching_ = true;
  socket_.async_receive(
      asio::buffer(&peeked_, 1), tcp::socket::message_peek,
      asio::bind_cancellation_slot(
          watch_cancel_.slot(),
          [self = shared_from_this(), generation = generation_](error_code ec, std::size_t n) {
            self->on_peer_activity(ec, n, generation);
          }));
}

void Connection::on_peer_activity(error_code ec, std::size_t n, std::uint64_t generation) {
  if (generation != generation_) return;  // a previous request's watch
  watching_ = false;
  if (ec == asio::error::operation_aborted || !handler_running_) return;
  if (!ec && n > 0) return;  // a pipelined request: the client is still there
  cut_off(Gone::peer);       // EOF or reset
}

void Connection::cut_off(Gone why) {
  if (gone_ != Gone::no) return;
  gone_ = why;
  close();
  if (handler_running_) handler_cancel_.emit(asio::cancellation_type::terminal);
}

void Connection::log_request(std::string_view method, std::string_view target, unsigned status,
                             std::size_t bytes, Clock::time_point started, bool aborted,
                             std::string_view error) const {
  const auto us =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
  fmt::memory_buffer line;
  line.append(std::string_view{"method="});
  append_logfmt(line, method);
  line.append(std::string_view{" path="});
  append_logfmt(line, log_path(target));
  fmt::format_to(std::back_inserter(line), " status={} bytes={} us={}", status, bytes, us);
  if (aborted) line.append(std::string_view{" aborted=true"});
  if (!error.empty()) {
    line.append(std::string_view{" error="});
    append_logfmt(line, error);
  }
  worker_.log().info(std::string_view{line.data(), line.size()});
}

// --- Worker -----------------------------------------------------------------------------------

Worker::Worker(const ServerOptions& options, spdlog::logger& log, const tcp::endpoint& endpoint)
    : options_(options),
      log_(log),
      // A timeout fires at most an eighth late.
      sweep_interval_(std::clamp<Clock::duration>(
          std::min({options.read_timeout, options.idle_timeout, options.write_timeout}) / 8,
          std::chrono::milliseconds(5), std::chrono::seconds(1))) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  const int on = 1;
  if (::setsockopt(acceptor_.native_handle(), SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0) {
    throw boost::system::system_error(error_code(errno, boost::system::system_category()),
                                      "setsockopt(SO_REUSEPORT)");
  }
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
}

std::string_view Worker::http_date() {
  const std::time_t now = std::time(nullptr);
  if (now != date_second_) {
    date_second_ = now;
    std::tm utc;
    gmtime_r(&now, &utc);
    // IMF-fixdate (RFC 9110 section 5.6.7), spelled out: strftime's names follow the locale.
    static constexpr std::array<std::string_view, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                           "Thu", "Fri", "Sat"};
    static constexpr std::array<std::string_view, 12> kMonths{
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    date_ =
        fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} GMT", kDays[utc.tm_wday], utc.tm_mday,
                    kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  }
  return date_;
}

void Worker::run() {
  accepting_ = true;
  sweep();
  asio::co_spawn(io_, accept_loop(), [this](std::exception_ptr failure) {
    if (failure) log_.error("accept loop failed: {}", describe(failure));
    accepting_ = false;
    finish_if_drained();
  });
  io_.run();
}

asio::awaitable<void> Worker::accept_loop() {
  while (!stopping_) {
    auto [ec, socket] = co_await acceptor_.async_accept(kUseTuple);
    if (stopping_) break;
    if (ec) {  // e.g. out of file descriptors: retry later rather than spin
      log_.warn("accept failed: {}", ec.message());
      asio::steady_timer pause(io_, kAcceptRetry);
      co_await pause.async_wait(kUseTuple);
      continue;
    }
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    socket.non_blocking(true, ignored);  // for Connection::send's immediate write
    auto connection = std::make_shared<Connection>(*this, std::move(socket));
    auto& cancel = connection->handler_cancel();
    asio::co_spawn(
        io_, connection->serve(),
        asio::bind_cancellation_slot(cancel.slot(), [this, connection](std::exception_ptr failure) {
          if (failure) log_.error("connection failed: {}", describe(failure));
        }));
  }
}

void Worker::sweep() {
  sweep_.expires_after(sweep_interval_);
  sweep_.async_wait([this](error_code ec) {
    if (ec || drained_) return;
    const auto now = Clock::now();
    for (Connection* connection : connections_) connection->expire_if_due(now);
    sweep();
  });
}

void Worker::begin_stop() {
  if (stopping_) return;
  stopping_ = true;
  error_code ignored;
  acceptor_.close(ignored);
  for (Connection* connection : connections_) connection->on_stop();
  deadline_.expires_after(options_.shutdown_deadline);
  deadline_.async_wait([this](error_code ec) {
    if (ec || drained_) return;
    for (Connection* connection : connections_) connection->force_close();
  });
  finish_if_drained();
}

void Worker::remove(std::list<Connection*>::iterator registration) {
  connections_.erase(registration);
  // Not from inside the connection's destructor: the handler may be the one being unwound.
  if (stopping_ && connections_.empty()) asio::post(io_, [this] { finish_if_drained(); });
}

void Worker::finish_if_drained() {
  if (!stopping_ || accepting_ || !connections_.empty() || drained_) return;
  drained_ = true;
  deadline_.cancel();
  sweep_.cancel();
  handler_.reset();  // on this thread, while io_ runs: its pending work completes and io_ drains
}

}  // namespace detail

// --- HttpServer -------------------------------------------------------------------------------

HttpServer::HttpServer(ServerOptions options, const HandlerFactory& factory)
    : options_(std::move(options)) {
  if (!options_.logger) options_.logger = spdlog::default_logger();
  const auto address = asio::ip::make_address(options_.address);
  const unsigned threads = std::max(1u, options_.threads);
  workers_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) {
    // Port 0: the first bind picks the port, the others join it.
    const tcp::endpoint endpoint{address, i == 0 ? options_.port : port_};
    workers_.push_back(std::make_unique<detail::Worker>(options_, *options_.logger, endpoint));
    if (i == 0) port_ = workers_.front()->port();
  }
  for (auto& worker : workers_) worker->make_handler(factory);
}

HttpServer::~HttpServer() = default;

void HttpServer::run() {
  std::vector<std::jthread> threads;
  threads.reserve(workers_.size() - 1);
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    threads.emplace_back([worker = workers_[i].get()] { worker->run(); });
  }
  workers_.front()->run();
}

void HttpServer::request_stop() {
  for (auto& worker : workers_) worker->request_stop();
}

}  // namespace sluice::server
