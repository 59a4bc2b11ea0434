#pragma once
// The state behind a pg::Connection (which only holds a pointer to it, so RowStreams and the pool
// can refer to it across moves of the Connection).

#include <libpq-fe.h>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "prepared_cache.hpp"
#include "sluice/pg/connection.hpp"

namespace sluice::pg::detail {

using Clock = std::chrono::steady_clock;

struct ConnDeleter {
  void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnDeleter>;

// Cancel requests still on their way to one server session. Shared with the helper thread's
// completion, which may run after the session is gone.
struct CancelTracker {
  explicit CancelTracker(const boost::asio::any_io_executor& executor)
      : idle(executor, Clock::time_point::max()) {}
  int in_flight = 0;
  boost::asio::steady_timer idle;  // never expires: cancel() on it wakes those waiting for 0
};

struct ConnectionState {
  ConnectionState(boost::asio::any_io_executor executor, ConnectOptions options);
  ~ConnectionState();
  ConnectionState(const ConnectionState&) = delete;
  ConnectionState& operator=(const ConnectionState&) = delete;

  enum class Mode { all_rows, single_row };
  // How far a statement in flight can advance with what libpq has already read.
  enum class Step { row, end, error, need_input };

  // --- connection lifecycle
  // (Re)connects within connect_timeout. Closes first; clears the prepared statement cache.
  boost::asio::awaitable<void> open();
  void close() noexcept;
  [[nodiscard]] bool ok() const noexcept;
  [[nodiscard]] PGTransactionStatusType transaction_status() const noexcept;
  // For an idle pooled connection: reads whatever arrived while idle, without waiting, and tells
  // whether the connection is still usable (false e.g. after a server restart closed it).
  [[nodiscard]] bool idle_and_alive() noexcept;

  // --- statements
  // Sends a statement (retrying as ConnectOptions::reconnect_and_retry allows, and with
  // Retry::until_sent only while the statement did not reach libpq) and returns, in all_rows
  // mode, its final result; in single_row mode its first row, or nullptr when it has none.
  enum class Retry { allowed, until_sent };
  boost::asio::awaitable<ResultPtr> run(Mode mode, std::string_view sql,
                                        std::span<const Param> params, std::span<const Oid> types,
                                        Retry retry = Retry::allowed);
  // Advances the statement in flight without reading the socket. Sets `out` for row and error.
  Step step(ResultPtr& out);
  // Continues from `first` (a step() already taken) to the next row; nullptr at the end.
  boost::asio::awaitable<ResultPtr> fetch_row(Step first, ResultPtr result);
  // Runs `op`; when the awaiting coroutine is cancelled (Asio), cancels and drains the statement
  // on the server and throws CancelledError instead.
  template <typename T>
  boost::asio::awaitable<T> guarded(boost::asio::awaitable<T> op);

  // --- cancellation and recovery
  // Delivers a cancel request for the running statement (PQcancel on the helper threads).
  boost::asio::awaitable<void> send_cancel(Clock::time_point deadline);
  // Brings a connection with a statement in flight back to idle: cancels it, reads the rest of its
  // output. Never throws; closes the connection when that fails within cancel_timeout.
  boost::asio::awaitable<void> settle();
  // settle(), then ROLLBACK an open transaction block. Never throws; closes on failure.
  boost::asio::awaitable<void> recover();

  // --- internals
  enum class Interest { read, write, read_or_write };
  enum class Ready { read, write, deadline };
  // Waits for the socket; Clock::time_point::max() is no deadline. Throws operation_aborted when
  // the awaiting coroutine was cancelled.
  boost::asio::awaitable<Ready> wait(Interest interest, Clock::time_point deadline);
  boost::asio::awaitable<void> read_input(Clock::time_point deadline);
  boost::asio::awaitable<void> flush(Clock::time_point deadline);
  // The next result of the statement in flight; nullptr once it is complete.
  boost::asio::awaitable<ResultPtr> next_result(Clock::time_point deadline);
  // Reads all results of the statement in flight; returns the last, throws the first error.
  boost::asio::awaitable<ResultPtr> collect();
  // Reads and drops what is left of the statement in flight.
  boost::asio::awaitable<void> finish(Clock::time_point deadline);
  boost::asio::awaitable<void> before_statement();
  // Sends one statement (preparing it first when needed). Returns whether it ran prepared.
  boost::asio::awaitable<bool> send(Mode mode, std::string_view sql, std::span<const Param> params,
                                    std::span<const Oid> types);
  boost::asio::awaitable<void> prepare(std::string_view sql, std::span<const Oid> types);
  boost::asio::awaitable<void> deallocate_evicted();
  void bind_params(std::span<const Param> params, std::span<const Oid> types);
  // The types a statement is prepared and cached with: the given ones, or one "unspecified" (0)
  // per parameter. Borrowed from this state: valid until the next call.
  std::span<const Oid> statement_types(std::size_t param_count, std::span<const Oid> types);
  // Re-attaches the Asio descriptor when libpq's socket changed (connect, reconnect, loss). libpq
  // closes the socket itself on a loss, so the descriptor must be released right away, before
  // the fd number can be reused.
  void sync_socket();
  // The libpq connection; throws ConnectionError when it was closed.
  PGconn* live();
  [[noreturn]] void throw_lost();
  [[noreturn]] void throw_send_failure();
  [[noreturn]] void throw_result_error(const PGresult* result);

  boost::asio::any_io_executor executor;
  ConnectOptions options;
  ConnPtr conn;
  boost::asio::posix::stream_descriptor socket;
  boost::asio::steady_timer timer;  // deadlines of this connection's own waits
  std::shared_ptr<PGcancel> cancel_handle;
  std::shared_ptr<CancelTracker> cancels;
  PreparedCache prepared;
  std::vector<std::string> evicted;  // statement names still to DEALLOCATE
  std::uint64_t statement_names = 0;
  std::uint64_t serial = 0;     // counts statements; a RowStream remembers its own
  bool statement_sent = false;  // the current attempt's statement was handed to libpq
  bool cancel_requested = false;
  // Reused per statement: NUL-terminated copies of the SQL text and the parameters.
  std::string sql_text;
  std::string param_text;
  std::vector<std::size_t> param_offsets;
  std::vector<const char*> param_values;
  std::vector<Oid> unspecified_types;
};

}  // namespace sluice::pg::detail
