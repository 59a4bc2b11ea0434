#pragma once
// The subcommands behind sluice::cli::run(). Each returns the process exit status.

#include <csignal>
#include <string>

#include "settings.hpp"

namespace sluice::cli {

// Serves settings.schema over settings.database until SIGINT/SIGTERM (waited for with sigwait
// on `signals`, which the caller has blocked in every thread).
[[nodiscard]] int serve(const Settings& settings, const sigset_t& signals);

// Starts (or reuses) the embedded cluster in settings.data_dir, loads settings.sql_files into a
// fresh one, serves it like `serve`, and stops the cluster last.
[[nodiscard]] int dev(Settings settings, const sigset_t& signals);

}  // namespace sluice::cli
