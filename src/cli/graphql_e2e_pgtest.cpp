// GraphQL queries end to end through real HTTP: `sluice serve` on the blog example
// (examples/blog) with a small generated data set.
//
//   QueryFixtures     every testdata/queries/NNN-name.graphql (README.md there): the response
//                     must equal, key order included, the body its .sql computes in PostgreSQL
//   HostileRequests   malformed and hostile requests: status codes, messages, limits, and
//                     injection attempts that must match literally and execute nothing
//   Streaming         a large response streams chunked; a client leaving mid-stream cancels the
//                     PostgreSQL query and the server goes on answering
//   GraphqlHttpAudit  the graphql-http package's audit (tools/graphql-http-audit.mjs)

#include <arpa/inet.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "binary_test_support.hpp"
#include "e2e_test_support.hpp"
#include "sluice_testing/pg.hpp"

namespace {
using namespace sluice::cli::binary_test;
using namespace sluice::cli::e2e;
using Json = nlohmann::ordered_json;

const fs::path kQueries = kSourceDir / "src/cli/testdata/queries";

// ---------------------------------------------------------------------------------------------
// Fixtures: NNN-name.graphql (+ .variables.json) against NNN-name.sql.

std::vector<std::string> query_case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kQueries)) {
    if (entry.path().extension() == ".graphql") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The value of a "# operationName: Name" line at the top of the document, or "".
std::string operation_name_of(const std::string& document) {
  constexpr std::string_view kPrefix = "# operationName: ";
  std::istringstream lines(document);
  for (std::string line; std::getline(lines, line) && line.rfind('#', 0) == 0;) {
    if (line.rfind(kPrefix, 0) == 0) return line.substr(kPrefix.size());
  }
  return "";
}

class QueryFixtures : public DeploymentTest<QueryFixtures>,
                      public ::testing::WithParamInterface<std::string> {
 public:
  static void SetUpTestSuite() {
    PgTest::SetUpTestSuite();
    blog_ = Deployment::start(dbname(), conninfo(), 300, std::vector<std::string>{});
  }
};

TEST_P(QueryFixtures, ResponseEqualsTheSqlResult) {
  const fs::path base = kQueries / GetParam();
  const std::string document = read_file(base.string() + ".graphql");
  const fs::path variables_file = base.string() + ".variables.json";
  const Json variables =
      fs::exists(variables_file) ? Json::parse(read_file(variables_file)) : Json(nullptr);

  const Json expected = Json::parse(sql().value(read_file(base.string() + ".sql")));
  const auto reply = server().post(graphql_body(document, variables, operation_name_of(document)));
  ASSERT_TRUE(reply) << "no response";
  EXPECT_EQ(reply->status, 200) << reply->body;
  EXPECT_EQ(reply->content_type.rfind(kGraphqlResponseJson, 0), 0u) << reply->content_type;
  const Json actual = parse_body(reply->body);
  EXPECT_EQ(actual, expected);
}

INSTANTIATE_TEST_SUITE_P(Blog, QueryFixtures, ::testing::ValuesIn(query_case_names()),
                         [](const ::testing::TestParamInfo<std::string>& case_info) {
                           std::string name = case_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// ---------------------------------------------------------------------------------------------
// Malformed and hostile requests.

class HostileRequests : public DeploymentTest<HostileRequests> {
 public:
  static constexpr std::size_t kBodyLimit = 256 << 10;

  static void SetUpTestSuite() {
    PgTest::SetUpTestSuite();
    blog_ =
        Deployment::start(dbname(), conninfo(), 300,
                          std::vector<std::string>{"--body-limit", fmt::format("{}", kBodyLimit)});
  }

 protected:
  // The server still answers a query correctly (after a hostile request).
  static void expect_still_serving() {
    const auto reply =
        server().post(graphql_body("{ users(orderBy: [{username: ASC}], limit: 1) { username } }"));
    ASSERT_TRUE(reply) << "no response";
    EXPECT_EQ(parse_body(reply->body),
              Json::parse(sql().value("SELECT json_build_object('data', json_build_object('users', "
                                      "json_build_array(json_build_object('username', min(username)"
                                      ")))) FROM tb_user")));
  }
};

TEST_F(HostileRequests, MalformedBodiesAre400WithAnError) {
  for (const std::string body :
       {R"({"query": "{ __typename }")", R"([{"query": "{ __typename }"}])", R"({"query": 42})",
        R"({"query": "{ __typename }", "variables": [1]})",
        R"({"query": "{ __typename }", "operationName": {}})", ""}) {
    SCOPED_TRACE(body);
    for (std::string_view accept : {kGraphqlResponseJson, std::string_view("application/json")}) {
      const auto reply = server().post(body, accept);
      ASSERT_TRUE(reply);
      EXPECT_EQ(reply->status, 400) << reply->body;
      EXPECT_FALSE(first_error_message(parse_body(reply->body)).empty()) << reply->body;
    }
  }
  expect_still_serving();
}

TEST_F(HostileRequests, MissingQueryIs400NamingIt) {
  const auto reply = server().post(R"({"variables": {}, "operationName": null})");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  EXPECT_NE(first_error_message(parse_body(reply->body)).find("query"), std::string::npos)
      << reply->body;
}

TEST_F(HostileRequests, WrongContentTypeIs415) {
  for (std::string_view type : {"text/plain", "application/x-www-form-urlencoded",
                                "application/graphql", "application/json; charset=latin1", ""}) {
    SCOPED_TRACE(type);
    const auto reply = server().post(graphql_body("{ __typename }"), kGraphqlResponseJson, type);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 415) << reply->body;
    EXPECT_FALSE(first_error_message(parse_body(reply->body)).empty()) << reply->body;
  }
}

TEST_F(HostileRequests, WrongVariableTypesNameTheVariable) {
  struct Case {
    std::string query;
    Json variables;
    std::string variable;
  };
  const std::vector<Case> cases = {
      {"query($n: Int) { users(limit: $n) { id } }", {{"n", "ten"}}, "$n"},
      {"query($n: Int) { users(limit: $n) { id } }", {{"n", 1.5}}, "$n"},
      {"query($id: ID!) { user(id: $id) { id } }", Json::object(), "$id"},
      {"query($id: ID!) { user(id: $id) { id } }", {{"id", nullptr}}, "$id"},
      {"query($w: UserWhere) { users(where: $w) { id } }",
       {{"w", {{"karma", {{"gt", "high"}}}}}},
       "$w"},
      {"query($w: UserWhere) { users(where: $w) { id } }", {{"w", {{"noSuchField", 1}}}}, "$w"},
      {"query($r: [UserRole!]) { users(where: {role: {in: $r}}) { id } }",
       {{"r", {"READER", "KING"}}},
       "$r"},
      {"query($b: Boolean!) { users(limit: 1) { id @include(if: $b) } }", {{"b", "yes"}}, "$b"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.query + " " + c.variables.dump());
    const auto strict = server().post(graphql_body(c.query, c.variables));
    ASSERT_TRUE(strict);
    EXPECT_EQ(strict->status, 400) << strict->body;
    const Json body = parse_body(strict->body);
    EXPECT_FALSE(body.contains("data")) << strict->body;
    EXPECT_NE(first_error_message(body).find(c.variable), std::string::npos) << strict->body;
    // application/json clients read the same errors from a 200.
    const auto legacy = server().post(graphql_body(c.query, c.variables), "application/json");
    ASSERT_TRUE(legacy);
    EXPECT_EQ(legacy->status, 200) << legacy->body;
    EXPECT_EQ(parse_body(legacy->body), body);
  }
}

TEST_F(HostileRequests, UnknownFieldHasMessageAndLocation) {
  const std::string query = "query Q {\n  users(limit: 1) {\n    username\n    nope\n  }\n}";
  const auto reply = server().post(graphql_body(query));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400);
  const Json body = parse_body(reply->body);
  ASSERT_TRUE(body.contains("errors")) << reply->body;
  ASSERT_EQ(body["errors"].size(), 1u) << reply->body;
  const Json& error = body["errors"][0];
  EXPECT_EQ(error.value("message", "").rfind(R"(Cannot query field "nope" on type "User".)", 0), 0u)
      << reply->body;
  // 1-based line and column of "nope", counted from the document.
  const auto at = query.find("nope");
  const auto line = 1 + std::count(query.begin(), query.begin() + at, '\n');
  const auto column = at - query.rfind('\n', at);
  EXPECT_EQ(error["locations"],
            Json::parse(fmt::format(R"([{{"line":{},"column":{}}}])", line, column)))
      << reply->body;
}

TEST_F(HostileRequests, BodyLimitIs413AndOnlyAboveTheLimit) {
  // The same request padded (in "extensions", which the server ignores) to just under and just
  // over the limit.
  const auto padded = [](std::size_t size) {
    std::string body = R"({"query":"{ __typename }","extensions":{"pad":")";
    const std::string tail = "\"}}";
    body.append(size - body.size() - tail.size(), 'x');
    return body + tail;
  };
  const auto under = server().post(padded(kBodyLimit));
  ASSERT_TRUE(under);
  EXPECT_EQ(under->status, 200) << under->body.substr(0, 300);
  const auto over = server().post(padded(kBodyLimit + 1));
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 413);
  EXPECT_FALSE(first_error_message(parse_body(over->body)).empty()) << over->body;
  expect_still_serving();
}

TEST_F(HostileRequests, TooDeepDocumentsAreRejectedWithoutHarm) {
  std::string nested_where;
  for (int i = 0; i < 200; ++i) nested_where += "{NOT: ";
  nested_where += "{karma: {gt: 1}}" + std::string(200, '}');
  // 50,000 nested selection sets and 100,000 nested lists: a recursive parser without a depth
  // limit would overflow its stack.
  std::string nested_selections;
  for (int i = 0; i < 50'000; ++i) nested_selections += "{a";
  nested_selections += std::string(50'000, '}');
  const std::vector<std::string> documents = {
      "{ users(where: " + nested_where + ") { id } }",
      "{ users(where: {username: {in: " + std::string(100'000, '[') + "}}) { id } }",
      nested_selections,
  };
  for (const auto& document : documents) {
    SCOPED_TRACE(document.substr(0, 60));
    const auto reply = server().post(graphql_body(document));
    ASSERT_TRUE(reply) << "no response";
    EXPECT_EQ(reply->status, 400) << reply->body.substr(0, 300);
    EXPECT_NE(first_error_message(parse_body(reply->body)).find("deeper than"), std::string::npos)
        << reply->body.substr(0, 300);
  }
  expect_still_serving();
}

TEST_F(HostileRequests, GetRunsQueriesOnlyAndOtherMethodsAre405) {
  const auto get = [](const std::string& query) {
    std::string target = "/graphql?query=";
    for (unsigned char c : query) {
      if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
        target += static_cast<char>(c);
      } else {
        target += fmt::format("%{:02X}", c);
      }
    }
    http::request<http::string_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::accept, kGraphqlResponseJson);
    return send(server().port(), std::move(req));
  };
  const auto query = get("{ users(orderBy: [{karma: DESC}], limit: 2) { username karma } }");
  ASSERT_TRUE(query);
  EXPECT_EQ(query->status, 200);
  EXPECT_EQ(parse_body(query->body),
            Json::parse(sql().value(
                "SELECT json_build_object('data', json_build_object('users', json_agg("
                "json_build_object('username', username, 'karma', karma) ORDER BY karma DESC, id)))"
                " FROM (SELECT * FROM tb_user ORDER BY karma DESC, id LIMIT 2) u")));

  const auto mutation = get("mutation { incrementCounter(input: {name: \"get\"}) { __typename } }");
  ASSERT_TRUE(mutation);
  EXPECT_EQ(mutation->status, 405);
  EXPECT_EQ(mutation->headers[http::field::allow], "POST");
  EXPECT_EQ(sql().value("SELECT count(*) FROM tb_counter"), "0") << "the mutation ran";

  for (http::verb verb : {http::verb::put, http::verb::delete_, http::verb::patch}) {
    SCOPED_TRACE(http::to_string(verb));
    const auto reply = request(server().port(), verb, "/graphql", graphql_body("{ __typename }"));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 405);
    EXPECT_EQ(reply->headers[http::field::allow], "GET, POST");
  }
}

TEST_F(HostileRequests, AcceptNegotiationChoosesTypeAndStatus) {
  const std::string valid = graphql_body("{ __typename }");
  const std::string invalid = graphql_body("{ nope }");
  struct Case {
    std::string_view accept;
    std::string_view content_type;  // of the response
    int invalid_status;             // for a validation error
  };
  for (const Case& c :
       {Case{kGraphqlResponseJson, kGraphqlResponseJson, 400},
        Case{"application/json", "application/json", 200}, Case{"", "application/json", 200},
        Case{"*/*", "application/json", 200},
        Case{"application/graphql-response+json;q=0.5, application/json;q=0.9", "application/json",
             200},
        Case{"text/html, application/graphql-response+json;q=0.1", kGraphqlResponseJson, 400}}) {
    SCOPED_TRACE(c.accept);
    const auto ok = server().post(valid, c.accept);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    EXPECT_EQ(ok->content_type.rfind(c.content_type, 0), 0u) << ok->content_type;
    EXPECT_EQ(parse_body(ok->body), Json::parse(R"({"data":{"__typename":"Query"}})"));
    const auto bad = server().post(invalid, c.accept);
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, c.invalid_status) << bad->body;
    EXPECT_EQ(bad->content_type.rfind(c.content_type, 0), 0u) << bad->content_type;
    EXPECT_FALSE(first_error_message(parse_body(bad->body)).empty());
  }
  for (std::string_view accept :
       {"text/html", "application/xml, text/plain", "application/json; charset=latin1"}) {
    SCOPED_TRACE(accept);
    const auto reply = server().post(valid, accept);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 406) << reply->body;
  }
}

TEST_F(HostileRequests, NonUtf8Is400) {
  for (const std::string& body :
       {std::string("{\"query\":\"{ users(where: {username: {eq: \\\"\xff\xfe\\\"}}) { id } }\"}"),
        std::string("{\"query\":\"{ __typename }\",\"operationName\":\"\xc3\x28\"}"),
        std::string("{\"query\":\"{ __typename \xed\xa0\x80 }\"}")}) {
    const auto reply = server().post(body);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 400) << reply->body;
    EXPECT_FALSE(first_error_message(parse_body(reply->body)).empty()) << reply->body;
  }
  // The same in a GET query string (percent-encoded bytes).
  const auto get = request(server().port(), http::verb::get, "/graphql?query=%7B%20%FF%20%7D");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 400) << get->body;
  expect_still_serving();
}

// GraphQL string literal for `text`.
std::string graphql_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<int>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

TEST_F(HostileRequests, InjectionAttemptsMatchLiterallyAndExecuteNothing) {
  const std::vector<std::string> hostile = {
      "'; DROP TABLE tb_user; --",
      "\" OR 1=1 --",
      "\\' OR \\'1\\'=\\'1",
      "back\\slash \\\\ and \\\" too",
      "semi;colon; SELECT pg_sleep(30);",
      "$1 $$ $body$ E'\\x41' :name",
      "100%_ LIKE wildcards \\%",
      "Robert'); DELETE FROM tb_post WHERE ('1'='1",
      "*/ /* comment -- \n newline\ttab",
      "\"double\" \"\"quotes\"\" and ''single''",
      "UNION SELECT email FROM tb_user",
  };
  // Each string is the full name and the bio of one extra user, so every filter has a row to
  // find.
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    sql().value("INSERT INTO tb_user (email, username, full_name, bio) VALUES ($1, $2, $3, $4)",
                {fmt::format("hostile{}@example.com", i), fmt::format("hostile_{}", i),
                 "Hostile " + hostile[i] + " end", hostile[i]});
  }
  const std::string sentinel =
      "SELECT (SELECT count(*) FROM tb_user) || '/' || (SELECT count(*) FROM tb_post) || '/' || "
      "(SELECT count(*) FROM tb_comment)";
  const std::string before = sql().value(sentinel);

  const std::string selection = "orderBy: [{username: ASC}]) { username fullName bio } }";
  const std::string expected_sql =
      "SELECT json_build_object('data', json_build_object('users', coalesce(json_agg("
      "json_build_object('username', u.username, 'fullName', u.full_name, 'bio', u.bio) "
      "ORDER BY u.username, u.id), '[]'))) FROM tb_user u "
      "WHERE u.bio = $1 OR strpos(u.full_name, $1) > 0 OR strpos(lower(u.email), lower($1)) > 0";
  for (const auto& text : hostile) {
    SCOPED_TRACE(text);
    const Json expected = Json::parse(sql().value(expected_sql, {text}));
    ASSERT_GE(expected["data"]["users"].size(), 1u);
    // As a variable.
    const auto by_variable = server().post(graphql_body(
        "query($s: String!) { users(where: {OR: [{bio: {eq: $s}}, {fullName: {contains: $s}}, "
        "{email: {icontains: $s}}]}, " +
            selection,
        {{"s", text}}));
    ASSERT_TRUE(by_variable);
    EXPECT_EQ(parse_body(by_variable->body), expected) << by_variable->body;
    // As literals in the document.
    const std::string literal = graphql_string(text);
    const auto by_literal = server().post(graphql_body(
        "{ users(where: {OR: [{bio: {eq: " + literal + "}}, {fullName: {contains: " + literal +
        "}}, {email: {icontains: " + literal + "}}]}, " + selection));
    ASSERT_TRUE(by_literal);
    EXPECT_EQ(parse_body(by_literal->body), expected) << by_literal->body;
  }
  EXPECT_EQ(sql().value(sentinel), before);
  EXPECT_EQ(sql().value("SELECT to_regclass('tb_user') IS NOT NULL"), "t");
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    sql().value("DELETE FROM tb_user WHERE username = $1", {fmt::format("hostile_{}", i)});
  }
}

// A string PostgreSQL text cannot hold (U+0000) is the client's error, reported as such.
TEST_F(HostileRequests, NulInAStringIsARequestError) {
  const auto reply = server().post(
      graphql_body("query($s: String!) { users(where: {username: {eq: $s}}) { username } }",
                   {{"s", std::string("alice_3\0junk", 12)}}));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 400) << reply->body;
  const std::string message = first_error_message(parse_body(reply->body));
  EXPECT_FALSE(message.empty()) << reply->body;
  EXPECT_EQ(message.find("Internal server error"), std::string::npos) << reply->body;
  expect_still_serving();
}

// ---------------------------------------------------------------------------------------------
// Streaming and cancellation, on a data set whose full post list is many megabytes.

class Streaming : public DeploymentTest<Streaming> {
 public:
  // The server's connections carry this name, so the test can find their statements.
  static constexpr std::string_view kApplication = "sluice_e2e_stream";

  static void SetUpTestSuite() {
    PgTest::SetUpTestSuite();
    // 4,000 users: about 8,000 posts, many megabytes with their bodies and comments.
    blog_ = Deployment::start(dbname(), conninfo(), 4000, std::vector<std::string>{},
                              fmt::format(" application_name={}", kApplication));
  }

 protected:
  // Backends of the server that are running a statement over v_post.
  static int running_post_queries() {
    return std::stoi(sql().value(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND state = 'active' "
        "AND query LIKE '%\"v_post\"%'",
        {std::string(kApplication)}));
  }
  // Polls until running_post_queries() == want; false if it did not happen within `deadline`.
  static bool wait_running(int want, std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
      if (running_post_queries() == want) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }
};

TEST_F(Streaming, LargeResponseArrivesChunkedAndComplete) {
  const auto reply = server().post(graphql_body(
      "{ posts(orderBy: [{id: ASC}]) { id title tags author { username } commentCount } }"));
  ASSERT_TRUE(reply) << "no complete response";
  EXPECT_EQ(reply->status, 200);
  EXPECT_GT(reply->body.size(), std::size_t{64} << 10);
  EXPECT_TRUE(reply->chunked) << "a response over 64 KiB should stream";
  const Json expected = Json::parse(sql().value(
      "SELECT json_build_object('data', json_build_object('posts', json_agg(json_build_object("
      "'id', p.id, 'title', p.title, 'tags', p.tags, 'author', json_build_object('username', "
      "a.username), 'commentCount', (SELECT count(*) FROM tb_comment c WHERE c.post_id = p.id)) "
      "ORDER BY p.id::text, p.id))) FROM tb_post p JOIN tb_user a ON a.id = p.author_id"));
  EXPECT_EQ(parse_body(reply->body), expected);
}

// A raw client socket with a small receive buffer, so that the server soon waits on it.
class SlowClient {
 public:
  explicit SlowClient(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    const int buffer = 4096;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  }
  ~SlowClient() { close(); }
  SlowClient(const SlowClient&) = delete;
  SlowClient& operator=(const SlowClient&) = delete;

  bool send_all(std::string_view data) {
    while (connected_ && !data.empty()) {
      const auto sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
    return connected_;
  }
  // Reads until `received` holds at least `bytes` bytes; false on EOF, error or deadline.
  bool read_at_least(std::size_t bytes, std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    char chunk[4096];
    while (received.size() < bytes) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      pollfd p{fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      const auto got = ::recv(fd_, chunk, sizeof chunk, 0);
      if (got <= 0) return false;
      received.append(chunk, static_cast<std::size_t>(got));
    }
    return true;
  }
  // Closes with unread data pending, which makes the kernel reset the connection.
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  std::string received;

 private:
  int fd_;
  bool connected_ = false;
};

TEST_F(Streaming, ClientLeavingMidStreamCancelsTheQuery) {
  ASSERT_EQ(running_post_queries(), 0);
  const std::string body =
      graphql_body("{ posts { id title body comments { body author { username fullName } } } }");
  SlowClient client(server().port());
  ASSERT_TRUE(
      client.send_all(fmt::format("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Content-Type: application/json\r\n"
                                  "Content-Length: {}\r\n\r\n{}",
                                  body.size(), body)));
  ASSERT_TRUE(client.read_at_least(8192, 30s)) << "no response began";
  EXPECT_EQ(client.received.rfind("HTTP/1.1 200", 0), 0u) << client.received.substr(0, 200);
  EXPECT_NE(client.received.find("Transfer-Encoding: chunked"), std::string::npos)
      << client.received.substr(0, 300);
  // The client stopped reading: the server waits on it with the statement still running.
  ASSERT_TRUE(wait_running(1, 10s)) << "the statement is not running while the client stalls";

  client.close();
  EXPECT_TRUE(wait_running(0, 10s)) << "the statement still runs after the client left";

  const auto after =
      server().post(graphql_body("{ posts(orderBy: [{id: ASC}], limit: 1) { id } }"));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  EXPECT_EQ(parse_body(after->body),
            Json::parse(sql().value("SELECT json_build_object('data', json_build_object('posts', "
                                    "json_build_array(json_build_object('id', min(id::text)))))"
                                    " FROM tb_post")));
}

// ---------------------------------------------------------------------------------------------
// The graphql-http audit (tools/graphql-http-audit.mjs).

// Runs a shell command; its exit status and output (stdout and stderr).
std::pair<int, std::string> run_shell(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  char buffer[4096];
  while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

class GraphqlHttpAudit : public sluice::testing::PgTest {};

TEST_F(GraphqlHttpAudit, MustAndShouldAuditsPass) {
  const auto [found, node] = run_shell("command -v node");
  if (found != 0) GTEST_SKIP() << "node is not installed";
  const fs::path tools = kSourceDir / "tools";
  if (!fs::exists(tools / "node_modules/graphql-http")) {
    GTEST_SKIP() << "tools/node_modules is missing: run npm ci in tools/";
  }
  sluice::testing::cluster().run_sql_file(dbname(), kBlog / "schema.sql");
  Server server(conninfo(), {});
  ASSERT_TRUE(server.healthy()) << server.output();

  // `timeout` bounds the whole audit; each of its requests has its own deadline in the script.
  const auto [status, output] = run_shell(fmt::format(
      "cd '{}' && timeout 120 node graphql-http-audit.mjs '{}'", tools.string(), server.url()));
  std::cout << output;
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find(" audits: "), std::string::npos) << output;
}

}  // namespace
