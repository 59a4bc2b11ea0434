#pragma once
// How the row a mutation function returned becomes the value of its GraphQL field
// (docs/MUTATIONS.md states the contract).
//
// The function's row arrives as JSON text: its mutation_response as an object (status, message,
// entity_id, entity_type, entity, updated_fields, cascade, metadata), or its plain jsonb. The
// status picks the result type: a success status the success type, an error status the error
// type (with the code of its class). shape() then rewrites the row into the object the chosen
// type's projection program reads (each contract field under the JSON key the program expects),
// so that aliases, __typename, camelCase keys of the entity and non-null checks all come from
// the one response pipeline.
//
// Immutable once built; shared by the executions of a plan.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/graphql/schema.hpp"
#include "sluice/json/program.hpp"

namespace sluice::plan {

// The class of a mutation_response status: the part before ':' ("noop:unchanged" → noop).
struct StatusClass {
  bool success = false;
  int code = 0;  // error classes: 422, 404, 401, 403, 409, 408, 500 (unknown statuses: 500)
};
[[nodiscard]] StatusClass classify_status(std::string_view status) noexcept;

class MutationResult {
 public:
  // What the function's row reads as.
  enum class Source : std::uint8_t {
    response,  // a mutation_response (composite or jsonb of that shape)
    entity,    // plain jsonb: the object of the field's @view type itself
  };

  // One possible type of the field's value and its projection.
  struct Member {
    const graphql::NamedType* type = nullptr;  // a result type, or the @view type
    json::Program program;
  };

  MutationResult(Source source, std::vector<Member> members, std::string_view function)
      : source_(source), members_(std::move(members)), function_(function) {}

  // The outcome of shape().
  struct Shaped {
    // The chosen member's program; null when the field fails as a whole.
    const json::Program* program = nullptr;
    // False for an error status: the operation's transaction is rolled back.
    bool success = true;
    // Unless `success`: the function's message and a JSON object with "code" (the status
    // class in upper case, e.g. "CONFLICT"), "status" and "statusCode".
    std::string message;
    std::string extensions;
  };

  // Rewrites the function's row into `out` (empty out: no object, the field is null).
  [[nodiscard]] Shaped shape(std::string_view row, std::string& out) const;

 private:
  Source source_;
  std::vector<Member> members_;
  std::string_view function_;  // borrowed from the schema
};

}  // namespace sluice::plan
