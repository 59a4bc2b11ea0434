// The plan cache: hits hand out the same plan, failures are cached too, least recently used
// plans leave first, both bounds hold, and concurrent use agrees on one plan per key.

#include "sluice/plan/plan_cache.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "plan_test_support.hpp"

namespace sluice::plan {
namespace {

PlanCache make_cache(PlanCacheLimits limits = {}) {
  return PlanCache(testing::library_schema(), nullptr, PlanOptions{}, limits);
}

TEST(PlanCache, ARepeatedOperationReusesItsPlan) {
  PlanCache cache = make_cache();
  auto first = cache.get("{ books { id } }", "");
  auto second = cache.get("{ books { id } }", "");
  EXPECT_EQ(first, second);
  EXPECT_TRUE(first->ok());
  PlanCache::Stats stats = cache.stats();
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.bytes, first->memory_bytes());
}

TEST(PlanCache, TheOperationNameIsPartOfTheKey) {
  PlanCache cache = make_cache();
  const std::string doc = "query A { books { id } } query B { books { title } }";
  auto a = cache.get(doc, "A");
  auto b = cache.get(doc, "B");
  auto none = cache.get(doc, "");
  EXPECT_NE(a, b);
  EXPECT_TRUE(a->ok() && b->ok());
  EXPECT_FALSE(none->ok());
  EXPECT_EQ(cache.get(doc, "A"), a);
  EXPECT_EQ(cache.get(doc, "B"), b);
  EXPECT_EQ(cache.stats().misses, 3u);
  // Keys compare whole texts: a document that only differs at its end is another plan.
  EXPECT_NE(cache.get("query A { books { id } } query B { books { title } } ", "A"), a);
}

TEST(PlanCache, FailuresAreCachedLikePlans) {
  PlanCache cache = make_cache();
  auto syntax = cache.get("{ books { id }", "");
  auto invalid = cache.get("{ books { nope } }", "");
  EXPECT_EQ(syntax->status(), PlanStatus::syntax_error);
  EXPECT_EQ(invalid->status(), PlanStatus::validation_error);
  EXPECT_EQ(cache.get("{ books { id }", ""), syntax);
  EXPECT_EQ(cache.get("{ books { nope } }", ""), invalid);
  EXPECT_EQ(cache.stats().misses, 2u);
  EXPECT_EQ(cache.stats().hits, 2u);
}

TEST(PlanCache, LeastRecentlyUsedLeavesFirst) {
  PlanCache cache = make_cache({.max_entries = 2});
  auto a = cache.get("{ a: books { id } }", "");
  auto b = cache.get("{ b: books { id } }", "");
  EXPECT_EQ(cache.get("{ a: books { id } }", ""), a);  // a is now the most recent
  auto c = cache.get("{ c: books { id } }", "");       // evicts b
  PlanCache::Stats stats = cache.stats();
  EXPECT_EQ(stats.entries, 2u);
  EXPECT_EQ(stats.evictions, 1u);
  EXPECT_EQ(stats.bytes, a->memory_bytes() + c->memory_bytes());
  EXPECT_EQ(cache.get("{ a: books { id } }", ""), a);
  EXPECT_EQ(cache.get("{ c: books { id } }", ""), c);
  EXPECT_NE(cache.get("{ b: books { id } }", ""), b);  // rebuilt
  EXPECT_EQ(cache.stats().misses, 4u);
}

TEST(PlanCache, TheByteBudgetHolds) {
  auto probe = Plan::build(testing::library_schema(), nullptr, {}, "{ a: books { id } }", "");
  // Room for two plans of this size, not three.
  PlanCache cache = make_cache({.max_entries = 100, .max_bytes = probe->memory_bytes() * 2 + 10});
  for (const char* doc : {"{ a: books { id } }", "{ b: books { id } }", "{ c: books { id } }"}) {
    (void)cache.get(doc, "");
    EXPECT_LE(cache.stats().bytes, probe->memory_bytes() * 2 + 10);
  }
  EXPECT_EQ(cache.stats().entries, 2u);
  EXPECT_EQ(cache.stats().evictions, 1u);

  // A plan bigger than the whole budget is built and returned, not kept.
  PlanCache tiny = make_cache({.max_entries = 100, .max_bytes = 16});
  auto plan = tiny.get("{ a: books { id } }", "");
  EXPECT_TRUE(plan->ok());
  EXPECT_EQ(tiny.stats().entries, 0u);
}

TEST(PlanCache, ThreadsShareOnePlanPerKey) {
  PlanCache cache = make_cache();
  const std::vector<std::string> docs = {"{ a: books { id } }", "{ b: books { title } }",
                                         "{ c: book(id: 1) { id } }"};
  constexpr int kThreads = 4;
  constexpr int kRounds = 200;
  std::vector<std::vector<const Plan*>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        auto plan = cache.get(docs[(i + t) % docs.size()], "");
        graphql::Arena arena;
        EXPECT_TRUE(plan->prepare("", arena).ok());
        seen[t].push_back(plan.get());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (std::size_t d = 0; d < docs.size(); ++d) {
    const Plan* expected = cache.get(docs[d], "").get();
    for (int t = 0; t < kThreads; ++t) {
      for (int i = 0; i < kRounds; ++i) {
        if ((i + t) % docs.size() == d) {
          EXPECT_EQ(seen[t][i], expected);
        }
      }
    }
  }
  PlanCache::Stats stats = cache.stats();
  EXPECT_EQ(stats.entries, docs.size());
  EXPECT_EQ(stats.hits + stats.misses, kThreads * kRounds + docs.size());
}

}  // namespace
}  // namespace sluice::plan
