#pragma once
// Input values shared by the schema builder, validation, variable coercion, the printer and
// introspection: literal checking against a type (spec 5.6.1), the scalar rules, and printing
// values the way graphql-js prints them.

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sluice/graphql/ast.hpp"
#include "sluice/graphql/schema.hpp"

namespace sluice::graphql::detail {

// Receives each problem found in a literal, with the offset of the node it is about. A
// non-owning reference to a callable: it must outlive the call it is passed to (a lambda written
// in the call's arguments does).
class ValueReporter {
 public:
  template <class F>
  ValueReporter(F&& f) noexcept  // NOLINT: implicit, so that lambdas can be passed directly
      : object_(static_cast<void*>(&f)),
        call_([](void* object, std::string message, ast::Offset loc) {
          (*static_cast<std::remove_reference_t<F>*>(object))(std::move(message), loc);
        }) {}
  void operator()(std::string message, ast::Offset loc) const {
    call_(object_, std::move(message), loc);
  }

 private:
  void* object_;
  void (*call_)(void*, std::string, ast::Offset);
};

// Checks a literal against the type expected at its position, reporting every problem as
// graphql-js's ValuesOfCorrectTypeRule does. Variables inside are not checked here.
void check_literal(const ast::Value* value, const TypeRef* type, const ValueReporter& report);

// The literal as graphql-js prints it: `{a: [1, 2], b: "x"}`.
void print_literal(const ast::Value* value, std::string& out);
std::string print_literal(const ast::Value* value);

// A valid constant literal of `type` in graphql-js's canonical form (its coerced value printed
// back: a single value for a list type becomes a one-item list, input object fields follow the
// type's order with defaults filled in, Float 1.0 prints as 1, ...). This is how default values
// appear in the printed schema and in introspection.
void print_canonical(const ast::Value* value, const TypeRef* type, std::string& out);

// A GraphQL string literal for `value`, escaped as graphql-js escapes it.
void print_string(std::string_view value, std::string& out);
// A block string for `value` (graphql-js printBlockString), and whether one can represent it.
void print_block_string(std::string_view value, std::string& out);
bool printable_as_block_string(std::string_view value);

// graphql-js's "Did you mean" suggestions: the options within a lexical distance of `input`
// (Damerau-Levenshtein, case changes cost 1), closest first, then in natural order.
std::vector<std::string> suggestion_list(std::string_view input,
                                         const std::vector<std::string_view>& options);
// " Did you mean "a", "b", or "c"?" for up to five suggestions; empty without any. `what` goes
// before the names ("the enum value", "to use an inline fragment on").
std::string did_you_mean(const std::vector<std::string>& suggestions, std::string_view what = {});
// did_you_mean over the names of an enum type's values.
std::string did_you_mean_enum_value(const NamedType& type, std::string_view input);

// A double formatted as JavaScript's Number.prototype.toString formats it.
std::string js_number(double value);

// Scalar rules shared by literals and variables.
bool parse_int32(std::string_view digits, std::int32_t& out) noexcept;
bool parse_int64(std::string_view digits, std::int64_t& out) noexcept;
bool is_date_time(std::string_view text) noexcept;  // RFC 3339 date-time with offset
bool is_date(std::string_view text) noexcept;       // RFC 3339 full-date
bool is_uuid(std::string_view text) noexcept;       // 8-4-4-4-12 hexadecimal

}  // namespace sluice::graphql::detail
