#pragma once
// Validation of an executable document against the effective schema: every rule of the spec's
// Validation section (as graphql-js 16 implements them, including its limits on fragment work
// and introspection depth), plus Sluice's limits. Every error is collected with its locations;
// messages use graphql-js's wording.

#include <cstddef>
#include <vector>

#include "sluice/graphql/ast.hpp"
#include "sluice/graphql/error.hpp"
#include "sluice/graphql/schema.hpp"

namespace sluice::graphql {

struct ValidationOptions {
  std::size_t max_depth = 0;     // deepest field nesting per operation, through fragments; 0: none
  std::size_t max_fields = 0;    // fields selected per operation, through fragments; 0: none
  std::size_t max_errors = 100;  // then validation stops with one more error saying so
  bool introspection = true;     // false: selecting __schema or __type is an error
};

struct ValidationResult {
  std::vector<Error> errors;
  bool valid() const noexcept { return errors.empty(); }
};

// `document` must have been parsed from the source its offsets refer to.
[[nodiscard]] ValidationResult validate(const Schema& schema, const ast::Document& document,
                                        const ValidationOptions& options = {});

}  // namespace sluice::graphql
