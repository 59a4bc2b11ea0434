// Introspection round trip (the issue's "done when"): graphql-js rebuilds a schema from our
// introspection result with buildClientSchema, prints it, and must print what we print.

#include "sluice/graphql/introspection.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "graphql_js.hpp"
#include "sluice/graphql/parser.hpp"
#include "sluice/graphql/printer.hpp"
#include "sluice/graphql/validation.hpp"

namespace sluice::graphql {
namespace {

using testing::graphql_js_available;
using testing::kSourceDir;
using testing::read_file;
using testing::run_graphql_js;

// `file` under src/graphql/testdata/schemas/, or a path from the repository root.
std::shared_ptr<const Schema> load(const std::string& file) {
  auto path = file.find('/') == std::string::npos
                  ? kSourceDir / "src/graphql/testdata/schemas" / file
                  : kSourceDir / file;
  auto loaded = load_schema(read_file(path), file);
  EXPECT_TRUE(loaded) << format_errors(file, loaded.errors);
  return loaded.schema;
}

// Answers `query` (validated first) the way the server would for an introspection-only query.
std::string answer(const Schema& schema, const std::string& query) {
  Arena arena;
  auto parsed = parse(query, arena);
  EXPECT_TRUE(parsed) << parsed.error->message;
  if (!parsed) return {};
  auto validation = validate(schema, *parsed.document);
  EXPECT_TRUE(validation.valid()) << validation.errors.front().message;
  const auto* op =
      static_cast<const ast::OperationDefinition*>(parsed.document->definitions.front());
  CoercedVariables none;
  EXPECT_TRUE(introspection_only(schema, *parsed.document, *op, none));
  std::string out = "{\"data\":";
  write_introspection_data(schema, *parsed.document, *op, none, out);
  return out + "}";
}

class RoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTrip, BuildClientSchemaPrintsOurSdl) {
  if (!graphql_js_available()) GTEST_SKIP() << "graphql-js not installed (cd tools && npm ci)";
  auto schema = load(GetParam());
  ASSERT_TRUE(schema);
  auto query = run_graphql_js(
      R"(import { introspectionQuery } from "./lib/introspection.mjs";
         process.stdout.write(introspectionQuery()))",
      {});
  ASSERT_TRUE(query);
  std::string result = answer(*schema, *query);
  auto check = run_graphql_js(
      R"(import { spawnSync } from "child_process";
         const r = spawnSync("node", ["introspection-roundtrip.mjs", process.argv[1], process.argv[2]]);
         process.stdout.write(r.stdout.toString() + r.stderr.toString() + "exit " + r.status))",
      {print_schema(*schema) + "\n", result});
  ASSERT_TRUE(check);
  EXPECT_TRUE(check->ends_with("exit 0")) << *check;
}

INSTANTIATE_TEST_SUITE_P(Schemas, RoundTrip,
                         ::testing::Values("examples/blog/schema.graphql", "blog.graphql",
                                           "kitchen_sink.graphql"),
                         [](const auto& param_info) {
                           std::string name =
                               param_info.param.substr(0, param_info.param.find('.'));
                           std::replace(name.begin(), name.end(), '/', '_');
                           return name;
                         });

TEST(Introspection, HonoursAliasesFragmentsAndSkip) {
  auto schema = load("blog.graphql");
  ASSERT_TRUE(schema);
  std::string out = answer(*schema, R"(
    query { a: __typename ...F __type(name: "Role") @skip(if: false) { n: name ... on __Type { kind } }
            b: __typename @include(if: false) }
    fragment F on Query { t: __type(name: "Nope") { name } })");
  EXPECT_EQ(out, R"({"data":{"a":"Query","t":null,"__type":{"n":"Role","kind":"ENUM"}}})");
}

}  // namespace
}  // namespace sluice::graphql
