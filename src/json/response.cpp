#include "sluice/json/response.hpp"

#include <cassert>

#include "output.hpp"
#include "row_transformer.hpp"
#include "sluice/json/escape.hpp"

namespace sluice::json {

struct ResponseWriter::State {
  State(std::string& buffer_, const Limits& limits_)
      : buffer(buffer_), limits(limits_), transformer(limits_) {}

  // Position in the whole output stream: drained bytes plus what is still in the buffer.
  [[nodiscard]] std::uint64_t position() const noexcept { return drained + buffer.size(); }

  // The current root field's value must be null: replace it (or "data", when the field is
  // non-null) if its bytes are all still in the buffer.
  WriteStatus propagate() noexcept {
    const std::uint64_t target = field.non_null ? data_at : field_at;
    if (target < drained) {
      aborted = true;
      return WriteStatus::abort;
    }
    buffer.resize(target - drained);
    buffer += "null";
    (field.non_null ? data_null : field_closed) = true;
    return WriteStatus::retracted;
  }

  std::string& buffer;
  Limits limits;
  detail::RowTransformer transformer;
  detail::ErrorList errors;

  RootField field;
  const detail::ProgramData* program = nullptr;
  std::string name_json;       // the current root field's quoted response name
  std::string locations_json;  // the current root field's "locations", or empty

  std::uint64_t drained = 0;   // bytes the caller has taken out of the buffer, ever
  std::uint64_t data_at = 0;   // stream position of the value of "data"
  std::uint64_t field_at = 0;  // stream position of the current root field's value
  std::uint64_t rows = 0;
  bool any_field = false;    // a root field was written: the next one needs a comma
  bool field_closed = true;  // no root field is open, or its value was replaced by null
  bool data_null = false;
  bool aborted = false;
};

ResponseWriter::ResponseWriter(std::string& buffer, const Limits& limits)
    : state_(std::make_unique<State>(buffer, limits)) {}

ResponseWriter::~ResponseWriter() = default;

void ResponseWriter::begin_response() noexcept {
  State& s = *state_;
  s.errors.reset(s.limits.max_errors);
  s.any_field = false;
  s.field_closed = true;
  s.data_null = false;
  s.aborted = false;
  s.rows = 0;
  s.buffer += "{\"data\":";
  s.data_at = s.position();
  s.buffer += '{';
}

void ResponseWriter::begin_field(const RootField& field, const Program& program) noexcept {
  open_field(field, &program.data());
}

WriteStatus ResponseWriter::fail_field(const RootField& field, std::string_view message,
                                       std::string_view extensions_json) noexcept {
  open_field(field, nullptr);
  return fail_field(message, extensions_json);
}

void ResponseWriter::open_field(const RootField& field,
                                const detail::ProgramData* program) noexcept {
  State& s = *state_;
  s.field = field;
  s.program = program;
  s.rows = 0;
  if (s.aborted || s.data_null) return;
  if (s.any_field) s.buffer += ',';
  s.any_field = true;
  s.name_json.clear();
  append_json_string(s.name_json, field.response_name);
  s.locations_json.clear();
  if (field.line > 0) {
    // Appended piece by piece: the string keeps its capacity, so a warm writer never allocates.
    s.locations_json += "[{\"line\":";
    s.locations_json += std::to_string(field.line);
    s.locations_json += ",\"column\":";
    s.locations_json += std::to_string(field.column);
    s.locations_json += "}]";
  }
  s.buffer += s.name_json;
  s.buffer += ':';
  s.field_at = s.position();
  if (field.list) s.buffer += '[';
  s.field_closed = false;
}

WriteStatus ResponseWriter::append_row(std::string_view row) noexcept {
  State& s = *state_;
  if (s.aborted) return WriteStatus::abort;
  if (s.data_null || s.field_closed) return WriteStatus::retracted;
  assert((s.field.list || s.rows == 0) && "a single root field takes at most one row");
  if (!s.field.list && s.rows != 0) return WriteStatus::ok;  // never two values in one field
  const detail::PathNode field_node{nullptr, s.name_json, 0};
  const detail::PathNode index_node{&field_node, {}, s.rows};
  const detail::RowSite site{s.field.list ? &index_node : &field_node,
                             s.field.list ? s.field.items_non_null : s.field.non_null,
                             s.field.parent_type, s.field.field_name};
  bool ok = false;
  {
    detail::Output out(s.buffer);
    out.reserve(row.size() + 64);
    const std::size_t row_start = out.size();
    if (s.field.list && s.rows != 0) out.put(',');
    ok = s.transformer.write_row(row, *s.program, site, out, s.errors);
    if (!ok) out.truncate(row_start);
  }
  ++s.rows;
  return ok ? WriteStatus::ok : s.propagate();
}

WriteStatus ResponseWriter::end_field() noexcept {
  State& s = *state_;
  if (s.aborted) return WriteStatus::abort;
  if (s.data_null || s.field_closed) return WriteStatus::ok;
  s.field_closed = true;
  if (s.field.list) {
    s.buffer += ']';
  } else if (s.rows == 0) {
    if (s.field.non_null) {
      const detail::PathNode field_node{nullptr, s.name_json, 0};
      s.errors.add({"Cannot return null for non-nullable field ", s.field.parent_type, ".",
                    s.field.field_name, "."},
                   &field_node, {}, s.locations_json);
      return s.propagate();
    }
    s.buffer += "null";
  }
  return WriteStatus::ok;
}

void ResponseWriter::add_error(std::string_view message) noexcept {
  if (!state_->aborted) state_->errors.add({message}, nullptr);
}

WriteStatus ResponseWriter::fail_field(std::string_view message,
                                       std::string_view extensions_json) noexcept {
  State& s = *state_;
  if (s.aborted) return WriteStatus::abort;
  if (s.data_null || s.field_closed) return WriteStatus::retracted;
  const detail::PathNode field_node{nullptr, s.name_json, 0};
  s.errors.add({message}, &field_node, extensions_json, s.locations_json);
  return s.propagate();
}

void ResponseWriter::raw_field(std::string_view response_name,
                               std::string_view json_value) noexcept {
  State& s = *state_;
  if (s.aborted || s.data_null) return;
  if (s.any_field) s.buffer += ',';
  s.any_field = true;
  append_json_string(s.buffer, response_name);
  s.buffer += ':';
  s.buffer += json_value;
}

void ResponseWriter::end_response() noexcept {
  State& s = *state_;
  if (s.aborted) return;
  if (!s.data_null) s.buffer += '}';
  s.errors.write(s.buffer);
  s.buffer += '}';
}

std::string_view ResponseWriter::pending() const noexcept { return state_->buffer; }

void ResponseWriter::drained() noexcept {
  state_->drained += state_->buffer.size();
  state_->buffer.clear();
}

std::uint64_t ResponseWriter::rows_written() const noexcept { return state_->rows; }
std::uint64_t ResponseWriter::error_count() const noexcept { return state_->errors.count(); }
bool ResponseWriter::data_is_null() const noexcept { return state_->data_null; }

namespace {

// Room for the rows plus what the response adds around them; rows that grow (many nulls) or
// errors still work, with a reallocation.
std::size_t estimate(std::size_t row_bytes, std::size_t rows, const RootField& field) {
  return row_bytes + rows + field.response_name.size() + 64;
}

std::string wrap_constant(std::string_view response_name, std::string_view value) {
  std::string out = "{\"data\":{";
  append_json_string(out, response_name);
  out += ':';
  out += value;
  out += "}}";
  return out;
}

}  // namespace

std::string build_list_response(std::span<const std::string_view> rows, const RootField& field,
                                const Program& program, const Limits& limits) {
  std::size_t row_bytes = 0;
  for (std::string_view row : rows) row_bytes += row.size();
  std::string out;
  out.reserve(estimate(row_bytes, rows.size(), field));
  ResponseWriter writer(out, limits);
  RootField list_field = field;
  list_field.list = true;
  writer.begin_response();
  writer.begin_field(list_field, program);
  for (std::string_view row : rows) {
    if (writer.append_row(row) != WriteStatus::ok) break;  // retracted: the field is null now
  }
  (void)writer.end_field();  // nothing was drained, so nothing needs aborting
  writer.end_response();
  return out;
}

std::string build_single_response(std::optional<std::string_view> row, const RootField& field,
                                  const Program& program, const Limits& limits) {
  std::string out;
  out.reserve(estimate(row ? row->size() : 0, 1, field));
  ResponseWriter writer(out, limits);
  RootField single_field = field;
  single_field.list = false;
  writer.begin_response();
  writer.begin_field(single_field, program);
  if (row) (void)writer.append_row(*row);
  (void)writer.end_field();
  writer.end_response();
  return out;
}

std::string build_empty_array_response(std::string_view response_name) {
  return wrap_constant(response_name, "[]");
}

std::string build_null_response(std::string_view response_name) {
  return wrap_constant(response_name, "null");
}

}  // namespace sluice::json
