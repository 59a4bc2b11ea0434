#include "sluice/json/escape.hpp"

#include "scan.hpp"

namespace sluice::json {

using detail::find_string_special;
using detail::utf8_sequence_length;

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const std::size_t plain = find_string_special(p, end);
    out.append(p, plain);
    p += plain;
    if (p == end) break;
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence_length(p, end);
      if (n == 0) {
        out += "\\ufffd";
        ++p;
      } else {
        out.append(p, n);
        p += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
    ++p;
  }
  out += '"';
}

}  // namespace sluice::json
