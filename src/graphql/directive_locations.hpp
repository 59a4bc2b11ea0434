#pragma once
// The spec's directive locations, spelled as in SDL, in the order of graphql::DirectiveLocation.

#include <array>
#include <string_view>

namespace sluice::graphql::detail {

inline constexpr std::array<std::string_view, 19> kDirectiveLocationNames = {
    "QUERY",
    "MUTATION",
    "SUBSCRIPTION",
    "FIELD",
    "FRAGMENT_DEFINITION",
    "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION",
    "SCHEMA",
    "SCALAR",
    "OBJECT",
    "FIELD_DEFINITION",
    "ARGUMENT_DEFINITION",
    "INTERFACE",
    "UNION",
    "ENUM",
    "ENUM_VALUE",
    "INPUT_OBJECT",
    "INPUT_FIELD_DEFINITION"};

}  // namespace sluice::graphql::detail
