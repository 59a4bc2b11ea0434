// The response pipeline on FraiseQL's four row shapes, against two baselines measured on the
// same bytes in the same run: memcpy (the ceiling for touching every byte once) and simdjson's
// DOM parser (a validating JSON parser at full speed).
//
//   simple  10 fields                             ≈ 0.23 KB
//   medium  42 fields                             ≈ 1.07 KB
//   nested  a user with 15 posts                  ≈ 7.4 KB
//   wide    100 fields, each a 10-field object    ≈ 32.5 KB
//
// Rows are written as PostgreSQL writes jsonb (keys ordered by length then bytes, ", " and
// ": "). Selections are realistic: about half of the fields, nested levels where the shape has
// them, __typename, one alias. Each shape runs at 10, 100, 1,000 and 10,000 rows through
// build_list_response (whole response) and through the ResponseWriter draining every 64 KiB.
//
// Throughput is input bytes per second. Each pipeline benchmark also reports its throughput as
// a ratio to the baselines of the same shape and size (x_memcpy, x_simdjson), so the ratios come
// from one run on one machine.

#include <benchmark/benchmark.h>
#include <simdjson.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sluice/json/response.hpp"

namespace {

using namespace sluice::json;

// ---- Rows ---------------------------------------------------------------------------------

// A jsonb-ordered object from (key, value text) members.
std::string jsonb_object(std::vector<std::pair<std::string, std::string>> members) {
  std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
    return a.first.size() != b.first.size() ? a.first.size() < b.first.size() : a.first < b.first;
  });
  std::string out = "{";
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i != 0) out += ", ";
    out += "\"" + members[i].first + "\": " + members[i].second;
  }
  return out + "}";
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// A deterministic value of a given kind, varying with `n`.
std::string value(int kind, std::uint64_t n) {
  n = n * 2654435761u % 1000003;
  switch (kind % 7) {
    case 6:
      return quoted("name_" + std::to_string(n % 10000));
    case 0:
      return quoted("a1b2c3d4-" + std::to_string(10000 + n % 90000) + "-4e5f-8a9b-0c1d2e3f4a5b");
    case 1:
      return std::to_string(n % 100000);
    case 2:
      return quoted("Text value " + std::to_string(n) + " with some words");
    case 3:
      return n % 2 ? "true" : "false";
    case 4:
      return std::to_string(n % 1000) + "." + std::to_string(n % 97);
    default:
      return quoted("2024-0" + std::to_string(1 + n % 9) + "-1" + std::to_string(n % 10) +
                    "T10:15:30+00:00");
  }
}

struct Shape {
  std::string name;
  std::vector<std::string> rows;  // enough distinct rows; cycled for larger sizes
  ObjectSpec selection;
};

FieldSpec scalar(const std::string& key, std::string alias = {}) {
  FieldSpec f;
  f.key = key;
  f.field_name = key;  // the benchmark's names need no camelCase: they are what they are
  f.response_name = alias.empty() ? key : std::move(alias);
  return f;
}

FieldSpec type_name() {
  FieldSpec f;
  f.response_name = f.field_name = "__typename";
  f.kind = FieldKind::type_name;
  return f;
}

FieldSpec object(const std::string& key, ObjectSpec spec, bool list = false) {
  FieldSpec f = scalar(key);
  f.kind = FieldKind::object;
  f.object = std::move(spec);
  if (list) f.items_non_null = {true};
  f.non_null = true;
  return f;
}

// `count` fields named <prefix>_NN whose values cycle through `kinds` (see value()).
std::vector<std::pair<std::string, std::string>> flat_members(const std::string& prefix, int count,
                                                              std::uint64_t n,
                                                              const std::vector<int>& kinds) {
  std::vector<std::pair<std::string, std::string>> members;
  for (int i = 0; i < count; ++i) {
    char key[32];
    std::snprintf(key, sizeof key, "%s_%02d", prefix.c_str(), i);
    members.emplace_back(key, value(kinds[i % kinds.size()], n + i));
  }
  return members;
}

// Every other field of flat_members(prefix, count), __typename, and the first one aliased.
ObjectSpec flat_selection(const std::string& type, const std::string& prefix, int count) {
  ObjectSpec spec{type, {type_name()}};
  for (int i = 0; i < count; i += 2) {
    char key[32];
    std::snprintf(key, sizeof key, "%s_%02d", prefix.c_str(), i);
    spec.fields.push_back(scalar(key, i == 0 ? "alias" : ""));
  }
  return spec;
}

Shape simple_shape() {
  Shape s{"simple", {}, flat_selection("User", "field", 10)};
  for (std::uint64_t n = 0; n < 64; ++n)
    s.rows.push_back(jsonb_object(flat_members("field", 10, n, {1, 6, 3, 4, 6, 1, 5, 6, 4, 1})));
  return s;
}

Shape medium_shape() {
  Shape s{"medium", {}, flat_selection("Record", "attr", 42)};
  for (std::uint64_t n = 0; n < 64; ++n)
    s.rows.push_back(jsonb_object(flat_members("attr", 42, n, {1, 6, 2, 3, 4, 5, 6, 1, 3})));
  return s;
}

Shape nested_shape() {
  // user { __typename id name email posts { __typename id title stats { views likes } } }
  ObjectSpec stats{"PostStats", {scalar("views"), scalar("likes")}};
  ObjectSpec post{"Post",
                  {type_name(), scalar("id"), scalar("title", "headline"), scalar("published_at"),
                   object("stats", stats)}};
  ObjectSpec user{
      "User",
      {type_name(), scalar("id"), scalar("name"), scalar("email"), object("posts", post, true)}};
  Shape s{"nested", {}, user};
  for (std::uint64_t n = 0; n < 32; ++n) {
    std::string posts = "[";
    for (std::uint64_t p = 0; p < 15; ++p) {
      const std::uint64_t k = n * 100 + p;
      const std::string post_stats = jsonb_object(
          {{"views", value(1, k)}, {"likes", value(1, k + 1)}, {"shares", value(1, k + 2)}});
      posts +=
          (p ? ", " : "") +
          jsonb_object(
              {{"id", value(0, k)},
               {"title", value(2, k)},
               {"content", quoted("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
                                  "eiusmod tempor incididunt ut labore et dolore magna aliqua " +
                                  std::to_string(k))},
               {"published_at", value(5, k)},
               {"author_id", value(0, k + 7)},
               {"tags", "[\"c++\", \"postgresql\", \"graphql\"]"},
               {"stats", post_stats},
               {"comment_count", value(1, k + 3)},
               {"is_draft", value(3, k)}});
    }
    posts += "]";
    s.rows.push_back(jsonb_object({{"id", value(0, n)},
                                   {"name", value(2, n)},
                                   {"email", quoted("user" + std::to_string(n) + "@example.com")},
                                   {"created_at", value(5, n)},
                                   {"bio", value(2, n + 1)},
                                   {"posts", posts}}));
  }
  return s;
}

Shape wide_shape() {
  ObjectSpec spec{"Wide", {type_name()}};
  for (int i = 0; i < 100; i += 2) {
    char key[32];
    std::snprintf(key, sizeof key, "group_%03d", i);
    ObjectSpec inner = flat_selection("Group", "item", 10);
    if (i % 4 != 0) inner.fields.erase(inner.fields.begin());  // __typename on half of them
    spec.fields.push_back(object(key, inner));
  }
  Shape s{"wide", {}, spec};
  for (std::uint64_t n = 0; n < 8; ++n) {
    std::vector<std::pair<std::string, std::string>> groups;
    for (int i = 0; i < 100; ++i) {
      char key[32];
      std::snprintf(key, sizeof key, "group_%03d", i);
      groups.emplace_back(key, jsonb_object(flat_members("item", 10, n * 1000 + i,
                                                         {0, 1, 2, 3, 4, 5, 6, 0, 4, 6})));
    }
    s.rows.push_back(jsonb_object(groups));
  }
  return s;
}

const std::vector<Shape>& shapes() {
  static const std::vector<Shape> kShapes = {simple_shape(), medium_shape(), nested_shape(),
                                             wide_shape()};
  return kShapes;
}

// The first `count` rows of a shape (its distinct rows, cycled), as views.
std::vector<std::string_view> rows_of(const Shape& shape, std::size_t count) {
  std::vector<std::string_view> rows;
  for (std::size_t i = 0; i < count; ++i) rows.emplace_back(shape.rows[i % shape.rows.size()]);
  return rows;
}

std::size_t bytes_of(const std::vector<std::string_view>& rows) {
  std::size_t total = 0;
  for (auto row : rows) total += row.size();
  return total;
}

// ---- Same-run ratios ----------------------------------------------------------------------

// Input bytes per CPU second of each baseline run, by (shape, rows) and baseline name, filled as
// baselines run (they are registered before the pipeline benchmarks of the same shape and size;
// with --benchmark_repetitions each repetition adds one figure).
using Figures = std::map<std::string, std::vector<double>>;
std::map<std::pair<std::string, std::size_t>, Figures>& baselines() {
  static std::map<std::pair<std::string, std::size_t>, Figures> table;
  return table;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// This thread's CPU time in seconds: what Google Benchmark's rates are based on, and steadier
// than wall time on a shared machine.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Runs `body` once per iteration, sets bytes and items processed, and returns the input bytes
// per CPU second (measured here over the whole loop: the benchmark's own figures are not
// readable from inside).
template <class Body>
double run(benchmark::State& state, const std::vector<std::string_view>& rows, Body&& body) {
  const double start = thread_cpu_seconds();
  for (auto _ : state) body();
  const double elapsed = thread_cpu_seconds() - start;
  const double bytes =
      static_cast<double>(bytes_of(rows)) * static_cast<double>(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(rows.size() * state.iterations()));
  state.counters["row_bytes"] =
      static_cast<double>(bytes_of(rows)) / static_cast<double>(rows.size());
  return bytes / elapsed;
}

// x_memcpy, x_simdjson: this run's throughput over the baseline's median for the same rows.
void report_ratios(benchmark::State& state, const std::string& shape, std::size_t count,
                   double throughput) {
  for (const auto& [name, runs] : baselines()[{shape, count}]) {
    state.counters["x_" + name] = throughput / median(runs);
  }
}

void memcpy_baseline(benchmark::State& state, const Shape* shape) {
  const auto rows = rows_of(*shape, static_cast<std::size_t>(state.range(0)));
  std::string out(bytes_of(rows), '\0');
  const double throughput = run(state, rows, [&] {
    char* p = out.data();
    for (auto row : rows) {
      std::memcpy(p, row.data(), row.size());
      p += row.size();
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  });
  baselines()[{shape->name, rows.size()}]["memcpy"].push_back(throughput);
}

void simdjson_baseline(benchmark::State& state, const Shape* shape) {
  const auto rows = rows_of(*shape, static_cast<std::size_t>(state.range(0)));
  std::vector<simdjson::padded_string> padded(rows.begin(), rows.end());  // outside the loop
  simdjson::dom::parser parser;
  bool ok = true;
  const double throughput = run(state, rows, [&] {
    for (const auto& row : padded) {
      simdjson::dom::element doc;
      ok &= parser.parse(row).get(doc) == simdjson::SUCCESS;
      benchmark::DoNotOptimize(doc);
    }
  });
  if (!ok) state.SkipWithError("simdjson rejected a row");
  baselines()[{shape->name, rows.size()}]["simdjson"].push_back(throughput);
}

RootField list_field() {
  RootField field;
  field.response_name = "items";
  field.field_name = "items";
  field.list = true;
  field.non_null = true;
  field.items_non_null = true;
  return field;
}

void build_list(benchmark::State& state, const Shape* shape) {
  const auto rows = rows_of(*shape, static_cast<std::size_t>(state.range(0)));
  const auto program = Program::compile(shape->selection);
  const RootField field = list_field();
  std::size_t out_bytes = 0;
  const double throughput = run(state, rows, [&] {
    std::string response = build_list_response(rows, field, program.value());
    out_bytes = response.size();
    benchmark::DoNotOptimize(response.data());
  });
  state.counters["out_ratio"] =
      static_cast<double>(out_bytes) / static_cast<double>(bytes_of(rows));
  report_ratios(state, shape->name, rows.size(), throughput);
}

void stream_writer(benchmark::State& state, const Shape* shape) {
  const auto rows = rows_of(*shape, static_cast<std::size_t>(state.range(0)));
  const auto program = Program::compile(shape->selection);
  const RootField field = list_field();
  std::string buffer;
  ResponseWriter writer(buffer);
  std::size_t sent = 0;
  const double throughput = run(state, rows, [&] {
    writer.begin_response();
    writer.begin_field(field, program.value());
    for (auto row : rows) {
      if (writer.append_row(row) != WriteStatus::ok) state.SkipWithError("row rejected");
      if (writer.pending().size() >= 64 * 1024) {  // "send" and reuse the buffer
        sent += writer.pending().size();
        writer.drained();
      }
    }
    (void)writer.end_field();
    writer.end_response();
    sent += writer.pending().size();
    writer.drained();
  });
  benchmark::DoNotOptimize(sent);
  report_ratios(state, shape->name, rows.size(), throughput);
}

void register_all() {
  for (const Shape& shape : shapes()) {
    for (const std::int64_t count : {10, 100, 1000, 10000}) {
      const std::string suffix = shape.name;  // Arg() appends the row count
      benchmark::RegisterBenchmark(("memcpy/" + suffix).c_str(), memcpy_baseline, &shape)
          ->Arg(count);
      benchmark::RegisterBenchmark(("simdjson_dom/" + suffix).c_str(), simdjson_baseline, &shape)
          ->Arg(count);
      benchmark::RegisterBenchmark(("build_list_response/" + suffix).c_str(), build_list, &shape)
          ->Arg(count)
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(("response_writer/" + suffix).c_str(), stream_writer, &shape)
          ->Arg(count)
          ->Unit(benchmark::kMicrosecond);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
