#pragma once
// Errors of the PostgreSQL driver. The driver boundary throws; every failure is a pg::Error, and
// the subclasses tell the caller what to do about it:
//
//   ConnectionError  the server is unreachable or the connection broke (retry elsewhere / 503)
//   QueryError       PostgreSQL rejected the statement; carries SQLSTATE and the server's fields
//   TimeoutError     a client-side deadline passed (connect, pool acquire, health check)
//   CancelledError   the statement was cancelled at our request (Connection::cancel(), or the
//                    awaiting coroutine was cancelled through Asio)
//
// A statement_timeout on the server is a QueryError with SQLSTATE 57014: PostgreSQL cancelled it,
// we did not ask for it.

#include <stdexcept>
#include <string>

namespace sluice::pg {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ConnectionError : public Error {
 public:
  using Error::Error;
};

class TimeoutError : public Error {
 public:
  using Error::Error;
};

class CancelledError : public Error {
 public:
  using Error::Error;
};

class QueryError : public Error {
 public:
  struct Fields {
    std::string sqlstate;  // five characters, e.g. "23505"
    std::string message;   // the primary message
    std::string detail;    // empty when the server sent none
    std::string hint;      // empty when the server sent none
    int position = 0;      // 1-based character offset into the statement; 0 when none
  };

  // what() reads "<message> (SQLSTATE <code>)", then "; detail: ..." and "; hint: ..." if present.
  explicit QueryError(Fields fields);

  [[nodiscard]] const std::string& sqlstate() const noexcept { return fields_.sqlstate; }
  [[nodiscard]] const std::string& message() const noexcept { return fields_.message; }
  [[nodiscard]] const std::string& detail() const noexcept { return fields_.detail; }
  [[nodiscard]] const std::string& hint() const noexcept { return fields_.hint; }
  [[nodiscard]] int position() const noexcept { return fields_.position; }

 private:
  Fields fields_;
};

}  // namespace sluice::pg
