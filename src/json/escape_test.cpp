// append_json_string against nlohmann/json's serializer.

#include "sluice/json/escape.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace sluice::json {
namespace {

std::string escaped(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

// Random text from pieces that matter: every control character, quotes, backslashes, '/', DEL,
// multi-byte characters and, when `invalid`, bytes that are not UTF-8. Also returns the text as
// it should read back: each byte that starts no valid sequence becomes U+FFFD.
std::pair<std::string, std::string> random_text(std::mt19937_64& rng, bool invalid) {
  static const std::vector<std::string> kValid = {"a",
                                                  "Z",
                                                  " ",
                                                  "\"",
                                                  "\\",
                                                  "/",
                                                  "\x7f",
                                                  "\xC3\xA9",
                                                  "\xE6\x97\xA5",
                                                  "\xF0\x9F\x98\x80",
                                                  "long enough to span a 16-byte block"};
  // None of these can complete, or be completed by, a neighbouring piece.
  static const std::vector<std::pair<std::string, int>> kInvalid = {
      {"\x80", 1}, {"\xC0\xAF", 2}, {"\xED\xA0\x80", 3}, {"\xFF", 1}};
  std::string text;
  std::string decoded;
  for (std::size_t n = rng() % 12; n > 0; --n) {
    const auto k = rng() % 10;
    if (k < 2) {
      text += static_cast<char>(rng() % 0x20);
      decoded += text.back();
    } else if (k == 2 && invalid) {
      const auto& [bytes, replaced] = kInvalid[rng() % kInvalid.size()];
      text += bytes;
      for (int i = 0; i < replaced; ++i) decoded += "\xEF\xBF\xBD";
    } else {
      const std::string& piece = kValid[rng() % kValid.size()];
      text += piece;
      decoded += piece;
    }
  }
  return {text, decoded};
}

TEST(AppendJsonString, MatchesNlohmannOnValidText) {
  std::mt19937_64 rng(1);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(rng, false).first;
    ASSERT_EQ(escaped(text), nlohmann::json(text).dump()) << round;
  }
}

TEST(AppendJsonString, ReplacesInvalidBytesAndStaysValidJson) {
  std::mt19937_64 rng(2);
  for (int round = 0; round < 20000; ++round) {
    const auto [text, decoded] = random_text(rng, true);
    const std::string out = escaped(text);
    ASSERT_TRUE(nlohmann::json::accept(out)) << round;
    ASSERT_EQ(nlohmann::json::parse(out).get<std::string>(), decoded) << round;
  }
}

}  // namespace
}  // namespace sluice::json
