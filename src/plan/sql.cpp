#include "sql.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <span>

#include "sluice/graphql/naming.hpp"

namespace sluice::plan::detail {

namespace {

using graphql::CoercedField;
using graphql::CoercedValue;
using graphql::NamedType;
using graphql::ScalarKind;
using graphql::TypeKind;
using graphql::TypeRef;
using Kind = CoercedValue::Kind;

constexpr std::size_t kMaxParams = 65535;  // the protocol's limit per statement

enum class SqlType : std::uint8_t { numeric, text, boolean, timestamptz, date, uuid, jsonb };

std::string_view name_of(SqlType t) noexcept {
  switch (t) {
    case SqlType::numeric:
      return "numeric";
    case SqlType::text:
      return "text";
    case SqlType::boolean:
      return "boolean";
    case SqlType::timestamptz:
      return "timestamptz";
    case SqlType::date:
      return "date";
    case SqlType::uuid:
      return "uuid";
    case SqlType::jsonb:
      return "jsonb";
  }
  return "text";
}

SqlType sql_type(const NamedType& leaf) noexcept {
  if (leaf.kind == TypeKind::enum_type) return SqlType::text;
  switch (leaf.scalar) {
    case ScalarKind::int_type:
    case ScalarKind::float_type:
    case ScalarKind::big_int:
      return SqlType::numeric;
    case ScalarKind::string:
    case ScalarKind::id:
      return SqlType::text;
    case ScalarKind::boolean:
      return SqlType::boolean;
    case ScalarKind::date_time:
      return SqlType::timestamptz;
    case ScalarKind::date:
      return SqlType::date;
    case ScalarKind::uuid:
      return SqlType::uuid;
    case ScalarKind::json:
    case ScalarKind::custom:
      return SqlType::jsonb;
  }
  return SqlType::text;
}

bool is_list(const TypeRef* type) noexcept {
  for (const TypeRef* t = type; t != nullptr; t = t->of) {
    if (t->is_list()) return true;
  }
  return false;
}

bool is_scalar(const NamedType& t, ScalarKind kind) noexcept {
  return t.kind == TypeKind::scalar && t.scalar == kind;
}

std::string field_key(const graphql::Field& f) {
  return f.key.empty() ? graphql::snake(f.name) : std::string(f.key);
}

// The parameter cast for comparing values of `leaf` with a column of information_schema type
// `column_type`, or empty when the column cannot serve (sql.hpp lists the fits).
std::string_view column_cast(const NamedType& leaf, std::string_view column_type,
                             bool equality) noexcept {
  auto one_of = [&](std::initializer_list<std::string_view> types) {
    return std::find(types.begin(), types.end(), column_type) != types.end();
  };
  if (leaf.kind == TypeKind::enum_type) {
    return one_of({"text", "character varying"}) ? "text" : "";
  }
  switch (leaf.scalar) {
    case ScalarKind::int_type:
      return one_of({"integer", "bigint", "numeric"}) ? column_type : "";
    case ScalarKind::big_int:
      return one_of({"bigint", "numeric"}) ? column_type : "";
    case ScalarKind::float_type:
      return one_of({"double precision", "numeric"}) ? column_type : "";
    case ScalarKind::string:
      return one_of({"text", "character varying"}) ? "text" : "";
    case ScalarKind::id:
      if (one_of({"text", "character varying"})) return "text";
      return equality && one_of({"uuid", "integer", "bigint"}) ? column_type : "";
    case ScalarKind::boolean:
      return column_type == "boolean" ? "boolean" : "";
    case ScalarKind::date_time:
      return column_type == "timestamp with time zone" ? "timestamptz" : "";
    case ScalarKind::date:
      return column_type == "date" ? "date" : "";
    case ScalarKind::uuid:
      return column_type == "uuid" ? "uuid" : "";
    case ScalarKind::json:
    case ScalarKind::custom:
      return column_type == "jsonb" ? "jsonb" : "";
  }
  return "";
}

template <class Int>
bool parses_as(std::string_view text) noexcept {
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

bool is_hex(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Whether PostgreSQL reads the ID `text` as a value of the column type `cast` (uuid, integer,
// bigint; strictly: the canonical spellings only, which is what ID values compare equal to).
bool valid_as(std::string_view cast, std::string_view text) noexcept {
  if (cast == "integer") return parses_as<std::int32_t>(text);
  if (cast == "bigint") return parses_as<std::int64_t>(text);
  if (cast == "uuid") {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      bool dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? text[i] != '-' : !is_hex(text[i])) return false;
    }
  }
  return true;
}

std::string text_of(const CoercedValue& v) {
  switch (v.kind) {
    case Kind::integer:
      return std::to_string(v.integer);
    case Kind::floating:
      return fmt::format("{}", v.floating);  // shortest round-trip form
    case Kind::boolean:
      return v.boolean ? "true" : "false";
    case Kind::text:
    case Kind::enum_value:
    case Kind::json:
      return std::string(v.text);
    case Kind::null:
    case Kind::list:
    case Kind::object:
      break;
  }
  return {};
}

// A PostgreSQL array literal of text elements, every element quoted.
std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

// The value with LIKE's metacharacters escaped (backslash is LIKE's default escape).
std::string like_literal(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// Joins conditions with AND or OR, dropping the operator's identity (TRUE for AND, FALSE for
// OR); no condition at all is that identity.
std::string join(const std::vector<std::string>& parts, std::string_view op,
                 std::string_view identity) {
  std::vector<const std::string*> kept;
  for (const std::string& p : parts) {
    if (p != identity) kept.push_back(&p);
  }
  if (kept.empty()) return std::string(identity);
  if (kept.size() == 1) return *kept.front();
  std::string out = "(";
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i != 0) out += op;
    out += *kept[i];
  }
  return out + ")";
}

std::string negate(const std::string& condition) {
  if (condition == "TRUE") return "FALSE";
  if (condition == "FALSE") return "TRUE";
  return "NOT coalesce(" + condition + ", false)";
}

// `json` when it is an array, else NULL (so that a JSON null or a wrongly typed value yields
// no elements instead of an error).
std::string array_or_null(const std::string& json) {
  return "CASE WHEN jsonb_typeof(" + json + ") = 'array' THEN " + json + " END";
}

enum class Role : std::uint8_t { equality, where, order_by, limit, offset, unsupported };

Role role_of(const graphql::InputValue& arg, const NamedType& view_type) noexcept {
  const NamedType& named = *arg.type->named;
  bool list = is_list(arg.type);
  if (arg.name == "where" && !list && &named == view_type.where_input) return Role::where;
  if (arg.name == "orderBy" && list && &named == view_type.order_by_input) return Role::order_by;
  if (!list && is_scalar(named, ScalarKind::int_type)) {
    if (arg.name == "limit") return Role::limit;
    if (arg.name == "offset") return Role::offset;
  }
  if (!list && named.is_leaf()) return Role::equality;
  return Role::unsupported;
}

// Where a field's value is read: its JSON path, and a real column that may serve instead.
struct Operand {
  std::string json;              // the JSON path as jsonb: "data"->'k'; empty for the key column
  std::string text;              // the JSON path as text: "data"->>'k'; empty for the key column
  std::string column;            // the quoted real column, or empty
  std::string_view column_type;  // its catalog type; empty when unknown
  bool key = false;  // the view's key column: no JSON path, so it is cast when it does not fit
};

// The parameter cast when the operand's column serves values of `leaf` (sql.hpp), else empty.
std::string_view fitting_cast(const Operand& o, const NamedType& leaf, bool equality) noexcept {
  if (o.column.empty() || o.column_type.empty()) return {};
  return column_cast(leaf, o.column_type, equality);
}

// An operand as a comparison sees it: the expression and the cast its parameters take.
struct Typed {
  std::string expr;
  std::string_view cast;
};

Typed typed(const Operand& o, const NamedType& leaf, bool equality) {
  if (std::string_view cast = fitting_cast(o, leaf, equality); !cast.empty()) {
    return {o.column, cast};
  }
  SqlType t = sql_type(leaf);
  std::string type(name_of(t));
  if (o.key)
    return {t == SqlType::jsonb ? "to_jsonb(" + o.column + ")" : o.column + "::" + type,
            name_of(t)};
  switch (t) {
    case SqlType::text:
      return {o.text, name_of(t)};
    case SqlType::jsonb:
      return {"(" + o.json + ")", name_of(t)};
    default:
      return {"(" + o.text + ")::" + type, name_of(t)};
  }
}

// What IS NULL tests: the column when it serves, else the JSON text (null for a JSON null and
// for a missing key alike).
const std::string& nullable_expr(const Operand& o, const NamedType& leaf) noexcept {
  return o.key || !fitting_cast(o, leaf, true).empty() ? o.column : o.text;
}

class Compiler {
 public:
  Compiler(const StatementContext& context, const RootEntry& root,
           std::vector<graphql::Error>& errors)
      : context_(context),
        root_(root),
        view_(*root.view_type->view),
        errors_(errors),
        errors_before_(errors.size()) {}

  bool run(Statement& out) {
    out_ = &out;
    data_ = identifier(view_.data);
    out.sql = "SELECT " + data_ + "::text FROM " + relation(view_.name);
    std::vector<std::string> conditions;
    std::vector<std::string> order;
    bool paginated = false;
    std::optional<std::int64_t> limit;
    std::optional<std::int64_t> offset;
    for (const graphql::InputValue& arg : root_.definition->arguments) {
      CoercedValue value;
      if (!value_of(arg, value)) continue;
      Role role = role_of(arg, *root_.view_type);
      if (value.kind == Kind::null && role != Role::equality) continue;  // null: not given
      switch (role) {
        case Role::where:
          path_ = {std::string(arg.name)};
          conditions.push_back(where(value, *root_.view_type, data_, true));
          break;
        case Role::order_by:
          paginated = true;
          for (std::size_t i = 0; i < value.items.size(); ++i) {
            path_ = {fmt::format("{}[{}]", arg.name, i)};
            order_entry(value.items[i], *root_.view_type, data_, true, order);
          }
          break;
        case Role::limit:
        case Role::offset:
          paginated = true;
          if (value.integer < 0) {
            fail(fmt::format("must not be negative; got {}.", value.integer));
            break;
          }
          (role == Role::limit ? limit : offset) = value.integer;
          break;
        case Role::equality:
          path_ = {std::string(arg.name)};
          conditions.push_back(equality(arg, value));
          break;
        case Role::unsupported:
          break;  // rejected at plan time (unsupported_argument)
      }
    }
    std::string condition = join(conditions, " AND ", "TRUE");
    if (condition != "TRUE") out.sql += " WHERE " + condition;
    if (!order.empty() || paginated) {
      order.push_back(identifier(view_.key));
      out.sql += " ORDER BY ";
      for (std::size_t i = 0; i < order.size(); ++i) {
        if (i != 0) out.sql += ", ";
        out.sql += order[i];
      }
    }
    if (root_.kind == RootKind::single) {
      out.sql += " LIMIT 1";
      out.max_rows = 1;
    } else {
      if (context_.max_rows > 0)
        limit = std::min(limit.value_or(context_.max_rows), context_.max_rows);
      if (limit) out.sql += " LIMIT " + param(std::to_string(*limit), "bigint");
      out.max_rows = limit;
    }
    if (offset) out.sql += " OFFSET " + param(std::to_string(*offset), "bigint");
    if (out.params.size() > kMaxParams || out.sql.size() > context_.max_sql_bytes) {
      errors_.push_back(graphql::Error{
          fmt::format("The arguments of field \"{}.{}\" compile to a statement beyond "
                      "PostgreSQL's {} parameters or the {} bytes of SQL allowed.",
                      root_.field.parent_type, root_.definition->name, kMaxParams,
                      context_.max_sql_bytes),
          {graphql::locate(context_.source, root_.node->loc)}});
    }
    if (nul_in_schema_) {
      errors_.push_back(graphql::Error{
          fmt::format("Field \"{}.{}\" reads a view, column or key whose name contains a NUL "
                      "character, which PostgreSQL cannot take.",
                      root_.field.parent_type, root_.definition->name),
          {graphql::locate(context_.source, root_.node->loc)}});
    }
    return errors_.size() == errors_before_;
  }

 private:
  bool value_of(const graphql::InputValue& arg, CoercedValue& out) {
    argument_ = arg.name;
    return argument_value(context_, root_, arg, out, location_);
  }

  void fail(std::string what) {
    errors_.push_back(
        graphql::Error{fmt::format("Argument \"{}\" of field \"{}.{}\" {}", argument_,
                                   root_.field.parent_type, root_.definition->name, what),
                       {graphql::locate(context_.source, location_)}});
  }

  std::string path() const {
    std::string out;
    for (const std::string& p : path_) {
      if (!out.empty() && p.front() != '[') out += '.';
      out += p;
    }
    return out;
  }

  std::string null_error(bool is_operator) {
    fail(fmt::format(
        "has null at \"{}\"; {}", path(),
        is_operator ? "only eq and neq accept null." : "give a condition or leave the entry out."));
    return "FALSE";
  }

  // "$n::cast", binding `value` as parameter n. PostgreSQL text cannot hold U+0000: such a
  // value is the client's error, reported with its path instead of failing in the driver.
  std::string param(std::string value, std::string_view cast) {
    if (value.find('\0') != std::string::npos) {
      fail(
          fmt::format("has a string with the character U+0000 at \"{}\", which PostgreSQL "
                      "text cannot hold.",
                      path()));
    }
    out_->params.emplace_back(std::move(value));
    return fmt::format("${}::{}", out_->params.size(), cast);
  }

  std::string identifier(std::string_view name) {
    if (name.find('\0') != std::string_view::npos) nul_in_schema_ = true;
    return quote_identifier(name);
  }

  std::string relation(std::string_view name) {
    if (name.find('\0') != std::string_view::npos) nul_in_schema_ = true;
    return quote_relation(name);
  }

  // A string literal that reads the same whatever standard_conforming_strings says.
  std::string literal(std::string_view text) {
    if (text.find('\0') != std::string_view::npos) nul_in_schema_ = true;
    bool backslash = text.find('\\') != std::string_view::npos;
    std::string out = backslash ? "E'" : "'";
    for (char c : text) {
      if (c == '\'' || (backslash && c == '\\')) out += c;
      out += c;
    }
    return out + "'";
  }

  std::string_view catalog_type(std::string_view column) const noexcept {
    return context_.catalog == nullptr ? std::string_view{}
                                       : context_.catalog->column_type(view_.name, column);
  }

  Operand json_operand(std::string_view base, std::string_view key) {
    std::string k = literal(key);
    return Operand{std::string(base) + "->" + k, std::string(base) + "->>" + k, {}, {}, false};
  }

  Operand key_operand() {
    return Operand{{}, {}, identifier(view_.key), catalog_type(view_.key), true};
  }

  // The operand of field `def` under the JSON expression `base`; `top`: a field of the view's
  // type itself, where real columns may serve (sql.hpp).
  Operand operand(const graphql::Field& def, std::string_view base, bool top) {
    std::string key = field_key(def);
    bool scalar = top && !is_list(def.type) && def.type->named->is_leaf();
    if (scalar && def.name == "id") return key_operand();
    Operand o = json_operand(base, key);
    if (scalar && key != view_.data && !catalog_type(key).empty()) {
      o.column = identifier(key);
      o.column_type = catalog_type(key);
    }
    return o;
  }

  std::string alias() { return fmt::format("_e{}", ++aliases_); }

  // ---- where

  std::string where(const CoercedValue& filter, const NamedType& type, std::string_view base,
                    bool top) {
    std::vector<std::string> parts;
    for (const CoercedField& entry : filter.fields) {
      path_.emplace_back(entry.name);
      const CoercedValue& v = entry.value;
      if (v.kind == Kind::null) {
        parts.push_back(null_error(false));
      } else if (entry.name == "AND" || entry.name == "OR") {
        bool is_and = entry.name == "AND";
        std::vector<std::string> items;
        for (std::size_t i = 0; i < v.items.size(); ++i) {
          path_.push_back(fmt::format("[{}]", i));
          items.push_back(where(v.items[i], type, base, top));
          path_.pop_back();
        }
        parts.push_back(is_and ? join(items, " AND ", "TRUE") : join(items, " OR ", "FALSE"));
      } else if (entry.name == "NOT") {
        parts.push_back(negate(where(v, type, base, top)));
      } else if (const graphql::Field* def = type.field(entry.name); def != nullptr) {
        parts.push_back(field_condition(v, *def, base, top));
      }
      path_.pop_back();
    }
    return join(parts, " AND ", "TRUE");
  }

  std::string field_condition(const CoercedValue& v, const graphql::Field& def,
                              std::string_view base, bool top) {
    const NamedType& named = *def.type->named;
    Operand o = operand(def, base, top);
    if (named.kind == TypeKind::object) {
      if (!is_list(def.type)) return where(v, named, o.json, false);
      std::string element = alias();
      std::string condition = where(v, named, element + ".v", false);
      return "EXISTS (SELECT 1 FROM jsonb_array_elements(" + array_or_null(o.json) + ") AS " +
             element + "(v)" + (condition == "TRUE" ? "" : " WHERE " + condition) + ")";
    }
    std::vector<std::string> parts;
    bool list = is_list(def.type);
    for (const CoercedField& op : v.fields) {
      path_.emplace_back(op.name);
      parts.push_back(list ? list_condition(op.name, op.value, o, named)
                           : scalar_condition(op.name, op.value, o, named));
      path_.pop_back();
    }
    return join(parts, " AND ", "TRUE");
  }

  std::string is_null(const Operand& o, const NamedType& leaf, bool null) {
    return nullable_expr(o, leaf) + (null ? " IS NULL" : " IS NOT NULL");
  }

  std::string scalar_condition(std::string_view op, const CoercedValue& v, const Operand& o,
                               const NamedType& leaf) {
    if (v.kind == Kind::null) {
      if (op == "eq" || op == "neq") return is_null(o, leaf, op == "eq");
      return null_error(true);
    }
    if (op == "isNull") return is_null(o, leaf, v.boolean);
    bool equality = op == "eq" || op == "neq" || op == "in" || op == "nin";
    Typed e = typed(o, leaf, equality);
    // IDs compared with a uuid or integer column: a value of another form equals no row.
    bool checked = is_scalar(leaf, ScalarKind::id) && e.cast != "text";
    if (op == "eq" || op == "neq") {
      std::string text = text_of(v);
      if (checked && !valid_as(e.cast, text)) return op == "eq" ? "FALSE" : "TRUE";
      return e.expr + (op == "eq" ? " = " : " IS DISTINCT FROM ") + param(std::move(text), e.cast);
    }
    if (op == "in" || op == "nin") {
      std::vector<std::string> items;
      for (const CoercedValue& item : v.items) {
        std::string text = text_of(item);
        if (!checked || valid_as(e.cast, text)) items.push_back(std::move(text));
      }
      std::string in =
          e.expr + " = ANY(" + param(array_literal(items), std::string(e.cast) + "[]") + ")";
      return op == "in" ? in : negate(in);
    }
    if (op == "gt") return e.expr + " > " + param(text_of(v), e.cast);
    if (op == "gte") return e.expr + " >= " + param(text_of(v), e.cast);
    if (op == "lt") return e.expr + " < " + param(text_of(v), e.cast);
    if (op == "lte") return e.expr + " <= " + param(text_of(v), e.cast);
    if (sql_type(leaf) == SqlType::jsonb) {
      if (op == "contains") return e.expr + " @> " + param(text_of(v), "jsonb");
      if (op == "hasKey") return e.expr + " ? " + param(text_of(v), "text");
    }
    std::string_view like = op == "icontains" || op == "ilike" ? " ILIKE " : " LIKE ";
    std::string pattern;
    if (op == "contains" || op == "icontains") pattern = "%" + like_literal(v.text) + "%";
    if (op == "startsWith") pattern = like_literal(v.text) + "%";
    if (op == "endsWith") pattern = "%" + like_literal(v.text);
    if (op == "like" || op == "ilike") pattern = std::string(v.text);
    return e.expr + std::string(like) + param(std::move(pattern), "text");
  }

  std::string list_condition(std::string_view op, const CoercedValue& v, const Operand& o,
                             const NamedType& leaf) {
    if (v.kind == Kind::null) return null_error(true);
    if (op == "isNull") return is_null(o, leaf, v.boolean);
    if (op == "isEmpty") {
      if (v.boolean) return "(" + o.json + ") = '[]'::jsonb";
      return "(jsonb_typeof(" + o.json + ") = 'array' AND (" + o.json + ") <> '[]'::jsonb)";
    }
    // contains / overlaps: the list as a typed SQL array against the given values.
    SqlType t = sql_type(leaf);
    std::string element = alias();
    std::string elements = t == SqlType::jsonb
                               ? "ARRAY(SELECT " + element + " FROM jsonb_array_elements(" +
                                     array_or_null(o.json) + ") AS " + element + ")"
                               : "ARRAY(SELECT " + element + "::" + std::string(name_of(t)) +
                                     " FROM jsonb_array_elements_text(" + array_or_null(o.json) +
                                     ") AS " + element + ")";
    std::vector<std::string> items;
    for (const CoercedValue& item : v.items) items.push_back(text_of(item));
    return elements + (op == "contains" ? " @> " : " && ") +
           param(array_literal(items), std::string(name_of(t)) + "[]");
  }

  // ---- orderBy

  void order_entry(const CoercedValue& entry, const NamedType& type, std::string_view base,
                   bool top, std::vector<std::string>& out) {
    for (const CoercedField& f : entry.fields) {
      path_.emplace_back(f.name);
      const graphql::Field* def = type.field(f.name);
      if (f.value.kind == Kind::null) {
        null_error(false);
      } else if (def != nullptr && def->type->named->is_leaf()) {
        std::string direction = std::string(f.value.text);
        std::replace(direction.begin(), direction.end(), '_', ' ');  // ASC_NULLS_FIRST
        const Typed key = typed(operand(*def, base, top), *def->type->named, false);
        // A JSON null is a value to jsonb ordering (the lowest); make it SQL NULL so that it
        // sorts where the direction's NULLS FIRST / LAST puts nulls, as for every other type.
        out.push_back((key.cast == "jsonb" ? "nullif(" + key.expr + ", 'null'::jsonb)" : key.expr) +
                      " " + direction);
      } else if (def != nullptr) {
        order_entry(f.value, *def->type->named, operand(*def, base, top).json, false, out);
      }
      path_.pop_back();
    }
  }

  // ---- own arguments

  std::string equality(const graphql::InputValue& arg, const CoercedValue& v) {
    const graphql::Field* field = root_.view_type->field(arg.name);
    if (field != nullptr && !is_list(field->type) && field->type->named->is_leaf()) {
      return scalar_condition("eq", v, operand(*field, data_, true), *field->type->named);
    }
    Operand o = arg.name == "id" ? key_operand() : json_operand(data_, graphql::snake(arg.name));
    return scalar_condition("eq", v, o, *arg.type->named);
  }

  const StatementContext& context_;
  const RootEntry& root_;
  const graphql::View& view_;
  std::vector<graphql::Error>& errors_;
  std::size_t errors_before_;
  Statement* out_ = nullptr;
  std::string data_;  // the quoted data column
  std::string_view argument_;
  graphql::ast::Offset location_ = 0;
  std::vector<std::string> path_;
  int aliases_ = 0;
  bool nul_in_schema_ = false;
};

}  // namespace

bool argument_value(const StatementContext& context, const RootEntry& root,
                    const graphql::InputValue& arg, graphql::CoercedValue& out,
                    graphql::ast::Offset& location) {
  location = root.node->loc;
  for (const graphql::ast::Argument& a : root.node->arguments) {
    if (a.name.value != arg.name) continue;
    location = a.name.loc;
    if (graphql::coerce_literal(a.value, arg.type, context.variables, context.arena, out)) {
      return true;
    }
  }
  return arg.default_value != nullptr &&
         graphql::coerce_literal(arg.default_value, arg.type, graphql::CoercedVariables{},
                                 context.arena, out);
}

bool compile_statement(const StatementContext& context, const RootEntry& root, Statement& out,
                       std::vector<graphql::Error>& errors) {
  return Compiler(context, root, errors).run(out);
}

std::string unsupported_argument(const graphql::Field& definition, const NamedType& view_type) {
  for (const graphql::InputValue& arg : definition.arguments) {
    if (role_of(arg, view_type) == Role::unsupported) {
      return fmt::format(
          "Argument \"{}\" has type \"{}\"; root field arguments that are lists "
          "or input objects are not supported yet.",
          arg.name, graphql::to_string(arg.type));
    }
  }
  return {};
}

}  // namespace sluice::plan::detail

namespace sluice::plan {

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string quote_relation(std::string_view name) {
  std::string out;
  for (std::size_t start = 0;;) {
    const std::size_t dot = name.find('.', start);
    out += quote_identifier(name.substr(start, dot - start));
    if (dot == std::string_view::npos) return out;
    out += '.';
    start = dot + 1;
  }
}

}  // namespace sluice::plan
