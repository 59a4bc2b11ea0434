#pragma once
// Shared by the plan layer's tests: the test schema (testdata/library.graphql), the catalog of
// its views, and the SQL cases (testdata/sql_cases.txt).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "sluice/graphql/schema.hpp"
#include "sluice/plan/catalog.hpp"

namespace sluice::plan::testing {

inline const std::filesystem::path kTestData = SLUICE_PLAN_TESTDATA;

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::shared_ptr<const graphql::Schema> load_sdl(const std::string& sdl) {
  graphql::SchemaLoadResult loaded = graphql::load_schema(sdl, "test.graphql");
  EXPECT_TRUE(loaded) << graphql::format_errors("test.graphql", loaded.errors);
  return loaded.schema;
}

inline std::shared_ptr<const graphql::Schema> library_schema() {
  static const std::shared_ptr<const graphql::Schema> schema =
      load_sdl(read_file(kTestData / "library.graphql"));
  return schema;
}

// Real columns of v_book as information_schema.columns would list them: some fit their
// fields' comparisons, some do not (sales is integer but the field is BigInt; genre is a
// PostgreSQL enum; tags an array), and full_name shares a nested field's key.
inline std::shared_ptr<const Catalog> library_catalog() {
  auto catalog = std::make_shared<Catalog>();
  catalog->relations["v_book"] = {
      {"id", "uuid"},
      {"title", "text"},
      {"pages", "integer"},
      {"sales", "integer"},
      {"available", "boolean"},
      {"published_at", "timestamp with time zone"},
      {"genre", "USER-DEFINED"},
      {"tags", "ARRAY"},
      {"full_name", "text"},
      {"data", "jsonb"},
  };
  return catalog;
}

// One case of testdata/sql_cases.txt (its header describes the format).
struct SqlCase {
  std::string name;
  int line = 0;
  std::string query;
  std::string variables;
  bool catalog = false;
  std::int64_t max_rows = 0;
  std::optional<std::string> sql;
  std::optional<std::string> params;
  std::optional<std::string> error;
};

// Blocks of "key: value" lines, each opened by "=== name"; '#' lines are comments.
inline std::vector<SqlCase> read_sql_cases() {
  std::vector<SqlCase> cases;
  std::istringstream in(read_file(kTestData / "sql_cases.txt"));
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line.front() == '#') continue;
    if (line.rfind("=== ", 0) == 0) {
      cases.push_back(SqlCase{.name = line.substr(4), .line = number});
      continue;
    }
    EXPECT_FALSE(cases.empty()) << "line " << number << " is outside a case";
    if (cases.empty()) continue;
    SqlCase& c = cases.back();
    std::size_t colon = line.find(": ");
    std::string key = line.substr(0, colon);
    std::string value = colon == std::string::npos ? "" : line.substr(colon + 2);
    if (key == "query") {
      c.query = value;
    } else if (key == "variables") {
      c.variables = value;
    } else if (key == "catalog") {
      c.catalog = true;
    } else if (key == "max_rows") {
      c.max_rows = std::stoll(value);
    } else if (key == "sql") {
      c.sql = value;
    } else if (key == "params") {
      c.params = value;
    } else if (key == "error") {
      c.error = value;
    } else {
      ADD_FAILURE() << "line " << number << ": unknown key " << key;
    }
  }
  return cases;
}

}  // namespace sluice::plan::testing
