// Goods receipts and the lot book, against a real SQLite store holding a small
// ERP copy: a delivery note accepted becomes a receipt with each PO line's
// status after it; certificates link to the lot they certify whether they
// come before or after the goods, never to a wrong one; lots of an article
// that needs a certificate are held until it comes; a correction is a new
// version that supersedes what was not yet exported.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/sha256.h"
#include "fixtures/test_directory.h"
#include "receive/acceptance.h"
#include "receive/goods_receipt.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

const auto kStart = std::chrono::system_clock::time_point(std::chrono::seconds(1'780'000'000));

MasterDataBatch Copy() {
  MasterDataBatch batch;
  batch.suppliers = {{"S1", "Chimirhône SAS", "FR40303265045", "", ""}};
  ErpArticle acid{"MP-1", "S1", "CH-3143", "Acide sulfurique 96 %", "KG", {}, 0, /*certificate_required=*/true, true};
  ErpArticle drum{"MP-2", "S1", "CH-3452", "Acétate d'éthyle fût", "PCE", {{"FUT", 1}}, 0, false, false};
  batch.articles = {acid, drum};
  batch.orders = {{"4500001", "S1", "open", "2026-11-01",
                   {{"4500001", "10", "MP-1", "Acide sulfurique 96 %", 800, 100, "KG", 2.5, "EUR", ""},
                    {"4500001", "20", "MP-2", "Acétate d'éthyle", 4, 0, "PCE", 90, "EUR", ""}}}};
  return batch;
}

ExtractedValue V(const std::string& value) { return ExtractedValue{value, 0.99}; }

std::map<std::string, ExtractedValue> Line(const std::string& code, const std::string& quantity,
                                           const std::string& unit, const std::string& lot) {
  return {{"supplier_article_code", V(code)}, {"quantity", V(quantity)}, {"unit", V(unit)}, {"lot_number", V(lot)}};
}

Extraction DeliveryNote(std::vector<std::map<std::string, ExtractedValue>> lines, const std::string& po = "4500001") {
  Extraction e;
  e.document_type = "delivery_note";
  e.fields = {{"supplier_name", V("Chimirhône")}, {"po_number", V(po)}, {"delivery_note_number", V("BL1")}};
  e.lines = std::move(lines);
  return e;
}

Extraction Certificate(const std::string& lot, const std::string& article, const std::string& po = "") {
  Extraction e;
  e.document_type = "certificate_of_conformity";
  e.fields = {{"supplier_name", V("CHIMIRHONE")}, {"lot_number", V(lot)}, {"certificate_number", V("C-" + lot)}};
  if (!article.empty()) e.fields["article_code"] = V(article);
  if (!po.empty()) e.fields["po_number"] = V(po);
  return e;
}

class LotBookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_.ok());
    auto opened = SqliteRepository::Open(directory_.File("quai.db"), &clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->SaveErpConnection({"files", {{"folder", directory_.File("erp")}}}).ok());
    ASSERT_TRUE(store_->ApplyMasterData(Copy()).ok());
    ASSERT_TRUE(store_->SaveErpSyncState({"", "2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", "", true, 1}).ok());
    checks_ = std::make_unique<ErpChecks>(*store_);
    checks_->set_lot_book(store_.get());
  }

  // Stores a document and accepts `values` straight through, as the store stage does.
  int64_t Accept(const std::string& name, const Extraction& values, int64_t id = 0) {
    if (id == 0) {
      DocumentRecord record;
      record.sha256 = Sha256Hex(name);
      record.original_name = name;
      record.source = "cli";
      record.media_type = MediaType::kPdf;
      record.size_bytes = 1000;
      auto added = store_->AddDocument(record);
      EXPECT_TRUE(added.ok()) << added.status().message();
      id = *added;
    }
    // The check stage first, as in the pipeline: it records what the note delivers.
    std::vector<Finding> findings;
    EXPECT_TRUE(checks_->Check(values, id, "2026-12-07", &findings).ok());
    auto accepted = BuildAcceptedVersion(values, checks_.get(), id, "auto_accepted", "quai");
    EXPECT_TRUE(accepted.ok()) << accepted.status().message();
    StoredExtraction extraction{id, "m", "{}", values.document_type, false, "Chimirhône"};
    extraction.accepted = *accepted;
    Status saved = store_->SaveExtraction(extraction);
    EXPECT_TRUE(saved.ok()) << saved.message();
    return id;
  }

  // A person validates `values`, as the review desk writes it.
  void Validate(int64_t id, const Extraction& values) {
    auto accepted = BuildAcceptedVersion(values, checks_.get(), id, "validated", "marie");
    ASSERT_TRUE(accepted.ok());
    Status edited = store_->EditReview(id, [&](const ReviewDocumentRecord&, ReviewUpdate* update) {
      update->state.status = "validated";
      update->state.document_type = values.document_type;
      update->state.values_json = "{}";
      update->accepted = *accepted;
      return Status::Ok();
    });
    ASSERT_TRUE(edited.ok()) << edited.message();
  }

  std::vector<Lot> Lots(const std::string& text = "") {
    LotSearch search;
    search.text = text;
    auto lots = store_->SearchLots(search);
    EXPECT_TRUE(lots.ok()) << lots.status().message();
    return lots.ok() ? *lots : std::vector<Lot>();
  }

  LotPage Page(int64_t lot_id) {
    auto page = store_->FindLot(lot_id);
    EXPECT_TRUE(page.ok() && page->has_value());
    return page.ok() && page->has_value() ? **page : LotPage();
  }

  static std::vector<std::string> Actions(const LotPage& page) {
    std::vector<std::string> actions;
    for (const LotEvent& e : page.events) actions.push_back(e.action);
    return actions;
  }

  TestDirectory directory_;
  FakeClock clock_{kStart};
  std::unique_ptr<SqliteRepository> store_;
  std::unique_ptr<ErpChecks> checks_;
};

TEST_F(LotBookTest, AReceiptGivesEachLineItsOrderLineQuantityInTheOrdersUnitAndItsStatusAfter) {
  auto receipt = BuildGoodsReceipt(DeliveryNote({Line("CH-3143", "300", "kg", "L1"), Line("CH-3452", "5", "FÛT", "L2")}),
                                   checks_.get(), 0);
  ASSERT_TRUE(receipt.ok()) << receipt.status().message();
  EXPECT_EQ(receipt->supplier_id, "S1");
  ASSERT_EQ(receipt->lines.size(), 2u);
  const ReceiptLine& acid = receipt->lines[0];
  EXPECT_EQ(acid.po_line, "10");
  EXPECT_EQ(acid.article_code, "MP-1");
  EXPECT_EQ(acid.unit, "KG");
  EXPECT_DOUBLE_EQ(*acid.quantity, 300);
  EXPECT_EQ(acid.po_line_status, "partial");  // 100 booked before + 300 of 800
  EXPECT_DOUBLE_EQ(*acid.backorder, 400);
  EXPECT_DOUBLE_EQ(*acid.accepted_quantity, 300);
  EXPECT_TRUE(acid.certificate_required);
  const ReceiptLine& drums = receipt->lines[1];
  EXPECT_EQ(drums.po_line, "20");
  EXPECT_DOUBLE_EQ(*drums.quantity, 5);  // FUT converts 1:1 to PCE
  EXPECT_EQ(drums.po_line_status, "over_delivered");
  EXPECT_DOUBLE_EQ(*drums.accepted_quantity, 4);
  EXPECT_DOUBLE_EQ(*drums.discrepant_quantity, 1);
  EXPECT_EQ(drums.discrepancy, "over_delivered");
  // Through JSON and back, as stored and exported.
  auto again = GoodsReceiptFromJson(GoodsReceiptToJson(*receipt));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(GoodsReceiptToJson(*again), GoodsReceiptToJson(*receipt));
}

TEST_F(LotBookTest, ASecondDeliveryCompletesTheOrderLineCountingWhatTheFirstDelivered) {
  Accept("bl1.pdf", DeliveryNote({Line("CH-3143", "300", "KG", "L1")}));
  auto receipt = BuildGoodsReceipt(DeliveryNote({Line("CH-3143", "400", "KG", "L2")}), checks_.get(), 99);
  ASSERT_TRUE(receipt.ok());
  EXPECT_EQ(receipt->lines[0].po_line_status, "complete");
  EXPECT_DOUBLE_EQ(*receipt->lines[0].received_before, 400);
}

TEST_F(LotBookTest, ACertificateAfterItsDeliveryIsLinkedAndReleasesTheHeldLot) {
  const int64_t note = Accept("bl1.pdf", DeliveryNote({Line("CH-3143", "300", "KG", "LOT 24-118")}));
  std::vector<Lot> lots = Lots();
  ASSERT_EQ(lots.size(), 1u);
  EXPECT_EQ(lots[0].state, "held");
  EXPECT_EQ(lots[0].hold_reason, "certificate_missing");
  const int64_t certificate = Accept("coa.pdf", Certificate("24118", "CH-3143"));
  lots = Lots();
  ASSERT_EQ(lots.size(), 1u);
  EXPECT_EQ(lots[0].state, "released");
  EXPECT_EQ(lots[0].certificates, 1);
  LotPage page = Page(lots[0].id);
  EXPECT_EQ(Actions(page), (std::vector<std::string>{"received", "held", "certificate_linked", "released"}));
  ASSERT_EQ(page.links.size(), 2u);
  EXPECT_EQ(page.links[0].document_id, note);
  EXPECT_EQ(page.links[1].document_id, certificate);
  EXPECT_EQ(page.links[1].role, "certificate");
  auto unlinked = store_->UnlinkedCertificates(0);
  ASSERT_TRUE(unlinked.ok());
  EXPECT_TRUE(unlinked->empty());
}

TEST_F(LotBookTest, ACertificateBeforeItsDeliveryWaitsAndIsLinkedWhenTheGoodsCome) {
  const int64_t certificate = Accept("coa.pdf", Certificate("L77", "MP-1", "4500001"));
  auto unlinked = store_->UnlinkedCertificates(certificate);
  ASSERT_TRUE(unlinked.ok());
  ASSERT_EQ(unlinked->size(), 1u);
  EXPECT_NE((*unlinked)[0].reason.find("no delivery of lot L77"), std::string::npos) << (*unlinked)[0].reason;
  Accept("bl1.pdf", DeliveryNote({Line("CH-3143", "300", "KG", "L77")}));
  unlinked = store_->UnlinkedCertificates(certificate);
  ASSERT_TRUE(unlinked.ok());
  EXPECT_TRUE(unlinked->empty());
  std::vector<Lot> lots = Lots("L77");
  ASSERT_EQ(lots.size(), 1u);
  EXPECT_EQ(lots[0].state, "released");  // never held: its certificate was there first
  EXPECT_EQ(Actions(Page(lots[0].id)), (std::vector<std::string>{"received", "certificate_linked"}));
}

TEST_F(LotBookTest, TheCheckStageTellsTheReviewerWhenACertificateMatchesNoDelivery) {
  auto findings_of = [this](const Extraction& certificate) {
    std::vector<Finding> findings;
    EXPECT_TRUE(checks_->Check(certificate, 0, "2026-12-07", &findings).ok());
    return findings;
  };
  std::vector<Finding> findings = findings_of(Certificate("L9", "CH-3143"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].code, "certificate_unmatched");
  EXPECT_EQ(findings[0].field, "lot_number");
  EXPECT_FALSE(findings[0].blocking);  // a warning: it may come before the goods
  EXPECT_NE(findings[0].message.find("no delivery of lot L9"), std::string::npos) << findings[0].message;
  Accept("bl1.pdf", DeliveryNote({Line("CH-3143", "300", "KG", "L9")}));
  EXPECT_TRUE(findings_of(Certificate("L9", "CH-3143")).empty());
  findings = findings_of(Certificate("L9", "CH-3452"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("not of article CH-3452"), std::string::npos) << findings[0].message;
}

TEST_F(LotBookTest, ACertificateIsNeverLinkedToTheWrongLot) {
  Accept("bl1.pdf", DeliveryNote({Line("CH-3143", "300", "KG", "L5"), Line("CH-3452", "2", "PCE", "L5")}));
  // Same number, two articles: without an article it is not a guess.
  const int64_t vague = Accept("coa-vague.pdf", Certificate("L5", ""));
  auto unlinked = store_->UnlinkedCertificates(vague);
  ASSERT_TRUE(unlinked.ok());
  ASSERT_EQ(unlinked->size(), 1u);
  EXPECT_NE((*unlinked)[0].reason.find("2 lots"), std::string::npos) << (*unlinked)[0].reason;
  // Another article, another order, an unknown lot: none links.
  for (const auto& [name, certificate] :
       std::vector<std::pair<std::string, Extraction>>{{"coa-article.pdf", Certificate("L5", "XX-999")},
                                                       {"coa-order.pdf", Certificate("L5", "CH-3143", "4599999")},
                                                       {"coa-lot.pdf", Certificate("L6", "CH-3143")}}) {
    const int64_t id = Accept(name, certificate);
    auto none = store_->UnlinkedCertificates(id);
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(none->size(), 1u) << name;
  }
  // Named by the internal code, it links to that article's lot only.
  Accept("coa-right.pdf", Certificate("L5", "MP-2"));
  for (const Lot& lot : Lots("L5")) EXPECT_EQ(lot.certificates, lot.article_code == "MP-2" ? 1 : 0) << lot.article_code;
}

TEST_F(LotBookTest, ALinkThatASecondLotWithTheSameNumberMakesAGuessIsUndone) {
  // Linked while the acid's was the only lot L9, a certificate naming no
  // article may be the drums' as well once their lot L9 comes: unlinked, and
  // the acid's lot, released by it, is held again. One naming the article
  // stays, without a second event.
  Accept("bl1.pdf", DeliveryNote({Line("CH-3143", "300", "KG", "L9")}));
  const int64_t vague = Accept("coa-vague.pdf", Certificate("L9", ""));
  const int64_t named = Accept("coa-named.pdf", Certificate("LOT L9", "MP-1"));
  std::vector<Lot> lots = Lots("L9");
  ASSERT_EQ(lots.size(), 1u);
  EXPECT_EQ(lots[0].certificates, 2);
  EXPECT_EQ(lots[0].state, "released");
  const int64_t acid = lots[0].id;

  Accept("bl2.pdf", DeliveryNote({Line("CH-3452", "2", "PCE", "L9")}));
  auto unlinked = store_->UnlinkedCertificates(vague);
  ASSERT_TRUE(unlinked.ok());
  ASSERT_EQ(unlinked->size(), 1u);
  EXPECT_NE((*unlinked)[0].reason.find("2 lots"), std::string::npos) << (*unlinked)[0].reason;
  unlinked = store_->UnlinkedCertificates(named);
  ASSERT_TRUE(unlinked.ok());
  EXPECT_TRUE(unlinked->empty());
  LotPage page = Page(acid);
  EXPECT_EQ(page.lot.certificates, 1);
  EXPECT_EQ(page.lot.state, "released");  // the named certificate still covers it
  EXPECT_EQ(Actions(page), (std::vector<std::string>{"received", "held", "certificate_linked", "released",
                                                     "certificate_linked", "certificate_unlinked"}));
  for (const Lot& lot : Lots("L9")) EXPECT_EQ(lot.certificates, lot.id == acid ? 1 : 0) << lot.article_code;
}

TEST_F(LotBookTest, ALotReleasedByACertificateThatIsUnlinkedIsHeldAgain) {
  Accept("bl1.pdf", DeliveryNote({Line("CH-3143", "300", "KG", "L9")}));
  Accept("coa.pdf", Certificate("L9", ""));
  ASSERT_EQ(Lots("L9").size(), 1u);
  const int64_t acid = Lots("L9")[0].id;
  EXPECT_EQ(Page(acid).lot.state, "released");
  Accept("bl2.pdf", DeliveryNote({Line("CH-3452", "2", "PCE", "L9")}));
  LotPage page = Page(acid);
  EXPECT_EQ(page.lot.state, "held");
  EXPECT_EQ(page.lot.hold_reason, "certificate_missing");
  EXPECT_EQ(Actions(page), (std::vector<std::string>{"received", "held", "certificate_linked", "released",
                                                     "certificate_unlinked", "held"}));
}

TEST_F(LotBookTest, ALotThatNoDeliveryNamesAnyMoreIsNoCandidate) {
  const int64_t note =
      Accept("bl1.pdf", DeliveryNote({Line("CH-3143", "300", "KG", "L8"), Line("CH-3452", "2", "PCE", "L8")}));
  const int64_t drums = Accept("coa-l8-drums.pdf", Certificate("L8", "CH-3452"));
  auto unlinked = store_->UnlinkedCertificates(drums);
  ASSERT_TRUE(unlinked.ok());
  EXPECT_TRUE(unlinked->empty());
  // The note is corrected: the drums' lot is L7. No drums of lot L8 were
  // delivered after all: their certificate is unlinked.
  Accept("", DeliveryNote({Line("CH-3143", "300", "KG", "L8"), Line("CH-3452", "2", "PCE", "L7")}), note);
  unlinked = store_->UnlinkedCertificates(drums);
  ASSERT_TRUE(unlinked.ok());
  ASSERT_EQ(unlinked->size(), 1u);
  EXPECT_NE((*unlinked)[0].reason.find("not of article CH-3452"), std::string::npos) << (*unlinked)[0].reason;
  // The acid's lot is the only lot L8 delivered: a certificate naming no article is its.
  const int64_t vague = Accept("coa-l8.pdf", Certificate("L8", ""));
  unlinked = store_->UnlinkedCertificates(vague);
  ASSERT_TRUE(unlinked.ok());
  EXPECT_TRUE(unlinked->empty());
  for (const Lot& lot : Lots("L8"))
    EXPECT_EQ(lot.certificates, lot.article_code == "MP-1" ? 1 : 0) << lot.article_code;
}

TEST_F(LotBookTest, TheSameValuesAgainAreNoNewVersionAndACorrectionSupersedesWhatWasNotSent) {
  ExportTarget files;
  files.name = "wms";
  files.kind = "files";
  files.settings = {{"folder", directory_.File("out")}};
  ExportTarget validated_only = files;
  validated_only.name = "erp";
  validated_only.include_auto_accepted = false;
  ExportTarget invoices = files;
  invoices.name = "ap";
  invoices.document_types = {"invoice"};
  for (const auto& target : {files, validated_only, invoices}) ASSERT_TRUE(store_->SaveExportTarget(target).ok());

  const int64_t id = Accept("bl1.pdf", DeliveryNote({Line("CH-3143", "300", "KG", "L1")}));
  Accept("", DeliveryNote({Line("CH-3143", "300", "KG", "L1")}), id);  // read again, same values
  auto versions = store_->ListDocumentVersions(id);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 1u);
  ExportFilter filter;
  filter.document_id = id;
  auto exports = store_->ListExports(filter);
  ASSERT_TRUE(exports.ok());
  ASSERT_EQ(exports->size(), 1u);  // straight through: only the target that takes every delivery note
  EXPECT_EQ((*exports)[0].target_name, "wms");
  EXPECT_EQ((*exports)[0].state, ExportState::kPending);
  EXPECT_EQ((*exports)[0].key, "quai-doc" + std::to_string(id) + "-v1-t1");
  auto job = store_->FindJob((*exports)[0].job_id);
  ASSERT_TRUE(job.ok() && job->has_value());
  EXPECT_EQ((*job)->kind, JobKind::kExport);
  EXPECT_EQ((*job)->state, JobState::kQueued);

  // A person validates the same values: the same version, now also for the
  // target that takes validated documents only.
  Validate(id, DeliveryNote({Line("CH-3143", "300", "KG", "L1")}));
  versions = store_->ListDocumentVersions(id);
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].accepted.source, "validated");
  exports = store_->ListExports(filter);
  ASSERT_EQ(exports->size(), 2u);
  EXPECT_EQ((*exports)[0].target_name, "erp");
  EXPECT_EQ((*exports)[1].state, ExportState::kPending);  // the first is still owed, not superseded

  Validate(id, DeliveryNote({Line("CH-3143", "350", "KG", "L1")}));  // a correction
  versions = store_->ListDocumentVersions(id);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  exports = store_->ListExports(filter);
  ASSERT_TRUE(exports.ok());
  ASSERT_EQ(exports->size(), 4u);
  for (int i : {0, 1}) {
    EXPECT_EQ((*exports)[i].version, 2);
    EXPECT_EQ((*exports)[i].state, ExportState::kPending);
  }
  for (int i : {2, 3}) EXPECT_EQ((*exports)[i].state, ExportState::kSuperseded);
  job = store_->FindJob((*exports)[3].job_id);
  ASSERT_TRUE(job.ok() && job->has_value());
  EXPECT_EQ((*job)->state, JobState::kDone);  // never sent
  // The lot now carries the corrected quantity, received once.
  std::vector<Lot> lots = Lots("L1");
  ASSERT_EQ(lots.size(), 1u);
  LotPage page = Page(lots[0].id);
  ASSERT_EQ(page.links.size(), 1u);
  EXPECT_EQ(page.links[0].quantity, "350");
  EXPECT_EQ(page.links[0].version, 2);
}

}  // namespace
}  // namespace quai
