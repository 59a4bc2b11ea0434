#include "sluice/json/program.hpp"

#include <algorithm>
#include <bit>
#include <string_view>
#include <unordered_set>

#include "program_data.hpp"
#include "sluice/json/escape.hpp"

namespace sluice::json {
namespace {

using detail::kNone;

// Seeds tried for each key table; the first without collisions wins (else the one with the
// shortest longest probe). splitmix64 of the attempt number: odd multipliers, well spread.
std::uint64_t seed_candidate(std::uint64_t attempt) {
  std::uint64_t z = (attempt + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return (z ^ (z >> 31)) | 1;
}

void build_table(detail::ScanNode& node) {
  const std::size_t size = std::max<std::size_t>(8, std::bit_ceil(node.slots.size() * 2));
  const auto bits = static_cast<std::uint32_t>(std::countr_zero(size));
  node.shift = 64 - bits;
  std::vector<detail::KeyEntry> table(size);
  std::size_t best_probe = SIZE_MAX;
  for (std::uint64_t attempt = 0; attempt < 64 && best_probe > 0; ++attempt) {
    const std::uint64_t seed = seed_candidate(attempt);
    std::fill(table.begin(), table.end(), detail::KeyEntry{});
    std::size_t longest = 0;
    for (std::size_t s = 0; s < node.slots.size(); ++s) {
      const detail::ScanSlot& slot = node.slots[s];
      std::size_t i = slot.words.hash(slot.key.size(), seed) >> node.shift;
      std::size_t probe = 0;
      while (table[i].slot != kNone) {
        i = (i + 1) & (size - 1);
        ++probe;
      }
      table[i] = {slot.words.head, slot.words.tail, static_cast<std::uint32_t>(slot.key.size()),
                  static_cast<std::uint32_t>(s)};
      longest = std::max(longest, probe);
    }
    if (longest < best_probe) {
      best_probe = longest;
      node.seed = seed;
      node.table = table;
    }
  }
  node.table_mask = size - 1;
  for (const auto& slot : node.slots) {
    node.max_key_len = std::max(node.max_key_len, static_cast<std::uint32_t>(slot.key.size()));
    node.key_lengths |= detail::ScanNode::length_bit(slot.key.size());
  }
}

class Compiler {
 public:
  explicit Compiler(detail::ProgramData& data) : data_(data) {}

  // Appends the emit object for `spec`, reading through scan node `scan`. Returns its index, or
  // kNone with error() set.
  std::uint32_t object(const ObjectSpec& spec, std::uint32_t scan, std::uint32_t depth) {
    if (depth > Program::kMaxSelectionDepth) {
      return fail("selections are nested deeper than " +
                  std::to_string(Program::kMaxSelectionDepth) + " levels");
    }
    if (spec.type_name.empty()) return fail("an object type has no name");
    const auto index = static_cast<std::uint32_t>(data_.objects.size());
    detail::EmitObject& emit = data_.objects.emplace_back();
    emit.type_name = spec.type_name;
    emit.type_name_at = static_cast<std::uint32_t>(data_.text.size());
    append_json_string(data_.text, spec.type_name);
    emit.type_name_size = static_cast<std::uint32_t>(data_.text.size() - emit.type_name_at);
    emit.scan = scan;
    emit.first_field = static_cast<std::uint32_t>(data_.fields.size());
    emit.field_count = static_cast<std::uint32_t>(spec.fields.size());
    // This object's fields are contiguous; nested objects append theirs after.
    data_.fields.resize(data_.fields.size() + spec.fields.size());
    const std::uint32_t first = emit.first_field;

    std::unordered_set<std::string_view> names;
    for (std::size_t i = 0; i < spec.fields.size(); ++i) {
      const FieldSpec& f = spec.fields[i];
      const std::string where = spec.type_name + "." + f.field_name;
      if (f.response_name.empty() || f.field_name.empty()) {
        return fail("a field of " + spec.type_name + " has no name");
      }
      if (!names.insert(f.response_name).second) {
        return fail("response name \"" + f.response_name + "\" appears twice in " + spec.type_name);
      }
      if (f.items_non_null.size() > Program::kMaxListDepth) {
        return fail(where + " is wrapped in more than " + std::to_string(Program::kMaxListDepth) +
                    " lists");
      }
      detail::EmitField field;
      field.key_at = static_cast<std::uint32_t>(data_.text.size());
      data_.text += ',';
      append_json_string(data_.text, f.response_name);
      data_.text += ':';
      field.key_size = static_cast<std::uint32_t>(data_.text.size() - field.key_at);
      field.field_name = f.field_name;
      field.kind = f.kind;
      field.non_null = f.non_null;
      field.list_depth = static_cast<std::uint8_t>(f.items_non_null.size());
      for (std::size_t level = 0; level < f.items_non_null.size(); ++level) {
        if (f.items_non_null[level]) field.items_non_null |= static_cast<std::uint8_t>(1u << level);
      }
      if (f.kind == FieldKind::type_name) {
        if (field.list_depth != 0) return fail(where + ": __typename cannot be a list");
      } else {
        if (f.key.empty()) return fail(where + " reads no JSON key");
        field.slot = slot(scan, f.key);
        if (field.slot == kNone) return kNone;
        auto& slot_info = data_.scans[scan].slots[field.slot];
        slot_info.list_depth = std::max(slot_info.list_depth, field.list_depth);
        if (f.kind == FieldKind::object) {
          std::uint32_t child = slot_info.child;
          if (child == kNone) {
            child = static_cast<std::uint32_t>(data_.scans.size());
            data_.scans[scan].slots[field.slot].child = child;
            data_.scans.emplace_back();
          }
          field.object = object(f.object, child, depth + 1);
          if (field.object == kNone) return kNone;
        }
      }
      data_.fields[first + i] = std::move(field);
    }
    return index;
  }

  [[nodiscard]] std::string& error() { return error_; }

 private:
  std::uint32_t slot(std::uint32_t scan, const std::string& key) {
    auto& slots = data_.scans[scan].slots;
    for (std::size_t s = 0; s < slots.size(); ++s) {
      if (slots[s].key == key) return static_cast<std::uint32_t>(s);
    }
    if (slots.size() >= (1u << 20)) return fail("too many keys in one object");
    slots.push_back(detail::ScanSlot{key, detail::KeyWords::of(key.data(), key.size())});
    return static_cast<std::uint32_t>(slots.size() - 1);
  }

  std::uint32_t fail(std::string message) {
    error_ = std::move(message);
    return kNone;
  }

  detail::ProgramData& data_;
  std::string error_;
};

}  // namespace

CompileResult Program::compile(const ObjectSpec& root) {
  auto data = std::make_shared<detail::ProgramData>();
  data->scans.emplace_back();
  Compiler compiler(*data);
  if (compiler.object(root, 0, 1) == kNone) return CompileResult(std::move(compiler.error()));
  data->text.append(detail::ProgramData::kTextPadding, '\0');
  for (auto& scan : data->scans) {
    build_table(scan);
    data->max_key_len = std::max(data->max_key_len, scan.max_key_len);
  }
  return CompileResult(Program(std::move(data)));
}

}  // namespace sluice::json
