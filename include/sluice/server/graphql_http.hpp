#pragma once
// GraphQL over HTTP (the GraphQL-over-HTTP spec, as the graphql-http audit checks it): turning an
// HTTP request into GraphQL request parameters, choosing the response media type, and the status
// codes. Pure functions: no I/O, no PostgreSQL.
//
//   POST /graphql  Content-Type: application/json, body {"query", "operationName",
//                  "variables", "extensions"}; another or missing content type: 415
//   GET  /graphql?query=...&operationName=...&variables=<JSON>&extensions=<JSON>
//                  (queries only: a mutation over GET is 405 with Allow: POST)
//   Accept         application/graphql-response+json or application/json; application/json
//                  when Accept is missing or allows anything (as the graphql-http audit
//                  expects); neither: 406
//
// Status codes: a request that is not a well-formed GraphQL request (bad JSON, wrong parameter
// types, non-UTF-8) is 400 whatever the media type. A well-formed request whose document fails
// to parse or validate, or whose variables fail coercion, is 400 with
// application/graphql-response+json and 200 with application/json (legacy clients read the
// errors from a 200). Execution results are 200.

#include <boost/beast/http/status.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace sluice::server {

class Request;

enum class MediaType { graphql_response_json, json };

[[nodiscard]] std::string_view content_type_of(MediaType type) noexcept;

// The media type for the response, or nullopt when the Accept header allows neither (406).
[[nodiscard]] std::optional<MediaType> negotiate_media_type(std::string_view accept) noexcept;

struct GraphqlRequest {
  std::string query;
  std::optional<std::string> operation_name;
  std::string variables_json;  // a JSON object's text, or empty when absent or null
  bool via_get = false;        // GET requests may only run queries
};

struct RequestError {
  boost::beast::http::status status;
  std::string message;
};

// Reads the GraphQL parameters of an HTTP request (POST body or GET query string).
[[nodiscard]] std::variant<GraphqlRequest, RequestError> parse_graphql_request(
    const Request& request);

// Status for errors found before execution (syntax, validation, variable coercion).
[[nodiscard]] boost::beast::http::status pre_execution_error_status(MediaType type) noexcept;

}  // namespace sluice::server
