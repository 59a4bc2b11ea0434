#include "row_transformer.hpp"

#include <string>

namespace sluice::json::detail {

bool RowTransformer::write_row(std::string_view row, const ProgramData& program,
                               const RowSite& site, Output& out, ErrorList& errors) noexcept {
  program_ = &program;
  out_ = &out;
  errors_ = &errors;
  begin_ = row.data();
  end_ = begin_ + row.size();
  error_at_ = nullptr;
  error_reason_ = nullptr;
  error_too_deep_ = false;
  tape_.clear();
  stack_.clear();
  if (skip_kinds_.size() * 64 <= limits_.max_depth) skip_kinds_.resize(limits_.max_depth / 64 + 1);
  if (key_scratch_.size() < program.max_key_len) key_scratch_.resize(program.max_key_len);

  Value root;
  bool parsed = false;
  std::string problem;
  if (row.size() > limits_.max_row_bytes) {
    problem = "Row is larger than " + std::to_string(limits_.max_row_bytes) + " bytes.";
  } else {
    const char* p = begin_;
    skip_space(p);
    if (p == end_) {
      fail(p, "empty row");
    } else if (scan_value(p, program.objects[0].scan, 0, 0, 0, root)) {
      skip_space(p);
      parsed = p == end_ || fail(p, "unexpected characters after the value");
    }
    if (!parsed && error_too_deep_) {
      problem = "Row is nested deeper than " + std::to_string(limits_.max_depth) +
                " levels (byte " + std::to_string(offset(error_at_)) + ").";
    } else if (!parsed) {
      problem = "Row is not valid JSON (byte " + std::to_string(offset(error_at_)) + ": " +
                error_reason_ + ").";
    }
  }
  if (!parsed) {
    errors.add({problem}, site.path);
    if (site.non_null) return false;
    out.put("null", 4);
    return true;
  }

  row_field_.kind = FieldKind::object;
  row_field_.object = 0;
  row_field_.non_null = site.non_null;
  return emit_value(row_field_, site.parent_type, site.field_name, root, 0, site.path);
}

// ---- Scan ---------------------------------------------------------------------------------

bool RowTransformer::fail(const char* at, const char* reason) noexcept {
  error_at_ = at;
  error_reason_ = reason;
  return false;
}

bool RowTransformer::too_deep(const char* at) noexcept {
  error_too_deep_ = true;
  return fail(at, "nested too deep");
}

bool RowTransformer::room_for(std::size_t values, const char* at) noexcept {
  if (tape_.size() + stack_.size() + values <= limits_.max_row_values) return true;
  return fail(at, "more selected values than the limit allows");
}

bool RowTransformer::scan_value(const char*& p, std::uint32_t scan, std::uint32_t list_depth,
                                std::uint32_t level, std::uint32_t depth, Value& value) {
  if (*p == '{') {
    value.begin = offset(p);
    value.type = Type::object;
    value.count = 0;
    if (scan == kNone) {
      value.child = kNone;
      if (!skip_value(p, depth)) return false;
    } else if (!scan_object(p, scan, depth + 1, value)) {
      return false;
    }
  } else if (*p == '[') {
    value.begin = offset(p);
    value.type = Type::array;
    if (level >= list_depth) {
      value.child = kNone;
      value.count = 0;
      if (!skip_value(p, depth)) return false;
    } else if (!scan_array(p, scan, list_depth, level + 1, depth + 1, value)) {
      return false;
    }
  } else {
    return scan_scalar(p, value);
  }
  value.end = offset(p);
  return true;
}

bool RowTransformer::scan_object(const char*& cursor, std::uint32_t scan, std::uint32_t depth,
                                 Value& value) {
  // The members are scanned on a local copy of the position: stores through `cursor` might
  // change end_ as far as the compiler knows, which cost a reload after every byte advanced.
  const char* p = cursor;
  const bool ok = scan_members(p, scan, depth, value);
  cursor = p;
  return ok;
}

bool RowTransformer::scan_members(const char*& p, std::uint32_t scan, std::uint32_t depth,
                                  Value& value) {
  if (depth > limits_.max_depth) return too_deep(p);
  const ScanNode& node = program_->scans[scan];
  if (!room_for(node.slots.size(), p)) return false;
  const auto block = static_cast<std::uint32_t>(tape_.size());
  tape_.resize(tape_.size() + node.slots.size());
  value.child = block;
  ++p;
  skip_space(p);
  if (p < end_ && *p == '}') {
    ++p;
    return true;
  }
  for (;;) {
    const char* key = nullptr;
    std::size_t key_len = 0;
    bool escaped = false;
    if (!object_key(p, key, key_len, escaped)) return false;
    const int slot = escaped ? lookup_escaped(node, key, key_len) : node.lookup(key, key_len);
    if (*p != '{' && *p != '[') {
      // A repeated key: the last one wins, as in jsonb.
      Value ignored;
      if (!scan_scalar(p, slot < 0 ? ignored : tape_[block + slot])) return false;
    } else if (slot < 0) {
      if (!skip_value(p, depth)) return false;
    } else {
      // Into a local first: scanning a container may grow tape_.
      const ScanSlot& info = node.slots[slot];
      Value member;
      if (!scan_value(p, info.child, info.list_depth, 0, depth, member)) return false;
      tape_[block + slot] = member;
    }
    // jsonb's text separates members with ", ": that case in one test.
    if (end_ - p >= 3 && p[0] == ',' && p[1] == ' ' && p[2] == '"') {
      p += 2;
      continue;
    }
    skip_space(p);
    if (p == end_) return fail(p, "unterminated object");
    if (*p == '}') {
      ++p;
      return true;
    }
    if (*p != ',') return fail(p, "expected ',' or '}'");
    ++p;
    skip_space(p);
  }
}

bool RowTransformer::scan_array(const char*& p, std::uint32_t scan, std::uint32_t list_depth,
                                std::uint32_t level, std::uint32_t depth, Value& value) {
  if (depth > limits_.max_depth) return too_deep(p);
  const std::size_t mark = stack_.size();
  ++p;
  skip_space(p);
  if (p < end_ && *p == ']') {
    ++p;
  } else {
    for (;;) {
      if (p == end_) return fail(p, "unterminated array");
      if (!room_for(1, p)) return false;
      Value element;
      if (!scan_value(p, scan, list_depth, level, depth, element)) return false;
      stack_.push_back(element);
      skip_space(p);
      if (p == end_) return fail(p, "unterminated array");
      if (*p == ']') {
        ++p;
        break;
      }
      if (*p != ',') return fail(p, "expected ',' or ']'");
      ++p;
      skip_space(p);
    }
  }
  value.child = static_cast<std::uint32_t>(tape_.size());
  value.count = static_cast<std::uint32_t>(stack_.size() - mark);
  tape_.insert(tape_.end(), stack_.begin() + static_cast<std::ptrdiff_t>(mark), stack_.end());
  stack_.resize(mark);
  return true;
}

// Skips one value without recording anything, iteratively: nesting costs one bit per level.
bool RowTransformer::skip_value(const char*& p, std::uint32_t depth) {
  std::uint32_t open = 0;  // containers opened by this call
  bool in_object = false;  // the innermost open container is an object
  for (;;) {
    // p < end_, at the first byte of a value.
    const char c = *p;
    if (c == '{' || c == '[') {
      if (depth + open + 1 > limits_.max_depth) return too_deep(p);
      in_object = c == '{';
      std::uint64_t& word = skip_kinds_[open / 64];
      const std::uint64_t bit = std::uint64_t{1} << (open % 64);
      word = in_object ? (word | bit) : (word & ~bit);
      ++open;
      ++p;
      skip_space(p);
      if (p < end_ && *p == (in_object ? '}' : ']')) {
        ++p;
        --open;
        in_object = open > 0 && ((skip_kinds_[(open - 1) / 64] >> ((open - 1) % 64)) & 1);
      } else if (in_object) {
        const char* key = nullptr;
        std::size_t key_len = 0;
        bool escaped = false;
        if (!object_key(p, key, key_len, escaped)) return false;
        continue;
      } else {
        if (p == end_) return fail(p, "unterminated array");
        continue;
      }
    } else if (c == '"') {
      bool escaped = false;
      if (!scan_string(p, escaped)) return false;
    } else if (c == 't') {
      if (!scan_literal(p, "true")) return false;
    } else if (c == 'f') {
      if (!scan_literal(p, "false")) return false;
    } else if (c == 'n') {
      if (!scan_literal(p, "null")) return false;
    } else if (!scan_number(p)) {
      return false;
    }
    // After a complete value: close containers until one continues with ','.
    for (;;) {
      if (open == 0) return true;
      skip_space(p);
      if (p == end_) return fail(p, in_object ? "unterminated object" : "unterminated array");
      if (*p == ',') {
        ++p;
        skip_space(p);
        if (in_object) {
          const char* key = nullptr;
          std::size_t key_len = 0;
          bool escaped = false;
          if (!object_key(p, key, key_len, escaped)) return false;
        } else if (p == end_) {
          return fail(p, "unterminated array");
        }
        break;
      }
      if (*p != (in_object ? '}' : ']')) {
        return fail(p, in_object ? "expected ',' or '}'" : "expected ',' or ']'");
      }
      ++p;
      --open;
      in_object = open > 0 && ((skip_kinds_[(open - 1) / 64] >> ((open - 1) % 64)) & 1);
    }
  }
}

// p at a string-special byte inside a string (not the end of the input); leaves p after the
// closing quote.
bool RowTransformer::scan_string_rest(const char*& p, bool& escaped) {
  for (;;) {
    if (p == end_) return fail(p, "unterminated string");
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"') {
      ++p;
      return true;
    }
    if (c == '\\') {
      escaped = true;
      if (!scan_escape(p)) return false;
    } else if (c < 0x20) {
      return fail(p, "control character in string");
    } else {
      const std::size_t n = utf8_sequence_length(p, end_);
      if (n == 0) return fail(p, "invalid UTF-8");
      p += n;
    }
    p += find_string_special(p, end_);
  }
}

// p at a backslash inside a string.
bool RowTransformer::scan_escape(const char*& p) {
  auto code_unit = [&](const char* at) -> int {
    if (end_ - at < 6 || at[0] != '\\' || at[1] != 'u') return -1;
    int unit = 0;
    for (int i = 2; i < 6; ++i) {
      const int digit = hex_value(at[i]);
      if (digit < 0) return -1;
      unit = unit << 4 | digit;
    }
    return unit;
  };
  if (end_ - p < 2) return fail(p, "unterminated string");
  switch (p[1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
      p += 2;
      return true;
    case 'u': {
      const int unit = code_unit(p);
      if (unit < 0) return fail(p, "invalid \\u escape");
      if (unit >= 0xDC00 && unit <= 0xDFFF) return fail(p, "unpaired surrogate");
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        const int low = code_unit(p + 6);
        if (low < 0xDC00 || low > 0xDFFF) return fail(p, "unpaired surrogate");
        p += 6;
      }
      p += 6;
      return true;
    }
    default:
      return fail(p, "invalid escape");
  }
}

bool RowTransformer::scan_literal(const char*& p, std::string_view literal) {
  if (static_cast<std::size_t>(end_ - p) < literal.size() ||
      std::string_view(p, literal.size()) != literal) {
    return fail(p, "unexpected character");
  }
  p += literal.size();
  return true;
}

// Unescapes a key that contains backslashes (already validated) and looks it up. Keys longer
// than the longest selected key cannot match and are not unescaped completely.
int RowTransformer::lookup_escaped(const ScanNode& node, const char* key, std::size_t len) {
  char* out = key_scratch_.data();
  std::size_t n = 0;
  auto put = [&](char c) {
    if (n == node.max_key_len) return false;
    out[n++] = c;
    return true;
  };
  auto hex4 = [](const char* at) {
    unsigned unit = 0;
    for (int i = 0; i < 4; ++i) unit = unit << 4 | static_cast<unsigned>(hex_value(at[i]));
    return unit;
  };
  for (std::size_t i = 0; i < len;) {
    if (key[i] != '\\') {
      if (!put(key[i++])) return -1;
      continue;
    }
    const char e = key[i + 1];
    if (e != 'u') {
      const char c = e == 'b'   ? '\b'
                     : e == 'f' ? '\f'
                     : e == 'n' ? '\n'
                     : e == 'r' ? '\r'
                     : e == 't' ? '\t'
                                : e;  // '"', '\\' and '/' stand for themselves
      if (!put(c)) return -1;
      i += 2;
      continue;
    }
    char32_t cp = hex4(key + i + 2);
    i += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {  // validated: a low surrogate follows
      cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(key + i + 2) - 0xDC00);
      i += 6;
    }
    bool fits = true;
    if (cp < 0x80) {
      fits = put(static_cast<char>(cp));
    } else if (cp < 0x800) {
      fits = put(static_cast<char>(0xC0 | cp >> 6)) && put(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      fits = put(static_cast<char>(0xE0 | cp >> 12)) &&
             put(static_cast<char>(0x80 | ((cp >> 6) & 0x3F))) &&
             put(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      fits = put(static_cast<char>(0xF0 | cp >> 18)) &&
             put(static_cast<char>(0x80 | ((cp >> 12) & 0x3F))) &&
             put(static_cast<char>(0x80 | ((cp >> 6) & 0x3F))) &&
             put(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    if (!fits) return -1;
  }
  return node.lookup(out, n);
}

// ---- Emit ---------------------------------------------------------------------------------

namespace {

std::string_view found_name(std::uint8_t type_index) {
  // Indexed by RowTransformer::Type.
  static constexpr std::string_view kNames[] = {"nothing",  "null",      "a boolean", "a number",
                                                "a string", "an object", "an array"};
  return kNames[type_index];
}

}  // namespace

bool RowTransformer::field_error(std::string_view parent_type, std::string_view field_name,
                                 std::string_view expected, const Value& value, bool non_null,
                                 const PathNode* path) {
  errors_->add({"Field ", parent_type, ".", field_name, ": expected ", expected, ", found ",
                found_name(static_cast<std::uint8_t>(value.type)), "."},
               path);
  if (non_null) return false;
  out_->put("null", 4);
  return true;
}

bool RowTransformer::emit_value(const EmitField& field, std::string_view parent_type,
                                std::string_view field_name, const Value& value,
                                std::uint32_t level, const PathNode* path) {
  const bool non_null = level == 0 ? field.non_null : ((field.items_non_null >> (level - 1)) & 1);
  if (value.type == Type::missing || value.type == Type::null) {
    if (!non_null) {
      out_->put("null", 4);
      return true;
    }
    errors_->add({"Cannot return null for non-nullable field ", parent_type, ".", field_name, "."},
                 path);
    return false;
  }
  Output& out = *out_;
  const std::size_t start = out.size();
  bool ok = true;
  if (level < field.list_depth) {
    if (value.type != Type::array) {
      return field_error(parent_type, field_name, "a list", value, non_null, path);
    }
    out.put('[');
    for (std::uint32_t i = 0; i < value.count && ok; ++i) {
      if (i != 0) out.put(',');
      const PathNode node{path, {}, i};
      ok = emit_value(field, parent_type, field_name, tape_[value.child + i], level + 1, &node);
    }
    if (ok) out.put(']');
  } else {
    switch (field.kind) {
      case FieldKind::scalar:
        if (value.type == Type::object || value.type == Type::array) {
          return field_error(parent_type, field_name, "a scalar", value, non_null, path);
        }
        out.put(begin_ + value.begin, value.end - value.begin);
        return true;
      case FieldKind::json:
        out.put(begin_ + value.begin, value.end - value.begin);
        return true;
      case FieldKind::object:
        if (value.type != Type::object) {
          return field_error(parent_type, field_name, "an object", value, non_null, path);
        }
        ok = emit_object(program_->objects[field.object], value.child, path);
        break;
      case FieldKind::type_name:  // handled by emit_object: it reads no value
        break;
    }
  }
  if (ok) return true;
  if (non_null) return false;
  out.truncate(start);
  out.put("null", 4);
  return true;
}

bool RowTransformer::emit_object(const EmitObject& object, std::uint32_t block,
                                 const PathNode* path) {
  Output& out = *out_;
  out.put('{');
  const EmitField* fields = program_->fields.data() + object.first_field;
  for (std::uint32_t i = 0; i < object.field_count; ++i) {
    const EmitField& field = fields[i];
    const std::size_t skip = i == 0 ? 1 : 0;  // no comma before the first member
    out.put_padded(program_->text.data() + field.key_at + skip, field.key_size - skip);
    if (field.kind == FieldKind::type_name) {
      out.put_padded(program_->text.data() + object.type_name_at, object.type_name_size);
      continue;
    }
    const Value& value = tape_[block + field.slot];
    // The common case inline: a present scalar (or any JSON value) copied as it is.
    if (field.list_depth == 0 && value.type > Type::null &&
        (field.kind == FieldKind::json ||
         (field.kind == FieldKind::scalar && value.type < Type::object))) {
      const char* bytes = begin_ + value.begin;
      if (end_ - bytes >= 16) {
        out.put_padded(bytes, value.end - value.begin);
      } else {
        out.put(bytes, value.end - value.begin);
      }
      continue;
    }
    const PathNode node{path, program_->name_json(field), 0};
    if (!emit_value(field, object.type_name, field.field_name, value, 0, &node)) return false;
  }
  out.put('}');
  return true;
}

}  // namespace sluice::json::detail
