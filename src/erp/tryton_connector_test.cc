// TrytonConnector against a real Tryton 6.0 server (tests/services/tryton.sh)
// holding data created through Tryton's own API (tests/services/tryton_data.py).
// The whole file is one CTest test: the server is started and filled once.
// Without trytond installed the tests skip, or fail when QUAI_REQUIRE_SERVICES=1.
#include "support/run_command.h"
#include "erp/tryton_connector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "erp/erp_connection.h"
#include "support/master_data_printing.h"

namespace quai {
namespace {

using nlohmann::json;
using ::testing::UnorderedElementsAreArray;

const std::string kServices = std::string(QUAI_SOURCE_DIR) + "/tests/services/";

using testing::CommandResult;
using testing::RunCommand;

// ISO date `days` from today: Tryton forgets delivery dates in the past.
std::string DaysFromToday(int days) {
  auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(days);
  std::chrono::year_month_day date(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(date.year()), unsigned(date.month()), unsigned(date.day()));
  return text;
}

// What the tests put into Tryton, in tryton_data.py's terms.
json PurchasingData() {
  return {
      {"company", {{"name", "Boulangerie Quai"}, {"currency", "EUR"}}},
      {"suppliers",
       {{{"name", "Moulins Durand"}, {"vat_number", "FR40303265045"}},
        {{"name", "Emballages Weber"}, {"vat_number", "DE136695976"}}}},
      {"articles",
       {{{"article_code", "FAR-T55"}, {"description", "Farine T55"}, {"unit", "kg"}, {"lot_managed", true},
         {"min_shelf_life_days", 90}, {"supplier", 0}, {"supplier_article_code", "MD-55"}},
        {{"article_code", "SUC-1"}, {"description", "Sucre semoule"}, {"unit", "kg"}},
        {{"article_code", "CART-40"}, {"description", "Carton 40x30"}, {"unit", "u"}}}},
      {"orders",
       {{{"supplier", 0},
         {"order_date", "2024-03-01"},
         {"currency", "EUR"},
         {"lines",
          {{{"line", 10}, {"article_code", "FAR-T55"}, {"quantity", 250}, {"unit", "kg"}, {"unit_price", "0.62"},
            {"expected_date", DaysFromToday(30)}},
           {{"line", 20}, {"article_code", "SUC-1"}, {"quantity", 12.5}, {"unit", "kg"}, {"unit_price", "1.10"}}}}},
        {{"supplier", 1},
         {"order_date", "2024-03-04"},
         {"currency", "EUR"},
         {"lines",
          {{{"line", 10}, {"article_code", "CART-40"}, {"quantity", 400}, {"unit", "u"}, {"unit_price", "0.35"},
            {"expected_date", DaysFromToday(45)}},
           {{"line", 20}, {"article_code", "SUC-1"}, {"quantity", 5}, {"unit", "kg"}, {"unit_price", "1.15"}}}}}}},
  };
}

class TrytonServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    CommandResult started = RunCommand("bash " + kServices + "tryton.sh start");
    if (started.exit_code == 77) {
      problem_ = "trytond is not installed (scripts/test.sh installs it)";
      return;
    }
    if (started.exit_code != 0) {
      problem_ = "tests/services/tryton.sh start failed: " + started.output;
      return;
    }
    std::istringstream lines(started.output);
    for (std::string line; std::getline(lines, line);)
      if (auto equals = line.find('='); equals != std::string::npos)
        server_[line.substr(0, equals)] = line.substr(equals + 1);
    data_ = PurchasingData();
    std::string data_file = server_["dir"] + "-data.json";
    std::ofstream(data_file) << data_.dump();
    CommandResult seeded = RunCommand(DataCommand("seed") + " < " + data_file);
    std::remove(data_file.c_str());
    if (seeded.exit_code != 0) {
      problem_ = "tests/services/tryton_data.py seed failed: " + seeded.output;
      return;
    }
    created_ = json::parse(seeded.output, nullptr, false);
  }
  static void TearDownTestSuite() { StopServer(); }

  void SetUp() override {
    if (problem_.empty()) return;
    const char* required = std::getenv("QUAI_REQUIRE_SERVICES");
    if (required != nullptr && std::string(required) == "1") FAIL() << problem_;
    GTEST_SKIP() << problem_;
  }

  static std::string DataCommand(const std::string& command) {
    return "/usr/bin/python3 " + kServices + "tryton_data.py " + server_["url"] + " " + server_["database"] + " " +
           server_["user"] + " " + server_["password"] + " " + command + " 2>&1";
  }
  static void StopServer() {
    if (!server_["dir"].empty()) RunCommand("bash " + kServices + "tryton.sh stop " + server_["dir"]);
    server_["dir"].clear();
  }
  static std::unique_ptr<ErpConnector> Connector(const std::string& password) {
    ErpConnection connection{"tryton",
                             {{"url", server_["url"]},
                              {"database", server_["database"]},
                              {"user", server_["user"]},
                              {"password", password}}};
    FileSystem* no_files = nullptr;  // a tryton connection reads no files
    auto connector = MakeErpConnector(connection, *no_files);
    EXPECT_TRUE(connector.ok()) << connector.status().ToString();
    return connector.ok() ? std::move(connector).value() : nullptr;
  }

  // The orders of `data_`, as quai should read them back.
  static std::vector<PurchaseOrder> ExpectedOrders() {
    std::vector<PurchaseOrder> orders;
    for (size_t i = 0; i < data_["orders"].size(); ++i) {
      const json& described = data_["orders"][i];
      PurchaseOrder order;
      order.po_number = created_["po_numbers"][i];
      order.supplier_id = created_["supplier_ids"][described["supplier"].get<int>()];
      order.status = "open";
      order.order_date = described["order_date"];
      for (const json& line : described["lines"]) {
        PurchaseOrderLine expected;
        expected.po_number = order.po_number;
        expected.line = std::to_string(line["line"].get<int>());
        expected.article_code = line["article_code"];
        for (const json& article : data_["articles"])
          if (article["article_code"] == line["article_code"]) expected.description = article["description"];
        expected.quantity_ordered = line["quantity"];
        expected.unit = line["unit"];
        expected.unit_price = std::stod(line["unit_price"].get<std::string>());
        expected.currency = described["currency"];
        expected.expected_date = line.value("expected_date", "");
        order.lines.push_back(expected);
      }
      orders.push_back(order);
    }
    return orders;
  }

  static inline std::map<std::string, std::string> server_;
  static inline std::string problem_;
  static inline json data_;
  static inline json created_;
};

TEST_F(TrytonServerTest, FetchesTheSuppliersArticlesAndConfirmedOrdersCreatedInTryton) {
  auto connector = Connector(server_["password"]);
  ASSERT_NE(connector, nullptr);
  EXPECT_EQ(connector->kind(), "tryton");
  auto batch = connector->Fetch("");
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_TRUE(batch->complete);
  EXPECT_FALSE(batch->cursor.empty());

  std::vector<ErpSupplier> suppliers;
  for (size_t i = 0; i < data_["suppliers"].size(); ++i)
    suppliers.push_back({created_["supplier_ids"][i], data_["suppliers"][i]["name"],
                         data_["suppliers"][i]["vat_number"], "", ""});
  // The company's own party is no supplier: it buys nothing from itself.
  EXPECT_THAT(batch->suppliers, UnorderedElementsAreArray(suppliers));

  std::vector<ErpArticle> articles;
  for (const json& described : data_["articles"]) {
    ErpArticle article;
    article.article_code = described["article_code"];
    article.description = described["description"];
    article.unit = described["unit"];
    article.lot_managed = described.value("lot_managed", false);
    article.min_shelf_life_days = described.value("min_shelf_life_days", 0);
    if (described.contains("supplier")) {
      article.supplier_id = created_["supplier_ids"][described["supplier"].get<int>()];
      article.supplier_article_code = described["supplier_article_code"];
    }
    articles.push_back(article);
  }
  EXPECT_THAT(batch->articles, UnorderedElementsAreArray(articles));
  EXPECT_THAT(batch->orders, UnorderedElementsAreArray(ExpectedOrders()));
}

TEST_F(TrytonServerTest, AFetchFromTheCursorReturnsOnlyTheOrderReceivedSince) {
  auto connector = Connector(server_["password"]);
  ASSERT_NE(connector, nullptr);
  auto before = connector->Fetch("");
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  auto unchanged = connector->Fetch(before->cursor);
  ASSERT_TRUE(unchanged.ok()) << unchanged.status().ToString();
  EXPECT_FALSE(unchanged->complete);
  EXPECT_TRUE(unchanged->orders.empty());
  EXPECT_TRUE(unchanged->suppliers.empty());
  EXPECT_TRUE(unchanged->articles.empty());

  // The cartons of the second order arrive.
  std::string po_number = created_["po_numbers"][1];
  CommandResult received = RunCommand(DataCommand("receive " + po_number + " CART-40"));
  ASSERT_EQ(received.exit_code, 0) << received.output;

  auto after = connector->Fetch(before->cursor);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_FALSE(after->complete);
  EXPECT_GT(after->cursor, before->cursor);
  PurchaseOrder expected = ExpectedOrders()[1];
  expected.lines[0].quantity_received = expected.lines[0].quantity_ordered;
  // Tryton replaces the planned delivery date by the day it arrived.
  expected.lines[0].expected_date = DaysFromToday(0);
  ASSERT_EQ(after->orders.size(), 1u);
  EXPECT_EQ(after->orders[0], expected);
}

TEST_F(TrytonServerTest, AWrongPasswordIsUnavailableNamingTheServer) {
  auto connector = Connector("not-the-password");
  ASSERT_NE(connector, nullptr);
  auto batch = connector->Fetch("");
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(batch.status().message(), ::testing::HasSubstr(server_["url"]));
}

// Last: it stops the server.
TEST_F(TrytonServerTest, AStoppedServerIsUnavailableNamingTheServer) {
  auto connector = Connector(server_["password"]);
  ASSERT_NE(connector, nullptr);
  StopServer();
  auto batch = connector->Fetch("");
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(batch.status().message(), ::testing::HasSubstr("tryton at " + server_["url"]));
}

}  // namespace
}  // namespace quai
