#pragma once
// Plans: a GraphQL operation compiled against the schema, ready to run many times.
//
// Plan time (once per document + operationName, then cached by PlanCache):
//   parse → validate (depth / field-count limits) → select the operation → for each root field
//   its kind (list statement, single statement, introspection), the json::RootField and the
//   projection json::Program built from the selection set (fragments applied to the view's
//   object type, fields of the same response name merged, @skip/@include evaluated).
// Execution time (Plan::prepare, per request, microseconds):
//   coerce the variables → pick the compiled projections for the outcome of the @skip/@include
//   directives that read variables (compiled on first use of that outcome, then kept) → compile
//   each SQL root field's statement from its coerced arguments. The SQL depends on the values
//   (a `where` variable decides the shape), so it is built per execution; the driver's
//   prepared-statement cache, keyed by SQL text, lets a repeated shape skip PostgreSQL's parse.
//
// SQL (src/plan/sql.hpp states the semantics of every filter and ordering choice):
//   SELECT "<data>"::text FROM "<view>" [WHERE …] [ORDER BY …, "<key>"] [LIMIT $n] [OFFSET $m]
//   Every value is a text parameter ($1, $2, … with an explicit cast); identifiers and JSON keys
//   come only from the schema, identifiers double-quoted, keys as string literals.
//
// Lifetimes: a Plan owns the document text, the operation name, the arena holding the syntax
// tree, and a shared_ptr to the Schema (and Catalog) it was planned against, so it stays valid
// however long a caller holds it. An Execution borrows from its Plan (response and field names
// point into the document text and the schema) and from the arena passed to prepare(): keep
// both alive while using it.
//
// Thread-safety: a Plan is immutable once built except for its cache of compiled projections,
// which a mutex guards; prepare() may be called from many threads at once.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sluice/graphql/arena.hpp"
#include "sluice/graphql/ast.hpp"
#include "sluice/graphql/error.hpp"
#include "sluice/graphql/parser.hpp"
#include "sluice/graphql/schema.hpp"
#include "sluice/graphql/validation.hpp"
#include "sluice/graphql/variables.hpp"
#include "sluice/json/program.hpp"
#include "sluice/json/response.hpp"
#include "sluice/plan/catalog.hpp"
#include "sluice/plan/mutation_result.hpp"

namespace sluice::plan {

struct PlanOptions {
  graphql::ParseLimits parse;
  graphql::ValidationOptions validation;
  graphql::VariableLimits variables;
  // Caps the LIMIT of every list statement (a client's `limit` above it is lowered to it, and a
  // list without `limit` gets it); 0: unlimited.
  std::int64_t max_rows = 0;
  // Filters expand into SQL text (about tenfold for small entries; values never do, they are
  // parameters): a statement longer than this is a request error. PostgreSQL's own limit of
  // 65535 parameters per statement applies too.
  std::size_t max_sql_bytes = std::size_t{1} << 20;
  // Compiled projections kept per plan, one per outcome of variable-dependent @skip/@include;
  // beyond it an outcome is compiled for each execution and not kept.
  std::size_t max_variants = 16;
};

enum class PlanStatus : std::uint8_t {
  ok,
  syntax_error,      // the document did not parse
  validation_error,  // it did not validate against the schema
  planning_error,    // no operation could be selected, or the operation is not supported yet
};

enum class RootKind : std::uint8_t {
  list,           // a list of a @view type: one row per element
  single,         // one object of a @view type or null: at most one row
  introspection,  // __schema, __type, __typename: graphql::write_introspection_data answers it
  function,       // a mutation calling a PostgreSQL function: its row, through a MutationResult
  write,          // @insert/@update/@delete: at most one row, the object as the view shows it
};

// One statement: SQL text and its text parameters ($1 is params[0]); std::nullopt is NULL.
struct Statement {
  std::string sql;
  std::vector<std::optional<std::string>> params;
  // At most this many rows (its LIMIT; 1 for a single object); std::nullopt: unbounded.
  std::optional<std::int64_t> max_rows;
};

// A root field of one execution, in response order (after @skip/@include and merging).
struct RootStep {
  RootKind kind = RootKind::introspection;
  json::RootField field;                 // names borrowed from the Plan
  std::optional<json::Program> program;  // list, single, write
  Statement statement;                   // all but introspection
  // write (@insert, @update): the object read back from the view after the write, in the same
  // transaction; its one parameter is the key the write returned. Empty for @delete, whose
  // statement returns the object as it was.
  std::optional<Statement> read_back;
  std::shared_ptr<const MutationResult> result;  // function
};

struct Execution {
  graphql::CoercedVariables variables;  // in the arena passed to prepare()
  std::vector<RootStep> roots;
  // A mutation: the roots run in order inside one transaction, all or nothing.
  bool transaction = false;
  // Request errors (variables, argument values, a null @skip/@include condition): when not
  // empty, nothing is to be executed and the response has no data.
  std::vector<graphql::Error> errors;
  bool ok() const noexcept { return errors.empty(); }
};

namespace detail {
struct Variant;
}

class Plan {
 public:
  // Parses, validates and plans `document` for `operation_name` (empty: the only operation).
  // Failures are reported by status() and errors(), never thrown.
  [[nodiscard]] static std::shared_ptr<const Plan> build(
      std::shared_ptr<const graphql::Schema> schema, std::shared_ptr<const Catalog> catalog,
      const PlanOptions& options, std::string document, std::string operation_name) noexcept;

  ~Plan();
  Plan(const Plan&) = delete;
  Plan& operator=(const Plan&) = delete;

  PlanStatus status() const noexcept { return status_; }
  bool ok() const noexcept { return status_ == PlanStatus::ok; }
  std::span<const graphql::Error> errors() const noexcept { return errors_; }

  // The texts the plan was built from; borrowed from the plan.
  std::string_view source() const noexcept { return source_; }
  std::string_view operation_name() const noexcept { return operation_name_; }
  const graphql::Schema& schema() const noexcept { return *schema_; }
  // The parsed document (nullptr after a syntax error) and the selected operation (nullptr when
  // none could be selected); both borrowed from the plan.
  const graphql::ast::Document* document() const noexcept { return document_; }
  const graphql::ast::OperationDefinition* operation() const noexcept { return operation_; }

  // Approximate memory held, for the cache's byte budget.
  std::size_t memory_bytes() const noexcept;

  // Binds one request's variables (JSON text of an object; empty or `null`: none). Precondition:
  // ok(). Values live in `arena`; see the lifetimes above.
  [[nodiscard]] Execution prepare(std::string_view variables_json,
                                  graphql::Arena& arena) const noexcept;

 private:
  Plan(std::shared_ptr<const graphql::Schema> schema, std::shared_ptr<const Catalog> catalog,
       const PlanOptions& options, std::string document, std::string operation_name);

  void plan() noexcept;
  void fail(PlanStatus status, std::vector<graphql::Error> errors) noexcept;
  std::shared_ptr<const detail::Variant> compile_variant(
      const graphql::CoercedVariables& variables) const;
  // The projections for the directive outcome `variables` select; errors when a condition is
  // null.
  std::shared_ptr<const detail::Variant> variant_for(const graphql::CoercedVariables& variables,
                                                     std::vector<graphql::Error>& errors) const;

  std::shared_ptr<const graphql::Schema> schema_;
  std::shared_ptr<const Catalog> catalog_;
  PlanOptions options_;
  std::string source_;
  std::string operation_name_;
  graphql::Arena arena_;
  const graphql::ast::Document* document_ = nullptr;
  const graphql::ast::OperationDefinition* operation_ = nullptr;
  std::unordered_map<std::string_view, const graphql::ast::FragmentDefinition*> fragments_;
  PlanStatus status_ = PlanStatus::ok;
  std::vector<graphql::Error> errors_;

  // Variables read by @skip/@include; empty: one projection, compiled at plan time.
  std::vector<std::string_view> directive_variables_;
  std::shared_ptr<const detail::Variant> fixed_variant_;
  mutable std::mutex variants_mutex_;
  // Key: one '0'/'1' per directive variable, in directive_variables_ order.
  mutable std::unordered_map<std::string, std::shared_ptr<const detail::Variant>> variants_;
};

}  // namespace sluice::plan
