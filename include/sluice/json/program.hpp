#pragma once
// Projection programs: what the response pipeline writes for each row.
//
// The graphql layer describes a selection set with the plain structs below (ObjectSpec /
// FieldSpec); Program::compile turns that description into the form the per-row loop uses.
// Everything that does not depend on a row is computed here, once per plan: key lookup tables,
// the escaped bytes of every output key and `__typename` value, and the scan plan that lets one
// pass over a row find every selected value at every nesting level.
//
// Names are never invented here: `response_name` is the GraphQL field name or alias as the
// graphql layer computed it (with its camel() function), `key` is the JSON key as stored in the
// row (snake_case), `field_name` is the schema field name (for error messages only).
//
// A compiled Program is immutable and cheap to copy (shared); one program may be used by many
// threads at once.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sluice::json {

enum class FieldKind : std::uint8_t {
  scalar,     // a JSON string, number or boolean, copied byte for byte
  json,       // any JSON value (GraphQL scalar JSON), copied byte for byte, inner keys untouched
  object,     // a JSON object projected through `FieldSpec::object`
  type_name,  // `__typename`: the enclosing ObjectSpec's type_name; reads no key
};

struct FieldSpec;

// A selection set on one object type.
struct ObjectSpec {
  std::string type_name;  // GraphQL type name, the value of `__typename`
  std::vector<FieldSpec> fields;
};

struct FieldSpec {
  std::string response_name;  // key in the response: the alias, or the field name
  std::string field_name;     // schema field name, for error messages ("Book.title")
  std::string key;            // JSON key read from the row, unescaped; unused for type_name
  FieldKind kind = FieldKind::scalar;
  // GraphQL wrapping types. `non_null` is the field's own `!`; `items_non_null` holds one entry
  // per list level, outermost first: `[[Int!]]!` is non_null = true, items_non_null =
  // {false, true}; `String` is non_null = false, items_non_null = {}.
  bool non_null = false;
  std::vector<bool> items_non_null;
  ObjectSpec object;  // kind == object only
};

namespace detail {
struct ProgramData;
}

class CompileResult;

class Program {
 public:
  // Selection sets nested deeper than this are rejected (the graphql layer limits query depth
  // long before; this bounds the transformer's recursion).
  static constexpr std::uint32_t kMaxSelectionDepth = 64;
  // List wrappings per field: `[[[Int]]]` is 3.
  static constexpr std::uint32_t kMaxListDepth = 8;

  // Rejects: empty or duplicate response names within one selection, empty keys or names,
  // `__typename` fields wrapped in lists, nesting or list depth beyond the limits above.
  static CompileResult compile(const ObjectSpec& root);

  // The layout the transformer reads; private to the layer.
  [[nodiscard]] const detail::ProgramData& data() const noexcept { return *data_; }

 private:
  explicit Program(std::shared_ptr<const detail::ProgramData> data) : data_(std::move(data)) {}

  std::shared_ptr<const detail::ProgramData> data_;
};

// Program::compile's result: the program, or why the description was rejected.
class [[nodiscard]] CompileResult {
 public:
  explicit CompileResult(Program program);
  explicit CompileResult(std::string error);

  [[nodiscard]] bool ok() const noexcept { return error_.empty(); }
  // Precondition: ok().
  [[nodiscard]] const Program& value() const& noexcept { return *program_; }
  [[nodiscard]] Program&& value() && noexcept { return std::move(*program_); }
  [[nodiscard]] const std::string& error() const noexcept { return error_; }

 private:
  std::optional<Program> program_;
  std::string error_;
};

inline CompileResult::CompileResult(Program program) : program_(std::move(program)) {}
inline CompileResult::CompileResult(std::string error) : error_(std::move(error)) {
  if (error_.empty()) error_ = "invalid program";
}

}  // namespace sluice::json
