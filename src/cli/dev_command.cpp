#include <spdlog/spdlog.h>

#include <filesystem>

#include "commands.hpp"
#include "sluice/devdb/cluster.hpp"
#include "sluice/server/logfmt.hpp"

namespace sluice::cli {

namespace {
constexpr const char* kDatabaseName = "sluice";
}

int dev(Settings settings, const sigset_t& signals) {
  devdb::Cluster cluster(devdb::ClusterOptions{.data_dir = settings.data_dir, .durable = true});
  if (cluster.freshly_created()) {
    try {
      cluster.create_database(kDatabaseName);
      for (const auto& file : settings.sql_files) {
        spdlog::info("event=load_sql file={}", server::logfmt(file.string()));
        cluster.run_sql_file(kDatabaseName, file);
      }
    } catch (...) {
      // A half-loaded cluster would be reused next time as if it were complete: remove it.
      cluster.stop();
      std::filesystem::remove_all(cluster.data_dir());
      throw;
    }
  } else if (!settings.sql_files.empty()) {
    spdlog::info(
        "event=reuse_cluster data_dir={} note=\"SQL files load only into a new cluster; remove "
        "the directory to start over\"",
        server::logfmt(cluster.data_dir().string()));
  }
  spdlog::info("event=embedded_postgres data_dir={} socket_dir={}",
               server::logfmt(cluster.data_dir().string()),
               server::logfmt(cluster.socket_dir().string()));
  settings.database = cluster.conninfo(kDatabaseName);
  const int status = serve(settings, signals);
  cluster.stop();  // last: after the server has drained
  return status;
}

}  // namespace sluice::cli
