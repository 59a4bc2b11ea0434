#pragma once
// JSON string literals for text the server writes itself (names, error messages): the one
// escaping function of the project's response bytes.

#include <string>
#include <string_view>

namespace sluice::json {

// Appends `text` as a quoted JSON string: '"', '\\' and control characters escaped, invalid
// UTF-8 replaced by U+FFFD (one per byte that starts no valid sequence) so the output is always
// valid JSON. Other bytes, including '/' and non-ASCII characters, are copied as they are.
void append_json_string(std::string& out, std::string_view text);

}  // namespace sluice::json
