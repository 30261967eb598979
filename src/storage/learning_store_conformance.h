// The LearningStore contract (learning_store.h) as tests every backend must
// pass: suppliers, outcomes, layout examples, the learning generation and
// drift signals, each call whole or not at all, and counts and the
// generation shared by connections (two processes). Include it in a
// backend's test file and instantiate it with a factory (store_under_test.h).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/learning_store.h"
#include "storage/store_under_test.h"

namespace quai {

class LearningStoreConformance : public StoreConformanceTest {
 protected:
  // 2026-04-01T09:00:00Z
  LearningStoreConformance()
      : StoreConformanceTest(std::chrono::sys_days{std::chrono::year{2026} / 4 / 1} + std::chrono::hours(9)) {}

  LearningStore* learning() { return store_->learning(); }

  int64_t AddDocument() {
    DocumentRecord record;
    std::string sha = "0000000000" + std::to_string(++documents_);
    record.sha256 = std::string(64 - sha.size(), 'b') + sha;
    record.original_name = "document-" + std::to_string(documents_) + ".pdf";
    record.source = "cli";
    record.media_type = MediaType::kPdf;
    auto id = store_->documents()->AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  int64_t AddSupplier(const std::string& name, std::vector<SupplierIdentifier> identifiers = {}) {
    StoredSupplier supplier;
    supplier.name = name;
    supplier.identifiers = std::move(identifiers);
    auto id = learning()->AddSupplier(supplier);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  StoredSupplier FindSupplier(int64_t id) {
    auto found = learning()->FindSupplier(id);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_TRUE(found.ok() && found->has_value()) << "supplier " << id;
    return found.ok() && found->has_value() ? **found : StoredSupplier{};
  }

  int64_t Generation(LearningStore* store = nullptr) {
    auto generation = (store != nullptr ? store : learning())->LearningGeneration();
    EXPECT_TRUE(generation.ok()) << generation.status().ToString();
    return generation.ok() ? *generation : -1;
  }

  Status SaveExample(int64_t document_id, int64_t supplier_id, const std::string& type, const std::string& anchors,
                     const std::string& created_at) {
    return learning()->SaveLayoutExample(LayoutExampleRecord{document_id, supplier_id, type, anchors, created_at});
  }

  std::vector<int64_t> ExampleDocuments(int64_t supplier_id, const std::string& type, int limit) {
    auto examples = learning()->ListLayoutExamples(supplier_id, type, limit);
    EXPECT_TRUE(examples.ok()) << examples.status().ToString();
    std::vector<int64_t> documents;
    if (examples.ok()) {
      for (const LayoutExampleRecord& example : *examples) documents.push_back(example.document_id);
    }
    return documents;
  }

  int documents_ = 0;
};

TEST_P(LearningStoreConformance, SupplierRoundTripsWithItsIdentifiers) {
  StoredSupplier supplier;
  supplier.id = 99;  // ignored: the store sets it
  supplier.name = "Brasserie du Port";
  supplier.letterhead = "brasserie du port quai 3";
  supplier.documents_seen = 2;
  supplier.documents_validated = 1;
  supplier.identifiers = {{"vat", "FR12345678901"}, {"iban", "FR7630006000011234567890189"}, {"vat", "FR12345678901"}};
  auto id = learning()->AddSupplier(supplier);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_NE(*id, 99);

  StoredSupplier found = FindSupplier(*id);
  EXPECT_EQ(found.id, *id);
  EXPECT_EQ(found.name, "Brasserie du Port");
  EXPECT_EQ(found.letterhead, "brasserie du port quai 3");
  EXPECT_EQ(found.documents_seen, 2);
  EXPECT_EQ(found.documents_validated, 1);
  EXPECT_EQ(found.created_at, "2026-04-01T09:00:00Z");  // stamped by the store when not given
  // In the order given; the repeated one is kept once.
  const std::vector<SupplierIdentifier> expected = {{"vat", "FR12345678901"},
                                                    {"iban", "FR7630006000011234567890189"}};
  EXPECT_EQ(found.identifiers, expected);

  StoredSupplier dated;
  dated.name = "Atelier Nord";
  dated.created_at = "2025-12-31T23:00:00Z";
  auto second = learning()->AddSupplier(dated);
  ASSERT_TRUE(second.ok());
  auto listed = learning()->ListSuppliers();
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, *id);
  EXPECT_EQ((*listed)[0].identifiers, expected);
  EXPECT_EQ((*listed)[1].name, "Atelier Nord");
  EXPECT_EQ((*listed)[1].created_at, "2025-12-31T23:00:00Z");
  EXPECT_TRUE((*listed)[1].identifiers.empty());

  auto unknown = learning()->FindSupplier(*second + 100);
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->has_value());
}

TEST_P(LearningStoreConformance, UpdateSupplierReplacesFieldsAndAddsNewIdentifiersKeepingOldOnes) {
  const int64_t id = AddSupplier("Brasserie", {{"vat", "FR111"}, {"siret", "12345678900011"}});
  StoredSupplier changed = FindSupplier(id);
  changed.name = "Brasserie du Port";
  changed.letterhead = "brasserie du port";
  changed.documents_seen = 7;  // not replaced: only CountSupplierDocument adds to it
  changed.documents_validated = 5;
  changed.created_at = "2020-01-01T00:00:00Z";  // not replaced
  changed.identifiers = {{"iban", "FR76300"}, {"vat", "FR111"}};
  ASSERT_TRUE(learning()->UpdateSupplier(changed).ok());

  StoredSupplier found = FindSupplier(id);
  EXPECT_EQ(found.name, "Brasserie du Port");
  EXPECT_EQ(found.letterhead, "brasserie du port");
  EXPECT_EQ(found.documents_seen, 0);
  EXPECT_EQ(found.documents_validated, 5);
  EXPECT_EQ(found.created_at, "2026-04-01T09:00:00Z");
  const std::vector<SupplierIdentifier> expected = {{"vat", "FR111"}, {"siret", "12345678900011"}, {"iban", "FR76300"}};
  EXPECT_EQ(found.identifiers, expected);

  // An update without identifiers forgets none.
  changed.identifiers.clear();
  ASSERT_TRUE(learning()->UpdateSupplier(changed).ok());
  EXPECT_EQ(FindSupplier(id).identifiers, expected);
}

TEST_P(LearningStoreConformance, OneIdentifierMayBelongToTwoSuppliers) {
  // A customer's own VAT number is printed on the invoices of all its suppliers.
  const int64_t first = AddSupplier("Brasserie", {{"vat", "FR999"}, {"iban", "FR76A"}});
  const int64_t second = AddSupplier("Atelier", {{"vat", "FR999"}});
  StoredSupplier update = FindSupplier(first);
  update.identifiers = {{"iban", "FR76B"}};
  ASSERT_TRUE(learning()->UpdateSupplier(update).ok());
  update = FindSupplier(second);
  update.identifiers = {{"iban", "FR76A"}};
  ASSERT_TRUE(learning()->UpdateSupplier(update).ok());

  EXPECT_EQ(FindSupplier(first).identifiers,
            (std::vector<SupplierIdentifier>{{"vat", "FR999"}, {"iban", "FR76A"}, {"iban", "FR76B"}}));
  EXPECT_EQ(FindSupplier(second).identifiers,
            (std::vector<SupplierIdentifier>{{"vat", "FR999"}, {"iban", "FR76A"}}));
}

TEST_P(LearningStoreConformance, CountSupplierDocumentAddsOneToDocumentsSeen) {
  const int64_t id = AddSupplier("Brasserie");
  const int64_t other = AddSupplier("Atelier");
  ASSERT_TRUE(learning()->CountSupplierDocument(id).ok());
  ASSERT_TRUE(learning()->CountSupplierDocument(id).ok());
  ASSERT_TRUE(learning()->CountSupplierDocument(id).ok());
  EXPECT_EQ(FindSupplier(id).documents_seen, 3);
  EXPECT_EQ(FindSupplier(id).documents_validated, 0);
  EXPECT_EQ(FindSupplier(other).documents_seen, 0);
}

TEST_P(LearningStoreConformance, OutcomesReplaceTheirDocumentsAndListNewestFirst) {
  const int64_t supplier = AddSupplier("Brasserie");
  const int64_t other = AddSupplier("Atelier");
  const int64_t a = AddDocument();
  const int64_t b = AddDocument();
  const int64_t c = AddDocument();
  const int64_t d = AddDocument();
  ASSERT_TRUE(learning()->RecordSupplierOutcome({supplier, a, "2026-03-01T10:00:00Z", 10, 4}).ok());
  ASSERT_TRUE(learning()->RecordSupplierOutcome({supplier, b, "2026-03-03T10:00:00Z", 10, 2}).ok());
  ASSERT_TRUE(learning()->RecordSupplierOutcome({supplier, c, "2026-03-02T10:00:00Z", 10, 3}).ok());
  ASSERT_TRUE(learning()->RecordSupplierOutcome({other, d, "2026-03-04T10:00:00Z", 8, 8}).ok());
  // Validated again: replaces a's outcome; same time as b, recorded later, so it lists first.
  ASSERT_TRUE(learning()->RecordSupplierOutcome({supplier, a, "2026-03-03T10:00:00Z", 12, 0}).ok());

  auto outcomes = learning()->ListSupplierOutcomes(supplier, 10);
  ASSERT_TRUE(outcomes.ok()) << outcomes.status().ToString();
  ASSERT_EQ(outcomes->size(), 3u);
  EXPECT_EQ((*outcomes)[0].document_id, a);
  EXPECT_EQ((*outcomes)[0].supplier_id, supplier);
  EXPECT_EQ((*outcomes)[0].at, "2026-03-03T10:00:00Z");
  EXPECT_EQ((*outcomes)[0].fields, 12);
  EXPECT_EQ((*outcomes)[0].corrected, 0);
  EXPECT_EQ((*outcomes)[1].document_id, b);
  EXPECT_EQ((*outcomes)[2].document_id, c);

  auto two = learning()->ListSupplierOutcomes(supplier, 2);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[1].document_id, b);

  // Without a time, the store's clock.
  ASSERT_TRUE(learning()->RecordSupplierOutcome({other, d, "", 8, 1}).ok());
  auto stamped = learning()->ListSupplierOutcomes(other, 10);
  ASSERT_TRUE(stamped.ok());
  ASSERT_EQ(stamped->size(), 1u);
  EXPECT_EQ((*stamped)[0].at, "2026-04-01T09:00:00Z");
  EXPECT_EQ((*stamped)[0].corrected, 1);
}

TEST_P(LearningStoreConformance, LayoutExamplesReplaceTheirDocumentsAndListNewestFirstPerSupplierAndType) {
  const int64_t supplier = AddSupplier("Brasserie");
  const int64_t other = AddSupplier("Atelier");
  std::vector<int64_t> documents;
  for (int i = 0; i < 6; ++i) documents.push_back(AddDocument());
  ASSERT_TRUE(SaveExample(documents[0], supplier, "invoice", "{\"n\":0}", "2026-03-01T10:00:00Z").ok());
  ASSERT_TRUE(SaveExample(documents[1], supplier, "invoice", "{\"n\":1}", "2026-03-03T10:00:00Z").ok());
  ASSERT_TRUE(SaveExample(documents[2], supplier, "invoice", "{\"n\":2}", "2026-03-02T10:00:00Z").ok());
  ASSERT_TRUE(SaveExample(documents[3], supplier, "delivery_note", "{\"n\":3}", "2026-03-05T10:00:00Z").ok());
  ASSERT_TRUE(SaveExample(documents[4], other, "invoice", "{\"n\":4}", "2026-03-06T10:00:00Z").ok());
  // Same time as documents[1]: the tie goes to the higher document id.
  ASSERT_TRUE(SaveExample(documents[5], supplier, "invoice", "{\"n\":5}", "2026-03-03T10:00:00Z").ok());

  EXPECT_EQ(ExampleDocuments(supplier, "invoice", 10),
            (std::vector<int64_t>{documents[5], documents[1], documents[2], documents[0]}));
  EXPECT_EQ(ExampleDocuments(supplier, "invoice", 2), (std::vector<int64_t>{documents[5], documents[1]}));
  EXPECT_EQ(ExampleDocuments(supplier, "delivery_note", 10), (std::vector<int64_t>{documents[3]}));
  EXPECT_EQ(ExampleDocuments(other, "invoice", 10), (std::vector<int64_t>{documents[4]}));
  EXPECT_TRUE(ExampleDocuments(supplier, "order", 10).empty());

  // Validated again, now as the other supplier's, without a time: replaced whole, stamped by the clock.
  ASSERT_TRUE(SaveExample(documents[0], other, "invoice", "{\"n\":\"again\"}", "").ok());
  EXPECT_EQ(ExampleDocuments(supplier, "invoice", 10),
            (std::vector<int64_t>{documents[5], documents[1], documents[2]}));
  auto moved = learning()->ListLayoutExamples(other, "invoice", 10);
  ASSERT_TRUE(moved.ok());
  ASSERT_EQ(moved->size(), 2u);
  EXPECT_EQ((*moved)[0].document_id, documents[0]);
  EXPECT_EQ((*moved)[0].supplier_id, other);
  EXPECT_EQ((*moved)[0].document_type, "invoice");
  EXPECT_EQ((*moved)[0].anchors_json, "{\"n\":\"again\"}");
  EXPECT_EQ((*moved)[0].created_at, "2026-04-01T09:00:00Z");
}

TEST_P(LearningStoreConformance, LayoutExamplesAreRemovedByHand) {
  const int64_t supplier = AddSupplier("Brasserie");
  const int64_t kept = AddDocument();
  const int64_t removed = AddDocument();
  const int64_t other = AddDocument();
  for (int64_t document : {kept, removed, other}) {
    ASSERT_TRUE(SaveExample(document, supplier, "invoice", "{}", "2026-03-01T10:00:00Z").ok());
  }
  ASSERT_TRUE(learning()->RemoveLayoutExample(removed).ok());
  ASSERT_TRUE(learning()->RemoveLayoutExample(removed).ok());  // already gone: nothing to do
  EXPECT_EQ(ExampleDocuments(supplier, "invoice", 10), (std::vector<int64_t>{other, kept}));
}

TEST_P(LearningStoreConformance, GenerationGrowsWithEveryWriteToSuppliersOrExamplesAndNotWithReads) {
  int64_t last = Generation();
  EXPECT_GE(last, 0);
  auto expect_grew = [&](const std::string& what) {
    const int64_t now = Generation();
    EXPECT_GT(now, last) << what;
    last = now;
  };
  auto expect_same = [&](const std::string& what) { EXPECT_EQ(Generation(), last) << what; };

  const int64_t supplier = AddSupplier("Brasserie", {{"vat", "FR1"}});
  expect_grew("AddSupplier");
  StoredSupplier update = FindSupplier(supplier);
  update.identifiers = {{"iban", "FR76"}};
  ASSERT_TRUE(learning()->UpdateSupplier(update).ok());
  expect_grew("UpdateSupplier");
  ASSERT_TRUE(learning()->CountSupplierDocument(supplier).ok());
  expect_grew("CountSupplierDocument");
  const int64_t document = AddDocument();
  expect_same("AddDocument");
  ASSERT_TRUE(SaveExample(document, supplier, "invoice", "{}", "").ok());
  expect_grew("SaveLayoutExample");
  ASSERT_TRUE(SaveExample(document, supplier, "invoice", "{\"changed\":true}", "").ok());
  expect_grew("SaveLayoutExample replacing");
  ASSERT_TRUE(learning()->RemoveLayoutExample(document).ok());
  expect_grew("RemoveLayoutExample");

  ASSERT_TRUE(learning()->FindSupplier(supplier).ok());
  ASSERT_TRUE(learning()->ListSuppliers().ok());
  ASSERT_TRUE(learning()->ListLayoutExamples(supplier, "invoice", 10).ok());
  ASSERT_TRUE(learning()->ListSupplierOutcomes(supplier, 10).ok());
  expect_same("reads");
  // Failed writes change nothing.
  ASSERT_FALSE(learning()->CountSupplierDocument(supplier + 100).ok());
  ASSERT_FALSE(SaveExample(document + 100, supplier, "invoice", "{}", "").ok());
  expect_same("failed writes");

  // Kept with the data: a reopened store (or another process) sees the same number.
  ASSERT_TRUE(store_->Reopen());
  expect_same("after reopening");
}

TEST_P(LearningStoreConformance, DriftSignalsListNewestFirstWithLimitAndOffset) {
  const int64_t supplier = AddSupplier("Brasserie");
  const int64_t document = AddDocument();
  auto first = learning()->AddDriftSignal({0, "2026-03-01T10:00:00Z", "new_supplier", supplier, document,
                                       "{\"name\":\"Brasserie\"}"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = learning()->AddDriftSignal({0, "2026-03-02T10:00:00Z", "confidence_shift", std::nullopt, std::nullopt, ""});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_GT(*second, *first);
  // Same time as the second, added later: lists before it.
  auto third = learning()->AddDriftSignal({0, "2026-03-02T10:00:00Z", "supplier_corrections_up", supplier, std::nullopt,
                                       "{\"rate\":0.4}"});
  ASSERT_TRUE(third.ok());
  auto stamped = learning()->AddDriftSignal({0, "", "confidence_shift", std::nullopt, std::nullopt, "{}"});
  ASSERT_TRUE(stamped.ok());

  auto all = learning()->ListDriftSignals(10, 0);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].id, *stamped);
  EXPECT_EQ((*all)[0].at, "2026-04-01T09:00:00Z");
  EXPECT_EQ((*all)[1].id, *third);
  EXPECT_EQ((*all)[2].id, *second);
  EXPECT_EQ((*all)[3].id, *first);
  EXPECT_EQ((*all)[3].kind, "new_supplier");
  EXPECT_EQ((*all)[3].supplier_id, supplier);
  EXPECT_EQ((*all)[3].document_id, document);
  EXPECT_EQ((*all)[3].detail_json, "{\"name\":\"Brasserie\"}");
  EXPECT_EQ((*all)[2].supplier_id, std::nullopt);
  EXPECT_EQ((*all)[2].document_id, std::nullopt);
  EXPECT_EQ((*all)[2].detail_json, "{}");  // empty detail stored as an empty object
  EXPECT_EQ((*all)[1].supplier_id, supplier);
  EXPECT_EQ((*all)[1].document_id, std::nullopt);

  auto page = learning()->ListDriftSignals(2, 1);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, *third);
  EXPECT_EQ((*page)[1].id, *second);
  auto past_the_end = learning()->ListDriftSignals(2, 4);
  ASSERT_TRUE(past_the_end.ok());
  EXPECT_TRUE(past_the_end->empty());
}

TEST_P(LearningStoreConformance, UnknownIdsAreNotFoundAndChangeNothing) {
  const int64_t supplier = AddSupplier("Brasserie");
  const int64_t document = AddDocument();
  const int64_t generation = Generation();

  StoredSupplier unknown;
  unknown.id = supplier + 100;
  unknown.name = "Nobody";
  unknown.identifiers = {{"vat", "FR0"}};
  Status updated = learning()->UpdateSupplier(unknown);
  EXPECT_EQ(updated.code(), StatusCode::kNotFound);
  EXPECT_NE(updated.message().find("supplier with id " + std::to_string(supplier + 100)), std::string::npos)
      << updated.message();
  EXPECT_EQ(learning()->CountSupplierDocument(supplier + 100).code(), StatusCode::kNotFound);
  EXPECT_EQ(learning()->RecordSupplierOutcome({supplier + 100, document, "", 1, 0}).code(), StatusCode::kNotFound);
  EXPECT_EQ(learning()->RecordSupplierOutcome({supplier, document + 100, "", 1, 0}).code(), StatusCode::kNotFound);
  EXPECT_EQ(SaveExample(document, supplier + 100, "invoice", "{}", "").code(), StatusCode::kNotFound);
  EXPECT_EQ(SaveExample(document + 100, supplier, "invoice", "{}", "").code(), StatusCode::kNotFound);
  EXPECT_EQ(learning()->AddDriftSignal({0, "", "new_supplier", supplier + 100, std::nullopt, "{}"}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(learning()->AddDriftSignal({0, "", "new_supplier", std::nullopt, document + 100, "{}"}).status().code(),
            StatusCode::kNotFound);

  EXPECT_EQ(Generation(), generation);
  auto suppliers = learning()->ListSuppliers();
  ASSERT_TRUE(suppliers.ok());
  EXPECT_EQ(suppliers->size(), 1u);
  EXPECT_TRUE(FindSupplier(supplier).identifiers.empty());
  auto outcomes = learning()->ListSupplierOutcomes(supplier, 10);
  ASSERT_TRUE(outcomes.ok());
  EXPECT_TRUE(outcomes->empty());
  auto signals = learning()->ListDriftSignals(10, 0);
  ASSERT_TRUE(signals.ok());
  EXPECT_TRUE(signals->empty());
}

TEST_P(LearningStoreConformance, RefusesNegativeLimits) {
  EXPECT_EQ(learning()->ListSupplierOutcomes(1, -1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(learning()->ListLayoutExamples(1, "invoice", -1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(learning()->ListDriftSignals(-1, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(learning()->ListDriftSignals(10, -1).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(LearningStoreConformance, EverythingSurvivesClosingAndReopening) {
  const int64_t supplier = AddSupplier("Brasserie", {{"vat", "FR1"}});
  ASSERT_TRUE(learning()->CountSupplierDocument(supplier).ok());
  const int64_t document = AddDocument();
  ASSERT_TRUE(learning()->RecordSupplierOutcome({supplier, document, "2026-03-01T10:00:00Z", 9, 2}).ok());
  ASSERT_TRUE(SaveExample(document, supplier, "invoice", "{\"anchors\":[]}", "2026-03-01T10:00:00Z").ok());
  ASSERT_TRUE(learning()->AddDriftSignal({0, "2026-03-01T10:00:00Z", "new_supplier", supplier, document, "{}"}).ok());
  const int64_t generation = Generation();

  ASSERT_TRUE(store_->Reopen());
  StoredSupplier found = FindSupplier(supplier);
  EXPECT_EQ(found.name, "Brasserie");
  EXPECT_EQ(found.documents_seen, 1);
  EXPECT_EQ(found.identifiers, (std::vector<SupplierIdentifier>{{"vat", "FR1"}}));
  auto outcomes = learning()->ListSupplierOutcomes(supplier, 10);
  ASSERT_TRUE(outcomes.ok());
  ASSERT_EQ(outcomes->size(), 1u);
  EXPECT_EQ((*outcomes)[0].corrected, 2);
  auto examples = learning()->ListLayoutExamples(supplier, "invoice", 10);
  ASSERT_TRUE(examples.ok());
  ASSERT_EQ(examples->size(), 1u);
  EXPECT_EQ((*examples)[0].anchors_json, "{\"anchors\":[]}");
  auto signals = learning()->ListDriftSignals(10, 0);
  ASSERT_TRUE(signals.ok());
  ASSERT_EQ(signals->size(), 1u);
  EXPECT_EQ((*signals)[0].kind, "new_supplier");
  EXPECT_EQ(Generation(), generation);
}

TEST_P(LearningStoreConformance, AnExampleWithNoSupplierTeachesItsTypeAndListsUnderAnySupplier) {
  const int64_t supplier = AddSupplier("Brasserie", {});
  const int64_t named = AddDocument();
  const int64_t unnamed = AddDocument();
  ASSERT_TRUE(SaveExample(named, supplier, "receipt", "{}", "2026-03-01T10:00:00Z").ok());
  ASSERT_TRUE(SaveExample(unnamed, 0, "receipt", "{}", "2026-03-02T10:00:00Z").ok());
  EXPECT_EQ(ExampleDocuments(supplier, "receipt", 10), (std::vector<int64_t>{named}));
  EXPECT_EQ(ExampleDocuments(0, "receipt", 10), (std::vector<int64_t>{unnamed, named}));
  EXPECT_TRUE(ExampleDocuments(0, "invoice", 10).empty());
}

// Two processes learning from their documents at once (each at most one
// learn job, but reads count documents too): every count is kept, and each
// sees the other's writes move the generation its caches check.
TEST_P(LearningStoreConformance, TwoConnectionsKeepEveryCountAndSeeTheGenerationMove) {
  std::unique_ptr<StoreUnderTest> other = Connect();
  ASSERT_NE(other, nullptr);
  const int64_t supplier = AddSupplier("Brasserie");
  const int64_t seen_by_other = Generation(other->learning());
  constexpr int kCountsEach = 25;
  std::atomic<int> failures{0};
  auto count = [&](LearningStore* store) {
    for (int i = 0; i < kCountsEach; ++i) {
      if (!store->CountSupplierDocument(supplier).ok()) ++failures;
    }
  };
  std::thread first(count, learning());
  std::thread second(count, other->learning());
  first.join();
  second.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(FindSupplier(supplier).documents_seen, 2 * kCountsEach);
  EXPECT_GT(Generation(other->learning()), seen_by_other);

  const int64_t before = Generation();
  StoredSupplier added;
  added.name = "Atelier";
  ASSERT_TRUE(other->learning()->AddSupplier(added).ok());
  EXPECT_GT(Generation(), before);
  auto suppliers = learning()->ListSuppliers();
  ASSERT_TRUE(suppliers.ok());
  EXPECT_EQ(suppliers->size(), 2u);
}

// Suppliers screen (issue 19): a merge moves everything learned to the kept
// supplier in one call; a wrongly learned identifier is forgotten alone.
TEST_P(LearningStoreConformance, MergeMovesIdentifiersOutcomesExamplesAndSignalsThenDeletesTheMerged) {
  const int64_t kept = AddSupplier("Solvants de l'Isere", {{"vat", "FR111"}});
  StoredSupplier merged_row;
  merged_row.name = "x 1 Solvants de l'Isere SAS";
  merged_row.letterhead = "isere solvants";
  merged_row.documents_seen = 3;
  merged_row.documents_validated = 2;
  merged_row.identifiers = {{"vat", "FR111"}, {"iban", "FR76300"}};
  auto merged = learning()->AddSupplier(merged_row);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  const int64_t other = AddSupplier("Atelier Nord");
  const int64_t kept_document = AddDocument(), merged_document = AddDocument(), other_document = AddDocument();
  ASSERT_TRUE(learning()->CountSupplierDocument(kept).ok());
  ASSERT_TRUE(learning()->RecordSupplierOutcome({kept, kept_document, "2026-03-01T10:00:00Z", 10, 1}).ok());
  ASSERT_TRUE(learning()->RecordSupplierOutcome({*merged, merged_document, "2026-03-02T10:00:00Z", 8, 0}).ok());
  ASSERT_TRUE(learning()->RecordSupplierOutcome({other, other_document, "2026-03-02T10:00:00Z", 5, 5}).ok());
  ASSERT_TRUE(SaveExample(kept_document, kept, "invoice", "{\"k\":1}", "2026-03-01T10:00:00Z").ok());
  ASSERT_TRUE(SaveExample(merged_document, *merged, "invoice", "{\"m\":1}", "2026-03-02T10:00:00Z").ok());
  ASSERT_TRUE(SaveExample(other_document, other, "invoice", "{}", "2026-03-02T10:00:00Z").ok());
  ASSERT_TRUE(learning()->AddDriftSignal({0, "2026-03-02T10:00:00Z", "new_supplier", *merged, merged_document, "{}"}).ok());
  const int64_t generation = Generation();

  Status merge = learning()->MergeSuppliers(kept, *merged);
  ASSERT_TRUE(merge.ok()) << merge.ToString();

  StoredSupplier after = FindSupplier(kept);
  EXPECT_EQ(after.name, "Solvants de l'Isere");
  EXPECT_EQ(after.documents_seen, 1 + 3);
  EXPECT_EQ(after.documents_validated, 0 + 2);
  EXPECT_EQ(after.letterhead, "isere solvants");  // the kept one had none
  EXPECT_EQ(after.identifiers, (std::vector<SupplierIdentifier>{{"vat", "FR111"}, {"iban", "FR76300"}}));
  auto gone = learning()->FindSupplier(*merged);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  auto outcomes = learning()->ListSupplierOutcomes(kept, 10);
  ASSERT_TRUE(outcomes.ok());
  ASSERT_EQ(outcomes->size(), 2u);
  EXPECT_EQ((*outcomes)[0].document_id, merged_document);
  EXPECT_EQ((*outcomes)[0].supplier_id, kept);
  EXPECT_EQ(ExampleDocuments(kept, "invoice", 10), (std::vector<int64_t>{merged_document, kept_document}));
  EXPECT_EQ(ExampleDocuments(other, "invoice", 10), (std::vector<int64_t>{other_document}));
  auto signals = learning()->ListDriftSignals(10, 0);
  ASSERT_TRUE(signals.ok());
  ASSERT_EQ(signals->size(), 1u);
  EXPECT_EQ((*signals)[0].supplier_id, kept);
  EXPECT_GT(Generation(), generation);
  auto suppliers = learning()->ListSuppliers();
  ASSERT_TRUE(suppliers.ok());
  EXPECT_EQ(suppliers->size(), 2u);
}

TEST_P(LearningStoreConformance, MergeRefusesItselfAndUnknownIdsChangingNothing) {
  const int64_t kept = AddSupplier("Brasserie", {{"vat", "FR111"}});
  const int64_t merged = AddSupplier("Brasserie SAS");
  const int64_t generation = Generation();
  EXPECT_EQ(learning()->MergeSuppliers(kept, kept).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(learning()->MergeSuppliers(kept, merged + 100).code(), StatusCode::kNotFound);
  EXPECT_EQ(learning()->MergeSuppliers(merged + 100, merged).code(), StatusCode::kNotFound);
  EXPECT_EQ(Generation(), generation);
  EXPECT_EQ(FindSupplier(merged).name, "Brasserie SAS");
}

TEST_P(LearningStoreConformance, RemoveSupplierIdentifierForgetsOnlyThatOne) {
  const int64_t supplier = AddSupplier("Brasserie", {{"vat", "FR111"}, {"vat", "FR999"}, {"iban", "FR76"}});
  const int64_t other = AddSupplier("Atelier", {{"vat", "FR999"}});
  ASSERT_TRUE(learning()->RemoveSupplierIdentifier(supplier, {"vat", "FR999"}).ok());
  ASSERT_TRUE(learning()->RemoveSupplierIdentifier(supplier, {"vat", "FR999"}).ok());  // already gone
  EXPECT_EQ(FindSupplier(supplier).identifiers, (std::vector<SupplierIdentifier>{{"vat", "FR111"}, {"iban", "FR76"}}));
  EXPECT_EQ(FindSupplier(other).identifiers, (std::vector<SupplierIdentifier>{{"vat", "FR999"}}));
  EXPECT_EQ(learning()->RemoveSupplierIdentifier(other + 100, {"vat", "FR111"}).code(), StatusCode::kNotFound);
}

}  // namespace quai
