#pragma once
// JSON string literals for text the server writes itself (names, error messages).

#include <string>
#include <string_view>

namespace sluice::json {

// Appends `text` as a quoted JSON string: '"', '\\' and control characters escaped, invalid
// UTF-8 replaced by U+FFFD so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);

}  // namespace sluice::json
