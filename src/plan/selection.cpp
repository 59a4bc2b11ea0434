#include "selection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_set>

#include "sluice/graphql/naming.hpp"

namespace sluice::plan::detail {

namespace {

using graphql::NamedType;
using graphql::TypeKind;
using graphql::TypeRef;

const ast::Value* condition(const ast::Directive& directive) noexcept {
  for (const ast::Argument& a : directive.arguments) {
    if (a.name.value == "if") return a.value;
  }
  return nullptr;
}

bool is_condition_directive(const ast::Directive& d) noexcept {
  return d.name.value == "skip" || d.name.value == "include";
}

void add_directive_variables(std::span<const ast::Directive> directives,
                             std::vector<std::string_view>& out) {
  for (const ast::Directive& d : directives) {
    const ast::Value* v = is_condition_directive(d) ? condition(d) : nullptr;
    if (v == nullptr || v->kind != ast::ValueKind::variable) continue;
    if (std::find(out.begin(), out.end(), v->text) == out.end()) out.push_back(v->text);
  }
}

void walk_directive_variables(const ast::SelectionSet& set, const Fragments& fragments,
                              std::unordered_set<std::string_view>& visited,
                              std::vector<std::string_view>& out) {
  for (const ast::Selection* s : set.selections) {
    add_directive_variables(s->directives, out);
    switch (s->kind) {
      case ast::SelectionKind::field:
        walk_directive_variables(static_cast<const ast::Field*>(s)->selection_set, fragments,
                                 visited, out);
        break;
      case ast::SelectionKind::inline_fragment:
        walk_directive_variables(static_cast<const ast::InlineFragment*>(s)->selection_set,
                                 fragments, visited, out);
        break;
      case ast::SelectionKind::fragment_spread: {
        auto name = static_cast<const ast::FragmentSpread*>(s)->name.value;
        auto it = fragments.find(name);
        if (it != fragments.end() && visited.insert(name).second) {
          walk_directive_variables(it->second->selection_set, fragments, visited, out);
        }
        break;
      }
    }
  }
}

// Whether a fragment with type condition `condition_name` applies to the object type `type`
// (spec DoesFragmentTypeApply): the type itself, an interface it implements, a union it is in.
bool applies(const graphql::Schema& schema, std::string_view condition_name,
             const NamedType& type) noexcept {
  if (condition_name.empty()) return true;
  const NamedType* condition_type = schema.type(condition_name);
  if (condition_type == nullptr) return false;
  if (condition_type == &type) return true;
  return condition_type->is_abstract() && condition_type->is_possible_type(&type);
}

struct Collector {
  const SelectionContext& context;
  const NamedType& type;
  std::vector<FieldGroup>& groups;
  std::unordered_map<std::string_view, std::size_t> index;
  std::unordered_set<std::string_view> visited_fragments;

  void collect(const ast::SelectionSet& set) {
    for (const ast::Selection* s : set.selections) {
      if (!included(s->directives, context.variables)) continue;
      switch (s->kind) {
        case ast::SelectionKind::field: {
          const auto* field = static_cast<const ast::Field*>(s);
          auto [it, added] = index.emplace(field->response_name(), groups.size());
          if (added) groups.push_back(FieldGroup{field->response_name(), {}});
          groups[it->second].nodes.push_back(field);
          break;
        }
        case ast::SelectionKind::fragment_spread: {
          auto name = static_cast<const ast::FragmentSpread*>(s)->name.value;
          if (!visited_fragments.insert(name).second) break;
          auto it = context.fragments.find(name);
          if (it == context.fragments.end()) break;
          if (!applies(context.schema, it->second->type_condition.value, type)) break;
          collect(it->second->selection_set);
          break;
        }
        case ast::SelectionKind::inline_fragment: {
          const auto* inline_fragment = static_cast<const ast::InlineFragment*>(s);
          if (!applies(context.schema, inline_fragment->type_condition.value, type)) break;
          collect(inline_fragment->selection_set);
          break;
        }
      }
    }
  }
};

graphql::Error located(const SelectionContext& context, std::string message, ast::Offset loc) {
  return graphql::Error{std::move(message), {graphql::locate(context.document.source, loc)}};
}

// The GraphQL wrapping of `type` as the json layer describes it.
void set_wrapping(const TypeRef* type, json::FieldSpec& spec) {
  spec.non_null = type->is_non_null();
  for (const TypeRef* t = type->nullable(); t->is_list(); t = t->of->nullable()) {
    spec.items_non_null.push_back(t->of->is_non_null());
  }
}

}  // namespace

Fragments index_fragments(const ast::Document& document) {
  Fragments fragments;
  for (const ast::Definition* d : document.definitions) {
    if (d->kind != ast::DefinitionKind::fragment) continue;
    const auto* fragment = static_cast<const ast::FragmentDefinition*>(d);
    fragments.emplace(fragment->name.value, fragment);
  }
  return fragments;
}

std::vector<std::string_view> directive_variables(const ast::OperationDefinition& operation,
                                                  const Fragments& fragments) {
  std::vector<std::string_view> out;
  std::unordered_set<std::string_view> visited;
  walk_directive_variables(operation.selection_set, fragments, visited, out);
  return out;
}

bool included(std::span<const ast::Directive> directives,
              const graphql::CoercedVariables& variables) noexcept {
  for (const ast::Directive& d : directives) {
    if (!is_condition_directive(d)) continue;
    const ast::Value* v = condition(d);
    if (v == nullptr) continue;
    bool value = v->boolean;
    if (v->kind == ast::ValueKind::variable) {
      const graphql::CoercedValue* given = variables.find(v->text);
      value = given != nullptr && given->boolean;
    }
    if (d.name.value == "skip" ? value : !value) return false;
  }
  return true;
}

std::vector<FieldGroup> collect_fields(const SelectionContext& context, const NamedType& type,
                                       std::span<const ast::SelectionSet* const> sets) {
  std::vector<FieldGroup> groups;
  Collector collector{context, type, groups, {}, {}};
  for (const ast::SelectionSet* set : sets) collector.collect(*set);
  return groups;
}

void build_object_spec(const SelectionContext& context, const NamedType& type,
                       const std::vector<FieldGroup>& groups, json::ObjectSpec& out,
                       std::vector<graphql::Error>& errors) {
  out.type_name = std::string(type.name);
  for (const FieldGroup& group : groups) {
    const ast::Field& first = *group.nodes.front();
    json::FieldSpec spec;
    spec.response_name = std::string(group.response_name);
    spec.field_name = std::string(first.name.value);
    if (first.name.value == "__typename") {
      spec.kind = json::FieldKind::type_name;
      out.fields.push_back(std::move(spec));
      continue;
    }
    const graphql::Field* definition = type.field(first.name.value);
    if (definition == nullptr) continue;  // validation rejects unknown fields
    if (!definition->arguments.empty()) {
      errors.push_back(located(context,
                               fmt::format("Field \"{}.{}\" has arguments; nested fields with "
                                           "arguments are not supported yet.",
                                           type.name, definition->name),
                               first.loc));
      continue;
    }
    spec.key =
        definition->key.empty() ? graphql::snake(definition->name) : std::string(definition->key);
    set_wrapping(definition->type, spec);
    const NamedType& named = *definition->type->named;
    switch (named.kind) {
      case TypeKind::scalar:
        spec.kind =
            named.scalar == graphql::ScalarKind::json || named.scalar == graphql::ScalarKind::custom
                ? json::FieldKind::json
                : json::FieldKind::scalar;
        break;
      case TypeKind::enum_type:
        spec.kind = json::FieldKind::scalar;
        break;
      case TypeKind::object: {
        spec.kind = json::FieldKind::object;
        std::vector<const ast::SelectionSet*> sets;
        for (const ast::Field* node : group.nodes) sets.push_back(&node->selection_set);
        build_object_spec(context, named, collect_fields(context, named, sets), spec.object,
                          errors);
        break;
      }
      case TypeKind::interface:
      case TypeKind::union_type:
      case TypeKind::input_object:
        errors.push_back(located(
            context,
            fmt::format("Field \"{}.{}\" has the abstract type \"{}\"; nested interfaces and "
                        "unions are not supported yet.",
                        type.name, definition->name, named.name),
            first.loc));
        continue;
    }
    out.fields.push_back(std::move(spec));
  }
}

}  // namespace sluice::plan::detail
