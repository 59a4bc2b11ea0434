#include <gtest/gtest.h>

#include "sluice/server/graphql_http.hpp"
#include "sluice/server/http_server.hpp"

namespace sluice::server {
namespace {
namespace http = boost::beast::http;

Request::Message message(http::verb verb, std::string target, std::string body = "",
                         std::string content_type = "application/json") {
  Request::Message m{verb, target, 11};
  if (!content_type.empty()) m.set(http::field::content_type, content_type);
  m.body() = std::move(body);
  m.prepare_payload();
  return m;
}

std::variant<GraphqlRequest, RequestError> parse(Request::Message m) {
  Request request(std::move(m));
  return parse_graphql_request(request);
}

TEST(NegotiateMediaType, FollowsTheAcceptHeader) {
  using enum MediaType;
  EXPECT_EQ(negotiate_media_type(""), json);  // missing Accept: application/json
  EXPECT_EQ(negotiate_media_type("application/graphql-response+json"), graphql_response_json);
  EXPECT_EQ(negotiate_media_type("application/json"), json);
  EXPECT_EQ(negotiate_media_type("*/*"), json);
  EXPECT_EQ(negotiate_media_type("application/graphql-response+json, application/json;q=0.9"),
            graphql_response_json);
  EXPECT_EQ(negotiate_media_type("application/graphql-response+json;q=0.5, application/json"),
            json);
  EXPECT_EQ(negotiate_media_type("application/json; charset=utf-8"), json);
  EXPECT_EQ(negotiate_media_type("text/html"), std::nullopt);
  EXPECT_EQ(negotiate_media_type("application/json; charset=latin1"), std::nullopt);
  EXPECT_EQ(negotiate_media_type("application/json;q=0"), std::nullopt);
}

TEST(ParseGraphqlRequest, PostJsonBody) {
  auto r = parse(message(http::verb::post, "/graphql",
                         R"({"query":"{ a }","operationName":"Op","variables":{"x": [1, "y"]},)"
                         R"("extensions":{"k":1}})"));
  ASSERT_TRUE(std::holds_alternative<GraphqlRequest>(r));
  const auto& g = std::get<GraphqlRequest>(r);
  EXPECT_EQ(g.query, "{ a }");
  EXPECT_EQ(g.operation_name, "Op");
  EXPECT_EQ(g.variables_json, R"({"x":[1,"y"]})");
  EXPECT_FALSE(g.via_get);

  auto nulls = parse(message(http::verb::post, "/graphql",
                             R"({"query":"{ a }","operationName":null,"variables":null,"extensions":null})"));
  ASSERT_TRUE(std::holds_alternative<GraphqlRequest>(nulls));
  EXPECT_EQ(std::get<GraphqlRequest>(nulls).operation_name, std::nullopt);
  EXPECT_EQ(std::get<GraphqlRequest>(nulls).variables_json, "");
}

TEST(ParseGraphqlRequest, RejectsMalformedRequestsWith400) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "The request body is empty: expected a JSON object."},
      {"{", "The request body is not valid JSON"},
      {"[]", "The request body must be a JSON object."},
      {R"({"variables":{}})", "Missing the \"query\" parameter."},
      {R"({"query":1})", "The \"query\" parameter must be a string."},
      {R"({"query":"{a}","operationName":2})", "The \"operationName\" parameter must be a string"},
      {R"({"query":"{a}","variables":"{}"})", "The \"variables\" parameter must be an object"},
      {R"({"query":"{a}","extensions":[]})", "The \"extensions\" parameter must be an object"},
      {"{\"query\":\"\xff\"}", "The request body is not valid JSON"},
  };
  for (const auto& [body, prefix] : cases) {
    auto r = parse(message(http::verb::post, "/graphql", body));
    ASSERT_TRUE(std::holds_alternative<RequestError>(r)) << body;
    EXPECT_EQ(std::get<RequestError>(r).status, http::status::bad_request) << body;
    EXPECT_EQ(std::get<RequestError>(r).message.rfind(prefix, 0), 0u)
        << body << " → " << std::get<RequestError>(r).message;
  }
}

TEST(ParseGraphqlRequest, ContentTypeMustBeJson) {
  for (const char* type : {"", "text/plain", "application/x-www-form-urlencoded",
                           "application/json; charset=latin1"}) {
    auto r = parse(message(http::verb::post, "/graphql", R"({"query":"{a}"})", type));
    ASSERT_TRUE(std::holds_alternative<RequestError>(r)) << type;
    EXPECT_EQ(std::get<RequestError>(r).status, http::status::unsupported_media_type) << type;
  }
  auto ok = parse(message(http::verb::post, "/graphql", R"({"query":"{a}"})",
                          "Application/JSON; charset=UTF-8"));
  EXPECT_TRUE(std::holds_alternative<GraphqlRequest>(ok));
}

TEST(ParseGraphqlRequest, GetQueryString) {
  auto r = parse(message(http::verb::get,
                         "/graphql?query=%7B%20a%20%7D&operationName=Op&variables=%7B%22x%22%3A1%7D",
                         "", ""));
  ASSERT_TRUE(std::holds_alternative<GraphqlRequest>(r));
  const auto& g = std::get<GraphqlRequest>(r);
  EXPECT_EQ(g.query, "{ a }");
  EXPECT_EQ(g.operation_name, "Op");
  EXPECT_EQ(g.variables_json, R"({"x":1})");
  EXPECT_TRUE(g.via_get);

  for (const char* target : {"/graphql", "/graphql?variables=%7B%7D", "/graphql?query=%7Ba%7D&variables=nope",
                             "/graphql?query=%7Ba%7D&variables=%5B%5D", "/graphql?query=%FF"}) {
    auto bad = parse(message(http::verb::get, target, "", ""));
    ASSERT_TRUE(std::holds_alternative<RequestError>(bad)) << target;
    EXPECT_EQ(std::get<RequestError>(bad).status, http::status::bad_request) << target;
  }
}

TEST(ParseGraphqlRequest, OtherMethodsAreNotAllowed) {
  auto r = parse(message(http::verb::put, "/graphql", R"({"query":"{a}"})"));
  ASSERT_TRUE(std::holds_alternative<RequestError>(r));
  EXPECT_EQ(std::get<RequestError>(r).status, http::status::method_not_allowed);
}

TEST(PreExecutionErrorStatus, DependsOnTheMediaType) {
  EXPECT_EQ(pre_execution_error_status(MediaType::graphql_response_json), http::status::bad_request);
  EXPECT_EQ(pre_execution_error_status(MediaType::json), http::status::ok);
}

}  // namespace
}  // namespace sluice::server
