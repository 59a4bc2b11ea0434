// Differential property tests: the transformer against the reference (reference.hpp) on random
// selections and rows (random_rows.hpp), plus the incremental writer against the builders.
//
// SLUICE_JSON_CASES sets the number of random selections (default 10000, about 60,000 rows).

#include <gtest/gtest.h>

#include <cstdlib>

#include "random_rows.hpp"
#include "reference.hpp"
#include "sluice/json/response.hpp"

namespace sluice::json {
namespace {

std::uint64_t case_count() {
  const char* env = std::getenv("SLUICE_JSON_CASES");
  return env != nullptr ? std::strtoull(env, nullptr, 10) : 10000;
}

struct Case {
  ObjectSpec spec;
  RootField field;
  Limits limits;
  std::vector<std::string> rows;
};

Case make_case(std::uint64_t seed) {
  random_rows::Generator gen(seed);
  Case c;
  c.spec = gen.object_spec();
  c.field.response_name = gen.chance(0.5) ? "books" : "b\"q";
  c.field.field_name = "books";
  c.field.non_null = gen.chance(0.5);
  c.field.items_non_null = gen.chance(0.5);
  if (gen.chance(0.2)) {
    c.limits.max_depth = 1 + static_cast<std::uint32_t>(gen.below(6));
    c.limits.max_errors = static_cast<std::uint32_t>(gen.below(4));
  }
  const bool damage = gen.chance(0.3);
  for (std::uint64_t n = gen.below(11); n > 0; --n) c.rows.push_back(gen.row(c.spec, damage));
  return c;
}

std::string describe(const Case& c, std::uint64_t seed) {
  std::string text = "seed " + std::to_string(seed) + ", rows:\n";
  for (const auto& row : c.rows) text += "  " + row + "\n";
  return text;
}

TEST(Differential, TransformerAgreesWithReference) {
  std::uint64_t rows = 0;
  std::uint64_t errors = 0;
  for (std::uint64_t seed = 0; seed < case_count(); ++seed) {
    const Case c = make_case(seed);
    const auto compiled = Program::compile(c.spec);
    ASSERT_TRUE(compiled.ok()) << compiled.error();
    const std::vector<std::string_view> views(c.rows.begin(), c.rows.end());

    RootField list = c.field;
    list.list = true;
    const std::string actual = build_list_response(views, list, compiled.value(), c.limits);
    const std::string expected = reference::Completer(c.limits).list_response(views, list, c.spec);
    ASSERT_TRUE(reference::matches(actual, expected))
        << describe(c, seed) << "actual:   " << actual << "\nexpected: " << expected;

    std::optional<std::string_view> single;
    if (!views.empty()) single = views[0];
    const std::string actual_single =
        build_single_response(single, c.field, compiled.value(), c.limits);
    const std::string expected_single =
        reference::Completer(c.limits).single_response(single, c.field, c.spec);
    ASSERT_TRUE(reference::matches(actual_single, expected_single))
        << describe(c, seed) << "actual:   " << actual_single << "\nexpected: " << expected_single;

    rows += views.size();
    errors += actual.find("\"errors\":[") != std::string::npos;
  }
  // The generator must exercise both clean rows and every kind of error.
  EXPECT_GT(rows, case_count() * 4);
  EXPECT_GT(errors, case_count() / 10);
  EXPECT_LT(errors, case_count() * 9 / 10);
}

// Draining at random points changes nothing in the bytes; a retraction after a drain of the
// field's bytes is reported as abort, and only when the whole response says the field is null.
TEST(Differential, WriterStreamsTheBuildersBytes) {
  std::string buffer;
  ResponseWriter writer(buffer);
  for (std::uint64_t seed = 0; seed < case_count() / 4; ++seed) {
    Case c = make_case(seed);
    c.limits = Limits{};
    const auto compiled = Program::compile(c.spec);
    ASSERT_TRUE(compiled.ok());
    RootField list = c.field;
    list.list = true;
    const std::vector<std::string_view> views(c.rows.begin(), c.rows.end());
    const std::string whole = build_list_response(views, list, compiled.value());

    random_rows::Generator drains(seed);
    std::string streamed;
    auto drain = [&] {
      streamed += writer.pending();
      writer.drained();
    };
    writer.begin_response();
    if (drains.chance(0.5)) drain();
    writer.begin_field(list, compiled.value());
    WriteStatus status = WriteStatus::ok;
    for (std::string_view row : views) {
      status = writer.append_row(row);
      if (status != WriteStatus::ok) break;
      if (drains.chance(0.3)) drain();
    }
    if (status != WriteStatus::abort && writer.end_field() == WriteStatus::abort) {
      status = WriteStatus::abort;
    }
    if (status == WriteStatus::abort) {
      writer.drained();  // what an aborting caller does: drop the rest
      const bool field_null = whole.find("\"books\":null") != std::string::npos ||
                              whole.find("\"b\\\"q\":null") != std::string::npos ||
                              whole.starts_with("{\"data\":null");
      ASSERT_TRUE(field_null) << describe(c, seed) << whole;
      continue;
    }
    writer.end_response();
    drain();
    ASSERT_EQ(streamed, whole) << describe(c, seed);
  }
}

}  // namespace
}  // namespace sluice::json
