#include "sluice/graphql/naming.hpp"

#include <gtest/gtest.h>

#include <random>

namespace sluice::graphql {
namespace {

// The design brief's cases.
TEST(Camel, DesignCases) {
  EXPECT_EQ(camel("published_at"), "publishedAt");
  EXPECT_EQ(camel("address_line_1"), "addressLine1");
  EXPECT_EQ(camel("_internal_code"), "_internalCode");
  EXPECT_EQ(camel("__typename"), "__typename");
  EXPECT_EQ(camel("api_URL"), "apiURL");
}

TEST(Camel, EdgeCases) {
  EXPECT_EQ(camel(""), "");
  EXPECT_EQ(camel("_"), "_");
  EXPECT_EQ(camel("id"), "id");
  EXPECT_EQ(camel("publishedAt"), "publishedAt");  // already camel: unchanged
  EXPECT_EQ(camel("a__b"), "a_B");                 // the first underscore of a run is kept
  EXPECT_EQ(camel("a_"), "a_");                    // a trailing underscore is kept
  EXPECT_EQ(camel("Foo_bar"), "FooBar");           // nothing is lower-cased
  EXPECT_EQ(camel("line_1_2"), "line12");
  EXPECT_EQ(camel("__private_key"), "__privateKey");
}

TEST(Snake, InvertsTheDesignCases) {
  EXPECT_EQ(snake("publishedAt"), "published_at");
  EXPECT_EQ(snake("addressLine1"), "address_line_1");
  EXPECT_EQ(snake("_internalCode"), "_internal_code");
  EXPECT_EQ(snake("__typename"), "__typename");
  EXPECT_EQ(snake("id"), "id");
}

TEST(Snake, AmbiguousNamesGetTheCanonicalKey) {
  // api_URL and api_u_r_l both read as apiURL; snake() can give only one of them back.
  EXPECT_EQ(camel("api_u_r_l"), "apiURL");
  EXPECT_EQ(snake("apiURL"), "api_u_r_l");
  // sha256 and sha_256 both read as sha256.
  EXPECT_EQ(camel("sha_256"), camel("sha256"));
  EXPECT_EQ(snake("sha256"), "sha_256");
}

// camel(snake(n)) == n for every n that camel() can produce, over random keys built from the
// characters that matter (letters of both cases, digits, underscores, non-ASCII bytes).
TEST(Snake, IsTheInverseOfCamelOnItsImage) {
  const std::string alphabet[] = {"a", "b", "Z", "1", "9", "_", "_", "\xC3\xA9"};
  std::mt19937 rng(12345);
  for (int round = 0; round < 20000; ++round) {
    std::string key;
    int length = static_cast<int>(rng() % 9);
    for (int i = 0; i < length; ++i) key += alphabet[rng() % std::size(alphabet)];
    std::string name = camel(key);
    ASSERT_EQ(camel(snake(name)), name) << "key: " << key;
  }
}

}  // namespace
}  // namespace sluice::graphql
