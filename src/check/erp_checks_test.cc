// The ERP checks against a real SQLite store holding a small ERP copy: every
// delivery-note rule with and without tolerance, partial deliveries in
// sequence, unit conversion, several orders on one note, invoices, and the ERP
// being down.
#include "check/erp_checks.h"

#include <gtest/gtest.h>

#include <fstream>

#include "check/finding_codes.h"
#include "core/clock.h"
#include "core/sha256.h"
#include "erp/erp_sync.h"
#include "fixtures/test_directory.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

namespace fc = finding_codes;
const auto kStart = std::chrono::system_clock::time_point(std::chrono::seconds(1'780'000'000));

MasterDataBatch Copy() {
  MasterDataBatch batch;
  batch.suppliers = {{"S1", "Chimirhône SAS", "FR40303265045", "30326504500014", "FR7630006000011234567890189"},
                     {"S2", "Brenntag France", "FR11222333444", "", ""}};
  ErpArticle acid{"MP-1", "S1", "CH-3143", "Acide sulfurique 96 %", "KG", {}, 180, false, true};
  ErpArticle drum{"MP-2", "S1", "CH-3452", "Acétate d'éthyle fût", "PCE", {{"FUT", 1}}, 0, false, false};
  batch.articles = {acid, drum};
  batch.orders = {
      {"4500001", "S1", "open", "2026-11-01",
       {{"4500001", "10", "MP-1", "Acide sulfurique 96 %", 800, 0, "KG", 2.5, "EUR", ""},
        {"4500001", "20", "MP-2", "Acétate d'éthyle", 4, 0, "PCE", 90, "EUR", ""}}},
      {"4500002", "S1", "open", "2026-11-02", {{"4500002", "10", "MP-2", "Acétate d'éthyle", 10, 0, "PCE", 90, "EUR", ""}}},
      {"4500003", "S2", "open", "2026-11-02", {{"4500003", "10", "", "Soude", 10, 0, "KG", 1, "EUR", ""}}},
      {"4500009", "S1", "closed", "2026-01-02", {{"4500009", "10", "MP-1", "Acide", 10, 10, "KG", 2.5, "EUR", ""}}},
  };
  return batch;
}

ExtractedValue V(const std::string& value) { return ExtractedValue{value, 0.99}; }

std::map<std::string, ExtractedValue> Line(const std::string& code, const std::string& quantity, const std::string& unit,
                                           const std::string& lot = "L1", const std::string& expiry = "2028-01-01") {
  return {{"supplier_article_code", V(code)}, {"quantity", V(quantity)}, {"unit", V(unit)},
          {"lot_number", V(lot)}, {"expiry_date", V(expiry)}};
}

Extraction DeliveryNote(const std::string& po, std::vector<std::map<std::string, ExtractedValue>> lines) {
  Extraction e;
  e.document_type = "delivery_note";
  e.fields = {{"supplier_name", V("Chimirhône")}, {"po_number", V(po)}, {"delivery_note_number", V("BL1")}};
  e.lines = std::move(lines);
  return e;
}

class ErpChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_.ok());
    auto opened = SqliteRepository::Open(directory_.File("quai.db"), &clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->SaveErpConnection({"files", {{"folder", directory_.File("erp")}}}).ok());
    ASSERT_TRUE(store_->ApplyMasterData(Copy()).ok());
    ASSERT_TRUE(store_->SaveErpSyncState({"", "2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", "", true, 1}).ok());
  }

  std::vector<Finding> Check(const Extraction& e, int64_t document_id = 0, const ErpRules& rules = ErpRules()) {
    ErpChecks checks(*store_, rules);
    std::vector<Finding> findings;
    Status status = checks.Check(e, document_id, "2026-12-07", &findings);
    EXPECT_TRUE(status.ok()) << status.message();
    return findings;
  }

  // A stored document whose reading needed nobody (so what it delivers counts).
  int64_t AcceptedDocument(const std::string& name) {
    DocumentRecord record;
    record.sha256 = Sha256Hex(name);
    record.original_name = name;
    record.source = "cli";
    record.media_type = MediaType::kPdf;
    record.size_bytes = 1000;
    auto id = store_->AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().message();
    StoredExtraction extraction{*id, "m", "{}", "delivery_note", false, "Chimirhône"};
    EXPECT_TRUE(store_->SaveExtraction(extraction).ok());
    return *id;
  }

  static std::vector<std::string> Codes(const std::vector<Finding>& findings) {
    std::vector<std::string> codes;
    for (const auto& f : findings) codes.push_back(f.code);
    return codes;
  }

  TestDirectory directory_;
  FakeClock clock_{kStart};
  std::unique_ptr<SqliteRepository> store_;
};


TEST_F(ErpChecksTest, AMatchingDeliveryNoteHasNoFinding) {
  EXPECT_TRUE(Check(DeliveryNote("4500001", {Line("CH-3143", "500", "kg"), Line("CH-3452", "2", "FÛT")})).empty());
}

TEST_F(ErpChecksTest, OverDeliveryBlocksUnlessTheSuppliersToleranceAllowsIt) {
  auto findings = Check(DeliveryNote("4500001", {Line("CH-3143", "850", "KG")}));
  ASSERT_EQ(Codes(findings), std::vector<std::string>{fc::kQuantityOverOpen});
  EXPECT_TRUE(findings[0].blocking);
  EXPECT_EQ(findings[0].field, "lines[0].quantity");
  EXPECT_EQ(findings[0].erp.at("quantity_open"), "800");
  auto rules = ErpRules::FromJson({{"suppliers", {{"S1", {{"quantity_over_open", {{"over", {{"percent", 10}}}}}}}}}});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_TRUE(Check(DeliveryNote("4500001", {Line("CH-3143", "850", "KG")}), 0, *rules).empty());
  EXPECT_FALSE(Check(DeliveryNote("4500001", {Line("CH-3143", "900", "KG")}), 0, *rules).empty());
}

TEST_F(ErpChecksTest, ASecondPartialDeliveryIsJudgedOnWhatWasReceivedBefore) {
  int64_t first = AcceptedDocument("first.pdf");
  EXPECT_TRUE(Check(DeliveryNote("4500001", {Line("CH-3143", "500", "KG")}), first).empty());
  int64_t second = AcceptedDocument("second.pdf");
  auto findings = Check(DeliveryNote("4500001", {Line("CH-3143", "400", "KG")}), second);
  ASSERT_EQ(Codes(findings), std::vector<std::string>{fc::kQuantityOverOpen});
  EXPECT_EQ(findings[0].erp.at("quantity_received_before"), "500");
  EXPECT_TRUE(Check(DeliveryNote("4500001", {Line("CH-3143", "300", "KG")}), second).empty());
}

TEST_F(ErpChecksTest, QuantitiesAreConvertedToTheOrdersUnitAndUnconvertibleUnitsAreAFinding) {
  EXPECT_TRUE(Check(DeliveryNote("4500001", {Line("CH-3143", "0.8", "t")})).empty());
  EXPECT_EQ(Codes(Check(DeliveryNote("4500001", {Line("CH-3143", "0.9", "T")}))),
            std::vector<std::string>{fc::kQuantityOverOpen});  // 900 kg: 4 m is not 4 km
  EXPECT_EQ(Codes(Check(DeliveryNote("4500001", {Line("CH-3143", "3", "L")}))),
            std::vector<std::string>{fc::kUnitMismatch});
}

TEST_F(ErpChecksTest, ANoteCoveringTwoOrdersPairsEachLineWithItsOrder) {
  // 8 drums: more than the first order has open for them, within the second's.
  auto findings = Check(DeliveryNote("4500001 / 4500002", {Line("CH-3143", "100", "KG"), Line("CH-3452", "8", "PCE")}));
  EXPECT_TRUE(findings.empty()) << findings[0].code << ": " << findings[0].message;
  findings = Check(DeliveryNote("4500001 / 4500002", {Line("CH-3452", "3", "PCE"), Line("CH-3452", "9", "PCE")}));
  EXPECT_TRUE(findings.empty()) << findings[0].code << ": " << findings[0].message;
}

TEST_F(ErpChecksTest, OrderAndSupplierRules) {
  EXPECT_EQ(Codes(Check(DeliveryNote("4599999", {}))), std::vector<std::string>{fc::kPoNotFound});
  EXPECT_EQ(Codes(Check(DeliveryNote("4500009", {}))), std::vector<std::string>{fc::kPoClosed});
  EXPECT_EQ(Codes(Check(DeliveryNote("4500003", {}))), std::vector<std::string>{fc::kSupplierMismatch});
  EXPECT_EQ(Codes(Check(DeliveryNote("4500001", {Line("ZZ-0000", "1", "KG")}))),
            std::vector<std::string>{fc::kArticleNotOnPo});
}

TEST_F(ErpChecksTest, LotsAndExpiryDates) {
  EXPECT_EQ(Codes(Check(DeliveryNote("4500001", {Line("CH-3143", "1", "KG", "L1", "2026-12-01")}))),
            std::vector<std::string>{fc::kExpired});
  EXPECT_EQ(Codes(Check(DeliveryNote("4500001", {Line("CH-3143", "1", "KG", "L1", "2027-03-01")}))),
            std::vector<std::string>{fc::kShelfLifeShort});  // 180 days required
  EXPECT_EQ(Codes(Check(DeliveryNote("4500001", {Line("CH-3143", "1", "KG", "", "2028-01-01")}))),
            std::vector<std::string>{fc::kLotMissing});
  auto rules = ErpRules::FromJson({{"articles", {{"MP-1", {{"shelf_life_short", {{"severity", "warn"}}}}}}}});
  ASSERT_TRUE(rules.ok());
  auto findings = Check(DeliveryNote("4500001", {Line("CH-3143", "1", "KG", "L1", "2027-03-01")}), 0, *rules);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, "warn");
  EXPECT_FALSE(findings[0].blocking);  // a warning never blocks
}

TEST_F(ErpChecksTest, InvoicesPriceAndIdentifiers) {
  Extraction invoice;
  invoice.document_type = "invoice";
  invoice.fields = {{"supplier_name", V("Chimirhône SAS")}, {"po_number", V("4500001")}, {"invoice_number", V("F1")}};
  invoice.printed_identifiers = {{"vat", "FR40303265045"}, {"iban", "FR7630006000011234567890189"}};
  auto line = Line("CH-3143", "100", "KG");
  line["unit_price"] = V("2.50");
  invoice.lines = {line};
  // Nothing received yet: invoiced before delivery (three-way match).
  EXPECT_EQ(Codes(Check(invoice)), std::vector<std::string>{fc::kQuantityNotReceived});
  int64_t note = AcceptedDocument("note.pdf");
  Check(DeliveryNote("4500001", {Line("CH-3143", "100", "KG")}), note);
  EXPECT_TRUE(Check(invoice).empty());
  invoice.lines[0]["unit_price"] = V("2.60");
  EXPECT_EQ(Codes(Check(invoice)), std::vector<std::string>{fc::kPriceMismatch});
  invoice.lines[0]["unit_price"] = V("2.50");
  invoice.printed_identifiers = {{"vat", "FR40303265045"}, {"iban", "DE89370400440532013000"}};
  EXPECT_EQ(Codes(Check(invoice)), std::vector<std::string>{fc::kIbanChanged});
}

TEST_F(ErpChecksTest, AnErpThatNeverAnsweredGivesOneNonBlockingFinding) {
  ASSERT_TRUE(store_->SaveErpSyncState({"", "2026-12-01T00:00:00Z", "", "connection refused", false, 0}).ok());
  auto findings = Check(DeliveryNote("4599999", {}));
  ASSERT_EQ(Codes(findings), std::vector<std::string>{fc::kErpUnavailable});
  EXPECT_FALSE(findings[0].blocking);
}

TEST(ToleranceLimit, UnsetAllowsAnythingZeroNothingAndEverySetLimitMustHold) {
  EXPECT_TRUE(WithinLimit(1000, 10, {}));
  EXPECT_FALSE(WithinLimit(0.001, 10, {0.0, std::nullopt}));
  EXPECT_TRUE(WithinLimit(1, 10, {10.0, std::nullopt}));
  EXPECT_FALSE(WithinLimit(1, 10, {10.0, 0.5}));
  EXPECT_FALSE(WithinLimit(1.1, 10, {10.0, std::nullopt}));
}

TEST(ErpRulesFile, RefusesUnknownRulesAndBadSeverities) {
  EXPECT_FALSE(ErpRules::FromJson({{"rules", {{"no_such_rule", {{"severity", "block"}}}}}}).ok());
  EXPECT_FALSE(ErpRules::FromJson({{"rules", {{"expired", {{"severity", "loud"}}}}}}).ok());
  EXPECT_FALSE(ErpRules::FromJson({{"rules", {{"price_mismatch", {{"over", {{"percent", -1}}}}}}}}).ok());
}

// The files connector through SyncErp: a full sync, nothing to write when
// nothing changed, one order rewritten when one changed, one gone when removed.
TEST(ErpSyncFromFiles, WritesOnlyWhatChanged) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  FakeClock clock(kStart);
  auto store = SqliteRepository::Open(directory.File("quai.db"), &clock);
  ASSERT_TRUE(store.ok());
  const std::string folder = directory.File("");
  auto write = [&](const std::string& name, const std::string& text) { std::ofstream(folder + name) << text; };
  write("suppliers.csv", "supplier_id,name,vat_number,registration_number,iban\nS1,\"Chimirhône, SAS\",FR40303265045,,\n");
  write("articles.csv", "article_code,supplier_id,supplier_article_code,description,unit,min_shelf_life_days,"
                        "certificate_required\nMP-1,S1,CH-1,Acide,KG,30,true\n");
  write("purchase_orders.csv", "po_number,supplier_id,status,order_date\nP1,S1,confirmed,2026-11-01\nP2,S1,done,\n");
  write("purchase_order_lines.csv", "po_number,line,article_code,quantity_ordered,quantity_received,unit,unit_price,"
                                    "currency\nP1,10,MP-1,\"1 200,5\",0,KG,2.5,EUR\nP2,10,MP-1,1,1,KG,2.5,EUR\n");
  ASSERT_TRUE((*store)->SaveErpConnection({"files", {{"folder", folder}}}).ok());
  auto first = SyncErp(**store, *DefaultFileSystem(), clock, false);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->change.orders_written, 2);
  auto order = (*store)->FindPurchaseOrder("P1");
  ASSERT_TRUE(order.ok() && order->has_value());
  EXPECT_EQ((*order)->status, "open");
  EXPECT_DOUBLE_EQ((*order)->lines.at(0).quantity_ordered, 1200.5);
  auto again = SyncErp(**store, *DefaultFileSystem(), clock, false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->change.orders_written, 0);
  write("purchase_orders.csv", "po_number,supplier_id,status,order_date\nP1,S1,closed,2026-11-01\n");
  write("purchase_order_lines.csv", "po_number,line,article_code,quantity_ordered,quantity_received,unit,unit_price,"
                                    "currency\nP1,10,MP-1,\"1 200,5\",0,KG,2.5,EUR\n");
  auto changed = SyncErp(**store, *DefaultFileSystem(), clock, false);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->change.orders_written, 1);
  EXPECT_EQ(changed->change.orders_deleted, 1);
  EXPECT_EQ(changed->counts.orders, 1);
  // A broken export names the file and the line, and leaves the copy as it was.
  write("purchase_order_lines.csv", "po_number,line,quantity_ordered\nP1,10,lots\n");
  auto broken = SyncErp(**store, *DefaultFileSystem(), clock, false);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("purchase_order_lines.csv line 2"), std::string::npos)
      << broken.status().message();
  auto state = (*store)->GetErpSyncState();
  ASSERT_TRUE(state.ok());
  EXPECT_FALSE(state->available);
  EXPECT_EQ((*store)->CountMasterData()->orders, 1);
}

}  // namespace
}  // namespace quai
