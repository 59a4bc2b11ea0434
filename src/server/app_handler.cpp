#include "sluice/server/app_handler.hpp"

#include <spdlog/spdlog.h>

#include "sluice/server/graphql_http.hpp"
#include "sluice/server/logfmt.hpp"

namespace sluice::server {
namespace http = boost::beast::http;
using boost::asio::awaitable;

namespace {

constexpr std::string_view kJson = "application/json";

awaitable<void> reply(Response& response, http::status status, std::string_view content_type,
                      std::string_view body) {
  response.set_status(status);
  response.set_header("Content-Type", content_type);
  co_await response.write(body);
}

}  // namespace

AppHandler::AppHandler(boost::asio::io_context& io, const AppOptions& options)
    : options_(options), pool_(io.get_executor(), options.pool), executor_(pool_, options.executor) {}

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
    spdlog::warn("event=health_check_failed error={}", logfmt(e.what()));
  }
  if (healthy) {
    co_await reply(response, http::status::ok, kJson, R"({"status":"ok"})");
  } else {
    co_await reply(response, http::status::service_unavailable, kJson,
                   R"({"status":"unavailable"})");
  }
}

awaitable<void> AppHandler::graphql(const Request& request, Response& response) {
  const auto media = negotiate_media_type(request.headers()[http::field::accept]);
  if (!media) {
    co_return co_await reply(
        response, http::status::not_acceptable, kJson,
        exec::error_response("Not acceptable: ask for application/graphql-response+json or "
                             "application/json."));
  }
  const std::string_view content_type = content_type_of(*media);

  auto parsed = parse_graphql_request(request);
  if (auto* error = std::get_if<RequestError>(&parsed)) {
    if (error->status == http::status::method_not_allowed) response.set_header("Allow", "GET, POST");
    co_return co_await reply(response, error->status, content_type,
                             exec::error_response(error->message));
  }
  const GraphqlRequest& graphql_request = std::get<GraphqlRequest>(parsed);

  const auto plan = options_.plans->get(graphql_request.query,
                                        graphql_request.operation_name.value_or(""));
  if (graphql_request.via_get && plan->operation() != nullptr &&
      plan->operation()->operation != graphql::ast::OperationType::query) {
    response.set_header("Allow", "POST");
    co_return co_await reply(
        response, http::status::method_not_allowed, content_type,
        exec::error_response("Only queries can be sent with GET; send mutations with POST."));
  }
  if (!plan->ok()) {
    co_return co_await reply(response, pre_execution_error_status(*media), content_type,
                             exec::errors_response(plan->errors()));
  }
  graphql::Arena arena;
  const plan::Execution execution = plan->prepare(graphql_request.variables_json, arena);
  if (!execution.ok()) {
    co_return co_await reply(response, pre_execution_error_status(*media), content_type,
                             exec::errors_response(execution.errors));
  }

  response.set_status(http::status::ok);
  response.set_header("Content-Type", content_type);
  const exec::Outcome outcome = co_await executor_.run(*plan, execution, response);
  if (outcome == exec::Outcome::aborted) {
    spdlog::error("event=response_aborted reason=\"a non-null violation or database error after "
                  "streaming began\"");
    response.abort();
  }
}

HandlerFactory app_handler_factory(AppOptions options) {
  return [options = std::move(options)](boost::asio::io_context& io) -> std::unique_ptr<Handler> {
    return std::make_unique<AppHandler>(io, options);
  };
}

}  // namespace sluice::server
