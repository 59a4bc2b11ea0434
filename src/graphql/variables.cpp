#include "sluice/graphql/variables.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <cmath>
#include <limits>
#include <string>

#include "sluice/graphql/naming.hpp"
#include "sluice/json/escape.hpp"
#include "values.hpp"

namespace sluice::graphql {

const CoercedValue* CoercedVariables::find(std::string_view name) const noexcept {
  for (const CoercedVariable& v : values) {
    if (v.name == name) return &v.value;
  }
  return nullptr;
}

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using Kind = CoercedValue::Kind;

CoercedValue text_value(Arena& arena, std::string_view text, Kind kind = Kind::text) {
  CoercedValue v;
  v.kind = kind;
  v.text = arena.copy(text);
  return v;
}

// ---- literals (graphql-js valueFromAST); the document is validated, so only absent variables
// make a value absent.

bool from_literal(const ast::Value* literal, const TypeRef* type, const CoercedVariables& vars,
                  Arena& arena, CoercedValue& out);

bool json_from_literal(const ast::Value* literal, const CoercedVariables& vars, std::string& out) {
  switch (literal->kind) {
    case ast::ValueKind::variable: {
      const CoercedValue* v = vars.find(literal->text);
      if (v == nullptr) return false;
      append_json(*v, out);
      return true;
    }
    case ast::ValueKind::int_value:
    case ast::ValueKind::float_value:
      out += literal->text;
      return true;
    case ast::ValueKind::string:
    case ast::ValueKind::enum_value:
      json::append_json_string(out, literal->text);
      return true;
    case ast::ValueKind::boolean:
      out += literal->boolean ? "true" : "false";
      return true;
    case ast::ValueKind::null:
      out += "null";
      return true;
    case ast::ValueKind::list:
      out += '[';
      for (std::size_t i = 0; i < literal->items.size(); ++i) {
        if (i != 0) out += ',';
        if (!json_from_literal(literal->items[i], vars, out)) out += "null";
      }
      out += ']';
      return true;
    case ast::ValueKind::object: {
      out += '{';
      bool first = true;
      for (const ast::ObjectField& f : literal->fields) {
        std::string value;
        if (!json_from_literal(f.value, vars, value)) continue;
        if (!first) out += ',';
        first = false;
        json::append_json_string(out, f.name.value);
        out += ':';
        out += value;
      }
      out += '}';
      return true;
    }
  }
  return false;
}

bool scalar_from_literal(const ast::Value* literal, const NamedType* type,
                         const CoercedVariables& vars, Arena& arena, CoercedValue& out) {
  switch (type->scalar) {
    case ScalarKind::int_type: {
      std::int32_t value = 0;
      if (!detail::parse_int32(literal->text, value)) return false;
      out.kind = Kind::integer;
      out.integer = value;
      return true;
    }
    case ScalarKind::big_int: {
      std::int64_t value = 0;
      if (!detail::parse_int64(literal->text, value)) return false;
      out.kind = Kind::integer;
      out.integer = value;
      return true;
    }
    case ScalarKind::float_type:
      out.kind = Kind::floating;
      out.floating = std::strtod(std::string(literal->text).c_str(), nullptr);
      return true;
    case ScalarKind::boolean:
      out.kind = Kind::boolean;
      out.boolean = literal->boolean;
      return true;
    case ScalarKind::string:
    case ScalarKind::id:
    case ScalarKind::date_time:
    case ScalarKind::date:
    case ScalarKind::uuid:
      out = text_value(arena, literal->text);
      return true;
    case ScalarKind::json:
    case ScalarKind::custom: {
      std::string json;
      if (!json_from_literal(literal, vars, json)) return false;
      out = text_value(arena, json, Kind::json);
      return true;
    }
  }
  return false;
}

bool missing_variable(const ast::Value* literal, const CoercedVariables& vars) {
  return literal->kind == ast::ValueKind::variable && vars.find(literal->text) == nullptr;
}

bool from_literal(const ast::Value* literal, const TypeRef* type, const CoercedVariables& vars,
                  Arena& arena, CoercedValue& out) {
  if (literal->kind == ast::ValueKind::variable) {
    const CoercedValue* v = vars.find(literal->text);
    if (v == nullptr) return false;
    out = *v;
    return true;
  }
  if (type->is_non_null()) {
    return literal->kind != ast::ValueKind::null &&
           from_literal(literal, type->of, vars, arena, out);
  }
  if (literal->kind == ast::ValueKind::null) {
    out = CoercedValue{};
    return true;
  }
  if (type->is_list()) {
    std::vector<CoercedValue> items;
    if (literal->kind == ast::ValueKind::list) {
      for (const ast::Value* item : literal->items) {
        CoercedValue v;
        if (missing_variable(item, vars)) {
          if (type->of->is_non_null()) return false;
        } else if (!from_literal(item, type->of, vars, arena, v)) {
          return false;
        }
        items.push_back(v);
      }
    } else {
      CoercedValue v;
      if (!from_literal(literal, type->of, vars, arena, v)) return false;
      items.push_back(v);
    }
    out = CoercedValue{};
    out.kind = Kind::list;
    out.items = arena.copy(std::span<const CoercedValue>(items));
    return true;
  }
  const NamedType* named = type->named;
  if (named->kind == TypeKind::input_object) {
    std::vector<CoercedField> fields;
    for (const InputValue& field : named->input_fields) {
      const ast::Value* given = nullptr;
      for (const ast::ObjectField& f : literal->fields) {
        if (f.name.value == field.name) given = f.value;  // the last one wins
      }
      CoercedValue v;
      if (given == nullptr || missing_variable(given, vars)) {
        if (field.default_value == nullptr) continue;
        if (!from_literal(field.default_value, field.type, vars, arena, v)) return false;
      } else if (!from_literal(given, field.type, vars, arena, v)) {
        return false;
      }
      fields.push_back(CoercedField{field.name, v});
    }
    out = CoercedValue{};
    out.kind = Kind::object;
    out.fields = arena.copy(std::span<const CoercedField>(fields));
    return true;
  }
  if (named->kind == TypeKind::enum_type) {
    out = text_value(arena, literal->text, Kind::enum_value);
    return true;
  }
  out = CoercedValue{};
  return scalar_from_literal(literal, named, vars, arena, out);
}

// ---- JSON input (graphql-js coerceInputValue)

class JsonCoercer {
 public:
  JsonCoercer(Arena& arena, const VariableLimits& limits, std::string_view variable,
              std::vector<std::string>& messages)
      : arena_(arena), limits_(limits), variable_(variable), messages_(messages) {}

  bool coerce(element value, const TypeRef* type, CoercedValue& out) {
    if (path_.size() > limits_.max_depth) {
      fail(value, fmt::format("Nested more than {} levels deep.", limits_.max_depth));
      return false;
    }
    if (type->is_non_null()) {
      if (value.is_null()) {
        fail(value,
             fmt::format("Expected non-nullable type \"{}\" not to be null.", to_string(type)));
        return false;
      }
      return coerce(value, type->of, out);
    }
    out = CoercedValue{};
    if (value.is_null()) return true;
    if (type->is_list()) {
      std::vector<CoercedValue> items;
      bool ok = true;
      if (value.type() == element_type::ARRAY) {
        std::size_t index = 0;
        for (element item : value.get_array()) {
          path_.push_back(fmt::format("[{}]", index++));
          CoercedValue v;
          ok = coerce(item, type->of, v) && ok;
          items.push_back(v);
          path_.pop_back();
        }
      } else {
        CoercedValue v;
        ok = coerce(value, type->of, v);
        items.push_back(v);
      }
      out.kind = Kind::list;
      out.items = arena_.copy(std::span<const CoercedValue>(items));
      return ok;
    }
    const NamedType* named = type->named;
    if (named->kind == TypeKind::input_object) return coerce_object(value, named, out);
    if (named->kind == TypeKind::enum_type) {
      std::string_view text;
      if (value.get_string().get(text) != simdjson::SUCCESS) {
        std::string shown = inspect(value);
        fail(value, fmt::format("Enum \"{}\" cannot represent non-string value: {}.{}", named->name,
                                shown, detail::did_you_mean_enum_value(*named, shown)));
        return false;
      }
      if (named->value(text) == nullptr) {
        fail(value, fmt::format("Value \"{}\" does not exist in \"{}\" enum.{}", text, named->name,
                                detail::did_you_mean_enum_value(*named, text)));
        return false;
      }
      out = text_value(arena_, text, Kind::enum_value);
      return true;
    }
    return coerce_scalar(value, named, out);
  }

 private:
  bool coerce_object(element value, const NamedType* type, CoercedValue& out) {
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) {
      fail(value, fmt::format("Expected type \"{}\" to be an object.", type->name));
      return false;
    }
    bool ok = true;
    std::vector<CoercedField> fields;
    for (const InputValue& field : type->input_fields) {
      element given;
      bool present = false;
      for (auto [key, member] : object) {
        if (key == field.name) {
          given = member;  // the last one wins, as with JSON.parse
          present = true;
        }
      }
      CoercedValue v;
      if (!present) {
        if (field.default_value != nullptr) {
          if (from_literal(field.default_value, field.type, CoercedVariables{}, arena_, v)) {
            fields.push_back(CoercedField{field.name, v});
          }
        } else if (field.type->is_non_null()) {
          fail(value, fmt::format("Field \"{}\" of required type \"{}\" was not provided.",
                                  field.name, to_string(field.type)));
          ok = false;
        }
        continue;
      }
      path_.push_back(fmt::format(".{}", field.name));
      ok = coerce(given, field.type, v) && ok;
      path_.pop_back();
      fields.push_back(CoercedField{field.name, v});
    }
    for (auto [key, member] : object) {
      if (type->input_field(key) == nullptr) {
        std::vector<std::string_view> names;
        for (const InputValue& f : type->input_fields) names.push_back(f.name);
        fail(value, fmt::format("Field \"{}\" is not defined by type \"{}\".{}", key, type->name,
                                detail::did_you_mean(detail::suggestion_list(key, names))));
        ok = false;
      }
    }
    if (type->one_of) {
      // Judged on the coerced fields, as graphql-js does: exactly one, and not null.
      if (fields.size() != 1) {
        fail(value,
             fmt::format("Exactly one key must be specified for OneOf type \"{}\".", type->name));
        ok = false;
      }
      if (!fields.empty() && fields.front().value.kind == Kind::null) {
        path_.push_back(fmt::format(".{}", fields.front().name));
        fail_null(fmt::format("Field \"{}\" must be non-null.", fields.front().name));
        path_.pop_back();
        ok = false;
      }
    }
    out.kind = Kind::object;
    out.fields = arena_.copy(std::span<const CoercedField>(fields));
    return ok;
  }

  // An integer-valued JSON number, as JavaScript's Number.isInteger sees it.
  static bool integer_of(element value, std::int64_t& out) {
    if (value.get_int64().get(out) == simdjson::SUCCESS) return true;
    double d = 0;
    if (value.type() == element_type::DOUBLE && value.get_double().get(d) == simdjson::SUCCESS &&
        std::isfinite(d) && std::trunc(d) == d && std::abs(d) < 9.2e18) {
      out = static_cast<std::int64_t>(d);
      return true;
    }
    return false;
  }

  static bool is_number(element value) {
    auto t = value.type();
    return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
  }

  bool coerce_scalar(element value, const NamedType* type, CoercedValue& out) {
    const std::string shown = inspect(value);
    std::string_view text;
    bool is_text = value.get_string().get(text) == simdjson::SUCCESS;
    std::int64_t integer = 0;
    switch (type->scalar) {
      case ScalarKind::int_type:
        if (!integer_of(value, integer)) {
          return fail(value, fmt::format("Int cannot represent non-integer value: {}", shown));
        }
        if (integer < std::numeric_limits<std::int32_t>::min() ||
            integer > std::numeric_limits<std::int32_t>::max()) {
          return fail(value, fmt::format("Int cannot represent non 32-bit signed integer value: {}",
                                         shown));
        }
        out.kind = Kind::integer;
        out.integer = integer;
        return true;
      case ScalarKind::big_int:
        if (is_text ? !detail::parse_int64(text, integer) : !integer_of(value, integer)) {
          return fail(
              value,
              fmt::format("BigInt cannot represent non 64-bit signed integer value: {}", shown));
        }
        out.kind = Kind::integer;
        out.integer = integer;
        return true;
      case ScalarKind::float_type: {
        double d = 0;
        if (!is_number(value) || value.get_double().get(d) != simdjson::SUCCESS ||
            !std::isfinite(d)) {
          return fail(value, fmt::format("Float cannot represent non numeric value: {}", shown));
        }
        out.kind = Kind::floating;
        out.floating = d;
        return true;
      }
      case ScalarKind::boolean: {
        bool b = false;
        if (value.get_bool().get(b) != simdjson::SUCCESS) {
          return fail(value,
                      fmt::format("Boolean cannot represent a non boolean value: {}", shown));
        }
        out.kind = Kind::boolean;
        out.boolean = b;
        return true;
      }
      case ScalarKind::string:
        if (!is_text) {
          return fail(value, fmt::format("String cannot represent a non string value: {}", shown));
        }
        out = text_value(arena_, text);
        return true;
      case ScalarKind::id:
        if (is_text) {
          out = text_value(arena_, text);
          return true;
        }
        if (integer_of(value, integer)) {
          out = text_value(arena_, std::to_string(integer));
          return true;
        }
        return fail(value, fmt::format("ID cannot represent value: {}", shown));
      case ScalarKind::date_time:
      case ScalarKind::date:
      case ScalarKind::uuid: {
        if (!is_text) {
          return fail(value,
                      fmt::format("{} cannot represent a non string value: {}", type->name, shown));
        }
        bool ok = type->scalar == ScalarKind::date_time ? detail::is_date_time(text)
                  : type->scalar == ScalarKind::date    ? detail::is_date(text)
                                                        : detail::is_uuid(text);
        if (!ok) {
          return fail(value, fmt::format("{} cannot represent an invalid {} string: {}", type->name,
                                         type->scalar == ScalarKind::date_time ? "date-time"
                                         : type->scalar == ScalarKind::date    ? "date"
                                                                               : "UUID",
                                         shown));
        }
        out = text_value(arena_, text);
        return true;
      }
      case ScalarKind::json:
      case ScalarKind::custom:
        out = text_value(arena_, simdjson::minify(value), Kind::json);
        return true;
    }
    return false;
  }

  // graphql-js's inspect() of a JSON value, as used in its messages.
  static std::string inspect(element value, int depth = 0) {
    switch (value.type()) {
      case element_type::STRING: {
        std::string out;
        json::append_json_string(out, std::string_view(value.get_string().value_unsafe()));
        return out;
      }
      case element_type::INT64:
        return std::to_string(value.get_int64().value_unsafe());
      case element_type::UINT64:
        return std::to_string(value.get_uint64().value_unsafe());
      case element_type::DOUBLE:
        return detail::js_number(value.get_double().value_unsafe());
      case element_type::BOOL:
        return value.get_bool().value_unsafe() ? "true" : "false";
      case element_type::NULL_VALUE:
        return "null";
      case element_type::ARRAY: {
        auto array = value.get_array().value_unsafe();
        if (array.size() == 0) return "[]";
        if (depth >= 2) return "[Array]";
        std::string out = "[";
        std::size_t n = 0;
        for (element item : array) {
          if (n == 10) {
            out += fmt::format(", ... {} more item{}", array.size() - 10,
                               array.size() == 11 ? "" : "s");
            break;
          }
          out += (n++ == 0 ? "" : ", ") + inspect(item, depth + 1);
        }
        return out + "]";
      }
      case element_type::OBJECT: {
        auto object = value.get_object().value_unsafe();
        if (object.size() == 0) return "{}";
        if (depth >= 2) return "[Object]";
        std::string out = "{ ";
        bool first = true;
        for (auto [key, member] : object) {
          out += (first ? "" : ", ") + std::string(key) + ": " + inspect(member, depth + 1);
          first = false;
        }
        return out + " }";
      }
    }
    return "";
  }

  bool fail(element invalid, std::string message) {
    return fail_shown(inspect(invalid), std::move(message));
  }
  bool fail_null(std::string message) { return fail_shown("null", std::move(message)); }

  bool fail_shown(const std::string& shown, std::string message) {
    std::string path;
    for (const std::string& p : path_) path += p;
    messages_.push_back(
        fmt::format("Variable \"${}\" got invalid value {}{}; {}", variable_, shown,
                    path.empty() ? "" : fmt::format(" at \"{}{}\"", variable_, path), message));
    return false;
  }

  Arena& arena_;
  const VariableLimits& limits_;
  std::string_view variable_;
  std::vector<std::string>& messages_;
  std::vector<std::string> path_;
};

const TypeRef* type_from_ast(const Schema& schema, const ast::Type* t, Arena& arena) {
  switch (t->kind) {
    case ast::TypeKind::named: {
      const NamedType* named = schema.type(t->name.value);
      return named == nullptr ? nullptr
                              : arena.make<TypeRef>(TypeRef{TypeRef::Kind::named, named, nullptr});
    }
    case ast::TypeKind::list:
    case ast::TypeKind::non_null: {
      const TypeRef* inner = type_from_ast(schema, t->of, arena);
      if (inner == nullptr) return nullptr;
      auto kind = t->kind == ast::TypeKind::list ? TypeRef::Kind::list : TypeRef::Kind::non_null;
      return arena.make<TypeRef>(TypeRef{kind, inner->named, inner});
    }
  }
  return nullptr;
}

}  // namespace

void append_json(const CoercedValue& v, std::string& out, JsonKeys keys) {
  switch (v.kind) {
    case Kind::null:
      out += "null";
      return;
    case Kind::boolean:
      out += v.boolean ? "true" : "false";
      return;
    case Kind::integer:
      out += std::to_string(v.integer);
      return;
    case Kind::floating:
      out += detail::js_number(v.floating);
      return;
    case Kind::text:
    case Kind::enum_value:
      json::append_json_string(out, v.text);
      return;
    case Kind::json:
      out += v.text;  // a JSON value is never renamed
      return;
    case Kind::list:
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i != 0) out += ',';
        append_json(v.items[i], out, keys);
      }
      out += ']';
      return;
    case Kind::object:
      out += '{';
      for (std::size_t i = 0; i < v.fields.size(); ++i) {
        if (i != 0) out += ',';
        if (keys == JsonKeys::snake) {
          json::append_json_string(out, snake(v.fields[i].name));
        } else {
          json::append_json_string(out, v.fields[i].name);
        }
        out += ':';
        append_json(v.fields[i].value, out, keys);
      }
      out += '}';
      return;
  }
}

bool coerce_literal(const ast::Value* literal, const TypeRef* type,
                    const CoercedVariables& variables, Arena& arena, CoercedValue& out) {
  return from_literal(literal, type, variables, arena, out);
}

VariablesResult coerce_variables(const Schema& schema, const ast::Document& document,
                                 const ast::OperationDefinition& operation,
                                 std::string_view variables_json, Arena& arena,
                                 const VariableLimits& limits) {
  VariablesResult result;
  auto error_at = [&](ast::Offset loc, std::string message) {
    result.errors.push_back(Error{std::move(message), {locate(document.source, loc)}});
  };
  if (variables_json.size() > limits.max_bytes) {
    result.errors.push_back(
        Error{fmt::format("Variables are larger than {} bytes.", limits.max_bytes), {}});
    return result;
  }
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object inputs;
  bool has_inputs = false;
  std::string_view trimmed = variables_json;
  while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\n' ||
                              trimmed.front() == '\r' || trimmed.front() == '\t')) {
    trimmed.remove_prefix(1);
  }
  if (!trimmed.empty()) {
    element root;
    if (parser.parse(variables_json.data(), variables_json.size(), true).get(root) !=
        simdjson::SUCCESS) {
      result.errors.push_back(Error{"Variables are not valid JSON.", {}});
      return result;
    }
    if (root.get_object().get(inputs) == simdjson::SUCCESS) {
      has_inputs = true;
    } else if (!root.is_null()) {
      result.errors.push_back(Error{"Variables must be a JSON object.", {}});
      return result;
    }
  }

  std::vector<CoercedVariable> values;
  for (const ast::VariableDefinition& def : operation.variables) {
    const TypeRef* type = type_from_ast(schema, def.type, arena);
    if (type == nullptr) continue;  // validation reports unknown types
    element given;
    bool present = false;
    if (has_inputs) {
      for (auto [key, member] : inputs) {
        if (key == def.name.value) {
          given = member;
          present = true;
        }
      }
    }
    if (!present) {
      if (def.default_value != nullptr) {
        CoercedValue v;
        if (from_literal(def.default_value, type, CoercedVariables{}, arena, v)) {
          values.push_back(CoercedVariable{def.name.value, v});
        }
      } else if (type->is_non_null()) {
        error_at(def.loc, fmt::format("Variable \"${}\" of required type \"{}\" was not provided.",
                                      def.name.value, to_string(type)));
      }
      continue;
    }
    if (given.is_null() && type->is_non_null()) {
      error_at(def.loc, fmt::format("Variable \"${}\" of non-null type \"{}\" must not be null.",
                                    def.name.value, to_string(type)));
      continue;
    }
    std::vector<std::string> messages;
    JsonCoercer coercer(arena, limits, def.name.value, messages);
    CoercedValue v;
    if (coercer.coerce(given, type, v)) {
      values.push_back(CoercedVariable{def.name.value, v});
    }
    for (std::string& m : messages) error_at(def.loc, std::move(m));
  }
  result.variables.values = arena.copy(std::span<const CoercedVariable>(values));
  return result;
}

}  // namespace sluice::graphql
