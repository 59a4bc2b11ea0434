// Variable coercion (spec 6.1.2, 3.5, 3.10) against graphql-js's getVariableValues on the same
// schema and inputs: the same coerced values, or the same errors.

#include "sluice/graphql/variables.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "graphql_js.hpp"
#include "sluice/graphql/parser.hpp"

namespace sluice::graphql {
namespace {

using testing::graphql_js_available;
using testing::run_graphql_js;

constexpr std::string_view kSchema = R"(
type Query { a: Int b: Float }
enum Species { DOG CAT }
scalar Email
input Owner { name: String! email: Email }
input Filter {
  species: Species
  name: String = "any"
  minAge: Int
  tags: [String!]
  owner: Owner
  and: [Filter!]
}
input Pick @oneOf { id: ID, name: String }
)";

struct Case {
  std::string operation;
  std::string variables;
};

const std::vector<Case> kCases = {
    {"query($v: Int) { a }", R"({"v": 1})"},
    {"query($v: Int) { a }", R"({"v": 1.0})"},
    {"query($v: Int) { a }", R"({"v": 1.5})"},
    {"query($v: Int) { a }", R"({"v": 2147483648})"},
    {"query($v: Int) { a }", R"({"v": -2147483648})"},
    {"query($v: Int) { a }", R"({"v": "1"})"},
    {"query($v: Int) { a }", R"({"v": null})"},
    {"query($v: Int) { a }", R"({})"},
    {"query($v: Int!) { a }", R"({})"},
    {"query($v: Int!) { a }", R"({"v": null})"},
    {"query($v: Int = 5) { a }", R"({})"},
    {"query($v: Int = 5) { a }", R"({"v": null})"},
    {"query($v: Float) { a }", R"({"v": 3})"},
    {"query($v: Float) { a }", R"({"v": 0.25})"},
    {"query($v: Float) { a }", R"({"v": "x"})"},
    {"query($v: String) { a }", R"({"v": "caf\u00e9 \ud83d\ude00"})"},
    {"query($v: String) { a }", R"({"v": 1})"},
    {"query($v: String) { a }", R"({"v": [1, 2]})"},
    {"query($v: Boolean) { a }", R"({"v": "true"})"},
    {"query($v: Boolean) { a }", R"({"v": false})"},
    {"query($v: ID) { a }", R"({"v": 123})"},
    {"query($v: ID) { a }", R"({"v": "abc"})"},
    {"query($v: ID) { a }", R"({"v": 1.5})"},
    {"query($v: ID) { a }", R"({"v": true})"},
    {"query($v: Species) { a }", R"({"v": "DOG"})"},
    {"query($v: Species) { a }", R"({"v": "dog"})"},
    {"query($v: Species) { a }", R"({"v": 1})"},
    {"query($v: [Int]) { a }", R"({"v": 1})"},
    {"query($v: [Int]) { a }", R"({"v": [1, null, 3]})"},
    {"query($v: [Int]) { a }", R"({"v": [1, "x", 3, true]})"},
    {"query($v: [[Int!]]) { a }", R"({"v": [[1], null, [2, null]]})"},
    {"query($v: [Int!]!) { a }", R"({"v": []})"},
    {"query($v: Email) { a }", R"({"v": {"x": [1, "y", null], "z": true}})"},
    {"query($v: Filter) { a }", R"({"v": {"species": "CAT", "tags": "one"}})"},
    {"query($v: Filter) { a }", R"({"v": {"name": null, "minAge": 3}})"},
    {"query($v: Filter) { a }", R"({"v": {"nope": 1, "species": "COW"}})"},
    {"query($v: Filter) { a }", R"({"v": {"owner": {"email": "a@b"}}})"},
    {"query($v: Filter) { a }", R"({"v": {"and": [{"owner": {"name": 1}}, {"minAge": "x"}]}})"},
    {"query($v: Filter) { a }", R"({"v": [1]})"},
    {"query($v: Filter!) { a }", R"({"v": {}})"},
    {"query($v: Pick) { a }", R"({"v": {"id": 1}})"},
    {"query($v: Pick) { a }", R"({"v": {"id": 1, "name": "x"}})"},
    {"query($v: Pick) { a }", R"({"v": {"id": null}})"},
    {"query($v: Pick) { a }", R"({"v": {}})"},
    {"query($a: Int, $b: String!, $c: [Species] = [DOG]) { a }", R"({"a": "x", "b": 2})"},
    {"query($f: Filter = {minAge: 1, owner: {name: \"n\"}}) { a }", R"({})"},
};

nlohmann::json to_json(const CoercedValue& v) {
  switch (v.kind) {
    case CoercedValue::Kind::null:
      return nullptr;
    case CoercedValue::Kind::boolean:
      return v.boolean;
    case CoercedValue::Kind::integer:
      return v.integer;
    case CoercedValue::Kind::floating:
      return v.floating;
    case CoercedValue::Kind::text:
    case CoercedValue::Kind::enum_value:
      return std::string(v.text);
    case CoercedValue::Kind::json:
      return nlohmann::json::parse(v.text);
    case CoercedValue::Kind::list: {
      auto out = nlohmann::json::array();
      for (const CoercedValue& item : v.items) out.push_back(to_json(item));
      return out;
    }
    case CoercedValue::Kind::object: {
      auto out = nlohmann::json::object();
      for (const CoercedField& f : v.fields) out[std::string(f.name)] = to_json(f.value);
      return out;
    }
  }
  return nullptr;
}

TEST(CoerceVariables, AgreesWithGraphqlJs) {
  if (!graphql_js_available()) GTEST_SKIP() << "graphql-js not installed (cd tools && npm ci)";
  auto cases = nlohmann::json::array();
  for (const Case& c : kCases) cases.push_back({c.operation, c.variables});
  auto expected = run_graphql_js(
      R"(import { buildSchema, parse } from "graphql";
         import { getVariableValues } from "graphql/execution/values.js";
         import { readFileSync } from "fs";
         const schema = buildSchema(readFileSync(process.argv[1], "utf8"));
         const out = JSON.parse(readFileSync(process.argv[2], "utf8")).map(([query, vars]) => {
           const op = parse(query).definitions[0];
           const r = getVariableValues(schema, op.variableDefinitions, JSON.parse(vars));
           return r.errors
             ? { errors: r.errors.map((e) => [e.message, e.locations.map((l) => [l.line, l.column])]) }
             : { coerced: r.coerced };
         });
         process.stdout.write(JSON.stringify(out)))",
      {std::string(kSchema), cases.dump()});
  ASSERT_TRUE(expected);
  auto js = nlohmann::json::parse(*expected);
  auto loaded = load_schema(std::string(kSchema));
  ASSERT_TRUE(loaded) << format_errors("schema", loaded.errors);
  for (std::size_t i = 0; i < kCases.size(); ++i) {
    Arena arena;
    auto parsed = parse(kCases[i].operation, arena);
    ASSERT_TRUE(parsed);
    const auto& op = *static_cast<const ast::OperationDefinition*>(parsed.document->definitions[0]);
    auto result =
        coerce_variables(*loaded.schema, *parsed.document, op, kCases[i].variables, arena);
    std::string where = kCases[i].operation + " with " + kCases[i].variables;
    if (js[i].contains("errors")) {
      auto ours = nlohmann::json::array();
      for (const Error& e : result.errors) {
        auto locs = nlohmann::json::array();
        for (const auto& l : e.locations) locs.push_back({l.line, l.column});
        ours.push_back({e.message, locs});
      }
      EXPECT_EQ(ours, js[i]["errors"]) << where;
    } else {
      EXPECT_TRUE(result.ok()) << where << ": " << result.errors.front().message;
      auto ours = nlohmann::json::object();
      for (const CoercedVariable& v : result.variables.values)
        ours[std::string(v.name)] = to_json(v.value);
      EXPECT_EQ(ours, js[i]["coerced"]) << where;
    }
  }
}

// Sluice's scalars (docs/SCHEMA.md); graphql-js does not know them.
TEST(CoerceVariables, SluiceScalars) {
  auto loaded = load_schema("type Query { a: Int }");
  ASSERT_TRUE(loaded);
  auto coerce = [&](const std::string& type, const std::string& json, std::string* message) {
    Arena arena;
    std::string op = "query($v: " + type + ") { a }";
    auto parsed = parse(op, arena);
    const auto& def =
        *static_cast<const ast::OperationDefinition*>(parsed.document->definitions[0]);
    auto result =
        coerce_variables(*loaded.schema, *parsed.document, def, "{\"v\": " + json + "}", arena);
    if (message != nullptr) *message = result.ok() ? "" : result.errors.front().message;
    return result.ok() ? to_json(result.variables.values[0].value) : nlohmann::json("error");
  };
  std::string message;
  EXPECT_EQ(coerce("DateTime", R"("2024-02-29T23:59:60.5+14:00")", nullptr),
            "2024-02-29T23:59:60.5+14:00");
  EXPECT_EQ(coerce("DateTime", R"("2023-02-29T00:00:00Z")", &message), "error");
  EXPECT_EQ(message,
            "Variable \"$v\" got invalid value \"2023-02-29T00:00:00Z\"; DateTime cannot "
            "represent an invalid date-time string: \"2023-02-29T00:00:00Z\"");
  EXPECT_EQ(coerce("DateTime", R"("2024-01-01 00:00:00Z")", nullptr), "error");
  EXPECT_EQ(coerce("DateTime", R"("2024-01-01T00:00:00")", nullptr), "error");
  EXPECT_EQ(coerce("Date", R"("2024-12-31")", nullptr), "2024-12-31");
  EXPECT_EQ(coerce("Date", R"("2024-13-01")", nullptr), "error");
  EXPECT_EQ(coerce("UUID", R"("123e4567-E89B-12d3-a456-426614174000")", nullptr),
            "123e4567-E89B-12d3-a456-426614174000");
  EXPECT_EQ(coerce("UUID", R"("123e4567e89b12d3a456426614174000")", nullptr), "error");
  EXPECT_EQ(coerce("BigInt", "9223372036854775807", nullptr), INT64_MAX);
  EXPECT_EQ(coerce("BigInt", R"("-9223372036854775808")", nullptr), INT64_MIN);
  EXPECT_EQ(coerce("BigInt", R"("9223372036854775808")", nullptr), "error");
  EXPECT_EQ(coerce("BigInt", "1.5", nullptr), "error");
  EXPECT_EQ(coerce("JSON", R"({"a": [1, {"b": null}]})", nullptr),
            nlohmann::json::parse(R"({"a": [1, {"b": null}]})"));
}

TEST(CoerceLiteral, SubstitutesVariablesAndDefaults) {
  auto loaded = load_schema(std::string(kSchema));
  ASSERT_TRUE(loaded);
  Arena arena;
  auto parsed =
      parse("query($n: String, $missing: Int) { a(f: {name: $n, minAge: $missing, tags: \"t\"}) }",
            arena);
  ASSERT_TRUE(parsed);
  const auto& op = *static_cast<const ast::OperationDefinition*>(parsed.document->definitions[0]);
  auto vars = coerce_variables(*loaded.schema, *parsed.document, op, R"({"n": "x"})", arena);
  ASSERT_TRUE(vars.ok());
  const auto* field = static_cast<const ast::Field*>(op.selection_set.selections[0]);
  TypeRef filter{TypeRef::Kind::named, loaded.schema->type("Filter"), nullptr};
  CoercedValue out;
  ASSERT_TRUE(coerce_literal(field->arguments[0].value, &filter, vars.variables, arena, out));
  EXPECT_EQ(to_json(out), nlohmann::json::parse(R"({"name": "x", "tags": ["t"]})"));
}

TEST(CoerceVariables, RejectsOversizedOrMalformedInput) {
  auto loaded = load_schema("type Query { a: Int }");
  Arena arena;
  auto parsed = parse("query($v: [Int]) { a }", arena);
  const auto& op = *static_cast<const ast::OperationDefinition*>(parsed.document->definitions[0]);
  VariableLimits limits;
  limits.max_bytes = 8;
  EXPECT_FALSE(
      coerce_variables(*loaded.schema, *parsed.document, op, R"({"v": [1, 2, 3]})", arena, limits)
          .ok());
  EXPECT_FALSE(coerce_variables(*loaded.schema, *parsed.document, op, R"({"v": [1,)", arena).ok());
  EXPECT_FALSE(coerce_variables(*loaded.schema, *parsed.document, op, "[1]", arena).ok());
  EXPECT_TRUE(coerce_variables(*loaded.schema, *parsed.document, op, "null", arena).ok());
  EXPECT_TRUE(coerce_variables(*loaded.schema, *parsed.document, op, "", arena).ok());
}

}  // namespace
}  // namespace sluice::graphql
