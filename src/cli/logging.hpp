#pragma once
// The process's log: logfmt lines on stderr, written in batches.

#include <string>

namespace sluice::cli {

// Makes spdlog's default logger write to stderr at `level` (trace … off).
void configure_logging(const std::string& level);

// Writes out what the log holds: before anything else goes to stderr directly.
void flush_logs() noexcept;

}  // namespace sluice::cli
