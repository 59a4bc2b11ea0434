#pragma once
// A bump allocator for everything that lives exactly as long as one document, schema or request:
// AST nodes, decoded strings, coerced variable values. Nothing allocated here is destroyed; only
// trivially destructible types may be placed in it. reset() keeps the first block so a reused
// arena stops allocating once it has grown to its working size.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sluice::graphql {

class Arena {
 public:
  explicit Arena(std::size_t first_block_bytes = 16 * 1024)
      : next_block_bytes_(first_block_bytes) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) noexcept = default;
  Arena& operator=(Arena&&) noexcept = default;

  // Memory for `bytes` bytes aligned to `align`. Throws std::bad_alloc when the system is out of
  // memory (callers that are noexcept treat that as fatal, like any other allocation failure).
  [[gnu::always_inline]] void* allocate(std::size_t bytes, std::size_t align) {
    auto p = reinterpret_cast<std::uintptr_t>(cursor_);
    std::uintptr_t aligned = (p + align - 1) & ~(std::uintptr_t{align} - 1);
    if (aligned + bytes > reinterpret_cast<std::uintptr_t>(end_)) [[unlikely]] {
      return allocate_in_new_block(bytes, align);
    }
    cursor_ = reinterpret_cast<std::byte*>(aligned + bytes);
    return reinterpret_cast<void*>(aligned);
  }

  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "the arena never runs destructors");
    return new (allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  // Copies `items` into the arena; the span lives as long as the arena (until reset()).
  template <class T>
  std::span<const T> copy(std::span<const T> items) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (items.empty()) return {};
    auto* out = static_cast<T*>(allocate(items.size_bytes(), alignof(T)));
    std::memcpy(out, items.data(), items.size_bytes());
    return {out, items.size()};
  }

  // Copies `text` into the arena; the view lives as long as the arena (until reset()).
  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};
    auto* out = static_cast<char*>(allocate(text.size(), 1));
    std::memcpy(out, text.data(), text.size());
    return {out, text.size()};
  }

  // Frees everything but the largest block, which is kept for the next use.
  void reset() noexcept {
    if (blocks_.empty()) return;
    std::size_t keep = 0;
    for (std::size_t i = 1; i < blocks_.size(); ++i) {
      if (blocks_[i].size > blocks_[keep].size) keep = i;
    }
    Block kept = std::move(blocks_[keep]);
    blocks_.clear();
    cursor_ = kept.data.get();
    end_ = cursor_ + kept.size;
    blocks_.push_back(std::move(kept));
  }

  // Bytes reserved from the system (for tests and limits).
  std::size_t reserved_bytes() const noexcept {
    std::size_t total = 0;
    for (const auto& b : blocks_) total += b.size;
    return total;
  }

 private:
  struct Block {
    std::unique_ptr<std::byte[]> data;
    std::size_t size;
  };

  [[gnu::noinline]] void* allocate_in_new_block(std::size_t bytes, std::size_t align) {
    grow(bytes + align);
    auto p = reinterpret_cast<std::uintptr_t>(cursor_);
    std::uintptr_t aligned = (p + align - 1) & ~(std::uintptr_t{align} - 1);
    cursor_ = reinterpret_cast<std::byte*>(aligned + bytes);
    return reinterpret_cast<void*>(aligned);
  }

  void grow(std::size_t at_least) {
    std::size_t size = next_block_bytes_;
    while (size < at_least) size *= 2;
    blocks_.push_back(Block{std::make_unique_for_overwrite<std::byte[]>(size), size});
    cursor_ = blocks_.back().data.get();
    end_ = cursor_ + size;
    if (next_block_bytes_ < (std::size_t{1} << 22)) next_block_bytes_ *= 2;
  }

  std::vector<Block> blocks_;
  std::byte* cursor_ = nullptr;
  std::byte* end_ = nullptr;
  std::size_t next_block_bytes_;
};

}  // namespace sluice::graphql
