// The demo database (examples/blog) loads into a fresh database exactly as `sluice dev` loads
// it, and passes its own self-checks (check.sql: shapes, counts and determinism computed by
// independent queries, every mutation status class).

#include <gtest/gtest.h>

#include <filesystem>

#include "sluice_testing/pg.hpp"

namespace {
namespace fs = std::filesystem;

const fs::path kBlog = fs::path(SLUICE_SOURCE_DIR) / "examples/blog";

class BlogExample : public sluice::testing::PgTest {};

TEST_F(BlogExample, LoadsSeedsAndPassesItsSelfChecks) {
  auto& cluster = sluice::testing::cluster();
  for (const char* file : {"schema.sql", "seed.sql", "check.sql"}) {
    SCOPED_TRACE(file);
    std::string error;  // check.sql raises an exception naming the first thing that is wrong
    try {
      cluster.run_sql_file(dbname(), kBlog / file);
    } catch (const sluice::devdb::Error& e) {
      error = e.what();
    }
    ASSERT_EQ(error, "");
  }
}

}  // namespace
