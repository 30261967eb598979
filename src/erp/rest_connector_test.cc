#include "erp/rest_connector.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/memory_file_system.h"
#include "erp/erp_connection.h"
#include "support/fixed_pages_server.h"
#include "support/master_data_printing.h"

namespace quai {
namespace {

using ::testing::HasSubstr;
using testing::FixedPagesServer;

std::unique_ptr<ErpConnector> Connect(std::map<std::string, std::string> settings) {
  MemoryFileSystem files;
  auto connector = MakeErpConnector({"rest", std::move(settings)}, files);
  EXPECT_TRUE(connector.ok()) << connector.status().ToString();
  return connector.ok() ? std::move(connector).value() : nullptr;
}

// An ERP whose API nests its items and names its fields its own way, with
// suppliers on two pages and lines served apart from their orders.
class MappedErpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.SetPage("/api/partners?page=1",
                    {200, R"({"data": {"items": [{"id": 17, "label": "Moulins Durand",
                                 "tax": {"vat": "FR40303265045"}, "siret": "30326504500012",
                                 "bank": {"iban": "FR7630006000011234567890189"}}]}})"});
    server_.SetPage("/api/partners?page=2",
                    {200, R"({"data": {"items": [{"id": "S-9", "label": "Emballages Weber"}]}})"});
    server_.SetPage("/api/partners?page=3", {200, R"({"data": {"items": []}})"});
    server_.SetPage("/api/items", {200, R"([{"sku": "FAR-T55", "name": "Farine T55", "uom": "KG",
                                             "shelf_life": "90", "lot": true, "supplier": 17,
                                             "supplier_sku": "MD-55", "packs": {"SAC": 25}},
                                            {"sku": "CART-40", "name": "Carton", "uom": "PCE", "lot": "no"}])"});
    server_.SetPage("/api/orders", {200, R"({"orders": [
        {"number": "PO-1", "supplier": 17, "state": "Approved", "date": "2024-03-01T08:00:00Z"},
        {"number": "PO-2", "supplier": "S-9", "state": "closed", "date": "2024-03-04"}]})"});
    server_.SetPage("/api/order-lines", {200, R"({"lines": [
        {"order": "PO-1", "pos": 10, "sku": "FAR-T55", "qty": "250", "received": 100, "uom": "KG",
         "price": "0,62", "currency": "EUR", "due": "2024-03-15"},
        {"order": "PO-2", "pos": 1, "sku": "CART-40", "qty": 400, "uom": "PCE", "price": 0.35,
         "currency": "EUR"}]})"});
  }

  std::map<std::string, std::string> Settings() const {
    return {{"base_url", server_.url() + "/api/"},
            {"token", "s3cret"},
            {"suppliers_url", "partners?page={page}"},
            {"suppliers_items", "/data/items"},
            {"suppliers.supplier_id", "/id"},
            {"suppliers.name", "/label"},
            {"suppliers.vat_number", "/tax/vat"},
            {"suppliers.registration_number", "/siret"},
            {"suppliers.iban", "/bank/iban"},
            {"articles_url", "items"},
            {"articles.article_code", "/sku"},
            {"articles.description", "/name"},
            {"articles.unit", "/uom"},
            {"articles.min_shelf_life_days", "/shelf_life"},
            {"articles.lot_managed", "/lot"},
            {"articles.supplier_id", "/supplier"},
            {"articles.supplier_article_code", "/supplier_sku"},
            {"articles.conversions", "/packs"},
            {"purchase_orders_url", "/orders"},
            {"purchase_orders_items", "/orders"},
            {"purchase_orders.po_number", "/number"},
            {"purchase_orders.supplier_id", "/supplier"},
            {"purchase_orders.status", "/state"},
            {"purchase_orders.status.Approved", "open"},
            {"purchase_orders.order_date", "/date"},
            {"purchase_order_lines_url", "order-lines"},
            {"purchase_order_lines_items", "/lines"},
            {"purchase_order_lines.po_number", "/order"},
            {"purchase_order_lines.line", "/pos"},
            {"purchase_order_lines.article_code", "/sku"},
            {"purchase_order_lines.quantity_ordered", "/qty"},
            {"purchase_order_lines.quantity_received", "/received"},
            {"purchase_order_lines.unit", "/uom"},
            {"purchase_order_lines.unit_price", "/price"},
            {"purchase_order_lines.expected_date", "/due"}};
  }

  FixedPagesServer server_;
};

TEST_F(MappedErpTest, ReadsEveryEntityThroughTheMappingAcrossPages) {
  auto connector = Connect(Settings());
  ASSERT_NE(connector, nullptr);
  EXPECT_EQ(connector->kind(), "rest");
  auto batch = connector->Fetch("");
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_TRUE(batch->complete);

  EXPECT_EQ(batch->suppliers,
            (std::vector<ErpSupplier>{
                {"17", "Moulins Durand", "FR40303265045", "30326504500012", "FR7630006000011234567890189"},
                {"S-9", "Emballages Weber", "", "", ""}}));

  ErpArticle flour{"FAR-T55", "17", "MD-55", "Farine T55", "KG", {{"SAC", 25}}, 90, false, true};
  ErpArticle carton{"CART-40", "", "", "Carton", "PCE", {}, 0, false, false};
  EXPECT_EQ(batch->articles, (std::vector<ErpArticle>{flour, carton}));

  PurchaseOrder first{"PO-1", "17", "open", "2024-03-01",
                      {{"PO-1", "10", "FAR-T55", "", 250, 100, "KG", 0.62, "EUR", "2024-03-15"}}};
  PurchaseOrder second{"PO-2", "S-9", "closed", "2024-03-04",
                       {{"PO-2", "1", "CART-40", "", 400, 0, "PCE", 0.35, "EUR", ""}}};
  EXPECT_EQ(batch->orders, (std::vector<PurchaseOrder>{first, second}));

  auto requests = server_.requests();
  ASSERT_FALSE(requests.empty());
  for (const auto& request : requests) EXPECT_EQ(request.headers.at("Authorization"), "Bearer s3cret");
  // Pages 1 to 3 of suppliers: the third, empty, ends them.
  EXPECT_EQ(requests[2].target, "/api/partners?page=3");
  EXPECT_EQ(requests[3].target, "/api/items");
}

TEST_F(MappedErpTest, AnOrderStatusNeitherKnownNorMappedIsRefusedNamingIt) {
  auto settings = Settings();
  settings.erase("purchase_orders.status.Approved");
  auto batch = Connect(settings)->Fetch("");
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(batch.status().message(), HasSubstr("PO-1"));
  EXPECT_THAT(batch.status().message(), HasSubstr("purchase_orders.status.Approved"));
}

TEST_F(MappedErpTest, AnItemWithoutItsKeyIsRefusedNamingTheItemAndThePointer) {
  auto settings = Settings();
  settings["articles.article_code"] = "/code";
  auto batch = Connect(settings)->Fetch("");
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(batch.status().message(), HasSubstr("item 1 of articles"));
  EXPECT_THAT(batch.status().message(), HasSubstr("/code"));
}

TEST_F(MappedErpTest, ALineOfNoKnownOrderIsRefused) {
  server_.SetPage("/api/order-lines", {200, R"({"lines": [{"order": "PO-404", "pos": 1, "qty": 1}]})"});
  auto batch = Connect(Settings())->Fetch("");
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(batch.status().message(), HasSubstr("PO-404"));
}

TEST_F(MappedErpTest, ARefusedTokenIsUnavailableNamingTheUrl) {
  server_.SetPage("/api/items", {401, R"({"error": "bad token"})"});
  auto batch = Connect(Settings())->Fetch("");
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(batch.status().message(), HasSubstr(server_.url() + "/api/items"));
  EXPECT_THAT(batch.status().message(), HasSubstr("401"));
}

TEST_F(MappedErpTest, AnApiThatIgnoresThePageIsRefusedInsteadOfReadForever) {
  auto settings = Settings();
  settings["articles_url"] = "items?page={page}";
  server_.SetPage("/api/items?page=1", {200, R"([{"sku": "A"}])"});
  server_.SetPage("/api/items?page=2", {200, R"([{"sku": "A"}])"});
  auto batch = Connect(settings)->Fetch("");
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(batch.status().message(), HasSubstr("{page}"));
}

TEST(RestConnector, ReadsLinesCarriedByTheirOrdersWithTheDefaultPointers) {
  FixedPagesServer server;
  server.SetPage("/suppliers", {200, R"([{"supplier_id": "S1", "name": "Durand"}])"});
  server.SetPage("/articles", {200, R"([{"article_code": "A1", "unit": "kg", "certificate_required": 1}])"});
  server.SetPage("/orders", {200, R"([{"po_number": "7", "supplier_id": "S1", "status": "OPEN",
                                       "lines": [{"article_code": "A1", "quantity_ordered": 3.5, "unit": "kg"},
                                                 {"description": "Transport", "quantity_ordered": 1}]}])"});
  auto connector = Connect({{"base_url", server.url()},
                            {"suppliers_url", "suppliers"},
                            {"articles_url", "articles"},
                            {"purchase_orders_url", "orders"}});
  ASSERT_NE(connector, nullptr);
  auto batch = connector->Fetch("");
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ(batch->suppliers, (std::vector<ErpSupplier>{{"S1", "Durand", "", "", ""}}));
  ASSERT_EQ(batch->articles.size(), 1u);
  EXPECT_TRUE(batch->articles[0].certificate_required);
  PurchaseOrder order{"7", "S1", "open", "",
                      {{"7", "1", "A1", "", 3.5, 0, "kg", 0, "", ""},
                       {"7", "2", "", "Transport", 1, 0, "", 0, "", ""}}};
  EXPECT_EQ(batch->orders, (std::vector<PurchaseOrder>{order}));
  for (const auto& request : server.requests()) EXPECT_EQ(request.headers.count("Authorization"), 0u);
}

TEST(RestConnector, AnErpThatIsNotThereIsUnavailableNamingTheUrl) {
  std::string url;
  {
    FixedPagesServer server;
    url = server.url();
  }
  auto batch = Connect({{"base_url", url},
                        {"suppliers_url", "suppliers"},
                        {"articles_url", "articles"},
                        {"purchase_orders_url", "orders"}})
                   ->Fetch("");
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(batch.status().message(), HasSubstr(url + "/suppliers"));
}

TEST(RestConnector, AConnectionWithoutTheEntitiesUrlsIsRefusedNamingThem) {
  MemoryFileSystem files;
  auto connector = MakeErpConnector({"rest", {{"base_url", "http://erp"}, {"suppliers_url", "s"}}}, files);
  ASSERT_FALSE(connector.ok());
  EXPECT_EQ(connector.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(connector.status().message(), HasSubstr("articles_url, purchase_orders_url"));
}

}  // namespace
}  // namespace quai
