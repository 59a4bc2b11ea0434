#pragma once
// GraphQL response bytes from rows of JSON text.
//
// Each row is the text PostgreSQL sends for a jsonb value (any valid JSON works). The row is
// scanned once, validated completely, and the selected values are copied byte for byte into the
// response under their response names, in selection order: no object tree, no unescaping, and
// no heap allocation per row once the writer's reused buffers have grown to the rows' size.
//
// Response shape: {"data":{<root fields>}} followed, when there are any, by
// ,"errors":[{"message":...,"path":[...]}] — errors come last because the data streams first.
// Path elements are response names (strings) and list indices (integers).
//
// Null propagation (GraphQL spec, "Handling Field Errors") happens inside each row: a null (or
// a field error: a value of the wrong JSON type, a malformed row) in a non-null position nulls
// the nearest nullable ancestor, and one error is recorded with the path of the field where it
// happened. Within one object, the first field that propagates stops the object (as graphql-js
// does), so each nulled object gets one error.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sluice/json/program.hpp"

namespace sluice::json {

// Every row-dependent input has a limit; a row beyond one becomes a field error on that row.
struct Limits {
  std::uint32_t max_row_bytes = 256u << 20;  // jsonb values are at most 255 MiB anyway
  std::uint32_t max_depth = 256;             // nesting of objects and arrays in one row
  // Scratch entries the scan of one row may use (a selected value, or a selected key of an
  // object or array element): bounds memory when tiny elements meet a wide selection.
  std::uint32_t max_row_values = 1u << 22;
  // Errors kept per response; beyond it they are counted and summarized in one last error, so
  // a stream of failing rows cannot grow memory without bound.
  std::uint32_t max_errors = 100;
};

// A field of the operation's root type whose value comes from rows.
struct RootField {
  std::string_view response_name;  // key under "data": the alias or the field name
  std::string_view field_name;     // schema field name, for error messages ("Query.books")
  std::string_view parent_type = "Query";
  bool list = false;  // true: [T], one row per element; false: T, at most one row
  bool non_null = false;
  bool items_non_null = false;  // list fields only
  // Where the field is written in the document (1-based), for the "locations" of errors at the
  // field; 0: not known.
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

enum class WriteStatus : std::uint8_t {
  // Written; nulls and errors inside the row were resolved inside the row.
  ok,
  // A null reached a non-null list element (or a non-null single field): the writer replaced
  // the root field's value with null (or, when the root field is non-null too, "data" with
  // null), keeping the error. Nothing written so far is wrong. Stop producing rows for this
  // field (cancel its query) and carry on with end_field(); later rows are ignored.
  retracted,
  // As `retracted`, but bytes that must be replaced were already drained to the client: no
  // correct response can be completed. The caller must abort the stream visibly (close the
  // connection without the final chunk) and log; the writer ignores every call until the next
  // begin_response().
  abort,
};

// Writes one response incrementally into a caller-owned buffer the caller drains as it goes:
//
//   ResponseWriter writer(buffer);
//   writer.begin_response();
//   writer.begin_field(field, program);
//   for (each row) {
//     if (writer.append_row(row) != WriteStatus::ok) ...;   // see WriteStatus
//     if (writer.pending().size() >= flush_size) { send(writer.pending()); writer.drained(); }
//   }
//   writer.end_field();          // may also report retracted / abort (a missing non-null row)
//   writer.end_response();
//   send(writer.pending()); writer.drained();
//
// Several root fields may share a response (begin_field ... end_field repeatedly). Retraction
// is possible as long as the bytes to replace are still in the buffer, so a caller that wants
// non-null list fields to be correctable keeps at least one field's worth before draining.
// The writer keeps its scratch (row scan tables, errors) across responses: reuse one writer per
// connection. Not thread-safe; programs and fields passed in are borrowed until end_field().
class ResponseWriter {
 public:
  explicit ResponseWriter(std::string& buffer, const Limits& limits = {});
  ~ResponseWriter();
  ResponseWriter(const ResponseWriter&) = delete;
  ResponseWriter& operator=(const ResponseWriter&) = delete;

  // Starts a response: forgets the previous one's state; appends to the buffer.
  void begin_response() noexcept;
  // Starts a root field whose value comes from rows projected through `program`.
  void begin_field(const RootField& field, const Program& program) noexcept;
  // Appends one row (list fields: one element; single fields: the value, at most once). `row`
  // is only read during the call. A malformed row is a field error on that row.
  [[nodiscard]] WriteStatus append_row(std::string_view row) noexcept;
  // Closes the field. A single field without a row is null (a violation when non-null).
  [[nodiscard]] WriteStatus end_field() noexcept;
  // Records an error without a path.
  void add_error(std::string_view message) noexcept;
  // The current field failed as a whole (e.g. its query failed): its value becomes null, or
  // "data" when the field is non-null, with one error at the field's path carrying
  // `extensions_json` (a JSON object, written as given; empty for none). Closes the field.
  // Returns retracted, or abort when the bytes to replace were already drained.
  [[nodiscard]] WriteStatus fail_field(std::string_view message,
                                       std::string_view extensions_json = {}) noexcept;
  // A root field that failed before it had a value (begin_field + fail_field without a
  // program).
  [[nodiscard]] WriteStatus fail_field(const RootField& field, std::string_view message,
                                       std::string_view extensions_json = {}) noexcept;
  // A root field whose value is computed elsewhere (introspection): `json_value` is valid JSON,
  // written as given.
  void raw_field(std::string_view response_name, std::string_view json_value) noexcept;
  // Closes "data" and writes the collected errors.
  void end_response() noexcept;

  // Bytes written and not yet drained. Borrows the caller's buffer: valid until the next call
  // on the writer or a change to the buffer.
  [[nodiscard]] std::string_view pending() const noexcept;
  // The caller has sent pending(): clears the buffer (keeping its capacity). Drained bytes can
  // no longer be retracted.
  void drained() noexcept;

  [[nodiscard]] std::uint64_t rows_written() const noexcept;  // in the current field
  [[nodiscard]] std::uint64_t error_count() const noexcept;   // in the current response
  [[nodiscard]] bool data_is_null() const noexcept;

 private:
  struct State;
  void open_field(const RootField& field, const detail::ProgramData* program) noexcept;
  std::unique_ptr<State> state_;
};

// Whole responses for one root field, pre-sized from the input. The field's list and
// nullability flags are taken from `field`; build_list_response treats it as a list field and
// build_single_response as a single one.
[[nodiscard]] std::string build_list_response(std::span<const std::string_view> rows,
                                              const RootField& field, const Program& program,
                                              const Limits& limits = {});
// `row` is the field's value; std::nullopt means no row (null, or a violation when non-null).
[[nodiscard]] std::string build_single_response(std::optional<std::string_view> row,
                                                const RootField& field, const Program& program,
                                                const Limits& limits = {});
// {"data":{"<name>":[]}} and {"data":{"<name>":null}}, `response_name` escaped as needed.
[[nodiscard]] std::string build_empty_array_response(std::string_view response_name);
[[nodiscard]] std::string build_null_response(std::string_view response_name);

}  // namespace sluice::json
