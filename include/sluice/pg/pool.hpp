#pragma once
// A pool of PostgreSQL connections for ONE worker thread: it is bound to one executor (an
// io_context run by one thread) and takes no locks; every member is called on that thread.
// Connections open lazily, up to max_size. A waiter queue is served first come, first served and
// every wait ends at acquire_timeout, never in a hang.
//
//   pg::Pool pool(io.get_executor(), {.connection = {.conninfo = url}, .max_size = 8});
//   auto conn = co_await pool.acquire();        // a PooledConnection
//   auto rows = co_await conn->stream(sql, params);
//   while (auto row = co_await rows.next()) { ... }
//                                               // ~PooledConnection: back to the pool
//
// A connection comes back clean or not at all: one returned mid-statement is cancelled and
// drained, one inside a transaction block is rolled back (both in the background, bounded by
// cancel_timeout), a broken one is dropped. Idle connections that died (a server restart) are
// detected at acquire and reopened; a statement that finds its connection lost before delivering
// anything is retried once on a fresh connection (see ConnectOptions::reconnect_and_retry).
// Connections must not keep session state: use SET LOCAL inside transactions, not SET.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>

#include "sluice/pg/connection.hpp"

namespace sluice::pg {

struct PoolOptions {
  // How each connection is opened; reconnect_and_retry is always on for pooled connections.
  ConnectOptions connection;
  std::size_t max_size = 8;
  // How long acquire() waits for a connection when max_size are in use.
  std::chrono::milliseconds acquire_timeout{2'000};
};

struct PoolStats {
  std::size_t size = 0;     // open connections, in use or idle (or being opened or cleaned)
  std::size_t idle = 0;     // ready in the pool
  std::size_t waiting = 0;  // acquire() calls queued for a connection
};

// A connection on loan from the pool; returns it on destruction. Movable, not copyable. The pool
// state it points to stays alive while any handle exists, even past the Pool object.
class PooledConnection {
 public:
  PooledConnection(PooledConnection&& other) noexcept = default;
  PooledConnection& operator=(PooledConnection&& other) noexcept;
  ~PooledConnection();

  [[nodiscard]] Connection& operator*() noexcept { return *connection_; }
  [[nodiscard]] Connection* operator->() noexcept { return &*connection_; }

 private:
  friend struct detail::PoolState;
  PooledConnection(std::shared_ptr<detail::PoolState> pool, Connection connection) noexcept;
  void give_back() noexcept;
  std::shared_ptr<detail::PoolState> pool_;
  std::optional<Connection> connection_;
};

class Pool {
 public:
  Pool(boost::asio::any_io_executor executor, PoolOptions options);
  // Closes the idle connections; waiters fail with pg::Error. Loaned connections close when
  // their handles return them.
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // An idle connection, a new one (while fewer than max_size exist), or the next one returned.
  // Throws TimeoutError after acquire_timeout ("connection pool exhausted: ..."), ConnectionError
  // or TimeoutError when a needed (re)connect fails, CancelledError when the caller is cancelled.
  boost::asio::awaitable<PooledConnection> acquire();

  // Health check: acquire + SELECT 1, all within `timeout`. Throws TimeoutError past it, or the
  // error that made the check fail.
  boost::asio::awaitable<void> ping(std::chrono::milliseconds timeout);

  [[nodiscard]] PoolStats stats() const noexcept;

 private:
  std::shared_ptr<detail::PoolState> state_;
};

}  // namespace sluice::pg
