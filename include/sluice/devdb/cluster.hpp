#pragma once
// Embedded PostgreSQL: a private cluster run from the system's PostgreSQL binaries.
//
// The cluster listens on a unix socket only, in a private directory. When this process runs as
// root, PostgreSQL (which refuses root) runs as an unprivileged system user that is created on
// first use. The postmaster is a direct child of this process, in its own process group (a
// terminal's Ctrl-C reaches Sluice, which stops the database last), and it receives SIGINT (fast
// shutdown) if this process dies for any reason, so no orphan postmaster is ever left behind.
//
// Errors are startup-time failures and are thrown as devdb::Error with a readable message
// (including the tail of PostgreSQL's log when the server failed to start).

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace sluice::devdb {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ClusterOptions {
  // Where the cluster's files live. Empty: a fresh temporary directory, removed on stop.
  // An existing cluster in the directory is reused as it is.
  std::filesystem::path data_dir;
  // Where the unix socket (and PostgreSQL's log) go. Empty: a fresh private temporary directory,
  // removed on stop. Give a fixed one to restart a cluster at the same address.
  std::filesystem::path socket_dir;
  // Durable clusters fsync; throwaway ones (tests, benchmarks) skip it for speed.
  bool durable = true;
  std::chrono::milliseconds start_timeout{30'000};
  // Extra server settings, "name=value" each (passed as -c name=value).
  std::vector<std::string> settings;
};

class Cluster {
 public:
  // Creates (initdb) or reuses the cluster, starts it and waits until it accepts connections.
  explicit Cluster(ClusterOptions options);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  // Fast shutdown (SIGINT), waiting for the postmaster to exit; escalates to SIGQUIT and SIGKILL
  // if it does not within the deadline. Idempotent.
  void stop() noexcept;

  // True when this start ran initdb (the directory held no cluster before).
  [[nodiscard]] bool freshly_created() const noexcept { return freshly_created_; }
  [[nodiscard]] pid_t postmaster_pid() const noexcept { return pid_; }
  [[nodiscard]] const std::filesystem::path& data_dir() const noexcept { return data_dir_; }
  [[nodiscard]] const std::filesystem::path& socket_dir() const noexcept { return socket_dir_; }
  [[nodiscard]] int port() const noexcept { return port_; }

  // libpq keyword/value connection string for a database of this cluster.
  [[nodiscard]] std::string conninfo(std::string_view dbname = "postgres") const;
  // postgresql:// URL for the same (host is the socket directory, percent-encoded).
  [[nodiscard]] std::string url(std::string_view dbname = "postgres") const;

  // Blocking helpers for setup code (not for request paths).
  void create_database(std::string_view name) const;
  void drop_database(std::string_view name) const;
  // Runs SQL text (several statements allowed). On error throws devdb::Error with
  // "<origin>:<line>:<column>: <message>" where the position is known.
  void run_sql(std::string_view dbname, std::string_view sql, std::string_view origin = "sql") const;
  void run_sql_file(std::string_view dbname, const std::filesystem::path& file) const;

  static constexpr std::string_view superuser = "sluice";

 private:
  void start();
  std::filesystem::path data_dir_;
  std::filesystem::path socket_dir_;
  std::filesystem::path log_file_;
  ClusterOptions options_;
  bool temporary_ = false;
  bool temporary_socket_dir_ = false;
  bool freshly_created_ = false;
  int port_ = 5432;
  pid_t pid_ = -1;
};

// Directory holding initdb/postgres: `pg_config --bindir` if it has them, else the newest
// /usr/lib/postgresql/<version>/bin. Throws Error when none is found.
[[nodiscard]] std::filesystem::path find_postgres_bindir();

}  // namespace sluice::devdb
