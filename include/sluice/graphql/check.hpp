#pragma once
// What `sluice check` and `sluice schema print` do, without the command line around them: the
// CLI parses its flags, calls these and prints `output` to stdout, then exits with `exit_code`.

#include <span>
#include <string>

#include "sluice/graphql/validation.hpp"

namespace sluice::graphql {

enum class ReportFormat { text, json };

struct CommandOutcome {
  int exit_code = 0;   // check: 0 all valid, 1 some invalid, 2 a file could not be read or the
                       // schema did not load; schema print: 0, or 2 likewise
  std::string output;  // for stdout; ends with a newline when not empty
};

// Validates every operation document against the schema in `schema_file`. Text reports one
// line per problem, `FILE:LINE:COLUMN: message` (or `FILE: message` without a location), and
// `FILE: ok` for a valid file; JSON reports one object per file and line:
// {"file":"...","valid":false,"errors":[{"message":"...","locations":[{"line":1,"column":3}]}]}.
CommandOutcome check_command(const std::string& schema_file,
                             std::span<const std::string> operation_files, ReportFormat format,
                             const ValidationOptions& options = {});

// The effective schema of `schema_file` as SDL (print_schema), or its load errors.
CommandOutcome schema_print_command(const std::string& schema_file);

}  // namespace sluice::graphql
