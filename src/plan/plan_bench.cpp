// What the plan cache saves on a repeated operation, and what an execution still costs.
//
//   BM_Build      parse + validate + plan of the feed document (a cache miss)
//   BM_CacheHit   PlanCache::get of the same document (a hit); counter build_x = how many
//                 times faster than BM_Build's work, timed in the same run
//   BM_Coerce     graphql::coerce_variables alone: the part of prepare the graphql layer does
//   BM_Prepare    Plan::prepare: coerce the variables and compile the SQL of both root fields
//                 (per request); counter build_x likewise, coerce_share = BM_Coerce's time
//                 as a fraction of prepare's
//   BM_Request    a hit followed by prepare: the planning cost of a repeated request;
//                 counter build_x = (build + prepare) / (hit + prepare)
//
// The document (below) uses fragments, a variable @include and a variable `where` with nested
// AND/OR, against src/plan/testdata/library.graphql. Ratios use the thread's CPU time, so other
// load on the machine does not skew them.

#include <benchmark/benchmark.h>
#include <time.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "sluice/graphql/schema.hpp"
#include "sluice/graphql/variables.hpp"
#include "sluice/plan/plan.hpp"
#include "sluice/plan/plan_cache.hpp"

namespace {

using namespace sluice;

// Nanoseconds of CPU time this thread has used.
double cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

const char* const kFeed = R"graphql(
query Feed($where: BookWhere, $order: [BookOrderBy!], $limit: Int, $withReviews: Boolean!) {
  books(where: $where, orderBy: $order, limit: $limit) {
    ...BookCard
    reviews @include(if: $withReviews) { stars body }
  }
  book(id: "0b5f6e3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b") {
    ...BookCard
    author { address { city zip } }
  }
}
fragment BookCard on Book {
  __typename id title pages price publishedAt genre tags
  author { fullName born }
}
)graphql";

const char* const kVariables =
    R"({"where":{"AND":[{"pages":{"gt":100}},{"OR":[{"title":{"icontains":"dune"}},)"
    R"({"author":{"fullName":{"startsWith":"Frank"}}}]}],"genre":{"in":["FICTION","SCIENCE"]}},)"
    R"("order":[{"publishedAt":"DESC_NULLS_LAST"},{"title":"ASC"}],"limit":50,"withReviews":true})";

std::shared_ptr<const graphql::Schema> schema() {
  static const auto loaded = [] {
    std::ifstream in(std::string(SLUICE_PLAN_TESTDATA) + "/library.graphql");
    std::stringstream text;
    text << in.rdbuf();
    return graphql::load_schema(text.str());
  }();
  if (!loaded) std::abort();
  return loaded.schema;
}

std::shared_ptr<const plan::Catalog> catalog() {
  auto c = std::make_shared<plan::Catalog>();
  c->relations["v_book"] = {
      {"id", "uuid"}, {"title", "text"}, {"published_at", "timestamp with time zone"}};
  return c;
}

// CPU nanoseconds per call of `f`, averaged over enough calls to take about 50 ms.
template <class F>
double ns_per_call(F&& f) {
  std::size_t n = 0;
  double start = cpu_ns();
  do {
    f();
    ++n;
  } while (cpu_ns() - start < 50e6);
  return (cpu_ns() - start) / static_cast<double>(n);
}

double build_ns() {
  static const double ns = ns_per_call(
      [] { benchmark::DoNotOptimize(plan::Plan::build(schema(), catalog(), {}, kFeed, "")); });
  return ns;
}

double prepare_ns(const plan::Plan& p) {
  graphql::Arena arena;
  return ns_per_call([&] {
    benchmark::DoNotOptimize(p.prepare(kVariables, arena));
    arena.reset();
  });
}

double coerce_ns(const plan::Plan& p) {
  graphql::Arena arena;
  return ns_per_call([&] {
    benchmark::DoNotOptimize(
        graphql::coerce_variables(p.schema(), *p.document(), *p.operation(), kVariables, arena));
    arena.reset();
  });
}

void BM_Build(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(plan::Plan::build(schema(), catalog(), {}, kFeed, ""));
}
BENCHMARK(BM_Build);

void BM_CacheHit(benchmark::State& state) {
  plan::PlanCache cache(schema(), catalog(), {});
  if (!cache.get(kFeed, "")->ok()) state.SkipWithError("the feed does not plan");
  double build = build_ns();
  double start = cpu_ns();
  for (auto _ : state) benchmark::DoNotOptimize(cache.get(kFeed, ""));
  state.counters["build_x"] =
      build / ((cpu_ns() - start) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_CacheHit);

void BM_Prepare(benchmark::State& state) {
  auto p = plan::Plan::build(schema(), catalog(), {}, kFeed, "");
  graphql::Arena arena;
  if (!p->prepare(kVariables, arena).ok()) state.SkipWithError("the feed does not prepare");
  double build = build_ns();
  double coerce = coerce_ns(*p);
  double start = cpu_ns();
  for (auto _ : state) {
    benchmark::DoNotOptimize(p->prepare(kVariables, arena));
    arena.reset();
  }
  double ns = (cpu_ns() - start) / static_cast<double>(state.iterations());
  state.counters["build_x"] = build / ns;
  state.counters["coerce_share"] = coerce / ns;
}
BENCHMARK(BM_Prepare);

void BM_Coerce(benchmark::State& state) {
  auto p = plan::Plan::build(schema(), catalog(), {}, kFeed, "");
  graphql::Arena arena;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        graphql::coerce_variables(p->schema(), *p->document(), *p->operation(), kVariables, arena));
    arena.reset();
  }
}
BENCHMARK(BM_Coerce);

void BM_Request(benchmark::State& state) {
  plan::PlanCache cache(schema(), catalog(), {});
  double miss = build_ns() + prepare_ns(*cache.get(kFeed, ""));
  graphql::Arena arena;
  double start = cpu_ns();
  for (auto _ : state) {
    benchmark::DoNotOptimize(cache.get(kFeed, "")->prepare(kVariables, arena));
    arena.reset();
  }
  state.counters["build_x"] = miss / ((cpu_ns() - start) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_Request);

}  // namespace

BENCHMARK_MAIN();
