#pragma once
// Where the transformer writes: the response buffer and the error list.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>

namespace sluice::json::detail {

// Appends into a std::string through a raw cursor: the string is grown ahead (its size runs
// ahead of the bytes written) so that each small write is a bounds check and a memcpy, not an
// out-of-line append. finish() trims the string to what was written; call it before anyone
// else looks at the string.
class Output {
 public:
  explicit Output(std::string& s) noexcept : s_(s), start_(s.size()), len_(s.size()) {}
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output() { finish(); }

  void reserve(std::size_t n) {
    if (s_.size() - len_ < n) grow(n);
  }
  void put(const char* p, std::size_t n) {
    reserve(n);
    std::memcpy(s_.data() + len_, p, n);
    len_ += n;
  }
  void put(std::string_view text) { put(text.data(), text.size()); }
  // As put(), for sources with at least 16 readable bytes at `p`: short copies become one
  // fixed 16-byte copy (the bytes past `n` are overwritten by what follows or trimmed).
  void put_padded(const char* p, std::size_t n) {
    if (n <= 16 && s_.size() - len_ >= 16) {
      std::memcpy(s_.data() + len_, p, 16);
      len_ += n;
    } else {
      put(p, n);
    }
  }
  void put(char c) {
    reserve(1);
    s_[len_++] = c;
  }
  [[nodiscard]] std::size_t size() const noexcept { return len_; }
  // Drops everything written after `size` (a value's start, when it becomes null).
  void truncate(std::size_t size) noexcept { len_ = size; }
  void finish() { s_.resize(len_); }

 private:
  // Grows by at least half of what this Output wrote so far: geometric for long outputs, while
  // the zero-filled slack that finish() trims stays proportional to this Output's bytes.
  void grow(std::size_t n) {
    s_.resize(len_ + std::max<std::size_t>(n, 256 + (len_ - start_) / 2));
  }

  std::string& s_;
  std::size_t start_;
  std::size_t len_;
};

// A response path as a chain of stack frames: each level of the transformer's recursion adds a
// node, so building the path costs nothing until an error needs it.
struct PathNode {
  const PathNode* parent = nullptr;
  std::string_view name_json;  // a quoted response name; empty for a list index
  std::uint64_t index = 0;
};

// The response's "errors", serialized as they come. Keeps at most `max` errors; the rest are
// counted and summarized by write().
class ErrorList {
 public:
  void reset(std::uint32_t max) noexcept {
    text_.clear();
    count_ = 0;
    max_ = max;
  }
  // One error whose message is the concatenation of `message` (escaped here), with optional
  // "locations" (a JSON array) and "extensions" (a JSON object), written as given.
  void add(std::initializer_list<std::string_view> message, const PathNode* path,
           std::string_view extensions_json = {}, std::string_view locations_json = {});
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  // Appends `,"errors":[...]` when there are errors.
  void write(std::string& out) const;

 private:
  static void append_path(std::string& out, const PathNode* node);

  std::string text_;
  std::uint64_t count_ = 0;
  std::uint32_t max_ = 0;
};

}  // namespace sluice::json::detail
