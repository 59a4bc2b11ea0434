#pragma once
// Byte-level scanning primitives for JSON text: finding the end of the plain part of a string
// many bytes at a time, UTF-8 sequence validation, hex digits.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sluice::json::detail {

inline bool is_json_space(char c) noexcept {
  // Most bytes tested are not space: one comparison rejects them.
  return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\n' || c == '\r' || c == '\t');
}

inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Value of a hex digit, or -1.
inline int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  const char lower = static_cast<char>(c | 0x20);
  if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
  return -1;
}

// A string byte that needs attention: '"', '\\', a control character (< 0x20, invalid in JSON
// strings) or the first byte of a non-ASCII sequence (>= 0x80, to validate as UTF-8).
inline bool is_string_special(unsigned char c) noexcept {
  return c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
}

// Offset of the first string-special byte in [p, end), or end - p. Eight bytes at a time.
inline std::size_t find_string_special_swar(const char* p, const char* end) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  const char* s = p;
  while (end - s >= 8) {
    std::uint64_t x;
    std::memcpy(&x, s, 8);
    if constexpr (std::endian::native == std::endian::big) x = __builtin_bswap64(x);
    const std::uint64_t quote = x ^ (kOnes * '"');
    const std::uint64_t backslash = x ^ (kOnes * '\\');
    // (v - 0x01..) & ~v & 0x80.. flags bytes of v that are zero (or, for the control-character
    // test, below 0x20). Borrows can only flag bytes above a truly flagged one, so the lowest
    // flagged byte is exact; bytes >= 0x80 are flagged by `x & kHighs` exactly.
    const std::uint64_t hits = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                               ((x - kOnes * 0x20) & ~x) | x;
    const std::uint64_t mask = hits & kHighs;
    if (mask != 0) return static_cast<std::size_t>(s - p) + (std::countr_zero(mask) >> 3);
    s += 8;
  }
  while (s < end && !is_string_special(static_cast<unsigned char>(*s))) ++s;
  return static_cast<std::size_t>(s - p);
}

#if defined(__SSE2__)
// Offset of the first string-special byte in [p, end), or end - p. Sixteen bytes at a time.
// (Unrolling to 64 bytes per step for long strings measured no faster on our row shapes.)
inline std::size_t find_string_special_sse2(const char* p, const char* end) noexcept {
  // A signed compare with 0x20 catches control characters and, being negative, bytes >= 0x80.
  auto special_mask = [](__m128i v) {
    const __m128i hits = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
        _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    return static_cast<unsigned>(_mm_movemask_epi8(hits));
  };
  const char* s = p;
  while (end - s >= 16) {
    const unsigned mask = special_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s)));
    if (mask != 0) return static_cast<std::size_t>(s - p) + std::countr_zero(mask);
    s += 16;
  }
  if (s == end) return static_cast<std::size_t>(s - p);
  // The tail, copied so that no load reads past `end`; the padding is '"' (special) anyway.
  alignas(16) char tail[16];
  std::memset(tail, '"', sizeof tail);
  std::memcpy(tail, s, static_cast<std::size_t>(end - s));
  const unsigned mask = special_mask(_mm_load_si128(reinterpret_cast<const __m128i*>(tail)));
  const auto offset = static_cast<std::size_t>(std::countr_zero(mask));
  return static_cast<std::size_t>(s - p) + std::min(offset, static_cast<std::size_t>(end - s));
}
#endif

inline std::size_t find_string_special(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
  return find_string_special_sse2(p, end);
#else
  return find_string_special_swar(p, end);
#endif
}

// Length of the well-formed UTF-8 sequence starting at p (p < end, *p >= 0x80), or 0 if the
// bytes are not one (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
inline std::size_t utf8_sequence_length(const char* p, const char* end) noexcept {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  const auto avail = static_cast<std::size_t>(end - p);
  const unsigned char c = u[0];
  auto cont = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i < avail && u[i] >= lo && u[i] <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (c >= 0xE1 && c <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

}  // namespace sluice::json::detail
