// The scanning primitives against simple or independent oracles.

#include "scan.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace sluice::json::detail {
namespace {

std::size_t find_special_bytewise(const char* p, const char* end) {
  const char* s = p;
  while (s < end && !is_string_special(static_cast<unsigned char>(*s))) ++s;
  return static_cast<std::size_t>(s - p);
}

// Random buffers of plain bytes with a few special ones at random places, at every length and
// alignment around the 8- and 16-byte blocks.
TEST(FindStringSpecial, AgreesWithBytewiseScanAtEveryLengthAndOffset) {
  std::mt19937_64 rng(7);
  const std::string specials = std::string("\"\\\x01\x1f\x80\xff\xc3") + '\0';
  for (int round = 0; round < 20000; ++round) {
    std::string buffer(rng() % 70, 'a');
    for (char& c : buffer) c = static_cast<char>(0x20 + rng() % 0x5f);  // printable ASCII
    for (std::size_t n = rng() % 3; n > 0 && !buffer.empty(); --n) {
      buffer[rng() % buffer.size()] = specials[rng() % specials.size()];
    }
    const std::size_t from = buffer.empty() ? 0 : rng() % (buffer.size() + 1);
    const char* p = buffer.data() + from;
    const char* end = buffer.data() + buffer.size();
    const std::size_t expected = find_special_bytewise(p, end);
    ASSERT_EQ(find_string_special_swar(p, end), expected) << round;
#if defined(__SSE2__)
    ASSERT_EQ(find_string_special_sse2(p, end), expected) << round;
#endif
  }
}

TEST(FindStringSpecial, EveryByteValueIsClassifiedLikeTheBytewiseScan) {
  for (int c = 0; c < 256; ++c) {
    std::string buffer(40, 'x');
    buffer[21] = static_cast<char>(c);
    const char* end = buffer.data() + buffer.size();
    const std::size_t expected = find_special_bytewise(buffer.data(), end);
    EXPECT_EQ(find_string_special_swar(buffer.data(), end), expected) << c;
#if defined(__SSE2__)
    EXPECT_EQ(find_string_special_sse2(buffer.data(), end), expected) << c;
#endif
  }
}

// nlohmann/json's UTF-8 checker is the oracle: a sequence is well-formed exactly when a JSON
// string made of it is accepted.
bool oracle_accepts(const std::string& bytes) {
  return nlohmann::json::accept("\"" + bytes + "\"");
}

TEST(Utf8SequenceLength, AgreesWithNlohmannOnAllOneAndTwoByteInputs) {
  for (int a = 0x80; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      const std::string bytes{static_cast<char>(a), static_cast<char>(b)};
      const std::size_t n = utf8_sequence_length(bytes.data(), bytes.data() + bytes.size());
      // A two-byte input is well-formed as a whole when it is one 2-byte sequence, or a 1-byte
      // sequence (impossible here: a >= 0x80) followed by ASCII.
      ASSERT_EQ(n == 2, oracle_accepts(bytes)) << a << " " << b;
      const std::size_t alone = utf8_sequence_length(bytes.data(), bytes.data() + 1);
      ASSERT_EQ(alone, 0u) << "a sequence cut at the end of the input is incomplete";
    }
  }
}

TEST(Utf8SequenceLength, AgreesWithNlohmannOnSampledThreeAndFourByteInputs) {
  std::mt19937_64 rng(11);
  // Lead bytes across the whole range, continuation bytes concentrated on the edges that matter
  // (0x7F/0x80, 0x8F/0x90, 0x9F/0xA0, 0xBF/0xC0).
  const int interesting[] = {0x00, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F,
                             0xA0, 0xAF, 0xBF, 0xC0, 0xC2, 0xF4, 0xFF};
  for (int round = 0; round < 200000; ++round) {
    const std::size_t length = 3 + rng() % 2;
    std::string bytes(length, '\0');
    bytes[0] = static_cast<char>(0xE0 + rng() % 32);
    for (std::size_t i = 1; i < length; ++i) {
      bytes[i] = static_cast<char>(rng() % 2 ? interesting[rng() % std::size(interesting)]
                                             : 0x80 + rng() % 64);
    }
    const std::size_t n = utf8_sequence_length(bytes.data(), bytes.data() + bytes.size());
    // Accepted as a whole iff one sequence spans it all, or a shorter one is followed by ASCII
    // (which the oracle accepts too, unless it is a control character).
    bool whole = n == length;
    if (n != 0 && n < length) {
      whole = true;
      for (std::size_t i = n; i < length; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') whole = false;
      }
    }
    ASSERT_EQ(whole, oracle_accepts(bytes)) << round;
  }
}

}  // namespace
}  // namespace sluice::json::detail
