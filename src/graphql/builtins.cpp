#include "builtins.hpp"

namespace sluice::graphql::detail {

// The spec's scalars, directives and introspection types (spec sections 3.5, 3.13, 4.5).
// Descriptions are ours; graphql-js clients replace these definitions with their own.
std::string_view spec_sdl() noexcept {
  return R"graphql(
"A signed 32-bit integer."
scalar Int
"A double-precision floating-point number."
scalar Float
"A sequence of Unicode characters."
scalar String
"true or false."
scalar Boolean
"A unique identifier, serialized as a string; input accepts strings and integers."
scalar ID

"Include this field or fragment only when `if` is true."
directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

"Skip this field or fragment when `if` is true."
directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

"Marks an element of the schema as no longer supported."
directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE

"Links a custom scalar to the specification of its behaviour."
directive @specifiedBy(url: String!) on SCALAR

"An input object of which exactly one field must be given."
directive @oneOf on INPUT_OBJECT

"The schema of this service: its types, root types and directives."
type __Schema {
  description: String
  types: [__Type!]!
  queryType: __Type!
  mutationType: __Type
  subscriptionType: __Type
  directives: [__Directive!]!
}

"A type of the schema, or a list or non-null wrapper of one."
type __Type {
  kind: __TypeKind!
  name: String
  description: String
  specifiedByURL: String
  fields(includeDeprecated: Boolean = false): [__Field!]
  interfaces: [__Type!]
  possibleTypes: [__Type!]
  enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
  inputFields(includeDeprecated: Boolean = false): [__InputValue!]
  ofType: __Type
  isOneOf: Boolean
}

"The kinds of __Type."
enum __TypeKind {
  SCALAR
  OBJECT
  INTERFACE
  UNION
  ENUM
  INPUT_OBJECT
  LIST
  NON_NULL
}

"A field of an object or interface type."
type __Field {
  name: String!
  description: String
  args(includeDeprecated: Boolean = false): [__InputValue!]!
  type: __Type!
  isDeprecated: Boolean!
  deprecationReason: String
}

"An argument or an input object field."
type __InputValue {
  name: String!
  description: String
  type: __Type!
  defaultValue: String
  isDeprecated: Boolean!
  deprecationReason: String
}

"A value of an enum type."
type __EnumValue {
  name: String!
  description: String
  isDeprecated: Boolean!
  deprecationReason: String
}

"A directive the schema supports."
type __Directive {
  name: String!
  description: String
  isRepeatable: Boolean!
  locations: [__DirectiveLocation!]!
  args(includeDeprecated: Boolean = false): [__InputValue!]!
}

"Where a directive may be used."
enum __DirectiveLocation {
  QUERY
  MUTATION
  SUBSCRIPTION
  FIELD
  FRAGMENT_DEFINITION
  FRAGMENT_SPREAD
  INLINE_FRAGMENT
  VARIABLE_DEFINITION
  SCHEMA
  SCALAR
  OBJECT
  FIELD_DEFINITION
  ARGUMENT_DEFINITION
  INTERFACE
  UNION
  ENUM
  ENUM_VALUE
  INPUT_OBJECT
  INPUT_FIELD_DEFINITION
}
)graphql";
}

// Sluice's directives and scalars (docs/SCHEMA.md): available in every schema without being
// declared, and declared in the printed and introspected schema.
std::string_view sluice_directives_sdl() noexcept {
  return R"graphql(
"""
Serves this object type from a PostgreSQL view or table: `name` (default `v_` + the type name
in snake_case) with the key column `key` and the jsonb column `data` holding the object.
"""
directive @view(name: String, key: String = "id", data: String = "data") on OBJECT

"Reads this field from the JSON key `key` instead of the key that camel() maps to its name."
directive @field(key: String!) on FIELD_DEFINITION

"Resolves this root field by calling the PostgreSQL function `name`."
directive @function(name: String!) on FIELD_DEFINITION

"Feeds this subscription field from the PostgreSQL notification channel `channel`."
directive @listen(channel: String!) on FIELD_DEFINITION

"Implements this mutation as an INSERT into `table`."
directive @insert(table: String!) on FIELD_DEFINITION

"Implements this mutation as an UPDATE of `table`."
directive @update(table: String!) on FIELD_DEFINITION

"Implements this mutation as a DELETE from `table`."
directive @delete(table: String!) on FIELD_DEFINITION
)graphql";
}

std::string_view sluice_scalars_sdl() noexcept {
  return R"graphql(
"An instant: an RFC 3339 date-time with a time zone offset, such as \"2024-05-01T12:30:00Z\"."
scalar DateTime @specifiedBy(url: "https://www.rfc-editor.org/rfc/rfc3339#section-5.6")

"A calendar date: an RFC 3339 full-date, such as \"2024-05-01\"."
scalar Date @specifiedBy(url: "https://www.rfc-editor.org/rfc/rfc3339#section-5.6")

"A UUID written as 32 hexadecimal digits in 8-4-4-4-12 groups."
scalar UUID @specifiedBy(url: "https://www.rfc-editor.org/rfc/rfc9562")

"Any JSON value, passed through untouched."
scalar JSON

"A signed 64-bit integer. Input: an integer literal or a string of decimal digits."
scalar BigInt
)graphql";
}

}  // namespace sluice::graphql::detail
