// Data-driven cases: testdata/response_cases.json holds selections (written like GraphQL field
// definitions), rows (the exact text PostgreSQL would send) and the exact expected responses.
// Each expectation is also checked against the reference implementation, except the parts only
// our wording decides (why a row is malformed).

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reference.hpp"
#include "sluice/json/response.hpp"

namespace sluice::json {
namespace {

struct TypeRef {
  std::string named;
  bool non_null = false;
  std::vector<bool> items_non_null;
};

// "[[Int!]]!" → named Int, non_null, items {false, true}.
TypeRef parse_type(std::string_view text) {
  TypeRef type;
  std::vector<bool> levels;  // non-null flag of each wrapping, outermost first
  while (!text.empty() && text.front() == '[') text.remove_prefix(1);
  const std::size_t name_end = text.find_first_of("]!");
  type.named = std::string(text.substr(0, name_end));
  text.remove_prefix(name_end == std::string_view::npos ? text.size() : name_end);
  // Innermost first: the named type's '!', then each ']' with its optional '!'.
  std::vector<bool> inner_first;
  inner_first.push_back(!text.empty() && text.front() == '!');
  if (inner_first.back()) text.remove_prefix(1);
  while (!text.empty() && text.front() == ']') {
    text.remove_prefix(1);
    inner_first.push_back(!text.empty() && text.front() == '!');
    if (inner_first.back()) text.remove_prefix(1);
  }
  type.non_null = inner_first.back();
  for (std::size_t i = inner_first.size() - 1; i-- > 0;)
    type.items_non_null.push_back(inner_first[i]);
  return type;
}

// {"name", "alias"?, "key"?, "type", "fields"?} → FieldSpec. The kind follows from the type:
// __typename, JSON, an object type when "fields" is given, a scalar otherwise.
FieldSpec field_spec(const nlohmann::json& f) {
  FieldSpec spec;
  spec.field_name = f.at("name");
  spec.response_name = f.value("alias", spec.field_name);
  spec.key = f.value("key", spec.field_name);
  if (spec.field_name == "__typename") {
    spec.kind = FieldKind::type_name;
    spec.key.clear();
    return spec;
  }
  const TypeRef type = parse_type(f.at("type").get<std::string>());
  spec.non_null = type.non_null;
  spec.items_non_null = type.items_non_null;
  if (f.contains("fields")) {
    spec.kind = FieldKind::object;
    spec.object.type_name = type.named;
    for (const auto& child : f.at("fields")) spec.object.fields.push_back(field_spec(child));
  } else {
    spec.kind = type.named == "JSON" ? FieldKind::json : FieldKind::scalar;
  }
  return spec;
}

// Rows marked "latin1" carry raw bytes: each character below U+0100 stands for one byte (how a
// JSON file spells invalid UTF-8).
std::string row_bytes(const std::string& utf8, bool latin1) {
  if (!latin1) return utf8;
  std::string bytes;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      bytes += static_cast<char>(c);
    } else {  // two-byte UTF-8 for U+0080..U+00FF
      bytes +=
          static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F));
    }
  }
  return bytes;
}

class ResponseCases : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(ResponseCases, ProduceTheExpectedResponse) {
  const nlohmann::json& c = GetParam();
  const FieldSpec root = field_spec(c.at("field"));
  const auto compiled = Program::compile(root.object);
  ASSERT_TRUE(compiled.ok()) << compiled.error();

  Limits limits;
  if (c.contains("limits")) {
    limits.max_depth = c["limits"].value("max_depth", limits.max_depth);
    limits.max_errors = c["limits"].value("max_errors", limits.max_errors);
  }
  RootField field;
  field.response_name = root.response_name;
  field.field_name = root.field_name;
  field.non_null = root.non_null;
  field.list = !root.items_non_null.empty();
  field.items_non_null = field.list && root.items_non_null[0];

  const bool latin1 = c.value("latin1", false);
  std::string actual;
  std::string expected_by_reference;
  reference::Completer completer(limits);
  if (field.list) {
    std::vector<std::string> rows;
    for (const auto& row : c.at("rows")) rows.push_back(row_bytes(row, latin1));
    const std::vector<std::string_view> views(rows.begin(), rows.end());
    actual = build_list_response(views, field, compiled.value(), limits);
    expected_by_reference = completer.list_response(views, field, root.object);
  } else {
    std::optional<std::string> row;
    if (!c.at("row").is_null()) row = row_bytes(c.at("row"), latin1);
    actual = build_single_response(row, field, compiled.value(), limits);
    expected_by_reference = completer.single_response(row, field, root.object);
  }
  const std::string expected = c.at("expected");
  EXPECT_EQ(actual, expected);
  EXPECT_TRUE(reference::matches(expected, expected_by_reference))
      << "the case's expectation disagrees with the reference:\n"
      << expected_by_reference;
}

std::vector<nlohmann::json> load_cases() {
  std::ifstream file(SLUICE_JSON_TESTDATA "/response_cases.json");
  std::stringstream text;
  text << file.rdbuf();
  const auto cases = nlohmann::json::parse(text.str());
  return {cases.begin(), cases.end()};
}

std::string case_name(const ::testing::TestParamInfo<nlohmann::json>& info) {
  std::string name;
  for (char c : info.param.at("name").get<std::string>()) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ResponseCases, ::testing::ValuesIn(load_cases()), case_name);

TEST(TypeNotation, ParsesWrappingTypes) {
  const TypeRef t = parse_type("[[Int!]]!");
  EXPECT_EQ(t.named, "Int");
  EXPECT_TRUE(t.non_null);
  EXPECT_EQ(t.items_non_null, (std::vector<bool>{false, true}));
  const TypeRef s = parse_type("String");
  EXPECT_FALSE(s.non_null);
  EXPECT_TRUE(s.items_non_null.empty());
  const TypeRef l = parse_type("[Book!]");
  EXPECT_FALSE(l.non_null);
  EXPECT_EQ(l.items_non_null, (std::vector<bool>{true}));
}

}  // namespace
}  // namespace sluice::json
