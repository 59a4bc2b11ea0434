#pragma once
// The application's routes on top of the HTTP transport, one instance per worker thread (each
// with its own PostgreSQL pool and executor; the plan cache is shared by all workers):
//   /graphql       GraphQL over HTTP (graphql_http.hpp): POST, or GET for queries
//   GET /healthz   200 {"status":"ok"} when the database answers SELECT 1 within
//                  health_timeout, else 503 {"status":"unavailable"} (the reason is logged)
//   anything else  404 with a JSON error body

#include <chrono>
#include <memory>

#include "sluice/exec/executor.hpp"
#include "sluice/pg/pool.hpp"
#include "sluice/plan/plan_cache.hpp"
#include "sluice/server/http_server.hpp"

namespace sluice::server {

struct AppOptions {
  pg::PoolOptions pool;
  exec::ExecutorOptions executor;
  std::shared_ptr<plan::PlanCache> plans;
  std::chrono::milliseconds health_timeout{2'000};
};

class AppHandler final : public Handler {
 public:
  AppHandler(boost::asio::io_context& io, const AppOptions& options);
  boost::asio::awaitable<void> handle(const Request& request, Response& response) override;

 private:
  boost::asio::awaitable<void> health(const Request& request, Response& response);
  boost::asio::awaitable<void> graphql(const Request& request, Response& response);

  AppOptions options_;
  pg::Pool pool_;
  exec::Executor executor_;
};

// A HandlerFactory making one AppHandler per worker.
[[nodiscard]] HandlerFactory app_handler_factory(AppOptions options);

}  // namespace sluice::server
