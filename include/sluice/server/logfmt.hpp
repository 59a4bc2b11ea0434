#pragma once
// Values in the structured log lines (logfmt: key=value pairs on one line).

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace sluice::server {

// Appends `value` bare when it is a plain token, otherwise quoted with `"` and `\` escaped and
// control characters replaced by spaces, so a value can never break the line or its pairs.
void append_logfmt(fmt::memory_buffer& out, std::string_view value);
[[nodiscard]] std::string logfmt(std::string_view value);

}  // namespace sluice::server
