#include "sluice/graphql/validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "overlap.hpp"
#include "values.hpp"

namespace sluice::graphql {
namespace {

using ast::Argument;
using ast::Definition;
using ast::DefinitionKind;
using ast::Document;
using ast::FragmentDefinition;
using ast::FragmentSpread;
using ast::InlineFragment;
using ast::Name;
using ast::ObjectField;
using ast::Offset;
using ast::OperationDefinition;
using ast::OperationType;
using ast::Selection;
using ast::SelectionKind;
using ast::SelectionSet;
using ast::Value;
using ast::ValueKind;
using ast::VariableDefinition;
using detail::field_definition;
using detail::Map;
using detail::Set;
using detail::Vec;

constexpr std::size_t kMaxIntrospectionListDepth = 3;

struct VariableUsage {
  const Value* node;
  const TypeRef* type;         // expected at the position; nullptr when unknown
  bool has_location_default;   // the argument or input field there has a default value
  const TypeRef* parent_type;  // the input type around the position (graphql-js's parent)
};

// What the walk of one operation or fragment found.
struct DefinitionFacts {
  Vec<VariableUsage> usages;
  Vec<const FragmentSpread*> spreads;        // in graphql-js's getFragmentSpreads order
  Vec<const FragmentDefinition*> fragments;  // operations: every fragment they use
  bool fragments_known = false;
};

struct Aborted {};

class Validator {
 public:
  Validator(const Schema& schema, const Document& document, const ValidationOptions& options)
      : schema_(schema), doc_(document), options_(options) {}

  ValidationResult run() {
    try {
      index();
      for (const Definition* d : doc_.definitions) check_executable(d);
      check_operation_names();
      check_fragment_names();
      for (const Definition* d : doc_.definitions) walk_definition(d);
      check_fragment_cycles();
      check_unused_fragments();
      for (const OperationDefinition* op : operations_) check_operation_variables(*op);
      for (const OperationDefinition* op : operations_) check_subscription(*op);
      if (options_.max_depth != 0 || options_.max_fields != 0) {
        for (const OperationDefinition* op : operations_) check_limits(*op);
      }
    } catch (const Aborted&) {
    }
    ValidationResult result;
    if (pending_.empty()) return result;
    LineIndex lines(doc_.source);
    for (auto& [message, locs] : pending_) {
      Error e{std::move(message), {}};
      for (Offset loc : locs) e.locations.push_back(lines.locate(loc));
      result.errors.push_back(std::move(e));
    }
    return result;
  }

 private:
  // ---- errors

  void report(std::string message, std::vector<Offset> locs) {
    if (pending_.size() >= options_.max_errors) {
      pending_.emplace_back("Too many validation errors, error limit reached. Validation aborted.",
                            std::vector<Offset>{});
      throw Aborted{};
    }
    pending_.emplace_back(std::move(message), std::move(locs));
  }

  // ---- document index

  void index() {
    facts_.resize(doc_.definitions.size());
    for (const Definition* d : doc_.definitions) {
      if (d->kind == DefinitionKind::operation) {
        operations_.push_back(static_cast<const OperationDefinition*>(d));
      } else if (d->kind == DefinitionKind::fragment) {
        const auto* f = static_cast<const FragmentDefinition*>(d);
        fragment_list_.push_back(f);
        // The last definition of a name wins, as in graphql-js.
        fragments_[f->name.value] = detail::FragmentEntry{f, schema_.type(f->type_condition.value)};
      }
    }
  }

  DefinitionFacts& facts(const Definition* d) {
    auto it = std::find(doc_.definitions.begin(), doc_.definitions.end(), d);
    return facts_[static_cast<std::size_t>(it - doc_.definitions.begin())];
  }

  const FragmentDefinition* fragment(std::string_view name) const {
    auto it = fragments_.find(name);
    return it == fragments_.end() ? nullptr : it->second.definition;
  }

  // ---- document-level rules

  void check_executable(const Definition* d) {
    if (d->executable()) return;
    std::string name;
    if (d->kind == DefinitionKind::schema) {
      name = "schema";
    } else if (d->kind == DefinitionKind::directive) {
      name = fmt::format("\"{}\"", static_cast<const ast::DirectiveDefinition*>(d)->name.value);
    } else {
      name = fmt::format("\"{}\"", static_cast<const ast::TypeDefinition*>(d)->name.value);
    }
    report(fmt::format("The {} definition is not executable.", name), {d->loc});
  }

  void check_operation_names() {
    Map<std::string_view, const OperationDefinition*> seen;
    for (const OperationDefinition* op : operations_) {
      if (op->name.empty()) {
        if (operations_.size() > 1) {
          report("This anonymous operation must be the only defined operation.", {op->loc});
        }
        continue;
      }
      auto [it, inserted] = seen.emplace(op->name.value, op);
      if (!inserted) {
        report(fmt::format("There can be only one operation named \"{}\".", op->name.value),
               {it->second->name.loc, op->name.loc});
      }
    }
  }

  void check_fragment_names() {
    Map<std::string_view, const FragmentDefinition*> seen;
    for (const FragmentDefinition* f : fragment_list_) {
      auto [it, inserted] = seen.emplace(f->name.value, f);
      if (!inserted) {
        report(fmt::format("There can be only one fragment named \"{}\".", f->name.value),
               {it->second->name.loc, f->name.loc});
      }
    }
  }

  // Fragments an operation uses, directly or through other fragments.
  Vec<const FragmentDefinition*> referenced_fragments(const DefinitionFacts& root) {
    Vec<const FragmentDefinition*> out;
    Set<std::string_view> seen;
    Vec<const Vec<const FragmentSpread*>*> stack{&root.spreads};
    while (!stack.empty()) {
      const auto* spreads = stack.back();
      stack.pop_back();
      for (const FragmentSpread* s : *spreads) {
        if (!seen.insert(s->name.value).second) continue;
        const FragmentDefinition* f = fragment(s->name.value);
        if (f == nullptr) continue;
        out.push_back(f);
        stack.push_back(&facts(f).spreads);
      }
    }
    return out;
  }

  // referenced_fragments of an operation, computed once.
  const Vec<const FragmentDefinition*>& operation_fragments(const OperationDefinition* op) {
    DefinitionFacts& f = facts(op);
    if (!f.fragments_known) {
      f.fragments = referenced_fragments(f);
      f.fragments_known = true;
    }
    return f.fragments;
  }

  void check_unused_fragments() {
    Set<std::string_view> used;
    for (const OperationDefinition* op : operations_) {
      for (const FragmentDefinition* f : operation_fragments(op)) used.insert(f->name.value);
    }
    for (const FragmentDefinition* f : fragment_list_) {
      if (!used.contains(f->name.value)) {
        report(fmt::format("Fragment \"{}\" is never used.", f->name.value), {f->loc});
      }
    }
  }

  void check_fragment_cycles() {
    Set<std::string_view> visited;
    Vec<const FragmentSpread*> path;
    Map<std::string_view, std::size_t> index_by_name;
    for (const FragmentDefinition* f : fragment_list_)
      detect_cycles(f, visited, path, index_by_name);
  }

  void detect_cycles(const FragmentDefinition* f, Set<std::string_view>& visited,
                     Vec<const FragmentSpread*>& path,
                     Map<std::string_view, std::size_t>& index_by_name) {
    if (!visited.insert(f->name.value).second) return;
    const auto& spreads = facts(f).spreads;
    if (spreads.empty()) return;
    index_by_name[f->name.value] = path.size();
    for (const FragmentSpread* spread : spreads) {
      auto cycle = index_by_name.find(spread->name.value);
      path.push_back(spread);
      if (cycle == index_by_name.end()) {
        if (const FragmentDefinition* next = fragment(spread->name.value)) {
          detect_cycles(next, visited, path, index_by_name);
        }
      } else {
        std::string via;
        std::vector<Offset> locs;
        for (std::size_t i = cycle->second; i < path.size(); ++i) {
          locs.push_back(path[i]->loc);
          if (i + 1 < path.size()) {
            via += (via.empty() ? "\"" : ", \"") + std::string(path[i]->name.value) + "\"";
          }
        }
        report(fmt::format("Cannot spread fragment \"{}\" within itself{}", spread->name.value,
                           via.empty() ? "." : " via " + via + "."),
               std::move(locs));
      }
      path.pop_back();
    }
    index_by_name.erase(f->name.value);
  }

  void check_operation_variables(const OperationDefinition& op) {
    Vec<const VariableUsage*> usages;
    for (const VariableUsage& u : facts(&op).usages) usages.push_back(&u);
    for (const FragmentDefinition* f : operation_fragments(&op)) {
      for (const VariableUsage& u : facts(f).usages) usages.push_back(&u);
    }
    auto definition = [&](std::string_view name) -> const VariableDefinition* {
      const VariableDefinition* found = nullptr;
      for (const VariableDefinition& v : op.variables) {
        if (v.name.value == name) found = &v;  // the last one wins
      }
      return found;
    };
    for (const VariableUsage* u : usages) {
      const VariableDefinition* def = definition(u->node->text);
      if (def == nullptr) {
        report(op.name.empty() ? fmt::format("Variable \"${}\" is not defined.", u->node->text)
                               : fmt::format("Variable \"${}\" is not defined by operation \"{}\".",
                                             u->node->text, op.name.value),
               {u->node->loc, op.loc});
        continue;
      }
      const TypeRef* var_type = type_from_ast(def->type);
      if (var_type == nullptr || u->type == nullptr) continue;
      if (!allowed_usage(var_type, def->default_value, u->type, u->has_location_default)) {
        report(
            fmt::format("Variable \"${}\" of type \"{}\" used in position expecting type \"{}\".",
                        u->node->text, to_string(var_type), to_string(u->type)),
            {def->loc, u->node->loc});
      }
      if (u->parent_type != nullptr && u->parent_type->kind == TypeRef::Kind::named &&
          u->parent_type->named->one_of && !var_type->is_non_null()) {
        report(fmt::format("Variable \"${}\" is of type \"{}\" but must be non-nullable to be used "
                           "for OneOf Input Object \"{}\".",
                           u->node->text, to_string(var_type), u->parent_type->named->name),
               {def->loc, u->node->loc});
      }
    }
    for (const VariableDefinition& v : op.variables) {
      bool used = std::any_of(usages.begin(), usages.end(), [&](const VariableUsage* u) {
        return u->node->text == v.name.value;
      });
      if (!used) {
        report(op.name.empty() ? fmt::format("Variable \"${}\" is never used.", v.name.value)
                               : fmt::format("Variable \"${}\" is never used in operation \"{}\".",
                                             v.name.value, op.name.value),
               {v.loc});
      }
    }
  }

  bool allowed_usage(const TypeRef* var_type, const Value* var_default, const TypeRef* location,
                     bool location_default) {
    if (location->is_non_null() && !var_type->is_non_null()) {
      bool non_null_default = var_default != nullptr && var_default->kind != ValueKind::null;
      if (!non_null_default && !location_default) return false;
      return is_subtype(var_type, location->of);
    }
    return is_subtype(var_type, location);
  }

  bool is_subtype(const TypeRef* sub, const TypeRef* super) {
    if (same_type(sub, super)) return true;
    if (super->is_non_null()) return sub->is_non_null() && is_subtype(sub->of, super->of);
    if (sub->is_non_null()) return is_subtype(sub->of, super);
    if (super->is_list()) return sub->is_list() && is_subtype(sub->of, super->of);
    if (sub->is_list()) return false;
    const NamedType* sup = super->named;
    const NamedType* s = sub->named;
    if (!sup->is_abstract()) return false;
    if (sup->kind == TypeKind::union_type) return sup->is_possible_type(s);
    return std::find(s->interfaces.begin(), s->interfaces.end(), sup) != s->interfaces.end();
  }

  // Spec 5.2.3.1; graphql-js collects the fields with @skip and @include evaluated without
  // variables (a variable condition keeps the field).
  void collect_subscription_fields(const NamedType* type, const SelectionSet& set,
                                   Vec<std::pair<std::string_view, Vec<const ast::Field*>>>& out,
                                   Set<std::string_view>& visited) {
    for (const Selection* s : set.selections) {
      if (!included(s->directives)) continue;
      switch (s->kind) {
        case SelectionKind::field: {
          const auto* f = static_cast<const ast::Field*>(s);
          auto it = std::find_if(out.begin(), out.end(),
                                 [&](const auto& g) { return g.first == f->response_name(); });
          if (it == out.end()) {
            out.push_back({f->response_name(), {f}});
          } else {
            it->second.push_back(f);
          }
          break;
        }
        case SelectionKind::inline_fragment: {
          const auto* inl = static_cast<const InlineFragment*>(s);
          if (!condition_matches(inl->type_condition, type)) continue;
          collect_subscription_fields(type, inl->selection_set, out, visited);
          break;
        }
        case SelectionKind::fragment_spread: {
          const auto* spread = static_cast<const FragmentSpread*>(s);
          if (!visited.insert(spread->name.value).second) continue;
          const FragmentDefinition* f = fragment(spread->name.value);
          if (f == nullptr || !condition_matches(f->type_condition, type)) continue;
          collect_subscription_fields(type, f->selection_set, out, visited);
          break;
        }
      }
    }
  }

  static bool included(std::span<const ast::Directive> directives) {
    for (const ast::Directive& d : directives) {
      bool skip = d.name.value == "skip";
      if (!skip && d.name.value != "include") continue;
      for (const Argument& a : d.arguments) {
        if (a.name.value == "if" && a.value->kind == ValueKind::boolean &&
            a.value->boolean == skip) {
          return false;
        }
      }
    }
    return true;
  }

  bool condition_matches(const Name& condition, const NamedType* type) const {
    if (condition.empty()) return true;
    const NamedType* t = schema_.type(condition.value);
    if (t == nullptr) return false;
    if (t == type) return true;
    return t->is_abstract() && t->is_possible_type(type);
  }

  void check_subscription(const OperationDefinition& op) {
    if (op.operation != OperationType::subscription || schema_.subscription_type() == nullptr)
      return;
    Vec<std::pair<std::string_view, Vec<const ast::Field*>>> fields;
    Set<std::string_view> visited;
    collect_subscription_fields(schema_.subscription_type(), op.selection_set, fields, visited);
    std::string who = op.name.empty() ? "Anonymous Subscription"
                                      : fmt::format("Subscription \"{}\"", op.name.value);
    if (fields.size() > 1) {
      std::vector<Offset> locs;
      for (std::size_t i = 1; i < fields.size(); ++i) {
        for (const ast::Field* f : fields[i].second) locs.push_back(f->loc);
      }
      report(who + " must select only one top level field.", std::move(locs));
    }
    for (const auto& [name, nodes] : fields) {
      if (nodes.front()->name.value.starts_with("__")) {
        std::vector<Offset> locs;
        for (const ast::Field* f : nodes) locs.push_back(f->loc);
        report(who + " must not select an introspection top level field.", std::move(locs));
      }
    }
  }

  // ---- Sluice's limits

  void measure(const SelectionSet& set, std::size_t depth, std::size_t& max_depth,
               std::size_t& fields, Vec<std::string_view>& stack, Offset& deepest) {
    for (const Selection* s : set.selections) {
      switch (s->kind) {
        case SelectionKind::field: {
          const auto* f = static_cast<const ast::Field*>(s);
          ++fields;
          if (depth + 1 > max_depth) {
            max_depth = depth + 1;
            deepest = f->loc;
          }
          measure(f->selection_set, depth + 1, max_depth, fields, stack, deepest);
          break;
        }
        case SelectionKind::inline_fragment:
          measure(static_cast<const InlineFragment*>(s)->selection_set, depth, max_depth, fields,
                  stack, deepest);
          break;
        case SelectionKind::fragment_spread: {
          std::string_view name = static_cast<const FragmentSpread*>(s)->name.value;
          const FragmentDefinition* f = fragment(name);
          // Cycles are reported by their own rule; do not follow them here.
          if (f == nullptr || std::find(stack.begin(), stack.end(), name) != stack.end()) break;
          stack.push_back(name);
          measure(f->selection_set, depth, max_depth, fields, stack, deepest);
          stack.pop_back();
          break;
        }
      }
      if (fields > 1'000'000) return;  // enough to know the limit is exceeded
    }
  }

  void check_limits(const OperationDefinition& op) {
    std::size_t depth = 0;
    std::size_t fields = 0;
    Vec<std::string_view> stack;
    Offset deepest = op.loc;
    measure(op.selection_set, 0, depth, fields, stack, deepest);
    if (options_.max_depth != 0 && depth > options_.max_depth) {
      report(fmt::format("The operation is nested {} levels deep, more than the maximum of {}.",
                         depth, options_.max_depth),
             {deepest});
    }
    if (options_.max_fields != 0 && fields > options_.max_fields) {
      report(fmt::format("The operation selects {} fields, more than the maximum of {}.",
                         fields > 1'000'000 ? std::string("over 1000000") : std::to_string(fields),
                         options_.max_fields),
             {op.loc});
    }
  }

  // ---- types

  const TypeRef* type_from_ast(const ast::Type* t) {
    switch (t->kind) {
      case ast::TypeKind::named: {
        const NamedType* named = schema_.type(t->name.value);
        if (named == nullptr) return nullptr;
        return detail::scratch_new<TypeRef>(TypeRef{TypeRef::Kind::named, named, nullptr});
      }
      case ast::TypeKind::list: {
        const TypeRef* inner = type_from_ast(t->of);
        return inner == nullptr ? nullptr
                                : detail::scratch_new<TypeRef>(
                                      TypeRef{TypeRef::Kind::list, inner->named, inner});
      }
      case ast::TypeKind::non_null: {
        const TypeRef* inner = type_from_ast(t->of);
        return inner == nullptr ? nullptr
                                : detail::scratch_new<TypeRef>(
                                      TypeRef{TypeRef::Kind::non_null, inner->named, inner});
      }
    }
    return nullptr;
  }

  static const ast::Type* base_type(const ast::Type* t) {
    while (t->kind != ast::TypeKind::named) t = t->of;
    return t;
  }

  static void print_type(const ast::Type* t, std::string& out) {
    switch (t->kind) {
      case ast::TypeKind::named:
        out += t->name.value;
        return;
      case ast::TypeKind::list:
        out += '[';
        print_type(t->of, out);
        out += ']';
        return;
      case ast::TypeKind::non_null:
        print_type(t->of, out);
        out += '!';
        return;
    }
  }

  void check_known_type(const Name& name) {
    if (schema_.type(name.value) != nullptr) return;
    std::vector<std::string_view> names;
    for (const NamedType* t : schema_.types()) names.push_back(t->name);
    report(fmt::format("Unknown type \"{}\".{}", name.value,
                       detail::did_you_mean(detail::suggestion_list(name.value, names))),
           {name.loc});
  }

  static std::string argument_suggestions(std::span<const InputValue> defs, std::string_view arg) {
    std::vector<std::string_view> names;
    for (const InputValue& d : defs) names.push_back(d.name);
    return detail::did_you_mean(detail::suggestion_list(arg, names));
  }

  // graphql-js's suggestions for an unknown field: the types under an abstract type that have
  // it (most used first), else fields with a similar name.
  std::string field_suggestions(const NamedType* type, std::string_view field) {
    if (type->is_abstract()) {
      Vec<const NamedType*> types;
      Map<const NamedType*, int> usage;
      for (const NamedType* possible : type->possible_types) {
        if (possible->field(field) == nullptr) continue;
        if (!usage.contains(possible)) types.push_back(possible);
        usage[possible] = 1;
        for (const NamedType* iface : possible->interfaces) {
          if (iface->field(field) == nullptr) continue;
          if (!usage.contains(iface)) types.push_back(iface);
          ++usage[iface];
        }
      }
      std::stable_sort(types.begin(), types.end(), [&](const NamedType* a, const NamedType* b) {
        if (usage[a] != usage[b]) return usage[a] > usage[b];
        if (a->kind == TypeKind::interface && implements(b, a)) return true;
        if (b->kind == TypeKind::interface && implements(a, b)) return false;
        return std::string_view(a->name) < std::string_view(b->name);
      });
      std::vector<std::string> names;
      for (const NamedType* t : types) names.emplace_back(t->name);
      if (!names.empty()) return detail::did_you_mean(names, "to use an inline fragment on");
    }
    if (type->kind != TypeKind::object && type->kind != TypeKind::interface) return {};
    std::vector<std::string_view> names;
    for (const graphql::Field& f : type->fields) names.push_back(f.name);
    return detail::did_you_mean(detail::suggestion_list(field, names));
  }

  static bool implements(const NamedType* type, const NamedType* iface) {
    return std::find(type->interfaces.begin(), type->interfaces.end(), iface) !=
           type->interfaces.end();
  }

  // ---- the walk over executable definitions

  void walk_definition(const Definition* d) {
    if (d->kind == DefinitionKind::operation) {
      const auto* op = static_cast<const OperationDefinition*>(d);
      facts_target_ = &facts(op);
      static constexpr DirectiveLocation kLocation[] = {
          DirectiveLocation::query, DirectiveLocation::mutation, DirectiveLocation::subscription};
      check_directives(op->directives, kLocation[static_cast<std::size_t>(op->operation)]);
      check_variable_definitions(*op);
      const NamedType* root = schema_.root_type(op->operation);
      walk_selection_set(op->selection_set, root);
    } else if (d->kind == DefinitionKind::fragment) {
      const auto* f = static_cast<const FragmentDefinition*>(d);
      facts_target_ = &facts(f);
      const NamedType* type = schema_.type(f->type_condition.value);
      if (type == nullptr) {
        check_known_type(f->type_condition);
      } else if (!type->is_composite()) {
        report(fmt::format("Fragment \"{}\" cannot condition on non composite type \"{}\".",
                           f->name.value, type->name),
               {f->type_condition.loc});
      }
      check_directives(f->directives, DirectiveLocation::fragment_definition);
      walk_selection_set(f->selection_set,
                         type != nullptr && type->is_composite() ? type : nullptr);
    } else {
      return;
    }
    collect_spreads(d->kind == DefinitionKind::operation
                        ? static_cast<const OperationDefinition*>(d)->selection_set
                        : static_cast<const FragmentDefinition*>(d)->selection_set);
  }

  // graphql-js's getFragmentSpreads order: a set's spreads, then nested sets last-first.
  void collect_spreads(const SelectionSet& root) {
    Vec<const SelectionSet*> stack{&root};
    while (!stack.empty()) {
      const SelectionSet* set = stack.back();
      stack.pop_back();
      for (const Selection* s : set->selections) {
        if (s->kind == SelectionKind::fragment_spread) {
          facts_target_->spreads.push_back(static_cast<const FragmentSpread*>(s));
        } else if (s->kind == SelectionKind::field) {
          const auto* f = static_cast<const ast::Field*>(s);
          if (!f->selection_set.empty()) stack.push_back(&f->selection_set);
        } else {
          stack.push_back(&static_cast<const InlineFragment*>(s)->selection_set);
        }
      }
    }
  }

  void check_variable_definitions(const OperationDefinition& op) {
    for (std::size_t i = 0; i < op.variables.size(); ++i) {
      const VariableDefinition& v = op.variables[i];
      // UniqueVariableNames: one error per repeated name, at every definition of it.
      bool first = true;
      for (std::size_t j = 0; j < i; ++j)
        first = first && op.variables[j].name.value != v.name.value;
      if (first) {
        std::vector<Offset> locs;
        for (const VariableDefinition& other : op.variables) {
          if (other.name.value == v.name.value) locs.push_back(other.name.loc);
        }
        if (locs.size() > 1) {
          report(fmt::format("There can be only one variable named \"${}\".", v.name.value),
                 std::move(locs));
        }
      }
      const ast::Type* base = base_type(v.type);
      const NamedType* named = schema_.type(base->name.value);
      if (named == nullptr) {
        check_known_type(base->name);
      } else if (!named->is_input()) {
        std::string printed;
        print_type(v.type, printed);
        report(
            fmt::format("Variable \"${}\" cannot be non-input type \"{}\".", v.name.value, printed),
            {v.type->loc});
      }
      check_directives(v.directives, DirectiveLocation::variable_definition);
      if (v.default_value != nullptr) {
        const TypeRef* type =
            named != nullptr && named->is_input() ? type_from_ast(v.type) : nullptr;
        walk_value(v.default_value, type, nullptr, false, true);
      }
    }
  }

  void walk_selection_set(const SelectionSet& set, const NamedType* parent) {
    // OverlappingFieldsCanBeMerged looks at every selection set that is not an inline
    // fragment's and has more than one selection or an inline fragment.
    if (set.selections.size() > 1 ||
        (set.selections.size() == 1 && set.selections[0]->kind == SelectionKind::inline_fragment)) {
      if (!overlap().check(set, parent)) {
        pending_.emplace_back("Validation aborted.", std::vector<Offset>{});
        throw Aborted{};
      }
    }
    walk_selections(set, parent);
  }

  void walk_selections(const SelectionSet& set, const NamedType* parent) {
    for (const Selection* s : set.selections) {
      switch (s->kind) {
        case SelectionKind::field:
          walk_field(*static_cast<const ast::Field*>(s), parent);
          break;
        case SelectionKind::fragment_spread:
          walk_spread(*static_cast<const FragmentSpread*>(s), parent);
          break;
        case SelectionKind::inline_fragment:
          walk_inline(*static_cast<const InlineFragment*>(s), parent);
          break;
      }
    }
  }

  void walk_field(const ast::Field& f, const NamedType* parent) {
    const graphql::Field* def = field_definition(schema_, parent, f.name.value);
    if (parent != nullptr && def == nullptr) {
      report(fmt::format("Cannot query field \"{}\" on type \"{}\".{}", f.name.value, parent->name,
                         field_suggestions(parent, f.name.value)),
             {f.loc});
    }
    check_arguments(f.arguments, def != nullptr ? def->arguments : std::span<const InputValue>{},
                    def != nullptr, [&](std::string_view arg) {
                      return fmt::format("Unknown argument \"{}\" on field \"{}.{}\".{}", arg,
                                         parent->name, def->name,
                                         argument_suggestions(def->arguments, arg));
                    });
    if (def != nullptr) {
      for (const InputValue& arg : def->arguments) {
        if (!arg.type->is_non_null() || arg.default_value != nullptr) continue;
        bool given = std::any_of(f.arguments.begin(), f.arguments.end(),
                                 [&](const Argument& a) { return a.name.value == arg.name; });
        if (!given) {
          report(fmt::format("Field \"{}\" argument \"{}\" of type \"{}\" is required, but it was "
                             "not provided.",
                             def->name, arg.name, to_string(arg.type)),
                 {f.loc});
        }
      }
    }
    check_directives(f.directives, DirectiveLocation::field);
    const std::string_view name = f.name.value;
    if (name.size() > 2 && name[0] == '_' && name[1] == '_' &&
        (name == "__schema" || name == "__type")) {
      if (!options_.introspection) {
        report(fmt::format("GraphQL introspection has been disabled, but the requested query "
                           "contained the field \"{}\".",
                           name),
               {f.loc});
      }
      check_introspection_depth(f);
    }
    const NamedType* type = def != nullptr ? def->type->named : nullptr;
    if (type != nullptr) {
      if (type->is_leaf() && !f.selection_set.empty()) {
        report(fmt::format("Field \"{}\" must not have a selection since type \"{}\" has no "
                           "subfields.",
                           f.name.value, to_string(def->type)),
               {f.selection_set.loc});
      } else if (!type->is_leaf() && f.selection_set.empty()) {
        report(fmt::format("Field \"{}\" of type \"{}\" must have a selection of subfields. Did "
                           "you mean \"{} {{ ... }}\"?",
                           f.name.value, to_string(def->type), f.name.value),
               {f.loc});
      }
    }
    if (!f.selection_set.empty()) {
      walk_selection_set(f.selection_set, type != nullptr && type->is_composite() ? type : nullptr);
    }
  }

  void walk_spread(const FragmentSpread& s, const NamedType* parent) {
    auto entry = fragments_.find(s.name.value);
    if (entry == fragments_.end()) {
      report(fmt::format("Unknown fragment \"{}\".", s.name.value), {s.name.loc});
    } else {
      const NamedType* type = entry->second.type;
      if (type != nullptr && type->is_composite() && parent != nullptr && !overlaps(type, parent)) {
        report(fmt::format("Fragment \"{}\" cannot be spread here as objects of type \"{}\" can "
                           "never be of type \"{}\".",
                           s.name.value, parent->name, type->name),
               {s.loc});
      }
    }
    check_directives(s.directives, DirectiveLocation::fragment_spread);
  }

  void walk_inline(const InlineFragment& inl, const NamedType* parent) {
    const NamedType* type = parent;
    if (!inl.type_condition.empty()) {
      type = schema_.type(inl.type_condition.value);
      if (type == nullptr) {
        check_known_type(inl.type_condition);
      } else if (!type->is_composite()) {
        report(fmt::format("Fragment cannot condition on non composite type \"{}\".", type->name),
               {inl.type_condition.loc});
      }
    }
    if (type != nullptr && type->is_composite() && parent != nullptr && !overlaps(type, parent)) {
      report(fmt::format("Fragment cannot be spread here as objects of type \"{}\" can never be "
                         "of type \"{}\".",
                         parent->name, type->name),
             {inl.loc});
    }
    check_directives(inl.directives, DirectiveLocation::inline_fragment);
    // An inline fragment's own set is part of its parent's for overlap checking.
    walk_selections(inl.selection_set, type != nullptr && type->is_composite() ? type : nullptr);
  }

  bool overlaps(const NamedType* a, const NamedType* b) const {
    if (a == b) return true;
    if (a->is_abstract()) {
      if (b->is_abstract()) {
        return std::any_of(a->possible_types.begin(), a->possible_types.end(),
                           [&](const NamedType* t) { return b->is_possible_type(t); });
      }
      return a->is_possible_type(b);
    }
    return b->is_abstract() && b->is_possible_type(a);
  }

  // ---- arguments, directives, values

  template <class UnknownMessage>
  void check_arguments(std::span<const Argument> arguments, std::span<const InputValue> defs,
                       bool known_owner, const UnknownMessage& unknown) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
      const Argument& a = arguments[i];
      bool first = true;
      for (std::size_t j = 0; j < i; ++j) first = first && arguments[j].name.value != a.name.value;
      if (first) {
        std::vector<Offset> locs;
        for (const Argument& other : arguments) {
          if (other.name.value == a.name.value) locs.push_back(other.name.loc);
        }
        if (locs.size() > 1) {
          report(fmt::format("There can be only one argument named \"{}\".", a.name.value),
                 std::move(locs));
        }
      }
      const InputValue* def = nullptr;
      for (const InputValue& d : defs) {
        if (d.name == a.name.value) def = &d;
      }
      if (def == nullptr && known_owner) report(unknown(a.name.value), {a.name.loc});
      walk_value(a.value, def != nullptr ? def->type : nullptr, nullptr,
                 def != nullptr && def->default_value != nullptr, true);
    }
  }

  void check_directives(std::span<const ast::Directive> directives, DirectiveLocation location) {
    for (std::size_t i = 0; i < directives.size(); ++i) {
      const ast::Directive& d = directives[i];
      const DirectiveDefinition* def = schema_.directive(d.name.value);
      if (def == nullptr) {
        report(fmt::format("Unknown directive \"@{}\".", d.name.value), {d.loc});
      } else {
        if (!def->allowed_at(location)) {
          report(fmt::format("Directive \"@{}\" may not be used on {}.", d.name.value,
                             to_string(location)),
                 {d.loc});
        }
        if (!def->repeatable) {
          for (std::size_t j = 0; j < i; ++j) {
            if (directives[j].name.value == d.name.value) {
              report(fmt::format("The directive \"@{}\" can only be used once at this location.",
                                 d.name.value),
                     {directives[j].loc, d.loc});
              break;
            }
          }
        }
        for (const InputValue& arg : def->arguments) {
          if (!arg.type->is_non_null() || arg.default_value != nullptr) continue;
          bool given = std::any_of(d.arguments.begin(), d.arguments.end(),
                                   [&](const Argument& a) { return a.name.value == arg.name; });
          if (!given) {
            report(fmt::format("Directive \"@{}\" argument \"{}\" of type \"{}\" is required, but "
                               "it was not provided.",
                               d.name.value, arg.name, to_string(arg.type)),
                   {d.loc});
          }
        }
      }
      check_arguments(d.arguments, def != nullptr ? def->arguments : std::span<const InputValue>{},
                      def != nullptr, [&](std::string_view arg) {
                        return fmt::format("Unknown argument \"{}\" on directive \"@{}\".{}", arg,
                                           d.name.value, argument_suggestions(def->arguments, arg));
                      });
    }
  }

  // Records variable usages and checks input field names; `top` also checks the literal's
  // type (ValuesOfCorrectType), once for the whole value.
  void walk_value(const Value* v, const TypeRef* type, const TypeRef* parent, bool location_default,
                  bool top) {
    if (top && type != nullptr) {
      detail::check_literal(
          v, type, [&](std::string message, Offset loc) { report(std::move(message), {loc}); });
    }
    switch (v->kind) {
      case ValueKind::variable:
        facts_target_->usages.push_back(VariableUsage{v, type, location_default, parent});
        return;
      case ValueKind::list: {
        const TypeRef* item = nullptr;
        if (type != nullptr) {
          const TypeRef* nullable = type->nullable();
          item = nullable->is_list() ? nullable->of : nullable;
        }
        for (const Value* i : v->items) walk_value(i, item, type, false, false);
        return;
      }
      case ValueKind::object: {
        const NamedType* object = type != nullptr ? type->named : nullptr;
        for (std::size_t i = 0; i < v->fields.size(); ++i) {
          const ObjectField& f = v->fields[i];
          for (std::size_t j = 0; j < i; ++j) {
            if (v->fields[j].name.value == f.name.value) {
              report(fmt::format("There can be only one input field named \"{}\".", f.name.value),
                     {v->fields[j].name.loc, f.name.loc});
              break;
            }
          }
          const InputValue* def = object != nullptr && object->kind == TypeKind::input_object
                                      ? object->input_field(f.name.value)
                                      : nullptr;
          walk_value(f.value, def != nullptr ? def->type : nullptr, type,
                     def != nullptr && def->default_value != nullptr, false);
        }
        return;
      }
      default:
        return;
    }
  }

  // ---- introspection depth (graphql-js MaxIntrospectionDepthRule)

  bool introspection_too_deep(const Selection* node, std::size_t depth,
                              Map<std::string_view, std::size_t>& visited) {
    if (node->kind == SelectionKind::fragment_spread) {
      std::string_view name = static_cast<const FragmentSpread*>(node)->name.value;
      auto exceeded = exceeded_fragments_.find(name);
      if (exceeded != exceeded_fragments_.end() && exceeded->second <= depth) return true;
      auto seen = visited.find(name);
      auto checked = checked_fragments_.find(name);
      if ((seen != visited.end() && seen->second >= depth) ||
          (checked != checked_fragments_.end() && checked->second >= depth)) {
        return false;
      }
      const FragmentDefinition* f = fragment(name);
      if (f == nullptr) return false;
      visited[name] = depth;
      for (const Selection* s : f->selection_set.selections) {
        if (introspection_too_deep(s, depth, visited)) {
          exceeded_fragments_[name] = depth;
          return true;
        }
      }
      checked_fragments_[name] = depth;
      return false;
    }
    const SelectionSet* set = nullptr;
    if (node->kind == SelectionKind::field) {
      const auto* f = static_cast<const ast::Field*>(node);
      std::string_view n = f->name.value;
      if (n == "fields" || n == "interfaces" || n == "possibleTypes" || n == "inputFields") {
        if (++depth >= kMaxIntrospectionListDepth) return true;
      }
      set = &f->selection_set;
    } else {
      set = &static_cast<const InlineFragment*>(node)->selection_set;
    }
    for (const Selection* s : set->selections) {
      if (introspection_too_deep(s, depth, visited)) return true;
    }
    return false;
  }

  void check_introspection_depth(const ast::Field& f) {
    Map<std::string_view, std::size_t> visited;
    if (introspection_too_deep(&f, 0, visited)) {
      report("Maximum introspection depth exceeded", {f.loc});
    }
  }

  detail::OverlapChecker& overlap() {
    if (!overlap_) {
      overlap_.emplace(schema_, fragments_, [this](std::string message, std::vector<Offset> locs) {
        report(std::move(message), std::move(locs));
      });
    }
    return *overlap_;
  }

  const Schema& schema_;
  const Document& doc_;
  const ValidationOptions& options_;
  std::vector<std::pair<std::string, std::vector<Offset>>> pending_;
  Vec<const OperationDefinition*> operations_;
  Vec<const FragmentDefinition*> fragment_list_;
  detail::FragmentMap fragments_;
  Vec<DefinitionFacts> facts_;  // per definition, in document order
  DefinitionFacts* facts_target_ = nullptr;
  std::optional<detail::OverlapChecker> overlap_;
  Map<std::string_view, std::size_t> exceeded_fragments_;
  Map<std::string_view, std::size_t> checked_fragments_;
};

}  // namespace

ValidationResult validate(const Schema& schema, const Document& document,
                          const ValidationOptions& options) {
  detail::ScratchScope scratch;
  return Validator(schema, document, options).run();
}

}  // namespace sluice::graphql
