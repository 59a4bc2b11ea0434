#pragma once
// The real columns of the views, so that filters and ordering on a top-level field can use a
// column of the same name (and its indexes) instead of the JSON path into `data`.
//
// The exec layer fills it at startup: relation name → column name → type, spelled as
// PostgreSQL's format_type(atttypid, NULL) or information_schema.columns.data_type spell it;
// the two agree on every type that can serve a comparison ("integer", "bigint", "numeric",
// "double precision", "text", "character varying", "boolean", "timestamp with time zone",
// "date", "uuid", "jsonb"). Relations are keyed by the name written in @view(name:) (qualified
// as written: "app.v_book" when the schema says so). A relation or column that is not listed is
// simply not substituted; an empty catalog means "JSON paths only" (plus the view's key column,
// which @view declares). Immutable once built and shared.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::plan {

// SQL identifiers from the schema: double-quoted, inner quotes doubled; a schema-qualified
// relation ("app.v_book") quotes each part on its own.
[[nodiscard]] std::string quote_identifier(std::string_view name);
[[nodiscard]] std::string quote_relation(std::string_view name);

struct Catalog {
  // The views and, for @insert/@update/@delete, the tables.
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> relations;
  // Mutation functions (@function on the mutation type) by the name written in the schema →
  // format_type() of the return type of name(jsonb): "jsonb", "mutation_response", ...
  std::map<std::string, std::string, std::less<>> functions;
  // What the schema names and the database lacks (write tables, mutation functions), one
  // sentence each naming the field, for the startup log.
  std::vector<std::string> missing;

  // The column's data_type, or an empty view when unknown. Borrows from the catalog.
  std::string_view column_type(std::string_view relation, std::string_view column) const noexcept {
    auto r = relations.find(relation);
    if (r == relations.end()) return {};
    auto c = r->second.find(column);
    return c == r->second.end() ? std::string_view{} : std::string_view{c->second};
  }
};

}  // namespace sluice::plan
