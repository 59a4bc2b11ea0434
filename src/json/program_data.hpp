#pragma once
// The compiled form of a Program, read by the row transformer.
//
// Two views of one selection:
// - Scan nodes say which keys of a JSON object to keep while scanning a row. Fields that read
//   the same key share one slot (two aliases of one field, or two different sub-selections of
//   one nested object: their scan nodes are merged), so a row is scanned exactly once.
// - Emit objects/fields say what to write, in selection order, from the slots.

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/json/program.hpp"

namespace sluice::json::detail {

inline constexpr std::uint32_t kNone = UINT32_MAX;

// A key's first and last 8 bytes (4 and 4 for keys of 4 to 7 bytes; all bytes for shorter
// ones), read only inside [key, key + len). For keys of at most 16 bytes the words and the
// length determine the key, so comparing them replaces memcmp.
struct KeyWords {
  std::uint64_t head = 0;
  std::uint64_t tail = 0;

  static KeyWords of(const char* key, std::size_t len) noexcept {
    KeyWords w;
    if (len >= 8) {
      std::memcpy(&w.head, key, 8);
      std::memcpy(&w.tail, key + len - 8, 8);
    } else if (len >= 4) {
      std::uint32_t x = 0;
      std::uint32_t y = 0;
      std::memcpy(&x, key, 4);
      std::memcpy(&y, key + len - 4, 4);
      w.head = x;
      w.tail = y;
    } else if (len > 0) {
      w.head = static_cast<unsigned char>(key[0]) | static_cast<unsigned char>(key[len / 2]) << 8 |
               static_cast<unsigned char>(key[len - 1]) << 16;
    }
    return w;
  }
  [[nodiscard]] std::uint64_t hash(std::size_t len, std::uint64_t seed) const noexcept {
    const std::uint64_t h = (head ^ std::rotl(tail, 31) ^ (std::uint64_t{len} << 56)) * seed;
    return h ^ (h >> 29);
  }
};

struct ScanSlot {
  std::string key;  // unescaped, as stored in the row
  KeyWords words;
  std::uint32_t child = kNone;  // scan node for objects in this value, through its list levels
  std::uint8_t list_depth = 0;  // array levels whose elements are recorded
};

// An entry of a key table: the key's length and words inline, so a probe touches one entry.
struct KeyEntry {
  std::uint64_t head = 0;
  std::uint64_t tail = 0;
  std::uint32_t len = 0;
  std::uint32_t slot = kNone;  // kNone: empty
};

struct ScanNode {
  std::vector<ScanSlot> slots;
  std::vector<KeyEntry> table;  // open addressing, size 2^bits, at most half full
  std::uint64_t seed = 0;
  std::uint32_t shift = 0;  // 64 - bits: the table index is the hash's top bits
  std::uint32_t max_key_len = 0;
  std::uint64_t table_mask = 0;
  // Bit min(length, 63) is set for the length of every key: most keys of a row are not
  // selected, and most of those are told apart by their length alone, before any hashing.
  std::uint64_t key_lengths = 0;

  static std::uint64_t length_bit(std::size_t len) noexcept {
    return std::uint64_t{1} << (len < 63 ? len : 63);
  }

  // Slot of `key` (raw bytes equal to a slot's key), or -1.
  [[nodiscard]] int lookup(const char* key, std::size_t len) const noexcept {
    if ((key_lengths & length_bit(len)) == 0) return -1;
    const KeyWords words = KeyWords::of(key, len);
    for (std::size_t i = words.hash(len, seed) >> shift;; i = (i + 1) & table_mask) {
      const KeyEntry& entry = table[i];
      if (entry.slot == kNone) return -1;
      if (entry.len == len && entry.head == words.head && entry.tail == words.tail &&
          (len <= 16 || std::memcmp(slots[entry.slot].key.data(), key, len) == 0)) {
        return static_cast<int>(entry.slot);
      }
    }
  }
};

struct EmitField {
  std::uint32_t key_at = 0;    // `,"<response name>":` in ProgramData::text; the first field of
  std::uint32_t key_size = 0;  // an object skips the comma
  std::string field_name;      // for error messages
  std::uint32_t slot = kNone;
  std::uint32_t object = kNone;  // EmitObject, kind == object
  FieldKind kind = FieldKind::scalar;
  bool non_null = false;
  std::uint8_t list_depth = 0;
  std::uint8_t items_non_null = 0;  // bit i: the items of list level i are non-null
};

struct EmitObject {
  std::string type_name;             // for error messages
  std::uint32_t type_name_at = 0;    // quoted and escaped, in ProgramData::text: the value of
  std::uint32_t type_name_size = 0;  // __typename
  std::uint32_t scan = 0;
  std::uint32_t first_field = 0;
  std::uint32_t field_count = 0;
};

struct ProgramData {
  // Bytes the transformer writes, followed by kTextPadding bytes so that any of them can be
  // copied with a fixed 16-byte copy.
  static constexpr std::size_t kTextPadding = 16;
  std::string text;
  std::vector<ScanNode> scans;      // scans[objects[0].scan] scans the row itself
  std::vector<EmitObject> objects;  // objects[0] is the row
  std::vector<EmitField> fields;
  std::uint32_t max_key_len = 0;  // over all scan nodes

  // Borrow `text`, as long as the program lives.
  [[nodiscard]] std::string_view key_json(const EmitField& f) const noexcept {
    return {text.data() + f.key_at, f.key_size};
  }
  // The quoted response name alone, as a path element.
  [[nodiscard]] std::string_view name_json(const EmitField& f) const noexcept {
    return {text.data() + f.key_at + 1, f.key_size - 2};
  }
  [[nodiscard]] std::string_view type_name_json(const EmitObject& o) const noexcept {
    return {text.data() + o.type_name_at, o.type_name_size};
  }
};

}  // namespace sluice::json::detail
