#pragma once
// "Overlapping fields can be merged" (spec 5.3.2), following graphql-js 16's algorithm so that
// the same pairs of fields are compared and reported: fields are collected per selection set
// and parent type, fragments are compared with fields and with each other once per pair, and
// the work is bounded by a complexity budget.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "scratch.hpp"
#include "sluice/graphql/ast.hpp"
#include "sluice/graphql/schema.hpp"

namespace sluice::graphql::detail {

// The definition of field `name` on `parent` as validation sees it, meta-fields included
// (__typename on composite types, __schema and __type on the query root); nullptr if unknown.
const Field* field_definition(const Schema& schema, const NamedType* parent, std::string_view name);

// A fragment definition and the type its condition names (nullptr when unknown).
struct FragmentEntry {
  const ast::FragmentDefinition* definition;
  const NamedType* type;
};

// Fragments by name (the last definition of a name wins, as in graphql-js).
using FragmentMap = Map<std::string_view, FragmentEntry>;
using ConflictReporter = std::function<void(std::string message, std::vector<ast::Offset> locs)>;

class OverlapChecker {
 public:
  OverlapChecker(const Schema& schema, const FragmentMap& fragments, ConflictReporter report);
  OverlapChecker(const OverlapChecker&) = delete;
  OverlapChecker& operator=(const OverlapChecker&) = delete;

  // Lives in a ScratchScope. Checks one selection set (as graphql-js's SelectionSet visitor does;
  // the caller skips inline fragments' own sets). Returns false once the complexity budget is
  // spent.
  bool check(const ast::SelectionSet& set, const NamedType* parent);

 private:
  struct State;
  State* state_;  // in scratch memory
};

}  // namespace sluice::graphql::detail
