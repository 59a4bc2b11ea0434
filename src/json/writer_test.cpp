// The incremental writer's contract: several root fields, retraction while the bytes are still
// buffered, abort once they are not, errors, limits, reuse.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "sluice/json/response.hpp"

namespace sluice::json {
namespace {

Program compile(ObjectSpec spec) {
  auto result = Program::compile(spec);
  EXPECT_TRUE(result.ok()) << result.error();
  return std::move(result).value();
}

FieldSpec field(std::string name, bool non_null = false) {
  FieldSpec f;
  f.response_name = name;
  f.field_name = name;
  f.key = name;
  f.non_null = non_null;
  return f;
}

// Book { id: ID! title: String }
Program book_program() { return compile(ObjectSpec{"Book", {field("id", true), field("title")}}); }

RootField books_field(bool non_null, bool items_non_null) {
  RootField f;
  f.response_name = "books";
  f.field_name = "books";
  f.list = true;
  f.non_null = non_null;
  f.items_non_null = items_non_null;
  return f;
}

// The "data" member of a one-field response from the builders: `"name":value`.
std::string data_member(const std::string& response) {
  const auto parsed = nlohmann::ordered_json::parse(response);
  const auto& data = parsed.at("data");
  return nlohmann::ordered_json(data.begin().key()).dump() + ":" + data.begin().value().dump();
}

TEST(ResponseWriter, SeveralRootFieldsShareOneResponse) {
  const Program program = book_program();
  const std::vector<std::string_view> rows = {R"({"id": 1, "title": "A"})", R"({"id": 2})"};
  RootField first = books_field(true, true);
  RootField second;
  second.response_name = "one";
  second.field_name = "book";

  std::string buffer;
  ResponseWriter writer(buffer);
  writer.begin_response();
  writer.begin_field(first, program);
  for (auto row : rows) ASSERT_EQ(writer.append_row(row), WriteStatus::ok);
  ASSERT_EQ(writer.end_field(), WriteStatus::ok);
  writer.begin_field(second, program);
  ASSERT_EQ(writer.append_row(rows[0]), WriteStatus::ok);
  ASSERT_EQ(writer.end_field(), WriteStatus::ok);
  writer.end_response();

  const std::string expected = "{\"data\":{" +
                               data_member(build_list_response(rows, first, program)) + "," +
                               data_member(build_single_response(rows[0], second, program)) + "}}";
  EXPECT_EQ(writer.pending(), expected);
}

TEST(ResponseWriter, RetractsABufferedFieldWhenANullReachesANonNullElement) {
  const Program program = book_program();
  std::string buffer;
  ResponseWriter writer(buffer);
  writer.begin_response();
  writer.begin_field(books_field(false, true), program);
  ASSERT_EQ(writer.append_row(R"({"id": 1})"), WriteStatus::ok);
  EXPECT_EQ(writer.append_row(R"({"title": "no id"})"), WriteStatus::retracted);
  EXPECT_EQ(writer.append_row(R"({"id": 3})"), WriteStatus::retracted) << "later rows ignored";
  EXPECT_EQ(writer.end_field(), WriteStatus::ok);
  writer.end_response();
  const auto response = nlohmann::json::parse(writer.pending());
  EXPECT_TRUE(response["data"]["books"].is_null());
  EXPECT_EQ(response["errors"][0]["path"], nlohmann::json::parse(R"(["books", 1, "id"])"));
  EXPECT_FALSE(writer.data_is_null());
}

TEST(ResponseWriter, NonNullRootFieldRetractsData) {
  const Program program = book_program();
  std::string buffer;
  ResponseWriter writer(buffer);
  writer.begin_response();
  RootField other;
  other.response_name = "other";
  other.field_name = "other";
  writer.begin_field(other, program);
  ASSERT_EQ(writer.end_field(), WriteStatus::ok);  // a nullable field with no row: null
  writer.begin_field(books_field(true, true), program);
  EXPECT_EQ(writer.append_row(R"({"title": "no id"})"), WriteStatus::retracted);
  EXPECT_TRUE(writer.data_is_null());
  EXPECT_EQ(writer.end_field(), WriteStatus::ok);
  writer.begin_field(other, program);  // fields after data became null are not written
  EXPECT_EQ(writer.append_row(R"({"id": 1})"), WriteStatus::retracted);
  EXPECT_EQ(writer.end_field(), WriteStatus::ok);
  writer.end_response();
  const auto response = nlohmann::json::parse(writer.pending());
  EXPECT_TRUE(response["data"].is_null());
  EXPECT_EQ(response["errors"].size(), 1u);
}

TEST(ResponseWriter, AbortsWhenTheBytesToRetractWereDrained) {
  const Program program = book_program();
  std::string buffer;
  ResponseWriter writer(buffer);
  writer.begin_response();
  writer.begin_field(books_field(false, true), program);
  ASSERT_EQ(writer.append_row(R"({"id": 1})"), WriteStatus::ok);
  writer.drained();
  EXPECT_EQ(writer.append_row(R"({"id": null})"), WriteStatus::abort);
  EXPECT_EQ(writer.append_row(R"({"id": 2})"), WriteStatus::abort);
  EXPECT_EQ(writer.end_field(), WriteStatus::abort);

  // A nullable element absorbs the null: no retraction needed, so draining is harmless.
  writer.drained();
  writer.begin_response();
  writer.begin_field(books_field(false, false), program);
  ASSERT_EQ(writer.append_row(R"({"id": 1})"), WriteStatus::ok);
  writer.drained();
  EXPECT_EQ(writer.append_row(R"({"id": null})"), WriteStatus::ok);
  EXPECT_EQ(writer.end_field(), WriteStatus::ok);
}

TEST(ResponseWriter, DrainedBytesBeforeTheFieldDoNotPreventRetractingIt) {
  const Program program = book_program();
  std::string buffer;
  ResponseWriter writer(buffer);
  writer.begin_response();
  writer.drained();  // `{"data":{` is gone; the field starts after it
  writer.begin_field(books_field(false, true), program);
  EXPECT_EQ(writer.append_row(R"({"id": null})"), WriteStatus::retracted);
  EXPECT_EQ(writer.end_field(), WriteStatus::ok);
  writer.end_response();
  EXPECT_TRUE(writer.pending().starts_with("\"books\":null}")) << writer.pending();
}

TEST(ResponseWriter, ErrorsWithoutPathAndReuseAcrossResponses) {
  const Program program = book_program();
  std::string buffer;
  ResponseWriter writer(buffer);
  std::string first;
  for (int round = 0; round < 2; ++round) {
    writer.begin_response();
    writer.begin_field(books_field(true, false), program);
    ASSERT_EQ(writer.append_row(R"({"id": 7})"), WriteStatus::ok);
    ASSERT_EQ(writer.end_field(), WriteStatus::ok);
    writer.add_error("the database went away");
    writer.end_response();
    if (round == 0)
      first = writer.pending();
    else
      EXPECT_EQ(writer.pending(), first);
    writer.drained();
  }
  const auto response = nlohmann::json::parse(first);
  EXPECT_EQ(response["errors"],
            nlohmann::json::parse(R"([{"message": "the database went away"}])"));
}

TEST(ResponseWriter, RowLimitsBecomeRowErrors) {
  const Program program = book_program();
  Limits limits;
  limits.max_row_bytes = 10;
  std::string big = build_list_response(std::vector<std::string_view>{R"({"id": 1234567})"},
                                        books_field(false, false), program, limits);
  EXPECT_EQ(nlohmann::json::parse(big)["errors"][0]["message"], "Row is larger than 10 bytes.");

  // Nesting: an unselected, very deep value is rejected without recursion.
  const std::string deep =
      R"({"skipped": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
  std::string response =
      build_list_response(std::vector<std::string_view>{deep}, books_field(false, false), program);
  EXPECT_EQ(nlohmann::json::parse(response)["errors"][0]["message"],
            "Row is nested deeper than 256 levels (byte 267).");

  // Scratch: tiny elements times a wide selection.
  FieldSpec items = field("items");
  items.kind = FieldKind::object;
  items.items_non_null = {false};
  for (int i = 0; i < 20; ++i) items.object.fields.push_back(field("f" + std::to_string(i)));
  items.object.type_name = "Item";
  const Program wide = compile(ObjectSpec{"Book", {items}});
  std::string elements = R"({"items": [{})";
  for (int i = 0; i < 1000; ++i) elements += ",{}";
  elements += "]}";
  limits = Limits{};
  limits.max_row_values = 5000;
  response = build_list_response(std::vector<std::string_view>{elements}, books_field(false, false),
                                 wide, limits);
  EXPECT_NE(nlohmann::json::parse(response)["errors"][0]["message"].get<std::string>().find(
                "more selected values than the limit allows"),
            std::string::npos);
}

TEST(ConstantResponses, EscapeTheFieldName) {
  for (std::string name : {"books", "we\"ird", "back\\slash", "ctl\x01"}) {
    nlohmann::json empty;
    empty["data"][name] = nlohmann::json::array();
    EXPECT_EQ(build_empty_array_response(name), empty.dump());
    nlohmann::json null;
    null["data"][name] = nullptr;
    EXPECT_EQ(build_null_response(name), null.dump());
  }
}

}  // namespace
}  // namespace sluice::json
