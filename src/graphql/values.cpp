#include "values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "lexer.hpp"

namespace sluice::graphql::detail {
namespace {

using ast::Value;
using ast::ValueKind;

bool digits_only(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int two_digits(std::string_view s, std::size_t at) noexcept {
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

bool valid_date_part(std::string_view s) noexcept {
  // YYYY-MM-DD
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!digits_only(s.substr(0, 4)) || !digits_only(s.substr(5, 2)) ||
      !digits_only(s.substr(8, 2))) {
    return false;
  }
  int year = std::atoi(std::string(s.substr(0, 4)).c_str());
  int month = two_digits(s, 5);
  int day = two_digits(s, 8);
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max_day;
}

std::string_view scalar_name(const NamedType* t) { return t->name; }

// parseLiteral of the scalar types with built-in rules; returns an error message, empty if ok.
std::string check_scalar_literal(const NamedType* type, const Value* v) {
  // The literal is printed only for a message: most literals are valid.
  switch (type->scalar) {
    case ScalarKind::int_type: {
      if (v->kind != ValueKind::int_value) {
        return fmt::format("Int cannot represent non-integer value: {}", print_literal(v));
      }
      std::int32_t unused = 0;
      if (!parse_int32(v->text, unused)) {
        return fmt::format("Int cannot represent non 32-bit signed integer value: {}", v->text);
      }
      return {};
    }
    case ScalarKind::float_type:
      if (v->kind != ValueKind::int_value && v->kind != ValueKind::float_value) {
        return fmt::format("Float cannot represent non numeric value: {}", print_literal(v));
      }
      return {};
    case ScalarKind::string:
      if (v->kind != ValueKind::string) {
        return fmt::format("String cannot represent a non string value: {}", print_literal(v));
      }
      return {};
    case ScalarKind::boolean:
      if (v->kind != ValueKind::boolean) {
        return fmt::format("Boolean cannot represent a non boolean value: {}", print_literal(v));
      }
      return {};
    case ScalarKind::id:
      if (v->kind != ValueKind::string && v->kind != ValueKind::int_value) {
        return fmt::format("ID cannot represent a non-string and non-integer value: {}",
                           print_literal(v));
      }
      return {};
    case ScalarKind::date_time:
    case ScalarKind::date:
    case ScalarKind::uuid: {
      if (v->kind != ValueKind::string) {
        return fmt::format("{} cannot represent a non string value: {}", scalar_name(type),
                           print_literal(v));
      }
      bool ok = type->scalar == ScalarKind::date_time ? is_date_time(v->text)
                : type->scalar == ScalarKind::date    ? is_date(v->text)
                                                      : is_uuid(v->text);
      if (!ok) {
        return fmt::format("{} cannot represent an invalid {} string: {}", scalar_name(type),
                           type->scalar == ScalarKind::date_time ? "date-time"
                           : type->scalar == ScalarKind::date    ? "date"
                                                                 : "UUID",
                           print_literal(v));
      }
      return {};
    }
    case ScalarKind::big_int: {
      std::int64_t unused = 0;
      bool is_text = v->kind == ValueKind::string;
      if (v->kind != ValueKind::int_value && !is_text) {
        return fmt::format("BigInt cannot represent non-integer value: {}", print_literal(v));
      }
      if (!parse_int64(v->text, unused)) {
        return fmt::format("BigInt cannot represent non 64-bit signed integer value: {}",
                           print_literal(v));
      }
      return {};
    }
    case ScalarKind::json:
    case ScalarKind::custom:
      return {};
  }
  return {};
}

void check_leaf(const Value* v, const TypeRef* location, const ValueReporter& report) {
  const NamedType* named = location->named;
  if (!named->is_leaf()) {
    report(fmt::format("Expected value of type \"{}\", found {}.", to_string(location),
                       print_literal(v)),
           v->loc);
    return;
  }
  if (named->kind == TypeKind::enum_type) {
    if (v->kind != ValueKind::enum_value) {
      std::string printed = print_literal(v);
      report(fmt::format("Enum \"{}\" cannot represent non-enum value: {}.{}", named->name, printed,
                         did_you_mean_enum_value(*named, printed)),
             v->loc);
    } else if (named->value(v->text) == nullptr) {
      report(fmt::format("Value \"{}\" does not exist in \"{}\" enum.{}", v->text, named->name,
                         did_you_mean_enum_value(*named, v->text)),
             v->loc);
    }
    return;
  }
  std::string error = check_scalar_literal(named, v);
  if (!error.empty()) report(std::move(error), v->loc);
}

// graphql-js's Number#toString: shortest round-trip digits, exponent form outside [1e-6, 1e21).
std::string format_js_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  if (value == 0) return "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  std::size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits += c;
  }
  int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // value = 0.digits * 10^n
  std::string out = negative ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += n - 1 >= 0 ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

bool integer_string(std::string_view s) noexcept {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  if (s[0] == '0') return s.size() == 1;
  return digits_only(s);
}

// A JavaScript number (from parseInt/parseFloat of a literal) printed as graphql-js prints it.
void print_number(std::string_view literal, std::string& out) {
  double value = std::strtod(std::string(literal).c_str(), nullptr);
  out += format_js_number(value);
}

// Compares strings with runs of digits compared as numbers (graphql-js naturalCompare).
int natural_compare(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    char x = a[i];
    char y = b[j];
    if (x >= '0' && x <= '9' && y >= '0' && y <= '9') {
      std::size_t i0 = i;
      std::size_t j0 = j;
      while (i < a.size() && a[i] >= '0' && a[i] <= '9') ++i;
      while (j < b.size() && b[j] >= '0' && b[j] <= '9') ++j;
      double na = std::strtod(std::string(a.substr(i0, i - i0)).c_str(), nullptr);
      double nb = std::strtod(std::string(b.substr(j0, j - j0)).c_str(), nullptr);
      if (na < nb) return -1;
      if (na > nb) return 1;
    } else {
      if (x < y) return -1;
      if (x > y) return 1;
      ++i;
      ++j;
    }
  }
  return static_cast<int>(a.size() - i) - static_cast<int>(b.size() - j) < 0   ? -1
         : static_cast<int>(a.size() - i) - static_cast<int>(b.size() - j) > 0 ? 1
                                                                               : 0;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Optimal string alignment distance within `threshold`, or -1 beyond it.
int lexical_distance(std::string_view input, std::string_view option, int threshold) {
  if (input == option) return 0;
  std::string a = lower(option);
  std::string b = lower(input);
  if (a == b) return 1;
  if (a.size() < b.size()) std::swap(a, b);
  const int a_len = static_cast<int>(a.size());
  const int b_len = static_cast<int>(b.size());
  if (a_len - b_len > threshold) return -1;
  std::vector<std::vector<int>> rows(3, std::vector<int>(static_cast<std::size_t>(b_len) + 1));
  for (int j = 0; j <= b_len; ++j) rows[0][static_cast<std::size_t>(j)] = j;
  for (int i = 1; i <= a_len; ++i) {
    auto& up = rows[static_cast<std::size_t>((i - 1) % 3)];
    auto& current = rows[static_cast<std::size_t>(i % 3)];
    int smallest = current[0] = i;
    for (int j = 1; j <= b_len; ++j) {
      auto uj = static_cast<std::size_t>(j);
      int cost = a[static_cast<std::size_t>(i - 1)] == b[uj - 1] ? 0 : 1;
      int cell = std::min({up[uj] + 1, current[uj - 1] + 1, up[uj - 1] + cost});
      if (i > 1 && j > 1 && a[static_cast<std::size_t>(i - 1)] == b[uj - 2] &&
          a[static_cast<std::size_t>(i - 2)] == b[uj - 1]) {
        cell = std::min(cell, rows[static_cast<std::size_t>((i - 2) % 3)][uj - 2] + 1);
      }
      smallest = std::min(smallest, cell);
      current[uj] = cell;
    }
    if (smallest > threshold) return -1;
  }
  int distance = rows[static_cast<std::size_t>(a_len % 3)][static_cast<std::size_t>(b_len)];
  return distance <= threshold ? distance : -1;
}

}  // namespace

std::vector<std::string> suggestion_list(std::string_view input,
                                         const std::vector<std::string_view>& options) {
  const int threshold = static_cast<int>(input.size() * 4 / 10) + 1;
  std::vector<std::pair<int, std::string_view>> found;
  for (std::string_view option : options) {
    int d = lexical_distance(input, option, threshold);
    if (d < 0) continue;
    auto same =
        std::find_if(found.begin(), found.end(), [&](const auto& f) { return f.second == option; });
    if (same == found.end()) found.emplace_back(d, option);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    return natural_compare(x.second, y.second) < 0;
  });
  std::vector<std::string> out;
  for (const auto& f : found) out.emplace_back(f.second);
  return out;
}

std::string did_you_mean(const std::vector<std::string>& suggestions, std::string_view what) {
  if (suggestions.empty()) return {};
  std::string message = " Did you mean ";
  if (!what.empty()) {
    message += what;
    message += ' ';
  }
  auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
  if (suggestions.size() == 1) return message + quoted(suggestions[0]) + "?";
  if (suggestions.size() == 2)
    return message + quoted(suggestions[0]) + " or " + quoted(suggestions[1]) + "?";
  std::size_t n = std::min<std::size_t>(suggestions.size(), 5);
  for (std::size_t i = 0; i + 1 < n; ++i) message += quoted(suggestions[i]) + ", ";
  return message + "or " + quoted(suggestions[n - 1]) + "?";
}

std::string did_you_mean_enum_value(const NamedType& type, std::string_view input) {
  std::vector<std::string_view> names;
  for (const EnumValue& v : type.values) names.push_back(v.name);
  return did_you_mean(suggestion_list(input, names), "the enum value");
}

bool parse_int32(std::string_view digits, std::int32_t& out) noexcept {
  std::int64_t wide = 0;
  if (!parse_int64(digits, wide) || wide < std::numeric_limits<std::int32_t>::min() ||
      wide > std::numeric_limits<std::int32_t>::max()) {
    return false;
  }
  out = static_cast<std::int32_t>(wide);
  return true;
}

bool parse_int64(std::string_view digits, std::int64_t& out) noexcept {
  if (digits.empty()) return false;
  std::string_view body = digits[0] == '-' ? digits.substr(1) : digits;
  if (!digits_only(body)) return false;
  auto res = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return res.ec == std::errc() && res.ptr == digits.data() + digits.size();
}

bool is_date(std::string_view s) noexcept { return valid_date_part(s); }

bool is_date_time(std::string_view s) noexcept {
  // full-date "T" partial-time time-offset; partial-time = HH:MM:SS[.frac]
  if (s.size() < 20 || !valid_date_part(s.substr(0, 10))) return false;
  if (s[10] != 'T' && s[10] != 't') return false;
  std::string_view t = s.substr(11);
  if (t.size() < 9 || t[2] != ':' || t[5] != ':' || !digits_only(t.substr(0, 2)) ||
      !digits_only(t.substr(3, 2)) || !digits_only(t.substr(6, 2))) {
    return false;
  }
  if (two_digits(t, 0) > 23 || two_digits(t, 3) > 59 || two_digits(t, 6) > 60) return false;
  std::size_t i = 8;
  if (t[i] == '.') {
    std::size_t start = ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    if (i == start) return false;
  }
  std::string_view offset = t.substr(i);
  if (offset == "Z" || offset == "z") return true;
  if (offset.size() != 6 || (offset[0] != '+' && offset[0] != '-') || offset[3] != ':' ||
      !digits_only(offset.substr(1, 2)) || !digits_only(offset.substr(4, 2))) {
    return false;
  }
  return two_digits(offset, 1) <= 23 && two_digits(offset, 4) <= 59;
}

bool is_uuid(std::string_view s) noexcept {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

std::string js_number(double value) { return format_js_number(value); }


void check_literal(const Value* v, const TypeRef* type, const ValueReporter& report) {
  switch (v->kind) {
    case ValueKind::variable:
      return;
    case ValueKind::null:
      if (type->is_non_null()) {
        report(fmt::format("Expected value of type \"{}\", found null.", to_string(type)), v->loc);
      }
      return;
    case ValueKind::list: {
      const TypeRef* nullable = type->nullable();
      if (!nullable->is_list()) {
        check_leaf(v, nullable, report);
        return;
      }
      for (const Value* item : v->items) check_literal(item, nullable->of, report);
      return;
    }
    case ValueKind::object: {
      const NamedType* named = type->named;
      if (named->kind != TypeKind::input_object) {
        check_leaf(v, type, report);
        return;
      }
      for (const InputValue& field : named->input_fields) {
        if (!field.type->is_non_null() || field.default_value != nullptr) continue;
        bool given = false;
        for (const ast::ObjectField& f : v->fields) given = given || f.name.value == field.name;
        if (!given) {
          report(fmt::format("Field \"{}.{}\" of required type \"{}\" was not provided.",
                             named->name, field.name, to_string(field.type)),
                 v->loc);
        }
      }
      if (named->one_of) {
        // Distinct keys given; the last value of a repeated key counts.
        std::size_t distinct = 0;
        const Value* only = nullptr;
        for (std::size_t i = 0; i < v->fields.size(); ++i) {
          bool seen = false;
          for (std::size_t j = 0; j < i; ++j)
            seen = seen || v->fields[j].name.value == v->fields[i].name.value;
          if (!seen) ++distinct;
          only = v->fields[i].value;
        }
        if (distinct != 1) {
          report(
              fmt::format("OneOf Input Object \"{}\" must specify exactly one key.", named->name),
              v->loc);
        } else if (only == nullptr || only->kind == ValueKind::null) {
          report(fmt::format("Field \"{}.{}\" must be non-null.", named->name,
                             v->fields.front().name.value),
                 v->loc);
        }
      }
      for (const ast::ObjectField& f : v->fields) {
        const InputValue* field = named->input_field(f.name.value);
        if (field == nullptr) {
          std::vector<std::string_view> names;
          for (const InputValue& candidate : named->input_fields) names.push_back(candidate.name);
          report(fmt::format("Field \"{}\" is not defined by type \"{}\".{}", f.name.value,
                             named->name, did_you_mean(suggestion_list(f.name.value, names))),
                 f.name.loc);
          continue;
        }
        check_literal(f.value, field->type, report);
      }
      return;
    }
    default:
      check_leaf(v, type, report);
      return;
  }
}

void print_string(std::string_view value, std::string& out) {
  out += '"';
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\r':
        out += "\\r";
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\u{:04X}", c);
    } else if (c == 0xC2 && i + 1 < value.size() &&
               static_cast<unsigned char>(value[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(value[i + 1]) <= 0x9F) {
      // U+0080..U+009F (C1 controls) are escaped too.
      out += fmt::format("\\u{:04X}", static_cast<unsigned char>(value[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

bool printable_as_block_string(std::string_view value) {
  if (value.empty()) return true;
  bool empty_line = true;
  bool has_indent = false;
  bool has_common_indent = true;
  bool seen_non_empty_line = false;
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case 0x00:
      case 0x01:
      case 0x02:
      case 0x03:
      case 0x04:
      case 0x05:
      case 0x06:
      case 0x07:
      case 0x08:
      case 0x0B:
      case 0x0C:
      case 0x0E:
      case 0x0F:
        return false;  // not printable
      case '\r':
        return false;  // would be read back as \n
      case '\n':
        if (empty_line && !seen_non_empty_line) return false;  // a leading new line
        seen_non_empty_line = true;
        empty_line = true;
        has_indent = false;
        break;
      case '\t':
      case ' ':
        has_indent = has_indent || empty_line;
        break;
      default:
        has_common_indent = has_common_indent && has_indent;
        empty_line = false;
    }
  }
  if (empty_line) return false;                                // trailing empty lines
  if (has_common_indent && seen_non_empty_line) return false;  // indentation would be lost
  return true;
}

void print_block_string(std::string_view value, std::string& out) {
  std::string escaped;
  escaped.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.substr(i, 3) == "\"\"\"") {
      escaped += "\\\"\"\"";
      i += 2;
    } else {
      escaped += value[i];
    }
  }
  // Split on \r\n, \n, \r.
  std::size_t line_count = 1;
  bool force_leading_new_line = true;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    char c = escaped[i];
    if (c != '\n' && c != '\r') continue;
    if (c == '\r' && i + 1 < escaped.size() && escaped[i + 1] == '\n') ++i;
    ++line_count;
    char first = i + 1 < escaped.size() ? escaped[i + 1] : '\0';
    bool line_empty = i + 1 >= escaped.size() || first == '\n' || first == '\r';
    if (!line_empty && first != ' ' && first != '\t') force_leading_new_line = false;
  }
  const bool single_line = line_count == 1;
  if (single_line) force_leading_new_line = false;
  std::size_t utf16_length = 0;
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80) ++utf16_length;
    if (c >= 0xF0) ++utf16_length;
  }
  const bool trailing_triple_quotes = escaped.ends_with("\\\"\"\"");
  const bool trailing_quote = value.ends_with('"') && !trailing_triple_quotes;
  const bool trailing_slash = value.ends_with('\\');
  const bool force_trailing_new_line = trailing_quote || trailing_slash;
  const bool multiple_lines = !single_line || utf16_length > 70 || force_trailing_new_line ||
                              force_leading_new_line || trailing_triple_quotes;
  const bool skip_leading_new_line =
      single_line && !value.empty() && (value[0] == ' ' || value[0] == '\t');
  out += "\"\"\"";
  if ((multiple_lines && !skip_leading_new_line) || force_leading_new_line) out += '\n';
  out += escaped;
  if (multiple_lines || force_trailing_new_line) out += '\n';
  out += "\"\"\"";
}

void print_literal(const Value* v, std::string& out) {
  switch (v->kind) {
    case ValueKind::variable:
      out += '$';
      out += v->text;
      return;
    case ValueKind::int_value:
    case ValueKind::float_value:
    case ValueKind::enum_value:
    case ValueKind::null:
      out += v->text;
      return;
    case ValueKind::boolean:
      out += v->boolean ? "true" : "false";
      return;
    case ValueKind::string:
      if (v->block) {
        print_block_string(v->text, out);
      } else {
        print_string(v->text, out);
      }
      return;
    case ValueKind::list:
      out += '[';
      for (std::size_t i = 0; i < v->items.size(); ++i) {
        if (i != 0) out += ", ";
        print_literal(v->items[i], out);
      }
      out += ']';
      return;
    case ValueKind::object:
      out += '{';
      for (std::size_t i = 0; i < v->fields.size(); ++i) {
        if (i != 0) out += ", ";
        out += v->fields[i].name.value;
        out += ": ";
        print_literal(v->fields[i].value, out);
      }
      out += '}';
      return;
  }
}

std::string print_literal(const Value* v) {
  std::string out;
  print_literal(v, out);
  return out;
}

void print_canonical(const Value* v, const TypeRef* type, std::string& out) {
  if (v->kind == ValueKind::null) {
    out += "null";
    return;
  }
  type = type->nullable();
  if (type->is_list()) {
    out += '[';
    if (v->kind == ValueKind::list) {
      for (std::size_t i = 0; i < v->items.size(); ++i) {
        if (i != 0) out += ", ";
        print_canonical(v->items[i], type->of, out);
      }
    } else {
      print_canonical(v, type->of, out);
    }
    out += ']';
    return;
  }
  const NamedType* named = type->named;
  switch (named->kind) {
    case TypeKind::input_object: {
      out += '{';
      bool first = true;
      for (const InputValue& field : named->input_fields) {
        const Value* given = nullptr;
        for (const ast::ObjectField& f : v->fields) {
          if (f.name.value == field.name) given = f.value;  // the last one wins
        }
        if (given == nullptr) given = field.default_value;
        if (given == nullptr) continue;
        if (!first) out += ", ";
        first = false;
        out += field.name;
        out += ": ";
        print_canonical(given, field.type, out);
      }
      out += '}';
      return;
    }
    case TypeKind::enum_type:
      out += v->text;
      return;
    default:
      break;
  }
  switch (named->scalar) {
    case ScalarKind::int_type:
    case ScalarKind::float_type:
      print_number(v->text, out);
      return;
    case ScalarKind::boolean:
      out += v->boolean ? "true" : "false";
      return;
    case ScalarKind::id:
      if (integer_string(v->text)) {
        out += v->text;
      } else {
        print_string(v->text, out);
      }
      return;
    case ScalarKind::string:
      print_string(v->text, out);
      return;
    default:
      // Other scalars have no built-in coercion in graphql-js: numbers print as JavaScript
      // numbers, strings and enum names as strings.
      if (v->kind == ValueKind::int_value || v->kind == ValueKind::float_value) {
        print_number(v->text, out);
      } else if (v->kind == ValueKind::string || v->kind == ValueKind::enum_value) {
        print_string(v->text, out);
      } else {
        print_literal(v, out);
      }
      return;
  }
}

}  // namespace sluice::graphql::detail
