#pragma once
// What a plan compiles for one outcome of its @skip/@include conditions: the root fields that
// remain, merged, each with its projection. Immutable once built; shared by executions.

#include <optional>
#include <vector>

#include "sluice/graphql/ast.hpp"
#include "sluice/graphql/error.hpp"
#include "sluice/graphql/schema.hpp"
#include "sluice/json/program.hpp"
#include "sluice/json/response.hpp"
#include "sluice/plan/mutation_result.hpp"
#include "sluice/plan/plan.hpp"

namespace sluice::plan::detail {

struct RootEntry {
  RootKind kind = RootKind::introspection;
  json::RootField field;  // names borrowed from the document text and the schema
  std::optional<json::Program> program;
  // All but introspection: the schema field, its first selection (whose arguments are the
  // field's: validation makes merged selections agree on them) and, but for a function, the
  // @view object type.
  const graphql::Field* definition = nullptr;
  const graphql::ast::Field* node = nullptr;
  const graphql::NamedType* view_type = nullptr;
  // function: how its row becomes the value (`program` is then unset).
  std::shared_ptr<const MutationResult> result;
};

struct Variant {
  std::vector<RootEntry> roots;
  std::vector<graphql::Error> errors;  // what could not be planned; no roots then
};

}  // namespace sluice::plan::detail
