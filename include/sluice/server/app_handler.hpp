#pragma once
// The application's routes on top of the HTTP transport, one instance per worker thread (each
// with its own PostgreSQL pool):
//   GET /healthz   200 {"status":"ok"} when the database answers SELECT 1 within
//                  health_timeout, else 503 {"status":"unavailable"} (the reason is logged)
//   /graphql       GraphQL over HTTP (issue 5); until the query engine lands, a GraphQL error
//   anything else  404 with a JSON error body

#include <chrono>

#include "sluice/pg/pool.hpp"
#include "sluice/server/http_server.hpp"

namespace sluice::server {

struct AppOptions {
  pg::PoolOptions pool;
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
};

// A HandlerFactory making one AppHandler per worker.
[[nodiscard]] HandlerFactory app_handler_factory(AppOptions options);

}  // namespace sluice::server
