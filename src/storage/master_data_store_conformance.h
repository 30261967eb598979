// The MasterDataStore contract (master_data_store.h) as tests every backend
// must pass: the ERP connection, rules and sync state round-trip; one of two
// processes claims a sync round; a batch writes what changed and nothing else,
// deletes what a complete batch lacks or an incremental one names; look-ups
// compare identifiers compact and upper case; what quai received on an order
// line counts accepted documents only, until the ERP has booked and synced it;
// twin invoices are found by number or by total and date. Include it in a
// backend's test file and instantiate it with a factory (store_under_test.h).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/master_data_store.h"
#include "storage/receiving_store.h"
#include "storage/store_under_test.h"

namespace quai {

class MasterDataStoreConformance : public StoreConformanceTest {
 protected:
  // 2026-11-02T08:00:00Z
  MasterDataStoreConformance()
      : StoreConformanceTest(std::chrono::sys_days{std::chrono::year{2026} / 11 / 2} + std::chrono::hours(8)) {}

  void SetUp() override {
    StoreConformanceTest::SetUp();
    ASSERT_NE(store_, nullptr);
    ASSERT_NE(store_->master_data(), nullptr) << "the backend gives no MasterDataStore";
  }

  MasterDataStore* erp() { return store_->master_data(); }

  static MasterDataBatch Copy() {
    MasterDataBatch batch;
    batch.suppliers = {{"S1", "Chimirhône SAS", "FR40303265045", "30326504500017", "FR7630006000011234567890189"},
                       {"S2", "Atelier Nord", "", "", ""}};
    batch.articles = {{"MP-1", "S1", "CH-3143", "Acide sulfurique 96 %", "KG", {}, 0, true, true},
                      {"MP-2", "S1", "CH-3452", "Acétate d'éthyle fût", "PCE", {{"FUT", 1.0}, {"CARTON", 12.5}}, 30,
                       false, false},
                      {"MP-2", "S2", "AN-9", "Acétate d'éthyle (Nord)", "PCE", {}, 0, false, false},
                      {"MP-3", "", "", "Étiquettes", "PCE", {}, 0, false, false}};
    batch.orders = {{"4500001", "S1", "open", "2026-11-01",
                     {{"4500001", "10", "MP-1", "Acide sulfurique 96 %", 800, 100, "KG", 2.5, "EUR", "2026-11-20"},
                      {"4500001", "20", "MP-2", "Acétate d'éthyle", 4, 0, "PCE", 90.125, "EUR", ""}}},
                    {"4500002", "S2", "open", "2026-11-02",
                     {{"4500002", "1", "MP-2", "Acétate", 10, 0, "PCE", 0, "", ""}}}};
    return batch;
  }

  MasterDataChange Apply(const MasterDataBatch& batch) {
    auto change = erp()->ApplyMasterData(batch);
    EXPECT_TRUE(change.ok()) << change.status().ToString();
    return change.ok() ? *change : MasterDataChange{-1, -1, -1, -1};
  }

  MasterDataCounts Counts() {
    auto counts = erp()->CountMasterData();
    EXPECT_TRUE(counts.ok()) << counts.status().ToString();
    return counts.ok() ? *counts : MasterDataCounts{-1, -1, -1, -1};
  }

  std::vector<std::string> SupplierIds(const Result<std::vector<ErpSupplier>>& found) {
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    std::vector<std::string> ids;
    if (found.ok())
      for (const ErpSupplier& supplier : *found) ids.push_back(supplier.supplier_id);
    return ids;
  }

  // A document read with `values` as its search values; `review_required`
  // false: its reading went straight through (accepted).
  int64_t AddReadDocument(const std::string& name, bool review_required, const std::string& type = "delivery_note",
                          const std::string& supplier = "", std::vector<SearchValue> values = {}) {
    DocumentRecord record;
    std::string digits = std::to_string(++documents_);
    record.sha256 = std::string(64 - digits.size(), 'c') + digits;
    record.original_name = name;
    record.source = "cli";
    record.media_type = MediaType::kPdf;
    auto id = store_->documents()->AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    if (!id.ok()) return 0;
    Page page;
    page.number = 1;
    page.width = 595;
    page.height = 842;
    EXPECT_TRUE(store_->documents()->SavePages(*id, {page}).ok());
    StoredExtraction extraction;
    extraction.document_id = *id;
    extraction.model_version = "m1";
    extraction.result_json = "{}";
    extraction.document_type = type;
    extraction.review_required = review_required;
    extraction.supplier = supplier;
    extraction.search_values = std::move(values);
    Status saved = store_->documents()->SaveExtraction(extraction);
    EXPECT_TRUE(saved.ok()) << saved.ToString();
    return *id;
  }

  std::map<std::string, double> Received(const std::string& po, int64_t excluding) {
    auto received = erp()->ReceivedInQuai(po, excluding);
    EXPECT_TRUE(received.ok()) << received.status().ToString();
    return received.ok() ? *received : std::map<std::string, double>{{"error", -1}};
  }

  int documents_ = 0;
};

TEST_P(MasterDataStoreConformance, ConnectionAndRulesRoundTripAndReplace) {
  auto none = erp()->GetErpConnection();
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());
  auto no_rules = erp()->GetErpRulesJson();
  ASSERT_TRUE(no_rules.ok());
  EXPECT_EQ(*no_rules, "");

  ErpConnection tryton{"tryton", {{"url", "https://erp.example/"}, {"password", "s3cret é"}}};
  ASSERT_TRUE(erp()->SaveErpConnection(tryton).ok());
  ErpConnection files{"files", {{"folder", "/srv/erp"}}};
  ASSERT_TRUE(erp()->SaveErpConnection(files).ok());
  ASSERT_TRUE(erp()->SaveErpRulesJson("{\"quantity_tolerance\":0.05}").ok());
  ASSERT_TRUE(erp()->SaveErpRulesJson("{\"quantity_tolerance\":0.1}").ok());

  ASSERT_TRUE(store_->Reopen());
  auto saved = erp()->GetErpConnection();
  ASSERT_TRUE(saved.ok() && saved->has_value());
  EXPECT_EQ(**saved, files);
  EXPECT_EQ(*erp()->GetErpRulesJson(), "{\"quantity_tolerance\":0.1}");
}

TEST_P(MasterDataStoreConformance, SyncStateRoundTripsAndOneClaimerWinsEachRound) {
  auto initial = erp()->GetErpSyncState();
  ASSERT_TRUE(initial.ok());
  EXPECT_EQ(initial->last_attempt_at, "");
  EXPECT_EQ(initial->generation, 0);

  auto first = erp()->ClaimErpSync("", "2026-11-02T08:00:00Z");
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*erp()->ClaimErpSync("", "2026-11-02T08:00:01Z")) << "the round was claimed already";
  EXPECT_TRUE(*erp()->ClaimErpSync("2026-11-02T08:00:00Z", "2026-11-02T08:05:00Z"));

  ErpSyncState state{"cursor-7", "2026-11-02T08:05:00Z", "2026-11-02T08:05:03Z", "", true, 4};
  ASSERT_TRUE(erp()->SaveErpSyncState(state).ok());
  ASSERT_TRUE(store_->Reopen());
  auto saved = erp()->GetErpSyncState();
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->cursor, "cursor-7");
  EXPECT_EQ(saved->last_attempt_at, "2026-11-02T08:05:00Z");
  EXPECT_EQ(saved->last_success_at, "2026-11-02T08:05:03Z");
  EXPECT_EQ(saved->last_error, "");
  EXPECT_TRUE(saved->available);
  EXPECT_EQ(saved->generation, 4);

  // Two processes racing for the same rounds: each round has one winner.
  std::unique_ptr<StoreUnderTest> other = Connect();
  ASSERT_NE(other, nullptr);
  ASSERT_NE(other->master_data(), nullptr);
  constexpr int kRounds = 20;
  std::atomic<int> wins{0}, failures{0};
  auto race = [&](MasterDataStore* store) {
    for (int round = 0; round < kRounds; ++round) {
      const std::string expected = round == 0 ? "2026-11-02T08:05:00Z" : "round-" + std::to_string(round - 1);
      auto claimed = store->ClaimErpSync(expected, "round-" + std::to_string(round));
      if (!claimed.ok()) ++failures;
      else if (*claimed) ++wins;
    }
  };
  std::thread a(race, erp());
  std::thread b(race, other->master_data());
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
  // Each round is won exactly once (both try every round, in order).
  EXPECT_EQ(wins.load(), kRounds);
  auto last = erp()->GetErpSyncState();
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->last_attempt_at, "round-" + std::to_string(kRounds - 1));
}

TEST_P(MasterDataStoreConformance, ABatchWritesWhatChangedAndReadsBackExactly) {
  MasterDataChange change = Apply(Copy());
  EXPECT_EQ(change.suppliers_written, 2);
  EXPECT_EQ(change.articles_written, 4);
  EXPECT_EQ(change.orders_written, 2);
  EXPECT_EQ(change.orders_deleted, 0);
  MasterDataCounts counts = Counts();
  EXPECT_EQ(counts.suppliers, 2);
  EXPECT_EQ(counts.articles, 4);
  EXPECT_EQ(counts.orders, 2);
  EXPECT_EQ(counts.order_lines, 3);

  auto order = erp()->FindPurchaseOrder("4500001");
  ASSERT_TRUE(order.ok()) << order.status().ToString();
  ASSERT_TRUE(order->has_value());
  EXPECT_EQ(**order, Copy().orders[0]) << "lines in order, quantities and prices exact";
  auto missing = erp()->FindPurchaseOrder("4599999");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());

  auto supplier = erp()->FindErpSupplier("S1");
  ASSERT_TRUE(supplier.ok() && supplier->has_value());
  EXPECT_EQ(**supplier, Copy().suppliers[0]);
  auto article = erp()->FindArticle("MP-2", "S1");
  ASSERT_TRUE(article.ok() && article->has_value());
  EXPECT_EQ(**article, Copy().articles[1]) << "conversions, shelf life and flags kept";

  // The same batch again writes nothing.
  change = Apply(Copy());
  EXPECT_EQ(change.suppliers_written, 0);
  EXPECT_EQ(change.articles_written, 0);
  EXPECT_EQ(change.orders_written, 0);
  EXPECT_EQ(change.orders_deleted, 0);

  // One order line received more in the ERP: that order only is written again.
  MasterDataBatch changed = Copy();
  changed.orders[0].lines[0].quantity_received = 300;
  changed.orders[0].lines.pop_back();
  change = Apply(changed);
  EXPECT_EQ(change.orders_written, 1);
  EXPECT_EQ(change.suppliers_written, 0);
  order = erp()->FindPurchaseOrder("4500001");
  ASSERT_TRUE(order.ok() && order->has_value());
  ASSERT_EQ((*order)->lines.size(), 1u) << "the order is written whole: its dropped line is gone";
  EXPECT_EQ((*order)->lines[0].quantity_received, 300);
  EXPECT_EQ(Counts().order_lines, 2);
}

TEST_P(MasterDataStoreConformance, ACompleteBatchDeletesWhatItLacksAndAnIncrementalOneWhatItNames) {
  Apply(Copy());
  MasterDataBatch incremental;
  incremental.complete = false;
  incremental.deleted_po_numbers = {"4500002", "4599999"};
  MasterDataChange change = Apply(incremental);
  EXPECT_EQ(change.orders_deleted, 1) << "an unknown number deletes nothing";
  MasterDataCounts counts = Counts();
  EXPECT_EQ(counts.orders, 1);
  EXPECT_EQ(counts.order_lines, 2);
  EXPECT_EQ(counts.suppliers, 2) << "an incremental batch deletes only the orders it names";
  EXPECT_EQ(counts.articles, 4);

  MasterDataBatch complete = Copy();
  complete.suppliers.pop_back();       // S2
  complete.articles.resize(2);         // MP-1 and MP-2 of S1
  complete.orders.resize(1);           // 4500001
  change = Apply(complete);
  EXPECT_EQ(change.orders_deleted, 0) << "4500002 was gone already";
  counts = Counts();
  EXPECT_EQ(counts.suppliers, 1);
  EXPECT_EQ(counts.articles, 2);
  EXPECT_EQ(counts.orders, 1);
  auto gone = erp()->FindErpSupplier("S2");
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  auto article = erp()->FindArticle("MP-3", "");
  ASSERT_TRUE(article.ok());
  EXPECT_FALSE(article->has_value());
}

TEST_P(MasterDataStoreConformance, IdentifiersAreComparedCompactAndUpperCase) {
  MasterDataBatch batch = Copy();
  batch.suppliers[0].vat_number = "fr 40 303 265 045";
  batch.suppliers.push_back({"S3", "Chimirhône Est", "FR11999999999", "303265045 00025", ""});
  Apply(batch);
  EXPECT_EQ(SupplierIds(erp()->FindErpSuppliersByIdentifier("vat", "FR40303265045")), std::vector<std::string>{"S1"});
  EXPECT_EQ(SupplierIds(erp()->FindErpSuppliersByIdentifier("vat", "fr-40.303.265.045")),
            std::vector<std::string>{"S1"});
  EXPECT_EQ(SupplierIds(erp()->FindErpSuppliersByIdentifier("iban", "fr76 3000 6000 0112 3456 7890 189")),
            std::vector<std::string>{"S1"});
  // A SIRET finds every establishment of its company (the SIREN, its first nine digits).
  EXPECT_EQ(SupplierIds(erp()->FindErpSuppliersByIdentifier("siret", "303 265 045 00099")),
            (std::vector<std::string>{"S1", "S3"}));
  EXPECT_EQ(SupplierIds(erp()->FindErpSuppliersByIdentifier("siret", "303265045")), (std::vector<std::string>{"S1", "S3"}));
  EXPECT_TRUE(SupplierIds(erp()->FindErpSuppliersByIdentifier("siret", "30326")).empty()) << "too short to be a SIREN";
  EXPECT_TRUE(SupplierIds(erp()->FindErpSuppliersByIdentifier("vat", "")).empty()) << "an empty number matches nobody";
  EXPECT_TRUE(SupplierIds(erp()->FindErpSuppliersByIdentifier("iban", "")).empty());
  EXPECT_EQ(SupplierIds(erp()->ListErpSuppliers()), (std::vector<std::string>{"S1", "S2", "S3"}));
  auto stored = erp()->FindErpSupplier("S1");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->vat_number, "FR40303265045") << "stored compact";
}

TEST_P(MasterDataStoreConformance, ArticlesAreFoundByCodeForTheirSupplierAndBySupplierCode) {
  Apply(Copy());
  auto from_s2 = erp()->FindArticle("MP-2", "S2");
  ASSERT_TRUE(from_s2.ok() && from_s2->has_value());
  EXPECT_EQ((*from_s2)->supplier_article_code, "AN-9");
  auto any = erp()->FindArticle("MP-2", "");
  ASSERT_TRUE(any.ok() && any->has_value());
  EXPECT_EQ((*any)->article_code, "MP-2");
  auto unsupplied = erp()->FindArticle("MP-3", "S1");
  ASSERT_TRUE(unsupplied.ok() && unsupplied->has_value()) << "an article with no supplier serves every supplier";
  EXPECT_EQ((*unsupplied)->description, "Étiquettes");
  auto unknown = erp()->FindArticle("MP-9", "S1");
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->has_value());

  auto by_code = erp()->FindArticlesBySupplierCode("S1", "CH-3143");
  ASSERT_TRUE(by_code.ok());
  ASSERT_EQ(by_code->size(), 1u);
  EXPECT_EQ((*by_code)[0].article_code, "MP-1");
  EXPECT_TRUE((*by_code)[0].certificate_required);
  EXPECT_TRUE((*by_code)[0].lot_managed);
  auto other_supplier = erp()->FindArticlesBySupplierCode("S2", "CH-3143");
  ASSERT_TRUE(other_supplier.ok());
  EXPECT_TRUE(other_supplier->empty()) << "a supplier's code is its own";
}

TEST_P(MasterDataStoreConformance, ReceivedInQuaiCountsAcceptedDocumentsUntilTheErpBookedAndSyncedThem) {
  Apply(Copy());
  const int64_t accepted = AddReadDocument("bl-1.pdf", /*review_required=*/false);
  const int64_t waiting = AddReadDocument("bl-2.pdf", /*review_required=*/true);
  const int64_t current = AddReadDocument("bl-3.pdf", /*review_required=*/false);
  ASSERT_TRUE(erp()->SaveReceivedQuantities(accepted, {{"4500001", "10", 100}, {"4500001", "20", 1},
                                                       {"4500001", "10", 50}}).ok());
  ASSERT_TRUE(erp()->SaveReceivedQuantities(waiting, {{"4500001", "10", 7}}).ok());
  ASSERT_TRUE(erp()->SaveReceivedQuantities(current, {{"4500001", "10", 300}}).ok());

  // The same line twice in one note adds up; a document waiting for review
  // and the document being checked do not count.
  EXPECT_EQ(Received("4500001", current), (std::map<std::string, double>{{"10", 150}, {"20", 1}}));
  EXPECT_EQ(Received("4500001", 0), (std::map<std::string, double>{{"10", 450}, {"20", 1}}));
  EXPECT_TRUE(Received("4500002", 0).empty());

  // A person validates the waiting one: it counts.
  Status validated = store_->reviews()->EditReview(waiting, [](const ReviewDocumentRecord&, ReviewUpdate* update) {
    update->state.status = "validated";
    update->state.document_type = "delivery_note";
    update->state.values_json = "{}";
    return Status::Ok();
  });
  ASSERT_TRUE(validated.ok()) << validated.ToString();
  EXPECT_EQ(Received("4500001", current), (std::map<std::string, double>{{"10", 157}, {"20", 1}}));

  // Saving again replaces what the document delivers.
  ASSERT_TRUE(erp()->SaveReceivedQuantities(accepted, {{"4500001", "20", 2}}).ok());
  EXPECT_EQ(Received("4500001", current), (std::map<std::string, double>{{"10", 7}, {"20", 2}}));

  // Booked in the ERP: it counts until a sync after the booking succeeded.
  ASSERT_NE(store_->receiving(), nullptr);
  ASSERT_TRUE(erp()->SaveErpSyncState({"", "2026-11-02T09:00:00Z", "2026-11-02T09:00:00Z", "", true, 1}).ok());
  ASSERT_TRUE(store_->receiving()->MarkReceiptBooked(accepted, "2026-11-02T09:30:00Z").ok());
  EXPECT_EQ(Received("4500001", current), (std::map<std::string, double>{{"10", 7}, {"20", 2}}));
  ASSERT_TRUE(erp()->SaveErpSyncState({"", "2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z", "", true, 2}).ok());
  EXPECT_EQ(Received("4500001", current), (std::map<std::string, double>{{"10", 7}}));
}

TEST_P(MasterDataStoreConformance, InvoiceTwinsAreFoundByNumberOrByTotalAndDateOfTheSameSupplier) {
  const int64_t first = AddReadDocument("f-1.pdf", false, "invoice", "Brasserie du Port",
                                        {{"invoice_number", "F-2026-001"}, {"total_incl_tax", "120.00"},
                                         {"invoice_date", "2026-10-30"}});
  const int64_t same_total = AddReadDocument("f-2.pdf", false, "invoice", "BRASSERIE DU PORT",
                                             {{"invoice_number", "F-2026-002"}, {"total_incl_tax", "120.00"},
                                              {"invoice_date", "2026-10-30"}});
  const int64_t other_supplier = AddReadDocument("f-3.pdf", false, "invoice", "Atelier Nord",
                                                 {{"invoice_number", "F-2026-001"}});
  const int64_t not_invoice = AddReadDocument("bl-1.pdf", false, "delivery_note", "Brasserie du Port",
                                              {{"invoice_number", "F-2026-001"}});
  (void)other_supplier;
  (void)not_invoice;

  auto by_number = erp()->FindInvoiceTwins(0, "brasserie du port", "f-2026-001", "", "");
  ASSERT_TRUE(by_number.ok()) << by_number.status().ToString();
  ASSERT_EQ(by_number->size(), 1u);
  EXPECT_EQ((*by_number)[0].document_id, first);
  EXPECT_EQ((*by_number)[0].original_name, "f-1.pdf");
  EXPECT_EQ((*by_number)[0].invoice_number, "F-2026-001");

  auto by_total = erp()->FindInvoiceTwins(first, "Brasserie du Port", "F-2026-999", "120.00", "2026-10-30");
  ASSERT_TRUE(by_total.ok());
  ASSERT_EQ(by_total->size(), 1u) << "the document itself is no twin";
  EXPECT_EQ((*by_total)[0].document_id, same_total);

  auto none = erp()->FindInvoiceTwins(0, "Brasserie du Port", "", "120.00", "");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty()) << "a total without its date is not enough";
}

// The ERP checks run inside a review edit's transaction (check/erp_checks.h):
// what they read and write there joins the edit, so an edit that fails takes
// their writes with it, and one that succeeds keeps them.
TEST_P(MasterDataStoreConformance, CallsInsideAReviewEditJoinItsTransaction) {
  Apply(Copy());
  const int64_t other = AddReadDocument("bl-1.pdf", /*review_required=*/false);
  ASSERT_TRUE(erp()->SaveReceivedQuantities(other, {{"4500001", "10", 100}}).ok());
  const int64_t edited = AddReadDocument("bl-2.pdf", /*review_required=*/true);

  std::map<std::string, double> seen_inside;
  Status refused = store_->reviews()->EditReview(edited, [&](const ReviewDocumentRecord&, ReviewUpdate* update) {
    auto received = erp()->ReceivedInQuai("4500001", edited);
    if (!received.ok()) return received.status();
    seen_inside = *received;
    QUAI_RETURN_IF_ERROR(erp()->SaveReceivedQuantities(edited, {{"4500001", "10", 40}}));
    update->state.status = "validated";
    update->state.document_type = "delivery_note";
    update->state.values_json = "{}";
    return Status::FailedPrecondition("a blocking finding");
  });
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition) << refused.ToString();
  EXPECT_EQ(seen_inside, (std::map<std::string, double>{{"10", 100}}));

  // Validated without writing: had the refused edit's write stayed, it would count now.
  auto validate = [&](bool write) {
    return store_->reviews()->EditReview(edited, [&](const ReviewDocumentRecord&, ReviewUpdate* update) {
      if (write) QUAI_RETURN_IF_ERROR(erp()->SaveReceivedQuantities(edited, {{"4500001", "10", 40}}));
      update->state.status = "validated";
      update->state.document_type = "delivery_note";
      update->state.values_json = "{}";
      return Status::Ok();
    });
  };
  ASSERT_TRUE(validate(false).ok());
  EXPECT_EQ(Received("4500001", other), (std::map<std::string, double>{})) << "the refused edit's write is undone";
  Status validated = validate(true);
  ASSERT_TRUE(validated.ok()) << validated.ToString();
  EXPECT_EQ(Received("4500001", other), (std::map<std::string, double>{{"10", 40}})) << "a kept edit keeps it";
}

}  // namespace quai
