// Mutation plans: the function's jsonb argument, the SQL of generated writes, and how a
// mutation_response becomes the field's value (docs/MUTATIONS.md).

#include <gtest/gtest.h>

#include <string>

#include "plan_test_support.hpp"
#include "sluice/json/response.hpp"
#include "sluice/plan/mutation_result.hpp"
#include "sluice/plan/plan.hpp"

namespace sluice::plan {
namespace {

struct Prepared {
  std::shared_ptr<const Plan> plan;
  graphql::Arena arena;
  Execution execution;
};

std::unique_ptr<Prepared> prepare(const std::string& document, const std::string& variables = "",
                                  std::shared_ptr<const Catalog> catalog = nullptr) {
  auto p = std::make_unique<Prepared>();
  p->plan = Plan::build(testing::library_schema(), std::move(catalog), {}, document, "");
  if (!p->plan->ok()) return p;
  p->execution = p->plan->prepare(variables, p->arena);
  return p;
}

std::string first_error(const Prepared& p) {
  if (!p.plan->ok()) return p.plan->errors().front().message;
  return p.execution.errors.empty() ? "" : p.execution.errors.front().message;
}

TEST(MutationPlan, AFunctionGetsItsInputObjectWithSnakeCaseKeysExceptInsideJson) {
  auto p = prepare(R"(mutation ($m: JSON) {
    addBook(input: {title: "T", publishedAt: "2020-01-02T03:04:05Z", meta: $m,
                    author: {fullName: "A \"B\""}}) { __typename }
  })",
                   R"({"m": {"camelKey": [1, {"innerKey": null}]}})");
  ASSERT_EQ(first_error(*p), "");
  EXPECT_TRUE(p->execution.transaction);
  ASSERT_EQ(p->execution.roots.size(), 1u);
  const RootStep& step = p->execution.roots[0];
  EXPECT_EQ(step.kind, RootKind::function);
  EXPECT_EQ(step.statement.sql, R"(SELECT to_jsonb(r)::text FROM "fn_add_book"($1::jsonb) AS r)");
  ASSERT_EQ(step.statement.params.size(), 1u);
  EXPECT_EQ(*step.statement.params[0],
            R"({"title":"T","published_at":"2020-01-02T03:04:05Z",)"
            R"("meta":{"camelKey":[1,{"innerKey":null}]},"author":{"full_name":"A \"B\""}})");
}

TEST(MutationPlan, AFunctionWithSeveralArgumentsGetsAnObjectOfThem) {
  auto p = prepare(R"(mutation { rate(bookId: 7, stars: 5) { status } })");
  ASSERT_EQ(first_error(*p), "");
  const RootStep& step = p->execution.roots[0];
  EXPECT_EQ(step.statement.sql, R"(SELECT to_jsonb(r)::text FROM "app"."fn_rate"($1::jsonb) AS r)");
  EXPECT_EQ(*step.statement.params[0], R"({"book_id":"7","stars":5})");  // absent `note`: left out
}

TEST(MutationPlan, GeneratedWritesCompileToParameterizedStatements) {
  auto insert = prepare(R"(mutation { insertBook(input: {title: "x", tags: ["a"], pages: null}) {
    id } })");
  ASSERT_EQ(first_error(*insert), "");
  const RootStep& i = insert->execution.roots[0];
  EXPECT_EQ(i.kind, RootKind::write);
  EXPECT_EQ(i.statement.sql,
            R"(INSERT INTO "tb_book" ("title", "pages", "tags") SELECT "title", "pages", "tags" )"
            R"(FROM jsonb_populate_record(NULL::"tb_book", $1::jsonb) RETURNING "id"::text)");
  EXPECT_EQ(*i.statement.params[0], R"({"title":"x","pages":null,"tags":["a"]})");
  ASSERT_TRUE(i.read_back.has_value());
  EXPECT_EQ(i.read_back->sql, R"(SELECT "data"::text FROM "v_book" WHERE "id" = $1)");

  auto update = prepare(R"(mutation { updateBook(id: "b1", patch: {legacyCode: "L"}) { id } })");
  ASSERT_EQ(first_error(*update), "");
  const RootStep& u = update->execution.roots[0];
  EXPECT_EQ(u.statement.sql,
            R"(UPDATE "tb_book" SET ("LegacyCode") = (SELECT "LegacyCode" FROM )"
            R"(jsonb_populate_record(NULL::"tb_book", $2::jsonb)) WHERE "id" = $1 RETURNING )"
            R"("id"::text)");
  EXPECT_EQ(u.statement.params.size(), 2u);
  EXPECT_EQ(*u.statement.params[0], "b1");
  EXPECT_EQ(*u.statement.params[1], R"({"LegacyCode":"L"})");

  auto nothing = prepare(R"(mutation { updateBook(id: "b1", patch: {}) { id } })");
  EXPECT_EQ(nothing->execution.roots[0].statement.sql,
            R"(SELECT "id"::text FROM "tb_book" WHERE "id" = $1)");

  auto remove = prepare(R"(mutation { deleteMagazine(id: "m1") { title } })");
  ASSERT_EQ(first_error(*remove), "");
  const RootStep& d = remove->execution.roots[0];
  EXPECT_EQ(d.statement.sql,
            R"(WITH gone AS (DELETE FROM "app"."tb_magazine" WHERE "magazine_id" = $1 RETURNING )"
            R"("magazine_id") SELECT v."doc"::text FROM "app"."v_magazine" AS v JOIN gone ON )"
            R"(v."magazine_id" = gone."magazine_id")");
  EXPECT_FALSE(d.read_back.has_value());
}

TEST(MutationPlan, AGivenFieldWithoutAColumnIsARequestError) {
  auto catalog = std::make_shared<Catalog>(*testing::library_catalog());
  catalog->relations["tb_book"] = {{"id", "uuid"}, {"title", "text"}};
  auto p = prepare(R"(mutation { insertBook(input: {title: "x", pages: 3}) { id } })", "", catalog);
  EXPECT_EQ(first_error(*p),
            R"(Field "Mutation.insertBook" cannot set "pages": table "tb_book" has no column )"
            R"("pages".)");
}

TEST(MutationPlan, AMutationFieldWithoutAnActionCannotBeExecuted) {
  auto p = prepare("mutation { plain { id } }");
  EXPECT_EQ(first_error(*p),
            R"(Field "Mutation.plain" has none of @function, @insert, @update and @delete, so it )"
            R"(cannot be executed.)");
}

TEST(StatusClasses, FollowTheContract) {
  for (std::string_view s : {"success", "created", "updated", "deleted", "ok", "new",
                             "noop:unchanged", "created:with_warning"}) {
    EXPECT_TRUE(classify_status(s).success) << s;
  }
  const std::pair<std::string_view, int> errors[] = {
      {"failed:x", 500},         {"not_found:book", 404}, {"unauthorized:token", 401},
      {"forbidden:role", 403},   {"conflict:email", 409}, {"timeout:lock", 408},
      {"validation:input", 422}, {"mystery", 500},        {"", 500}};
  for (const auto& [status, code] : errors) {
    EXPECT_FALSE(classify_status(status).success) << status;
    EXPECT_EQ(classify_status(status).code, code) << status;
  }
}

// The response the shaped `row` gives for the first root of `document`.
std::string respond(const std::string& document, std::string_view row) {
  auto p = prepare(document);
  if (!first_error(*p).empty() || p->execution.roots.empty()) {
    ADD_FAILURE() << first_error(*p);
    return {};
  }
  const RootStep& step = p->execution.roots[0];
  std::string value;
  MutationResult::Shaped shaped = step.result->shape(row, value);
  if (shaped.program == nullptr) return "failed: " + shaped.message + " " + shaped.extensions;
  return json::build_single_response(value.empty() ? std::nullopt : std::optional(value),
                                     step.field, *shaped.program);
}

constexpr std::string_view kAddBook = R"(mutation {
  made: addBook(input: {title: "T"}) {
    __typename
    ... on AddBookSuccess { status message bookId: id book { title t: __typename } updatedFields }
    ... on AddBookError { status code errors { fieldName message } }
  }
})";

TEST(MutationResultShape, ASuccessStatusFillsTheSuccessTypeWithTheEntity) {
  EXPECT_EQ(respond(std::string(kAddBook),
                    R"({"status":"created","message":"made","entity_id":"b1","entity_type":"Book",)"
                    R"("entity":{"id":"b1","title":"T"},"updated_fields":null,"cascade":null,)"
                    R"("metadata":null})"),
            R"({"data":{"made":{"__typename":"AddBookSuccess","status":"created","message":"made",)"
            R"("bookId":"b1","book":{"title":"T","t":"Book"},"updatedFields":null}}})");
}

TEST(MutationResultShape, AnErrorStatusFillsTheErrorTypeWithCodeAndErrors) {
  EXPECT_EQ(respond(std::string(kAddBook),
                    R"({"status":"validation:bad_title","message":"bad","entity":null,)"
                    R"("metadata":{"errors":[{"field_name":"title","message":"too short"}]}})"),
            R"({"data":{"made":{"__typename":"AddBookError","status":"validation:bad_title",)"
            R"("code":422,"errors":[{"fieldName":"title","message":"too short"}]}}})");
  // Without metadata.errors, a non-null list is empty.
  EXPECT_EQ(respond(std::string(kAddBook), R"({"status":"not_found:author","message":"no"})"),
            R"({"data":{"made":{"__typename":"AddBookError","status":"not_found:author",)"
            R"("code":404,"errors":[]}}})");
}

TEST(MutationResultShape, AnErrorWithoutAnErrorTypeFailsTheField) {
  EXPECT_EQ(respond("mutation { rate(bookId: 1, stars: 9) { status } }",
                    R"({"status":"validation:stars","message":"stars go from 1 to 5"})"),
            R"(failed: stars go from 1 to 5 {"code":"VALIDATION","status":"validation:stars",)"
            R"("statusCode":422})");
  EXPECT_EQ(respond("mutation { rate(bookId: 1, stars: 9) { status } }", R"({"message":"x"})"),
            R"(failed: The function app.fn_rate returned no status. {"code":"INTERNAL"})");
  EXPECT_EQ(respond("mutation { touch(id: 1) { title } }", R"({"status":"noop:same",)"
                                                           R"("entity":{"title":"T"}})"),
            R"({"data":{"touch":{"title":"T"}}})");
}

TEST(MutationResultShape, AFunctionReturningJsonbForAViewTypeReturnsTheObject) {
  auto catalog = std::make_shared<Catalog>();
  catalog->functions["fn_touch"] = "jsonb";
  auto p = prepare("mutation { touch(id: 1) { title } }", "", catalog);
  ASSERT_EQ(first_error(*p), "");
  std::string value;
  auto shaped = p->execution.roots[0].result->shape(R"({"title":"T","status":"x"})", value);
  ASSERT_NE(shaped.program, nullptr);
  EXPECT_EQ(value, R"({"title":"T","status":"x"})");
  EXPECT_EQ(p->execution.roots[0].result->shape("null", value).program, shaped.program);
  EXPECT_EQ(value, "");  // null: no object
}

}  // namespace
}  // namespace sluice::plan
