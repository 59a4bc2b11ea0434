#include "settings.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <thread>

extern char** environ;

namespace sluice::cli {
namespace {

using Apply = std::function<void(Settings&, const std::vector<std::string>&)>;

struct Descriptor {
  const char* name;   // flag spelling without dashes
  const char* table;  // TOML table, or "" for top level
  const char* expected;
  Apply apply;
  bool is_path = false;
};

std::uint64_t parse_number(const std::string& text, std::uint64_t max) {
  std::uint64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty() || value > max) throw std::invalid_argument("");
  return value;
}

// "250", "250ms", "5s", "2m": a bare number is milliseconds.
std::chrono::milliseconds parse_duration(const std::string& text) {
  auto with = [&](std::string_view suffix, std::uint64_t factor) -> std::optional<std::uint64_t> {
    if (text.size() <= suffix.size() || !text.ends_with(suffix)) return std::nullopt;
    return parse_number(text.substr(0, text.size() - suffix.size()), UINT32_MAX) * factor;
  };
  if (auto v = with("ms", 1)) return std::chrono::milliseconds(*v);
  if (auto v = with("s", 1000)) return std::chrono::milliseconds(*v);
  if (auto v = with("m", 60'000)) return std::chrono::milliseconds(*v);
  return std::chrono::milliseconds(parse_number(text, UINT32_MAX));
}

// "1048576", "64KiB", "1MiB".
std::size_t parse_size(const std::string& text) {
  for (auto [suffix, factor] : {std::pair{"KiB", 1024ull}, {"MiB", 1024ull * 1024}, {"GiB", 1ull << 30}}) {
    std::string_view s(suffix);
    if (text.size() > s.size() && text.ends_with(s)) {
      return parse_number(text.substr(0, text.size() - s.size()), 1ull << 20) * factor;
    }
  }
  return parse_number(text, 1ull << 40);
}

// "127.0.0.1:8080", "[::1]:8080", ":8080" (all interfaces is never implied: address required).
void parse_listen(Settings& s, const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) throw std::invalid_argument("");
  std::string address = text.substr(0, colon);
  if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  s.listen_port = static_cast<std::uint16_t>(parse_number(text.substr(colon + 1), 65535));
  s.listen_address = address;
}

const std::string& single(const std::vector<std::string>& values) { return values.back(); }

const std::vector<Descriptor>& descriptors() {
  static const std::vector<Descriptor> table = {
      {"database", "database", "a PostgreSQL URL or DSN",
       [](Settings& s, const auto& v) { s.database = single(v); }},
      {"pool-size", "database", "a number of connections from 1 to 1000",
       [](Settings& s, const auto& v) {
         s.pool_size = static_cast<unsigned>(parse_number(single(v), 1000));
         if (s.pool_size == 0) throw std::invalid_argument("");
       }},
      {"acquire-timeout", "database", "a duration like 5s or 250ms",
       [](Settings& s, const auto& v) { s.acquire_timeout = parse_duration(single(v)); }},
      {"connect-timeout", "database", "a duration like 5s or 250ms",
       [](Settings& s, const auto& v) { s.connect_timeout = parse_duration(single(v)); }},
      {"statement-timeout", "database", "a duration like 30s (0: none)",
       [](Settings& s, const auto& v) { s.statement_timeout = parse_duration(single(v)); }},
      {"listen", "server", "ADDRESS:PORT, e.g. 127.0.0.1:8080",
       [](Settings& s, const auto& v) { parse_listen(s, single(v)); }},
      {"threads", "server", "a number of worker threads from 1 to 256",
       [](Settings& s, const auto& v) {
         s.threads = static_cast<unsigned>(parse_number(single(v), 256));
         if (s.threads == 0) throw std::invalid_argument("");
       }},
      {"body-limit", "server", "a size like 1MiB or 65536",
       [](Settings& s, const auto& v) { s.body_limit = parse_size(single(v)); }},
      {"header-limit", "server", "a size like 16KiB",
       [](Settings& s, const auto& v) { s.header_limit = parse_size(single(v)); }},
      {"read-timeout", "server", "a duration like 30s",
       [](Settings& s, const auto& v) { s.read_timeout = parse_duration(single(v)); }},
      {"idle-timeout", "server", "a duration like 60s",
       [](Settings& s, const auto& v) { s.idle_timeout = parse_duration(single(v)); }},
      {"shutdown-timeout", "server", "a duration like 10s",
       [](Settings& s, const auto& v) { s.shutdown_timeout = parse_duration(single(v)); }},
      {"log-level", "server", "one of trace, debug, info, warn, error, off",
       [](Settings& s, const auto& v) {
         static const std::vector<std::string> levels = {"trace", "debug", "info",
                                                         "warn",  "error", "off"};
         if (std::find(levels.begin(), levels.end(), single(v)) == levels.end()) {
           throw std::invalid_argument("");
         }
         s.log_level = single(v);
       }},
      {"max-rows", "server", "a number of rows, 0 for unlimited",
       [](Settings& s, const auto& v) {
         s.max_rows = static_cast<std::int64_t>(parse_number(single(v), INT64_MAX));
       }},
      {"flush-size", "server", "a size from 1KiB to 16MiB, like 32KiB",
       [](Settings& s, const auto& v) {
         s.flush_size = parse_size(single(v));
         if (s.flush_size < 1024 || s.flush_size > (16u << 20)) throw std::invalid_argument("");
       }},
      {"schema", "", "a GraphQL schema file",
       [](Settings& s, const auto& v) { s.schema = single(v); }, true},
      {"data-dir", "dev", "a directory for the embedded PostgreSQL cluster",
       [](Settings& s, const auto& v) { s.data_dir = single(v); }, true},
      {"sql", "dev", "SQL files to load into a fresh embedded cluster",
       [](Settings& s, const auto& v) { s.sql_files.assign(v.begin(), v.end()); }, true},
  };
  return table;
}

std::string env_name(std::string_view name) {
  std::string out = "SLUICE_";
  for (char c : name) out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string toml_key(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

// Reads a TOML value as the same text a flag would carry.
std::optional<std::vector<std::string>> toml_values(const toml::node& node, const std::string& where) {
  auto scalar = [&](const toml::node& n) -> std::string {
    if (auto s = n.value<std::string>()) return *s;
    if (n.is_integer()) return std::to_string(*n.value<std::int64_t>());
    if (n.is_boolean()) return *n.value<bool>() ? "true" : "false";
    throw SettingsError(fmt::format("{}: expected a string or an integer", where));
  };
  std::vector<std::string> out;
  if (const auto* array = node.as_array()) {
    for (const auto& element : *array) out.push_back(scalar(element));
  } else {
    out.push_back(scalar(node));
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = entry.substr(0, eq);
    if (key.starts_with("SLUICE_") || key == "DATABASE_URL") {
      env.emplace(std::string(key), std::string(entry.substr(eq + 1)));
    }
  }
  return env;
}

Settings resolve_settings(const FlagValues& flags,
                          const std::map<std::string, std::string>& environment) {
  // The config file itself: flag, then environment.
  std::optional<std::string> config_file;
  if (auto it = flags.find("config"); it != flags.end()) config_file = it->second.back();
  else if (auto e = environment.find("SLUICE_CONFIG"); e != environment.end()) config_file = e->second;

  toml::table config;
  if (config_file) {
    try {
      config = toml::parse_file(*config_file);
    } catch (const toml::parse_error& e) {
      throw SettingsError(fmt::format("{}:{}:{}: {}", *config_file, e.source().begin.line,
                                      e.source().begin.column, e.description()));
    }
    // Unknown keys are mistakes worth a clear error, not silence.
    auto known = [](std::string_view table, std::string_view key) {
      return std::any_of(descriptors().begin(), descriptors().end(), [&](const Descriptor& d) {
        return d.table == table && toml_key(d.name) == key;
      });
    };
    for (const auto& [key, node] : config) {
      if (const auto* sub = node.as_table(); sub && (key == "server" || key == "database" || key == "dev")) {
        for (const auto& [inner, ignored] : *sub) {
          if (!known(key.str(), inner.str())) {
            throw SettingsError(fmt::format("{}:{}:{}: unknown setting [{}] {}", *config_file,
                                            inner.source().begin.line, inner.source().begin.column,
                                            key.str(), inner.str()));
          }
        }
      } else if (!known("", key.str())) {
        throw SettingsError(fmt::format("{}:{}:{}: unknown setting {}", *config_file,
                                        key.source().begin.line, key.source().begin.column,
                                        key.str()));
      }
    }
  }

  Settings settings;
  for (const Descriptor& d : descriptors()) {
    std::vector<std::string> values;
    std::string source;
    if (auto it = flags.find(d.name); it != flags.end() && !it->second.empty()) {
      values = it->second;
      source = fmt::format("--{}", d.name);
    } else if (auto e = environment.find(env_name(d.name)); e != environment.end()) {
      source = env_name(d.name);
      if (std::string_view(d.name) == "sql") {
        for (std::size_t start = 0; start <= e->second.size();) {
          const auto end = std::min(e->second.find(':', start), e->second.size());
          if (end > start) values.push_back(e->second.substr(start, end - start));
          start = end + 1;
        }
      } else {
        values = {e->second};
      }
    } else if (auto u = environment.find("DATABASE_URL");
               std::string_view(d.name) == "database" && u != environment.end()) {
      values = {u->second};
      source = "DATABASE_URL";
    } else if (config_file) {
      const toml::node* node = *d.table ? config[d.table][toml_key(d.name)].node()
                                        : config[toml_key(d.name)].node();
      if (node != nullptr) {
        source = fmt::format("{}:{}:{}", *config_file, node->source().begin.line,
                             node->source().begin.column);
        values = *toml_values(*node, source);
        // Paths in a config file are relative to the file, not to the working directory.
        if (d.is_path) {
          const auto base = std::filesystem::path(*config_file).parent_path();
          for (auto& v : values) {
            if (std::filesystem::path(v).is_relative()) v = (base / v).lexically_normal().string();
          }
        }
      }
    }
    if (values.empty()) continue;
    try {
      d.apply(settings, values);
    } catch (const std::invalid_argument&) {
      throw SettingsError(fmt::format("{}: invalid value '{}' for {}: expected {}", source,
                                      values.back(), d.name, d.expected));
    }
  }
  if (settings.threads == 0) settings.threads = std::max(1u, std::thread::hardware_concurrency());
  return settings;
}

}  // namespace sluice::cli
