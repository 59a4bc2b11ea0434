#pragma once
// Introspection (spec 4): the JSON of __schema, __type and __typename selections, computed from
// the effective schema so that graphql-js's buildClientSchema rebuilds exactly the schema that
// print_schema prints. Turning introspection off is a validation option
// (ValidationOptions::introspection): a document selecting __schema or __type then fails
// validation and never gets here.

#include <string>

#include "sluice/graphql/ast.hpp"
#include "sluice/graphql/schema.hpp"
#include "sluice/graphql/variables.hpp"

namespace sluice::graphql {

// Whether every root field `operation` selects (after fragments and @skip/@include) is
// __schema, __type or __typename, so that write_introspection_data answers it whole.
bool introspection_only(const Schema& schema, const ast::Document& document,
                        const ast::OperationDefinition& operation,
                        const CoercedVariables& variables);

// Appends the `data` object for the introspection root fields of a validated query operation,
// `{"alias":value,...}`, honouring aliases, fragments and @skip/@include. Other root fields are
// left out (the executor answers them).
void write_introspection_data(const Schema& schema, const ast::Document& document,
                              const ast::OperationDefinition& operation,
                              const CoercedVariables& variables, std::string& out);

}  // namespace sluice::graphql
