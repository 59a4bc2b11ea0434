#include "prepared_cache.hpp"

namespace sluice::pg::detail {

std::string_view PreparedCache::key(std::string_view sql, std::span<const Oid> types) {
  // SQL text cannot contain a NUL byte, so it separates the text from the raw type list.
  key_buffer_.assign(sql);
  key_buffer_.push_back('\0');
  const auto* bytes = reinterpret_cast<const char*>(types.data());
  key_buffer_.append(bytes, types.size_bytes());
  return key_buffer_;
}

const std::string* PreparedCache::find(std::string_view sql, std::span<const Oid> types) {
  const auto it = index_.find(key(sql, types));
  if (it == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, it->second);
  return &it->second->name;
}

std::optional<std::string> PreparedCache::evict_if_full() {
  if (entries_.empty() || entries_.size() < capacity_) return std::nullopt;
  std::string name = std::move(entries_.back().name);
  index_.erase(entries_.back().key);
  entries_.pop_back();
  return name;
}

void PreparedCache::insert(std::string_view sql, std::span<const Oid> types, std::string name) {
  entries_.push_front(Entry{std::string(key(sql, types)), std::move(name)});
  index_.emplace(entries_.front().key, entries_.begin());
}

std::optional<std::string> PreparedCache::erase(std::string_view sql, std::span<const Oid> types) {
  const auto it = index_.find(key(sql, types));
  if (it == index_.end()) return std::nullopt;
  const auto entry = it->second;
  index_.erase(it);
  std::string name = std::move(entry->name);
  entries_.erase(entry);
  return name;
}

void PreparedCache::clear() noexcept {
  index_.clear();
  entries_.clear();
}

}  // namespace sluice::pg::detail
