#pragma once
// Errors of the GraphQL layer: a message in graphql-js wording plus the source locations it
// points at. Line and column are 1-based; the column counts UTF-16 code units, as graphql-js
// (and so every GraphQL client) does, so locations agree with other tools on non-ASCII text.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::graphql {

struct SourceLocation {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
  friend auto operator<=>(const SourceLocation&, const SourceLocation&) = default;
};

struct Error {
  std::string message;
  std::vector<SourceLocation> locations;
};

// Line and column of byte `offset` in `source`. Line terminators are \n, \r\n and \r.
SourceLocation locate(std::string_view source, std::uint32_t offset) noexcept;

// Maps many offsets of one source to locations without rescanning from the start each time.
class LineIndex {
 public:
  explicit LineIndex(std::string_view source);
  SourceLocation locate(std::uint32_t offset) const noexcept;

 private:
  std::string_view source_;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace sluice::graphql
