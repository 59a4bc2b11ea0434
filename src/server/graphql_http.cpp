#include "sluice/server/graphql_http.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cctype>

#include "sluice/server/http_server.hpp"

namespace sluice::server {
namespace http = boost::beast::http;

namespace {

constexpr std::string_view kGraphqlResponseJson = "application/graphql-response+json";
constexpr std::string_view kJson = "application/json";

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Splits "a;b;c" one piece at a time: returns the first piece, leaves the rest in `text`.
std::string_view next_piece(std::string_view& text, char separator) noexcept {
  const auto at = text.find(separator);
  const std::string_view piece = text.substr(0, at);
  text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
  return trim(piece);
}

// One media range of a header value, "type/subtype; name=value; ...": returns the type and calls
// `param(name, value)` for each parameter.
template <typename OnParam>
std::string_view media_range(std::string_view range, OnParam&& param) {
  const std::string_view type = next_piece(range, ';');
  while (!range.empty()) {
    const std::string_view p = next_piece(range, ';');
    const auto eq = p.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view value = trim(p.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    param(trim(p.substr(0, eq)), value);
  }
  return type;
}

bool charset_is_utf8(std::string_view charset) noexcept {
  return charset.empty() || iequals(charset, "utf-8") || iequals(charset, "utf8");
}

RequestError bad_request(std::string message) {
  return {http::status::bad_request, std::move(message)};
}

// The simdjson parser of this thread: its buffers are reused across requests.
simdjson::dom::parser& thread_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

std::optional<RequestError> read_optional_string(simdjson::dom::element value, const char* name,
                                                 std::optional<std::string>& out) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_string()) {
    return bad_request(std::string("The \"") + name + "\" parameter must be a string or null.");
  }
  out = std::string(value.get_string().value_unsafe());
  return std::nullopt;
}

std::optional<RequestError> read_optional_object(simdjson::dom::element value, const char* name,
                                                 std::string* out) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_object()) {
    return bad_request(std::string("The \"") + name + "\" parameter must be an object or null.");
  }
  if (out != nullptr) *out = simdjson::minify(value);
  return std::nullopt;
}

std::variant<GraphqlRequest, RequestError> from_json_body(std::string_view body) {
  if (trim(body).empty()) return bad_request("The request body is empty: expected a JSON object.");
  simdjson::dom::element root;
  if (auto error = thread_parser().parse(body.data(), body.size()).get(root)) {
    return bad_request(std::string("The request body is not valid JSON: ") +
                       simdjson::error_message(error));
  }
  if (!root.is_object()) return bad_request("The request body must be a JSON object.");
  GraphqlRequest request;
  bool has_query = false;
  const simdjson::dom::object fields = root.get_object().value_unsafe();
  for (auto [key, value] : fields) {
    std::optional<RequestError> error;
    if (key == "query") {
      if (!value.is_string()) return bad_request("The \"query\" parameter must be a string.");
      request.query = std::string(value.get_string().value_unsafe());
      has_query = true;
    } else if (key == "operationName") {
      error = read_optional_string(value, "operationName", request.operation_name);
    } else if (key == "variables") {
      error = read_optional_object(value, "variables", &request.variables_json);
    } else if (key == "extensions") {
      error = read_optional_object(value, "extensions", nullptr);
    }
    if (error) return *error;
  }
  if (!has_query) return bad_request("Missing the \"query\" parameter.");
  return request;
}

std::variant<GraphqlRequest, RequestError> from_query_string(const Request& http_request) {
  GraphqlRequest request;
  request.via_get = true;
  auto query = http_request.query_param("query");
  if (!query) return bad_request("Missing the \"query\" parameter.");
  request.query = std::move(*query);
  if (auto name = http_request.query_param("operationName"); name && !name->empty()) {
    request.operation_name = std::move(*name);
  }
  for (const char* name : {"variables", "extensions"}) {
    auto text = http_request.query_param(name);
    if (!text || text->empty()) continue;
    simdjson::dom::element value;
    if (thread_parser().parse(*text).get(value)) {
      return bad_request(std::string("The \"") + name + "\" parameter is not valid JSON.");
    }
    const bool is_variables = std::string_view(name) == "variables";
    if (auto error =
            read_optional_object(value, name, is_variables ? &request.variables_json : nullptr)) {
      return *error;
    }
  }
  for (const auto* text :
       {&request.query, request.operation_name ? &*request.operation_name : nullptr}) {
    if (text != nullptr && !simdjson::validate_utf8(text->data(), text->size())) {
      return bad_request("The request parameters are not valid UTF-8.");
    }
  }
  return request;
}

}  // namespace

std::string_view content_type_of(MediaType type) noexcept {
  return type == MediaType::graphql_response_json
             ? "application/graphql-response+json; charset=utf-8"
             : "application/json; charset=utf-8";
}

std::optional<MediaType> negotiate_media_type(std::string_view accept) noexcept {
  if (trim(accept).empty()) return MediaType::json;
  std::optional<MediaType> best;
  double best_q = 0;
  while (!accept.empty()) {
    const std::string_view range = next_piece(accept, ',');
    double q = 1;
    std::string_view charset;
    const std::string_view type =
        media_range(range, [&](std::string_view name, std::string_view value) {
          if (iequals(name, "q")) q = std::atof(std::string(value).c_str());
          if (iequals(name, "charset")) charset = value;
        });
    std::optional<MediaType> candidate;
    if (iequals(type, kGraphqlResponseJson))
      candidate = MediaType::graphql_response_json;
    else if (iequals(type, kJson) || iequals(type, "application/*") || iequals(type, "*/*")) {
      candidate = MediaType::json;
    }
    if (candidate && q > 0 && charset_is_utf8(charset) && q > best_q) {
      best = candidate;
      best_q = q;
    }
  }
  return best;
}

std::variant<GraphqlRequest, RequestError> parse_graphql_request(const Request& request) {
  if (request.method() == "GET") return from_query_string(request);
  if (request.method() != "POST") {
    return RequestError{http::status::method_not_allowed,
                        "Method not allowed: use POST (or GET for queries)."};
  }
  const auto content_type = request.headers()[http::field::content_type];
  std::string_view charset;
  const std::string_view type =
      media_range(content_type, [&](std::string_view name, std::string_view value) {
        if (iequals(name, "charset")) charset = value;
      });
  if (!iequals(type, kJson) || !charset_is_utf8(charset)) {
    return RequestError{http::status::unsupported_media_type,
                        "Unsupported Content-Type: send the request as application/json "
                        "(UTF-8)."};
  }
  return from_json_body(request.body());
}

http::status pre_execution_error_status(MediaType type) noexcept {
  return type == MediaType::graphql_response_json ? http::status::bad_request : http::status::ok;
}

}  // namespace sluice::server
