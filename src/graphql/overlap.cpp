#include "overlap.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace sluice::graphql::detail {

const Field* field_definition(const Schema& schema, const NamedType* parent,
                              std::string_view name) {
  if (parent == nullptr) return nullptr;
  if (name.size() > 2 && name[0] == '_' && name[1] == '_') {
    if (name == "__schema" && parent == schema.query_type()) return schema.schema_field();
    if (name == "__type" && parent == schema.query_type()) return schema.type_field();
    if (name == "__typename" && parent->is_composite()) return schema.typename_field();
  }
  if (parent->kind == TypeKind::object || parent->kind == TypeKind::interface) {
    return parent->field(name);
  }
  return nullptr;
}

namespace {

constexpr std::size_t kMaxConflictDetail = 1000;
constexpr std::size_t kMaxConflictNodes = 20;
constexpr long kComplexityBudget = 500000;

struct BudgetSpent {};

struct FieldDetail {
  const NamedType* parent;
  const ast::Field* node;
  const Field* definition;
  bool simple_leaf;
};

// The fields of one response name: fields[begin, end) of the Collected.
struct Group {
  std::string_view response_name;
  std::size_t begin;
  std::size_t end;
};

struct Collected {
  const NamedType* parent;
  const void* selections;   // identity of the selection set
  Vec<FieldDetail> fields;  // grouped by response name, groups in order of first appearance
  Vec<Group> groups;
  Vec<std::string_view> fragment_names;
  Vec<std::pair<std::string_view, bool>> compared_fragments;  // name, compared as exclusive
  Vec<std::pair<const Collected*, Vec<std::pair<const Group*, const Group*>>>> overlapping;

  std::span<const FieldDetail> of(const Group& g) const {
    return std::span<const FieldDetail>(fields).subspan(g.begin, g.end - g.begin);
  }
  const Group* group(std::string_view name) const {
    for (const Group& g : groups) {
      if (g.response_name == name) return &g;
    }
    return nullptr;
  }
};

struct Conflict {
  std::string response_name;
  std::string reason;
  std::vector<const ast::Field*> fields1;
  std::vector<const ast::Field*> fields2;
};

std::string abbreviate(std::string text) {
  if (text.size() > kMaxConflictDetail) {
    text.resize(kMaxConflictDetail);
    text += "...";
  }
  return text;
}

// Structural equality of two literals as graphql-js compares arguments: object fields in name
// order, strings with their block flag, numbers by spelling.
bool same_value(const ast::Value* a, const ast::Value* b) {
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case ast::ValueKind::list:
      if (a->items.size() != b->items.size()) return false;
      for (std::size_t i = 0; i < a->items.size(); ++i) {
        if (!same_value(a->items[i], b->items[i])) return false;
      }
      return true;
    case ast::ValueKind::object: {
      if (a->fields.size() != b->fields.size()) return false;
      auto sorted = [](std::span<const ast::ObjectField> fields) {
        Vec<const ast::ObjectField*> out;
        for (const auto& f : fields) out.push_back(&f);
        std::stable_sort(out.begin(), out.end(),
                         [](auto* x, auto* y) { return x->name.value < y->name.value; });
        return out;
      };
      auto fa = sorted(a->fields);
      auto fb = sorted(b->fields);
      for (std::size_t i = 0; i < fa.size(); ++i) {
        if (fa[i]->name.value != fb[i]->name.value || !same_value(fa[i]->value, fb[i]->value)) {
          return false;
        }
      }
      return true;
    }
    case ast::ValueKind::string:
      return a->text == b->text && a->block == b->block;
    case ast::ValueKind::boolean:
      return a->boolean == b->boolean;
    default:
      return a->text == b->text;
  }
}

}  // namespace

struct OverlapChecker::State {
  const Schema& schema;
  const FragmentMap& fragments;
  ConflictReporter report;
  long budget = kComplexityBudget;
  Vec<Collected*> cache;
  // Fragment pairs compared, with whether the comparison was mutually exclusive.
  Map<std::pair<std::string_view, std::string_view>, bool> compared_pairs;

  State(const Schema& s, const FragmentMap& f, ConflictReporter r)
      : schema(s), fragments(f), report(std::move(r)) {}

  void spend(long cost) {
    budget -= cost;
    if (budget < 0) throw BudgetSpent{};
  }

  const FragmentEntry* fragment(std::string_view name) const {
    auto it = fragments.find(name);
    return it == fragments.end() ? nullptr : &it->second;
  }

  void collect_impl(const NamedType* parent, const ast::SelectionSet& set, Vec<FieldDetail>& out,
                    Vec<std::string_view>& fragment_names) {
    for (const ast::Selection* s : set.selections) {
      switch (s->kind) {
        case ast::SelectionKind::field: {
          const auto* f = static_cast<const ast::Field*>(s);
          const Field* def = nullptr;
          if (parent != nullptr &&
              (parent->kind == TypeKind::object || parent->kind == TypeKind::interface)) {
            def = parent->field(f->name.value);
          }
          out.push_back(
              FieldDetail{parent, f, def, f->arguments.empty() && f->selection_set.empty()});
          break;
        }
        case ast::SelectionKind::fragment_spread: {
          std::string_view name = static_cast<const ast::FragmentSpread*>(s)->name.value;
          if (std::find(fragment_names.begin(), fragment_names.end(), name) ==
              fragment_names.end()) {
            fragment_names.push_back(name);
          }
          break;
        }
        case ast::SelectionKind::inline_fragment: {
          const auto* inl = static_cast<const ast::InlineFragment*>(s);
          const NamedType* type =
              inl->type_condition.empty() ? parent : schema.type(inl->type_condition.value);
          collect_impl(type, inl->selection_set, out, fragment_names);
          break;
        }
      }
    }
  }

  Collected& collect(const NamedType* parent, const ast::SelectionSet& set) {
    const void* identity = set.selections.data();
    for (Collected* c : cache) {
      if (c->parent == parent && c->selections == identity) return *c;
    }
    auto* result = scratch_new<Collected>();
    result->parent = parent;
    result->selections = identity;
    Vec<FieldDetail> flat;
    collect_impl(parent, set, flat, result->fragment_names);
    // Group by response name, groups in order of first appearance (a counting sort).
    Vec<std::size_t> group_of(flat.size());
    Vec<std::size_t> sizes;
    for (std::size_t i = 0; i < flat.size(); ++i) {
      std::string_view name = flat[i].node->response_name();
      std::size_t g = 0;
      while (g < result->groups.size()) {
        std::string_view other = result->groups[g].response_name;
        if (other.size() == name.size() && other[0] == name[0] && other == name) break;
        ++g;
      }
      if (g == result->groups.size()) {
        result->groups.push_back(Group{name, 0, 0});
        sizes.push_back(0);
      }
      group_of[i] = g;
      ++sizes[g];
    }
    std::size_t offset = 0;
    for (std::size_t g = 0; g < result->groups.size(); ++g) {
      result->groups[g].begin = result->groups[g].end = offset;
      offset += sizes[g];
    }
    result->fields.resize(flat.size());
    for (std::size_t i = 0; i < flat.size(); ++i) {
      result->fields[result->groups[group_of[i]].end++] = flat[i];
    }
    cache.push_back(result);
    return *result;
  }

  Collected& collect_fragment(const FragmentEntry& fragment) {
    return collect(fragment.type, fragment.definition->selection_set);
  }

  std::vector<Conflict> within_selection_set(const NamedType* parent,
                                             const ast::SelectionSet& set) {
    std::vector<Conflict> conflicts;
    Collected& c = collect(parent, set);
    collect_within(conflicts, c);
    if (!c.fragment_names.empty() && (!c.groups.empty() || c.fragment_names.size() > 1)) {
      for (std::size_t i = 0; i < c.fragment_names.size(); ++i) {
        between_fields_and_fragment(conflicts, false, c, c.fragment_names[i]);
        for (std::size_t j = i + 1; j < c.fragment_names.size(); ++j) {
          between_fragments(conflicts, false, c.fragment_names[i], c.fragment_names[j]);
        }
      }
    }
    return conflicts;
  }

  void between_fields_and_fragment(std::vector<Conflict>& conflicts, bool exclusive, Collected& c,
                                   std::string_view name) {
    spend(1);
    if (c.groups.empty()) return;
    auto it = std::find_if(c.compared_fragments.begin(), c.compared_fragments.end(),
                           [&](const auto& e) { return e.first == name; });
    if (it != c.compared_fragments.end()) {
      if (!it->second || exclusive) return;
      it->second = exclusive;
    } else {
      c.compared_fragments.emplace_back(name, exclusive);
    }
    const FragmentEntry* f = fragment(name);
    if (f == nullptr) return;
    Collected& c2 = collect_fragment(*f);
    if (&c == &c2) return;
    between(conflicts, exclusive, c, c2);
    // Iterate by index: comparisons may add entries to c2's caches but never to its names.
    for (std::size_t i = 0; i < c2.fragment_names.size(); ++i) {
      between_fields_and_fragment(conflicts, exclusive, c, c2.fragment_names[i]);
    }
  }

  bool pair_compared(std::string_view a, std::string_view b, bool exclusive) const {
    for (auto key : {std::make_pair(a, b), std::make_pair(b, a)}) {
      auto it = compared_pairs.find(key);
      if (it != compared_pairs.end() && (exclusive || it->second == exclusive)) return true;
    }
    return false;
  }

  void between_fragments(std::vector<Conflict>& conflicts, bool exclusive, std::string_view n1,
                         std::string_view n2) {
    spend(2);
    if (n1 == n2) return;
    if (pair_compared(n1, n2, exclusive)) return;
    compared_pairs[{n1, n2}] = exclusive;
    const FragmentEntry* f1 = fragment(n1);
    const FragmentEntry* f2 = fragment(n2);
    if (f1 == nullptr || f2 == nullptr) return;
    Collected& c1 = collect_fragment(*f1);
    Collected& c2 = collect_fragment(*f2);
    between(conflicts, exclusive, c1, c2);
    for (std::size_t i = 0; i < c2.fragment_names.size(); ++i) {
      between_fragments(conflicts, exclusive, n1, c2.fragment_names[i]);
    }
    for (std::size_t i = 0; i < c1.fragment_names.size(); ++i) {
      between_fragments(conflicts, exclusive, c1.fragment_names[i], n2);
    }
  }

  std::vector<Conflict> between_sub_selection_sets(bool exclusive, const NamedType* p1,
                                                   const ast::SelectionSet& s1, const NamedType* p2,
                                                   const ast::SelectionSet& s2) {
    std::vector<Conflict> conflicts;
    Collected& c1 = collect(p1, s1);
    Collected& c2 = collect(p2, s2);
    between(conflicts, exclusive, c1, c2);
    for (std::size_t i = 0; i < c2.fragment_names.size(); ++i) {
      between_fields_and_fragment(conflicts, exclusive, c1, c2.fragment_names[i]);
    }
    for (std::size_t i = 0; i < c1.fragment_names.size(); ++i) {
      between_fields_and_fragment(conflicts, exclusive, c2, c1.fragment_names[i]);
    }
    for (std::size_t i = 0; i < c1.fragment_names.size(); ++i) {
      for (std::size_t j = 0; j < c2.fragment_names.size(); ++j) {
        between_fragments(conflicts, exclusive, c1.fragment_names[i], c2.fragment_names[j]);
      }
    }
    return conflicts;
  }

  void collect_within(std::vector<Conflict>& conflicts, const Collected& c) {
    for (const Group& g : c.groups) {
      auto fields = c.of(g);
      for (std::size_t i = 0; i < fields.size(); ++i) {
        for (std::size_t j = i + 1; j < fields.size(); ++j) {
          if (auto conflict = find_conflict(false, g.response_name, fields[i], fields[j])) {
            conflicts.push_back(std::move(*conflict));
          }
        }
      }
    }
  }

  void between(std::vector<Conflict>& conflicts, bool exclusive, Collected& c1,
               const Collected& c2) {
    if (c1.groups.empty() || c2.groups.empty()) return;
    auto cached = std::find_if(c1.overlapping.begin(), c1.overlapping.end(),
                               [&](const auto& e) { return e.first == &c2; });
    if (cached == c1.overlapping.end()) {
      Vec<std::pair<const Group*, const Group*>> pairs;
      for (const Group& g : c1.groups) {
        spend(1);
        if (const Group* other = c2.group(g.response_name)) pairs.emplace_back(&g, other);
      }
      c1.overlapping.emplace_back(&c2, std::move(pairs));
      cached = c1.overlapping.end() - 1;
    }
    // Copied: comparing may add to c1.overlapping.
    const Vec<std::pair<const Group*, const Group*>> pairs = cached->second;
    for (auto [g1, g2] : pairs) {
      for (const FieldDetail& f1 : c1.of(*g1)) {
        for (const FieldDetail& f2 : c2.of(*g2)) {
          if (auto conflict = find_conflict(exclusive, g1->response_name, f1, f2)) {
            conflicts.push_back(std::move(*conflict));
          }
        }
      }
    }
  }

  bool same_arguments(const ast::Field& a, const ast::Field& b) {
    if (a.arguments.empty()) return b.arguments.empty();
    if (a.arguments.size() != b.arguments.size()) return false;
    for (const ast::Argument& arg : a.arguments) {
      spend(1);
      const ast::Value* other = nullptr;
      for (const ast::Argument& candidate : b.arguments) {
        if (candidate.name.value == arg.name.value) other = candidate.value;  // the last one wins
      }
      if (other == nullptr || !same_value(arg.value, other)) return false;
    }
    return true;
  }

  bool types_conflict(const TypeRef* t1, const TypeRef* t2) {
    if (t1 == t2) return false;
    spend(1);
    if (t1->is_list()) return t2->is_list() ? types_conflict(t1->of, t2->of) : true;
    if (t2->is_list()) return true;
    if (t1->is_non_null()) return t2->is_non_null() ? types_conflict(t1->of, t2->of) : true;
    if (t2->is_non_null()) return true;
    if (t1->named->is_leaf() || t2->named->is_leaf()) return t1->named != t2->named;
    return false;
  }

  std::optional<Conflict> find_conflict(bool parents_exclusive, std::string_view response_name,
                                        const FieldDetail& f1, const FieldDetail& f2) {
    const bool exclusive =
        parents_exclusive ||
        (f1.parent != f2.parent && f1.parent != nullptr && f2.parent != nullptr &&
         f1.parent->kind == TypeKind::object && f2.parent->kind == TypeKind::object);
    spend(2);
    const TypeRef* type1 = f1.definition != nullptr ? f1.definition->type : nullptr;
    const TypeRef* type2 = f2.definition != nullptr ? f2.definition->type : nullptr;
    if (f1.simple_leaf && f2.simple_leaf && type1 == type2 &&
        f1.node->name.value == f2.node->name.value) {
      return std::nullopt;
    }
    if (!exclusive) {
      std::string reason;
      if (f1.node->name.value != f2.node->name.value) {
        reason = fmt::format("\"{}\" and \"{}\" are different fields",
                             abbreviate(std::string(f1.node->name.value)),
                             abbreviate(std::string(f2.node->name.value)));
      } else if (!same_arguments(*f1.node, *f2.node)) {
        reason = "they have differing arguments";
      }
      if (!reason.empty()) {
        return Conflict{std::string(response_name), std::move(reason), {f1.node}, {f2.node}};
      }
    }
    if (type1 != nullptr && type2 != nullptr && types_conflict(type1, type2)) {
      return Conflict{std::string(response_name),
                      fmt::format("they return conflicting types \"{}\" and \"{}\"",
                                  to_string(type1), to_string(type2)),
                      {f1.node},
                      {f2.node}};
    }
    if (!f1.node->selection_set.empty() && !f2.node->selection_set.empty()) {
      auto sub = between_sub_selection_sets(
          exclusive, type1 != nullptr ? type1->named : nullptr, f1.node->selection_set,
          type2 != nullptr ? type2->named : nullptr, f2.node->selection_set);
      return subfield_conflicts(sub, response_name, f1.node, f2.node);
    }
    return std::nullopt;
  }

  static std::vector<const ast::Field*> conflict_nodes(const ast::Field* node,
                                                       const std::vector<Conflict>& conflicts,
                                                       bool first) {
    std::vector<const ast::Field*> nodes{node};
    for (const Conflict& c : conflicts) {
      const auto& side = first ? c.fields1 : c.fields2;
      std::size_t remaining = kMaxConflictNodes - nodes.size();
      std::size_t take = std::min(remaining, side.size());
      nodes.insert(nodes.end(), side.end() - static_cast<std::ptrdiff_t>(take), side.end());
      if (nodes.size() == kMaxConflictNodes) break;
    }
    return nodes;
  }

  static std::optional<Conflict> subfield_conflicts(const std::vector<Conflict>& conflicts,
                                                    std::string_view response_name,
                                                    const ast::Field* n1, const ast::Field* n2) {
    if (conflicts.empty()) return std::nullopt;
    std::string message;
    for (const Conflict& c : conflicts) {
      message +=
          (message.empty() ? "" : " and ") + fmt::format("subfields \"{}\" conflict because {}",
                                                         abbreviate(c.response_name), c.reason);
      if (message.size() > kMaxConflictDetail) break;
    }
    return Conflict{std::string(response_name), abbreviate(std::move(message)),
                    conflict_nodes(n1, conflicts, true), conflict_nodes(n2, conflicts, false)};
  }
};

OverlapChecker::OverlapChecker(const Schema& schema, const FragmentMap& fragments,
                               ConflictReporter report)
    : state_(scratch_new<State>(schema, fragments, std::move(report))) {}

bool OverlapChecker::check(const ast::SelectionSet& set, const NamedType* parent) {
  std::vector<Conflict> conflicts;
  try {
    conflicts = state_->within_selection_set(parent, set);
  } catch (const BudgetSpent&) {
    return false;
  }
  for (const Conflict& c : conflicts) {
    std::vector<ast::Offset> locs;
    for (const ast::Field* f : c.fields1) locs.push_back(f->loc);
    for (const ast::Field* f : c.fields2) locs.push_back(f->loc);
    state_->report(fmt::format("Fields \"{}\" conflict because {}. Use different aliases on the "
                               "fields to fetch both if this was intentional.",
                               abbreviate(c.response_name), c.reason),
                   std::move(locs));
  }
  return true;
}

}  // namespace sluice::graphql::detail
