// Program compilation: what it rejects, and the key tables it builds.

#include "sluice/json/program.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>

#include "program_data.hpp"

namespace sluice::json {
namespace {

FieldSpec scalar(std::string name, std::string key = {}) {
  FieldSpec f;
  f.response_name = name;
  f.field_name = name;
  f.key = key.empty() ? name : key;
  return f;
}

ObjectSpec object(std::string type, std::vector<FieldSpec> fields) {
  return ObjectSpec{std::move(type), std::move(fields)};
}

TEST(ProgramCompile, RejectsInvalidDescriptions) {
  auto duplicate = object("Book", {scalar("title"), scalar("title", "name")});
  EXPECT_NE(Program::compile(duplicate).error().find("appears twice"), std::string::npos);

  auto no_key = object("Book", {scalar("title")});
  no_key.fields[0].key.clear();
  EXPECT_NE(Program::compile(no_key).error().find("reads no JSON key"), std::string::npos);

  auto listed_typename = object("Book", {scalar("__typename")});
  listed_typename.fields[0].kind = FieldKind::type_name;
  listed_typename.fields[0].items_non_null = {false};
  EXPECT_NE(Program::compile(listed_typename).error().find("cannot be a list"), std::string::npos);

  auto deep_lists = object("Book", {scalar("x")});
  deep_lists.fields[0].items_non_null.assign(Program::kMaxListDepth + 1, false);
  EXPECT_NE(Program::compile(deep_lists).error().find("lists"), std::string::npos);

  EXPECT_FALSE(Program::compile(object("", {scalar("x")})).ok());
}

TEST(ProgramCompile, SelectionDepthIsBounded) {
  auto nest = [](std::uint32_t levels) {
    ObjectSpec root = object("T", {scalar("leaf")});
    for (std::uint32_t i = 1; i < levels; ++i) {
      FieldSpec f = scalar("child");
      f.kind = FieldKind::object;
      f.object = std::move(root);
      root = object("T", {std::move(f)});
    }
    return root;
  };
  EXPECT_TRUE(Program::compile(nest(Program::kMaxSelectionDepth)).ok());
  const auto too_deep = Program::compile(nest(Program::kMaxSelectionDepth + 1));
  EXPECT_NE(too_deep.error().find("nested deeper"), std::string::npos);
}

TEST(ProgramCompile, FieldsReadingOneKeyShareOneSlotAndMergeTheirSubselections) {
  FieldSpec a = scalar("a", "author");
  a.kind = FieldKind::object;
  a.object = object("Author", {scalar("name")});
  FieldSpec b = scalar("b", "author");
  b.kind = FieldKind::object;
  b.items_non_null = {true};  // the same key read as a list too
  b.object = object("Author", {scalar("id"), scalar("name")});
  const auto compiled = Program::compile(object("Book", {a, b, scalar("title")}));
  ASSERT_TRUE(compiled.ok()) << compiled.error();
  const auto& data = compiled.value().data();
  ASSERT_EQ(data.scans[0].slots.size(), 2u);  // author, title
  const auto& author = data.scans[0].slots[0];
  EXPECT_EQ(author.key, "author");
  EXPECT_EQ(author.list_depth, 1);
  ASSERT_NE(author.child, detail::kNone);
  EXPECT_EQ(data.scans[author.child].slots.size(), 2u);  // name, id: merged
}

// Every key is found at its own slot, through collisions (keys equal in their first and last
// bytes), and nothing else is found.
TEST(ScanNodeLookup, FindsExactlyTheSelectedKeys) {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 300; ++round) {
    std::set<std::string> keys;
    const std::size_t count = 1 + rng() % 120;
    while (keys.size() < count) {
      std::string key(1 + rng() % 24, 'k');
      for (char& c : key) c = "ab_1"[rng() % 4];
      keys.insert(key);
    }
    ObjectSpec spec{"T", {}};
    for (const auto& key : keys) {
      std::string name = "f";  // (not "f" + ...: a GCC 12 -Wrestrict false positive)
      name += std::to_string(spec.fields.size());
      spec.fields.push_back(scalar(name, key));
    }
    const auto compiled = Program::compile(spec);
    ASSERT_TRUE(compiled.ok()) << compiled.error();
    const auto& node = compiled.value().data().scans[0];
    for (std::size_t s = 0; s < node.slots.size(); ++s) {
      const auto& key = node.slots[s].key;
      ASSERT_EQ(node.lookup(key.data(), key.size()), static_cast<int>(s));
    }
    for (int probe = 0; probe < 200; ++probe) {
      std::string other(1 + rng() % 26, 'k');
      for (char& c : other) c = "ab_1"[rng() % 4];
      ASSERT_EQ(node.lookup(other.data(), other.size()) >= 0, keys.count(other) == 1) << other;
    }
  }
}

}  // namespace
}  // namespace sluice::json
