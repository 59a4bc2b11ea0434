// Sluice's own validation settings; the spec's rules are checked against graphql-js by
// corpus_test.cpp.

#include "sluice/graphql/validation.hpp"

#include <gtest/gtest.h>

#include "graphql_js.hpp"
#include "sluice/graphql/parser.hpp"

namespace sluice::graphql {
namespace {

class Validation : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = load_schema(
        testing::read_file(testing::kSourceDir / "src/graphql/testdata/schemas/blog.graphql"));
    ASSERT_TRUE(loaded);
    schema_ = loaded.schema;
  }

  std::vector<Error> errors(const std::string& text, const ValidationOptions& options = {}) {
    text_ = text;
    arena_.reset();
    auto parsed = parse(text_, arena_);
    EXPECT_TRUE(parsed) << parsed.error->message;
    return parsed ? validate(*schema_, *parsed.document, options).errors : std::vector<Error>{};
  }

  std::shared_ptr<const Schema> schema_;
  Arena arena_;
  std::string text_;
};

TEST_F(Validation, DepthLimitCountsThroughFragments) {
  ValidationOptions options;
  options.max_depth = 3;
  const std::string query =
      "query Shallow { posts { author { id } } }\n"
      "query Deep { posts { ...P } }\nfragment P on Post { author { id } comments { author { id } "
      "} }";
  auto found = errors(query, options);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "The operation is nested 4 levels deep, more than the maximum of 3.");
  // At the first field four levels down: the `id` under comments { author { ... } }.
  EXPECT_EQ(found[0].locations[0],
            locate(query, static_cast<std::uint32_t>(query.rfind("id } } }"))));
}

TEST_F(Validation, FieldLimitCountsEverySelectedField) {
  ValidationOptions options;
  options.max_fields = 6;
  EXPECT_TRUE(errors("{ posts { id title slug } users { id } }", options).empty());
  auto found = errors(
      "query Q { posts { ...P ...P } users { id } }\nfragment P on Post { id title }", options);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "The operation selects 7 fields, more than the maximum of 6.");
}

TEST_F(Validation, IntrospectionCanBeTurnedOff) {
  ValidationOptions options;
  options.introspection = false;
  auto found = errors(
      "{ __typename __schema { types { name } } t: __type(name: \"Post\") { name } }", options);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].message,
            "GraphQL introspection has been disabled, but the requested query contained the field "
            "\"__schema\".");
  EXPECT_EQ(found[1].locations[0], (SourceLocation{1, 42}));
  EXPECT_TRUE(errors("{ __typename posts { __typename } }", options).empty());
}

TEST_F(Validation, StopsAtTheErrorLimit) {
  ValidationOptions options;
  options.max_errors = 3;
  auto found = errors("{ a b c d e }", options);
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[3].message,
            "Too many validation errors, error limit reached. Validation aborted.");
  EXPECT_TRUE(found[3].locations.empty());
}

TEST_F(Validation, GeneratedArgumentsAndInputsValidate) {
  EXPECT_TRUE(errors(R"({ posts(where: {title: {startsWith: "The"}, viewCount: {gt: 100},
                              author: {fullName: {ilike: "%a%"}}, OR: [{tags: {contains: ["x"]}}]},
                              orderBy: [{score: DESC}, {author: {fullName: ASC_NULLS_LAST}}],
                              limit: 10, offset: 20) { id } })")
                  .empty());
  auto found = errors(R"({ posts(where: {viewCount: {startsWith: "1"}}) { id } })");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message, "Field \"startsWith\" is not defined by type \"IntFilter\".");
  found = errors(R"({ posts(where: {publishedAt: {gt: "yesterday"}}) { id } })");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message,
            "DateTime cannot represent an invalid date-time string: \"yesterday\"");
}

}  // namespace
}  // namespace sluice::graphql
