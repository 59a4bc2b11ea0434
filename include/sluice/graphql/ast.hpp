#pragma once
// The GraphQL syntax tree. Nodes live in the Arena passed to parse(); every string_view in a node
// points either into the source text or into that arena, so a Document is valid while both the
// source and the arena are alive (and the arena has not been reset). Offsets are byte offsets
// into the source; locate() turns them into line and column.

#include <cstdint>
#include <span>
#include <string_view>

namespace sluice::graphql::ast {

using Offset = std::uint32_t;

struct Name {
  std::string_view value;  // borrowed from the source text
  Offset loc = 0;
  bool empty() const noexcept { return value.empty(); }
};

enum class ValueKind : std::uint8_t {
  variable,
  int_value,
  float_value,
  string,
  boolean,
  null,
  enum_value,
  list,
  object
};

struct ObjectField;

struct Value {
  ValueKind kind;
  bool boolean = false;  // for ValueKind::boolean
  bool block = false;    // a string written as a block string
  Offset loc = 0;
  // variable: its name without '$'; int/float/enum: the spelling; string: the decoded value
  // (source text when it had no escapes, arena otherwise).
  std::string_view text;
  std::span<const Value* const> items;  // list
  std::span<const ObjectField> fields;  // object
};

struct ObjectField {
  Name name;
  const Value* value;
};

struct Argument {
  Name name;  // the argument's location is its name's
  const Value* value;
};

struct Directive {
  Name name;
  Offset loc;  // the '@'
  std::span<const Argument> arguments;
};

enum class TypeKind : std::uint8_t { named, list, non_null };

struct Type {
  TypeKind kind;
  Offset loc;
  Name name;       // named
  const Type* of;  // list, non_null
};

struct VariableDefinition {
  const Value* description;  // a string value or nullptr
  Offset loc;                // start of the definition ('$' or its description)
  Offset variable_loc;       // the '$'
  Name name;                 // without '$'
  const Type* type;
  const Value* default_value;  // nullptr when absent
  std::span<const Directive> directives;
};

enum class SelectionKind : std::uint8_t { field, fragment_spread, inline_fragment };

struct Selection;

struct SelectionSet {
  Offset loc = 0;  // the '{'
  std::span<const Selection* const> selections;
  bool empty() const noexcept { return selections.empty(); }
};

struct Selection {
  SelectionKind kind;
  Offset loc;
  std::span<const Directive> directives;
};

struct Field : Selection {
  Name alias;  // empty when there is none
  Name name;
  std::span<const Argument> arguments;
  SelectionSet selection_set;  // empty for leaf fields (`{}` is a syntax error)
  std::string_view response_name() const noexcept {
    return alias.empty() ? name.value : alias.value;
  }
};

struct FragmentSpread : Selection {
  Name name;
};

struct InlineFragment : Selection {
  Name type_condition;  // empty when there is none
  SelectionSet selection_set;
};

enum class OperationType : std::uint8_t { query, mutation, subscription };

enum class DefinitionKind : std::uint8_t {
  operation,
  fragment,
  schema,
  scalar,
  object,
  interface,
  union_type,
  enum_type,
  input_object,
  directive
};

struct Definition {
  DefinitionKind kind;
  bool extension = false;  // `extend ...`
  Offset loc;              // first token, including the description
  const Value* description;
  bool executable() const noexcept {
    return kind == DefinitionKind::operation || kind == DefinitionKind::fragment;
  }
};

struct OperationDefinition : Definition {
  OperationType operation;
  Name name;  // empty for anonymous operations
  std::span<const VariableDefinition> variables;
  std::span<const Directive> directives;
  SelectionSet selection_set;
};

struct FragmentDefinition : Definition {
  Name name;
  Name type_condition;
  std::span<const Directive> directives;
  SelectionSet selection_set;
};

struct InputValueDefinition {
  const Value* description;
  Offset loc;
  Name name;
  const Type* type;
  const Value* default_value;  // nullptr when absent
  std::span<const Directive> directives;
};

struct FieldDefinition {
  const Value* description;
  Offset loc;
  Name name;
  std::span<const InputValueDefinition> arguments;
  const Type* type;
  std::span<const Directive> directives;
};

struct EnumValueDefinition {
  const Value* description;
  Offset loc;
  Name name;
  std::span<const Directive> directives;
};

struct RootOperationTypeDefinition {
  OperationType operation;
  Offset loc;
  Name type;
};

struct SchemaDefinition : Definition {
  std::span<const Directive> directives;
  std::span<const RootOperationTypeDefinition> operation_types;
};

// Scalar, object, interface, union, enum and input object definitions and extensions share one
// node; the lists a kind does not have stay empty.
struct TypeDefinition : Definition {
  Name name;
  std::span<const Name> interfaces;  // object, interface
  std::span<const Directive> directives;
  std::span<const FieldDefinition> fields;             // object, interface
  std::span<const Name> members;                       // union
  std::span<const EnumValueDefinition> values;         // enum
  std::span<const InputValueDefinition> input_fields;  // input object
};

struct DirectiveDefinition : Definition {
  Name name;
  std::span<const InputValueDefinition> arguments;
  bool repeatable = false;
  std::span<const Name> locations;
};

struct Document {
  std::string_view source;
  std::span<const Definition* const> definitions;
};

std::string_view to_string(OperationType op) noexcept;

}  // namespace sluice::graphql::ast
