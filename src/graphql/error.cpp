#include "sluice/graphql/error.hpp"

#include <algorithm>

namespace sluice::graphql {
namespace {

// UTF-16 code units in the UTF-8 text [begin, end): one per code point, two above U+FFFF.
std::uint32_t utf16_units(std::string_view text) noexcept {
  std::uint32_t units = 0;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80) ++units;  // a lead or ASCII byte starts a code point
    if (c >= 0xF0) ++units;           // four-byte sequences are surrogate pairs in UTF-16
  }
  return units;
}

}  // namespace

SourceLocation locate(std::string_view source, std::uint32_t offset) noexcept {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(source.size()));
  std::uint32_t line = 1;
  std::uint32_t line_start = 0;
  for (std::uint32_t i = 0; i < offset; ++i) {
    if (source[i] == '\n' ||
        (source[i] == '\r' && (i + 1 >= source.size() || source[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, 1 + utf16_units(source.substr(line_start, offset - line_start))};
}

LineIndex::LineIndex(std::string_view source) : source_(source) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\n' ||
        (source[i] == '\r' && (i + 1 >= source.size() || source[i + 1] != '\n'))) {
      line_starts_.push_back(i + 1);
    }
  }
}

SourceLocation LineIndex::locate(std::uint32_t offset) const noexcept {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(source_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  std::uint32_t start = line_starts_[line - 1];
  return {line, 1 + utf16_units(source_.substr(start, offset - start))};
}

}  // namespace sluice::graphql
