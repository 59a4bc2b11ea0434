// Plans: operation selection, failures and their status, root field kinds, projections
// (checked through the json layer's writer on sample rows), @skip/@include, fragments,
// merging, and the unsupported cases.

#include "sluice/plan/plan.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plan_test_support.hpp"
#include "sluice/json/response.hpp"

namespace sluice::plan {
namespace {

std::shared_ptr<const Plan> build(const std::string& query, const std::string& operation = "",
                                  const PlanOptions& options = {}) {
  return Plan::build(testing::library_schema(), nullptr, options, query, operation);
}

// The single error message of a failed plan.
std::string plan_error(const std::shared_ptr<const Plan>& plan) {
  EXPECT_FALSE(plan->ok());
  EXPECT_EQ(plan->errors().size(), 1u);
  return plan->errors().empty() ? "" : plan->errors().front().message;
}

struct Prepared {
  std::shared_ptr<const Plan> plan;
  graphql::Arena arena;
  Execution execution;
};

std::unique_ptr<Prepared> prepare(const std::string& query, const std::string& variables = "") {
  auto p = std::make_unique<Prepared>();
  p->plan = build(query);
  EXPECT_TRUE(p->plan->ok()) << (p->plan->ok() ? "" : p->plan->errors().front().message);
  if (!p->plan->ok()) return p;
  p->execution = p->plan->prepare(variables, p->arena);
  EXPECT_TRUE(p->execution.ok()) << p->execution.errors.front().message;
  return p;
}

// The response the json layer writes for root `index` of `query` given `rows`.
std::string respond(const std::string& query, const std::vector<std::string_view>& rows,
                    const std::string& variables = "", std::size_t index = 0) {
  auto p = prepare(query, variables);
  if (p->execution.roots.size() <= index) {
    ADD_FAILURE() << "no root " << index;
    return {};
  }
  const RootStep& step = p->execution.roots[index];
  if (!step.program) {
    ADD_FAILURE() << "root " << index << " has no program";
    return {};
  }
  if (step.kind == RootKind::list)
    return json::build_list_response(rows, step.field, *step.program);
  return json::build_single_response(rows.empty() ? std::nullopt : std::optional(rows.front()),
                                     step.field, *step.program);
}

// ---- operation selection (spec 6.1 GetOperation)

TEST(OperationSelection, TheOnlyOperationNeedsNoName) {
  auto plan = build("query Q { books { id } }");
  ASSERT_TRUE(plan->ok());
  EXPECT_EQ(plan->operation()->name.value, "Q");
}

TEST(OperationSelection, SeveralOperationsNeedAName) {
  const std::string doc = "query A { books { id } } query B { book(id: 1) { title } }";
  auto plan = build(doc);
  EXPECT_EQ(plan->status(), PlanStatus::planning_error);
  EXPECT_EQ(plan_error(plan), "Must provide operation name if query contains multiple operations.");
  EXPECT_EQ(plan->operation(), nullptr);

  auto b = build(doc, "B");
  ASSERT_TRUE(b->ok());
  EXPECT_EQ(b->operation()->name.value, "B");
  graphql::Arena arena;
  Execution execution = b->prepare("", arena);
  ASSERT_EQ(execution.roots.size(), 1u);
  EXPECT_EQ(execution.roots[0].field.response_name, "book");
}

TEST(OperationSelection, UnknownNameIsAnError) {
  EXPECT_EQ(plan_error(build("query A { books { id } }", "X")), "Unknown operation named \"X\".");
  // An anonymous operation has no name to match.
  EXPECT_EQ(plan_error(build("{ books { id } }", "A")), "Unknown operation named \"A\".");
}

TEST(OperationSelection, SubscriptionsAreNotSupportedYet) {
  auto subscription = build("subscription { bookAdded { id } }");
  EXPECT_EQ(plan_error(subscription), "Subscriptions are not supported yet.");
  ASSERT_NE(subscription->operation(), nullptr);  // so that a GET can answer 405
}

// ---- failures keep their stage

TEST(PlanStatus, SyntaxErrors) {
  auto plan = build("{ books { id }");
  EXPECT_EQ(plan->status(), PlanStatus::syntax_error);
  EXPECT_EQ(plan->document(), nullptr);
  ASSERT_EQ(plan->errors().size(), 1u);
  EXPECT_EQ(plan->errors()[0].locations.size(), 1u);
}

TEST(PlanStatus, ValidationCollectsEveryError) {
  auto plan = build("{ books { nope } book { title } }");
  EXPECT_EQ(plan->status(), PlanStatus::validation_error);
  EXPECT_EQ(plan->errors().size(), 2u);  // unknown field; missing required argument
}

TEST(PlanStatus, ValidationLimitsAreConfigurable) {
  const std::string query = "{ books { author { address { city } } } }";
  EXPECT_TRUE(build(query)->ok());
  PlanOptions options;
  options.validation.max_depth = 2;
  EXPECT_EQ(build(query, "", options)->status(), PlanStatus::validation_error);
  options.validation.max_depth = 0;
  options.validation.max_fields = 3;
  EXPECT_EQ(build(query, "", options)->status(), PlanStatus::validation_error);
}

TEST(PlanStatus, PrepareOnAFailedPlanReturnsItsErrors) {
  auto plan = build("{ books { nope } }");
  graphql::Arena arena;
  Execution execution = plan->prepare("", arena);
  EXPECT_FALSE(execution.ok());
  EXPECT_EQ(execution.errors.size(), plan->errors().size());
}

TEST(PlanStatus, VariableErrorsAreRequestErrors) {
  auto plan = build("query($n: Int!) { books(limit: $n) { id } }");
  ASSERT_TRUE(plan->ok());
  graphql::Arena arena;
  Execution missing = plan->prepare("{}", arena);
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].message,
            "Variable \"$n\" of required type \"Int!\" was not provided.");
  EXPECT_TRUE(missing.roots.empty());
  EXPECT_FALSE(plan->prepare("[1]", arena).ok());
}

// ---- root fields

TEST(RootFields, KindsNamesAndNullability) {
  auto p = prepare(
      "{ __typename all: books { id } book(id: 1) { id } s: __schema { queryType { name } } "
      "magazines { id } }");
  const auto& roots = p->execution.roots;
  ASSERT_EQ(roots.size(), 5u);
  EXPECT_EQ(roots[0].kind, RootKind::introspection);
  EXPECT_EQ(roots[0].field.response_name, "__typename");
  EXPECT_FALSE(roots[0].program.has_value());
  EXPECT_TRUE(roots[0].statement.sql.empty());

  EXPECT_EQ(roots[1].kind, RootKind::list);
  EXPECT_EQ(roots[1].field.response_name, "all");
  EXPECT_EQ(roots[1].field.field_name, "books");
  EXPECT_EQ(roots[1].field.parent_type, "Query");
  EXPECT_TRUE(roots[1].field.list && roots[1].field.non_null && roots[1].field.items_non_null);
  EXPECT_TRUE(roots[1].program.has_value());

  EXPECT_EQ(roots[2].kind, RootKind::single);
  EXPECT_FALSE(roots[2].field.list || roots[2].field.non_null);

  EXPECT_EQ(roots[3].kind, RootKind::introspection);
  EXPECT_EQ(roots[3].field.response_name, "s");
  EXPECT_EQ(roots[3].field.field_name, "__schema");

  EXPECT_EQ(roots[4].kind, RootKind::list);
  EXPECT_FALSE(roots[4].field.non_null || roots[4].field.items_non_null);
}

TEST(RootFields, SameResponseNameIsOneRootField) {
  auto p = prepare("{ books { id } books { title } }");
  ASSERT_EQ(p->execution.roots.size(), 1u);
  EXPECT_EQ(respond("{ books { id } books { title } }", {R"({"title":"T","id":"1"})"}),
            R"({"data":{"books":[{"id":"1","title":"T"}]}})");
}

TEST(RootFields, UnsupportedOnesAreClearPlanningErrors) {
  EXPECT_EQ(plan_error(build("{ stats }")),
            "Field \"Query.stats\" calls the PostgreSQL function \"fn_stats\"; @function query "
            "fields are not supported yet.");
  EXPECT_EQ(plan_error(build("{ node { id } }")),
            "Field \"Query.node\" returns \"Node\", which is not a @view object type; such root "
            "fields are not supported yet.");
  EXPECT_EQ(plan_error(build("{ shelves { id } }")),
            "Field \"Query.shelves\" returns nested lists, which are not supported yet.");
  EXPECT_EQ(plan_error(build("{ tagged { id } }")),
            "Field \"Query.tagged\": Argument \"tags\" has type \"[String!]\"; root field "
            "arguments that are lists or input objects are not supported yet.");
  EXPECT_EQ(plan_error(build("{ magazines { related { id } } }")),
            "Field \"Magazine.related\" has arguments; nested fields with arguments are not "
            "supported yet.");
  EXPECT_EQ(plan_error(build("{ magazines { featured { __typename } } }")),
            "Field \"Magazine.featured\" has the abstract type \"Item\"; nested interfaces and "
            "unions are not supported yet.");
  auto located = build("{\n  books { id }\n  stats\n}");
  ASSERT_EQ(located->errors().size(), 1u);
  EXPECT_EQ(located->errors()[0].locations, (std::vector<graphql::SourceLocation>{{3, 3}}));
}

// ---- projections

TEST(Projection, FieldsAliasesKeysAndKinds) {
  const std::string query =
      "{ books { __typename ident: id title author { fullName } meta legacyCode tags genre } }";
  const std::string_view row =
      R"({"id":"1","title":"Dune","pages":3,"author":{"full_name":"Frank","born":null},)"
      R"("meta":{"inner_key":[1,{"x_y":null}]},"LegacyCode":"X","tags":["a"],"genre":"FICTION"})";
  EXPECT_EQ(respond(query, {row}),
            R"({"data":{"books":[{"__typename":"Book","ident":"1","title":"Dune",)"
            R"("author":{"fullName":"Frank"},"meta":{"inner_key":[1,{"x_y":null}]},)"
            R"("legacyCode":"X","tags":["a"],"genre":"FICTION"}]}})");
}

TEST(Projection, NullabilityComesFromTheSchema) {
  // title is String!: a null nulls the element, which is non-null too, so the whole list.
  EXPECT_EQ(respond("{ books { title } }", {R"({"title":null})"}),
            R"({"data":null,"errors":[{"message":"Cannot return null for non-nullable field )"
            R"(Book.title.","path":["books",0,"title"]}]})");
  // magazines is [Magazine]: the element becomes null.
  EXPECT_EQ(respond("{ magazines { title } }", {R"({"title":null})"}),
            R"({"data":{"magazines":[null]},"errors":[{"message":"Cannot return null for )"
            R"(non-nullable field Magazine.title.","path":["magazines",0,"title"]}]})");
  // A single object without a row is null.
  EXPECT_EQ(respond("{ book(id: 1) { title } }", {}), R"({"data":{"book":null}})");
}

TEST(Projection, FragmentsApplyToTheViewsObjectType) {
  const std::string query =
      "{ books { ...Named ... on Node { id } ... on Item { ... on Book { pages } "
      "... on Magazine { issue } } ... { genre } ... on Book { __typename } } } "
      "fragment Named on Titled { title }";
  EXPECT_EQ(respond(query, {R"({"id":"1","title":"T","pages":2,"issue":9,"genre":"SCIENCE"})"}),
            R"({"data":{"books":[{"title":"T","id":"1","pages":2,"genre":"SCIENCE",)"
            R"("__typename":"Book"}]}})");
}

TEST(Projection, FieldsOfOneResponseNameMergeInFirstOccurrenceOrder) {
  const std::string query =
      "{ books { author { fullName } title ...F t: title author { born address { city } } } } "
      "fragment F on Book { author { address { zip } fullName } }";
  EXPECT_EQ(respond(query, {R"({"title":"D","author":{"full_name":"F","born":"1920-10-08",)"
                            R"("address":{"city":"C","zip":"Z"}}})"}),
            R"({"data":{"books":[{"author":{"fullName":"F","address":{"zip":"Z","city":"C"},)"
            R"("born":"1920-10-08"},"title":"D","t":"D"}]}})");
}

TEST(Projection, SkipAndIncludeWithLiterals) {
  const std::string query =
      "{ books { id @skip(if: true) title @include(if: false) pages @include(if: true) "
      "... on Book @skip(if: true) { genre } ...F @include(if: false) } } "
      "fragment F on Book { tags }";
  EXPECT_EQ(respond(query, {R"({"id":"1","title":"T","pages":4,"genre":"X","tags":[]})"}),
            R"({"data":{"books":[{"pages":4}]}})");
}

TEST(Projection, SkipAndIncludeWithVariables) {
  const std::string query =
      "query($a: Boolean!, $b: Boolean = false) { books { id @include(if: $a) "
      "title @skip(if: $b) author { fullName @skip(if: $a) } } }";
  const std::string_view row = R"({"id":"1","title":"T","author":{"full_name":"F"}})";
  EXPECT_EQ(respond(query, {row}, R"({"a":true})"),
            R"({"data":{"books":[{"id":"1","title":"T","author":{}}]}})");
  EXPECT_EQ(respond(query, {row}, R"({"a":false,"b":true})"),
            R"({"data":{"books":[{"author":{"fullName":"F"}}]}})");
}

TEST(Projection, RootFieldsObeyDirectives) {
  const std::string query =
      "query($x: Boolean!) { books @include(if: $x) { id } ...R } "
      "fragment R on Query { book(id: 1) @skip(if: $x) { id } }";
  EXPECT_EQ(prepare(query, R"({"x":true})")->execution.roots.at(0).field.response_name, "books");
  EXPECT_EQ(prepare(query, R"({"x":true})")->execution.roots.size(), 1u);
  EXPECT_EQ(prepare(query, R"({"x":false})")->execution.roots.at(0).field.response_name, "book");
}

TEST(Projection, ProgramsAreCompiledOncePerDirectiveOutcome) {
  auto plan = build("query($a: Boolean!) { books { id @include(if: $a) title } }");
  ASSERT_TRUE(plan->ok());
  graphql::Arena arena;
  auto program_of = [&](const char* variables) {
    Execution execution = plan->prepare(variables, arena);
    EXPECT_TRUE(execution.ok());
    return &execution.roots.at(0).program->data();
  };
  const auto* with_id = program_of(R"({"a":true})");
  const auto* without_id = program_of(R"({"a":false})");
  EXPECT_NE(with_id, without_id);
  EXPECT_EQ(program_of(R"({"a":true})"), with_id);
  EXPECT_EQ(program_of(R"({"a":false})"), without_id);

  // Without variable conditions, every execution shares the plan-time program.
  auto fixed = build("{ books { id @include(if: true) } }");
  Execution first = fixed->prepare("", arena);
  Execution second = fixed->prepare("", arena);
  EXPECT_EQ(&first.roots.at(0).program->data(), &second.roots.at(0).program->data());
}

TEST(Projection, OutcomesBeyondTheLimitAreCompiledEachTime) {
  PlanOptions options;
  options.max_variants = 1;
  auto plan = build("query($a: Boolean!) { books { id @include(if: $a) } }", "", options);
  graphql::Arena arena;
  Execution kept = plan->prepare(R"({"a":true})", arena);
  Execution first = plan->prepare(R"({"a":false})", arena);
  Execution second = plan->prepare(R"({"a":false})", arena);
  EXPECT_EQ(&kept.roots.at(0).program->data(),
            &plan->prepare(R"({"a":true})", arena).roots.at(0).program->data());
  EXPECT_NE(&first.roots.at(0).program->data(), &second.roots.at(0).program->data());
}

TEST(Projection, ANullConditionIsARequestError) {
  auto plan = build("query($b: Boolean = false) { books { id @skip(if: $b) } }");
  ASSERT_TRUE(plan->ok());
  graphql::Arena arena;
  Execution execution = plan->prepare(R"({"b":null})", arena);
  ASSERT_EQ(execution.errors.size(), 1u);
  EXPECT_EQ(execution.errors[0].message,
            "Variable \"$b\" is used as a @skip or @include condition and must not be null.");
  EXPECT_TRUE(plan->prepare("{}", arena).ok());  // the default applies
}

TEST(Projection, AnUnsupportedFieldOnlyMattersWhenSelected) {
  auto plan = build("query($x: Boolean!) { books { id } stats @include(if: $x) }");
  ASSERT_TRUE(plan->ok());
  graphql::Arena arena;
  EXPECT_TRUE(plan->prepare(R"({"x":false})", arena).ok());
  Execution selected = plan->prepare(R"({"x":true})", arena);
  ASSERT_FALSE(selected.ok());
  EXPECT_TRUE(selected.roots.empty());
}

// ---- SQL properties that hold for every operator

TEST(Statements, ClientStringsOnlyEverReachParameters) {
  const std::string hostile = R"(x' OR '1'='1"; DROP TABLE v_book; -- \ $1 %_)";
  std::string literal;  // the same text as a GraphQL string literal
  for (char c : hostile) {
    if (c == '"' || c == '\\') literal += '\\';
    literal += c;
  }
  for (const char* op : {"eq", "neq", "in", "nin", "gt", "gte", "lt", "lte", "contains",
                         "icontains", "startsWith", "endsWith", "like", "ilike"}) {
    SCOPED_TRACE(op);
    auto p =
        prepare(std::string("{ books(where: {title: {") + op + ": \"" + literal + "\"}}) { id } }");
    ASSERT_EQ(p->execution.roots.size(), 1u);
    const Statement& s = p->execution.roots[0].statement;
    EXPECT_EQ(s.sql.find("DROP"), std::string::npos) << s.sql;
    ASSERT_EQ(s.params.size(), 1u);
    EXPECT_NE(s.params[0]->find("DROP TABLE v"), std::string::npos);  // LIKE ops escape the _
  }
  auto variables = prepare("query($w: BookWhere) { books(where: $w) { id } }",
                           R"({"w":{"author":{"fullName":{"eq":"x' OR 1=1 --"}}}})");
  EXPECT_EQ(variables->execution.roots.at(0).statement.sql.find("OR 1=1"), std::string::npos);
}

TEST(Statements, SchemaNamesAreQuoted) {
  auto schema = testing::load_sdl(R"(
    type T @view(name: "we\"ird", key: "k\"ey", data: "da\"ta") {
      id: ID!
      name: String @field(key: "it's\\back")
      plain: String @field(key: "it's")
    }
    type Query { ts: [T!]! }
  )");
  ASSERT_NE(schema, nullptr);
  auto plan =
      Plan::build(schema, nullptr, {},
                  R"({ ts(where: {name: {eq: "n"}, plain: {eq: "p"}}, limit: 1) { id } })", "");
  ASSERT_TRUE(plan->ok());
  graphql::Arena arena;
  Execution execution = plan->prepare("", arena);
  ASSERT_TRUE(execution.ok());
  // A key with a backslash is an E'' literal, which reads the same whatever
  // standard_conforming_strings is; others are plain literals.
  EXPECT_EQ(execution.roots.at(0).statement.sql,
            R"(SELECT "da""ta"::text FROM "we""ird" WHERE ("da""ta"->>E'it''s\\back' = $1::text )"
            R"(AND "da""ta"->>'it''s' = $2::text) ORDER BY "k""ey" LIMIT $3::bigint)");
}

TEST(Statements, HugeFiltersAreRequestErrors) {
  auto and_of = [](const std::string& entry, int n) {
    std::string out = R"({"w":{"AND":[)";
    for (int i = 0; i < n; ++i) out += (i == 0 ? "" : ",") + entry;
    return out + "]}}";
  };
  auto message = [](std::size_t max_sql_bytes) {
    return "The arguments of field \"Query.books\" compile to a statement beyond PostgreSQL's "
           "65535 parameters or the " +
           std::to_string(max_sql_bytes) + " bytes of SQL allowed.";
  };
  const std::string query = "query($w: BookWhere) { books(where: $w) { id } }";
  graphql::Arena arena;

  // The SQL text limit, reached without any parameter.
  auto plan = build(query);
  EXPECT_TRUE(plan->prepare(and_of(R"({"reviews":{}})", 5000), arena).ok());
  Execution text = plan->prepare(and_of(R"({"reviews":{}})", 10000), arena);
  ASSERT_EQ(text.errors.size(), 1u);
  EXPECT_EQ(text.errors[0].message, message(1 << 20));
  EXPECT_TRUE(text.roots.empty());

  // PostgreSQL's parameter limit, with room for the text.
  PlanOptions options;
  options.variables.max_bytes = 8 << 20;
  options.max_sql_bytes = 64 << 20;
  auto roomy = build(query, "", options);
  EXPECT_TRUE(roomy->prepare(and_of(R"({"pages":{"gt":1}})", 65535), arena).ok());
  Execution params = roomy->prepare(and_of(R"({"pages":{"gt":1}})", 65536), arena);
  ASSERT_EQ(params.errors.size(), 1u);
  EXPECT_EQ(params.errors[0].message, message(64 << 20));
}

TEST(Statements, EachExecutionBindsItsOwnValues) {
  auto plan = build("query($t: String!) { books(where: {title: {eq: $t}}) { id } }");
  graphql::Arena arena;
  Execution a = plan->prepare(R"({"t":"a"})", arena);
  Execution b = plan->prepare(R"({"t":"b"})", arena);
  EXPECT_EQ(a.roots.at(0).statement.sql, b.roots.at(0).statement.sql);
  EXPECT_EQ(a.roots.at(0).statement.params.at(0), "a");
  EXPECT_EQ(b.roots.at(0).statement.params.at(0), "b");
}

}  // namespace
}  // namespace sluice::plan
