#pragma once
// GraphQL lexer (spec section 2.1). Tokens are offsets into the source; nothing is allocated.
// String tokens are validated while lexing so that decoding them later cannot fail.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::graphql::detail {

enum class TokenKind : std::uint8_t {
  eof,
  bang,
  dollar,
  amp,
  paren_l,
  paren_r,
  spread,
  colon,
  equals,
  at,
  bracket_l,
  bracket_r,
  brace_l,
  pipe,
  brace_r,
  name,
  int_value,
  float_value,
  string,
  block_string
};

struct Token {
  TokenKind kind = TokenKind::eof;
  bool escaped = false;  // a string with escape sequences (needs decoding)
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

struct LexError {
  std::uint32_t offset = 0;
  std::string message;  // without the "Syntax Error: " prefix
};

// Character classes for the hot loop: one table lookup per byte.
enum CharClass : std::uint8_t { kIgnored = 1, kNameStart = 2, kNameContinue = 4, kPunctuator = 8 };

inline constexpr std::array<std::uint8_t, 256> kClasses = [] {
  std::array<std::uint8_t, 256> t{};
  for (char c : {' ', '\t', ',', '\n', '\r'}) t[static_cast<unsigned char>(c)] = kIgnored;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kNameStart | kNameContinue;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kNameStart | kNameContinue;
  t['_'] = kNameStart | kNameContinue;
  for (int c = '0'; c <= '9'; ++c) t[c] = kNameContinue;
  for (char c : {'!', '$', '&', '(', ')', ':', '=', '@', '[', ']', '{', '|', '}'}) {
    t[static_cast<unsigned char>(c)] = kPunctuator;
  }
  return t;
}();

inline constexpr std::array<TokenKind, 128> kPunctuators = [] {
  std::array<TokenKind, 128> t{};
  t['!'] = TokenKind::bang;
  t['$'] = TokenKind::dollar;
  t['&'] = TokenKind::amp;
  t['('] = TokenKind::paren_l;
  t[')'] = TokenKind::paren_r;
  t[':'] = TokenKind::colon;
  t['='] = TokenKind::equals;
  t['@'] = TokenKind::at;
  t['['] = TokenKind::bracket_l;
  t[']'] = TokenKind::bracket_r;
  t['{'] = TokenKind::brace_l;
  t['|'] = TokenKind::pipe;
  t['}'] = TokenKind::brace_r;
  return t;
}();

inline std::uint8_t class_of(char c) noexcept { return kClasses[static_cast<unsigned char>(c)]; }

// Everything but white space, names and punctuators: comments, strings, numbers, errors, EOF.
bool next_token_slow(std::string_view source, std::uint32_t pos, Token& token, LexError& error);

// Reads the token at or after `pos`, skipping ignored characters and comments. Returns false and
// fills `error` when the source has a lexical error there. The common tokens are handled inline.
inline bool next_token(std::string_view s, std::uint32_t pos, Token& token, LexError& error) {
  const auto n = static_cast<std::uint32_t>(s.size());
  while (pos < n && (class_of(s[pos]) & kIgnored)) ++pos;
  if (pos < n) {
    const char c = s[pos];
    const std::uint8_t cls = class_of(c);
    if (cls & kNameStart) {
      std::uint32_t end = pos + 1;
      while (end < n && (class_of(s[end]) & kNameContinue)) ++end;
      token = Token{TokenKind::name, false, pos, end};
      return true;
    }
    if (cls & kPunctuator) {
      token = Token{kPunctuators[static_cast<unsigned char>(c)], false, pos, pos + 1};
      return true;
    }
  }
  return next_token_slow(s, pos, token, error);
}

// "Name", "\"{\"", "<EOF>": a token kind as graphql-js names it in messages.
std::string_view describe(TokenKind kind) noexcept;

// A token as graphql-js describes it: its kind, and for names, numbers and strings the value
// (`Name "foo"`, `String "a b"`).
std::string describe(std::string_view source, const Token& token);

// The value of a string token, written to `out`, which must have room for the token's length.
// Returns the number of bytes written (a decoded value is never longer than its token).
std::size_t decode_string(std::string_view source, const Token& token, char* out) noexcept;

// The code point at `pos` as graphql-js prints it in messages: "\"a\"", "U+00E9", "<EOF>".
std::string print_code_point(std::string_view source, std::uint32_t pos);

// Decodes one UTF-8 sequence at `p`; returns its length, or 0 when it is not valid UTF-8
// (overlong forms, surrogates and values past U+10FFFF are invalid).
int decode_utf8(const char* p, const char* end, char32_t& code_point) noexcept;

// Appends `code_point` as UTF-8; returns the number of bytes written.
int encode_utf8(char32_t code_point, char* out) noexcept;

}  // namespace sluice::graphql::detail
