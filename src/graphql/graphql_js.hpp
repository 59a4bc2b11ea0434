#pragma once
// Test support: runs a graphql-js script (the judge the tests compare with) with node, from
// tools/, where `npm ci` installs the pinned graphql package. Tests skip when it is missing.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::graphql::testing {

inline const std::filesystem::path kSourceDir = SLUICE_SOURCE_DIR;

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline bool graphql_js_available() {
  static const bool available =
      std::filesystem::exists(kSourceDir / "tools/node_modules/graphql/package.json") &&
      std::system("node --version > /dev/null 2>&1") == 0;
  return available;
}

// Runs the ES module `script` with `inputs` written to files whose paths are passed as
// arguments (process.argv[1], [2], ...). Returns stdout, or nullopt when node fails.
inline std::optional<std::string> run_graphql_js(std::string_view script,
                                                 const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("sluice-graphql-js-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(counter++));
  fs::create_directories(dir);
  std::string command = "cd '" + (kSourceDir / "tools").string() +
                        "' && node --input-type=module -e '" + std::string(script) + "' --";
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    fs::path p = dir / ("input" + std::to_string(i));
    std::ofstream(p, std::ios::binary) << inputs[i];
    command += " '" + p.string() + "'";
  }
  command += " 2>&1";
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  int status = ::pclose(pipe);
  fs::remove_all(dir);
  if (status != 0) {
    ADD_FAILURE() << "graphql-js script failed:\n" << output;
    return std::nullopt;
  }
  return output;
}

}  // namespace sluice::graphql::testing
