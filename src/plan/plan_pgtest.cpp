// The compiled SQL against a real PostgreSQL, on a v_book table whose real columns mirror its
// `data` (as a FraiseQL table view does) and a distractor column named like a nested key.
//
//   - every statement of testdata/sql_cases.txt runs, and returns the same rows whether the
//     catalog lets real columns serve or everything reads JSON paths;
//   - a filter and its NOT split the rows exactly; neq and nin are the complements of eq and in;
//   - string filters match what a plain C++ reference computes from the same JSON rows;
//   - numbers sort as numbers (against a C++ sort of the same rows).

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "plan_test_support.hpp"
#include "sluice/plan/plan.hpp"
#include "sluice_testing/pg.hpp"

namespace sluice::plan {
namespace {

using nlohmann::json;

std::string uuid(int n) { return fmt::format("00000000-0000-4000-8000-{:012d}", n); }

// The rows: every field kind, nulls and missing keys, LIKE metacharacters, hostile text, equal
// instants written with different offsets, ties.
json book_rows() {
  const char* const text = R"json([
    {"id": "#1", "title": "Dune", "pages": 412, "price": 9.99, "sales": 9007199254740993,
     "available": true, "published_at": "1965-08-01T00:00:00Z", "released": "1965-08-01",
     "isbn": "0b5f6e3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "genre": "SCIENCE",
     "tags": ["classic", "desert"], "ratings": [5, 4], "genres": ["SCIENCE", "FICTION"],
     "meta": {"a": 1, "b": [1, 2]}, "extra": [1, "x"],
     "author": {"id": "a1", "full_name": "Frank Herbert", "born": "1920-10-08",
                "address": {"city": "Tacoma", "zip": "98401"}},
     "reviews": [{"stars": 5, "body": "great"}, {"stars": 3, "body": null}], "LegacyCode": "A"},
    {"id": "#2", "title": "50%_off\\", "pages": 9, "price": 1e-7, "sales": 1, "available": false,
     "published_at": "2024-05-01T14:30:00.123+02:00", "released": "2024-05-01",
     "genre": "FICTION", "tags": ["a", "b"], "ratings": [1], "genres": ["FICTION"],
     "meta": {"k": ["v", 2.5]}, "extra": {"a": 1},
     "author": {"id": "a2", "full_name": "Ursula", "born": "1929-10-21",
                "address": {"city": "Oslo", "zip": null}},
     "reviews": [{"stars": 4, "body": "a"}], "LegacyCode": "B"},
    {"id": "#3", "title": "50xyoff\\", "pages": 10, "price": 9.5, "sales": 2, "available": true,
     "published_at": "2024-05-01T12:30:00.123Z", "released": "1999-12-31", "genre": "HISTORY",
     "tags": [], "ratings": null, "genres": [], "meta": null, "extra": null,
     "author": {"id": "a3", "full_name": "Frank Miller", "born": "1957-01-27"},
     "reviews": [], "LegacyCode": null},
    {"id": "#4", "title": "The_Hobbit", "pages": 100, "price": null, "available": true,
     "published_at": "1937-09-21T10:00:00+02:00", "genre": "FICTION", "tags": ["x' OR 1=1 --"],
     "ratings": [4, 5], "meta": {"a": 2},
     "author": {"id": "a4", "full_name": "Tolkien", "born": "1892-01-03",
                "address": {"city": "Oxford", "zip": "OX1"}},
     "reviews": [{"stars": 1, "body": "meh"}, {"stars": 5, "body": "a"}]},
    {"id": "#5", "title": null, "available": false, "genre": "SCIENCE", "tags": null,
     "reviews": null, "author": {"id": "a5", "full_name": "Anon"}},
    {"id": "#6", "title": "dune messiah", "pages": 256.0, "price": 12, "sales": -5,
     "available": true, "published_at": null, "released": "1969-01-01",
     "isbn": "0B5F6E3A-1C2D-4E5F-8A9B-0C1D2E3F4A5C", "genre": "SCIENCE", "tags": ["desert"],
     "ratings": [3], "genres": ["SCIENCE"], "meta": {"a": 1}, "extra": [1, "x"],
     "author": {"id": "a1", "full_name": "Frank Herbert", "born": "1920-10-08",
                "address": {"city": "Tacoma", "zip": "98401"}},
     "reviews": [{"stars": 5, "body": "b"}], "LegacyCode": "A"},
    {"id": "#7", "title": "x' OR 1=1; DROP TABLE v_book; --", "pages": 1, "available": true,
     "genre": "HISTORY", "tags": ["a"], "author": {"id": "a7", "full_name": "Bobby"},
     "reviews": []},
    {"id": "#8", "title": "Über", "pages": 500, "price": 100.25, "sales": 9007199254740992,
     "available": true, "published_at": "2000-01-01T00:00:00Z", "released": "2000-01-01",
     "genre": "HISTORY", "tags": ["b", "c"], "ratings": [2, 2], "genres": ["HISTORY", "SCIENCE"],
     "meta": {"b": [1, 2, 3]}, "extra": "text",
     "author": {"id": "a8", "full_name": "Frank Zappa", "address": {"city": "Oslo", "zip": "0150"}},
     "reviews": [{"stars": 2, "body": "great"}], "LegacyCode": "C"},
    {"id": "#9", "title": "Dune", "pages": 412, "available": true, "genre": "SCIENCE",
     "tags": ["classic"], "author": {"id": "a1", "full_name": "Frank Herbert"}, "reviews": []},
    {"id": "#10", "title": "D_n%", "pages": 7, "available": false, "genre": "FICTION",
     "tags": [], "author": {"id": "a10", "full_name": "Pattern"}, "reviews": [{"stars": 3}]}
  ])json";
  json rows = json::parse(text);
  for (json& row : rows) row["id"] = uuid(std::stoi(row["id"].get<std::string>().substr(1)));
  return rows;
}

struct PgConnDeleter {
  void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct PgResultDeleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

class PlanPgTest : public sluice::testing::PgTest {
 protected:
  static void SetUpTestSuite() {
    PgTest::SetUpTestSuite();
    run_sql(R"sql(
      CREATE TYPE genre_t AS ENUM ('FICTION', 'SCIENCE', 'HISTORY');
      CREATE TABLE v_book (
        id uuid PRIMARY KEY, title text, pages integer, sales bigint, available boolean,
        published_at timestamptz, genre genre_t, tags text[], full_name text,
        data jsonb NOT NULL);
      CREATE SCHEMA app;
      CREATE TABLE app.v_magazine (magazine_id text PRIMARY KEY, doc jsonb NOT NULL);
      INSERT INTO app.v_magazine VALUES
        ('m1', '{"id": "m1", "title": "T", "issue": 3, "code": "x"}'),
        ('m2', '{"id": "m2", "title": "T", "issue": 3, "code": "y"}');
    )sql");
    connection_.reset(PQconnectdb(conninfo().c_str()));
    ASSERT_EQ(PQstatus(connection_.get()), CONNECTION_OK) << PQerrorMessage(connection_.get());
    exec("INSERT INTO v_book (id, data) SELECT (d->>'id')::uuid, d FROM jsonb_array_elements($1) d",
         {book_rows().dump()});
    // The real columns hold what data holds; full_name does not (it is not Book's field).
    exec(R"sql(UPDATE v_book SET title = data->>'title',
                 pages = (data->>'pages')::numeric::integer, sales = (data->>'sales')::bigint,
                 available = (data->>'available')::boolean,
                 published_at = (data->>'published_at')::timestamptz,
                 genre = (data->>'genre')::genre_t,
                 tags = CASE WHEN jsonb_typeof(data->'tags') = 'array'
                             THEN ARRAY(SELECT jsonb_array_elements_text(data->'tags')) END,
                 full_name = 'distractor ' || id)sql",
         {});
    catalog_ = std::make_shared<Catalog>();
    for (const char* relation : {"v_book", "app.v_magazine"}) {
      ResultPtr columns = exec(
          "SELECT a.attname, format_type(a.atttypid, NULL) FROM pg_attribute a "
          "WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped",
          {relation});
      for (int i = 0; i < PQntuples(columns.get()); ++i) {
        catalog_->relations[relation][PQgetvalue(columns.get(), i, 0)] =
            PQgetvalue(columns.get(), i, 1);
      }
    }
  }

  static void TearDownTestSuite() {
    connection_.reset();
    catalog_.reset();
    PgTest::TearDownTestSuite();
  }

  static ResultPtr exec(const std::string& sql,
                        const std::vector<std::optional<std::string>>& params) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    ResultPtr result(PQexecParams(connection_.get(), sql.c_str(), static_cast<int>(values.size()),
                                  nullptr, values.data(), nullptr, nullptr, 0));
    ExecStatusType status = PQresultStatus(result.get());
    EXPECT_TRUE(status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
        << PQresultErrorMessage(result.get()) << "\n"
        << sql;
    return result;
  }

  // The `id` of every row the first root field's statement returns, in order.
  static std::vector<std::string> ids(const std::string& query, const std::string& variables,
                                      bool with_catalog, std::int64_t max_rows = 0,
                                      std::string* sql = nullptr) {
    PlanOptions options;
    options.max_rows = max_rows;
    auto plan = Plan::build(testing::library_schema(), with_catalog ? catalog_ : nullptr, options,
                            query, "");
    EXPECT_TRUE(plan->ok()) << query;
    if (!plan->ok()) return {};
    graphql::Arena arena;
    Execution execution = plan->prepare(variables, arena);
    EXPECT_TRUE(execution.ok()) << query;
    if (!execution.ok()) return {};
    const Statement& statement = execution.roots.at(0).statement;
    if (sql != nullptr) *sql = statement.sql;
    ResultPtr result = exec(statement.sql, statement.params);
    std::vector<std::string> out;
    for (int i = 0; i < PQntuples(result.get()); ++i) {
      json row = json::parse(PQgetvalue(result.get(), i, 0));
      out.push_back(row.value("id", ""));
    }
    return out;
  }

  static std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  }

  // Ids of the rows matched by `where` (a BookWhere as JSON), as a sorted list.
  static std::vector<std::string> matching(const json& where, bool with_catalog) {
    return sorted(ids("query($w: BookWhere) { books(where: $w) { id } }", json{{"w", where}}.dump(),
                      with_catalog));
  }

  static inline std::unique_ptr<PGconn, PgConnDeleter> connection_;
  static inline std::shared_ptr<Catalog> catalog_;
};

TEST_F(PlanPgTest, EveryCaseRunsAndColumnsAgreeWithJsonPaths) {
  int compared = 0;
  for (const testing::SqlCase& c : testing::read_sql_cases()) {
    if (!c.sql) continue;
    SCOPED_TRACE("sql_cases.txt:" + std::to_string(c.line) + " " + c.name);
    std::string json_sql;
    std::string column_sql;
    std::vector<std::string> by_json = ids(c.query, c.variables, false, c.max_rows, &json_sql);
    std::vector<std::string> by_columns = ids(c.query, c.variables, true, c.max_rows, &column_sql);
    bool ordered = json_sql.find(" ORDER BY ") != std::string::npos;
    bool limited = json_sql.find(" LIMIT ") != std::string::npos;
    if (ordered) {
      EXPECT_EQ(by_json, by_columns) << json_sql << "\n" << column_sql;
    } else if (limited) {  // some rows, which ones is up to the database
      EXPECT_EQ(by_json.size(), by_columns.size());
    } else {
      EXPECT_EQ(sorted(by_json), sorted(by_columns)) << json_sql << "\n" << column_sql;
    }
    compared += json_sql != column_sql;
  }
  EXPECT_GT(compared, 20);  // the catalog did change many statements
}

// Filters on every operator kind, for the complement checks.
const std::vector<json>& filters() {
  static const std::vector<json> all = {
      {{"title", {{"eq", "Dune"}}}},
      {{"title", {{"in", {"Dune", "Über"}}}}},
      {{"title", {{"eq", nullptr}}}},
      {{"pages", {{"gt", 100}}}},
      {{"pages", {{"lte", 10}}}},
      {{"price", {{"lt", 9.99}}}},
      {{"sales", {{"gte", "9007199254740992"}}}},
      {{"available", {{"eq", true}}}},
      {{"publishedAt", {{"eq", "2024-05-01T12:30:00.123Z"}}}},
      {{"released", {{"lt", "2000-01-01"}}}},
      {{"isbn", {{"eq", "0b5f6e3a-1c2d-4e5f-8a9b-0c1d2e3f4a5c"}}}},
      {{"genre", {{"nin", {"FICTION"}}}}},
      {{"id", {{"in", {uuid(1), "not-a-uuid"}}}}},
      {{"title", {{"contains", "%_"}}}},
      {{"title", {{"icontains", "DUNE"}}}},
      {{"title", {{"startsWith", "50%"}}}},
      {{"title", {{"endsWith", "\\"}}}},
      {{"title", {{"like", "D_n%"}}}},
      {{"title", {{"ilike", "d%"}}}},
      {{"meta", {{"contains", {{"a", 1}}}}}},
      {{"meta", {{"hasKey", "b"}}}},
      {{"extra", {{"eq", {1, "x"}}}}},
      {{"tags", {{"contains", {"a"}}}}},
      {{"tags", {{"overlaps", {"c", "desert"}}}}},
      {{"tags", {{"isEmpty", true}}}},
      {{"tags", {{"isEmpty", false}}}},
      {{"ratings", {{"contains", {5, 4}}}}},
      {{"genres", {{"overlaps", {"HISTORY"}}}}},
      {{"author", {{"fullName", {{"startsWith", "Frank"}}}}}},
      {{"author", {{"address", {{"zip", {{"isNull", true}}}}}}}},
      {{"reviews", {{"stars", {{"gte", 5}}}}}},
      {{"reviews", {{"body", {{"eq", "a"}}}, {"stars", {{"lt", 3}}}}}},
      {{"OR", {{{"pages", {{"gt", 400}}}}, {{"genre", {{"eq", "HISTORY"}}}}}}},
      {{"legacyCode", {{"isNull", false}}}},
  };
  return all;
}

TEST_F(PlanPgTest, AFilterAndItsNotSplitTheRows) {
  for (bool with_catalog : {false, true}) {
    std::vector<std::string> all = matching(json::object(), with_catalog);
    ASSERT_EQ(all.size(), book_rows().size());
    for (const json& where : filters()) {
      SCOPED_TRACE(where.dump() + (with_catalog ? " (catalog)" : ""));
      std::vector<std::string> yes = matching(where, with_catalog);
      std::vector<std::string> no = matching({{"NOT", where}}, with_catalog);
      std::vector<std::string> both;
      std::set_intersection(yes.begin(), yes.end(), no.begin(), no.end(), std::back_inserter(both));
      EXPECT_TRUE(both.empty());
      EXPECT_EQ(yes.size() + no.size(), all.size());
    }
  }
}

TEST_F(PlanPgTest, NeqAndNinAreTheComplementsOfEqAndIn) {
  for (bool with_catalog : {false, true}) {
    for (const char* field : {"title", "pages", "genre", "publishedAt", "id"}) {
      SCOPED_TRACE(std::string(field) + (with_catalog ? " (catalog)" : ""));
      json value = std::string(field) == "pages"         ? json(412)
                   : std::string(field) == "genre"       ? json("SCIENCE")
                   : std::string(field) == "publishedAt" ? json("2000-01-01T00:00:00Z")
                   : std::string(field) == "id"          ? json(uuid(2))
                                                         : json("Dune");
      EXPECT_EQ(matching({{field, {{"neq", value}}}}, with_catalog),
                matching({{"NOT", {{field, {{"eq", value}}}}}}, with_catalog));
      EXPECT_EQ(matching({{field, {{"nin", {value}}}}}, with_catalog),
                matching({{"NOT", {{field, {{"in", {value}}}}}}}, with_catalog));
    }
  }
}

TEST_F(PlanPgTest, StringFiltersMatchLiterally) {
  auto ascii_lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
  };
  for (const std::string needle : {"%_", "50%", "\\", "_", "Dune", "une", "x' OR 1=1", "%"}) {
    std::vector<std::string> contains, icontains, starts, ends, equal;
    for (const json& row : book_rows()) {
      if (!row.contains("title") || !row["title"].is_string()) continue;
      std::string title = row["title"];
      std::string id = row["id"];
      if (title.find(needle) != std::string::npos) contains.push_back(id);
      if (ascii_lower(title).find(ascii_lower(needle)) != std::string::npos)
        icontains.push_back(id);
      if (title.rfind(needle, 0) == 0) starts.push_back(id);
      if (title.size() >= needle.size() &&
          title.compare(title.size() - needle.size(), needle.size(), needle) == 0) {
        ends.push_back(id);
      }
      if (title == needle) equal.push_back(id);
    }
    for (bool with_catalog : {false, true}) {
      SCOPED_TRACE(needle + (with_catalog ? " (catalog)" : ""));
      EXPECT_EQ(matching({{"title", {{"contains", needle}}}}, with_catalog), sorted(contains));
      EXPECT_EQ(matching({{"title", {{"icontains", needle}}}}, with_catalog), sorted(icontains));
      EXPECT_EQ(matching({{"title", {{"startsWith", needle}}}}, with_catalog), sorted(starts));
      EXPECT_EQ(matching({{"title", {{"endsWith", needle}}}}, with_catalog), sorted(ends));
      EXPECT_EQ(matching({{"title", {{"eq", needle}}}}, with_catalog), sorted(equal));
    }
  }
}

TEST_F(PlanPgTest, NumbersSortAsNumbers) {
  for (const char* field : {"pages", "price"}) {
    // Ascending puts nulls last; ties (and nulls) fall back to the key column.
    std::vector<std::pair<std::optional<double>, std::string>> keyed;
    for (const json& row : book_rows()) {
      std::optional<double> key;
      std::string json_key = field;
      if (row.contains(json_key) && row[json_key].is_number()) key = row[json_key].get<double>();
      keyed.emplace_back(key, row["id"]);
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
      if (a.first.has_value() != b.first.has_value()) return a.first.has_value();
      if (a.first != b.first) return *a.first < *b.first;
      return a.second < b.second;
    });
    std::vector<std::string> expected;
    for (const auto& k : keyed) expected.push_back(k.second);
    for (bool with_catalog : {false, true}) {
      SCOPED_TRACE(std::string(field) + (with_catalog ? " (catalog)" : ""));
      EXPECT_EQ(
          ids(fmt::format("{{ books(orderBy: [{{{}: ASC}}]) {{ id }} }}", field), "", with_catalog),
          expected);
    }
  }
}

}  // namespace
}  // namespace sluice::plan
