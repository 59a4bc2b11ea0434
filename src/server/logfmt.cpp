#include "sluice/server/logfmt.hpp"

#include <algorithm>

namespace sluice::server {

void append_logfmt(fmt::memory_buffer& out, std::string_view value) {
  const bool bare = !value.empty() && std::none_of(value.begin(), value.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '=' || c == '\\';
  });
  if (bare) {
    out.append(value);
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(static_cast<unsigned char>(c) < ' ' ? ' ' : c);
  }
  out.push_back('"');
}

std::string logfmt(std::string_view value) {
  fmt::memory_buffer out;
  append_logfmt(out, value);
  return fmt::to_string(out);
}

}  // namespace sluice::server
