// libFuzzer target: the lexer and parser on arbitrary bytes, then the value printers on
// whatever parsed. Seeds: src/graphql/fuzz_corpus/parser/.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sluice/graphql/parser.hpp"
#include "values.hpp"

namespace {

using namespace sluice::graphql;

void print_values(const ast::SelectionSet& set, std::string& out) {
  for (const ast::Selection* s : set.selections) {
    if (s->kind == ast::SelectionKind::field) {
      const auto* f = static_cast<const ast::Field*>(s);
      for (const ast::Argument& a : f->arguments) detail::print_literal(a.value, out);
      print_values(f->selection_set, out);
    } else if (s->kind == ast::SelectionKind::inline_fragment) {
      print_values(static_cast<const ast::InlineFragment*>(s)->selection_set, out);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Arena arena;
  arena.reset();
  std::string_view source(reinterpret_cast<const char*>(data), size);
  ParseLimits limits;
  limits.max_tokens = 20'000;
  ParseResult result = parse(source, arena, limits);
  if (!result) return 0;
  std::string out;
  for (const ast::Definition* d : result.document->definitions) {
    if (d->kind == ast::DefinitionKind::operation) {
      print_values(static_cast<const ast::OperationDefinition*>(d)->selection_set, out);
    }
    if (d->description != nullptr) detail::print_block_string(d->description->text, out);
  }
  return 0;
}
