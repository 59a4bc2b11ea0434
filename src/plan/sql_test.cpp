// SQL compilation, data-driven: testdata/sql_cases.txt lists operations with their variables
// and the statement (text and parameters) or the request error they must produce. The
// semantics behind each expected statement are stated in sql.hpp.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plan_test_support.hpp"
#include "sluice/plan/plan.hpp"

namespace sluice::plan {
namespace {

nlohmann::json params_json(const std::vector<std::optional<std::string>>& params) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : params) out.push_back(p ? nlohmann::json(*p) : nlohmann::json(nullptr));
  return out;
}

TEST(SqlCases, EveryCase) {
  std::vector<testing::SqlCase> cases = testing::read_sql_cases();
  ASSERT_GT(cases.size(), 50u);
  for (const testing::SqlCase& c : cases) {
    SCOPED_TRACE("sql_cases.txt:" + std::to_string(c.line) + " " + c.name);
    PlanOptions options;
    options.max_rows = c.max_rows;
    auto plan = Plan::build(testing::library_schema(),
                            c.catalog ? testing::library_catalog() : nullptr, options, c.query, "");
    ASSERT_TRUE(plan->ok()) << plan->errors().front().message;
    graphql::Arena arena;
    Execution execution = plan->prepare(c.variables, arena);
    if (c.error) {
      ASSERT_FALSE(execution.ok());
      EXPECT_EQ(execution.errors.front().message, *c.error);
      EXPECT_TRUE(execution.roots.empty());
      continue;
    }
    ASSERT_TRUE(execution.ok()) << execution.errors.front().message;
    ASSERT_EQ(execution.roots.size(), 1u);
    const Statement& statement = execution.roots.front().statement;
    ASSERT_TRUE(c.sql && c.params) << "a case needs sql and params, or error";
    EXPECT_EQ(statement.sql, *c.sql);
    EXPECT_EQ(params_json(statement.params), nlohmann::json::parse(*c.params));
  }
}

}  // namespace
}  // namespace sluice::plan
