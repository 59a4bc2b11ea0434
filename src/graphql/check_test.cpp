#include "sluice/graphql/check.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "graphql_js.hpp"

namespace sluice::graphql {
namespace {

namespace fs = std::filesystem;

class CheckCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sluice-check-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    schema_ = (testing::kSourceDir / "src/graphql/testdata/schemas/blog.graphql").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

  fs::path dir_;
  std::string schema_;
};

TEST_F(CheckCommand, ExitsZeroWhenEveryFileIsValid) {
  std::vector<std::string> files{
      write("a.graphql", "{ posts { id title } }"),
      write("b.graphql", "query($id: UUID!) { post(id: $id) { slug } }")};
  auto outcome = check_command(schema_, files, ReportFormat::text);
  EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
  EXPECT_EQ(outcome.output, files[0] + ": ok\n" + files[1] + ": ok\n");
}

TEST_F(CheckCommand, ExitsOneAndReportsLocationsWhenAFileIsInvalid) {
  std::vector<std::string> files{write("ok.graphql", "{ users { id } }"),
                                 write("bad.graphql", "{\n  posts { nope }\n}")};
  auto outcome = check_command(schema_, files, ReportFormat::text);
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.output.find(files[1] + ":2:11: Cannot query field \"nope\" on type \"Post\"."),
            std::string::npos)
      << outcome.output;
}

TEST_F(CheckCommand, JsonReportsOneObjectPerFile) {
  std::vector<std::string> files{write("ok.graphql", "{ users { id } }"),
                                 write("bad.graphql", "{ posts { nope } }"),
                                 write("syntax.graphql", "{ posts ")};
  auto outcome = check_command(schema_, files, ReportFormat::json);
  EXPECT_EQ(outcome.exit_code, 1);
  std::istringstream lines(outcome.output);
  std::string line;
  std::vector<nlohmann::json> reports;
  while (std::getline(lines, line)) reports.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[0]["file"], files[0]);
  EXPECT_EQ(reports[0]["valid"], true);
  EXPECT_TRUE(reports[0]["errors"].empty());
  EXPECT_EQ(reports[1]["valid"], false);
  EXPECT_EQ(reports[1]["errors"][0]["locations"][0]["line"], 1);
  EXPECT_EQ(reports[1]["errors"][0]["locations"][0]["column"], 11);
  EXPECT_EQ(reports[2]["errors"][0]["message"], "Syntax Error: Expected Name, found <EOF>.");
}

TEST_F(CheckCommand, ExitsTwoWhenAFileCannotBeRead) {
  std::vector<std::string> files{write("ok.graphql", "{ users { id } }"),
                                 (dir_ / "missing.graphql").string()};
  EXPECT_EQ(check_command(schema_, files, ReportFormat::text).exit_code, 2);
  EXPECT_EQ(check_command((dir_ / "none.graphql").string(), files, ReportFormat::text).exit_code,
            2);
}

TEST_F(CheckCommand, ExitsTwoWhenTheSchemaDoesNotLoad) {
  std::string schema = write("schema.graphql", "type Query { a: Nope }");
  std::vector<std::string> files{write("ok.graphql", "{ a }")};
  auto outcome = check_command(schema, files, ReportFormat::text);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.output, schema + ":1:17: Unknown type \"Nope\".\n");
}

TEST_F(CheckCommand, SchemaPrintPrintsTheEffectiveSchema) {
  auto outcome = schema_print_command(schema_);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_NE(outcome.output.find("input PostWhere {"), std::string::npos);
  EXPECT_EQ(schema_print_command((dir_ / "none.graphql").string()).exit_code, 2);
}

}  // namespace
}  // namespace sluice::graphql
