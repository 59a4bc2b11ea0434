#include "sluice/pg/pool.hpp"

#include <fmt/format.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <list>
#include <vector>

#include "connection_state.hpp"
#include "sluice/pg/error.hpp"

namespace sluice::pg {
namespace asio = boost::asio;
using detail::Clock;

namespace detail {

struct Waiter;

struct PoolState : std::enable_shared_from_this<PoolState> {
  PoolState(asio::any_io_executor ex, PoolOptions opts)
      : executor(std::move(ex)), options(std::move(opts)) {
    options.connection.reconnect_and_retry = true;
  }

  static asio::awaitable<PooledConnection> acquire(std::shared_ptr<PoolState> self);
  // Opens a connection in a slot already counted in `size` (reopening `reuse` when given); gives
  // the slot up again when that fails.
  static asio::awaitable<PooledConnection> open_in_slot(std::shared_ptr<PoolState> self,
                                                        std::optional<Connection> reuse);
  static asio::awaitable<void> clean_and_give_back(std::shared_ptr<PoolState> self,
                                                   Connection connection);
  // A connection comes back: to the first waiter or the idle list when clean, through a
  // background cleanup when not, dropped when broken.
  void give_back(Connection connection) noexcept;
  // A slot was freed: the first waiter may open a connection in it, else the pool shrinks.
  void release_slot() noexcept;
  PooledConnection loan(Connection connection) {
    return PooledConnection(shared_from_this(), std::move(connection));
  }
  static ConnectionState& state_of(Connection& c) noexcept { return *c.state_; }

  asio::any_io_executor executor;
  PoolOptions options;
  std::vector<Connection> idle;  // the most recently returned last: reused first
  std::size_t size = 0;
  std::list<Waiter*> waiters;  // first come, first served
  bool closed = false;
};

// An acquire() waiting for a connection. Lives in the waiting coroutine's frame; whatever was
// handed to it and not taken (the coroutine was destroyed) goes back on destruction.
struct Waiter {
  Waiter(PoolState& p, Clock::time_point deadline) : pool(p), timer(p.executor, deadline) {
    position = pool.waiters.insert(pool.waiters.end(), this);
  }
  ~Waiter() {
    if (queued) pool.waiters.erase(position);
    if (connection) {
      pool.give_back(std::move(*connection));
    } else if (slot) {
      pool.release_slot();
    }
  }
  Waiter(const Waiter&) = delete;
  Waiter& operator=(const Waiter&) = delete;

  PoolState& pool;
  asio::steady_timer timer;  // expires at the deadline; cancelled when served
  std::list<Waiter*>::iterator position;
  bool queued = true;
  std::optional<Connection> connection;  // handed over by give_back()
  bool slot = false;                     // or: a free slot to open a connection in
};

void PoolState::release_slot() noexcept {
  if (!closed && !waiters.empty()) {
    Waiter* first = waiters.front();
    waiters.pop_front();
    first->queued = false;
    first->slot = true;
    first->timer.cancel();
    return;
  }
  --size;
}

void PoolState::give_back(Connection connection) noexcept {
  ConnectionState& state = state_of(connection);
  if (closed || !state.ok()) {
    release_slot();  // `connection` closes as it goes out of scope
    return;
  }
  if (state.transaction_status() != PQTRANS_IDLE) {
    // Mid-statement or inside a transaction block: cleaned in the background, still counted.
    asio::co_spawn(executor, clean_and_give_back(shared_from_this(), std::move(connection)),
                   asio::detached);
    return;
  }
  if (!waiters.empty()) {
    Waiter* first = waiters.front();
    waiters.pop_front();
    first->queued = false;
    first->connection = std::move(connection);
    first->timer.cancel();
    return;
  }
  idle.push_back(std::move(connection));
}

asio::awaitable<void> PoolState::clean_and_give_back(std::shared_ptr<PoolState> self,
                                                     Connection connection) {
  co_await state_of(connection).recover();  // closes the connection when it cannot clean it
  self->give_back(std::move(connection));
}

asio::awaitable<PooledConnection> PoolState::open_in_slot(std::shared_ptr<PoolState> self,
                                                          std::optional<Connection> reuse) {
  std::exception_ptr failure;
  try {
    if (reuse) {
      ConnectionState& state = state_of(*reuse);
      co_await state.guarded(state.open());
      co_return self->loan(std::move(*reuse));
    }
    co_return self->loan(co_await Connection::connect(self->options.connection));
  } catch (...) {
    failure = std::current_exception();
  }
  self->release_slot();
  std::rethrow_exception(failure);
}

asio::awaitable<PooledConnection> PoolState::acquire(std::shared_ptr<PoolState> self) {
  if (self->closed) throw Error("the connection pool is closed");
  if (self->waiters.empty()) {
    if (!self->idle.empty()) {
      Connection connection = std::move(self->idle.back());
      self->idle.pop_back();
      if (state_of(connection).idle_and_alive()) co_return self->loan(std::move(connection));
      // It died while idle (e.g. the server restarted): reopen it in its slot.
      co_return co_await open_in_slot(self, std::move(connection));
    }
    if (self->size < self->options.max_size) {
      ++self->size;
      co_return co_await open_in_slot(self, std::nullopt);
    }
  }
  Waiter waiter(*self, Clock::now() + self->options.acquire_timeout);
  bool cancelled = false;
  try {
    (void)co_await waiter.timer.async_wait(asio::as_tuple(asio::use_awaitable));
  } catch (const boost::system::system_error& e) {
    if (e.code() != asio::error::operation_aborted) throw;
    cancelled = true;  // the awaiting coroutine was already cancelled
  }
  if (waiter.connection) {
    Connection connection = std::move(*waiter.connection);
    waiter.connection.reset();
    co_return self->loan(std::move(connection));
  }
  if (waiter.slot) {
    waiter.slot = false;
    co_return co_await open_in_slot(self, std::nullopt);
  }
  if (self->closed) throw Error("the connection pool is closed");
  const auto state = co_await asio::this_coro::cancellation_state;
  if (cancelled || state.cancelled() != asio::cancellation_type::none) {
    throw CancelledError("waiting for a pooled connection was cancelled");
  }
  throw TimeoutError(fmt::format(
      "connection pool exhausted: no connection available within {} ms (max_size {}, all in use)",
      self->options.acquire_timeout.count(), self->options.max_size));
}

}  // namespace detail

// --- PooledConnection

PooledConnection::PooledConnection(std::shared_ptr<detail::PoolState> pool,
                                   Connection connection) noexcept
    : pool_(std::move(pool)), connection_(std::move(connection)) {}

PooledConnection& PooledConnection::operator=(PooledConnection&& other) noexcept {
  if (this != &other) {
    give_back();
    pool_ = std::move(other.pool_);
    connection_ = std::move(other.connection_);
    other.connection_.reset();
  }
  return *this;
}

PooledConnection::~PooledConnection() { give_back(); }

void PooledConnection::give_back() noexcept {
  if (pool_ && connection_) pool_->give_back(std::move(*connection_));
  connection_.reset();
}

// --- Pool

Pool::Pool(asio::any_io_executor executor, PoolOptions options)
    : state_(std::make_shared<detail::PoolState>(std::move(executor), std::move(options))) {}

Pool::~Pool() {
  state_->closed = true;
  state_->idle.clear();
  for (detail::Waiter* waiter : state_->waiters) {
    waiter->queued = false;
    waiter->timer.cancel();
  }
  state_->waiters.clear();
}

asio::awaitable<PooledConnection> Pool::acquire() { return detail::PoolState::acquire(state_); }

namespace {

asio::awaitable<void> ping_once(std::shared_ptr<detail::PoolState> pool) {
  auto connection = co_await detail::PoolState::acquire(std::move(pool));
  (void)co_await connection->execute("SELECT 1");
}

}  // namespace

asio::awaitable<void> Pool::ping(std::chrono::milliseconds timeout) {
  namespace ex = asio::experimental;
  const auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor, timeout);
  auto [order, failure, timer_error] =
      co_await ex::make_parallel_group(asio::co_spawn(executor, ping_once(state_), asio::deferred),
                                       timer.async_wait(asio::deferred))
          .async_wait(ex::wait_for_one(), asio::use_awaitable);
  const auto state = co_await asio::this_coro::cancellation_state;
  if (state.cancelled() != asio::cancellation_type::none) {
    throw CancelledError("the health check was cancelled");
  }
  if (order[0] == 1) {
    throw TimeoutError(
        fmt::format("health check: PostgreSQL did not answer within {} ms", timeout.count()));
  }
  if (failure) std::rethrow_exception(failure);
}

PoolStats Pool::stats() const noexcept {
  return {.size = state_->size, .idle = state_->idle.size(), .waiting = state_->waiters.size()};
}

}  // namespace sluice::pg
