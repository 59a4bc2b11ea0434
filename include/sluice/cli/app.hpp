#pragma once
// The `sluice` command: `serve`, `dev`, `check`, `schema print`, `--version`, `--help`.

namespace sluice::cli {

// Parses the command line and runs the chosen subcommand. Returns the process exit status:
// 0 success, 1 failure at run time (one clear line on stderr), 2 bad usage.
[[nodiscard]] int run(int argc, char** argv);

}  // namespace sluice::cli
