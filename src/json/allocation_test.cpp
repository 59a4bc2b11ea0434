// No heap allocation per row: counts calls to the global operator new while rows are written.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "random_rows.hpp"
#include "sluice/json/response.hpp"

namespace {
std::atomic<bool> g_counting{false};
std::atomic<std::uint64_t> g_allocations{0};
}  // namespace

// Replaces the global allocation functions of the json_test binary (every non-aligned form, so
// that each allocation is released by its own family); they count only while a test asks.
namespace {
void* counted_malloc(std::size_t size) noexcept {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1);
  return std::malloc(size == 0 ? 1 : size);
}
void* counted_new(std::size_t size) {
  if (void* p = counted_malloc(size)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return counted_new(size); }
void* operator new[](std::size_t size) { return counted_new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return counted_malloc(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return counted_malloc(size);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace sluice::json {
namespace {

// The selection with every field nullable, so that most generated rows are clean.
ObjectSpec nullable(ObjectSpec spec) {
  for (FieldSpec& f : spec.fields) {
    f.non_null = false;
    f.items_non_null.assign(f.items_non_null.size(), false);
    f.object = nullable(std::move(f.object));
  }
  return spec;
}

// Rows without errors (errors are exceptional and may allocate), of varying shapes and sizes.
std::vector<std::string> clean_rows(const ObjectSpec& spec, std::size_t count) {
  random_rows::Generator gen(42);
  const auto program = Program::compile(spec);
  std::vector<std::string> rows;
  std::string scratch;
  ResponseWriter probe(scratch);
  while (rows.size() < count) {
    std::string row = gen.row(spec, false);
    probe.begin_response();
    RootField field;
    field.response_name = "f";
    field.field_name = "f";
    field.list = true;
    probe.begin_field(field, program.value());
    (void)probe.append_row(row);
    if (probe.error_count() == 0) rows.push_back(std::move(row));
    probe.drained();
  }
  return rows;
}

// Allocations made while `rows` are streamed through a warmed-up writer whose caller drains
// the buffer after every row, as the executor does.
std::uint64_t allocations_for(ResponseWriter& writer, const Program& program,
                              const std::vector<std::string>& rows) {
  RootField field;
  field.response_name = "f";
  field.field_name = "f";
  field.list = true;
  g_allocations = 0;
  g_counting = true;
  writer.begin_response();
  writer.begin_field(field, program);
  for (const auto& row : rows) {
    (void)writer.append_row(row);
    writer.drained();
  }
  (void)writer.end_field();
  writer.end_response();
  writer.drained();
  g_counting = false;
  return g_allocations;
}

TEST(Allocations, NoneGrowWithTheNumberOfRows) {
  random_rows::Generator gen(5);
  for (int selection = 0; selection < 5; ++selection) {
    const ObjectSpec spec = nullable(gen.object_spec());
    const auto compiled = Program::compile(spec);
    ASSERT_TRUE(compiled.ok());
    const std::vector<std::string> distinct = clean_rows(spec, 300);
    std::vector<std::string> rows;
    while (rows.size() < 10000) rows.push_back(distinct[rows.size() % distinct.size()]);
    const std::vector<std::string> ten(rows.begin(), rows.begin() + 10);

    std::string buffer;
    ResponseWriter writer(buffer);
    const std::uint64_t first_ten = allocations_for(writer, compiled.value(), ten);
    const std::uint64_t warm_up = allocations_for(writer, compiled.value(), rows);
    const std::uint64_t all = allocations_for(writer, compiled.value(), rows);
    // Scratch grows to the largest row once (a few doublings); after that a whole response of
    // 10,000 rows allocates nothing at all.
    EXPECT_LE(warm_up, first_ten + 16) << selection;
    EXPECT_EQ(all, 0u) << selection;
  }
}

}  // namespace
}  // namespace sluice::json
