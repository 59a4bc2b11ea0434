#include "mutation.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>
#include <utility>

#include "sluice/graphql/naming.hpp"
#include "sluice/json/escape.hpp"
#include "sluice/plan/mutation_result.hpp"

namespace sluice::plan {

namespace {

using graphql::CoercedValue;
using graphql::ResultKind;
using graphql::ResultRole;
using Kind = CoercedValue::Kind;

struct NamedClass {
  std::string_view name;
  StatusClass status;
};

constexpr std::array<NamedClass, 14> kStatusClasses{{
    {"success", {true, 0}},
    {"created", {true, 0}},
    {"updated", {true, 0}},
    {"deleted", {true, 0}},
    {"ok", {true, 0}},
    {"new", {true, 0}},
    {"noop", {true, 0}},
    {"failed", {false, 500}},
    {"not_found", {false, 404}},
    {"unauthorized", {false, 401}},
    {"forbidden", {false, 403}},
    {"conflict", {false, 409}},
    {"timeout", {false, 408}},
    {"validation", {false, 422}},
}};

std::string_view class_name(std::string_view status) noexcept {
  return status.substr(0, status.find(':'));
}

template <class Value>
std::string raw(Value value) {
  return simdjson::minify(value);
}

// The member of `element` named `key` as JSON text; "null" when absent.
std::string member(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element value;
  if (object[key].get(value)) return "null";
  return raw(value);
}

// The mutation_response column a role copies as it is.
std::string_view response_column(ResultRole role) noexcept {
  switch (role) {
    case ResultRole::message:
      return "message";
    case ResultRole::id:
      return "entity_id";
    case ResultRole::updated_fields:
      return "updated_fields";
    case ResultRole::cascade:
      return "cascade";
    case ResultRole::metadata:
      return "metadata";
    case ResultRole::entity:
      return "entity";
    default:
      return {};
  }
}

}  // namespace

StatusClass classify_status(std::string_view status) noexcept {
  const std::string_view name = class_name(status);
  for (const NamedClass& c : kStatusClasses) {
    if (c.name == name) return c.status;
  }
  return {false, 500};
}

MutationResult::Shaped MutationResult::shape(std::string_view row, std::string& out) const {
  out.clear();
  if (source_ == Source::entity) {
    if (row != "null") out.assign(row);
    return {&members_.front().program, true, {}, {}};
  }
  auto failure = [&](std::string message, std::string_view status, int code) {
    Shaped shaped;
    shaped.success = false;
    shaped.message = std::move(message);
    shaped.extensions = R"({"code":)";
    std::string upper(status.empty() ? "INTERNAL" : class_name(status));
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    json::append_json_string(shaped.extensions, upper);
    if (!status.empty()) {
      shaped.extensions += R"(,"status":)";
      json::append_json_string(shaped.extensions, status);
      shaped.extensions += fmt::format(R"(,"statusCode":{})", code);
    }
    shaped.extensions += '}';
    return shaped;
  };

  thread_local simdjson::dom::parser parser;
  simdjson::dom::object response;
  if (parser.parse(row.data(), row.size()).get(response)) {
    return failure(fmt::format("The function {} returned no mutation_response object.", function_),
                   {}, 0);
  }
  std::string_view status;
  if (response["status"].get(status)) {
    return failure(fmt::format("The function {} returned no status.", function_), {}, 0);
  }
  const StatusClass status_class = classify_status(status);
  std::string_view message = status;  // a message is optional
  if (response["message"].get(message) != simdjson::SUCCESS) message = status;

  const Member* chosen = nullptr;
  for (const Member& m : members_) {
    const bool success_type = m.type->result != ResultKind::error;
    if (success_type == status_class.success) chosen = &m;
  }
  if (chosen == nullptr) {
    // A success type alone (or a @view type) has no place for an error: the field fails.
    return failure(std::string(message), status, status_class.code);
  }

  if (chosen->type->view != nullptr) {
    const std::string entity = member(response, "entity");
    if (entity != "null") out = entity;
    return {&chosen->program, true, {}, {}};
  }
  out += '{';
  for (const graphql::Field& f : chosen->type->fields) {
    if (f.result_role == ResultRole::none) continue;
    if (out.size() > 1) out += ',';
    json::append_json_string(out, graphql::json_key(f));
    out += ':';
    switch (f.result_role) {
      case ResultRole::status:
        json::append_json_string(out, status);
        break;
      case ResultRole::code:
        out += std::to_string(status_class.code);
        break;
      case ResultRole::errors: {
        simdjson::dom::array errors;
        if (!response.at_pointer("/metadata/errors").get(errors)) {
          out += raw(errors);
        } else {
          out += f.type->is_non_null() ? "[]" : "null";
        }
        break;
      }
      default:
        out += member(response, response_column(f.result_role));
        break;
    }
  }
  out += '}';
  if (status_class.success) return {&chosen->program, true, {}, {}};
  Shaped error = failure(std::string(message), status, status_class.code);
  error.program = &chosen->program;  // the error type tells the client; the rest rolls back
  return error;
}

}  // namespace sluice::plan

namespace sluice::plan::detail {

namespace {

std::string located_message(const RootEntry& root, std::string_view what) {
  return fmt::format("Field \"{}.{}\" {}", root.field.parent_type, root.definition->name, what);
}

// The columns and values of an Insert or Patch argument: the JSON object passed to
// jsonb_populate_record (keys are column names) and the quoted column list. False, with an
// error, when a given field names no column of the table.
bool columns_of(const StatementContext& context, const RootEntry& root, std::string_view table,
                const CoercedValue& input, graphql::ast::Offset location, std::string& record,
                std::string& columns, std::vector<graphql::Error>& errors) {
  const bool known_table = context.catalog != nullptr && context.catalog->relations.contains(table);
  record = "{";
  for (const graphql::CoercedField& given : input.fields) {
    const graphql::Field* field = root.view_type->field(given.name);
    const std::string column =
        field != nullptr ? graphql::json_key(*field) : graphql::snake(given.name);
    if (known_table && context.catalog->column_type(table, column).empty()) {
      errors.push_back(
          {located_message(root, fmt::format("cannot set \"{}\": table \"{}\" has no column "
                                             "\"{}\".",
                                             given.name, table, column)),
           {graphql::locate(context.source, location)}});
      return false;
    }
    if (record.size() > 1) {
      record += ',';
      columns += ", ";
    }
    json::append_json_string(record, column);
    record += ':';
    graphql::append_json(given.value, record, graphql::JsonKeys::snake);
    columns += quote_identifier(column);
  }
  record += '}';
  return true;
}

}  // namespace

void compile_function(const StatementContext& context, const RootEntry& root, Statement& out) {
  const graphql::Field& field = *root.definition;
  const std::string function = quote_relation(field.target);
  std::string argument;
  graphql::ast::Offset location = 0;
  const bool single_input = field.arguments.size() == 1 &&
                            field.arguments[0].type->named->kind == graphql::TypeKind::input_object;
  if (single_input) {
    CoercedValue value;
    if (argument_value(context, root, field.arguments[0], value, location)) {
      graphql::append_json(value, argument, graphql::JsonKeys::snake);
    } else {
      argument = "null";
    }
  } else {
    argument = "{";
    for (const graphql::InputValue& arg : field.arguments) {
      CoercedValue value;
      if (!argument_value(context, root, arg, value, location)) continue;
      if (argument.size() > 1) argument += ',';
      json::append_json_string(argument, graphql::snake(arg.name));
      argument += ':';
      graphql::append_json(value, argument, graphql::JsonKeys::snake);
    }
    argument += '}';
  }
  // For a function returning a composite, r is the row; for one returning jsonb, r names the
  // value itself (a column reference wins over the table's whole row): one form serves both.
  out.sql = "SELECT to_jsonb(r)::text FROM " + function + "($1::jsonb) AS r";
  out.params.emplace_back(std::move(argument));
}

bool compile_write(const StatementContext& context, const RootEntry& root, Statement& out,
                   std::optional<Statement>& read_back, std::vector<graphql::Error>& errors) {
  const graphql::Field& field = *root.definition;
  const graphql::View& view = *root.view_type->view;
  const std::string table = quote_relation(field.target);
  const std::string key = quote_identifier(view.key);
  auto value = [&](std::string_view name, CoercedValue& v, graphql::ast::Offset& location) {
    const graphql::InputValue* arg = field.argument(name);
    return arg != nullptr && argument_value(context, root, *arg, v, location) &&
           v.kind != Kind::null;
  };
  CoercedValue id;
  CoercedValue input;
  graphql::ast::Offset location = root.node->loc;
  if (field.action != graphql::FieldAction::insert) {
    if (!value("id", id, location)) {
      errors.push_back({located_message(root, "needs the argument \"id\"."),
                        {graphql::locate(context.source, location)}});
      return false;
    }
    out.params.emplace_back(id.kind == Kind::integer ? std::to_string(id.integer)
                                                     : std::string(id.text));
  }

  if (field.action == graphql::FieldAction::remove) {
    out.sql = "WITH gone AS (DELETE FROM " + table + " WHERE " + key + " = $1 RETURNING " + key +
              ") SELECT v." + quote_identifier(view.data) + "::text FROM " +
              quote_relation(view.name) + " AS v JOIN gone ON v." + key + " = gone." + key;
    return true;
  }

  const std::string_view input_name =
      field.action == graphql::FieldAction::insert ? "input" : "patch";
  if (!value(input_name, input, location) || input.kind != Kind::object) {
    errors.push_back({located_message(root, fmt::format("needs the input object argument "
                                                        "\"{}\".",
                                                        input_name)),
                      {graphql::locate(context.source, location)}});
    return false;
  }
  std::string record;
  std::string columns;
  if (!columns_of(context, root, field.target, input, location, record, columns, errors)) {
    return false;
  }
  const std::string populated = " FROM jsonb_populate_record(NULL::" + table + ", $" +
                                std::to_string(out.params.size() + 1) + "::jsonb)";
  if (field.action == graphql::FieldAction::insert) {
    out.sql = columns.empty()
                  ? "INSERT INTO " + table + " DEFAULT VALUES RETURNING " + key + "::text"
                  : "INSERT INTO " + table + " (" + columns + ") SELECT " + columns + populated +
                        " RETURNING " + key + "::text";
  } else if (columns.empty()) {
    out.sql = "SELECT " + key + "::text FROM " + table + " WHERE " + key + " = $1";
  } else {
    out.sql = "UPDATE " + table + " SET (" + columns + ") = (SELECT " + columns + populated +
              ") WHERE " + key + " = $1 RETURNING " + key + "::text";
  }
  if (!columns.empty()) out.params.emplace_back(std::move(record));
  read_back.emplace();
  read_back->sql = "SELECT " + quote_identifier(view.data) + "::text FROM " +
                   quote_relation(view.name) + " WHERE " + key + " = $1";
  return true;
}

}  // namespace sluice::plan::detail
