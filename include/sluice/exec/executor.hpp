#pragma once
// Runs a prepared plan: PostgreSQL row stream → json::ResponseWriter → exec::Sink.
//
// One Executor per worker thread (it borrows that worker's pg::Pool and keeps a response buffer
// per request). The root fields of an operation run in order on one pooled connection; those of
// a mutation inside one transaction (BEGIN … COMMIT, or ROLLBACK as soon as one fails; a lone
// function call is its own statement's transaction), with the response held back until the
// transaction ended, so that it never reports a write that did not happen.
//
// Rows are pulled one at a time; the response buffer is drained to the sink whenever it reaches
// flush_bytes, and the next row is read only after the sink took the bytes: a slow client pauses
// PostgreSQL, memory stays bounded by the flush size (plus one row). A statement whose LIMIT is
// small (plan::Statement::max_rows, up to 256 rows) is fetched whole instead: bounded all the
// same, and cheaper than a result per row.
//
// A response is never wrong (docs/ARCHITECTURE.md, "Correct or visibly aborted"): a database
// error or a null in a non-null position nulls the field (or "data") with an error while the
// bytes to replace are still in the buffer; once they were drained, the run ends with
// Outcome::aborted and the transport must cut the response visibly.
//
// Cancellation: when the caller's coroutine is cancelled (the client left), the awaited
// PostgreSQL operation cancels the running statement and the connection returns to the pool
// clean; run() then throws.

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <span>
#include <string>

#include "sluice/exec/sink.hpp"
#include "sluice/graphql/error.hpp"
#include "sluice/graphql/schema.hpp"
#include "sluice/json/response.hpp"
#include "sluice/pg/pool.hpp"
#include "sluice/plan/catalog.hpp"
#include "sluice/plan/plan.hpp"

namespace sluice::exec {

struct ExecutorOptions {
  // Pending response bytes are handed to the sink at this size.
  std::size_t flush_bytes = 32 << 10;
  json::Limits limits;
};

enum class Outcome {
  complete,  // the whole response was written
  aborted,   // a correct response could not be completed: cut the stream visibly
  peer_gone  // the sink refused bytes: the client left
};

class Executor {
 public:
  Executor(pg::Pool& pool, ExecutorOptions options);

  // Writes the response of `execution` (prepared from `plan`, which must be ok()) to `sink`.
  boost::asio::awaitable<Outcome> run(const plan::Plan& plan, const plan::Execution& execution,
                                      Sink& sink);

 private:
  // A mutation: its root fields in order inside one transaction, the response written after it
  // ended (docs/MUTATIONS.md, "Transactions").
  boost::asio::awaitable<Outcome> run_transaction(const plan::Plan& plan,
                                                  const plan::Execution& execution, Sink& sink);

  pg::Pool& pool_;
  ExecutorOptions options_;
};

// {"errors":[{"message":..., "locations":[{"line":..,"column":..}]}, ...]}: the response to a
// request that failed before execution (syntax, validation, variables).
[[nodiscard]] std::string errors_response(std::span<const graphql::Error> errors);
// The same for one message without a location.
[[nodiscard]] std::string error_response(std::string_view message);

// The real columns of every relation the schema's @view types read and the generated writes
// write, with their types as format_type() names them without modifiers ("integer",
// "timestamp with time zone", "text[]"), and the return type of every mutation function.
// A write's table or a function(jsonb) the database lacks is listed in Catalog::missing (the
// server logs it and starts: a migration may still be on its way; until then the field fails
// with PostgreSQL's error).
boost::asio::awaitable<plan::Catalog> load_catalog(pg::Connection& connection,
                                                   const graphql::Schema& schema);

}  // namespace sluice::exec
