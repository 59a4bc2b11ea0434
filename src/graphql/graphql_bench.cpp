// Parse + validate throughput of the GraphQL front end (docs/performance/graphql.md).
//
//   BM_Parse/<doc>          lexing and parsing into the arena
//   BM_ParseValidate/<doc>  parsing and every validation rule; counter graphql_js_x is how many
//                           times faster than graphql-js's parse + validate of the same document
//                           against the same (printed effective) schema, timed in this run
//   BM_GraphqlJs/<doc>      graphql-js's time per parse + validate (node, after warm-up)
//   BM_Introspection        validating and answering the introspection query
//
// Documents: src/graphql/testdata/bench/blog_feed.graphql (~2 KB, fragments and variables) and the
// introspection query that Sluice's tests send (tools/lib/introspection.mjs).

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "sluice/graphql/introspection.hpp"
#include "sluice/graphql/parser.hpp"
#include "sluice/graphql/printer.hpp"
#include "sluice/graphql/validation.hpp"

namespace {

using namespace sluice::graphql;

const std::string kSource = SLUICE_SOURCE_DIR;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<std::string> run(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  return ::pclose(pipe) == 0 ? std::optional(out) : std::nullopt;
}

const Schema& schema() {
  static const auto loaded =
      load_schema(read_file(kSource + "/src/graphql/testdata/schemas/blog.graphql"));
  if (!loaded) std::abort();
  return *loaded.schema;
}

std::optional<std::string> introspection_query() {
  static const auto query = run("cd '" + kSource +
                                "/tools' && node --input-type=module -e '"
                                "import { introspectionQuery } from \"./lib/introspection.mjs\";"
                                "process.stdout.write(introspectionQuery())' 2>/dev/null");
  return query;
}

std::optional<std::string> document(const std::string& name) {
  if (name == "introspection") return introspection_query();
  return read_file(kSource + "/src/graphql/testdata/bench/" + name + ".graphql");
}

// graphql-js's nanoseconds per parse + validate of `doc`, measured once per document.
std::optional<double> graphql_js_ns(const std::string& name) {
  static std::map<std::string, std::optional<double>> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  std::optional<double> result;
  auto doc = document(name);
  if (doc) {
    std::string dir = "/tmp/sluice-graphql-bench-" + std::to_string(::getpid());
    std::system(("mkdir -p " + dir).c_str());
    std::ofstream(dir + "/schema.graphql") << print_schema(schema());
    std::ofstream(dir + "/doc.graphql") << *doc;
    auto out =
        run("cd '" + kSource +
            "/tools' && node --input-type=module -e '"
            "import { buildSchema, parse, validate } from \"graphql\";"
            "import { readFileSync } from \"fs\";"
            "const schema = buildSchema(readFileSync(process.argv[1], \"utf8\"));"
            "const text = readFileSync(process.argv[2], \"utf8\");"
            "const once = () => { if (validate(schema, parse(text)).length) throw new "
            "Error(\"invalid\"); };"
            "for (let i = 0; i < 2000; ++i) once();"
            "const n = 5000; const start = process.hrtime.bigint();"
            "for (let i = 0; i < n; ++i) once();"
            "process.stdout.write(String(Number(process.hrtime.bigint() - start) / n));' -- " +
            dir + "/schema.graphql " + dir + "/doc.graphql 2>/dev/null");
    std::system(("rm -rf " + dir).c_str());
    if (out) result = std::stod(*out);
  }
  cache[name] = result;
  return result;
}

void BM_Parse(benchmark::State& state, const std::string& name) {
  auto doc = document(name);
  if (!doc) return state.SkipWithError("document unavailable (needs node and tools/node_modules)");
  Arena arena;
  for (auto _ : state) {
    arena.reset();
    auto result = parse(*doc, arena);
    benchmark::DoNotOptimize(result.document);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc->size()));
}

void BM_ParseValidate(benchmark::State& state, const std::string& name) {
  auto doc = document(name);
  if (!doc) return state.SkipWithError("document unavailable (needs node and tools/node_modules)");
  const Schema& s = schema();
  Arena arena;
  auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    arena.reset();
    auto parsed = parse(*doc, arena);
    auto result = validate(s, *parsed.document);
    if (!result.valid()) return state.SkipWithError(result.errors.front().message.c_str());
    benchmark::DoNotOptimize(result);
  }
  double ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
      static_cast<double>(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc->size()));
  if (auto js = graphql_js_ns(name)) state.counters["graphql_js_x"] = *js / ns;
}

void BM_GraphqlJs(benchmark::State& state, const std::string& name) {
  auto ns = graphql_js_ns(name);
  if (!ns) return state.SkipWithError("graphql-js unavailable (needs node and tools/node_modules)");
  for (auto _ : state) state.SetIterationTime(*ns / 1e9);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * document(name)->size()));
}

void BM_Introspection(benchmark::State& state) {
  auto doc = introspection_query();
  if (!doc) return state.SkipWithError("document unavailable (needs node and tools/node_modules)");
  const Schema& s = schema();
  Arena arena;
  std::string out;
  for (auto _ : state) {
    arena.reset();
    out.clear();
    auto parsed = parse(*doc, arena);
    if (!validate(s, *parsed.document).valid()) return state.SkipWithError("invalid");
    const auto& op = *static_cast<const ast::OperationDefinition*>(parsed.document->definitions[0]);
    write_introspection_data(s, *parsed.document, op, CoercedVariables{}, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["response_bytes"] = static_cast<double>(out.size());
}

BENCHMARK_CAPTURE(BM_Parse, blog_feed, std::string("blog_feed"));
BENCHMARK_CAPTURE(BM_Parse, introspection, std::string("introspection"));
BENCHMARK_CAPTURE(BM_ParseValidate, blog_feed, std::string("blog_feed"));
BENCHMARK_CAPTURE(BM_ParseValidate, introspection, std::string("introspection"));
BENCHMARK_CAPTURE(BM_GraphqlJs, blog_feed, std::string("blog_feed"))->UseManualTime();
BENCHMARK_CAPTURE(BM_GraphqlJs, introspection, std::string("introspection"))->UseManualTime();
BENCHMARK(BM_Introspection);

}  // namespace

BENCHMARK_MAIN();
