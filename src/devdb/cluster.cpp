#include "sluice/devdb/cluster.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sluice::devdb {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// PostgreSQL refuses to run as root; as root we run it as this system user.
constexpr const char* kServiceUser = "sluice-pg";

struct Identity {
  uid_t uid;
  gid_t gid;
};

// The identity PostgreSQL runs under: ourselves, or (as root) the service user, created once.
Identity postgres_identity() {
  if (geteuid() != 0) return {geteuid(), getegid()};
  if (getpwnam(kServiceUser) == nullptr) {
    std::string cmd = fmt::format(
        "useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin {} "
        ">/dev/null 2>&1",
        kServiceUser);
    if (std::system(cmd.c_str()) != 0 && getpwnam(kServiceUser) == nullptr) {
      throw Error(fmt::format("cannot create the system user '{}' to run PostgreSQL as "
                              "(PostgreSQL refuses to run as root)",
                              kServiceUser));
    }
  }
  const passwd* pw = getpwnam(kServiceUser);
  if (pw == nullptr) throw Error(fmt::format("system user '{}' not found", kServiceUser));
  return {pw->pw_uid, pw->pw_gid};
}

void chown_tree(const fs::path& root, Identity who) {
  if (geteuid() != 0) return;
  auto own = [&](const fs::path& p) {
    if (::lchown(p.c_str(), who.uid, who.gid) != 0) {
      throw Error(fmt::format("chown {}: {}", p.string(), std::strerror(errno)));
    }
  };
  own(root);
  for (const auto& entry : fs::recursive_directory_iterator(root)) own(entry.path());
}

fs::path make_temp_dir(const char* prefix) {
  // Short paths: a unix socket path must fit in 107 bytes.
  std::string tmpl = fmt::format("/tmp/{}-XXXXXX", prefix);
  if (::mkdtemp(tmpl.data()) == nullptr) {
    throw Error(fmt::format("mkdtemp {}: {}", tmpl, std::strerror(errno)));
  }
  return tmpl;
}

std::string tail_of_file(const fs::path& file, std::size_t max_lines) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  std::size_t first = lines.size() > max_lines ? lines.size() - max_lines : 0;
  std::string out;
  for (std::size_t i = first; i < lines.size(); ++i) out += "\n  | " + lines[i];
  return out;
}

// fork + (drop privileges) + exec. The child gets stdout/stderr appended to `log`, its own
// process group, and SIGINT (PostgreSQL's fast shutdown) when this process dies, so it never
// outlives us. PR_SET_PDEATHSIG is reset by setuid, so it is set after dropping privileges.
pid_t spawn(const fs::path& program, const std::vector<std::string>& args, const fs::path& log,
            Identity who) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) throw Error(fmt::format("open {}: {}", log.string(), std::strerror(errno)));
  if (geteuid() == 0 && ::fchown(log_fd, who.uid, who.gid) != 0) {
    ::close(log_fd);
    throw Error(fmt::format("chown {}: {}", log.string(), std::strerror(errno)));
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    throw Error(fmt::format("fork: {}", std::strerror(errno)));
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls from here on.
    ::setpgid(0, 0);
    // Signals our process blocks (the CLI waits for SIGINT/SIGTERM with sigwait) must not stay
    // blocked in PostgreSQL: the mask is inherited across exec.
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    if (geteuid() == 0) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(who.gid) != 0 || ::setuid(who.uid) != 0) {
        ::_exit(126);
      }
    }
    ::prctl(PR_SET_PDEATHSIG, SIGINT);
    if (::getppid() != parent) ::_exit(125);  // the parent died before prctl took effect
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(log_fd);
  return pid;
}

// Waits for `pid` up to `deadline`; returns its wait status, or nullopt if still running.
std::optional<int> wait_for(pid_t pid, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return 0;  // not our child any more: treat as gone
    if (std::chrono::steady_clock::now() >= until) return std::nullopt;
    std::this_thread::sleep_for(10ms);
  }
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return fmt::format("exited with status {}", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return fmt::format("killed by signal {}", WTERMSIG(status));
  return "stopped";
}

std::string quote_conninfo_value(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string percent_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

using PgConn = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

// 1-based line and column of a 1-based character position in `text` (PostgreSQL counts
// characters, not bytes).
std::pair<int, int> line_column(std::string_view text, long position) {
  int line = 1;
  int column = 1;
  long chars = 1;
  for (std::size_t i = 0; i < text.size() && chars < position; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    ++chars;
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

fs::path find_postgres_bindir() {
  auto has_server = [](const fs::path& dir) {
    return fs::exists(dir / "postgres") && fs::exists(dir / "initdb");
  };
  if (FILE* pipe = ::popen("pg_config --bindir 2>/dev/null", "r")) {
    char buf[4096] = {};
    const bool got = std::fgets(buf, sizeof buf, pipe) != nullptr;
    ::pclose(pipe);
    if (got) {
      std::string dir(buf);
      while (!dir.empty() && (dir.back() == '\n' || dir.back() == '\r')) dir.pop_back();
      if (has_server(dir)) return dir;
    }
  }
  std::vector<fs::path> candidates;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    if (has_server(entry.path() / "bin")) candidates.push_back(entry.path() / "bin");
  }
  if (candidates.empty()) {
    throw Error(
        "no PostgreSQL server binaries found (tried `pg_config --bindir` and "
        "/usr/lib/postgresql/*/bin); install the `postgresql` package");
  }
  // Newest major version first: directory names are version numbers.
  std::sort(candidates.begin(), candidates.end(), [](const fs::path& a, const fs::path& b) {
    return std::stoi(a.parent_path().filename().string()) >
           std::stoi(b.parent_path().filename().string());
  });
  return candidates.front();
}

Cluster::Cluster(ClusterOptions options) : options_(std::move(options)) {
  try {
    start();
  } catch (...) {
    stop();
    throw;
  }
}

Cluster::~Cluster() { stop(); }

void Cluster::start() {
  const fs::path bindir = find_postgres_bindir();
  const Identity who = postgres_identity();

  temporary_ = options_.data_dir.empty();
  data_dir_ = temporary_ ? make_temp_dir("sluice-db") / "data" : fs::absolute(options_.data_dir);
  temporary_socket_dir_ = options_.socket_dir.empty();
  socket_dir_ = temporary_socket_dir_ ? make_temp_dir("sluice-sock") : fs::absolute(options_.socket_dir);
  // Only a directory we create is handed to the PostgreSQL user (never chown e.g. /tmp).
  const bool own_socket_dir = temporary_socket_dir_ || !fs::exists(socket_dir_);
  if (!temporary_socket_dir_) {
    std::error_code ec;
    fs::create_directories(socket_dir_, ec);
    if (ec) throw Error(fmt::format("cannot create {}: {}", socket_dir_.string(), ec.message()));
  }
  log_file_ = socket_dir_ / "postgres.log";
  if (temporary_) chown_tree(data_dir_.parent_path(), who);
  if (own_socket_dir) chown_tree(socket_dir_, who);

  if (!fs::exists(data_dir_ / "PG_VERSION")) {
    std::error_code ec;
    fs::create_directories(data_dir_, ec);
    if (ec) throw Error(fmt::format("cannot create {}: {}", data_dir_.string(), ec.message()));
    if (!fs::is_empty(data_dir_)) {
      throw Error(fmt::format(
          "{} is not empty and holds no PostgreSQL cluster; choose an empty or new directory",
          data_dir_.string()));
    }
    fs::permissions(data_dir_, fs::perms::owner_all, fs::perm_options::replace);
    chown_tree(data_dir_, who);
    std::vector<std::string> args = {"-D",           data_dir_.string(),   "-U",
                                     std::string(superuser), "--auth=trust", "-E",
                                     "UTF8",         "--locale=C.UTF-8",   "--no-instructions"};
    if (!options_.durable) args.push_back("--no-sync");
    const pid_t initdb = spawn(bindir / "initdb", args, log_file_, who);
    const auto status = wait_for(initdb, 120s);
    if (!status || !WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
      if (!status) ::kill(initdb, SIGKILL), wait_for(initdb, 5s);
      throw Error(fmt::format("initdb failed ({}):{}",
                              status ? describe_status(*status) : "timed out",
                              tail_of_file(log_file_, 20)));
    }
    freshly_created_ = true;
  } else if (geteuid() == 0) {
    chown_tree(data_dir_, who);  // e.g. a directory copied around by root
  }

  std::vector<std::string> args = {"-D", data_dir_.string(), "-k", socket_dir_.string(),
                                   "-p", std::to_string(port_), "-c", "listen_addresses="};
  if (!options_.durable) {
    for (const char* s : {"fsync=off", "synchronous_commit=off", "full_page_writes=off"}) {
      args.insert(args.end(), {"-c", s});
    }
  }
  for (const auto& s : options_.settings) args.insert(args.end(), {"-c", s});
  pid_ = spawn(bindir / "postgres", args, log_file_, who);

  const auto until = std::chrono::steady_clock::now() + options_.start_timeout;
  const std::string info = conninfo("postgres");
  for (;;) {
    if (PQping(info.c_str()) == PQPING_OK) return;
    if (auto status = wait_for(pid_, 0ms)) {
      pid_ = -1;
      throw Error(fmt::format("PostgreSQL failed to start ({}):{}", describe_status(*status),
                              tail_of_file(log_file_, 20)));
    }
    if (std::chrono::steady_clock::now() >= until) {
      throw Error(fmt::format("PostgreSQL did not accept connections within {} ms:{}",
                              options_.start_timeout.count(), tail_of_file(log_file_, 20)));
    }
    std::this_thread::sleep_for(20ms);
  }
}

void Cluster::stop() noexcept {
  if (pid_ > 0) {
    // SIGINT: fast shutdown (disconnect clients, checkpoint). Escalate if it hangs.
    ::kill(pid_, SIGINT);
    if (!wait_for(pid_, 30s)) {
      ::kill(pid_, SIGQUIT);
      if (!wait_for(pid_, 5s)) {
        ::kill(pid_, SIGKILL);
        wait_for(pid_, 5s);
      }
    }
    pid_ = -1;
  }
  std::error_code ec;
  if (!socket_dir_.empty()) {
    if (!temporary_ && fs::exists(log_file_)) {
      fs::copy_file(log_file_, data_dir_ / "sluice-postgres.log",
                    fs::copy_options::overwrite_existing, ec);
    }
    if (temporary_socket_dir_) fs::remove_all(socket_dir_, ec);
    socket_dir_.clear();
  }
  if (temporary_ && !data_dir_.empty()) {
    fs::remove_all(data_dir_.parent_path(), ec);
    data_dir_.clear();
  }
}

std::string Cluster::conninfo(std::string_view dbname) const {
  return fmt::format("host={} port={} user={} dbname={}", quote_conninfo_value(socket_dir_.string()),
                     port_, superuser, quote_conninfo_value(dbname));
}

std::string Cluster::url(std::string_view dbname) const {
  return fmt::format("postgresql://{}@{}:{}/{}", superuser, percent_encode(socket_dir_.string()),
                     port_, percent_encode(dbname));
}

void Cluster::run_sql(std::string_view dbname, std::string_view sql, std::string_view origin) const {
  PgConn conn(PQconnectdb(conninfo(dbname).c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw Error(fmt::format("{}: cannot connect to database '{}': {}", origin, dbname,
                            PQerrorMessage(conn.get())));
  }
  PQsetNoticeProcessor(conn.get(), [](void*, const char*) {}, nullptr);
  const std::string text(sql);
  PgResult result(PQexec(conn.get(), text.c_str()), &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return;
  std::string message = PQresultErrorField(result.get(), PG_DIAG_MESSAGE_PRIMARY)
                            ? PQresultErrorField(result.get(), PG_DIAG_MESSAGE_PRIMARY)
                            : PQerrorMessage(conn.get());
  if (const char* position = PQresultErrorField(result.get(), PG_DIAG_STATEMENT_POSITION)) {
    const auto [line, column] = line_column(text, std::atol(position));
    throw Error(fmt::format("{}:{}:{}: {}", origin, line, column, message));
  }
  if (const char* context = PQresultErrorField(result.get(), PG_DIAG_CONTEXT)) {
    message += fmt::format(" (context: {})", context);
  }
  throw Error(fmt::format("{}: {}", origin, message));
}

void Cluster::run_sql_file(std::string_view dbname, const fs::path& file) const {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot read file", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  run_sql(dbname, text.str(), file.string());
}

void Cluster::create_database(std::string_view name) const {
  run_sql("postgres", "CREATE DATABASE " + quote_identifier(name), "create database");
}

void Cluster::drop_database(std::string_view name) const {
  run_sql("postgres", "DROP DATABASE IF EXISTS " + quote_identifier(name) + " WITH (FORCE)",
          "drop database");
}

}  // namespace sluice::devdb
