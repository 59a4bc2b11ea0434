#include "sluice/graphql/parser.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "graphql_js.hpp"

namespace sluice::graphql {
namespace {

using testing::graphql_js_available;
using testing::kSourceDir;
using testing::read_file;
using testing::run_graphql_js;

void collect_strings(const ast::Value* v, std::vector<std::string>& out) {
  if (v == nullptr) return;
  if (v->kind == ast::ValueKind::string) out.emplace_back(v->text);
  for (const ast::Value* item : v->items) collect_strings(item, out);
  for (const ast::ObjectField& f : v->fields) collect_strings(f.value, out);
}

void collect_strings(const ast::SelectionSet& set, std::vector<std::string>& out);

void collect_strings(std::span<const ast::Directive> directives, std::vector<std::string>& out) {
  for (const ast::Directive& d : directives) {
    for (const ast::Argument& a : d.arguments) collect_strings(a.value, out);
  }
}

void collect_strings(const ast::SelectionSet& set, std::vector<std::string>& out) {
  for (const ast::Selection* s : set.selections) {
    if (s->kind == ast::SelectionKind::field) {
      const auto* f = static_cast<const ast::Field*>(s);
      for (const ast::Argument& a : f->arguments) collect_strings(a.value, out);
      collect_strings(f->directives, out);
      collect_strings(f->selection_set, out);
    } else if (s->kind == ast::SelectionKind::inline_fragment) {
      collect_strings(s->directives, out);
      collect_strings(static_cast<const ast::InlineFragment*>(s)->selection_set, out);
    } else {
      collect_strings(s->directives, out);
    }
  }
}

// String values in document order, as graphql-js's visitor meets them in executable documents.
std::vector<std::string> strings_of(const ast::Document& doc) {
  std::vector<std::string> out;
  for (const ast::Definition* d : doc.definitions) {
    collect_strings(d->description, out);
    if (d->kind == ast::DefinitionKind::operation) {
      const auto* op = static_cast<const ast::OperationDefinition*>(d);
      for (const ast::VariableDefinition& v : op->variables) {
        collect_strings(v.description, out);
        collect_strings(v.default_value, out);
        collect_strings(v.directives, out);
      }
      collect_strings(op->directives, out);
      collect_strings(op->selection_set, out);
    } else if (d->kind == ast::DefinitionKind::fragment) {
      const auto* f = static_cast<const ast::FragmentDefinition*>(d);
      collect_strings(f->directives, out);
      collect_strings(f->selection_set, out);
    }
  }
  return out;
}

// Spec 2.9.4 / 2.9.5: string and block string values (escapes, surrogate pairs, indentation,
// line ends) decode exactly as graphql-js decodes them, over the corpus's lexer documents.
TEST(Parser, StringValuesDecodeAsGraphqlJsDecodesThem) {
  if (!graphql_js_available()) GTEST_SKIP() << "graphql-js not installed (cd tools && npm ci)";
  std::vector<std::string> sources;
  for (const auto& entry :
       std::filesystem::directory_iterator(kSourceDir / "src/graphql/testdata/validation")) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".graphql" && name < "0250")
      sources.push_back(read_file(entry.path()));
  }
  ASSERT_GT(sources.size(), 50u);
  auto expected = run_graphql_js(
      R"(import { parse, visit } from "graphql";
         import { readFileSync } from "fs";
         const out = JSON.parse(readFileSync(process.argv[1], "utf8")).map((text) => {
           let doc;
           try { doc = parse(text); } catch { return null; }
           const strings = [];
           visit(doc, { StringValue(node) { strings.push(node.value); } });
           return strings;
         });
         process.stdout.write(JSON.stringify(out)))",
      {nlohmann::json(sources).dump()});
  ASSERT_TRUE(expected);
  auto js = nlohmann::json::parse(*expected);
  std::size_t compared = 0;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    Arena arena;
    auto result = parse(sources[i], arena);
    EXPECT_EQ(static_cast<bool>(result), !js[i].is_null()) << sources[i];
    if (!result || js[i].is_null()) continue;
    EXPECT_EQ(strings_of(*result.document), js[i].get<std::vector<std::string>>()) << sources[i];
    compared += js[i].size();
  }
  EXPECT_GT(compared, 50u);
}

TEST(Parser, BuildsTheTree) {
  Arena arena;
  auto result = parse(
      R"(query Q($id: ID! = "x" @d) @op { a: f(x: [1, {y: $id}]) @skip(if: true) { ...F ... on T { g } } })",
      arena);
  ASSERT_TRUE(result) << result.error->message;
  ASSERT_EQ(result.document->definitions.size(), 1u);
  const auto* op = static_cast<const ast::OperationDefinition*>(result.document->definitions[0]);
  EXPECT_EQ(op->operation, ast::OperationType::query);
  EXPECT_EQ(op->name.value, "Q");
  ASSERT_EQ(op->variables.size(), 1u);
  EXPECT_EQ(op->variables[0].name.value, "id");
  EXPECT_EQ(op->variables[0].type->kind, ast::TypeKind::non_null);
  EXPECT_EQ(op->variables[0].default_value->text, "x");
  EXPECT_EQ(op->directives[0].name.value, "op");
  const auto* field = static_cast<const ast::Field*>(op->selection_set.selections[0]);
  EXPECT_EQ(field->alias.value, "a");
  EXPECT_EQ(field->name.value, "f");
  EXPECT_EQ(field->response_name(), "a");
  const ast::Value* list = field->arguments[0].value;
  ASSERT_EQ(list->kind, ast::ValueKind::list);
  EXPECT_EQ(list->items[0]->text, "1");
  EXPECT_EQ(list->items[1]->fields[0].value->kind, ast::ValueKind::variable);
  EXPECT_EQ(field->selection_set.selections[0]->kind, ast::SelectionKind::fragment_spread);
  EXPECT_EQ(static_cast<const ast::InlineFragment*>(field->selection_set.selections[1])
                ->type_condition.value,
            "T");
  // Names point into the source: no copies.
  EXPECT_GE(field->name.value.data(), result.document->source.data());
  EXPECT_LT(field->name.value.data(),
            result.document->source.data() + result.document->source.size());
}

TEST(Parser, EnforcesItsLimits) {
  Arena arena;
  ParseLimits limits;
  limits.max_bytes = 10;
  auto big = parse("{ abcdefghijk }", arena, limits);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error->message,
            "Syntax Error: Document contains more than 10 bytes. Parsing aborted.");

  limits = {};
  limits.max_tokens = 4;
  EXPECT_TRUE(parse("{ a b }", arena, limits));
  auto many = parse("{ a b c }", arena, limits);
  ASSERT_FALSE(many);
  EXPECT_EQ(many.error->message,
            "Syntax Error: Document contains more than 4 tokens. Parsing aborted.");
  EXPECT_EQ(many.error->locations[0], (SourceLocation{1, 9}));  // the fifth token, "}"

  limits = {};
  limits.max_depth = 3;
  EXPECT_TRUE(parse("{ a { b { c } } }", arena, limits));
  auto deep = parse("{ a { b { c { d } } } }", arena, limits);
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error->message,
            "Syntax Error: Document nesting is deeper than 3 levels. Parsing aborted.");
  EXPECT_FALSE(parse("{ a(x: [[[[1]]]]) }", arena, limits));
  EXPECT_FALSE(parse("query($x: [[[[Int]]]]) { a }", arena, limits));
}

TEST(Parser, DeepInputFailsCleanlyAtTheDefaultLimit) {
  Arena arena;
  std::string deep(100'000, '[');
  auto result = parse("{ a(x: " + deep + ") }", arena);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error->message.find("nesting"), std::string::npos);
}

TEST(Parser, ReusedArenaStopsGrowing) {
  Arena arena;
  std::string doc = read_file(kSourceDir / "src/graphql/testdata/bench/blog_feed.graphql");
  ASSERT_TRUE(parse(doc, arena));
  arena.reset();
  std::size_t reserved = arena.reserved_bytes();
  for (int i = 0; i < 10; ++i) {
    arena.reset();
    ASSERT_TRUE(parse(doc, arena));
  }
  EXPECT_EQ(arena.reserved_bytes(), reserved);
}

}  // namespace
}  // namespace sluice::graphql
