#pragma once
// Test-only generators of random selections (ObjectSpec) and of rows for them: keys with leading
// underscores, digits, unicode and characters that need escaping; nested objects and arrays;
// strings with every escape and raw UTF-8; numbers in every form (including beyond double
// range); nulls, missing keys, repeated keys, values of the wrong type; whitespace as
// PostgreSQL writes jsonb, compact, or random; and, optionally, damage (truncation, stray
// bytes) that makes rows malformed.

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sluice/json/program.hpp"

namespace sluice::json::random_rows {

inline const std::vector<std::string>& keys() {
  static const std::vector<std::string> kKeys = {
      "id", "name", "title", "_internal_code", "__meta", "1st", "2", "published_at",
      "address_line_1", "api_URL", "tags", "a", "ab", "abc", "abcdefgh", "abcdefghi",
      // Same length, first and last 8 bytes: they collide in any hash of those bytes.
      "abcdefgh1xyzwvuts", "abcdefgh2xyzwvuts",
      "\xC3\xBCn\xC3\xAF"
      "c\xC3\xB6"
      "d\xC3\xA9",
      "\xE6\x97\xA5\xE6\x9C\xAC", "with space", "quote\"d", "back\\slash", "tab\tkey", "author",
      "books", "meta", "x_y_z"};
  return kKeys;
}

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : rng_() % n; }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

  // ---- Selections ---------------------------------------------------------------------------

  ObjectSpec object_spec(int depth = 1) {
    static const std::vector<std::string> kTypes = {"Book", "Author", "T_1", "Thing"};
    static const std::vector<std::string> kNames = {"id",  "name", "x",         "alias1", "_a",
                                                    "__b", "r0",   "camelCase", "n2",     "v"};
    ObjectSpec spec;
    spec.type_name = pick(kTypes);
    std::set<std::string> used;
    const std::uint64_t count = 1 + below(6);
    for (std::uint64_t i = 0; i < count; ++i) {
      FieldSpec f;
      f.key = spec.fields.empty() || !chance(0.2) ? pick(keys()) : spec.fields.back().key;
      if (f.key.empty()) f.key = "id";
      f.response_name = pick(kNames);
      if (!used.insert(f.response_name).second) {
        f.response_name += "_" + std::to_string(i);
        used.insert(f.response_name);
      }
      f.field_name = chance(0.5) ? f.response_name : "field" + std::to_string(i);
      const std::uint64_t k = below(100);
      f.kind = k < 45   ? FieldKind::scalar
               : k < 60 ? FieldKind::json
               : k < 70 ? FieldKind::type_name
                        : FieldKind::object;
      if (f.kind == FieldKind::object && depth >= 4) f.kind = FieldKind::scalar;
      if (f.kind == FieldKind::type_name) {
        f.response_name = used.insert("__typename").second ? "__typename" : f.response_name;
        f.key.clear();
      } else {
        const std::uint64_t lists = chance(0.7) ? 0 : chance(0.8) ? 1 : 2;
        for (std::uint64_t l = 0; l < lists; ++l) f.items_non_null.push_back(chance(0.5));
      }
      f.non_null = chance(0.4);
      if (f.kind == FieldKind::object) f.object = object_spec(depth + 1);
      spec.fields.push_back(std::move(f));
    }
    return spec;
  }

  // ---- Rows ---------------------------------------------------------------------------------

  // One row for `spec`: mostly an object shaped like the selection, sometimes something else.
  std::string row(const ObjectSpec& spec, bool damage) {
    style_ = static_cast<Style>(below(3));
    std::string text;
    if (chance(0.03)) {
      text = "null";
    } else if (chance(0.02)) {
      text = any_value(2);
    } else {
      text = object_for(&spec, 0);
    }
    if (style_ == Style::random && chance(0.3)) text = " \n" + text + "\t ";
    if (damage && chance(0.08)) spoil(text);
    return text;
  }

  // Any JSON value, nested up to `depth` more levels.
  std::string any_value(int depth) {
    const std::uint64_t k = below(depth > 0 ? 10 : 7);
    if (k < 3) return string_value();
    if (k < 5) return number();
    if (k == 5) return chance(0.5) ? "true" : "false";
    if (k == 6) return "null";
    if (k < 9) return object_for(nullptr, depth - 1);
    std::vector<std::string> elements(below(4));
    for (auto& e : elements) e = any_value(depth - 1);
    return array(elements);
  }

  std::string number() {
    static const std::vector<std::string> kForms = {"0",
                                                    "-0",
                                                    "1",
                                                    "-1",
                                                    "123456789012345678901234567890",
                                                    "1.5",
                                                    "-0.0",
                                                    "1e10",
                                                    "1E-7",
                                                    "2.5e+3",
                                                    "1e400",
                                                    "-1e999",
                                                    "0.000001",
                                                    "9007199254740993",
                                                    "18446744073709551616",
                                                    "3.141592653589793238462643383279"};
    if (chance(0.5)) return pick(kForms);
    std::string n = chance(0.3) ? "-" : "";
    n += std::to_string(below(1000000));
    if (chance(0.3)) n += "." + std::to_string(below(1000));
    if (chance(0.2))
      n += std::string(chance(0.5) ? "e" : "E") + (chance(0.5) ? "-" : "") +
           std::to_string(below(30));
    return n;
  }

  std::string string_value() {
    static const std::vector<std::string> kPieces = {
        "a", "Z", "0", " ", "hello", "The quick brown fox", "\\\"", "\\\\", "\\/", "\\b", "\\f",
        "\\n", "\\r", "\\t", "\\u00e9", "\\u0000", "\\ud83d\\ude00", "\\u20AC", "\xC3\xA9",
        "\xE6\x97\xA5", "\xF0\x9F\x98\x80", "\x7F", "0123456789abcdef",
        // The edges of each UTF-8 length: U+0080, U+0800, U+D7FF, U+E000, U+FFFF, U+10FFFF.
        "\xC2\x80", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF",
        "\xF4\x8F\xBF\xBF", "\\uDBFF\\uDFFF"};
    std::string s = "\"";
    const std::uint64_t pieces = below(chance(0.2) ? 40 : 6);
    for (std::uint64_t i = 0; i < pieces; ++i) s += pick(kPieces);
    return s + "\"";
  }

 private:
  enum class Style { jsonb, compact, random };

  std::string space() {
    if (style_ != Style::random) return "";
    static const std::vector<std::string> kSpace = {"", "", " ", "\n", "\t", "\r\n  "};
    return pick(kSpace);
  }

  std::string key_text(const std::string& key) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    for (unsigned char c : key) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20 || (c < 0x80 && chance(0.05))) {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"";
  }

  std::string value_for(const FieldSpec& field, std::size_t level, int depth) {
    if (chance(0.08)) return "null";
    if (chance(0.04)) return any_value(1);
    if (level < field.items_non_null.size()) {
      std::vector<std::string> elements(below(5));
      for (auto& e : elements) e = value_for(field, level + 1, depth);
      return array(elements);
    }
    switch (field.kind) {
      case FieldKind::object:
        return object_for(&field.object, depth + 1);
      case FieldKind::json:
        return any_value(2);
      default: {
        const std::uint64_t k = below(4);
        return k < 2 ? string_value() : k == 2 ? number() : (chance(0.5) ? "true" : "false");
      }
    }
  }

  std::string object_for(const ObjectSpec* spec, int depth) {
    std::vector<std::pair<std::string, std::string>> members;
    if (spec != nullptr) {
      for (const FieldSpec& field : spec->fields) {
        if (field.kind == FieldKind::type_name || !chance(0.85)) continue;
        members.emplace_back(field.key, value_for(field, 0, depth));
      }
    }
    for (std::uint64_t extra = below(4); extra > 0; --extra) {
      members.emplace_back(chance(0.1) ? "" : pick(keys()), any_value(depth < 3 ? 1 : 0));
    }
    if (!members.empty() && chance(0.1)) {
      members.emplace_back(pick(members).first, any_value(0));  // a repeated key
    }
    if (style_ == Style::jsonb) {
      // jsonb orders keys by length, then bytes, and keeps the last of repeated keys; stable
      // sort keeps repeats in order so "last wins" means the same in both.
      std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
        return a.first.size() != b.first.size() ? a.first.size() < b.first.size()
                                                : a.first < b.first;
      });
    } else {
      std::shuffle(members.begin(), members.end(), rng_);
    }
    const std::string colon = style_ == Style::jsonb ? ": " : ":";
    const std::string comma = style_ == Style::jsonb ? ", " : ",";
    std::string out = "{" + space();
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i) out += comma + space();
      out += key_text(members[i].first) + space() + colon + space() + members[i].second + space();
    }
    return out + "}";
  }

  std::string array(const std::vector<std::string>& elements) {
    const std::string comma = style_ == Style::jsonb ? ", " : ",";
    std::string out = "[" + space();
    for (std::size_t i = 0; i < elements.size(); ++i) {
      out += (i ? comma + space() : "") + elements[i] + space();
    }
    return out + "]";
  }

  void spoil(std::string& text) {
    static const std::vector<std::string> kBytes = {
        "\x80", "\xFF", "\"", "}", "]", "\\", "\x01", "x", ",", "\xC3", "{", ":", "01", "-", "1.",
        "tru", " ", "\\u12", "\\ud800", "\\udc00", "\\ud800\\u0041", "\\x",
        // Ill-formed UTF-8: overlong forms, a surrogate, beyond U+10FFFF, truncated sequences.
        "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF", "\xED\xA0\x80",
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xE6\x97", "\xF0\x9F\x98"};
    if (text.empty()) return;
    const std::size_t at = below(text.size() + 1);
    switch (below(3)) {
      case 0:
        text.resize(at);
        break;
      case 1:
        text.insert(at, pick(kBytes));
        break;
      default:
        text.erase(std::min(at, text.size() - 1), 1);
    }
  }

  std::mt19937_64 rng_;
  Style style_ = Style::jsonb;
};

}  // namespace sluice::json::random_rows
