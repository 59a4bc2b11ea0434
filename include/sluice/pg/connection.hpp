#pragma once
// One asynchronous PostgreSQL connection: libpq's non-blocking API driven by Asio C++20
// coroutines. The design (waiting, backpressure, cancellation, retries) is described in
// src/pg/README.md.
//
// Threading: a Connection belongs to the executor of the coroutine that connected it; use it only
// from coroutines on that executor (one io_context run by one thread). It runs one statement at a
// time; the only call allowed while a statement runs is cancel(). No member blocks the thread.
//
// Errors: members throw the pg::Error hierarchy (sluice/pg/error.hpp). When the awaiting coroutine
// is cancelled through its Asio cancellation slot, the running statement is cancelled on the
// server, the connection is drained, and the operation throws CancelledError; the connection is
// usable again afterwards.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

struct pg_result;  // libpq's PGresult

namespace sluice::pg {

using Oid = std::uint32_t;

// A statement parameter in PostgreSQL's text format; std::nullopt is SQL NULL. Parameters are
// always bound through the extended protocol, never spliced into the SQL text. The viewed bytes
// are borrowed until the awaitable they were passed to completes. Pass them as a std::array or
// std::vector: GCC 12 cannot keep an initializer_list's array alive across co_await.
using Param = std::optional<std::string_view>;

namespace detail {
struct ConnectionState;
struct PoolState;
struct ResultDeleter {
  void operator()(pg_result* result) const noexcept;
};
using ResultPtr = std::unique_ptr<pg_result, ResultDeleter>;
}  // namespace detail

// A view of one row of a Result or a RowStream. Cheap to copy; valid as long as its source is
// (see Result::operator[] and RowStream::next()).
class Row {
 public:
  [[nodiscard]] int size() const noexcept;
  // The text of `column` (0-based). Borrowed from the row's source: a Result (while it lives) or
  // a RowStream (until its next call to next()). NULL reads as empty; tell it apart with is_null().
  [[nodiscard]] std::string_view operator[](int column) const noexcept;
  [[nodiscard]] bool is_null(int column) const noexcept;

 private:
  friend class Result;
  friend class RowStream;
  Row(const pg_result* result, int row) noexcept : result_(result), row_(row) {}
  const pg_result* result_;
  int row_;
};

// All rows of a statement, held in memory: for control statements and small reads. Use
// Connection::stream() for results whose size is not small and known.
class Result {
 public:
  [[nodiscard]] int size() const noexcept;  // number of rows
  [[nodiscard]] int columns() const noexcept;
  // Borrowed from this Result.
  [[nodiscard]] std::string_view column_name(int column) const noexcept;
  // A view into this Result, valid while the Result lives.
  [[nodiscard]] Row operator[](int row) const noexcept;
  // Rows reported by the command tag (INSERT, UPDATE, DELETE, SELECT, ...); 0 if there is none.
  [[nodiscard]] std::uint64_t affected_rows() const noexcept;

 private:
  friend class Connection;
  explicit Result(detail::ResultPtr result) noexcept;
  detail::ResultPtr result_;
};

// Rows of one statement, fetched one at a time in libpq's single-row mode. The driver reads the
// socket only inside next(): a consumer that stops pulling stops the reads, the kernel socket
// buffer fills, and the server blocks (wait event ClientWrite). That is the backpressure.
//
// Borrows its Connection, which must outlive it. Abandoning a stream before the end is allowed:
// the next statement on the connection (or the pool, when the connection is returned) cancels the
// rest of the query and drains it first.
class RowStream {
 public:
  RowStream(RowStream&& other) noexcept;
  RowStream& operator=(RowStream&& other) noexcept;
  ~RowStream();

  // The next row, or std::nullopt after the last one. The Row and every string_view read from it
  // borrow from this stream: valid until the next call to next() or the stream's destruction.
  // Throws QueryError (e.g. a statement_timeout or an error raised mid-query), CancelledError
  // (after Connection::cancel() or Asio cancellation of the caller; rows still in flight are
  // discarded), ConnectionError. After the end or an exception the connection is idle again.
  boost::asio::awaitable<std::optional<Row>> next();

  // Rows returned by next() so far.
  [[nodiscard]] std::uint64_t rows_delivered() const noexcept { return rows_delivered_; }

 private:
  friend class Connection;
  RowStream(detail::ConnectionState* state, std::uint64_t serial, detail::ResultPtr first) noexcept;
  detail::ConnectionState* state_;
  std::uint64_t serial_;  // which statement of the connection this stream reads
  detail::ResultPtr row_;
  bool first_pending_;
  bool done_;
  std::uint64_t rows_delivered_ = 0;
};

struct ConnectOptions {
  // libpq connection string: a postgresql:// URL or keyword=value pairs.
  std::string conninfo;
  // Covers host name resolution and the whole connection handshake.
  std::chrono::milliseconds connect_timeout{5'000};
  // Server-side limit per statement (sent as the `options` startup parameter, so it survives a
  // reconnect); zero keeps the server's setting. It also counts time the server spends blocked on
  // a slow consumer of a stream.
  std::chrono::milliseconds statement_timeout{0};
  // Prepared statements kept per connection (least recently used ones are DEALLOCATEd);
  // zero sends every statement unnamed (parse on every execution).
  std::size_t prepared_cache_size = 256;
  // Bound on cancelling a statement and draining its remaining output; past it, the connection is
  // closed instead.
  std::chrono::milliseconds cancel_timeout{5'000};
  // When the connection turns out to be lost before a statement delivered anything, reconnect and
  // run the statement once more -- only outside a transaction block. A statement that committed
  // just before the connection dropped could run twice, so run mutations inside BEGIN/COMMIT or
  // with Connection::execute_once().
  // Session state (SET, temporary tables, LISTEN) does not survive a reconnect; the pool turns
  // this on for its connections, which carry no session state.
  bool reconnect_and_retry = false;
};

class Connection {
 public:
  // Connects on the calling coroutine's executor. Throws TimeoutError when connect_timeout passes,
  // ConnectionError when the server cannot be reached or refuses (with libpq's message).
  // GCC 12 destroys a braced aggregate temporary inside a co_await expression twice: pass a named
  // ConnectOptions, never `co_await connect({.conninfo = ...})`.
  static boost::asio::awaitable<Connection> connect(ConnectOptions options);

  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  ~Connection();

  // Runs one statement and returns all its rows. `param_types` is empty (the server infers every
  // type) or gives one type per parameter (0 lets the server infer that one). Statements go
  // through the connection's prepared statement cache (keyed by SQL text and types).
  boost::asio::awaitable<Result> execute(std::string_view sql, std::span<const Param> params = {},
                                         std::span<const Oid> param_types = {});

  // As execute(), for a statement that must never run twice, such as a write outside a
  // transaction block: once the statement was handed to libpq, a lost connection is reported
  // (ConnectionError), not retried, since the statement may have committed.
  boost::asio::awaitable<Result> execute_once(std::string_view sql,
                                              std::span<const Param> params = {},
                                              std::span<const Oid> param_types = {});

  // Starts one statement in single-row mode and returns once its first row (or its end, or its
  // error) arrived, so a statement that fails at once throws here, before anything was delivered.
  // The stream borrows this connection; run nothing else on it until the stream has ended.
  boost::asio::awaitable<RowStream> stream(std::string_view sql, std::span<const Param> params = {},
                                           std::span<const Oid> param_types = {});

  // Asks the server to cancel the running statement (a no-op when none runs) and returns once the
  // request was delivered. The statement's stream or execute() then throws CancelledError (unless
  // execute() had already completed) and the connection is drained and idle again.
  // libpq's cancel call blocks, so it runs on a small process-wide helper thread pool.
  boost::asio::awaitable<void> cancel();

  // The server process serving this connection (pg_stat_activity.pid); 0 when closed.
  [[nodiscard]] int backend_pid() const noexcept;
  // Inside a transaction block (idle in it, or in a failed one).
  [[nodiscard]] bool in_transaction() const noexcept;
  // False once the connection was lost or closed (after a ConnectionError or TimeoutError).
  [[nodiscard]] bool is_open() const noexcept;

 private:
  friend struct detail::PoolState;
  explicit Connection(std::unique_ptr<detail::ConnectionState> state) noexcept;
  std::unique_ptr<detail::ConnectionState> state_;
};

}  // namespace sluice::pg
