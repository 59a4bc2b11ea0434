#pragma once
// GraphQL parser for executable and type-system documents (the October 2021 spec plus the
// current draft's descriptions on operations, fragments and variable definitions, as graphql-js
// 16 parses them). Zero-copy: the tree points into the source; nodes live in the caller's arena.
// Stops at the first syntax error, worded as graphql-js words it.

#include <cstddef>
#include <optional>
#include <string_view>

#include "sluice/graphql/arena.hpp"
#include "sluice/graphql/ast.hpp"
#include "sluice/graphql/error.hpp"

namespace sluice::graphql {

struct ParseLimits {
  std::size_t max_bytes = 1 << 20;   // document size
  std::size_t max_tokens = 100'000;  // lexical tokens, comments excluded
  std::size_t max_depth = 128;       // nesting of selection sets, values and type references
};

struct ParseResult {
  const ast::Document* document = nullptr;  // in the arena; nullptr when `error` is set
  std::optional<Error> error;
  std::size_t token_count = 0;
  explicit operator bool() const noexcept { return document != nullptr; }
};

// Parses `source`; the document borrows from `source` and lives in `arena` (see ast.hpp).
[[nodiscard]] ParseResult parse(std::string_view source, Arena& arena,
                                const ParseLimits& limits = {}) noexcept;

}  // namespace sluice::graphql
