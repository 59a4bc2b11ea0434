// libFuzzer target, differential: the response pipeline against the reference (reference.hpp).
//
// Input: 8 bytes seeding a random selection (random_rows.hpp), 1 byte of flags, then rows
// separated by 0x1E (a control character: invalid anywhere in JSON text, even inside strings,
// so splitting never cuts a valid row).
//   flags bit 0: small limits (max_depth 1..8 from bits 3-5, max_errors 0..3 from bits 6-7)
//   flags bit 1: the root field is non-null;  bit 2: its elements are non-null

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "random_rows.hpp"
#include "reference.hpp"
#include "sluice/json/response.hpp"

namespace {

using namespace sluice::json;

void check(std::string_view actual, const std::string& expected, const char* what) {
  if (reference::matches(actual, expected)) return;
  std::fprintf(stderr, "%s differs\nactual:   %.*s\nexpected: %s\n", what,
               static_cast<int>(actual.size()), actual.data(), expected.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 9 || size > 64 * 1024) return 0;
  std::uint64_t seed = 0;
  std::memcpy(&seed, data, 8);
  const std::uint8_t flags = data[8];

  random_rows::Generator gen(seed);
  const ObjectSpec spec = gen.object_spec();
  const auto compiled = Program::compile(spec);
  if (!compiled.ok()) std::abort();

  Limits limits;
  if (flags & 1) {
    limits.max_depth = 1 + ((flags >> 3) & 7);
    limits.max_errors = flags >> 6;
  }
  RootField field;
  field.response_name = "f";
  field.field_name = "f";
  field.non_null = flags & 2;
  field.items_non_null = flags & 4;

  std::vector<std::string_view> rows;
  const std::string_view input(reinterpret_cast<const char*>(data) + 9, size - 9);
  for (std::size_t start = 0; start <= input.size() && rows.size() < 16;) {
    const std::size_t cut = std::min(input.find('\x1e', start), input.size());
    rows.push_back(input.substr(start, cut - start));
    start = cut + 1;
  }

  field.list = true;
  check(build_list_response(rows, field, compiled.value(), limits),
        reference::Completer(limits).list_response(rows, field, spec), "list response");
  field.list = false;
  check(build_single_response(rows[0], field, compiled.value(), limits),
        reference::Completer(limits).single_response(rows[0], field, spec), "single response");
  return 0;
}
