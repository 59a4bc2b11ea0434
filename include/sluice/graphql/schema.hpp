#pragma once
// The effective schema: the user's SDL, Sluice's built-in scalars and directives, the
// introspection types, and the generated filter and ordering inputs (docs/SCHEMA.md). Immutable
// once built; every string_view and pointer in it lives as long as the Schema.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sluice/graphql/arena.hpp"
#include "sluice/graphql/ast.hpp"
#include "sluice/graphql/error.hpp"

namespace sluice::graphql {

enum class TypeKind : std::uint8_t {
  scalar,
  object,
  interface,
  union_type,
  enum_type,
  input_object
};

// Scalars with built-in coercion; everything else declared with `scalar` is `custom` and passes
// values through like JSON.
enum class ScalarKind : std::uint8_t {
  custom,
  int_type,
  float_type,
  string,
  boolean,
  id,
  date_time,
  date,
  uuid,
  json,
  big_int
};

// Where a type or directive comes from. Only `user` and `sluice` ones are read from files;
// `spec` ones (String, @skip, __Type, ...) are never printed.
enum class Origin : std::uint8_t { spec, sluice, user, generated };

struct NamedType;

// A type expression: a named type wrapped in lists and non-nulls.
struct TypeRef {
  enum class Kind : std::uint8_t { named, list, non_null };
  Kind kind;
  const NamedType* named;  // the innermost named type, at every level
  const TypeRef* of;       // list and non_null: the wrapped type
  bool is_non_null() const noexcept { return kind == Kind::non_null; }
  bool is_list() const noexcept { return kind == Kind::list; }
  // The type without its outer non-null.
  const TypeRef* nullable() const noexcept { return kind == Kind::non_null ? of : this; }
};

bool same_type(const TypeRef* a, const TypeRef* b) noexcept;
// GraphQL type syntax: "[Book!]!".
std::string to_string(const TypeRef* type);

struct Deprecation {
  bool deprecated = false;
  std::string_view reason;  // "No longer supported" when @deprecated has no reason
  ast::Offset loc = 0;      // the @deprecated directive
};

struct Description {
  bool present = false;
  std::string_view text;
};

// An argument or an input object field.
struct InputValue {
  std::string_view name;
  Description description;
  const TypeRef* type = nullptr;
  const ast::Value* default_value = nullptr;  // a constant literal; nullptr when there is none
  Deprecation deprecation;
  ast::Offset loc = 0;
  ast::Offset type_loc = 0;  // where its type is written
};

// What a field does beyond reading JSON, from Sluice's directives on it.
enum class FieldAction : std::uint8_t { read, function, listen, insert, update, remove };

// Mutation results (docs/MUTATIONS.md): an object type returned by a @function mutation, alone
// or as a member of the field's union, is a success type, or an error type when it has `code`.
enum class ResultKind : std::uint8_t { none, success, error };
// What a field of such a type is filled from in the function's mutation_response.
enum class ResultRole : std::uint8_t {
  none,
  status,          // status
  message,         // message
  id,              // entity_id
  updated_fields,  // updated_fields
  cascade,         // cascade
  metadata,        // metadata
  code,            // the HTTP-like code of the status class (error types)
  errors,          // metadata.errors (error types)
  entity,          // entity, projected as the field's @view type
};

struct Field;
// The JSON key a field reads: its @field(key:), else snake(name).
std::string json_key(const Field& field);

struct Field {
  std::string_view name;
  Description description;
  std::span<const InputValue> arguments;
  const TypeRef* type = nullptr;
  Deprecation deprecation;
  ast::Offset loc = 0;
  ast::Offset type_loc = 0;  // where its type is written
  // Sluice: @field(key:) (empty when the key is found by camel()), and the one of @function,
  // @listen, @insert, @update, @delete it carries, with its name/channel/table argument.
  std::string_view key;
  FieldAction action = FieldAction::read;
  std::string_view target;
  // Arguments added by Sluice: where/orderBy/limit/offset on root lists, input/id/patch on
  // @insert/@update/@delete fields.
  bool generated_arguments = false;
  ResultRole result_role = ResultRole::none;  // fields of mutation result types

  const InputValue* argument(std::string_view arg) const noexcept;
};

struct EnumValue {
  std::string_view name;
  Description description;
  Deprecation deprecation;
  ast::Offset loc = 0;
};

// @view(name:, key:, data:) on an object type.
struct View {
  std::string_view name;  // the view or table
  std::string_view key;   // the key column, "id" by default
  std::string_view data;  // the jsonb column, "data" by default
};

struct NamedType {
  TypeKind kind;
  Origin origin = Origin::user;
  ScalarKind scalar = ScalarKind::custom;
  bool one_of = false;  // an input object with @oneOf
  std::string_view name;
  Description description;
  std::string_view specified_by_url;  // scalars; empty when not given
  ast::Offset loc = 0;
  std::span<const Field> fields;                 // object, interface
  std::span<const NamedType* const> interfaces;  // object, interface
  std::span<const NamedType* const>
      possible_types;                        // union members; objects implementing an interface
  std::span<const EnumValue> values;         // enum
  std::span<const InputValue> input_fields;  // input object
  const View* view = nullptr;                // object with @view
  // Generated inputs for this object type (those reachable from a @view); nullptr otherwise.
  const NamedType* where_input = nullptr;
  const NamedType* order_by_input = nullptr;
  ResultKind result = ResultKind::none;  // object types returned by @function mutations

  bool is_composite() const noexcept {
    return kind == TypeKind::object || kind == TypeKind::interface || kind == TypeKind::union_type;
  }
  bool is_abstract() const noexcept {
    return kind == TypeKind::interface || kind == TypeKind::union_type;
  }
  bool is_leaf() const noexcept { return kind == TypeKind::scalar || kind == TypeKind::enum_type; }
  bool is_input() const noexcept { return is_leaf() || kind == TypeKind::input_object; }
  bool is_output() const noexcept { return kind != TypeKind::input_object; }

  const Field* field(std::string_view field_name) const noexcept;
  const InputValue* input_field(std::string_view field_name) const noexcept;
  const EnumValue* value(std::string_view value_name) const noexcept;
  bool is_possible_type(const NamedType* object) const noexcept;
};

enum class DirectiveLocation : std::uint8_t {
  query,
  mutation,
  subscription,
  field,
  fragment_definition,
  fragment_spread,
  inline_fragment,
  variable_definition,
  schema,
  scalar,
  object,
  field_definition,
  argument_definition,
  interface,
  union_type,
  enum_type,
  enum_value,
  input_object,
  input_field_definition,
};

std::string_view to_string(DirectiveLocation location) noexcept;
std::optional<DirectiveLocation> parse_directive_location(std::string_view name) noexcept;

struct DirectiveDefinition {
  std::string_view name;
  Description description;
  std::span<const InputValue> arguments;
  bool repeatable = false;
  std::span<const DirectiveLocation> locations;  // as declared
  Origin origin = Origin::user;
  ast::Offset loc = 0;

  bool allowed_at(DirectiveLocation location) const noexcept;
  const InputValue* argument(std::string_view arg) const noexcept;
};

class Schema {
 public:
  const NamedType* type(std::string_view name) const noexcept;
  const DirectiveDefinition* directive(std::string_view name) const noexcept;

  // Every type, in the order printing and introspection list them: user types as declared,
  // Sluice's scalars, generated inputs, then the spec's scalars and introspection types.
  std::span<const NamedType* const> types() const noexcept { return types_; }
  std::span<const DirectiveDefinition* const> directives() const noexcept { return directives_; }

  const NamedType* query_type() const noexcept { return query_; }
  const NamedType* mutation_type() const noexcept { return mutation_; }
  const NamedType* subscription_type() const noexcept { return subscription_; }
  const NamedType* root_type(ast::OperationType op) const noexcept;
  Description description() const noexcept { return description_; }

  // The SDL text the schema was built from (locations of user definitions are offsets in it).
  std::string_view source() const noexcept { return source_; }
  std::string_view file_name() const noexcept { return file_name_; }

  // Introspection meta-fields, valid on every composite type (__typename) or on the query root.
  const Field* typename_field() const noexcept { return typename_field_; }
  const Field* schema_field() const noexcept { return schema_field_; }
  const Field* type_field() const noexcept { return type_field_; }

 private:
  friend class SchemaBuilder;
  Schema() = default;

  Arena arena_;
  std::string source_;
  std::string file_name_;
  std::string builtin_source_;  // Sluice's built-in SDL, parsed into arena_ like the user's
  std::vector<const NamedType*> types_;
  std::vector<const DirectiveDefinition*> directives_;
  std::unordered_map<std::string_view, const NamedType*> type_index_;
  std::unordered_map<std::string_view, const DirectiveDefinition*> directive_index_;
  const NamedType* query_ = nullptr;
  const NamedType* mutation_ = nullptr;
  const NamedType* subscription_ = nullptr;
  Description description_;
  const Field* typename_field_ = nullptr;
  const Field* schema_field_ = nullptr;
  const Field* type_field_ = nullptr;
};

struct SchemaLoadResult {
  std::shared_ptr<const Schema> schema;  // null when `errors` is not empty
  std::vector<Error> errors;             // every problem found, in source order
  explicit operator bool() const noexcept { return schema != nullptr; }
};

// Builds the effective schema from SDL text. `file_name` is used in messages only.
[[nodiscard]] SchemaLoadResult load_schema(std::string sdl,
                                           std::string file_name = "schema.graphql");

// "file:line:col: message", one line per location of each error.
std::string format_errors(std::string_view file_name, std::span<const Error> errors);

}  // namespace sluice::graphql
