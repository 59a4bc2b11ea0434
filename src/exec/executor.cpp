#include "sluice/exec/executor.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

#include "sluice/graphql/introspection.hpp"
#include "sluice/json/escape.hpp"
#include "sluice/pg/error.hpp"

namespace sluice::exec {
namespace {
using boost::asio::awaitable;

// Results of at most this many rows (a LIMIT known from the request) are fetched whole: the
// memory is bounded all the same, and libpq's single-row mode costs a PGresult per row.
constexpr std::int64_t kWholeResultRows = 256;

// The values of the introspection root fields, by response name. They are computed together by
// the graphql layer as one object; the executor writes them in selection order among the others.
std::unordered_map<std::string, std::string> introspection_values(
    const plan::Plan& plan, const plan::Execution& execution) {
  std::string object;
  graphql::write_introspection_data(plan.schema(), *plan.document(), *plan.operation(),
                                    execution.variables, object);
  std::unordered_map<std::string, std::string> values;
  simdjson::dom::parser parser;
  simdjson::dom::object fields;
  if (parser.parse(object).get(fields)) return values;  // cannot happen: the layer writes JSON
  for (auto [key, value] : fields) values.emplace(std::string(key), simdjson::minify(value));
  return values;
}

// What a database failure says to the client: PostgreSQL's primary message and SQLSTATE, never
// the SQL text.
struct FieldFailure {
  std::string message;
  std::string extensions;  // a JSON object
};

// The class of a PostgreSQL error a client can act on: a unique violation is a conflict; the
// other integrity violations (foreign key, check, not null) and values PostgreSQL cannot take
// (class 22, data exceptions: a malformed uuid, a number out of range) are the input's fault.
std::string_view error_code(std::string_view sqlstate) noexcept {
  if (sqlstate == "23505") return "CONFLICT";
  if (sqlstate.starts_with("23") || sqlstate.starts_with("22")) return "VALIDATION";
  return "DATABASE_ERROR";
}

FieldFailure failure_of(const pg::QueryError& e) {
  std::string extensions = fmt::format(R"({{"code":"{}","sqlstate":)", error_code(e.sqlstate()));
  json::append_json_string(extensions, e.sqlstate());
  extensions += '}';
  return {e.message(), std::move(extensions)};
}

FieldFailure failure_of(const pg::TimeoutError& e) {
  return {e.what(), R"({"code":"DATABASE_UNAVAILABLE"})"};
}

FieldFailure failure_of(const pg::ConnectionError&) {
  return {"The database is unavailable.", R"({"code":"DATABASE_UNAVAILABLE"})"};
}

std::vector<pg::Param> params_of(const plan::Statement& statement) {
  std::vector<pg::Param> params;
  params.reserve(statement.params.size());
  for (const auto& p : statement.params) params.push_back(p ? pg::Param(*p) : pg::Param());
  return params;
}

// A mutation root field's outcome, kept until its transaction ends: nothing is sent before the
// COMMIT succeeded.
struct FieldResult {
  std::string value;                       // what `program` projects; empty: null
  const json::Program* program = nullptr;  // null when the field failed as a whole or did not run
  // Why the field did not succeed. With a program, the value is still written (an error type
  // says what went wrong); without, the field fails with it.
  std::optional<FieldFailure> failure;
};

// Runs one root field of a mutation on `connection`, inside the operation's transaction (or, a
// lone function call, as its own: then a lost connection must not run it a second time).
awaitable<void> run_mutation_field(pg::Connection& connection, const plan::RootStep& root,
                                   FieldResult& out) {
  const std::vector<pg::Param> params = params_of(root.statement);
  const pg::Result result = co_await connection.execute_once(root.statement.sql, params);
  const bool has_row = result.size() > 0 && !result[0].is_null(0);
  if (root.kind == plan::RootKind::function) {
    plan::MutationResult::Shaped shaped =
        root.result->shape(has_row ? result[0][0] : std::string_view("null"), out.value);
    out.program = shaped.program;
    if (!shaped.success) {
      out.failure = FieldFailure{std::move(shaped.message), std::move(shaped.extensions)};
    }
    co_return;
  }
  out.program = &*root.program;
  if (!has_row) co_return;  // nothing matched the key: null
  if (!root.read_back) {
    out.value = result[0][0];  // @delete returned the object as it was
    co_return;
  }
  const std::array<pg::Param, 1> key{result[0][0]};
  const pg::Result object = co_await connection.execute(root.read_back->sql, key);
  if (object.size() > 0 && !object[0].is_null(0)) out.value = object[0][0];
}

}  // namespace

Executor::Executor(pg::Pool& pool, ExecutorOptions options)
    : pool_(pool), options_(std::move(options)) {}

awaitable<Outcome> Executor::run(const plan::Plan& plan, const plan::Execution& execution,
                                 Sink& sink) {
  if (execution.transaction) co_return co_await run_transaction(plan, execution, sink);
  std::string buffer;
  buffer.reserve(options_.flush_bytes + (options_.flush_bytes >> 2));
  json::ResponseWriter writer(buffer, options_.limits);
  writer.begin_response();

  // Drains the writer when it holds a flush's worth; false when the client is gone.
  auto flush = [&](bool force) -> awaitable<bool> {
    if (writer.pending().empty() || (!force && writer.pending().size() < options_.flush_bytes)) {
      co_return true;
    }
    const bool taken = co_await sink.write(writer.pending());
    writer.drained();
    co_return taken;
  };

  std::optional<std::unordered_map<std::string, std::string>> introspection;
  std::optional<pg::PooledConnection> connection;

  for (const plan::RootStep& root : execution.roots) {
    if (writer.data_is_null()) break;
    if (root.kind == plan::RootKind::introspection) {
      if (!introspection) introspection = introspection_values(plan, execution);
      const auto it = introspection->find(std::string(root.field.response_name));
      writer.raw_field(root.field.response_name, it == introspection->end() ? "null" : it->second);
      continue;
    }

    std::optional<FieldFailure> failure;
    json::WriteStatus status = json::WriteStatus::ok;
    writer.begin_field(root.field, *root.program);
    try {
      if (!connection) connection.emplace(co_await pool_.acquire());
      const std::vector<pg::Param> params = params_of(root.statement);
      if (root.statement.max_rows && *root.statement.max_rows <= kWholeResultRows) {
        // A small bounded result comes whole: single-row mode costs a PGresult per row.
        const pg::Result result = co_await (*connection)->execute(root.statement.sql, params);
        for (int r = 0; r < result.size() && status == json::WriteStatus::ok; ++r) {
          status = writer.append_row(result[r][0]);
          if (writer.pending().size() < options_.flush_bytes) continue;
          const bool taken = co_await flush(false);
          if (!taken) co_return Outcome::peer_gone;
        }
      } else {
        auto rows = co_await (*connection)->stream(root.statement.sql, params);
        while (auto row = co_await rows.next()) {
          status = writer.append_row((*row)[0]);
          if (status != json::WriteStatus::ok) break;  // the rest of the query is cancelled
          // Checked here, not in flush(): a coroutine call per row costs a frame allocation.
          if (writer.pending().size() < options_.flush_bytes) continue;
          // (GCC 12 miscompiles co_await in a condition whose branch leaves: await first.)
          const bool taken = co_await flush(false);
          if (!taken) co_return Outcome::peer_gone;
        }
      }
    } catch (const pg::QueryError& e) {
      failure = failure_of(e);
    } catch (const pg::TimeoutError& e) {
      failure = failure_of(e);
    } catch (const pg::ConnectionError& e) {
      failure = failure_of(e);
      connection.reset();
    }
    if (failure) {
      status = writer.fail_field(failure->message, failure->extensions);
    } else if (status == json::WriteStatus::ok) {
      status = writer.end_field();
    }
    if (status == json::WriteStatus::abort) co_return Outcome::aborted;
    const bool taken = co_await flush(false);
    if (!taken) co_return Outcome::peer_gone;
  }
  writer.end_response();
  const bool taken = co_await flush(true);
  co_return taken ? Outcome::complete : Outcome::peer_gone;
}

awaitable<Outcome> Executor::run_transaction(const plan::Plan& plan,
                                             const plan::Execution& execution, Sink& sink) {
  std::vector<FieldResult> results(execution.roots.size());
  std::optional<std::size_t> failed;          // the root field that rolled everything back
  std::optional<FieldFailure> not_committed;  // BEGIN, COMMIT or the connection failed
  // The statement that commits (COMMIT, or the lone call) was in flight: if the connection is lost
  // now, nobody can tell whether the mutation was applied.
  bool committing = false;
  bool outcome_unknown = false;
  // One function call is atomic by itself (PostgreSQL's implicit transaction of a statement),
  // and an error status is the function's own answer: it needs no BEGIN and COMMIT round trips.
  const auto database_roots = std::count_if(
      execution.roots.begin(), execution.roots.end(),
      [](const plan::RootStep& r) { return r.kind != plan::RootKind::introspection; });
  const bool one_call =
      database_roots == 1 &&
      std::any_of(execution.roots.begin(), execution.roots.end(),
                  [](const plan::RootStep& r) { return r.kind == plan::RootKind::function; });
  try {
    if (database_roots > 0) {  // `mutation { __typename }` needs no database
      pg::PooledConnection connection = co_await pool_.acquire();
      if (!one_call) co_await connection->execute("BEGIN");
      for (std::size_t i = 0; i < execution.roots.size(); ++i) {
        if (execution.roots[i].kind == plan::RootKind::introspection) continue;
        FieldResult& result = results[i];
        committing = one_call;
        try {
          co_await run_mutation_field(*connection, execution.roots[i], result);
        } catch (const pg::QueryError& e) {
          result.program = nullptr;
          result.failure = failure_of(e);
        }
        if (result.failure) {
          failed = i;
          break;
        }
      }
      committing = !one_call && !failed;
      if (!one_call) co_await connection->execute(failed ? "ROLLBACK" : "COMMIT");
    }
  } catch (const pg::QueryError& e) {
    not_committed = failure_of(e);
  } catch (const pg::TimeoutError& e) {
    not_committed = failure_of(e);
  } catch (const pg::ConnectionError& e) {
    not_committed = failure_of(e);
    outcome_unknown = committing;
  }
  if (outcome_unknown) {
    not_committed->message =
        "The connection to the database was lost before the mutation's outcome arrived: it may or "
        "may not have been applied.";
  } else if (not_committed) {
    not_committed->message = "The mutation was not applied: " + not_committed->message;
  } else if (failed) {
    const FieldFailure& cause = *results[*failed].failure;
    std::string extensions = R"({"code":"ROLLED_BACK","rolledBackBy":)";
    json::append_json_string(extensions, execution.roots[*failed].field.response_name);
    extensions += R"(,"cause":)" + cause.extensions + '}';
    not_committed = FieldFailure{
        fmt::format("Not applied: \"{}\" failed ({}), so the mutation's transaction was rolled "
                    "back.",
                    execution.roots[*failed].field.response_name, cause.message),
        std::move(extensions)};
  }

  // The response, whole: mutation results are a few objects, and every byte of it had to wait
  // for the transaction's end.
  std::string buffer;
  json::ResponseWriter writer(buffer, options_.limits);
  writer.begin_response();
  std::optional<std::unordered_map<std::string, std::string>> introspection;
  for (std::size_t i = 0; i < execution.roots.size() && !writer.data_is_null(); ++i) {
    const plan::RootStep& root = execution.roots[i];
    const FieldResult& result = results[i];
    if (root.kind == plan::RootKind::introspection) {
      if (!introspection) introspection = introspection_values(plan, execution);
      const auto it = introspection->find(std::string(root.field.response_name));
      writer.raw_field(root.field.response_name, it == introspection->end() ? "null" : it->second);
      continue;
    }
    // The field that failed tells why (its error or its error-typed result); every other one
    // was rolled back with it.
    const FieldFailure* failure =
        result.failure && result.program == nullptr ? &*result.failure : nullptr;
    if (failure == nullptr && not_committed && failed != i) failure = &*not_committed;
    if (failure != nullptr) {
      (void)writer.fail_field(root.field, failure->message, failure->extensions);
      continue;
    }
    writer.begin_field(root.field, *result.program);
    json::WriteStatus status = json::WriteStatus::ok;
    if (!result.value.empty()) status = writer.append_row(result.value);
    if (status == json::WriteStatus::ok) (void)writer.end_field();
  }
  writer.end_response();
  const bool taken = co_await sink.write(writer.pending());
  writer.drained();
  co_return taken ? Outcome::complete : Outcome::peer_gone;
}

std::string errors_response(std::span<const graphql::Error> errors) {
  std::string out = R"({"errors":[)";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) out += ',';
    out += R"({"message":)";
    json::append_json_string(out, errors[i].message);
    if (!errors[i].locations.empty()) {
      out += R"(,"locations":[)";
      for (std::size_t l = 0; l < errors[i].locations.size(); ++l) {
        if (l > 0) out += ',';
        fmt::format_to(std::back_inserter(out), R"({{"line":{},"column":{}}})",
                       errors[i].locations[l].line, errors[i].locations[l].column);
      }
      out += ']';
    }
    out += '}';
  }
  out += "]}";
  return out;
}

std::string error_response(std::string_view message) {
  return errors_response(std::vector<graphql::Error>{{std::string(message), {}}});
}

awaitable<plan::Catalog> load_catalog(pg::Connection& connection, const graphql::Schema& schema) {
  plan::Catalog catalog;
  // The relations read: every @view's, and the tables of generated writes (which must exist).
  std::vector<std::pair<std::string, const graphql::Field*>> relations;
  for (const graphql::NamedType* type : schema.types()) {
    if (type->view != nullptr) relations.emplace_back(type->view->name, nullptr);
  }
  const graphql::NamedType* mutation = schema.mutation_type();
  for (const graphql::Field& f : mutation ? mutation->fields : std::span<const graphql::Field>{}) {
    if (f.action == graphql::FieldAction::insert || f.action == graphql::FieldAction::update ||
        f.action == graphql::FieldAction::remove) {
      relations.emplace_back(f.target, &f);
    }
  }
  for (const auto& [relation, writer] : relations) {
    if (catalog.relations.contains(relation)) continue;
    // to_regclass resolves the name as PostgreSQL would in a query (search_path, quoting).
    const std::string quoted = plan::quote_relation(relation);
    const std::array<pg::Param, 1> params{quoted};
    const auto result = co_await connection.execute(
        "SELECT a.attname, format_type(a.atttypid, NULL) "
        "FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 "
        "AND NOT a.attisdropped ORDER BY a.attnum",
        params);
    if (result.size() == 0 && writer != nullptr) {
      catalog.missing.push_back(
          fmt::format("{}.{} writes to the table \"{}\", which the database "
                      "does not have.",
                      mutation->name, writer->name, relation));
    }
    auto& columns = catalog.relations[relation];
    for (int i = 0; i < result.size(); ++i) {
      columns.emplace(std::string(result[i][0]), std::string(result[i][1]));
    }
  }
  // Mutation functions take one jsonb; their return type says how to read their row.
  for (const graphql::Field& f : mutation ? mutation->fields : std::span<const graphql::Field>{}) {
    if (f.action != graphql::FieldAction::function) continue;
    const std::string signature = plan::quote_relation(f.target) + "(jsonb)";
    const std::array<pg::Param, 1> params{signature};
    const auto result = co_await connection.execute(
        "SELECT format_type(p.prorettype, NULL) FROM pg_proc p "
        "WHERE p.oid = to_regprocedure($1)",
        params);
    if (result.size() == 0) {
      catalog.missing.push_back(
          fmt::format("{}.{} calls the function {}(jsonb), which the "
                      "database does not have.",
                      mutation->name, f.name, f.target));
      continue;
    }
    catalog.functions.emplace(std::string(f.target), std::string(result[0][0]));
  }
  co_return catalog;
}

}  // namespace sluice::exec
