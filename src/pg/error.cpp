#include "sluice/pg/error.hpp"

#include <fmt/format.h>

namespace sluice::pg {
namespace {

std::string describe(const QueryError::Fields& f) {
  std::string text = fmt::format("{} (SQLSTATE {})", f.message, f.sqlstate);
  if (!f.detail.empty()) text += fmt::format("; detail: {}", f.detail);
  if (!f.hint.empty()) text += fmt::format("; hint: {}", f.hint);
  return text;
}

}  // namespace

QueryError::QueryError(Fields fields) : Error(describe(fields)), fields_(std::move(fields)) {}

}  // namespace sluice::pg
