// The sql connector's settings and its answer when no server listens; the
// queries against a real PostgreSQL are in tests/integration/sql_connector_test.cc.
#include "erp/sql_connector.h"

#include <gtest/gtest.h>

#include "core/file_system.h"
#include "erp/erp_connection.h"

namespace quai {
namespace {

std::map<std::string, std::string> Settings() {
  return {{"conninfo", "host=127.0.0.1 port=1 dbname=erp user=quai connect_timeout=2"},
          {"password", "s3cret-Pa55"},
          {"suppliers_query", "SELECT * FROM supplier_view"},
          {"articles_query", "SELECT * FROM article_view"},
          {"purchase_orders_query", "SELECT * FROM order_view"},
          {"purchase_order_lines_query", "SELECT * FROM order_line_view"}};
}

TEST(SqlConnectorSettings, ReadsTheConnectionSettingsWithATimeoutOfSixtySecondsByDefault) {
  auto settings = SqlConnectorSettings::FromSettings(Settings());
  ASSERT_TRUE(settings.ok()) << settings.status().message();
  EXPECT_EQ(settings->password, "s3cret-Pa55");
  EXPECT_EQ(settings->articles_query, "SELECT * FROM article_view");
  EXPECT_EQ(settings->changed_orders_query, "");
  EXPECT_EQ(settings->timeout_seconds, 60);
}

TEST(SqlConnectorSettings, MissingQueryIsNamed) {
  auto settings = Settings();
  settings.erase("purchase_order_lines_query");
  auto read = SqlConnectorSettings::FromSettings(settings);
  ASSERT_EQ(read.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(read.status().message().find("purchase_order_lines_query"), std::string::npos) << read.status().message();
}

TEST(SqlConnectorSettings, TimeoutThatIsNotAFewSecondsIsRefused) {
  for (const char* timeout : {"0", "-5", "ten", "90000", "5s"}) {
    auto settings = Settings();
    settings["timeout_seconds"] = timeout;
    auto read = SqlConnectorSettings::FromSettings(settings);
    ASSERT_EQ(read.status().code(), StatusCode::kInvalidArgument) << timeout;
    EXPECT_NE(read.status().message().find("timeout_seconds"), std::string::npos) << read.status().message();
  }
  auto settings = Settings();
  settings["timeout_seconds"] = "5";
  EXPECT_EQ(SqlConnectorSettings::FromSettings(settings)->timeout_seconds, 5);
}

// conninfo is shown back to administrators; only the password setting is secret.
TEST(SqlConnectorSettings, PasswordInsideConninfoIsRefusedWithoutRepeatingIt) {
  for (const char* conninfo : {"host=erp dbname=erp user=quai password=hunter22",
                               "postgresql://quai:hunter22@erp/erp"}) {
    auto settings = Settings();
    settings["conninfo"] = conninfo;
    auto read = SqlConnectorSettings::FromSettings(settings);
    ASSERT_EQ(read.status().code(), StatusCode::kInvalidArgument) << conninfo;
    EXPECT_NE(read.status().message().find("password setting"), std::string::npos) << read.status().message();
    EXPECT_EQ(read.status().message().find("hunter22"), std::string::npos) << read.status().message();
  }
}

TEST(SqlConnectorSettings, UnparsableConninfoIsInvalid) {
  auto settings = Settings();
  settings["conninfo"] = "host=erp dbname";
  EXPECT_EQ(SqlConnectorSettings::FromSettings(settings).status().code(), StatusCode::kInvalidArgument);
}

TEST(SqlConnector, ServerThatDoesNotAnswerIsUnavailableNamingWhereWithoutThePassword) {
  auto connector = MakeErpConnector({"sql", Settings()}, *DefaultFileSystem());
  ASSERT_TRUE(connector.ok()) << connector.status().message();
  EXPECT_EQ((*connector)->kind(), "sql");
  auto batch = (*connector)->Fetch("");
  ASSERT_EQ(batch.status().code(), StatusCode::kUnavailable);
  const std::string& message = batch.status().message();
  EXPECT_NE(message.find("127.0.0.1:1"), std::string::npos) << message;
  EXPECT_NE(message.find("database erp"), std::string::npos) << message;
  EXPECT_EQ(message.find("s3cret-Pa55"), std::string::npos) << message;
}

}  // namespace
}  // namespace quai
