#include "sluice/graphql/naming.hpp"

namespace sluice::graphql {
namespace {

bool is_upper(char c) noexcept { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) noexcept { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::size_t leading_underscores(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size() && s[i] == '_') ++i;
  return i;
}

}  // namespace

void append_camel(std::string_view key, std::string& out) {
  std::size_t i = leading_underscores(key);
  out.append(key.substr(0, i));
  while (i < key.size()) {
    char c = key[i];
    if (c == '_' && i + 1 < key.size() && key[i + 1] != '_') {
      char next = key[i + 1];
      out.push_back(is_lower(next) ? static_cast<char>(next - 'a' + 'A') : next);
      i += 2;
      continue;
    }
    out.push_back(c);
    ++i;
  }
}

void append_snake(std::string_view name, std::string& out) {
  std::size_t i = leading_underscores(name);
  out.append(name.substr(0, i));
  if (i < name.size()) out.push_back(name[i++]);  // camel() never changes this character
  for (; i < name.size(); ++i) {
    char c = name[i];
    if (is_upper(c)) {
      out.push_back('_');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((is_digit(c) && !is_digit(name[i - 1])) || (name[i - 1] == '_' && c != '_')) {
      // camel() drops an underscore before every non-underscore character it follows; put it
      // back for digits (addressLine1) and after kept underscores (a_B came from a__b).
      out.push_back('_');
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
}

std::string camel(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  append_camel(key, out);
  return out;
}

std::string snake(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 4);
  append_snake(name, out);
  return out;
}

}  // namespace sluice::graphql
