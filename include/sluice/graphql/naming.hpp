#pragma once
// The one mapping between the database's JSON keys (snake_case) and GraphQL names (camelCase),
// used everywhere: schema fields, responses, filters and ordering. docs/SCHEMA.md documents it.
//
// camel(key):
//   - leading underscores are kept:             _internal_code -> _internalCode, __typename
//     stays __typename;
//   - after them, an underscore followed by any character other than '_' is dropped and that
//     character is upper-cased (ASCII letters only; digits and other characters are unchanged):
//                                               published_at -> publishedAt,
//                                               address_line_1 -> addressLine1;
//   - nothing is lower-cased:                   api_URL -> apiURL, publishedAt -> publishedAt;
//   - other underscores (the first ones of a run, trailing ones) are kept: a__b -> a_B, a_ -> a_.
//
// snake(name) is the inverse on every name camel() can produce: camel(snake(n)) == n. It keeps
// leading underscores and the first character after them, and elsewhere writes an upper-case
// letter L as _l and puts '_' before a run of digits and before any character other than '_'
// that follows an underscore (a_B -> a__b): publishedAt -> published_at,
// addressLine1 -> address_line_1, apiURL -> api_u_r_l. Since several keys map to one name
// (api_URL, api_u_r_l; sha256, sha_256), snake() cannot recover the original key in general;
// docs/SCHEMA.md lists the cases and how to name the key explicitly.

#include <string>
#include <string_view>

namespace sluice::graphql {

std::string camel(std::string_view key);
std::string snake(std::string_view name);

// Appending forms for hot paths that reuse a buffer.
void append_camel(std::string_view key, std::string& out);
void append_snake(std::string_view name, std::string& out);

}  // namespace sluice::graphql
