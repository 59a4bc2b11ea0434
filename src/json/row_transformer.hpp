#pragma once
// The row transformer: one row's JSON text → its projected GraphQL value.
//
// Two phases per row, neither allocating once the scratch vectors have grown:
// 1. Scan: one pass over the whole row validates it completely (grammar, UTF-8, escapes, depth)
//    and records, for each selected key of each object on a selected path, the span of its
//    value in a flat table (`tape_`). Unselected values are skipped by an iterative scanner.
// 2. Emit: walks the program in selection order and copies the recorded spans, applying
//    __typename, null checks and null propagation (truncating the output back to the start of
//    the value that becomes null).
// A malformed row therefore never writes anything but the null that replaces it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "output.hpp"
#include "program_data.hpp"
#include "scan.hpp"
#include "sluice/json/response.hpp"

namespace sluice::json::detail {

// Where a row's value sits in the response.
struct RowSite {
  const PathNode* path = nullptr;  // path of the row's value
  bool non_null = false;           // the position is non-null (a non-null list item or field)
  std::string_view parent_type;    // for error messages about the row itself
  std::string_view field_name;
};

class RowTransformer {
 public:
  explicit RowTransformer(const Limits& limits) noexcept : limits_(limits) {}

  // Writes `row` projected through `program` at `site`. Returns false when the row's value is
  // null (or an error) in a non-null position: nothing is written and the caller propagates.
  // The error is recorded in `errors` either way.
  [[nodiscard]] bool write_row(std::string_view row, const ProgramData& program,
                               const RowSite& site, Output& out, ErrorList& errors) noexcept;

 private:
  enum class Type : std::uint8_t { missing, null, boolean, number, string, object, array };

  // A value recorded by the scan. Spans are byte offsets into the row.
  struct Value {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t child = kNone;  // object: first slot of its block; array: first element
    std::uint32_t count = 0;      // array: recorded elements
    Type type = Type::missing;
  };

  // Scan phase. Each returns false on a malformed row, with error_at_/error_reason_ set.
  bool scan_value(const char*& p, std::uint32_t scan, std::uint32_t list_depth, std::uint32_t level,
                  std::uint32_t depth, Value& value);
  bool scan_object(const char*& p, std::uint32_t scan, std::uint32_t depth, Value& value);
  // scan_object's body, inlined into it (see there).
  [[gnu::always_inline]] inline bool scan_members(const char*& p, std::uint32_t scan,
                                                  std::uint32_t depth, Value& value);
  bool scan_array(const char*& p, std::uint32_t scan, std::uint32_t list_depth, std::uint32_t level,
                  std::uint32_t depth, Value& value);
  bool skip_value(const char*& p, std::uint32_t depth);
  bool scan_string_rest(const char*& p, bool& escaped);
  bool scan_escape(const char*& p);
  bool scan_literal(const char*& p, std::string_view literal);
  int lookup_escaped(const ScanNode& node, const char* key, std::size_t len);

  // The hot path, inline: keys, strings and other scalars.

  void skip_space(const char*& p) const noexcept {
    while (p < end_ && is_json_space(*p)) ++p;
  }

  // p at the opening quote; leaves p after the closing quote. Plain strings take one scan.
  bool scan_string(const char*& p, bool& escaped) {
    const char* s = p + 1;
    s += find_string_special(s, end_);
    p = s;
    if (s < end_ && *s == '"') {
      ++p;
      return true;
    }
    return scan_string_rest(p, escaped);
  }

  // p at the opening quote of a key; leaves p at the member's value (p < end_).
  bool object_key(const char*& p, const char*& key, std::size_t& key_len, bool& escaped) {
    if (p == end_ || *p != '"') return fail(p, "expected a key");
    key = p + 1;
    if (!scan_string(p, escaped)) return false;
    key_len = static_cast<std::size_t>(p - 1 - key);
    // jsonb's text writes ": " before a value: that case in one test.
    if (end_ - p >= 3 && p[0] == ':' && p[1] == ' ' && !is_json_space(p[2])) {
      p += 2;
      return true;
    }
    skip_space(p);
    if (p == end_ || *p != ':') return fail(p, "expected ':'");
    ++p;
    skip_space(p);
    if (p == end_) return fail(p, "missing value");
    return true;
  }

  // RFC 8259 number grammar; what follows is checked by the caller.
  bool scan_number(const char*& p) {
    const char* start = p;
    if (*p == '-') ++p;
    if (p < end_ && *p == '0') {
      ++p;
    } else if (p < end_ && *p >= '1' && *p <= '9') {
      while (p < end_ && is_digit(*p)) ++p;
    } else {
      return fail(start, "unexpected character");
    }
    if (p < end_ && *p == '.') {
      ++p;
      if (p == end_ || !is_digit(*p)) return fail(p, "invalid number");
      while (p < end_ && is_digit(*p)) ++p;
    }
    if (p < end_ && (*p == 'e' || *p == 'E')) {
      ++p;
      if (p < end_ && (*p == '+' || *p == '-')) ++p;
      if (p == end_ || !is_digit(*p)) return fail(p, "invalid number");
      while (p < end_ && is_digit(*p)) ++p;
    }
    return true;
  }

  // A string, number, true, false or null at p (p < end_) into `value`.
  bool scan_scalar(const char*& p, Value& value) {
    value.begin = offset(p);
    value.child = kNone;
    value.count = 0;
    bool ok;
    switch (*p) {
      case '"': {
        value.type = Type::string;
        bool escaped = false;
        ok = scan_string(p, escaped);
        break;
      }
      case 't':
        value.type = Type::boolean;
        ok = scan_literal(p, "true");
        break;
      case 'f':
        value.type = Type::boolean;
        ok = scan_literal(p, "false");
        break;
      case 'n':
        value.type = Type::null;
        ok = scan_literal(p, "null");
        break;
      default:
        value.type = Type::number;
        ok = scan_number(p);
    }
    value.end = offset(p);
    return ok;
  }
  bool fail(const char* at, const char* reason) noexcept;
  bool too_deep(const char* at) noexcept;
  bool room_for(std::size_t values, const char* at) noexcept;

  // Emit phase. Each returns false when a null must propagate to the enclosing value.
  bool emit_value(const EmitField& field, std::string_view parent_type, std::string_view field_name,
                  const Value& value, std::uint32_t level, const PathNode* path);
  bool emit_object(const EmitObject& object, std::uint32_t block, const PathNode* path);
  bool field_error(std::string_view parent_type, std::string_view field_name,
                   std::string_view expected, const Value& value, bool non_null,
                   const PathNode* path);
  [[nodiscard]] std::uint32_t offset(const char* p) const noexcept {
    return static_cast<std::uint32_t>(p - begin_);
  }

  Limits limits_;
  std::vector<Value> tape_;                // object blocks (one value per slot) and array elements
  std::vector<Value> stack_;               // elements of the arrays being scanned
  std::vector<std::uint64_t> skip_kinds_;  // skip_value's container stack, one bit per level
  std::string key_scratch_;                // an escaped key, unescaped for lookup
  EmitField row_field_;  // the row itself, as an object field of the root field's type

  // Per-row state.
  const ProgramData* program_ = nullptr;
  Output* out_ = nullptr;
  ErrorList* errors_ = nullptr;
  const char* begin_ = nullptr;
  const char* end_ = nullptr;
  const char* error_at_ = nullptr;
  const char* error_reason_ = nullptr;
  bool error_too_deep_ = false;
};

}  // namespace sluice::json::detail
