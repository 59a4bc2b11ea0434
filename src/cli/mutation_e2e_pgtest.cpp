// Mutations end to end through real HTTP: `sluice serve` on the blog example plus the test-only
// functions of testdata/mutations (probes.sql, probes.graphql). Expected values come from
// PostgreSQL: the rows the mutation wrote, read back by SQL, and row counts that prove what was
// rolled back.
//
//   FunctionMutations   the mutation_response contract: every status class, union selection,
//                       aliases and __typename on the entity, keys snake_cased, plain jsonb
//   GeneratedWrites     @insert / @update / @delete and constraint violations
//   Transactions        several root fields all or nothing, 16 concurrent clients, a client
//                       that leaves mid-mutation

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "e2e_test_support.hpp"

namespace {
using namespace sluice::cli::binary_test;
using namespace sluice::cli::e2e;

const fs::path kProbes = kSourceDir / "src/cli/testdata/mutations";

template <typename Suite>
class MutationTest : public DeploymentTest<Suite> {
 public:
  static void SetUpTestSuite() {
    sluice::testing::PgTest::SetUpTestSuite();
    auto& cluster = sluice::testing::cluster();
    const std::string db = sluice::testing::PgTest::dbname();
    cluster.run_sql_file(db, kBlog / "schema.sql");
    cluster.run_sql(db, "SELECT * FROM fn_generate_blog(20)");
    cluster.run_sql_file(db, kProbes / "probes.sql");
    // One schema file: the blog's with the probes appended.
    schema_file_ =
        fs::temp_directory_path() / fmt::format("sluice-mutations-{}.graphql", ::getpid());
    std::ofstream(schema_file_) << read_file(kBlog / "schema.graphql") << "\n"
                                << read_file(kProbes / "probes.graphql");
    const std::string conninfo = sluice::testing::PgTest::conninfo();
    DeploymentTest<Suite>::blog_ =
        std::make_unique<Deployment>(conninfo, conninfo, std::vector<std::string>{}, schema_file_);
  }
  static void TearDownTestSuite() {
    DeploymentTest<Suite>::TearDownTestSuite();
    fs::remove(schema_file_);
  }

 protected:
  using DeploymentTest<Suite>::server;
  using DeploymentTest<Suite>::sql;

  // POSTs a mutation; the parsed body (status 200 expected).
  Json run(const std::string& document, const Json& variables = nullptr) {
    const auto reply = server().post(graphql_body(document, variables));
    if (!reply) return Json("no response");
    EXPECT_EQ(reply->status, 200) << reply->body;
    return parse_body(reply->body);
  }
  // The JSON a SQL statement returns as text.
  Json sql_json(const std::string& statement, const std::vector<std::string>& params = {}) {
    return Json::parse(sql().value(statement, params));
  }
  std::string count(const std::string& table) {
    return sql().value("SELECT count(*) FROM " + table);
  }

  static inline fs::path schema_file_;
};

// ---------------------------------------------------------------------------------------------

class FunctionMutations : public MutationTest<FunctionMutations> {};

TEST_F(FunctionMutations, EveryStatusClassPicksItsType) {
  const std::string document = R"(mutation ($s: String!, $m: JSON) {
    statusProbe(input: {status: $s, message: "said", metadata: $m}) {
      __typename
      ... on ProbeSuccess { status message }
      ... on ProbeError { status message code errors { field code message } }
    }
  })";
  // The contract (docs/MUTATIONS.md): success statuses, then error classes and their codes.
  const std::vector<std::pair<std::string, int>> statuses = {{"success", 0},
                                                             {"created", 0},
                                                             {"updated", 0},
                                                             {"deleted", 0},
                                                             {"ok", 0},
                                                             {"new", 0},
                                                             {"noop:unchanged", 0},
                                                             {"failed:boom", 500},
                                                             {"not_found:book", 404},
                                                             {"unauthorized:token", 401},
                                                             {"forbidden:role", 403},
                                                             {"conflict:dup", 409},
                                                             {"timeout:lock", 408},
                                                             {"validation:input", 422},
                                                             {"mystery", 500}};
  const Json errors = Json::array({{{"field", "title"}, {"code", "blank"}, {"message", "empty"}}});
  for (const auto& [status, code] : statuses) {
    const std::string before = count("tb_probe_log");
    const Json body = run(document, {{"s", status}, {"m", {{"errors", errors}}}});
    Json expected;
    if (code == 0) {
      expected = {{"data",
                   {{"statusProbe",
                     {{"__typename", "ProbeSuccess"}, {"status", status}, {"message", "said"}}}}}};
    } else {
      expected = {{"data",
                   {{"statusProbe",
                     {{"__typename", "ProbeError"},
                      {"status", status},
                      {"message", "said"},
                      {"code", code},
                      {"errors", errors}}}}}};
    }
    EXPECT_EQ(body, expected) << status;
    // Alone in its operation, the function's call is its own transaction and an error status
    // its own answer: what it wrote stays (with other fields, see Transactions).
    EXPECT_EQ(std::stoi(count("tb_probe_log")), std::stoi(before) + 1) << status;
  }
}

TEST_F(FunctionMutations, TheEntityGoesThroughTheResponsePipeline) {
  const Json body = run(R"(mutation {
    made: createUser(input: {email: "Ann.E2E@Example.com", username: "ann_e2e",
                             fullName: "Ann \"E\"", role: EDITOR, bio: "x;'--"}) {
      __typename
      ... on CreateUserSuccess { status who: user { __typename handle: username fullName role id bio } }
      ... on CreateUserError { code }
    }
  })");
  const Json expected = sql_json(
      "SELECT json_build_object('data', json_build_object('made', json_build_object("
      "'__typename', 'CreateUserSuccess', 'status', 'created', 'who', json_build_object("
      "'__typename', 'User', 'handle', data->'username', 'fullName', data->'full_name', "
      "'role', data->'role', 'id', data->'id', 'bio', data->'bio'))))::text "
      "FROM v_user WHERE username = 'ann_e2e'");
  EXPECT_EQ(body, expected);
  EXPECT_EQ(sql().value("SELECT role || ' ' || email FROM tb_user WHERE username = 'ann_e2e'"),
            "editor ann.e2e@example.com");
}

TEST_F(FunctionMutations, ErrorTypesCarryTheFunctionsCodeAndErrors) {
  const Json input = {{"email", "not-an-email"}, {"username", "X"}, {"fullName", " "}};
  const std::string before = count("tb_user");
  const Json body = run(R"(mutation ($in: CreateUserInput!) {
    createUser(input: $in) {
      ... on CreateUserError { status message code errors { field code message } }
      ... on CreateUserSuccess { user { id } }
    }
  })",
                        {{"in", input}});
  // What the function itself says for the same input (it writes nothing when it refuses).
  const Json response =
      sql_json("SELECT to_jsonb(r)::text FROM fn_create_user($1::jsonb) AS r",
               {R"({"email": "not-an-email", "username": "X", "full_name": " "})"});
  // Its errors, projected in the selection's order (jsonb orders keys its own way).
  Json errors = Json::array();
  for (const Json& e : response["metadata"]["errors"]) {
    errors.push_back({{"field", e["field"]}, {"code", e["code"]}, {"message", e["message"]}});
  }
  const Json expected = {{"data",
                          {{"createUser",
                            {{"status", response["status"]},
                             {"message", response["message"]},
                             {"code", 422},
                             {"errors", errors}}}}}};
  EXPECT_EQ(body, expected);
  EXPECT_EQ(response["status"], "validation:invalid_input");
  EXPECT_EQ(count("tb_user"), before);
}

TEST_F(FunctionMutations, UpdatedNoopAndNotFoundFromARealFunction) {
  const std::string post = sql().value("SELECT id FROM tb_post WHERE status <> 'archived' LIMIT 1");
  const std::string document = R"(mutation ($in: UpdatePostInput!) {
    updatePost(input: $in) {
      __typename
      ... on UpdatePostSuccess { status updatedFields post { title } }
      ... on UpdatePostError { status code }
    }
  })";
  const Json input = {{"id", post}, {"title", "A title from the e2e test"}};
  const Json expected_post =
      sql_json("SELECT json_build_object('title', 'A title from the e2e test')::text");
  EXPECT_EQ(run(document, {{"in", input}}), (Json{{"data",
                                                   {{"updatePost",
                                                     {{"__typename", "UpdatePostSuccess"},
                                                      {"status", "updated"},
                                                      {"updatedFields", {"title"}},
                                                      {"post", expected_post}}}}}}));
  EXPECT_EQ(sql().value("SELECT title FROM tb_post WHERE id = $1", {post}),
            "A title from the e2e test");
  EXPECT_EQ(run(document, {{"in", input}}), (Json{{"data",
                                                   {{"updatePost",
                                                     {{"__typename", "UpdatePostSuccess"},
                                                      {"status", "noop:no_changes"},
                                                      {"updatedFields", Json::array()},
                                                      {"post", expected_post}}}}}}));
  EXPECT_EQ(
      run(document, {{"in", {{"id", "00000000-0000-4000-8000-000000000000"}}}}),
      (Json{
          {"data",
           {{"updatePost",
             {{"__typename", "UpdatePostError"}, {"status", "not_found:post"}, {"code", 404}}}}}}));
}

TEST_F(FunctionMutations, TypenameAtTheRootIsTheMutationType) {
  EXPECT_EQ(run("mutation { __typename }"), (Json{{"data", {{"__typename", "Mutation"}}}}));
  EXPECT_EQ(
      run(R"(mutation { t: __typename p: statusProbe(input: {status: "ok"}) { __typename } })"),
      (Json{{"data", {{"t", "Mutation"}, {"p", {{"__typename", "ProbeSuccess"}}}}}}));
}

TEST_F(FunctionMutations, ASelectionOnOneMemberLeavesTheOtherEmpty) {
  const Json body = run(R"(mutation {
    statusProbe(input: {status: "conflict:x"}) { ... on ProbeSuccess { status } }
  })");
  EXPECT_EQ(body, (Json{{"data", {{"statusProbe", Json::object()}}}}));
}

TEST_F(FunctionMutations, SeveralArgumentsAreOneObjectAndPlainJsonbIsTheEntity) {
  sql().value("INSERT INTO tb_counter (name, value) VALUES ('plain', 41)");
  const Json body = run(R"(mutation {
    counterJson(counterName: "plain", extra: {keepMe: [1, {innerKey: true}]}) {
      __typename name value
    }
  })");
  EXPECT_EQ(
      body,
      (Json{{"data",
             {{"counterJson", {{"__typename", "Counter"}, {"name", "plain"}, {"value", 41}}}}}}));
  // The function logged its argument: snake_case keys, JSON values as given.
  EXPECT_EQ(nlohmann::json::parse(sql().value("SELECT note FROM tb_probe_log ORDER BY id DESC "
                                              "LIMIT 1")),
            nlohmann::json::parse(
                R"({"counter_name": "plain", "extra": {"keepMe": [1, {"innerKey": true}]}})"));
  EXPECT_EQ(run(R"(mutation { counterJson(counterName: "none") { name } })"),
            (Json{{"data", {{"counterJson", nullptr}}}}));
}

TEST_F(FunctionMutations, APostgresErrorInsideAFunctionIsAFieldErrorWithItsSqlstate) {
  const std::string before = count("tb_probe_log");
  const Json body =
      run(R"(mutation { raiseError(input: {status: "x", message: "m"}) { __typename } })");
  EXPECT_EQ(body,
            (Json{{"data", {{"raiseError", nullptr}}},
                  {"errors",
                   {{{"message", "probe failure: m"},
                     {"locations", {{{"line", 1}, {"column", 12}}}},
                     {"path", {"raiseError"}},
                     {"extensions", {{"code", "DATABASE_ERROR"}, {"sqlstate", "P0001"}}}}}}}));
  EXPECT_EQ(count("tb_probe_log"), before);
}

// ---------------------------------------------------------------------------------------------

class GeneratedWrites : public MutationTest<GeneratedWrites> {};

TEST_F(GeneratedWrites, InsertUpdateDeleteReadBackFromTheView) {
  const std::string post = sql().value("SELECT id FROM tb_post LIMIT 1");
  const std::string author = sql().value("SELECT id FROM tb_user LIMIT 1");
  const std::string selection = "id body likes editedAt author { username } post { id }";
  const Json added =
      run("mutation ($in: CommentInsert!) { addComment(input: $in) { " + selection + " } }",
          {{"in", {{"postId", post}, {"authorId", author}, {"body", "first!"}, {"likes", 2}}}});
  ASSERT_TRUE(added["data"]["addComment"].is_object()) << added.dump();
  const std::string id = added["data"]["addComment"]["id"];
  auto expected = [&](const std::string& field) {
    return sql_json(
        "SELECT json_build_object('data', json_build_object($2::text, json_build_object("
        "'id', data->'id', 'body', data->'body', 'likes', data->'likes', 'editedAt', "
        "data->'edited_at', 'author', json_build_object('username', data->'author'->'username'), "
        "'post', json_build_object('id', data->'post'->'id'))))::text "
        "FROM v_comment WHERE id = $1",
        {id, field});
  };
  EXPECT_EQ(added, expected("addComment"));
  EXPECT_EQ(sql().value("SELECT body || likes FROM tb_comment WHERE id = $1", {id}), "first!2");

  // Only the given fields change; null sets NULL.
  const Json edited =
      run("mutation ($id: ID!) { editComment(id: $id, patch: {body: \"edited\", "
          "editedAt: \"2024-05-06T07:08:09Z\"}) { " +
              selection + " } }",
          {{"id", id}});
  EXPECT_EQ(edited, expected("editComment"));
  EXPECT_EQ(sql().value("SELECT body || likes || edited_at FROM tb_comment WHERE id = $1", {id}),
            "edited22024-05-06 07:08:09+00");
  run("mutation ($id: ID!) { editComment(id: $id, patch: {editedAt: null}) { id } }", {{"id", id}});
  EXPECT_EQ(sql().value("SELECT edited_at IS NULL FROM tb_comment WHERE id = $1", {id}), "t");

  // Delete answers with the comment as it was.
  const Json before_delete = expected("removeComment");
  EXPECT_EQ(
      run("mutation ($id: ID!) { removeComment(id: $id) { " + selection + " } }", {{"id", id}}),
      before_delete);
  EXPECT_EQ(sql().value("SELECT count(*) FROM tb_comment WHERE id = $1", {id}), "0");
  // A key that matches nothing is null, for update and delete alike.
  EXPECT_EQ(run("mutation ($id: ID!) { removeComment(id: $id) { id } }", {{"id", id}}),
            (Json{{"data", {{"removeComment", nullptr}}}}));
  EXPECT_EQ(run("mutation ($id: ID!) { editComment(id: $id, patch: {body: \"x\"}) { id } }",
                {{"id", id}}),
            (Json{{"data", {{"editComment", nullptr}}}}));
}

TEST_F(GeneratedWrites, ConstraintViolationsAreClearErrors) {
  const std::string post = sql().value("SELECT id FROM tb_post LIMIT 1");
  const std::string author = sql().value("SELECT id FROM tb_user LIMIT 1");
  const std::string existing = sql().value("SELECT id FROM tb_comment LIMIT 1");
  const std::string before = count("tb_comment");
  struct Case {
    Json input;
    std::string code;
    std::string sqlstate;
  };
  const std::vector<Case> cases = {
      {{{"postId", post}, {"authorId", author}, {"body", ""}}, "VALIDATION", "23514"},
      {{{"postId", author}, {"authorId", author}, {"body", "x"}}, "VALIDATION", "23503"},
      {{{"postId", post}, {"authorId", author}}, "VALIDATION", "23502"},
      {{{"id", existing}, {"postId", post}, {"authorId", author}, {"body", "x"}},
       "CONFLICT",
       "23505"},
  };
  for (const Case& c : cases) {
    const Json body =
        run("mutation ($in: CommentInsert!) { addComment(input: $in) { id } }", {{"in", c.input}});
    EXPECT_EQ(body["data"], nullptr) << body.dump();  // addComment is non-null
    ASSERT_TRUE(body["errors"].is_array()) << body.dump();
    EXPECT_EQ(body["errors"][0]["path"], Json({"addComment"}));
    EXPECT_EQ(body["errors"][0]["extensions"], (Json{{"code", c.code}, {"sqlstate", c.sqlstate}}))
        << body.dump();
    EXPECT_FALSE(body["errors"][0]["message"].get<std::string>().empty());
  }
  EXPECT_EQ(count("tb_comment"), before);
  // An ID the key column's type cannot read.
  const Json body = run(R"(mutation { editComment(id: "nope", patch: {body: "x"}) { id } })");
  EXPECT_EQ(body["data"], (Json{{"editComment", nullptr}}));
  EXPECT_EQ(body["errors"][0]["extensions"], (Json{{"code", "VALIDATION"}, {"sqlstate", "22P02"}}));
}

// ---------------------------------------------------------------------------------------------

class Transactions : public MutationTest<Transactions> {};

TEST_F(Transactions, ASecondRootFieldFailingRollsBackTheFirst) {
  const std::string post = sql().value("SELECT id FROM tb_post LIMIT 1");
  const std::string author = sql().value("SELECT id FROM tb_user LIMIT 1");
  const std::string comments = count("tb_comment");
  const std::string users = count("tb_user");
  const Json body = run(R"(mutation ($post: UUID!, $author: UUID!) {
    first: createUser(input: {email: "tx@example.com", username: "tx_user", fullName: "T"}) {
      __typename
    }
    second: addComment(input: {postId: $post, authorId: $author, body: ""}) { id }
    third: statusProbe(input: {status: "ok"}) { __typename }
  })",
                        {{"post", post}, {"author", author}});
  EXPECT_EQ(count("tb_comment"), comments);
  EXPECT_EQ(count("tb_user"), users) << "the first field's write was not rolled back";
  EXPECT_EQ(sql().value("SELECT count(*) FROM tb_probe_log WHERE note = 'ok'"), "0")
      << "a field after the failure ran";
  // createUser is non-null, so its null makes data null; its error names the cause.
  ASSERT_TRUE(body["errors"].is_array()) << body.dump();
  EXPECT_EQ(body["data"], nullptr);
  const Json& first = body["errors"][0];
  EXPECT_EQ(first["path"], Json({"first"}));
  EXPECT_EQ(first["extensions"]["code"], "ROLLED_BACK");
  EXPECT_EQ(first["extensions"]["rolledBackBy"], "second");
  EXPECT_EQ(first["extensions"]["cause"], (Json{{"code", "VALIDATION"}, {"sqlstate", "23514"}}));

  // With nullable fields every field reports: rolled back, or the cause itself.
  const Json nullable = run(R"(mutation {
    a: editComment(id: "00000000-0000-4000-8000-000000000000", patch: {body: "x"}) { id }
    b: statusProbe(input: {status: "forbidden:no"}) { ... on ProbeError { code } }
    c: raiseError(input: {status: "x"}) { __typename }
  })");
  EXPECT_EQ(nullable["data"], (Json{{"a", nullptr}, {"b", {{"code", 403}}}, {"c", nullptr}}))
      << nullable.dump();
  ASSERT_EQ(nullable["errors"].size(), 2u) << nullable.dump();
  EXPECT_EQ(nullable["errors"][0]["path"], Json({"a"}));
  EXPECT_EQ(nullable["errors"][1]["path"], Json({"c"}));
  EXPECT_EQ(nullable["errors"][1]["extensions"]["cause"]["statusCode"], 403);
  EXPECT_EQ(sql().value("SELECT count(*) FROM tb_probe_log WHERE note IN ('forbidden:no', "
                        "'raise')"),
            "0");
}

TEST_F(Transactions, SixteenClientsIncrementingTogetherLoseNothing) {
  constexpr int kClients = 16;
  constexpr int kIncrements = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        const auto reply = server().post(
            graphql_body(R"(mutation { incrementCounter(input: {name: "race"}) { __typename } })"));
        if (!reply ||
            reply->body !=
                R"({"data":{"incrementCounter":{"__typename":"IncrementCounterSuccess"}}})") {
          ++failures;
        }
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(sql().value("SELECT value FROM tb_counter WHERE name = 'race'"),
            std::to_string(kClients * kIncrements));
}

TEST_F(Transactions, AClientThatLeavesMidMutationLeavesNothingBehind) {
  const std::string before = count("tb_probe_log");
  const std::string body =
      graphql_body(R"(mutation { slowWrite(input: {seconds: 30}) { __typename } })");
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(server().port());
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const std::string request = fmt::format(
      "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: {}\r\n\r\n{}",
      body.size(), body);
  ASSERT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));

  // Wait until the function runs (its write done, sleeping), then leave.
  const auto until = std::chrono::steady_clock::now() + 20s;
  while (sql().value("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'") == "0" &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(sql().value("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"), "1");
  ::close(fd);

  // The statement is cancelled and the transaction rolled back: no session stays in it.
  const std::string open_sessions =
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
      "(state LIKE 'idle in transaction%' OR wait_event = 'PgSleep')";
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (sql().value(open_sessions) != "0" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(sql().value(open_sessions), "0");
  EXPECT_EQ(count("tb_probe_log"), before);
  // And the server goes on answering.
  EXPECT_EQ(run(R"(mutation { statusProbe(input: {status: "ok"}) { __typename } })"),
            (Json{{"data", {{"statusProbe", {{"__typename", "ProbeSuccess"}}}}}}));
}

TEST_F(Transactions, ALoneCallWhoseConnectionIsLostIsNotRunAgain) {
  // A lone function call is its own transaction; the driver's reconnect-and-retry must not run it
  // a second time, since nobody can tell whether it committed.
  const std::string before = count("tb_probe_log");
  std::optional<Reply> reply;
  std::thread client([&] {
    reply = server().post(
        graphql_body(R"(mutation { slowWrite(input: {seconds: 30}) { __typename } })"));
  });
  const auto until = std::chrono::steady_clock::now() + 20s;
  while (sql().value("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'") == "0" &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(sql().value("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE wait_event = 'PgSleep'"),
            "1");
  client.join();  // a retry would sleep another 30 s here
  ASSERT_TRUE(reply);
  const Json body = parse_body(reply->body);
  ASSERT_TRUE(body.contains("errors")) << reply->body;
  EXPECT_NE(
      body["errors"][0]["message"].get<std::string>().find("may or may not have been applied"),
      std::string::npos)
      << reply->body;
  EXPECT_EQ(body["errors"][0]["extensions"]["code"], "DATABASE_UNAVAILABLE") << reply->body;
  // The terminated call was rolled back, and it ran only once.
  EXPECT_EQ(count("tb_probe_log"), before);
  EXPECT_EQ(sql().value("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"), "0");
}

}  // namespace
