#include "lexer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>

namespace sluice::graphql::detail {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_name_start(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_scalar_value(std::int64_t cp) noexcept {
  return (cp >= 0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0x10FFFF);
}

int hex_digit(std::string_view s, std::size_t pos) noexcept {
  if (pos >= s.size()) return -1;
  char c = s[pos];
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Four hex digits at `pos`, or -1.
std::int32_t read_hex4(std::string_view s, std::size_t pos) noexcept {
  std::int32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    int d = hex_digit(s, pos + i);
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  return v;
}

std::string_view slice(std::string_view s, std::size_t from, std::size_t to) noexcept {
  from = std::min(from, s.size());
  return s.substr(from, std::min(to, s.size()) - from);
}

struct Escape {
  char32_t code_point = 0;
  char32_t trailing = 0;  // second code unit of a surrogate pair written as two escapes
  std::uint32_t size = 0;
};

// Reads the escape sequence starting with the backslash at `pos`. Returns false and fills `error`
// when it is not one.
bool read_escape(std::string_view s, std::uint32_t pos, Escape& out, LexError& error) {
  char c = pos + 1 < s.size() ? s[pos + 1] : '\0';
  if (c == 'u' && pos + 2 < s.size() && s[pos + 2] == '{') {
    std::int64_t point = 0;
    std::uint32_t size = 3;
    while (size < 12) {
      std::size_t at = pos + size++;
      if (at < s.size() && s[at] == '}') {
        if (size < 5 || !is_scalar_value(point)) break;
        out = {static_cast<char32_t>(point), 0, size};
        return true;
      }
      int d = hex_digit(s, at);
      if (d < 0) break;
      point = (point << 4) | d;
      if (point > 0x7FFFFFFF) break;  // graphql-js overflows into a negative number here
    }
    error = {pos,
             fmt::format("Invalid Unicode escape sequence: \"{}\".", slice(s, pos, pos + size))};
    return false;
  }
  if (c == 'u') {
    std::int32_t code = read_hex4(s, pos + 2);
    if (is_scalar_value(code)) {
      out = {static_cast<char32_t>(code), 0, 6};
      return true;
    }
    // A surrogate pair is allowed only as two consecutive escapes, as in JSON.
    if (code >= 0xD800 && code <= 0xDBFF && pos + 7 < s.size() && s[pos + 6] == '\\' &&
        s[pos + 7] == 'u') {
      std::int32_t trailing = read_hex4(s, pos + 8);
      if (trailing >= 0xDC00 && trailing <= 0xDFFF) {
        out = {static_cast<char32_t>(code), static_cast<char32_t>(trailing), 12};
        return true;
      }
    }
    error = {pos, fmt::format("Invalid Unicode escape sequence: \"{}\".", slice(s, pos, pos + 6))};
    return false;
  }
  char32_t value = 0;
  switch (c) {
    case '"':
      value = '"';
      break;
    case '\\':
      value = '\\';
      break;
    case '/':
      value = '/';
      break;
    case 'b':
      value = '\b';
      break;
    case 'f':
      value = '\f';
      break;
    case 'n':
      value = '\n';
      break;
    case 'r':
      value = '\r';
      break;
    case 't':
      value = '\t';
      break;
    default: {
      std::size_t len = 2;
      char32_t cp = 0;
      if (pos + 1 < s.size() && static_cast<unsigned char>(c) >= 0x80) {
        int n = decode_utf8(s.data() + pos + 1, s.data() + s.size(), cp);
        len = 1 + static_cast<std::size_t>(std::max(n, 1));
      }
      error = {pos,
               fmt::format("Invalid character escape sequence: \"{}\".", slice(s, pos, pos + len))};
      return false;
    }
  }
  out = {value, 0, 2};
  return true;
}

Token make(TokenKind kind, std::uint32_t start, std::uint32_t end) noexcept {
  return Token{kind, false, start, end};
}

bool lex_number(std::string_view s, std::uint32_t start, Token& token, LexError& error) {
  std::uint32_t pos = start;
  const auto n = static_cast<std::uint32_t>(s.size());
  auto at = [&](std::uint32_t p) { return p < n ? s[p] : '\0'; };
  auto digits = [&]() -> bool {
    if (!is_digit(at(pos))) {
      error = {pos, fmt::format("Invalid number, expected digit but got: {}.",
                                print_code_point(s, pos))};
      return false;
    }
    while (is_digit(at(pos))) ++pos;
    return true;
  };
  bool is_float = false;
  if (at(pos) == '-') ++pos;
  if (at(pos) == '0') {
    ++pos;
    if (is_digit(at(pos))) {
      error = {pos, fmt::format("Invalid number, unexpected digit after 0: {}.",
                                print_code_point(s, pos))};
      return false;
    }
  } else if (!digits()) {
    return false;
  }
  if (at(pos) == '.') {
    is_float = true;
    ++pos;
    if (!digits()) return false;
  }
  if (at(pos) == 'e' || at(pos) == 'E') {
    is_float = true;
    ++pos;
    if (at(pos) == '+' || at(pos) == '-') ++pos;
    if (!digits()) return false;
  }
  if (at(pos) == '.' || is_name_start(at(pos))) {
    error = {pos,
             fmt::format("Invalid number, expected digit but got: {}.", print_code_point(s, pos))};
    return false;
  }
  token = make(is_float ? TokenKind::float_value : TokenKind::int_value, start, pos);
  return true;
}

// Validates a non-ASCII source character inside a string at `pos`; returns its length or 0.
std::uint32_t string_char(std::string_view s, std::uint32_t pos, LexError& error) {
  char32_t cp = 0;
  int len = decode_utf8(s.data() + pos, s.data() + s.size(), cp);
  if (len == 0) {
    error = {pos, "Invalid character within String: invalid UTF-8."};
    return 0;
  }
  return static_cast<std::uint32_t>(len);
}

bool lex_string(std::string_view s, std::uint32_t start, Token& token, LexError& error) {
  const auto n = static_cast<std::uint32_t>(s.size());
  std::uint32_t pos = start + 1;
  bool escaped = false;
  while (pos < n) {
    auto c = static_cast<unsigned char>(s[pos]);
    if (c == '"') {
      token = Token{TokenKind::string, escaped, start, pos + 1};
      return true;
    }
    if (c == '\\') {
      Escape e;
      if (!read_escape(s, pos, e, error)) return false;
      escaped = true;
      pos += e.size;
      continue;
    }
    if (c == '\n' || c == '\r') break;
    if (c < 0x80) {
      ++pos;
      continue;
    }
    std::uint32_t len = string_char(s, pos, error);
    if (len == 0) return false;
    pos += len;
  }
  error = {pos, "Unterminated string."};
  return false;
}

bool triple_quote(std::string_view s, std::uint32_t pos) noexcept {
  return pos + 2 < s.size() && s[pos] == '"' && s[pos + 1] == '"' && s[pos + 2] == '"';
}

bool lex_block_string(std::string_view s, std::uint32_t start, Token& token, LexError& error) {
  const auto n = static_cast<std::uint32_t>(s.size());
  std::uint32_t pos = start + 3;
  while (pos < n) {
    auto c = static_cast<unsigned char>(s[pos]);
    if (c == '"' && triple_quote(s, pos)) {
      token = Token{TokenKind::block_string, true, start, pos + 3};
      return true;
    }
    if (c == '\\' && triple_quote(s, pos + 1)) {
      pos += 4;
      continue;
    }
    if (c < 0x80) {
      ++pos;
      continue;
    }
    std::uint32_t len = string_char(s, pos, error);
    if (len == 0) return false;
    pos += len;
  }
  error = {pos, "Unterminated string."};
  return false;
}

// Block string value (spec 2.9.5 BlockStringValue): `raw` is the text between the triple quotes.
std::size_t decode_block_string(std::string_view raw, char* out) noexcept {
  struct Line {
    std::size_t begin, end;
  };
  auto line_at = [&](std::size_t begin) {
    std::size_t end = begin;
    while (end < raw.size() && raw[end] != '\n' && raw[end] != '\r') ++end;
    return Line{begin, end};
  };
  auto after = [&](const Line& line) {
    std::size_t next = line.end;
    if (next < raw.size())
      next += (raw[next] == '\r' && next + 1 < raw.size() && raw[next + 1] == '\n') ? 2 : 1;
    return next;
  };
  auto indent_of = [&](const Line& line) {
    std::size_t i = line.begin;
    while (i < line.end && (raw[i] == ' ' || raw[i] == '\t')) ++i;
    return i - line.begin;
  };
  // First pass: common indentation (first line excluded) and the first and last non-blank lines.
  std::size_t common = SIZE_MAX;
  std::size_t index = 0;
  std::size_t first_non_blank = SIZE_MAX;
  std::size_t last_non_blank = 0;
  bool any_non_blank = false;
  for (std::size_t begin = 0;; ++index) {
    Line line = line_at(begin);
    std::size_t indent = indent_of(line);
    if (indent != line.end - line.begin) {
      if (!any_non_blank) first_non_blank = index;
      any_non_blank = true;
      last_non_blank = index;
      if (index != 0) common = std::min(common, indent);
    }
    if (line.end >= raw.size()) break;
    begin = after(line);
  }
  if (!any_non_blank) return 0;
  if (common == SIZE_MAX) common = 0;
  // Second pass: write the kept lines, dedented, joined with \n, with \""" unescaped.
  std::size_t written = 0;
  index = 0;
  for (std::size_t begin = 0;; ++index) {
    Line line = line_at(begin);
    if (index >= first_non_blank && index <= last_non_blank) {
      if (index > first_non_blank) out[written++] = '\n';
      std::size_t i = line.begin;
      if (index != 0) i += std::min(common, line.end - line.begin);
      while (i < line.end) {
        if (raw[i] == '\\' && i + 3 < line.end + 1 && raw.substr(i + 1, 3) == "\"\"\"") {
          ++i;  // drop the backslash of \"""
          continue;
        }
        out[written++] = raw[i++];
      }
    }
    if (line.end >= raw.size() || index >= last_non_blank) break;
    begin = after(line);
  }
  return written;
}

}  // namespace

int decode_utf8(const char* p, const char* end, char32_t& code_point) noexcept {
  if (p >= end) return 0;
  auto b0 = static_cast<unsigned char>(p[0]);
  if (b0 < 0x80) {
    code_point = b0;
    return 1;
  }
  int len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (end - p < len) return 0;
  for (int i = 1; i < len; ++i) {
    auto b = static_cast<unsigned char>(p[i]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  code_point = cp;
  return len;
}

int encode_utf8(char32_t cp, char* out) noexcept {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

std::string print_code_point(std::string_view s, std::uint32_t pos) {
  if (pos >= s.size()) return "<EOF>";
  auto c = static_cast<unsigned char>(s[pos]);
  if (c >= 0x20 && c <= 0x7E)
    return c == '"' ? std::string("'\"'") : fmt::format("\"{}\"", char(c));
  char32_t cp = c;
  if (c >= 0x80 && decode_utf8(s.data() + pos, s.data() + s.size(), cp) == 0) cp = 0xFFFD;
  return fmt::format("U+{:04X}", static_cast<std::uint32_t>(cp));
}

bool next_token_slow(std::string_view s, std::uint32_t pos, Token& token, LexError& error) {
  const auto n = static_cast<std::uint32_t>(s.size());
  while (pos < n) {
    const char c = s[pos];
    const std::uint8_t cls = class_of(c);
    if (cls & kIgnored) {
      ++pos;
      continue;
    }
    // Names and punctuators: next_token handles them without coming back here.
    if (cls & (kNameStart | kPunctuator)) return next_token(s, pos, token, error);
    switch (c) {
      case '#':
        // A comment runs to the end of the line; an invalid character ends it and is then
        // reported as a token of its own.
        ++pos;
        while (pos < n && s[pos] != '\n' && s[pos] != '\r') {
          if (static_cast<unsigned char>(s[pos]) < 0x80) {
            ++pos;
            continue;
          }
          char32_t cp = 0;
          int len = decode_utf8(s.data() + pos, s.data() + n, cp);
          if (len == 0) break;
          pos += static_cast<std::uint32_t>(len);
        }
        continue;
      case '.':
        if (pos + 2 < n && s[pos + 1] == '.' && s[pos + 2] == '.') {
          token = make(TokenKind::spread, pos, pos + 3);
          return true;
        }
        break;
      case '"':
        if (triple_quote(s, pos)) return lex_block_string(s, pos, token, error);
        return lex_string(s, pos, token, error);
      default:
        break;
    }
    if (is_digit(c) || c == '-') return lex_number(s, pos, token, error);
    auto u = static_cast<unsigned char>(c);
    if (u == 0xEF && pos + 2 < n && static_cast<unsigned char>(s[pos + 1]) == 0xBB &&
        static_cast<unsigned char>(s[pos + 2]) == 0xBF) {
      pos += 3;  // byte order mark: ignored like white space
      continue;
    }
    if (c == '\'') {
      error = {pos,
               "Unexpected single quote character ('), did you mean to use a double quote (\")?"};
      return false;
    }
    char32_t cp = 0;
    if (u >= 0x80 && decode_utf8(s.data() + pos, s.data() + n, cp) == 0) {
      error = {pos, "Invalid character: invalid UTF-8."};
      return false;
    }
    error = {pos, fmt::format("Unexpected character: {}.", print_code_point(s, pos))};
    return false;
  }
  token = make(TokenKind::eof, n, n);
  return true;
}

std::string_view describe(TokenKind kind) noexcept {
  switch (kind) {
    case TokenKind::eof:
      return "<EOF>";
    case TokenKind::bang:
      return "\"!\"";
    case TokenKind::dollar:
      return "\"$\"";
    case TokenKind::amp:
      return "\"&\"";
    case TokenKind::paren_l:
      return "\"(\"";
    case TokenKind::paren_r:
      return "\")\"";
    case TokenKind::spread:
      return "\"...\"";
    case TokenKind::colon:
      return "\":\"";
    case TokenKind::equals:
      return "\"=\"";
    case TokenKind::at:
      return "\"@\"";
    case TokenKind::bracket_l:
      return "\"[\"";
    case TokenKind::bracket_r:
      return "\"]\"";
    case TokenKind::brace_l:
      return "\"{\"";
    case TokenKind::pipe:
      return "\"|\"";
    case TokenKind::brace_r:
      return "\"}\"";
    case TokenKind::name:
      return "Name";
    case TokenKind::int_value:
      return "Int";
    case TokenKind::float_value:
      return "Float";
    case TokenKind::string:
      return "String";
    case TokenKind::block_string:
      return "BlockString";
  }
  return "<EOF>";
}

std::string describe(std::string_view source, const Token& token) {
  std::string out(describe(token.kind));
  switch (token.kind) {
    case TokenKind::name:
    case TokenKind::int_value:
    case TokenKind::float_value:
      out += fmt::format(" \"{}\"", source.substr(token.start, token.end - token.start));
      break;
    case TokenKind::string:
    case TokenKind::block_string: {
      std::string value(token.end - token.start, '\0');
      value.resize(decode_string(source, token, value.data()));
      out += fmt::format(" \"{}\"", value);
      break;
    }
    default:
      break;
  }
  return out;
}

std::size_t decode_string(std::string_view s, const Token& token, char* out) noexcept {
  if (token.kind == TokenKind::block_string) {
    return decode_block_string(s.substr(token.start + 3, token.end - token.start - 6), out);
  }
  std::uint32_t pos = token.start + 1;
  const std::uint32_t end = token.end - 1;
  std::size_t written = 0;
  while (pos < end) {
    if (s[pos] != '\\') {
      out[written++] = s[pos++];
      continue;
    }
    Escape e;
    LexError unused;
    read_escape(s, pos, e, unused);  // validated by the lexer
    char32_t cp = e.code_point;
    if (e.trailing != 0) cp = 0x10000 + ((cp - 0xD800) << 10) + (e.trailing - 0xDC00);
    written += static_cast<std::size_t>(encode_utf8(cp, out + written));
    pos += e.size;
  }
  return written;
}

}  // namespace sluice::graphql::detail
