#pragma once
// Per-connection cache of prepared statements: statement key (SQL text plus parameter types) to
// the server-side statement name, least recently used first out. The connection DEALLOCATEs the
// names this cache evicts.

#include <cstddef>
#include <list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sluice/pg/connection.hpp"

namespace sluice::pg::detail {

class PreparedCache {
 public:
  explicit PreparedCache(std::size_t capacity) : capacity_(capacity) {}
  PreparedCache(const PreparedCache&) = delete;
  PreparedCache& operator=(const PreparedCache&) = delete;

  // The statement's name, now the most recently used; nullptr when absent. Borrowed from the
  // cache: valid until the next insert(), erase() or clear().
  [[nodiscard]] const std::string* find(std::string_view sql, std::span<const Oid> types);
  // Makes room for one more statement: when full, removes the least recently used one and
  // returns its name.
  [[nodiscard]] std::optional<std::string> evict_if_full();
  // Adds a statement that is not cached yet, after evict_if_full().
  void insert(std::string_view sql, std::span<const Oid> types, std::string name);
  // Removes a statement; returns its name when it was cached.
  [[nodiscard]] std::optional<std::string> erase(std::string_view sql, std::span<const Oid> types);
  void clear() noexcept;
  [[nodiscard]] std::size_t size() const noexcept { return index_.size(); }

 private:
  struct Entry {
    std::string key;
    std::string name;
  };
  // Builds the key in a reused buffer (no allocation on a hit). Borrowed: until the next call.
  std::string_view key(std::string_view sql, std::span<const Oid> types);

  std::size_t capacity_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // keys view entries_
  std::string key_buffer_;
};

}  // namespace sluice::pg::detail
