#include <algorithm>
#include <cctype>
#include <memory>

#include "sluice_testing/pg.hpp"

namespace sluice::testing {
namespace {

std::unique_ptr<devdb::Cluster> g_cluster;
std::string g_dbname;
std::string g_conninfo;

class ClusterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    devdb::ClusterOptions options;
    options.durable = false;
    g_cluster = std::make_unique<devdb::Cluster>(std::move(options));
  }
  void TearDown() override { g_cluster.reset(); }
};

}  // namespace

devdb::Cluster& cluster() { return *g_cluster; }

void PgTest::SetUpTestSuite() {
  const auto* suite = ::testing::UnitTest::GetInstance()->current_test_suite();
  std::string name = "t_";
  for (char c : std::string(suite ? suite->name() : "suite")) {
    name += static_cast<char>(std::isalnum(static_cast<unsigned char>(c)) ? std::tolower(c) : '_');
  }
  g_dbname = name.substr(0, 63);
  cluster().drop_database(g_dbname);
  cluster().create_database(g_dbname);
  g_conninfo = cluster().conninfo(g_dbname);
}

void PgTest::TearDownTestSuite() {
  if (!g_dbname.empty()) cluster().drop_database(g_dbname);
  g_dbname.clear();
  g_conninfo.clear();
}

const std::string& PgTest::conninfo() { return g_conninfo; }
std::string PgTest::url() { return cluster().url(g_dbname); }
const std::string& PgTest::dbname() { return g_dbname; }
void PgTest::run_sql(std::string_view sql) { cluster().run_sql(g_dbname, sql); }

}  // namespace sluice::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new sluice::testing::ClusterEnvironment);
  return RUN_ALL_TESTS();
}
