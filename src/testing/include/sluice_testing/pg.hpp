#pragma once
// Test harness for *_pgtest binaries: one embedded PostgreSQL cluster per binary run (started
// before the first test, stopped after the last), and a fresh database per test suite.
//
//   class PoolTest : public sluice::testing::PgTest {};
//   TEST_F(PoolTest, Something) { connect(conninfo()); ... }

#include <gtest/gtest.h>

#include <string>

#include "sluice/devdb/cluster.hpp"

namespace sluice::testing {

// The binary's cluster. Valid from the first test on.
[[nodiscard]] devdb::Cluster& cluster();

class PgTest : public ::testing::Test {
 public:
  // Creates the suite's database, named after the test suite.
  static void SetUpTestSuite();
  static void TearDownTestSuite();

 protected:
  // libpq conninfo / URL of this suite's database.
  [[nodiscard]] static const std::string& conninfo();
  [[nodiscard]] static std::string url();
  [[nodiscard]] static const std::string& dbname();
  // Runs SQL (blocking) in this suite's database; throws devdb::Error on failure.
  static void run_sql(std::string_view sql);
};

}  // namespace sluice::testing
