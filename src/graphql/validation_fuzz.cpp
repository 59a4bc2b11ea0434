// libFuzzer target: validation of arbitrary documents against the validation corpus's schema,
// then, for valid queries, variable coercion and introspection as the server would run them.
// Seeds: src/graphql/fuzz_corpus/validation/.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string_view>

#include "sluice/graphql/introspection.hpp"
#include "sluice/graphql/parser.hpp"
#include "sluice/graphql/validation.hpp"
#include "sluice/graphql/variables.hpp"

namespace {

using namespace sluice::graphql;

std::shared_ptr<const Schema> corpus_schema() {
  std::ifstream in(SLUICE_SOURCE_DIR "/src/graphql/testdata/validation/schema.graphql");
  std::stringstream ss;
  ss << in.rdbuf();
  auto loaded = load_schema(ss.str());
  if (!loaded) std::abort();
  return loaded.schema;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::shared_ptr<const Schema> schema = corpus_schema();
  static Arena arena;
  arena.reset();
  std::string_view source(reinterpret_cast<const char*>(data), size);
  ParseLimits limits;
  limits.max_tokens = 20'000;
  ParseResult parsed = parse(source, arena, limits);
  if (!parsed) return 0;
  ValidationOptions options;
  options.max_depth = 30;
  options.max_fields = 2'000;
  if (!validate(*schema, *parsed.document, options).valid()) return 0;
  for (const ast::Definition* d : parsed.document->definitions) {
    if (d->kind != ast::DefinitionKind::operation) continue;
    const auto& op = *static_cast<const ast::OperationDefinition*>(d);
    auto variables = coerce_variables(*schema, *parsed.document, op, "{}", arena);
    if (!variables.ok() || op.operation != ast::OperationType::query) continue;
    std::string out;
    write_introspection_data(*schema, *parsed.document, op, variables.variables, out);
  }
  return 0;
}
