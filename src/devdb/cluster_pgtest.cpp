#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sluice/devdb/cluster.hpp"
#include "sluice_testing/pg.hpp"

namespace sluice::devdb {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string query_one(const std::string& conninfo, const char* sql) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  EXPECT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* r = PQexec(conn, sql);
  std::string value = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1
                          ? PQgetvalue(r, 0, 0)
                          : std::string("error: ") + PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(conn);
  return value;
}

bool process_alive(pid_t pid) {
  if (::kill(pid, 0) != 0) return false;
  // A zombie still answers kill(0); it is dead for our purposes.
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, comm, state;
  stat >> pid_field >> comm >> state;
  return state != "Z";
}

fs::path scratch_dir(const char* name) {
  fs::path dir = fs::temp_directory_path() / fmt::format("sluice-devdb-test-{}-{}", name, getpid());
  fs::remove_all(dir);
  return dir;
}

using ClusterTest = sluice::testing::PgTest;

TEST_F(ClusterTest, TemporaryClusterServesSqlOverUnixSocketAndCleansUp) {
  fs::path data;
  pid_t pid = -1;
  {
    Cluster cluster(ClusterOptions{.durable = false});
    EXPECT_TRUE(cluster.freshly_created());
    data = cluster.data_dir();
    pid = cluster.postmaster_pid();
    EXPECT_EQ(query_one(cluster.conninfo(), "SELECT 40 + 2"), "42");
    EXPECT_EQ(query_one(cluster.conninfo(), "SHOW listen_addresses"), "");
    EXPECT_EQ(query_one(cluster.url(), "SELECT current_user"), std::string(Cluster::superuser));
    if (geteuid() == 0) {
      EXPECT_NE(query_one(cluster.conninfo(),
                          "SELECT usename FROM pg_stat_activity WHERE pid = pg_backend_pid()"),
                "root");
    }
  }
  EXPECT_FALSE(fs::exists(data));
  EXPECT_FALSE(process_alive(pid));
}

TEST_F(ClusterTest, DataDirectoryIsReusedBetweenRuns) {
  const fs::path dir = scratch_dir("reuse");
  {
    Cluster first(ClusterOptions{.data_dir = dir, .durable = false});
    EXPECT_TRUE(first.freshly_created());
    first.run_sql("postgres", "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
  }
  {
    Cluster second(ClusterOptions{.data_dir = dir, .durable = false});
    EXPECT_FALSE(second.freshly_created());
    EXPECT_EQ(query_one(second.conninfo(), "SELECT v FROM kept"), "still here");
  }
  fs::remove_all(dir);
}

TEST_F(ClusterTest, RefusesNonEmptyDirectoryThatIsNotACluster) {
  const fs::path dir = scratch_dir("junk");
  fs::create_directories(dir);
  std::ofstream(dir / "notes.txt") << "mine";
  try {
    Cluster cluster(ClusterOptions{.data_dir = dir});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not empty"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::exists(dir / "notes.txt"));
  fs::remove_all(dir);
}

TEST_F(ClusterTest, SqlErrorsNameFileLineAndColumn) {
  const fs::path file = fs::temp_directory_path() / fmt::format("sluice-bad-{}.sql", getpid());
  std::ofstream(file) << "CREATE TABLE ok1 (a int);\n\nSELECT 1;\n  SELEC oops;\n";
  try {
    sluice::testing::cluster().run_sql_file(dbname(), file);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), file.string() + ":4:3: syntax error at or near \"SELEC\"");
  }
  fs::remove(file);
}

// The postmaster must never outlive the process that started it, however that process ends.
TEST_F(ClusterTest, KillingTheParentStopsTheCluster) {
  // Orphans are re-parented to us instead of init, so we can see them exit and reap them.
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  // Fixed directories: the killed parent cannot remove temporary ones, this test does.
  const fs::path data = scratch_dir("orphan-data");
  const fs::path sockets = scratch_dir("orphan-sock");
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(fds[0]);
    try {
      Cluster cluster(ClusterOptions{.data_dir = data, .socket_dir = sockets, .durable = false});
      const pid_t pm = cluster.postmaster_pid();
      (void)!::write(fds[1], &pm, sizeof pm);
      for (;;) ::pause();
    } catch (...) {
      ::_exit(3);
    }
  }
  ::close(fds[1]);
  pid_t postmaster = -1;
  ASSERT_EQ(::read(fds[0], &postmaster, sizeof postmaster), static_cast<ssize_t>(sizeof postmaster));
  ::close(fds[0]);
  ASSERT_TRUE(process_alive(postmaster));

  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  const auto until = std::chrono::steady_clock::now() + 20s;
  while (process_alive(postmaster) && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_FALSE(process_alive(postmaster)) << "postmaster " << postmaster << " outlived its parent";
  while (::waitpid(-1, nullptr, WNOHANG) > 0) {
  }
  ::prctl(PR_SET_CHILD_SUBREAPER, 0);
  fs::remove_all(data);
  fs::remove_all(sockets);
}

}  // namespace
}  // namespace sluice::devdb
