#include "sluice/pg/connection.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <charconv>
#include <type_traits>

#include "connection_state.hpp"
#include "conninfo.hpp"
#include "sluice/pg/error.hpp"

namespace sluice::pg {
namespace asio = boost::asio;
using detail::Clock;
using detail::ConnectionState;
using detail::ResultPtr;

static_assert(std::is_same_v<Oid, ::Oid>, "pg::Oid must be libpq's Oid");

namespace {

constexpr auto kNoDeadline = Clock::time_point::max();
constexpr std::size_t kMaxParams = 65535;  // the protocol's limit (Int16 parameter count)

// PQcancel() blocks (it opens a connection to the postmaster), so it runs here, never on an io
// thread. Two threads, so one cancel stuck on an unreachable server does not hold up the next.
// Deliberately never destroyed: a stuck PQcancel must not hold up process exit.
asio::thread_pool& cancel_helper() {
  static auto* pool = new asio::thread_pool(2);
  return *pool;
}

std::string trimmed(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string field(const PGresult* result, int code) {
  const char* value = PQresultErrorField(result, code);
  return value != nullptr ? value : "";
}

// The rules of the guard and the waits: an Asio cancellation of the awaiting coroutine surfaces
// as operation_aborted, whichever await noticed it first.
asio::awaitable<void> throw_if_cancelled() {
  const auto state = co_await asio::this_coro::cancellation_state;
  if (state.cancelled() != asio::cancellation_type::none) {
    throw boost::system::system_error(asio::error::operation_aborted);
  }
}

std::string describe_target(PGconn* conn) {
  if (conn == nullptr) return "";
  const char* host = PQhost(conn);
  const char* port = PQport(conn);
  const char* db = PQdb(conn);
  return fmt::format(" (host {}, port {}, database {})", host != nullptr ? host : "?",
                     port != nullptr ? port : "?", db != nullptr ? db : "?");
}

}  // namespace

namespace detail {

void ResultDeleter::operator()(pg_result* result) const noexcept { PQclear(result); }

ConnectionState::ConnectionState(asio::any_io_executor ex, ConnectOptions opts)
    : executor(std::move(ex)),
      options(std::move(opts)),
      socket(executor),
      timer(executor),
      prepared(options.prepared_cache_size) {}

ConnectionState::~ConnectionState() { close(); }

bool ConnectionState::ok() const noexcept { return conn && PQstatus(conn.get()) == CONNECTION_OK; }

PGTransactionStatusType ConnectionState::transaction_status() const noexcept {
  return conn ? PQtransactionStatus(conn.get()) : PQTRANS_UNKNOWN;
}

void ConnectionState::close() noexcept {
  // The descriptor never owns the fd: release it before libpq closes it.
  if (socket.is_open()) (void)socket.release();
  conn.reset();
  cancel_handle.reset();
  cancels.reset();
}

void ConnectionState::sync_socket() {
  const int fd = conn ? PQsocket(conn.get()) : -1;
  if (socket.is_open() && socket.native_handle() == fd) return;
  if (socket.is_open()) (void)socket.release();
  if (fd >= 0) socket.assign(fd);
}

asio::awaitable<void> ConnectionState::open() {
  close();
  prepared.clear();
  evicted.clear();
  statement_names = 0;
  const auto deadline = Clock::now() + options.connect_timeout;
  try {
    ConnParams params = ConnParams::parse(options.conninfo);
    apply_driver_settings(params, options);
    co_await resolve_host_names(params, deadline);
    conn.reset(PQconnectStartParams(params.keywords(), params.values(), 0));
    if (!conn) throw std::bad_alloc();
    PostgresPollingStatusType status =
        PQstatus(conn.get()) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
    while (status != PGRES_POLLING_OK) {
      if (status == PGRES_POLLING_FAILED) {
        throw ConnectionError("could not connect to PostgreSQL: " +
                              trimmed(PQerrorMessage(conn.get())));
      }
      // libpq may have opened a new socket (next host or address, SSL fallback), perhaps under
      // the same fd number, so the descriptor is attached afresh on every step.
      if (socket.is_open()) (void)socket.release();
      sync_socket();
      const auto interest = status == PGRES_POLLING_READING ? Interest::read : Interest::write;
      // (Never co_await inside an if condition: GCC 12 miscompiles it when a branch leaves.)
      const Ready ready = co_await wait(interest, deadline);
      if (ready == Ready::deadline) {
        throw TimeoutError(fmt::format("could not connect to PostgreSQL within {} ms{}",
                                       options.connect_timeout.count(),
                                       describe_target(conn.get())));
      }
      status = PQconnectPoll(conn.get());
    }
    sync_socket();
    if (PQsetnonblocking(conn.get(), 1) != 0) {
      throw ConnectionError("could not switch the connection to non-blocking mode: " +
                            trimmed(PQerrorMessage(conn.get())));
    }
    // Libraries never print: the server's notices are dropped.
    PQsetNoticeProcessor(
        conn.get(), [](void*, const char*) {}, nullptr);
    cancel_handle.reset(PQgetCancel(conn.get()), &PQfreeCancel);
    cancels = std::make_shared<CancelTracker>(executor);
  } catch (...) {
    close();
    throw;
  }
}

bool ConnectionState::idle_and_alive() noexcept {
  if (!ok() || transaction_status() != PQTRANS_IDLE) return false;
  // What arrives at an idle connection: notices, parameter changes, notifications -- or a FATAL
  // message followed by end of file when the server went away. A few rounds reach the EOF.
  for (int round = 0; round < 4; ++round) {
    pollfd p{PQsocket(conn.get()), POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) break;
    if (PQconsumeInput(conn.get()) == 0) break;
    (void)PQisBusy(conn.get());  // parses what arrived
  }
  sync_socket();
  return ok();
}

asio::awaitable<ConnectionState::Ready> ConnectionState::wait(Interest interest,
                                                              Clock::time_point deadline) {
  using Descriptor = asio::posix::stream_descriptor;
  namespace ex = asio::experimental;
  Ready ready = Ready::read;
  if (interest == Interest::read && deadline == kNoDeadline) {
    // The streaming path: no timer. Errors are left for libpq to report on its next call.
    (void)co_await socket.async_wait(Descriptor::wait_read, asio::as_tuple(asio::use_awaitable));
  } else {
    timer.expires_at(deadline);
    if (interest == Interest::read_or_write) {
      auto [order, e1, e2, e3] = co_await ex::make_parallel_group(
                                     socket.async_wait(Descriptor::wait_read, asio::deferred),
                                     socket.async_wait(Descriptor::wait_write, asio::deferred),
                                     timer.async_wait(asio::deferred))
                                     .async_wait(ex::wait_for_one(), asio::use_awaitable);
      ready = order[0] == 0 ? Ready::read : order[0] == 1 ? Ready::write : Ready::deadline;
    } else {
      const auto what = interest == Interest::read ? Descriptor::wait_read : Descriptor::wait_write;
      auto [order, e1, e2] =
          co_await ex::make_parallel_group(socket.async_wait(what, asio::deferred),
                                           timer.async_wait(asio::deferred))
              .async_wait(ex::wait_for_one(), asio::use_awaitable);
      ready = order[0] == 1                ? Ready::deadline
              : interest == Interest::read ? Ready::read
                                           : Ready::write;
    }
  }
  co_await throw_if_cancelled();
  co_return ready;
}

asio::awaitable<void> ConnectionState::read_input(Clock::time_point deadline) {
  const Ready ready = co_await wait(Interest::read, deadline);
  if (ready == Ready::deadline) {
    throw TimeoutError(
        fmt::format("PostgreSQL did not answer within {} ms", options.cancel_timeout.count()));
  }
  if (PQconsumeInput(live()) == 0) throw_lost();
  // libpq reads at most what its buffer holds (16 KB at first). When that was not even one
  // result (or row), the rest has usually arrived already: reading it now saves a wait, which
  // costs an epoll re-arm and a trip through the event loop.
  if (PQisBusy(live()) != 0 && PQconsumeInput(live()) == 0) throw_lost();
}

asio::awaitable<void> ConnectionState::flush(Clock::time_point deadline) {
  for (;;) {
    const int pending = PQflush(live());
    if (pending == 0) co_return;
    if (pending < 0) throw_lost();
    // libpq's rule: while output is pending, also read, so a server that is itself blocked
    // writing to us can make progress.
    const Ready ready = co_await wait(Interest::read_or_write, deadline);
    if (ready == Ready::deadline) {
      throw TimeoutError(
          fmt::format("could not send to PostgreSQL within {} ms", options.cancel_timeout.count()));
    }
    if (ready == Ready::read && PQconsumeInput(live()) == 0) throw_lost();
  }
}

PGconn* ConnectionState::live() {
  // libpq reads a closed (null) connection as "no more results": that must never pass for the
  // normal end of a statement.
  if (!conn) throw ConnectionError("the connection was closed while a statement was running");
  return conn.get();
}

asio::awaitable<ResultPtr> ConnectionState::next_result(Clock::time_point deadline) {
  while (PQisBusy(live()) != 0) co_await read_input(deadline);
  ResultPtr result(PQgetResult(live()));
  sync_socket();
  if (result) {
    const auto status = PQresultStatus(result.get());
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
      close();
      throw Error("COPY is not supported by this driver; the connection was closed");
    }
  }
  co_return result;
}

asio::awaitable<void> ConnectionState::finish(Clock::time_point deadline) {
  // (Results are bound to a variable: GCC 12 mishandles a co_await temporary in a condition.)
  for (;;) {
    const ResultPtr result = co_await next_result(deadline);
    if (!result) co_return;
  }
}

asio::awaitable<ResultPtr> ConnectionState::collect() {
  ResultPtr last;
  ResultPtr error;
  try {
    while (ResultPtr result = co_await next_result(kNoDeadline)) {
      const auto status = PQresultStatus(result.get());
      if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE) {
        if (!error) error = std::move(result);
      } else {
        last = std::move(result);
      }
    }
  } catch (const ConnectionError&) {
    if (!error) throw;  // else the error that came first explains it better
  }
  if (error) throw_result_error(error.get());
  co_return last;
}

ConnectionState::Step ConnectionState::step(ResultPtr& out) {
  for (;;) {
    if (PQisBusy(live()) != 0) return Step::need_input;
    ResultPtr result(PQgetResult(live()));
    if (!result) return Step::end;
    switch (PQresultStatus(result.get())) {
      case PGRES_SINGLE_TUPLE:
        if (cancel_requested) continue;  // rows after a cancel request are dropped
        out = std::move(result);
        return Step::row;
      case PGRES_TUPLES_OK:  // the (empty) final result of a query; end follows
      case PGRES_COMMAND_OK:
      case PGRES_EMPTY_QUERY:
        continue;
      case PGRES_COPY_IN:
      case PGRES_COPY_OUT:
      case PGRES_COPY_BOTH:
        close();
        throw Error("COPY is not supported by this driver; the connection was closed");
      default:
        out = std::move(result);
        return Step::error;
    }
  }
}

asio::awaitable<ResultPtr> ConnectionState::fetch_row(Step next, ResultPtr result) {
  for (;;) {
    switch (next) {
      case Step::row:
        co_return result;
      case Step::end:
        sync_socket();
        if (cancel_requested) throw CancelledError("statement cancelled at the client's request");
        co_return nullptr;
      case Step::error:
        try {
          co_await finish(kNoDeadline);
        } catch (const ConnectionError&) {
          // reported below: the statement's own error says more
        }
        throw_result_error(result.get());
      case Step::need_input:
        co_await read_input(kNoDeadline);
        break;
    }
    next = step(result);
  }
}

void ConnectionState::bind_params(std::span<const Param> params, std::span<const Oid> types) {
  if (params.size() > kMaxParams) {
    throw Error(fmt::format("too many parameters: {} (PostgreSQL accepts at most {})",
                            params.size(), kMaxParams));
  }
  if (!types.empty() && types.size() != params.size()) {
    throw Error(
        fmt::format("{} parameter types given for {} parameters", types.size(), params.size()));
  }
  // Text-format parameters are read up to a NUL byte, so each is copied with one; values point
  // into the buffer only once it stopped growing.
  param_text.clear();
  param_offsets.clear();
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (!params[i]) {
      param_offsets.push_back(std::string::npos);
      continue;
    }
    if (params[i]->find('\0') != std::string_view::npos) {
      throw Error(fmt::format(
          "parameter ${} contains a NUL byte, which PostgreSQL text cannot hold", i + 1));
    }
    param_offsets.push_back(param_text.size());
    param_text.append(*params[i]);
    param_text.push_back('\0');
  }
  param_values.clear();
  for (const std::size_t offset : param_offsets) {
    param_values.push_back(offset == std::string::npos ? nullptr : param_text.data() + offset);
  }
}

std::span<const Oid> ConnectionState::statement_types(std::size_t param_count,
                                                      std::span<const Oid> types) {
  if (!types.empty()) return types;
  unspecified_types.assign(param_count, 0);
  return unspecified_types;
}

asio::awaitable<void> ConnectionState::deallocate_evicted() {
  std::string sql;
  for (const auto& name : evicted) sql += fmt::format("DEALLOCATE {};", name);
  evicted.clear();
  if (PQsendQuery(conn.get(), sql.c_str()) == 0) throw_send_failure();
  co_await flush(kNoDeadline);
  // Errors (e.g. a statement already dropped by DISCARD) are of no consequence here.
  co_await finish(kNoDeadline);
}

asio::awaitable<void> ConnectionState::prepare(std::string_view sql, std::span<const Oid> types) {
  if (auto old = prepared.evict_if_full()) evicted.push_back(std::move(*old));
  // DEALLOCATE is not transactional, but a failed transaction block refuses every statement: the
  // names then wait for the next prepare.
  if (!evicted.empty() && transaction_status() != PQTRANS_INERROR) co_await deallocate_evicted();
  std::string name = fmt::format("sluice_{}", ++statement_names);
  if (PQsendPrepare(conn.get(), name.c_str(), sql_text.c_str(), static_cast<int>(types.size()),
                    types.empty() ? nullptr : types.data()) == 0) {
    throw_send_failure();
  }
  co_await flush(kNoDeadline);
  (void)co_await collect();
  prepared.insert(sql, types, std::move(name));
}

asio::awaitable<bool> ConnectionState::send(Mode mode, std::string_view sql,
                                            std::span<const Param> params,
                                            std::span<const Oid> types) {
  if (sql.find('\0') != std::string_view::npos) throw Error("SQL text contains a NUL byte");
  bind_params(params, types);
  sql_text.assign(sql);
  const int count = static_cast<int>(params.size());
  bool ran_prepared = false;
  int sent = 0;
  if (options.prepared_cache_size == 0) {
    sent = PQsendQueryParams(conn.get(), sql_text.c_str(), count,
                             types.empty() ? nullptr : types.data(), param_values.data(), nullptr,
                             nullptr, 0);
  } else {
    types = statement_types(params.size(), types);
    if (prepared.find(sql, types) == nullptr) co_await prepare(sql, types);
    const std::string* name = prepared.find(sql, types);
    sent = PQsendQueryPrepared(conn.get(), name->c_str(), count, param_values.data(), nullptr,
                               nullptr, 0);
    ran_prepared = true;
  }
  if (sent == 0) throw_send_failure();
  statement_sent = true;
  if (mode == Mode::single_row && PQsetSingleRowMode(conn.get()) == 0) {
    throw Error("libpq refused single-row mode");
  }
  co_await flush(kNoDeadline);
  co_return ran_prepared;
}

asio::awaitable<void> ConnectionState::before_statement() {
  // A cancel request still on its way could hit the next statement: let it arrive first.
  while (cancels && cancels->in_flight > 0) {
    const auto tracker = cancels;
    (void)co_await tracker->idle.async_wait(asio::as_tuple(asio::use_awaitable));
    co_await throw_if_cancelled();
  }
  if (ok() && transaction_status() == PQTRANS_ACTIVE) co_await settle();  // an abandoned stream
  if (!ok()) {
    if (!options.reconnect_and_retry) throw ConnectionError("the connection is closed");
    co_await open();
  }
  ++serial;
  cancel_requested = false;
}

asio::awaitable<ResultPtr> ConnectionState::run(Mode mode, std::string_view sql,
                                                std::span<const Param> params,
                                                std::span<const Oid> types, Retry retry) {
  co_await before_statement();
  const bool outside_transaction = transaction_status() == PQTRANS_IDLE;
  for (int attempt = 0;; ++attempt) {
    const bool may_retry = attempt == 0 && outside_transaction;
    bool ran_prepared = false;
    bool reconnect = false;
    statement_sent = false;
    try {
      ran_prepared = co_await send(mode, sql, params, types);
      if (mode == Mode::all_rows) co_return co_await collect();
      ResultPtr first;
      const Step next = step(first);
      co_return co_await fetch_row(next, std::move(first));
    } catch (const ConnectionError&) {
      if (!may_retry || !options.reconnect_and_retry) throw;
      if (statement_sent && retry == Retry::until_sent) throw;
      reconnect = true;
    } catch (const QueryError& e) {
      // "cached plan must not change result type": the statement's result type changed (e.g. an
      // altered view). It failed before executing, so it is prepared afresh and run again.
      if (!may_retry || !ran_prepared || e.sqlstate() != "0A000") throw;
    }
    if (reconnect) {
      co_await open();
    } else {
      if (auto name = prepared.erase(sql, statement_types(params.size(), types))) {
        evicted.push_back(std::move(*name));
      }
    }
    ++serial;
  }
}

template <typename T>
asio::awaitable<T> ConnectionState::guarded(asio::awaitable<T> op) {
  try {
    co_return co_await std::move(op);
  } catch (const boost::system::system_error& e) {
    if (e.code() != asio::error::operation_aborted) throw;
  }
  // The awaiting coroutine was cancelled. The statement is stopped on the server too, and the
  // connection left idle (or closed) before that is reported. The cleanup runs with a fresh
  // cancellation state: a second cancellation cuts it short and closes the connection.
  co_await asio::this_coro::reset_cancellation_state();
  co_await settle();
  throw CancelledError("statement cancelled: the awaiting operation was cancelled");
}

template asio::awaitable<void> ConnectionState::guarded(asio::awaitable<void>);
template asio::awaitable<ResultPtr> ConnectionState::guarded(asio::awaitable<ResultPtr>);

asio::awaitable<void> ConnectionState::send_cancel(Clock::time_point deadline) {
  cancel_requested = true;
  struct Call {
    explicit Call(const asio::any_io_executor& ex) : done(ex) {}
    asio::steady_timer done;  // cancelled when the request completed
    bool finished = false;
    std::string error;
  };
  auto call = std::make_shared<Call>(executor);
  call->done.expires_at(deadline);
  const auto tracker = cancels;
  ++tracker->in_flight;
  asio::post(cancel_helper(), [call, tracker, handle = cancel_handle,
                               work = asio::make_work_guard(executor)]() mutable {
    std::array<char, 256> message{};
    const bool sent = PQcancel(handle.get(), message.data(), static_cast<int>(message.size())) == 1;
    asio::post(work.get_executor(), [call, tracker, sent, text = std::string(message.data())] {
      call->finished = true;
      if (!sent) call->error = text.empty() ? "unknown error" : text;
      call->done.cancel();
      if (--tracker->in_flight == 0) tracker->idle.cancel();
    });
  });
  (void)co_await call->done.async_wait(asio::as_tuple(asio::use_awaitable));
  if (!call->finished) {
    co_await throw_if_cancelled();
    throw TimeoutError(fmt::format("the cancel request was not delivered within {} ms",
                                   options.cancel_timeout.count()));
  }
  if (!call->error.empty()) {
    throw ConnectionError("could not deliver the cancel request: " + trimmed(call->error.c_str()));
  }
}

asio::awaitable<void> ConnectionState::settle() {
  const auto deadline = Clock::now() + options.cancel_timeout;
  bool failed = false;
  try {
    if (ok() && transaction_status() == PQTRANS_ACTIVE) {
      // Send the statement completely first, so the cancel finds it running.
      co_await flush(deadline);
      co_await send_cancel(deadline);
      co_await finish(deadline);
    }
  } catch (const std::exception&) {
    failed = true;
  }
  if (failed || (conn && transaction_status() == PQTRANS_ACTIVE)) close();
}

asio::awaitable<void> ConnectionState::recover() {
  co_await settle();
  if (!ok() || transaction_status() == PQTRANS_IDLE) co_return;
  const auto deadline = Clock::now() + options.cancel_timeout;
  bool failed = false;
  try {
    if (PQsendQuery(conn.get(), "ROLLBACK") == 0) throw_send_failure();
    co_await flush(deadline);
    co_await finish(deadline);
  } catch (const std::exception&) {
    failed = true;
  }
  if (failed || transaction_status() != PQTRANS_IDLE) close();
}

void ConnectionState::throw_lost() {
  sync_socket();
  std::string message = "lost connection to PostgreSQL: " + trimmed(PQerrorMessage(conn.get()));
  close();
  throw ConnectionError(message);
}

void ConnectionState::throw_send_failure() {
  sync_socket();
  if (!ok()) throw_lost();
  throw Error("could not send the statement: " + trimmed(PQerrorMessage(conn.get())));
}

void ConnectionState::throw_result_error(const PGresult* result) {
  const std::string severity = field(result, PG_DIAG_SEVERITY_NONLOCALIZED);
  // A FATAL error ends the session (e.g. 57P01 after an administrator shutdown).
  if (!ok() || severity == "FATAL" || severity == "PANIC") {
    std::string message = "lost connection to PostgreSQL: " + trimmed(PQresultErrorMessage(result));
    close();
    throw ConnectionError(message);
  }
  QueryError::Fields fields;
  fields.sqlstate = field(result, PG_DIAG_SQLSTATE);
  fields.message = field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (fields.message.empty()) fields.message = trimmed(PQresultErrorMessage(result));
  fields.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
  fields.hint = field(result, PG_DIAG_MESSAGE_HINT);
  const std::string position = field(result, PG_DIAG_STATEMENT_POSITION);
  std::from_chars(position.data(), position.data() + position.size(), fields.position);
  if (cancel_requested && fields.sqlstate == "57014") {
    throw CancelledError("statement cancelled at the client's request");
  }
  throw QueryError(std::move(fields));
}

}  // namespace detail

// --- Row, Result

int Row::size() const noexcept { return PQnfields(result_); }

std::string_view Row::operator[](int column) const noexcept {
  return {PQgetvalue(result_, row_, column),
          static_cast<std::size_t>(PQgetlength(result_, row_, column))};
}

bool Row::is_null(int column) const noexcept { return PQgetisnull(result_, row_, column) != 0; }

Result::Result(ResultPtr result) noexcept : result_(std::move(result)) {}

int Result::size() const noexcept { return PQntuples(result_.get()); }

int Result::columns() const noexcept { return PQnfields(result_.get()); }

std::string_view Result::column_name(int column) const noexcept {
  const char* name = PQfname(result_.get(), column);
  return name != nullptr ? name : "";
}

Row Result::operator[](int row) const noexcept { return Row(result_.get(), row); }

std::uint64_t Result::affected_rows() const noexcept {
  const std::string_view text = PQcmdTuples(result_.get());
  std::uint64_t count = 0;
  std::from_chars(text.data(), text.data() + text.size(), count);
  return count;
}

// --- RowStream

RowStream::RowStream(ConnectionState* state, std::uint64_t serial, ResultPtr first) noexcept
    : state_(state),
      serial_(serial),
      row_(std::move(first)),
      first_pending_(row_ != nullptr),
      done_(row_ == nullptr) {}

RowStream::RowStream(RowStream&& other) noexcept
    : state_(other.state_),
      serial_(other.serial_),
      row_(std::move(other.row_)),
      first_pending_(other.first_pending_),
      done_(std::exchange(other.done_, true)),
      rows_delivered_(other.rows_delivered_) {}

RowStream& RowStream::operator=(RowStream&& other) noexcept {
  state_ = other.state_;
  serial_ = other.serial_;
  row_ = std::move(other.row_);
  first_pending_ = other.first_pending_;
  done_ = std::exchange(other.done_, true);
  rows_delivered_ = other.rows_delivered_;
  return *this;
}

// An unfinished statement stays in flight; whoever uses the connection next settles it.
RowStream::~RowStream() = default;

asio::awaitable<std::optional<Row>> RowStream::next() {
  if (done_) co_return std::nullopt;
  if (first_pending_) {
    first_pending_ = false;
    ++rows_delivered_;
    co_return Row(row_.get(), 0);
  }
  row_.reset();  // one row in memory at a time
  if (state_->serial != serial_) {
    done_ = true;
    throw Error("this stream was abandoned: its connection ran another statement since");
  }
  try {
    ResultPtr result;
    const auto next = state_->step(result);
    // The common case: the row is already in libpq's buffer, no waiting needed.
    if (next == ConnectionState::Step::row) {
      row_ = std::move(result);
    } else {
      row_ = co_await state_->guarded(state_->fetch_row(next, std::move(result)));
    }
  } catch (...) {
    done_ = true;
    throw;
  }
  if (!row_) {
    done_ = true;
    co_return std::nullopt;
  }
  ++rows_delivered_;
  co_return Row(row_.get(), 0);
}

// --- Connection

Connection::Connection(std::unique_ptr<ConnectionState> state) noexcept
    : state_(std::move(state)) {}
Connection::Connection(Connection&& other) noexcept = default;
Connection& Connection::operator=(Connection&& other) noexcept = default;
Connection::~Connection() = default;

asio::awaitable<Connection> Connection::connect(ConnectOptions options) {
  auto state =
      std::make_unique<ConnectionState>(co_await asio::this_coro::executor, std::move(options));
  co_await state->guarded(state->open());
  co_return Connection(std::move(state));
}

asio::awaitable<Result> Connection::execute(std::string_view sql, std::span<const Param> params,
                                            std::span<const Oid> param_types) {
  ResultPtr result = co_await state_->guarded(
      state_->run(ConnectionState::Mode::all_rows, sql, params, param_types));
  co_return Result(std::move(result));
}

asio::awaitable<Result> Connection::execute_once(std::string_view sql,
                                                 std::span<const Param> params,
                                                 std::span<const Oid> param_types) {
  ResultPtr result =
      co_await state_->guarded(state_->run(ConnectionState::Mode::all_rows, sql, params,
                                           param_types, ConnectionState::Retry::until_sent));
  co_return Result(std::move(result));
}

asio::awaitable<RowStream> Connection::stream(std::string_view sql, std::span<const Param> params,
                                              std::span<const Oid> param_types) {
  ResultPtr first = co_await state_->guarded(
      state_->run(ConnectionState::Mode::single_row, sql, params, param_types));
  co_return RowStream(state_.get(), state_->serial, std::move(first));
}

asio::awaitable<void> Connection::cancel() {
  if (!state_->ok() || state_->transaction_status() != PQTRANS_ACTIVE) co_return;
  std::exception_ptr failure;
  try {
    co_await state_->send_cancel(Clock::now() + state_->options.cancel_timeout);
  } catch (const Error&) {
    failure = std::current_exception();
  }
  if (failure) {
    // The statement could not be stopped: closing is the remaining way to end it (the statement's
    // reader then gets a ConnectionError).
    state_->close();
    std::rethrow_exception(failure);
  }
}

int Connection::backend_pid() const noexcept {
  return state_->ok() ? PQbackendPID(state_->conn.get()) : 0;
}

bool Connection::in_transaction() const noexcept {
  const auto status = state_->transaction_status();
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool Connection::is_open() const noexcept { return state_->ok(); }

}  // namespace sluice::pg
