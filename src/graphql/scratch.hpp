#pragma once
// Scratch memory for validation's working containers: while a ScratchScope is active, containers
// with ScratchAllocator take their memory from a per-thread arena, and freeing is a no-op. The
// arena is reset (keeping its largest block) when the outermost scope starts, so a warm thread
// validates without touching the heap. Nothing allocated here may outlive the scope.

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "sluice/graphql/arena.hpp"

namespace sluice::graphql::detail {

inline thread_local Arena* scratch_arena = nullptr;

class ScratchScope {
 public:
  ScratchScope() : previous_(scratch_arena) {
    thread_local Arena arena(64 * 1024);
    if (previous_ == nullptr) {
      arena.reset();
      scratch_arena = &arena;
    }
  }
  ~ScratchScope() { scratch_arena = previous_; }
  ScratchScope(const ScratchScope&) = delete;
  ScratchScope& operator=(const ScratchScope&) = delete;

 private:
  Arena* previous_;
};

template <class T>
struct ScratchAllocator {
  using value_type = T;
  ScratchAllocator() noexcept = default;
  template <class U>
  ScratchAllocator(const ScratchAllocator<U>&) noexcept {}  // NOLINT: rebinding is implicit
  T* allocate(std::size_t n) {
    return static_cast<T*>(scratch_arena->allocate(n * sizeof(T), alignof(T)));
  }
  void deallocate(T*, std::size_t) noexcept {}
  template <class U>
  bool operator==(const ScratchAllocator<U>&) const noexcept {
    return true;
  }
};

template <class T>
using Vec = std::vector<T, ScratchAllocator<T>>;
template <class K, class V>
using Map = std::map<K, V, std::less<>, ScratchAllocator<std::pair<const K, V>>>;
template <class K>
using Set = std::set<K, std::less<>, ScratchAllocator<K>>;

// A T constructed in scratch memory; never destroyed (it may only own scratch memory).
template <class T, class... Args>
T* scratch_new(Args&&... args) {
  return new (scratch_arena->allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
}

}  // namespace sluice::graphql::detail
