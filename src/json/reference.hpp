#pragma once
// Test-only reference for the response pipeline, written independently of the transformer:
// - validity from nlohmann/json (a full grammar, UTF-8 and escape checker), corrected where it
//   departs from RFC 8259: numbers are judged by grammar only (nlohmann rejects values beyond
//   double range such as 1e400, which PostgreSQL's numeric happily produces), a NUL byte is
//   not taken for the end of the input, and a byte order mark is not skipped;
// - a DOM of the row from simdjson On Demand, keeping each value's exact text;
// - GraphQL value completion written as the spec describes it (recursion, with a null result
//   standing for a propagating null), producing the expected response text.
//
// Expected texts contain kWildcard where the reference cannot know our wording (the details of
// why a row is malformed); matches() compares with it.

#include <simdjson.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sluice/json/program.hpp"
#include "sluice/json/response.hpp"

namespace sluice::json::reference {

inline constexpr char kWildcard = '\x01';  // never valid in JSON text outside a string

// ---- Validity -------------------------------------------------------------------------------

namespace detail {

struct Verdict : nlohmann::json_sax<nlohmann::json> {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& error) override {
    overflow_at = error.id == 406 ? position : 0;
    overflow_token = token;
    return false;
  }
  std::size_t overflow_at = 0;  // end of a number token beyond double range
  std::string overflow_token;
};

}  // namespace detail

// Whether `text` is one valid JSON value (RFC 8259; a byte order mark is not accepted).
inline bool valid(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") return false;
  // nlohmann/json stops at a NUL byte as if the input ended there; JSON has no place for one.
  if (text.find('\0') != std::string_view::npos) return false;
  std::string copy(text);
  for (;;) {
    detail::Verdict verdict;
    if (nlohmann::json::sax_parse(copy, &verdict)) return true;
    const std::size_t end = verdict.overflow_at;
    const std::size_t size = verdict.overflow_token.size();
    if (end == 0 || end < size || copy.compare(end - size, size, verdict.overflow_token) != 0) {
      return false;
    }
    // Grammatically fine, just large: stand in a small number of the same length and retry.
    // "0" then spaces, so that whatever follows still has to be a delimiter ("1e999.5" stays
    // invalid; spaces then "0" would make it "    0.5").
    copy.replace(end - size, size, "0" + std::string(size - 1, ' '));
  }
}

// Deepest nesting of objects and arrays in valid JSON text.
inline std::size_t nesting(std::string_view text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

// ---- DOM with exact text --------------------------------------------------------------------

struct Member;

struct Value {
  enum class Type { null, boolean, number, string, object, array };
  Type type = Type::null;
  std::string text;             // exact text of the value (containers verbatim)
  std::vector<Member> members;  // in order, repeated keys kept
  std::vector<Value> elements;
};

struct Member {
  std::string key;  // unescaped
  Value value;
};

namespace detail {

inline std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Builds the value at `v`. Containers are taken whole (raw_json) and their children read by
// parsing that text again: simple, and the reference need not be fast.
template <class V>
Value build(V&& v);

// One parser per nesting level, reused: a container's children are parsed while its own
// document is still being iterated.
inline simdjson::ondemand::parser& parser_at(std::size_t level) {
  thread_local std::vector<std::unique_ptr<simdjson::ondemand::parser>> parsers;
  while (parsers.size() <= level) {
    parsers.push_back(std::make_unique<simdjson::ondemand::parser>());
  }
  return *parsers[level];
}

inline thread_local std::size_t level = 0;

inline Value parse_container(std::string_view text) {
  simdjson::padded_string padded(text);
  auto doc = parser_at(level++).iterate(padded);
  struct Leave {
    ~Leave() { --level; }
  } leave;
  Value value;
  value.text = std::string(text);
  if (text.front() == '{') {
    value.type = Value::Type::object;
    for (auto field : doc.get_object()) {
      std::string key(field.unescaped_key().value());
      value.members.push_back(Member{std::move(key), build(field.value())});
    }
  } else {
    value.type = Value::Type::array;
    for (auto element : doc.get_array()) value.elements.push_back(build(element.value()));
  }
  return value;
}

template <class V>
Value build(V&& v) {
  using simdjson::ondemand::json_type;
  const json_type type = v.type().value();
  if (type == json_type::object) {
    simdjson::ondemand::object object = v.get_object().value();
    return parse_container(trim(object.raw_json().value()));
  }
  if (type == json_type::array) {
    simdjson::ondemand::array array = v.get_array().value();
    return parse_container(trim(array.raw_json().value()));
  }
  Value value;
  // A document's token comes wrapped in a simdjson_result, a value's does not.
  std::string_view token;
  if constexpr (std::is_same_v<decltype(v.raw_json_token()), std::string_view>) {
    token = v.raw_json_token();
  } else {
    token = v.raw_json_token().value();
  }
  value.text = std::string(trim(token));
  switch (type) {
    case json_type::number:
      value.type = Value::Type::number;
      break;
    case json_type::string:
      value.type = Value::Type::string;
      break;
    case json_type::boolean:
      value.type = Value::Type::boolean;
      break;
    default:
      value.type = Value::Type::null;
  }
  return value;
}

}  // namespace detail

// The DOM of valid JSON text.
inline Value parse(std::string_view text) {
  simdjson::padded_string padded(text);
  auto doc = detail::parser_at(detail::level++).iterate(padded);
  struct Leave {
    ~Leave() { --detail::level; }
  } leave;
  return detail::build(doc);
}

// ---- Completion -----------------------------------------------------------------------------

struct PathElement {
  std::string name;  // empty for an index
  std::size_t index = 0;
};

class Completer {
 public:
  explicit Completer(const Limits& limits) : limits_(limits) {}

  // The response for one root field.
  std::string list_response(std::span<const std::string_view> rows, const RootField& field,
                            const ObjectSpec& spec) {
    std::string value = "[";
    bool field_null = false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto row = row_value(rows[i], field, spec, {{std::string(field.response_name)}, {"", i}},
                           field.items_non_null);
      if (!row) {
        field_null = true;
        break;
      }
      if (i != 0) value += ',';
      value += *row;
    }
    value += ']';
    if (field_null) {
      if (field.non_null) return response(std::nullopt);
      value = "null";
    }
    return response(named(field, value));
  }

  std::string single_response(std::optional<std::string_view> row, const RootField& field,
                              const ObjectSpec& spec) {
    std::vector<PathElement> path{{std::string(field.response_name)}};
    std::optional<std::string> value;
    if (row) {
      value = row_value(*row, field, spec, path, field.non_null);
    } else if (field.non_null) {
      null_error(std::string(field.parent_type), std::string(field.field_name), path);
    } else {
      value = "null";
    }
    return response(value ? std::optional(named(field, *value)) : std::nullopt);
  }

 private:
  static std::string quote(std::string_view s) { return nlohmann::json(std::string(s)).dump(); }

  static std::string named(const RootField& field, const std::string& value) {
    return quote(field.response_name) + ":" + value;
  }

  std::string response(const std::optional<std::string>& field) {
    std::string out = "{\"data\":";
    out += field ? "{" + *field + "}" : "null";
    if (!errors_.empty()) {
      out += ",\"errors\":[";
      const std::size_t kept = std::min<std::size_t>(errors_.size(), limits_.max_errors);
      for (std::size_t i = 0; i < kept; ++i) out += (i ? "," : "") + errors_[i];
      if (errors_.size() > kept) {
        out += kept ? "," : "";
        out +=
            "{\"message\":\"" + std::to_string(errors_.size() - kept) + " more errors omitted.\"}";
      }
      out += ']';
    }
    return out + "}";
  }

  void error(const std::string& message, const std::vector<PathElement>& path) {
    std::string text = "{\"message\":";
    if (message.back() == kWildcard) {
      text += quote(message.substr(0, message.size() - 1));
      text.insert(text.size() - 1, 1, kWildcard);
    } else {
      text += quote(message);
    }
    text += ",\"path\":[";
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (i) text += ',';
      text += path[i].name.empty() ? std::to_string(path[i].index) : quote(path[i].name);
    }
    errors_.push_back(text + "]}");
  }

  void null_error(const std::string& type, const std::string& field,
                  const std::vector<PathElement>& path) {
    error("Cannot return null for non-nullable field " + type + "." + field + ".", path);
  }

  std::optional<std::string> row_value(std::string_view row, const RootField& root,
                                       const ObjectSpec& spec, const std::vector<PathElement>& path,
                                       bool non_null) {
    if (row.size() > limits_.max_row_bytes || !valid(row) || nesting(row) > limits_.max_depth) {
      error(std::string("Row ") + kWildcard, path);
      return non_null ? std::nullopt : std::optional<std::string>("null");
    }
    FieldSpec field;
    field.field_name = root.field_name;
    field.kind = FieldKind::object;
    field.non_null = non_null;
    field.object = spec;
    const Value value = parse(row);
    return complete(field, std::string(root.parent_type), &value, 0, path);
  }

  std::optional<std::string> complete(const FieldSpec& field, const std::string& parent_type,
                                      const Value* value, std::size_t level,
                                      const std::vector<PathElement>& path) {
    const bool non_null = level == 0 ? field.non_null : field.items_non_null[level - 1];
    auto nulled = [&]() -> std::optional<std::string> {
      if (non_null) return std::nullopt;
      return "null";
    };
    if (value == nullptr || value->type == Value::Type::null) {
      if (non_null) null_error(parent_type, field.field_name, path);
      return nulled();
    }
    auto wrong_type = [&](const char* expected) {
      static const char* kFound[] = {"null",     "a boolean", "a number",
                                     "a string", "an object", "an array"};
      error("Field " + parent_type + "." + field.field_name + ": expected " + expected +
                ", found " + kFound[static_cast<int>(value->type)] + ".",
            path);
      return nulled();
    };
    if (level < field.items_non_null.size()) {
      if (value->type != Value::Type::array) return wrong_type("a list");
      std::string out = "[";
      for (std::size_t i = 0; i < value->elements.size(); ++i) {
        auto element_path = path;
        element_path.push_back({"", i});
        auto element = complete(field, parent_type, &value->elements[i], level + 1, element_path);
        if (!element) return nulled();
        out += (i ? "," : "") + *element;
      }
      return out + "]";
    }
    switch (field.kind) {
      case FieldKind::scalar:
        if (value->type == Value::Type::object || value->type == Value::Type::array) {
          return wrong_type("a scalar");
        }
        return value->text;
      case FieldKind::json:
        return value->text;
      case FieldKind::object: {
        if (value->type != Value::Type::object) return wrong_type("an object");
        auto object = complete_object(field.object, *value, path);
        if (!object) return nulled();
        return object;
      }
      case FieldKind::type_name:
        break;
    }
    return std::nullopt;
  }

  std::optional<std::string> complete_object(const ObjectSpec& spec, const Value& object,
                                             const std::vector<PathElement>& path) {
    std::string out = "{";
    for (std::size_t i = 0; i < spec.fields.size(); ++i) {
      const FieldSpec& field = spec.fields[i];
      out += (i ? "," : "") + quote(field.response_name) + ":";
      if (field.kind == FieldKind::type_name) {
        out += quote(spec.type_name);
        continue;
      }
      const Value* member = nullptr;  // a repeated key: the last one counts
      for (const Member& m : object.members) {
        if (m.key == field.key) member = &m.value;
      }
      auto field_path = path;
      field_path.push_back({field.response_name});
      auto value = complete(field, spec.type_name, member, 0, field_path);
      if (!value) return std::nullopt;
      out += *value;
    }
    return out + "}";
  }

  Limits limits_;
  std::vector<std::string> errors_;
};

// Whether `actual` equals `expected`, where each kWildcard in `expected` stands for any text
// up to the next occurrence of what follows it.
inline bool matches(std::string_view actual, std::string_view expected) {
  std::vector<std::string_view> parts;
  for (std::size_t cut; (cut = expected.find(kWildcard)) != std::string_view::npos;) {
    parts.push_back(expected.substr(0, cut));
    expected.remove_prefix(cut + 1);
  }
  parts.push_back(expected);
  if (parts.size() == 1) return actual == parts[0];
  if (!actual.starts_with(parts.front())) return false;
  std::size_t at = parts.front().size();
  for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
    const std::size_t found = actual.find(parts[i], at);
    if (found == std::string_view::npos) return false;
    at = found + parts[i].size();
  }
  return actual.size() >= at + parts.back().size() && actual.ends_with(parts.back());
}

}  // namespace sluice::json::reference
