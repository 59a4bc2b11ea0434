#include "sluice/graphql/check.hpp"

#include <fmt/format.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "sluice/graphql/parser.hpp"
#include "sluice/graphql/printer.hpp"
#include "sluice/graphql/schema.hpp"
#include "sluice/json/escape.hpp"
#include "values.hpp"

namespace sluice::graphql {
namespace {

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return ss.str();
}

void append_text(const std::string& file, const std::vector<Error>& errors, std::string& out) {
  if (errors.empty()) {
    out += file + ": ok\n";
    return;
  }
  out += format_errors(file, errors);
}

void append_json(const std::string& file, const std::vector<Error>& errors, std::string& out) {
  out += "{\"file\":";
  json::append_json_string(out, file);
  out += errors.empty() ? ",\"valid\":true,\"errors\":[" : ",\"valid\":false,\"errors\":[";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i != 0) out += ',';
    out += "{\"message\":";
    json::append_json_string(out, errors[i].message);
    if (!errors[i].locations.empty()) {
      out += ",\"locations\":[";
      for (std::size_t j = 0; j < errors[i].locations.size(); ++j) {
        if (j != 0) out += ',';
        out += fmt::format("{{\"line\":{},\"column\":{}}}", errors[i].locations[j].line,
                           errors[i].locations[j].column);
      }
      out += ']';
    }
    out += '}';
  }
  out += "]}\n";
}

void report(ReportFormat format, const std::string& file, const std::vector<Error>& errors,
            std::string& out) {
  if (format == ReportFormat::json) {
    append_json(file, errors, out);
  } else {
    append_text(file, errors, out);
  }
}

SchemaLoadResult load(const std::string& schema_file) {
  std::optional<std::string> sdl = read_file(schema_file);
  if (!sdl) {
    SchemaLoadResult failed;
    failed.errors.push_back(Error{"cannot read the schema file", {}});
    return failed;
  }
  return load_schema(std::move(*sdl), schema_file);
}

}  // namespace

CommandOutcome check_command(const std::string& schema_file,
                             std::span<const std::string> operation_files, ReportFormat format,
                             const ValidationOptions& options) {
  CommandOutcome outcome;
  SchemaLoadResult schema = load(schema_file);
  if (!schema) {
    report(format, schema_file, schema.errors, outcome.output);
    outcome.exit_code = 2;
    return outcome;
  }
  Arena arena;
  for (const std::string& file : operation_files) {
    std::optional<std::string> text = read_file(file);
    if (!text) {
      report(format, file, {Error{"cannot read the file", {}}}, outcome.output);
      outcome.exit_code = 2;
      continue;
    }
    arena.reset();
    ParseResult parsed = parse(*text, arena);
    std::vector<Error> errors;
    if (!parsed) {
      errors.push_back(*parsed.error);
    } else {
      errors = validate(*schema.schema, *parsed.document, options).errors;
    }
    if (!errors.empty() && outcome.exit_code == 0) outcome.exit_code = 1;
    report(format, file, errors, outcome.output);
  }
  return outcome;
}

CommandOutcome schema_print_command(const std::string& schema_file) {
  CommandOutcome outcome;
  SchemaLoadResult schema = load(schema_file);
  if (!schema) {
    outcome.output = format_errors(schema_file, schema.errors);
    outcome.exit_code = 2;
    return outcome;
  }
  outcome.output = print_schema(*schema.schema) + "\n";
  return outcome;
}

}  // namespace sluice::graphql
