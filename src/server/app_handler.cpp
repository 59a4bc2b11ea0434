#include "sluice/server/app_handler.hpp"

#include <spdlog/spdlog.h>

namespace sluice::server {
namespace http = boost::beast::http;
using boost::asio::awaitable;

namespace {

constexpr std::string_view kJson = "application/json";
// GraphQL over HTTP: the default media type of responses.
constexpr std::string_view kGraphqlResponse = "application/graphql-response+json";

awaitable<void> reply(Response& response, http::status status, std::string_view content_type,
                      std::string_view body) {
  response.set_status(status);
  response.set_header("Content-Type", content_type);
  co_await response.write(body);
}

}  // namespace

AppHandler::AppHandler(boost::asio::io_context& io, const AppOptions& options)
    : options_(options), pool_(io.get_executor(), options.pool) {}

awaitable<void> AppHandler::handle(const Request& request, Response& response) {
  const std::string_view path = request.path();
  if (path == "/healthz") co_return co_await health(request, response);
  if (path == "/graphql") co_return co_await graphql(request, response);
  co_await reply(response, http::status::not_found, kJson,
                 R"({"errors":[{"message":"Not found: the GraphQL endpoint is /graphql"}]})");
}

awaitable<void> AppHandler::health(const Request& request, Response& response) {
  if (request.method() != "GET" && request.method() != "HEAD") {
    response.set_header("Allow", "GET, HEAD");
    co_return co_await reply(response, http::status::method_not_allowed, kJson,
                             R"({"errors":[{"message":"Method not allowed: use GET"}]})");
  }
  bool healthy = true;
  try {
    co_await pool_.ping(options_.health_timeout);
  } catch (const std::exception& e) {
    healthy = false;
    spdlog::warn("event=health_check_failed error=\"{}\"", e.what());
  }
  if (healthy) {
    co_await reply(response, http::status::ok, kJson, R"({"status":"ok"})");
  } else {
    co_await reply(response, http::status::service_unavailable, kJson,
                   R"({"status":"unavailable"})");
  }
}

awaitable<void> AppHandler::graphql(const Request&, Response& response) {
  co_await reply(
      response, http::status::not_implemented, kGraphqlResponse,
      R"({"errors":[{"message":"Query execution is not available in this build yet"}]})");
}

HandlerFactory app_handler_factory(AppOptions options) {
  return [options = std::move(options)](boost::asio::io_context& io) -> std::unique_ptr<Handler> {
    return std::make_unique<AppHandler>(io, options);
  };
}

}  // namespace sluice::server
