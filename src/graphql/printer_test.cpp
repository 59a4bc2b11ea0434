// The printer against graphql-js's printSchema (spec-independent formatting facts: where
// descriptions go, block strings, default values in canonical form).

#include "sluice/graphql/printer.hpp"

#include <gtest/gtest.h>

#include "builtins.hpp"
#include "graphql_js.hpp"

namespace sluice::graphql {
namespace {

using testing::graphql_js_available;
using testing::kSourceDir;
using testing::read_file;
using testing::run_graphql_js;

std::string printed(const std::string& file) {
  auto loaded = load_schema(read_file(kSourceDir / "src/graphql/testdata/schemas" / file), file);
  EXPECT_TRUE(loaded) << format_errors(file, loaded.errors);
  return loaded ? print_schema(*loaded.schema) : std::string();
}

// A schema without @view has nothing generated: printing it must give what graphql-js prints
// for the same SDL with Sluice's declarations added where the printer puts them.
TEST(PrintSchema, MatchesGraphqlJsPrintSchema) {
  if (!graphql_js_available()) GTEST_SKIP() << "graphql-js not installed (cd tools && npm ci)";
  std::string user = read_file(kSourceDir / "src/graphql/testdata/schemas/kitchen_sink.graphql");
  std::string sdl = std::string(detail::sluice_directives_sdl()) + "\n" + user + "\n" +
                    std::string(detail::sluice_scalars_sdl());
  auto expected = run_graphql_js(
      R"(import { buildSchema, printSchema } from "graphql";
         import { readFileSync } from "fs";
         process.stdout.write(printSchema(buildSchema(readFileSync(process.argv[1], "utf8")))))",
      {sdl});
  ASSERT_TRUE(expected);
  EXPECT_EQ(printed("kitchen_sink.graphql"), *expected);
}

// With @view types the effective schema has generated inputs graphql-js knows nothing about;
// their printed form must still be what graphql-js prints when it reads it back.
TEST(PrintSchema, GeneratedInputsPrintAsGraphqlJsReprintsThem) {
  if (!graphql_js_available()) GTEST_SKIP() << "graphql-js not installed (cd tools && npm ci)";
  std::string ours = printed("blog.graphql");
  auto reprinted = run_graphql_js(
      R"(import { buildSchema, printSchema } from "graphql";
         import { readFileSync } from "fs";
         process.stdout.write(printSchema(buildSchema(readFileSync(process.argv[1], "utf8")))))",
      {ours});
  ASSERT_TRUE(reprinted);
  EXPECT_EQ(ours, *reprinted);
}

TEST(PrintSchema, LeavesOutSpecDefinitions) {
  std::string out = printed("blog.graphql");
  for (std::string_view spec :
       {"scalar String", "scalar Int", "directive @skip", "directive @include",
        "directive @deprecated", "directive @specifiedBy", "__Schema", "__Type"}) {
    EXPECT_EQ(out.find(spec), std::string::npos) << spec;
  }
  EXPECT_NE(out.find("directive @view("), std::string::npos);
  EXPECT_NE(out.find("scalar DateTime @specifiedBy"), std::string::npos);
}

}  // namespace
}  // namespace sluice::graphql
