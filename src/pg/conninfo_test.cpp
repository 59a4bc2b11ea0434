#include "conninfo.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sluice/pg/error.hpp"

namespace sluice::pg::detail {
namespace {

using namespace std::chrono_literals;

TEST(ConnParamsTest, ParsesUrlsAndKeywordValueStrings) {
  const ConnParams url =
      ConnParams::parse("postgresql://alice@db.example:6543/shop?sslmode=disable");
  EXPECT_EQ(url.get("host"), "db.example");
  EXPECT_EQ(url.get("port"), "6543");
  EXPECT_EQ(url.get("user"), "alice");
  EXPECT_EQ(url.get("dbname"), "shop");
  EXPECT_EQ(url.get("sslmode"), "disable");
  EXPECT_FALSE(url.get("password"));

  const ConnParams kv = ConnParams::parse("host=/tmp/sock dbname='my db'");
  EXPECT_EQ(kv.get("host"), "/tmp/sock");
  EXPECT_EQ(kv.get("dbname"), "my db");
}

TEST(ConnParamsTest, MalformedStringsAreConnectionErrors) {
  EXPECT_THROW((void)ConnParams::parse("host=x no_such_keyword=1"), ConnectionError);
  EXPECT_THROW((void)ConnParams::parse("host"), ConnectionError);
  EXPECT_THROW((void)ConnParams::parse("postgresql://[::1"), ConnectionError);
}

TEST(ConnParamsTest, DriverSettingsKeepTheUsersOwn) {
  ConnParams params =
      ConnParams::parse("dbname=x options='-c search_path=app' application_name=mine");
  apply_driver_settings(params, ConnectOptions{.statement_timeout = 1500ms});
  EXPECT_EQ(params.get("options"), "-c search_path=app -c statement_timeout=1500");
  EXPECT_EQ(params.get("application_name"), "mine");
  EXPECT_EQ(params.get("client_encoding"), "UTF8");

  ConnParams bare = ConnParams::parse("dbname=x client_encoding=LATIN1");
  apply_driver_settings(bare, ConnectOptions{});
  EXPECT_FALSE(bare.get("options"));  // no statement_timeout asked for
  EXPECT_EQ(bare.get("client_encoding"), "LATIN1");
  EXPECT_EQ(bare.get("fallback_application_name"), "sluice");
}

TEST(ConnParamsTest, ArraysAreNullTerminatedAndPaired) {
  ConnParams params = ConnParams::parse("host=h dbname=d");
  params.set("port", "7");
  const char* const* keys = params.keywords();
  const char* const* values = params.values();
  int count = 0;
  std::string port;
  for (; keys[count] != nullptr; ++count) {
    ASSERT_NE(values[count], nullptr);
    if (std::string(keys[count]) == "port") port = values[count];
  }
  EXPECT_EQ(count, 3);
  EXPECT_EQ(values[count], nullptr);
  EXPECT_EQ(port, "7");
}

}  // namespace
}  // namespace sluice::pg::detail
