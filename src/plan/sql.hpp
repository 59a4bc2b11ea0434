#pragma once
// SQL for a root field of a @view type, compiled per execution from its coerced arguments.
//
//   SELECT "<data>"::text FROM "<view>" [WHERE c] [ORDER BY o, "<key>"] [LIMIT $n] [OFFSET $m]
//
// Every value is a text parameter with an explicit cast ($1::numeric); identifiers (view, key
// and data columns, real columns) are double-quoted with inner quotes doubled, a schema-qualified
// view name (`app.v_book`) quoting each part; JSON keys are string literals. Nothing a client
// sends reaches the SQL text.
//
// Where a value is read (the "operand" of a field):
//   - the field `id` of the view type: the view's key column;
//   - another top-level scalar or enum field whose JSON key names a real column of the view in
//     the Catalog: that column, when its type fits the comparison (below), so indexes serve;
//   - otherwise the JSON path: "data"->>'published_at', "data"->'author'->>'full_name'.
// A real column is used bare, with the parameter cast to the column's type, when the column's
// type fits: Int → integer, bigint, numeric; BigInt → bigint, numeric; Float → double
// precision, numeric; String and enums → text, character varying; ID → text, character varying,
// and for eq/neq/in/nin also uuid, integer, bigint (an ID that is not valid for that type can
// equal no row, so the condition is decided without asking PostgreSQL: eq → FALSE, neq → TRUE,
// and such items are left out of in/nin lists); Boolean → boolean; DateTime → timestamp with
// time zone; Date → date; UUID → uuid; JSON and custom scalars → jsonb. Any other column
// (or the key column of a type the catalog does not know) is cast to the GraphQL type's SQL type.
//
// Typing: Int, Float and BigInt compare and sort as numeric (exact for every JSON number),
// String, ID and enums as text (enums sort by name), Boolean as boolean, DateTime as
// timestamptz, Date as date, UUID as uuid, JSON and custom scalars as jsonb. A JSON value that
// does not convert (a non-date string in a DateTime field) is a PostgreSQL error, never a
// silent mismatch.
//
// Filters (the generated <Type>Where and <S>Filter inputs; all given entries must hold):
//   eq / neq        =  /  IS DISTINCT FROM: neq is the complement of eq, so a null or missing
//                   value matches neq. `eq: null` means IS NULL, `neq: null` IS NOT NULL.
//   in / nin        = ANY($n::T[])  /  its complement (null values match nin).
//   gt gte lt lte   > >= < <=
//   contains icontains startsWith endsWith   LIKE / ILIKE with % _ \ in the value escaped, so
//                   the value matches literally; like / ilike take the pattern as given.
//   JSON contains / hasKey   jsonb @> and ?.
//   isNull          IS NULL / IS NOT NULL: a missing key and a JSON null are both null.
//   lists of scalars and enums: contains (every given value is in the list, typed), overlaps
//                   (some is), isEmpty (true: the value is []; false: a non-empty list), isNull.
//   nested objects: their own Where on the embedded object; a list of objects matches when
//                   some element matches (EXISTS over jsonb_array_elements).
//   AND: [] is TRUE, OR: [] is FALSE (as Hasura does); NOT is the complement of its filter
//   (NOT coalesce(c, false)), so NOT and neq/nin agree: every row is matched by exactly one of
//   a filter and its NOT.
//   Null: `where: null` is no filter. Inside a filter, null is an error for every operator but
//   eq and neq, and for the entries themselves (`title: null`, `author: null`, `AND: null`):
//   ignoring it would silently widen the result, and GraphQL keeps null distinct from absent.
//
// Ordering: `orderBy` entries apply in list order; within one entry (input object fields are
// unordered in GraphQL) fields apply in schema order: give one field per entry. Directions map
// to ASC / DESC and their NULLS FIRST / NULLS LAST forms (PostgreSQL's default: nulls last
// ascending, first descending). Nested objects order by their JSON paths. The key column is
// appended as the last key whenever orderBy, limit or offset is given, so pages are
// deterministic; a plain list keeps the database's order (no sort forced on a stream).
//
// Arguments other than where / orderBy / limit / offset (a single field's `id`, a list field's
// own scalar arguments) are equality conditions on the field of the same name (same operand
// rules; `id` → the key column), or on the JSON key snake(name) when the type has no such field.
// limit / offset: negative values are request errors; PlanOptions::max_rows caps the limit.
// A single field always ends with LIMIT 1.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/graphql/arena.hpp"
#include "sluice/graphql/error.hpp"
#include "sluice/graphql/schema.hpp"
#include "sluice/graphql/variables.hpp"
#include "sluice/plan/catalog.hpp"
#include "sluice/plan/plan.hpp"
#include "variant.hpp"

namespace sluice::plan::detail {

struct StatementContext {
  const Catalog* catalog;  // may be null: JSON paths and the key column only
  std::int64_t max_rows;   // 0: unlimited
  std::size_t max_sql_bytes;
  std::string_view source;  // the document text, for error locations
  const graphql::CoercedVariables& variables;
  graphql::Arena& arena;  // for coerced argument values
};

// The value of `arg` on the root field's selection: given (a literal or a variable) or its
// default; false when absent. `location` is set to where the argument is written (the field
// when it is not).
[[nodiscard]] bool argument_value(const StatementContext& context, const RootEntry& root,
                                  const graphql::InputValue& arg, graphql::CoercedValue& out,
                                  graphql::ast::Offset& location);

// The statement of a list or single root field. Argument errors are appended to `errors`;
// `out` is then incomplete.
[[nodiscard]] bool compile_statement(const StatementContext& context, const RootEntry& root,
                                     Statement& out, std::vector<graphql::Error>& errors);

// Plan-time check that compile_statement understands every argument of `definition`: the
// message for the first it does not, or an empty string.
std::string unsupported_argument(const graphql::Field& definition,
                                 const graphql::NamedType& view_type);

}  // namespace sluice::plan::detail
