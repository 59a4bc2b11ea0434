#pragma once
// Input coercion (spec 6.1.2 CoerceVariableValues, 3.5 scalar rules, 3.10 input objects): the
// request's `variables` JSON is checked against an operation's variable definitions and turned
// into CoercedValues, the form the plan layer binds into SQL parameters. Argument literals of the
// document coerce into the same form. Errors name the variable and the path inside it, in
// graphql-js's wording.
//
// Lifetimes: values live in the caller's Arena (their text points into the arena, never into
// the JSON text) until it is reset; variable names point into the document's source and field
// names into the schema.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/graphql/arena.hpp"
#include "sluice/graphql/ast.hpp"
#include "sluice/graphql/error.hpp"
#include "sluice/graphql/schema.hpp"

namespace sluice::graphql {

struct CoercedField;

// A coerced input value. Scalars keep the form their SQL parameter needs: Int and BigInt as
// integers, Float as a double, String/ID/DateTime/Date/UUID and enum values as text (an ID given
// as a number becomes its decimal text), JSON and custom scalars as JSON text.
struct CoercedValue {
  enum class Kind : std::uint8_t {
    null,
    boolean,
    integer,
    floating,
    text,
    enum_value,
    json,
    list,
    object
  };
  Kind kind = Kind::null;
  bool boolean = false;
  std::int64_t integer = 0;
  double floating = 0;
  std::string_view text;                 // text, enum_value, json (compact JSON text)
  std::span<const CoercedValue> items;   // list
  std::span<const CoercedField> fields;  // object: given or defaulted fields, in schema order
};

struct CoercedField {
  std::string_view name;
  CoercedValue value;
};

struct CoercedVariable {
  std::string_view name;
  CoercedValue value;
};

// The variables of one operation. A variable that was neither given nor has a default is absent
// (which is not the same as null: an absent argument takes its own default).
struct CoercedVariables {
  std::span<const CoercedVariable> values;
  const CoercedValue* find(std::string_view name) const noexcept;
};

struct VariableLimits {
  std::size_t max_bytes = 1 << 20;  // of the variables JSON text
  std::size_t max_depth = 64;       // nesting of lists and objects
};

struct VariablesResult {
  CoercedVariables variables;
  std::vector<Error> errors;  // located at the variable's definition, as graphql-js does
  bool ok() const noexcept { return errors.empty(); }
};

// Coerces the JSON text of `variables` (an object; empty text or `null` means none given) for
// `operation`, which must have passed validation against `schema`.
[[nodiscard]] VariablesResult coerce_variables(const Schema& schema, const ast::Document& document,
                                               const ast::OperationDefinition& operation,
                                               std::string_view variables_json, Arena& arena,
                                               const VariableLimits& limits = {});

// The value of an argument or input literal of a validated document (spec 5.6 / graphql-js
// valueFromAST): variables are substituted, a single value given for a list becomes a one-item
// list, absent input fields take their defaults. Returns false when the value is absent (an
// absent variable with no default), which means "use the argument's default".
[[nodiscard]] bool coerce_literal(const ast::Value* literal, const TypeRef* type,
                                  const CoercedVariables& variables, Arena& arena,
                                  CoercedValue& out);

// A coerced value as JSON text. Input object keys are the GraphQL names, or with
// JsonKeys::snake their snake() (how mutation inputs reach PostgreSQL); the contents of JSON
// values are written as given either way.
enum class JsonKeys : std::uint8_t { as_is, snake };
void append_json(const CoercedValue& v, std::string& out, JsonKeys keys = JsonKeys::as_is);

}  // namespace sluice::graphql
