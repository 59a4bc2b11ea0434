#pragma once
// SQL for the root fields of a mutation (docs/MUTATIONS.md), compiled per execution like the
// statements of queries (sql.hpp), with the same rule: values are parameters, identifiers come
// from the schema.
//
//   @function   SELECT to_jsonb(r)::text FROM "<fn>"($1::jsonb) AS r
//     (r is the row of a composite result, or the value of a jsonb one)
//     $1: the field's single input-object argument, or an object of all its arguments; keys
//     snake_case at every depth except inside JSON values.
//   @insert     INSERT INTO "<table>" (<given columns>) SELECT <given columns>
//               FROM jsonb_populate_record(NULL::"<table>", $1::jsonb) RETURNING "<key>"::text
//   @update     UPDATE "<table>" SET (<given columns>) = (SELECT <given columns> FROM
//               jsonb_populate_record(NULL::"<table>", $2::jsonb)) WHERE "<key>" = $1
//               RETURNING "<key>"::text
//     then, in the same transaction: SELECT "<data>"::text FROM "<view>" WHERE "<key>" = $1
//   @delete     WITH gone AS (DELETE FROM "<table>" WHERE "<key>" = $1 RETURNING "<key>")
//               SELECT v."<data>"::text FROM "<view>" AS v JOIN gone ON v."<key>" = gone."<key>"
//     (the view reads the snapshot from before the delete: the object as it was).
// jsonb_populate_record converts each given value to its column's type (arrays, jsonb,
// timestamps, enums...); a column is named by the JSON key of the @view type's field of the same
// name. The key column has the name of the view's key (@view(key:)) in the table too; its
// parameter is untyped, so PostgreSQL reads it as the column's type.

#include <optional>
#include <vector>

#include "sluice/graphql/error.hpp"
#include "sql.hpp"
#include "variant.hpp"

namespace sluice::plan::detail {

void compile_function(const StatementContext& context, const RootEntry& root, Statement& out);

[[nodiscard]] bool compile_write(const StatementContext& context, const RootEntry& root,
                                 Statement& out, std::optional<Statement>& read_back,
                                 std::vector<graphql::Error>& errors);

}  // namespace sluice::plan::detail
