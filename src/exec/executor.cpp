#include "sluice/exec/executor.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>
#include <optional>
#include <unordered_map>

#include "sluice/graphql/introspection.hpp"
#include "sluice/json/escape.hpp"
#include "sluice/pg/error.hpp"

namespace sluice::exec {
namespace {
using boost::asio::awaitable;

// The values of the introspection root fields, by response name. They are computed together by
// the graphql layer as one object; the executor writes them in selection order among the others.
std::unordered_map<std::string, std::string> introspection_values(const plan::Plan& plan,
                                                                  const plan::Execution& execution) {
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

FieldFailure failure_of(const pg::QueryError& e) {
  std::string extensions = R"({"code":"DATABASE_ERROR","sqlstate":)";
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

}  // namespace

Executor::Executor(pg::Pool& pool, ExecutorOptions options)
    : pool_(pool), options_(std::move(options)) {}

awaitable<Outcome> Executor::run(const plan::Plan& plan, const plan::Execution& execution,
                                 Sink& sink) {
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
      std::vector<pg::Param> params;
      params.reserve(root.statement.params.size());
      for (const auto& p : root.statement.params) {
        params.push_back(p ? pg::Param(*p) : pg::Param(std::nullopt));
      }
      auto rows = co_await (*connection)->stream(root.statement.sql, params);
      while (auto row = co_await rows.next()) {
        status = writer.append_row((*row)[0]);
        if (status != json::WriteStatus::ok) break;  // the rest of the query is cancelled
        // (GCC 12 miscompiles co_await in a condition whose branch leaves: await first.)
        const bool taken = co_await flush(false);
        if (!taken) co_return Outcome::peer_gone;
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
  for (const graphql::NamedType* type : schema.types()) {
    if (type->view == nullptr) continue;
    const std::string relation(type->view->name);
    if (catalog.relations.contains(relation)) continue;
    // to_regclass resolves the name as PostgreSQL would in a query (search_path, quoting).
    const std::string quoted = plan::quote_relation(relation);
    const std::array<pg::Param, 1> params{quoted};
    const auto result = co_await connection.execute(
        "SELECT a.attname, format_type(a.atttypid, NULL) "
        "FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 "
        "AND NOT a.attisdropped ORDER BY a.attnum",
        params);
    auto& columns = catalog.relations[relation];
    for (int i = 0; i < result.size(); ++i) {
      columns.emplace(std::string(result[i][0]), std::string(result[i][1]));
    }
  }
  co_return catalog;
}

}  // namespace sluice::exec
