#include "prepared_cache.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sluice::pg::detail {
namespace {

TEST(PreparedCacheTest, FindsByTextAndParameterTypes) {
  PreparedCache cache(4);
  const std::vector<Oid> ints = {23, 23};
  const std::vector<Oid> texts = {25, 25};
  cache.insert("SELECT $1, $2", ints, "s1");
  ASSERT_NE(cache.find("SELECT $1, $2", ints), nullptr);
  EXPECT_EQ(*cache.find("SELECT $1, $2", ints), "s1");
  EXPECT_EQ(cache.find("SELECT $1, $2", texts), nullptr);
  EXPECT_EQ(cache.find("SELECT $1, $2 ", ints), nullptr);
  EXPECT_EQ(cache.find("SELECT $1, $2", {}), nullptr);
}

TEST(PreparedCacheTest, EvictsTheLeastRecentlyUsedWhenFull) {
  PreparedCache cache(3);
  for (const char* sql : {"a", "b", "c"}) {
    EXPECT_FALSE(cache.evict_if_full());
    cache.insert(sql, {}, std::string("name_") + sql);
  }
  EXPECT_NE(cache.find("a", {}), nullptr);  // "b" is now the least recently used
  EXPECT_EQ(cache.evict_if_full(), "name_b");
  cache.insert("d", {}, "name_d");
  EXPECT_EQ(cache.find("b", {}), nullptr);
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.evict_if_full(), "name_c");
}

TEST(PreparedCacheTest, EraseAndClear) {
  PreparedCache cache(2);
  cache.insert("a", {}, "s1");
  EXPECT_EQ(cache.erase("a", {}), "s1");
  EXPECT_FALSE(cache.erase("a", {}));
  cache.insert("b", {}, "s2");
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.find("b", {}), nullptr);
}

}  // namespace
}  // namespace sluice::pg::detail
