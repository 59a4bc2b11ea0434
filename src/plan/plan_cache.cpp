#include "sluice/plan/plan_cache.hpp"

#include <functional>
#include <string>

namespace sluice::plan {

namespace {

// Documents sharing one hash value that are kept at once. The hash is not keyed, so documents
// crafted to collide are possible; the cap bounds the full-text comparisons of one lookup.
constexpr std::size_t kMaxSameHash = 4;

std::size_t key_hash(std::string_view document, std::string_view operation_name) noexcept {
  std::size_t h = std::hash<std::string_view>{}(document);
  return h ^ (std::hash<std::string_view>{}(operation_name) + 0x9e3779b97f4a7c15ull + (h << 6) +
              (h >> 2));
}

}  // namespace

PlanCache::PlanCache(std::shared_ptr<const graphql::Schema> schema,
                     std::shared_ptr<const Catalog> catalog, PlanOptions options,
                     PlanCacheLimits limits)
    : schema_(std::move(schema)),
      catalog_(std::move(catalog)),
      options_(std::move(options)),
      limits_(limits) {}

std::shared_ptr<const Plan> PlanCache::find_locked(std::size_t hash, std::string_view document,
                                                   std::string_view operation_name) {
  auto [begin, end] = index_.equal_range(hash);
  for (auto it = begin; it != end; ++it) {
    const Plan& plan = *it->second->plan;
    if (plan.source() == document && plan.operation_name() == operation_name) {
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->plan;
    }
  }
  return nullptr;
}

std::shared_ptr<const Plan> PlanCache::get(std::string_view document,
                                           std::string_view operation_name) {
  std::size_t hash = key_hash(document, operation_name);
  {
    std::lock_guard lock(mutex_);
    if (auto plan = find_locked(hash, document, operation_name)) {
      ++stats_.hits;
      return plan;
    }
    ++stats_.misses;
  }
  std::shared_ptr<const Plan> plan =
      Plan::build(schema_, catalog_, options_, std::string(document), std::string(operation_name));
  std::size_t bytes = plan->memory_bytes();
  std::lock_guard lock(mutex_);
  if (auto existing = find_locked(hash, document, operation_name)) return existing;
  if (bytes > limits_.max_bytes || limits_.max_entries == 0 || index_.count(hash) >= kMaxSameHash) {
    return plan;  // built and used, not kept
  }
  lru_.push_front(Entry{hash, bytes, plan});
  index_.emplace(hash, lru_.begin());
  stats_.bytes += bytes;
  while (lru_.size() > limits_.max_entries || stats_.bytes > limits_.max_bytes) {
    Entry& last = lru_.back();
    auto [begin, end] = index_.equal_range(last.hash);
    for (auto it = begin; it != end; ++it) {
      if (it->second->plan == last.plan) {
        index_.erase(it);
        break;
      }
    }
    stats_.bytes -= last.bytes;
    ++stats_.evictions;
    lru_.pop_back();
  }
  return plan;
}

PlanCache::Stats PlanCache::stats() const {
  std::lock_guard lock(mutex_);
  Stats s = stats_;
  s.entries = lru_.size();
  return s;
}

}  // namespace sluice::plan
