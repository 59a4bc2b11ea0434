#pragma once
// Connection parameters handed to PQconnectStartParams: the user's conninfo as libpq parses it,
// plus the settings the driver adds.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sluice/pg/connection.hpp"

namespace sluice::pg::detail {

class ConnParams {
 public:
  // Parses a postgresql:// URL or a keyword=value string (libpq's own parser). Throws
  // ConnectionError when it is malformed.
  [[nodiscard]] static ConnParams parse(const std::string& conninfo);

  [[nodiscard]] std::optional<std::string> get(std::string_view keyword) const;
  void set(std::string_view keyword, std::string value);

  // NULL-terminated arrays for PQconnectStartParams (expand_dbname = 0). They point into this
  // object: valid until the next set() or its destruction.
  [[nodiscard]] const char* const* keywords();
  [[nodiscard]] const char* const* values();

 private:
  void build();
  std::vector<std::pair<std::string, std::string>> entries_;
  std::vector<const char*> keywords_;
  std::vector<const char*> values_;
};

// Adds the driver's settings: statement_timeout appended to the `options` startup parameter (so
// it is in force from the first statement and after every reconnect), an application name unless
// the user gave one, and UTF-8 as the client encoding unless the user chose another.
void apply_driver_settings(ConnParams& params, const ConnectOptions& options);

// libpq resolves host names with a blocking getaddrinfo() inside PQconnectPoll, which must not
// run on an io thread. This resolves them first with Asio's resolver and passes the addresses as
// `hostaddr` (keeping `host` for TLS and authentication), one host entry per address so libpq
// still falls back from one address to the next. Socket directories, IP literals and an explicit
// hostaddr are left alone. Throws TimeoutError past the deadline, ConnectionError when no name
// resolves.
boost::asio::awaitable<void> resolve_host_names(ConnParams& params,
                                                std::chrono::steady_clock::time_point deadline);

}  // namespace sluice::pg::detail
