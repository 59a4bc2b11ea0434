#pragma once
// Selection sets → projections: @skip/@include, fragments applied to a concrete object type,
// fields of one response name merged (the spec's CollectFields, section 6.3.2), and the
// json::ObjectSpec of the result.

#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sluice/graphql/ast.hpp"
#include "sluice/graphql/error.hpp"
#include "sluice/graphql/schema.hpp"
#include "sluice/graphql/variables.hpp"
#include "sluice/json/program.hpp"

namespace sluice::plan::detail {

namespace ast = graphql::ast;

using Fragments = std::unordered_map<std::string_view, const ast::FragmentDefinition*>;

// What selection walks read; everything borrowed from the caller.
struct SelectionContext {
  const graphql::Schema& schema;
  const ast::Document& document;
  const Fragments& fragments;
  const graphql::CoercedVariables& variables;  // for @skip/@include conditions
};

// One response name and every field selected under it, in document order.
struct FieldGroup {
  std::string_view response_name;  // borrowed from the document text
  std::vector<const ast::Field*> nodes;
};

// The fragments of `document` by name.
Fragments index_fragments(const ast::Document& document);

// The variables that @skip/@include conditions of `operation` read, through the fragments it
// spreads, each once, in first-use order. Views into the document text.
std::vector<std::string_view> directive_variables(const ast::OperationDefinition& operation,
                                                  const Fragments& fragments);

// Whether `directives` let their selection through. A condition variable must hold a boolean
// (Plan checks that before compiling).
bool included(std::span<const ast::Directive> directives,
              const graphql::CoercedVariables& variables) noexcept;

// CollectFields on the object type `type` over several selection sets (the sub-selections of
// merged fields), in order.
std::vector<FieldGroup> collect_fields(const SelectionContext& context,
                                       const graphql::NamedType& type,
                                       std::span<const ast::SelectionSet* const> sets);

// The projection of `groups` on the object type `type` into `out`. What cannot be projected
// yet (fields with arguments, abstract nested types, root-only actions) is added to `errors`.
void build_object_spec(const SelectionContext& context, const graphql::NamedType& type,
                       const std::vector<FieldGroup>& groups, json::ObjectSpec& out,
                       std::vector<graphql::Error>& errors);

}  // namespace sluice::plan::detail
