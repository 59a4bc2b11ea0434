#pragma once
// The effective schema as SDL, formatted exactly as graphql-js's printSchema formats the same
// schema: user types in declaration order, then Sluice's scalars and the generated inputs;
// Sluice's directive definitions; no spec scalars, spec directives or introspection types.

#include <string>

#include "sluice/graphql/schema.hpp"

namespace sluice::graphql {

// The SDL, without a trailing newline (as printSchema returns it).
std::string print_schema(const Schema& schema);

}  // namespace sluice::graphql
