#pragma once
// The plan cache shared by every worker thread: (document text, operationName) → Plan, least
// recently used first out, bounded by entry count and by bytes. Failed plans (syntax,
// validation, planning errors) are cached like the others, so a repeated bad document is
// rejected without being parsed again.
//
// Lookup hashes the document and compares the full text of the candidates, so a hash collision
// can never hand out the wrong plan; at most a few documents with one hash value are kept, so
// crafted collisions cannot make lookups slow (they only go uncached). A miss builds the plan
// outside the lock; when two threads miss on the same key at once, both build and the first
// inserted plan is the one kept and returned to both.

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "sluice/graphql/schema.hpp"
#include "sluice/plan/catalog.hpp"
#include "sluice/plan/plan.hpp"

namespace sluice::plan {

struct PlanCacheLimits {
  std::size_t max_entries = 1024;
  std::size_t max_bytes = std::size_t{64} << 20;  // Plan::memory_bytes() summed
};

class PlanCache {
 public:
  PlanCache(std::shared_ptr<const graphql::Schema> schema, std::shared_ptr<const Catalog> catalog,
            PlanOptions options, PlanCacheLimits limits = {});
  PlanCache(const PlanCache&) = delete;
  PlanCache& operator=(const PlanCache&) = delete;

  // The plan for `document` and `operation_name` (empty, as when the request has none or null:
  // the document's only operation). Never null. Thread-safe.
  [[nodiscard]] std::shared_ptr<const Plan> get(std::string_view document,
                                                std::string_view operation_name);

  struct Stats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;  // each one built a plan
    std::uint64_t evictions = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    std::size_t hash;
    std::size_t bytes;
    std::shared_ptr<const Plan> plan;
  };
  using Lru = std::list<Entry>;  // most recently used first

  // Under mutex_: the entry for the key, moved to the front, or nullptr.
  std::shared_ptr<const Plan> find_locked(std::size_t hash, std::string_view document,
                                          std::string_view operation_name);

  std::shared_ptr<const graphql::Schema> schema_;
  std::shared_ptr<const Catalog> catalog_;
  PlanOptions options_;
  PlanCacheLimits limits_;

  mutable std::mutex mutex_;
  Lru lru_;
  std::unordered_multimap<std::size_t, Lru::iterator> index_;
  Stats stats_;
};

}  // namespace sluice::plan
