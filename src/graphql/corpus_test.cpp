// Differential test against graphql-js: every document of testdata/validation/ must get the same
// verdict (valid or not) as graphql-js gave it, and the same error locations unless it is listed
// in kLocationDisagreements with the reason. See testdata/validation/README.md.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sluice/graphql/parser.hpp"
#include "sluice/graphql/schema.hpp"
#include "sluice/graphql/validation.hpp"

namespace sluice::graphql {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(SLUICE_SOURCE_DIR) / "src/graphql/testdata/validation";

// Documents on which Sluice reports different error locations than graphql-js, and why.
const std::map<std::string, std::string> kLocationDisagreements = {};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using Locations = std::vector<std::vector<std::pair<int, int>>>;  // per error, sorted

Locations normalize(Locations l) {
  for (auto& e : l) std::sort(e.begin(), e.end());
  std::sort(l.begin(), l.end());
  return l;
}

std::string describe(const Locations& l) {
  std::string out;
  for (const auto& e : l) {
    out += "[";
    for (auto [line, col] : e) out += std::to_string(line) + ":" + std::to_string(col) + " ";
    out += "] ";
  }
  return out;
}

struct Verdict {
  bool valid = true;
  Locations locations;
  std::vector<std::string> messages;
};

Verdict sluice_verdict(const Schema& schema, const std::string& source) {
  Verdict v;
  Arena arena;
  auto parsed = parse(source, arena);
  std::vector<Error> errors;
  if (!parsed) {
    errors.push_back(*parsed.error);
  } else {
    errors = validate(schema, *parsed.document).errors;
  }
  v.valid = errors.empty();
  for (const Error& e : errors) {
    std::vector<std::pair<int, int>> locs;
    for (const auto& l : e.locations) locs.emplace_back(l.line, l.column);
    v.locations.push_back(locs);
    v.messages.push_back(e.message);
  }
  v.locations = normalize(v.locations);
  return v;
}

Verdict expected_verdict(const fs::path& path) {
  auto json = nlohmann::json::parse(read_file(path));
  Verdict v;
  v.valid = json.at("valid").get<bool>();
  for (const auto& e : json.at("errors")) {
    std::vector<std::pair<int, int>> locs;
    if (e.contains("locations")) {
      for (const auto& l : e.at("locations")) locs.emplace_back(l.at("line"), l.at("column"));
    }
    v.locations.push_back(locs);
    v.messages.push_back(e.at("message"));
  }
  v.locations = normalize(v.locations);
  return v;
}

TEST(GraphqlJsCorpus, AgreesWithGraphqlJs) {
  auto loaded = load_schema(read_file(kCorpus / "schema.graphql"), "schema.graphql");
  ASSERT_TRUE(loaded) << format_errors("schema.graphql", loaded.errors);
  std::vector<fs::path> documents;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() == ".graphql" && entry.path().filename() != "schema.graphql") {
      documents.push_back(entry.path());
    }
  }
  std::sort(documents.begin(), documents.end());
  ASSERT_GE(documents.size(), 400u);

  std::size_t invalid = 0;
  std::size_t locations_agree = 0;
  std::size_t messages_agree = 0;
  std::size_t errors_total = 0;
  for (const fs::path& doc : documents) {
    std::string name = doc.stem().string();
    fs::path expected_path = doc;
    expected_path.replace_extension(".expected.json");
    Verdict expected = expected_verdict(expected_path);
    Verdict actual = sluice_verdict(*loaded.schema, read_file(doc));
    EXPECT_EQ(actual.valid, expected.valid)
        << name << ": graphql-js says " << (expected.valid ? "valid" : "invalid")
        << "; Sluice: " << (actual.messages.empty() ? "" : actual.messages.front());
    for (const std::string& m : expected.messages) {
      ++errors_total;
      if (std::find(actual.messages.begin(), actual.messages.end(), m) != actual.messages.end()) {
        ++messages_agree;
      }
    }
    if (expected.valid) continue;
    ++invalid;
    bool same = actual.locations == expected.locations;
    auto listed = kLocationDisagreements.find(name);
    if (same) {
      ++locations_agree;
      EXPECT_EQ(listed, kLocationDisagreements.end()) << name << " agrees now; unlist it";
    } else {
      EXPECT_NE(listed, kLocationDisagreements.end())
          << name << ": locations differ\n  graphql-js: " << describe(expected.locations)
          << "\n  Sluice:     " << describe(actual.locations)
          << "\n  first messages: " << (expected.messages.empty() ? "" : expected.messages.front())
          << " | " << (actual.messages.empty() ? "" : actual.messages.front());
    }
  }
  ASSERT_GT(invalid, 0u);
  double ratio = static_cast<double>(locations_agree) / static_cast<double>(invalid);
  EXPECT_GE(ratio, 0.95);
  RecordProperty("documents", static_cast<int>(documents.size()));
  std::cout << documents.size() << " documents, " << invalid
            << " invalid; error locations agree on " << locations_agree << " ("
            << static_cast<int>(ratio * 1000) / 10.0 << "%); " << messages_agree << " of "
            << errors_total << " graphql-js messages matched exactly\n";
}

}  // namespace
}  // namespace sluice::graphql
