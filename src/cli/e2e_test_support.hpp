#pragma once
// What the end-to-end suites share: the blog example deployed in the suite's database with
// `sluice serve` on it, a blocking libpq connection for expected values, and request helpers.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "binary_test_support.hpp"
#include "sluice_testing/pg.hpp"

namespace sluice::cli::e2e {

using namespace binary_test;
using Json = nlohmann::ordered_json;

inline const fs::path kBlog = kSourceDir / "examples/blog";
inline constexpr std::string_view kGraphqlResponseJson = "application/graphql-response+json";

inline std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return {std::istreambuf_iterator<char>(in), {}};
}

// A blocking libpq connection for expected results and sentinels; every statement has a
// timeout.
class Sql {
 public:
  explicit Sql(const std::string& conninfo)
      : conn_(PQconnectdb(
            (conninfo + " connect_timeout=10 options='-c statement_timeout=60000'").c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      const std::string message = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw std::runtime_error("cannot connect: " + message);
    }
  }
  ~Sql() { PQfinish(conn_); }
  Sql(const Sql&) = delete;
  Sql& operator=(const Sql&) = delete;

  // The first column of the only row as text ("" for no row or NULL); `params` are $1, $2, ...
  // as text. Throws std::runtime_error with PostgreSQL's message.
  std::string value(const std::string& sql, const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    PGresult* result = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                    values.data(), nullptr, nullptr, 0);
    const auto status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      const std::string message = PQresultErrorMessage(result);
      PQclear(result);
      throw std::runtime_error(message);
    }
    std::string text;
    if (PQntuples(result) > 0 && PQnfields(result) > 0) text = PQgetvalue(result, 0, 0);
    PQclear(result);
    return text;
  }

 private:
  PGconn* conn_;
};

// `sluice serve` on the suite's database, stopped with SIGTERM (and checked to exit cleanly)
// when destroyed.
class Server {
 public:
  Server(const std::string& conninfo, std::vector<std::string> extra_args,
         const fs::path& schema = kBlog / "schema.graphql")
      : port_(free_port()), process_([&] {
          std::vector<std::string> args = {"serve",
                                           "--database",
                                           conninfo,
                                           "--schema",
                                           schema.string(),
                                           "--listen",
                                           fmt::format("127.0.0.1:{}", port_),
                                           "--threads",
                                           "2"};
          args.insert(args.end(), extra_args.begin(), extra_args.end());
          return Process(std::move(args));
        }()) {
    healthy_ = wait_healthy(process_, port_, 60s);
  }
  ~Server() {
    process_.signal(SIGTERM);
    auto outcome = process_.wait(30s);
    EXPECT_TRUE(outcome) << "sluice serve did not stop on SIGTERM";
    if (outcome) {
      EXPECT_EQ(outcome->status, 0) << outcome->output;
    }
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  [[nodiscard]] bool healthy() const { return healthy_; }
  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] std::string output() const { return process_.output(); }
  [[nodiscard]] std::string url() const {
    return fmt::format("http://127.0.0.1:{}/graphql", port_);
  }

  // POSTs `body` to /graphql with these Accept and Content-Type headers ("" sends none).
  [[nodiscard]] std::optional<Reply> post(
      const std::string& body, std::string_view accept = kGraphqlResponseJson,
      std::string_view content_type = "application/json") const {
    http::request<http::string_body> req{http::verb::post, "/graphql", 11};
    req.set(http::field::host, "127.0.0.1");
    if (!content_type.empty()) req.set(http::field::content_type, content_type);
    if (!accept.empty()) req.set(http::field::accept, accept);
    req.body() = body;
    req.prepare_payload();
    return send(port_, std::move(req));
  }

 private:
  std::uint16_t port_;
  Process process_;
  bool healthy_ = false;
};

// What a test suite runs against: the blog example in the suite's database, a libpq connection
// to it, and `sluice serve` on it.
struct Deployment {
  // Loads examples/blog/schema.sql and generates `users` users, then starts the server, whose
  // connection string gets `conninfo_extra`.
  static std::unique_ptr<Deployment> start(const std::string& dbname, const std::string& conninfo,
                                           int users, std::vector<std::string> server_args,
                                           const std::string& conninfo_extra = "") {
    auto& cluster = sluice::testing::cluster();
    cluster.run_sql_file(dbname, kBlog / "schema.sql");
    cluster.run_sql(dbname, fmt::format("SELECT * FROM fn_generate_blog({})", users));
    return std::make_unique<Deployment>(conninfo, conninfo + conninfo_extra,
                                        std::move(server_args));
  }

  Deployment(const std::string& conninfo, const std::string& server_conninfo,
             std::vector<std::string> server_args,
             const fs::path& schema = kBlog / "schema.graphql")
      : sql(conninfo), server(server_conninfo, std::move(server_args), schema) {}

  Sql sql;
  Server server;
};

// Base of the suites that run against a Deployment, one per suite (Suite's SetUpTestSuite makes
// it).
template <typename Suite>
class DeploymentTest : public sluice::testing::PgTest {
 public:
  static void TearDownTestSuite() {
    blog_.reset();
    PgTest::TearDownTestSuite();
  }

 protected:
  void SetUp() override { ASSERT_TRUE(server().healthy()) << server().output(); }
  static Server& server() { return blog_->server; }
  static Sql& sql() { return blog_->sql; }

  static inline std::unique_ptr<Deployment> blog_;
};

// The request body for `query` with optional variables and operation name.
inline std::string graphql_body(const std::string& query, const Json& variables = nullptr,
                                const std::string& operation_name = "") {
  Json body = {{"query", query}};
  if (!variables.is_null()) body["variables"] = variables;
  if (!operation_name.empty()) body["operationName"] = operation_name;
  return body.dump();
}

// The body parsed, or a JSON string saying why it did not parse (never equal to a response).
inline Json parse_body(const std::string& body) {
  Json parsed = Json::parse(body, nullptr, false);
  return parsed.is_discarded() ? Json("unparsable body: " + body.substr(0, 500)) : parsed;
}

inline std::string first_error_message(const Json& body) {
  if (!body.contains("errors") || !body["errors"].is_array() || body["errors"].empty()) return "";
  return body["errors"][0].value("message", "");
}

}  // namespace sluice::cli::e2e
