// Real rows: the demo database (examples/blog) produces jsonb text in PostgreSQL's own format
// (key order, spacing, escapes, numeric scales, text full of awkward characters); the pipeline
// must agree with the reference on it, and with PostgreSQL computing the same projection itself.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reference.hpp"
#include "sluice/json/response.hpp"
#include "sluice_testing/pg.hpp"

namespace sluice::json {
namespace {

namespace fs = std::filesystem;

FieldSpec field(std::string name, std::string key, std::string type_suffix = "") {
  FieldSpec f;
  f.response_name = f.field_name = std::move(name);
  f.key = std::move(key);
  f.non_null = type_suffix == "!";
  return f;
}

FieldSpec typename_field() {
  FieldSpec f;
  f.response_name = f.field_name = "__typename";
  f.kind = FieldKind::type_name;
  return f;
}

FieldSpec object_field(std::string name, std::string key, ObjectSpec spec, bool non_null,
                       std::vector<bool> items_non_null = {}) {
  FieldSpec f = field(std::move(name), std::move(key));
  f.kind = FieldKind::object;
  f.object = std::move(spec);
  f.non_null = non_null;
  f.items_non_null = std::move(items_non_null);
  return f;
}

// posts { __typename id title publishedAt tags rating score meta: metadata status
//         author { __typename id fullName avatarURL } comments { id body author { username } } }
ObjectSpec post_selection() {
  FieldSpec tags = field("tags", "tags", "!");
  tags.items_non_null = {true};
  FieldSpec meta = field("meta", "metadata");
  meta.field_name = "metadata";
  meta.kind = FieldKind::json;
  ObjectSpec author{"Author",
                    {typename_field(), field("id", "id", "!"), field("fullName", "full_name", "!"),
                     field("avatarURL", "avatar_url")}};
  ObjectSpec comment_author{"Author", {field("username", "username", "!")}};
  ObjectSpec comment{"PostComment",
                     {field("id", "id", "!"), field("body", "body", "!"),
                      object_field("author", "author", comment_author, true)}};
  return ObjectSpec{"Post",
                    {typename_field(), field("id", "id", "!"), field("title", "title", "!"),
                     field("publishedAt", "published_at"), tags, field("rating", "rating"),
                     field("score", "score", "!"), meta, field("status", "status", "!"),
                     object_field("author", "author", author, true),
                     object_field("comments", "comments", comment, true, {true})}};
}

// The same projection computed by PostgreSQL: json (not jsonb) keeps the selection's order.
constexpr const char* kPostProjectionSql = R"(
SELECT coalesce(json_agg(json_build_object(
         '__typename', 'Post', 'id', data->'id', 'title', data->'title',
         'publishedAt', data->'published_at', 'tags', data->'tags', 'rating', data->'rating',
         'score', data->'score', 'meta', data->'metadata', 'status', data->'status',
         'author', json_build_object('__typename', 'Author', 'id', data->'author'->'id',
                                     'fullName', data->'author'->'full_name',
                                     'avatarURL', data->'author'->'avatar_url'),
         'comments', (SELECT coalesce(json_agg(json_build_object(
                                 'id', c->'id', 'body', c->'body',
                                 'author', json_build_object('username', c->'author'->'username'))
                               ORDER BY n), '[]')
                        FROM jsonb_array_elements(data->'comments') WITH ORDINALITY AS e(c, n)))
       ORDER BY id), '[]')::text
  FROM v_post)";

// users { id fullName karma latestPosts { __typename title publishedAt } }
ObjectSpec user_selection() {
  ObjectSpec summary{
      "PostSummary",
      {typename_field(), field("title", "title", "!"), field("publishedAt", "published_at")}};
  return ObjectSpec{
      "User",
      {field("id", "id", "!"), field("fullName", "full_name", "!"), field("karma", "karma", "!"),
       object_field("latestPosts", "latest_posts", summary, true, {true})}};
}

class DemoRows : public sluice::testing::PgTest {
 protected:
  static void SetUpTestSuite() {
    PgTest::SetUpTestSuite();
    sluice::testing::cluster().run_sql_file(
        dbname(), fs::path(SLUICE_SOURCE_DIR) / "examples/blog/schema.sql");
    run_sql("SELECT * FROM fn_generate_blog(120)");
  }

  // The text of the first column of each result row.
  static std::vector<std::string> query(const std::string& sql) {
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo().c_str()), &PQfinish);
    EXPECT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
    EXPECT_EQ(PQresultStatus(result.get()), PGRES_TUPLES_OK) << PQerrorMessage(conn.get());
    std::vector<std::string> rows;
    for (int i = 0; i < PQntuples(result.get()); ++i) {
      rows.emplace_back(PQgetvalue(result.get(), i, 0), PQgetlength(result.get(), i, 0));
    }
    return rows;
  }

  static void expect_agrees_with_reference(const std::string& sql, const ObjectSpec& spec,
                                           std::string_view name) {
    const std::vector<std::string> rows = query(sql);
    ASSERT_GT(rows.size(), 50u);
    const auto program = Program::compile(spec);
    ASSERT_TRUE(program.ok()) << program.error();
    RootField field;
    field.response_name = field.field_name = name;
    field.list = field.non_null = field.items_non_null = true;
    const std::vector<std::string_view> views(rows.begin(), rows.end());
    const std::string actual = build_list_response(views, field, program.value());
    EXPECT_EQ(actual, reference::Completer(Limits{}).list_response(views, field, spec));
    EXPECT_EQ(actual.find("\"errors\""), std::string::npos) << "the demo data is all valid";
  }
};

TEST_F(DemoRows, PostsAgreeWithTheReference) {
  expect_agrees_with_reference("SELECT data::text FROM v_post ORDER BY id", post_selection(),
                               "posts");
}

TEST_F(DemoRows, UsersAgreeWithTheReference) {
  expect_agrees_with_reference("SELECT data::text FROM v_user ORDER BY id", user_selection(),
                               "users");
}

TEST_F(DemoRows, PostsAgreeWithTheProjectionPostgreSQLComputes) {
  const std::vector<std::string> rows = query("SELECT data::text FROM v_post ORDER BY id");
  const auto program = Program::compile(post_selection());
  ASSERT_TRUE(program.ok()) << program.error();
  RootField field;
  field.response_name = field.field_name = "posts";
  field.list = true;
  const std::vector<std::string_view> views(rows.begin(), rows.end());
  const auto ours =
      nlohmann::ordered_json::parse(build_list_response(views, field, program.value()));
  const auto theirs = nlohmann::ordered_json::parse(query(kPostProjectionSql).at(0));
  ASSERT_EQ(ours.at("data").at("posts").size(), rows.size());
  EXPECT_EQ(ours.at("data").at("posts"), theirs);
}

}  // namespace
}  // namespace sluice::json
