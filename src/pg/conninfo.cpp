#include "conninfo.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>

#include "sluice/pg/error.hpp"

namespace sluice::pg::detail {
namespace asio = boost::asio;

namespace {

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> items;
  for (;;) {
    const auto comma = list.find(',');
    items.emplace_back(list.substr(0, comma));
    if (comma == std::string_view::npos) return items;
    list.remove_prefix(comma + 1);
  }
}

std::string join_list(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ","));
}

// A host entry libpq would look up in DNS: not a socket directory and not an address literal.
bool needs_lookup(const std::string& host) {
  if (host.empty() || host.front() == '/' || host.front() == '@') return false;
  boost::system::error_code ec;
  (void)asio::ip::make_address(host, ec);
  return static_cast<bool>(ec);
}

}  // namespace

ConnParams ConnParams::parse(const std::string& conninfo) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(conninfo.c_str(), &error), &PQconninfoFree);
  if (!options) {
    std::string message = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw ConnectionError("invalid connection string: " + message);
  }
  ConnParams params;
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (o->val != nullptr) params.entries_.emplace_back(o->keyword, o->val);
  }
  return params;
}

std::optional<std::string> ConnParams::get(std::string_view keyword) const {
  for (const auto& [k, v] : entries_) {
    if (k == keyword) return v;
  }
  return std::nullopt;
}

void ConnParams::set(std::string_view keyword, std::string value) {
  keywords_.clear();
  values_.clear();
  for (auto& [k, v] : entries_) {
    if (k == keyword) {
      v = std::move(value);
      return;
    }
  }
  entries_.emplace_back(std::string(keyword), std::move(value));
}

void ConnParams::build() {
  if (!keywords_.empty()) return;
  for (const auto& [k, v] : entries_) {
    keywords_.push_back(k.c_str());
    values_.push_back(v.c_str());
  }
  keywords_.push_back(nullptr);
  values_.push_back(nullptr);
}

const char* const* ConnParams::keywords() {
  build();
  return keywords_.data();
}

const char* const* ConnParams::values() {
  build();
  return values_.data();
}

void apply_driver_settings(ConnParams& params, const ConnectOptions& options) {
  if (options.statement_timeout.count() > 0) {
    std::string startup = params.get("options").value_or("");
    if (!startup.empty()) startup += ' ';
    startup += fmt::format("-c statement_timeout={}", options.statement_timeout.count());
    params.set("options", std::move(startup));
  }
  if (!params.get("fallback_application_name")) params.set("fallback_application_name", "sluice");
  if (!params.get("client_encoding")) params.set("client_encoding", "UTF8");
}

asio::awaitable<void> resolve_host_names(ConnParams& params,
                                         std::chrono::steady_clock::time_point deadline) {
  const auto host = params.get("host");
  const auto hostaddr = params.get("hostaddr");
  if (!host || (hostaddr && !hostaddr->empty())) co_return;
  const std::vector<std::string> hosts = split_list(*host);
  if (std::none_of(hosts.begin(), hosts.end(), needs_lookup)) co_return;
  const auto port = params.get("port");
  const std::vector<std::string> ports = split_list(port.value_or(""));
  // libpq itself reports a port list that matches neither one port nor one per host.
  if (ports.size() != 1 && ports.size() != hosts.size()) co_return;

  const auto executor = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver(executor);
  asio::steady_timer timer(executor, deadline);
  timer.async_wait([&resolver](boost::system::error_code ec) {
    if (!ec) resolver.cancel();  // only touches the resolver when it is still waiting
  });
  std::vector<std::string> new_hosts;
  std::vector<std::string> addresses;
  std::vector<std::string> new_ports;
  std::string failures;
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    const std::string& entry_port = ports.size() == 1 ? ports.front() : ports[i];
    if (!needs_lookup(hosts[i])) {
      new_hosts.push_back(hosts[i]);
      addresses.emplace_back();
      new_ports.push_back(entry_port);
      continue;
    }
    auto [ec, results] =
        co_await resolver.async_resolve(hosts[i], "", asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted && std::chrono::steady_clock::now() >= deadline) {
      throw TimeoutError(
          fmt::format("could not resolve host name \"{}\" before the connect deadline", hosts[i]));
    }
    if (ec) {
      failures += fmt::format("{}could not resolve host name \"{}\": {}",
                              failures.empty() ? "" : "; ", hosts[i], ec.message());
      continue;
    }
    std::vector<std::string> seen;
    for (const auto& result : results) {
      std::string address = result.endpoint().address().to_string();
      if (std::find(seen.begin(), seen.end(), address) != seen.end()) continue;
      seen.push_back(address);
      new_hosts.push_back(hosts[i]);
      addresses.push_back(std::move(address));
      new_ports.push_back(entry_port);
    }
  }
  timer.cancel();
  if (new_hosts.empty()) throw ConnectionError(failures);
  params.set("host", join_list(new_hosts));
  params.set("hostaddr", join_list(addresses));
  if (port) params.set("port", join_list(new_ports));
}

}  // namespace sluice::pg::detail
