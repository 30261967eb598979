// The ERP through the real server: an administrator connects a folder of ERP
// exports and syncs; a delivery note that delivers more than its order line
// has open is held with a blocking quantity_over_open finding, the review
// screen's orders show the line's figures, validation is refused until a
// reviewer overrides the finding with a reason; secrets never come back; an
// ERP that stops answering is a 503 and is recorded.
#include <filesystem>
#include <fstream>

#include "api/api_test.h"

namespace quai::testing {
namespace {

class ErpApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    folder_ = server_.data_dir() + "/erp-exports";
    std::filesystem::create_directories(folder_);
    Write("suppliers.csv", "supplier_id,name,vat_number,registration_number,iban\nS1,Chimirhône SAS,,,\n");
    Write("articles.csv",
          "article_code,supplier_id,supplier_article_code,description,unit,min_shelf_life_days,certificate_required,"
          "lot_managed,conversions\nCA518612,S1,CH-3452,Acétate d'éthyle,PCE,0,false,true,FUT=1\n");
    Write("purchase_orders.csv", "po_number,supplier_id,status,order_date\nCA/25/8006,S1,open,2025-09-01\n");
    Write("purchase_order_lines.csv",
          "po_number,line,article_code,quantity_ordered,quantity_received,unit,unit_price,currency\n"
          "CA/25/8006,10,CA518612,4,0,PCE,310,EUR\n");
  }
  void Write(const std::string& name, const std::string& text) { std::ofstream(folder_ + "/" + name) << text; }
  std::string folder_;
};

TEST_F(ErpApiTest, AnOverDeliveryIsHeldUntilAReviewerOverridesItWithAReason) {
  auto admin = WithToken("root", "admin");
  auto ana = WithToken("ana", "reviewer");
  auto connected = admin->Send("PUT", "/api/v1/erp/connection",
                               Json{{"kind", "files"}, {"settings", {{"folder", folder_}}}});
  ASSERT_TRUE(connected);
  ASSERT_EQ(connected->status, 200) << connected->body;
  auto synced = admin->Send("POST", "/api/v1/erp/sync");
  ASSERT_TRUE(synced);
  ASSERT_EQ(synced->status, 200) << synced->body;
  EXPECT_EQ(Json::parse(synced->body)["orders_written"], 1);
  Json erp = admin->GetJson("/api/v1/erp");
  EXPECT_EQ(erp["counts"]["order_lines"], 1) << erp.dump();
  EXPECT_TRUE(erp["sync"]["available"].get<bool>());
  EXPECT_TRUE(IsError(ana->Send("GET", "/api/v1/erp"), 403, "forbidden"));

  const int64_t id = UploadOne(*ana, "dev-dn-0001.pdf", ReadFile(SamplePath("dev-dn-0001.pdf")));
  ASSERT_NE(id, 0);
  Json document = ana->WaitUntilRead(id, 120);
  const std::string path = "/api/v1/documents/" + std::to_string(id);
  Json over;
  for (const Json& finding : document["findings"])
    if (finding["code"] == "quantity_over_open") over = finding;
  ASSERT_TRUE(over.is_object()) << document["findings"].dump();  // 6 drums on a line with 4 open
  EXPECT_TRUE(over["blocking"].get<bool>());
  EXPECT_EQ(over["severity"], "block");
  EXPECT_EQ(over["erp"]["quantity_open"], "4");
  EXPECT_EQ(document["status"], "needs_review");

  Json orders = ana->GetJson(path + "/orders");
  ASSERT_EQ(orders["orders"].size(), 1u) << orders.dump();
  const Json& line = orders["orders"][0]["lines"][0];
  EXPECT_EQ(line["quantity_ordered"], 4);
  EXPECT_EQ(line["quantity_open"], 4);
  EXPECT_EQ(line["this_document"], 6);
  EXPECT_EQ(line["document_lines"], Json::array({0}));
  EXPECT_EQ(line["description"], "Acétate d'éthyle");  // the order line has none: its article's

  EXPECT_TRUE(IsError(ana->Send("POST", path + "/validate"), 409, "conflict"));
  EXPECT_TRUE(IsError(ana->Send("POST", path + "/findings/override",
                                Json{{"code", "quantity_over_open"}, {"field", over["field"]}, {"reason", " "}}),
                      400, "invalid_argument"));
  auto overridden = ana->Send("POST", path + "/findings/override",
                              Json{{"code", "quantity_over_open"}, {"field", over["field"]},
                                   {"reason", "two extra drums agreed by phone with purchasing"}});
  ASSERT_TRUE(overridden);
  ASSERT_EQ(overridden->status, 200) << overridden->body;
  for (const Json& finding : Json::parse(overridden->body)["findings"])
    if (finding["code"] == "quantity_over_open") {
      EXPECT_FALSE(finding["blocking"].get<bool>());
      EXPECT_EQ(finding["overridden_by"], "ana");
    }
  auto validated = ana->Send("POST", path + "/validate");
  ASSERT_TRUE(validated);
  EXPECT_EQ(validated->status, 200) << validated->body;
  bool event = false;
  const Json events = ana->GetJson(path + "/events");
  for (const Json& e : events["events"])
    event = event || (e["action"] == "finding_overridden" && e["reason"] == "two extra drums agreed by phone with purchasing");
  EXPECT_TRUE(event) << events.dump();
}

TEST_F(ErpApiTest, SecretsNeverComeBackAndAnErpThatStopsAnsweringIsRecorded) {
  auto admin = WithToken("root", "admin");
  auto put = admin->Send("PUT", "/api/v1/erp/connection",
                         Json{{"kind", "rest"},
                              {"settings", {{"base_url", "http://127.0.0.1:9"}, {"token", "s3cr3t-t0ken"},
                                            {"suppliers_url", "/s"}, {"articles_url", "/a"},
                                            {"purchase_orders_url", "/p"}}}});
  ASSERT_TRUE(put);
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(put->body.find("s3cr3t-t0ken"), std::string::npos);
  EXPECT_EQ(admin->GetJson("/api/v1/erp")["connection"]["settings"]["token"], "********");
  auto down = admin->Send("POST", "/api/v1/erp/sync");
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 503) << down->body;
  Json erp = admin->GetJson("/api/v1/erp");
  EXPECT_FALSE(erp["sync"]["available"].get<bool>());
  EXPECT_NE(erp["sync"]["last_error"].get<std::string>(), "");
  EXPECT_TRUE(IsError(admin->Send("PUT", "/api/v1/erp/connection", Json{{"kind", "tryton"}, {"settings", Json::object()}}),
                      400, "invalid_argument"));
  EXPECT_TRUE(IsError(admin->Send("PUT", "/api/v1/erp/rules", Json{{"rules", {{"expired", {{"severity", "loud"}}}}}}),
                      400, "invalid_argument"));
  auto rules = admin->Send("PUT", "/api/v1/erp/rules", Json{{"rules", {{"shelf_life_short", {{"severity", "warn"}}}}}});
  ASSERT_TRUE(rules);
  EXPECT_EQ(rules->status, 200) << rules->body;
  EXPECT_EQ(admin->GetJson("/api/v1/erp/rules")["rules"]["shelf_life_short"]["severity"], "warn");

  // Nobody without a session or token, nobody below administrator, no body over the limit.
  ApiClient anonymous(server_);
  EXPECT_TRUE(IsError(anonymous.Send("PUT", "/api/v1/erp/connection", Json{{"kind", "files"}}), 401, "unauthenticated"));
  EXPECT_TRUE(IsError(anonymous.Send("POST", "/api/v1/erp/sync"), 401, "unauthenticated"));
  auto ana = WithToken("ana", "reviewer");
  EXPECT_TRUE(IsError(ana->Send("PUT", "/api/v1/erp/rules", Json::object()), 403, "forbidden"));
  EXPECT_TRUE(IsError(ana->Send("POST", "/api/v1/erp/sync"), 403, "forbidden"));
  EXPECT_TRUE(IsError(admin->Send("PUT", "/api/v1/erp/connection",
                                  Json{{"kind", "files"}, {"settings", {{"folder", std::string(1100000, 'x')}}}}),
                      413, "too_large"));
  EXPECT_EQ(admin->GetJson("/api/v1/erp")["connection"]["kind"], "rest");  // unchanged by the refused ones
}

}  // namespace
}  // namespace quai::testing
