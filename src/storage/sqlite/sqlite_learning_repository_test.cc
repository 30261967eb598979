// The LearningStore half of SqliteRepository on a real database file.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "fixtures/test_directory.h"
#include "gtest/gtest.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

using namespace std::chrono_literals;

// 2026-04-01T09:00:00Z
const std::chrono::system_clock::time_point kStart = std::chrono::sys_days{std::chrono::year{2026} / 4 / 1} + 9h;

class SqliteLearningRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_.ok());
    Reopen();
  }

  void Reopen() {
    store_.reset();
    auto opened = SqliteRepository::Open(directory_.File("quai.db"), &clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  int64_t AddDocument() {
    DocumentRecord record;
    std::string sha = "0000000000" + std::to_string(++documents_);
    record.sha256 = std::string(64 - sha.size(), 'b') + sha;
    record.original_name = "document-" + std::to_string(documents_) + ".pdf";
    record.source = "cli";
    record.media_type = MediaType::kPdf;
    auto id = store_->AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  int64_t AddSupplier(const std::string& name, std::vector<SupplierIdentifier> identifiers = {}) {
    StoredSupplier supplier;
    supplier.name = name;
    supplier.identifiers = std::move(identifiers);
    auto id = store_->AddSupplier(supplier);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  StoredSupplier FindSupplier(int64_t id) {
    auto found = store_->FindSupplier(id);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_TRUE(found.ok() && found->has_value()) << "supplier " << id;
    return found.ok() && found->has_value() ? **found : StoredSupplier{};
  }

  int64_t Generation() {
    auto generation = store_->LearningGeneration();
    EXPECT_TRUE(generation.ok()) << generation.status().ToString();
    return generation.ok() ? *generation : -1;
  }

  Status SaveExample(int64_t document_id, int64_t supplier_id, const std::string& type, const std::string& anchors,
                     const std::string& created_at) {
    return store_->SaveLayoutExample(LayoutExampleRecord{document_id, supplier_id, type, anchors, created_at});
  }

  std::vector<int64_t> ExampleDocuments(int64_t supplier_id, const std::string& type, int limit) {
    auto examples = store_->ListLayoutExamples(supplier_id, type, limit);
    EXPECT_TRUE(examples.ok()) << examples.status().ToString();
    std::vector<int64_t> documents;
    if (examples.ok()) {
      for (const LayoutExampleRecord& example : *examples) documents.push_back(example.document_id);
    }
    return documents;
  }

  ModelVersionRecord Model(const std::string& kind, const std::string& type, const std::string& version,
                           const std::string& status) {
    ModelVersionRecord model;
    model.kind = kind;
    model.document_type = type;
    model.version = version;
    model.path = "models/" + kind + "-" + version + ".bin";
    model.training_examples = 120;
    model.evaluation_json = "{\"accuracy\":0.93,\"previous_accuracy\":0.9}";
    model.status = status;
    return model;
  }

  // id -> status of every model version, in list order.
  std::vector<std::pair<int64_t, std::string>> ModelStatuses() {
    auto models = store_->ListModelVersions();
    EXPECT_TRUE(models.ok()) << models.status().ToString();
    std::vector<std::pair<int64_t, std::string>> statuses;
    if (models.ok()) {
      for (const ModelVersionRecord& model : *models) statuses.emplace_back(model.id, model.status);
    }
    return statuses;
  }

  TestDirectory directory_;
  FakeClock clock_{kStart};
  std::unique_ptr<SqliteRepository> store_;
  int documents_ = 0;
};

TEST_F(SqliteLearningRepositoryTest, SupplierRoundTripsWithItsIdentifiers) {
  StoredSupplier supplier;
  supplier.id = 99;  // ignored: the store sets it
  supplier.name = "Brasserie du Port";
  supplier.letterhead = "brasserie du port quai 3";
  supplier.documents_seen = 2;
  supplier.documents_validated = 1;
  supplier.identifiers = {{"vat", "FR12345678901"}, {"iban", "FR7630006000011234567890189"}, {"vat", "FR12345678901"}};
  auto id = store_->AddSupplier(supplier);
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
  auto second = store_->AddSupplier(dated);
  ASSERT_TRUE(second.ok());
  auto listed = store_->ListSuppliers();
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, *id);
  EXPECT_EQ((*listed)[0].identifiers, expected);
  EXPECT_EQ((*listed)[1].name, "Atelier Nord");
  EXPECT_EQ((*listed)[1].created_at, "2025-12-31T23:00:00Z");
  EXPECT_TRUE((*listed)[1].identifiers.empty());

  auto unknown = store_->FindSupplier(*second + 100);
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->has_value());
}

TEST_F(SqliteLearningRepositoryTest, UpdateSupplierReplacesFieldsAndAddsNewIdentifiersKeepingOldOnes) {
  const int64_t id = AddSupplier("Brasserie", {{"vat", "FR111"}, {"siret", "12345678900011"}});
  StoredSupplier changed = FindSupplier(id);
  changed.name = "Brasserie du Port";
  changed.letterhead = "brasserie du port";
  changed.documents_seen = 7;  // not replaced: only CountSupplierDocument adds to it
  changed.documents_validated = 5;
  changed.created_at = "2020-01-01T00:00:00Z";  // not replaced
  changed.identifiers = {{"iban", "FR76300"}, {"vat", "FR111"}};
  ASSERT_TRUE(store_->UpdateSupplier(changed).ok());

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
  ASSERT_TRUE(store_->UpdateSupplier(changed).ok());
  EXPECT_EQ(FindSupplier(id).identifiers, expected);
}

TEST_F(SqliteLearningRepositoryTest, OneIdentifierMayBelongToTwoSuppliers) {
  // A customer's own VAT number is printed on the invoices of all its suppliers.
  const int64_t first = AddSupplier("Brasserie", {{"vat", "FR999"}, {"iban", "FR76A"}});
  const int64_t second = AddSupplier("Atelier", {{"vat", "FR999"}});
  StoredSupplier update = FindSupplier(first);
  update.identifiers = {{"iban", "FR76B"}};
  ASSERT_TRUE(store_->UpdateSupplier(update).ok());
  update = FindSupplier(second);
  update.identifiers = {{"iban", "FR76A"}};
  ASSERT_TRUE(store_->UpdateSupplier(update).ok());

  EXPECT_EQ(FindSupplier(first).identifiers,
            (std::vector<SupplierIdentifier>{{"vat", "FR999"}, {"iban", "FR76A"}, {"iban", "FR76B"}}));
  EXPECT_EQ(FindSupplier(second).identifiers,
            (std::vector<SupplierIdentifier>{{"vat", "FR999"}, {"iban", "FR76A"}}));
}

TEST_F(SqliteLearningRepositoryTest, CountSupplierDocumentAddsOneToDocumentsSeen) {
  const int64_t id = AddSupplier("Brasserie");
  const int64_t other = AddSupplier("Atelier");
  ASSERT_TRUE(store_->CountSupplierDocument(id).ok());
  ASSERT_TRUE(store_->CountSupplierDocument(id).ok());
  ASSERT_TRUE(store_->CountSupplierDocument(id).ok());
  EXPECT_EQ(FindSupplier(id).documents_seen, 3);
  EXPECT_EQ(FindSupplier(id).documents_validated, 0);
  EXPECT_EQ(FindSupplier(other).documents_seen, 0);
}

TEST_F(SqliteLearningRepositoryTest, OutcomesReplaceTheirDocumentsAndListNewestFirst) {
  const int64_t supplier = AddSupplier("Brasserie");
  const int64_t other = AddSupplier("Atelier");
  const int64_t a = AddDocument();
  const int64_t b = AddDocument();
  const int64_t c = AddDocument();
  const int64_t d = AddDocument();
  ASSERT_TRUE(store_->RecordSupplierOutcome({supplier, a, "2026-03-01T10:00:00Z", 10, 4}).ok());
  ASSERT_TRUE(store_->RecordSupplierOutcome({supplier, b, "2026-03-03T10:00:00Z", 10, 2}).ok());
  ASSERT_TRUE(store_->RecordSupplierOutcome({supplier, c, "2026-03-02T10:00:00Z", 10, 3}).ok());
  ASSERT_TRUE(store_->RecordSupplierOutcome({other, d, "2026-03-04T10:00:00Z", 8, 8}).ok());
  // Validated again: replaces a's outcome; same time as b, recorded later, so it lists first.
  ASSERT_TRUE(store_->RecordSupplierOutcome({supplier, a, "2026-03-03T10:00:00Z", 12, 0}).ok());

  auto outcomes = store_->ListSupplierOutcomes(supplier, 10);
  ASSERT_TRUE(outcomes.ok()) << outcomes.status().ToString();
  ASSERT_EQ(outcomes->size(), 3u);
  EXPECT_EQ((*outcomes)[0].document_id, a);
  EXPECT_EQ((*outcomes)[0].supplier_id, supplier);
  EXPECT_EQ((*outcomes)[0].at, "2026-03-03T10:00:00Z");
  EXPECT_EQ((*outcomes)[0].fields, 12);
  EXPECT_EQ((*outcomes)[0].corrected, 0);
  EXPECT_EQ((*outcomes)[1].document_id, b);
  EXPECT_EQ((*outcomes)[2].document_id, c);

  auto two = store_->ListSupplierOutcomes(supplier, 2);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[1].document_id, b);

  // Without a time, the store's clock.
  ASSERT_TRUE(store_->RecordSupplierOutcome({other, d, "", 8, 1}).ok());
  auto stamped = store_->ListSupplierOutcomes(other, 10);
  ASSERT_TRUE(stamped.ok());
  ASSERT_EQ(stamped->size(), 1u);
  EXPECT_EQ((*stamped)[0].at, "2026-04-01T09:00:00Z");
  EXPECT_EQ((*stamped)[0].corrected, 1);
}

TEST_F(SqliteLearningRepositoryTest, LayoutExamplesReplaceTheirDocumentsAndListNewestFirstPerSupplierAndType) {
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
  auto moved = store_->ListLayoutExamples(other, "invoice", 10);
  ASSERT_TRUE(moved.ok());
  ASSERT_EQ(moved->size(), 2u);
  EXPECT_EQ((*moved)[0].document_id, documents[0]);
  EXPECT_EQ((*moved)[0].supplier_id, other);
  EXPECT_EQ((*moved)[0].document_type, "invoice");
  EXPECT_EQ((*moved)[0].anchors_json, "{\"n\":\"again\"}");
  EXPECT_EQ((*moved)[0].created_at, "2026-04-01T09:00:00Z");
}

TEST_F(SqliteLearningRepositoryTest, LayoutExamplesAreRemovedByHandAndWithTheirDocument) {
  const int64_t supplier = AddSupplier("Brasserie");
  const int64_t kept = AddDocument();
  const int64_t removed = AddDocument();
  const int64_t deleted = AddDocument();
  for (int64_t document : {kept, removed, deleted}) {
    ASSERT_TRUE(SaveExample(document, supplier, "invoice", "{}", "2026-03-01T10:00:00Z").ok());
  }
  ASSERT_TRUE(store_->RemoveLayoutExample(removed).ok());
  ASSERT_TRUE(store_->RemoveLayoutExample(removed).ok());  // already gone: nothing to do
  EXPECT_EQ(ExampleDocuments(supplier, "invoice", 10), (std::vector<int64_t>{deleted, kept}));

  // The repository has no way to delete a document yet; another connection does
  // it as a future one would, and the example goes with it (and the cache of
  // examples learns it from the generation).
  const int64_t before = Generation();
  {
    auto connection = SqliteConnection::Open(directory_.File("quai.db"));
    ASSERT_TRUE(connection.ok()) << connection.status().ToString();
    ASSERT_TRUE((*connection)
                    ->Execute("DELETE FROM documents WHERE id = " + std::to_string(deleted), "deleting a document")
                    .ok());
  }
  EXPECT_EQ(ExampleDocuments(supplier, "invoice", 10), (std::vector<int64_t>{kept}));
  EXPECT_GT(Generation(), before);
}

TEST_F(SqliteLearningRepositoryTest, GenerationGrowsWithEveryWriteToSuppliersOrExamplesAndNotWithReads) {
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
  ASSERT_TRUE(store_->UpdateSupplier(update).ok());
  expect_grew("UpdateSupplier");
  ASSERT_TRUE(store_->CountSupplierDocument(supplier).ok());
  expect_grew("CountSupplierDocument");
  const int64_t document = AddDocument();
  expect_same("AddDocument");
  ASSERT_TRUE(SaveExample(document, supplier, "invoice", "{}", "").ok());
  expect_grew("SaveLayoutExample");
  ASSERT_TRUE(SaveExample(document, supplier, "invoice", "{\"changed\":true}", "").ok());
  expect_grew("SaveLayoutExample replacing");
  ASSERT_TRUE(store_->RemoveLayoutExample(document).ok());
  expect_grew("RemoveLayoutExample");

  ASSERT_TRUE(store_->FindSupplier(supplier).ok());
  ASSERT_TRUE(store_->ListSuppliers().ok());
  ASSERT_TRUE(store_->ListLayoutExamples(supplier, "invoice", 10).ok());
  ASSERT_TRUE(store_->ListSupplierOutcomes(supplier, 10).ok());
  expect_same("reads");
  // Failed writes change nothing.
  ASSERT_FALSE(store_->CountSupplierDocument(supplier + 100).ok());
  ASSERT_FALSE(SaveExample(document + 100, supplier, "invoice", "{}", "").ok());
  expect_same("failed writes");

  // Kept in the file: a reopened store (or another process) sees the same number.
  Reopen();
  expect_same("after reopening");
}

TEST_F(SqliteLearningRepositoryTest, DriftSignalsListNewestFirstWithLimitAndOffset) {
  const int64_t supplier = AddSupplier("Brasserie");
  const int64_t document = AddDocument();
  auto first = store_->AddDriftSignal({0, "2026-03-01T10:00:00Z", "new_supplier", supplier, document,
                                       "{\"name\":\"Brasserie\"}"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = store_->AddDriftSignal({0, "2026-03-02T10:00:00Z", "confidence_shift", std::nullopt, std::nullopt, ""});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_GT(*second, *first);
  // Same time as the second, added later: lists before it.
  auto third = store_->AddDriftSignal({0, "2026-03-02T10:00:00Z", "supplier_corrections_up", supplier, std::nullopt,
                                       "{\"rate\":0.4}"});
  ASSERT_TRUE(third.ok());
  auto stamped = store_->AddDriftSignal({0, "", "confidence_shift", std::nullopt, std::nullopt, "{}"});
  ASSERT_TRUE(stamped.ok());

  auto all = store_->ListDriftSignals(10, 0);
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

  auto page = store_->ListDriftSignals(2, 1);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].id, *third);
  EXPECT_EQ((*page)[1].id, *second);
  auto past_the_end = store_->ListDriftSignals(2, 4);
  ASSERT_TRUE(past_the_end.ok());
  EXPECT_TRUE(past_the_end->empty());
}

TEST_F(SqliteLearningRepositoryTest, ActivatingAModelRetiresTheActiveOneOfTheSameKindAndTypeOnly) {
  auto invoice_v1 = store_->AddModelVersion(Model("field_scorer", "invoice", "v1", "active"));
  ASSERT_TRUE(invoice_v1.ok()) << invoice_v1.status().ToString();
  auto order_v1 = store_->AddModelVersion(Model("field_scorer", "order", "v1", "active"));
  ASSERT_TRUE(order_v1.ok());
  auto classifier_v1 = store_->AddModelVersion(Model("classifier", "", "v1", "active"));
  ASSERT_TRUE(classifier_v1.ok());
  auto invoice_v2 = store_->AddModelVersion(Model("field_scorer", "invoice", "v2", "rejected"));
  ASSERT_TRUE(invoice_v2.ok());
  EXPECT_EQ(ModelStatuses(), (std::vector<std::pair<int64_t, std::string>>{{*invoice_v1, "active"},
                                                                            {*order_v1, "active"},
                                                                            {*classifier_v1, "active"},
                                                                            {*invoice_v2, "rejected"}}));

  ASSERT_TRUE(store_->ActivateModelVersion(*invoice_v2).ok());
  EXPECT_EQ(ModelStatuses(), (std::vector<std::pair<int64_t, std::string>>{{*invoice_v1, "retired"},
                                                                            {*order_v1, "active"},
                                                                            {*classifier_v1, "active"},
                                                                            {*invoice_v2, "active"}}));
  // Activating the active one changes nothing.
  ASSERT_TRUE(store_->ActivateModelVersion(*invoice_v2).ok());
  // Added as active: the previous one of its kind and type retires in the same call.
  auto invoice_v3 = store_->AddModelVersion(Model("field_scorer", "invoice", "v3", "active"));
  ASSERT_TRUE(invoice_v3.ok());
  // Set active by status: the same as ActivateModelVersion.
  ASSERT_TRUE(store_->SetModelVersionStatus(*invoice_v1, "active").ok());
  EXPECT_EQ(ModelStatuses(), (std::vector<std::pair<int64_t, std::string>>{{*invoice_v1, "active"},
                                                                            {*order_v1, "active"},
                                                                            {*classifier_v1, "active"},
                                                                            {*invoice_v2, "retired"},
                                                                            {*invoice_v3, "retired"}}));
  ASSERT_TRUE(store_->SetModelVersionStatus(*classifier_v1, "retired").ok());
  EXPECT_EQ(ModelStatuses()[2].second, "retired");

  auto models = store_->ListModelVersions();
  ASSERT_TRUE(models.ok());
  const ModelVersionRecord& first = (*models)[0];
  EXPECT_EQ(first.kind, "field_scorer");
  EXPECT_EQ(first.document_type, "invoice");
  EXPECT_EQ(first.version, "v1");
  EXPECT_EQ(first.path, "models/field_scorer-v1.bin");
  EXPECT_EQ(first.created_at, "2026-04-01T09:00:00Z");
  EXPECT_EQ(first.training_examples, 120);
  EXPECT_EQ(first.evaluation_json, "{\"accuracy\":0.93,\"previous_accuracy\":0.9}");
}

TEST_F(SqliteLearningRepositoryTest, ModelVersionsListOldestFirst) {
  ModelVersionRecord later = Model("classifier", "", "b", "retired");
  later.created_at = "2026-03-02T00:00:00Z";
  ModelVersionRecord earlier = Model("classifier", "", "a", "retired");
  earlier.created_at = "2026-03-01T00:00:00Z";
  auto later_id = store_->AddModelVersion(later);
  auto earlier_id = store_->AddModelVersion(earlier);
  ASSERT_TRUE(later_id.ok() && earlier_id.ok());
  EXPECT_EQ(ModelStatuses(),
            (std::vector<std::pair<int64_t, std::string>>{{*earlier_id, "retired"}, {*later_id, "retired"}}));
}

TEST_F(SqliteLearningRepositoryTest, UnknownIdsAreNotFoundAndChangeNothing) {
  const int64_t supplier = AddSupplier("Brasserie");
  const int64_t document = AddDocument();
  const int64_t generation = Generation();

  StoredSupplier unknown;
  unknown.id = supplier + 100;
  unknown.name = "Nobody";
  unknown.identifiers = {{"vat", "FR0"}};
  Status updated = store_->UpdateSupplier(unknown);
  EXPECT_EQ(updated.code(), StatusCode::kNotFound);
  EXPECT_NE(updated.message().find("supplier with id " + std::to_string(supplier + 100)), std::string::npos)
      << updated.message();
  EXPECT_EQ(store_->CountSupplierDocument(supplier + 100).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->RecordSupplierOutcome({supplier + 100, document, "", 1, 0}).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->RecordSupplierOutcome({supplier, document + 100, "", 1, 0}).code(), StatusCode::kNotFound);
  EXPECT_EQ(SaveExample(document, supplier + 100, "invoice", "{}", "").code(), StatusCode::kNotFound);
  EXPECT_EQ(SaveExample(document + 100, supplier, "invoice", "{}", "").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->AddDriftSignal({0, "", "new_supplier", supplier + 100, std::nullopt, "{}"}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->AddDriftSignal({0, "", "new_supplier", std::nullopt, document + 100, "{}"}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->ActivateModelVersion(42).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->SetModelVersionStatus(42, "retired").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->SetModelVersionStatus(42, "active").code(), StatusCode::kNotFound);

  EXPECT_EQ(Generation(), generation);
  auto suppliers = store_->ListSuppliers();
  ASSERT_TRUE(suppliers.ok());
  EXPECT_EQ(suppliers->size(), 1u);
  EXPECT_TRUE(FindSupplier(supplier).identifiers.empty());
  auto outcomes = store_->ListSupplierOutcomes(supplier, 10);
  ASSERT_TRUE(outcomes.ok());
  EXPECT_TRUE(outcomes->empty());
  auto signals = store_->ListDriftSignals(10, 0);
  ASSERT_TRUE(signals.ok());
  EXPECT_TRUE(signals->empty());
  EXPECT_TRUE(ModelStatuses().empty());
}

TEST_F(SqliteLearningRepositoryTest, RefusesNegativeLimitsAndUnknownModelStatuses) {
  EXPECT_EQ(store_->ListSupplierOutcomes(1, -1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListLayoutExamples(1, "invoice", -1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListDriftSignals(-1, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListDriftSignals(10, -1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->AddModelVersion(Model("classifier", "", "v1", "candidate")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->AddModelVersion(Model("classifier", "", "v1", "")).status().code(), StatusCode::kInvalidArgument);
  auto added = store_->AddModelVersion(Model("classifier", "", "v1", "rejected"));
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(store_->SetModelVersionStatus(*added, "Active").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ModelStatuses(), (std::vector<std::pair<int64_t, std::string>>{{*added, "rejected"}}));
}

TEST_F(SqliteLearningRepositoryTest, EverythingSurvivesClosingAndReopening) {
  const int64_t supplier = AddSupplier("Brasserie", {{"vat", "FR1"}});
  ASSERT_TRUE(store_->CountSupplierDocument(supplier).ok());
  const int64_t document = AddDocument();
  ASSERT_TRUE(store_->RecordSupplierOutcome({supplier, document, "2026-03-01T10:00:00Z", 9, 2}).ok());
  ASSERT_TRUE(SaveExample(document, supplier, "invoice", "{\"anchors\":[]}", "2026-03-01T10:00:00Z").ok());
  ASSERT_TRUE(store_->AddDriftSignal({0, "2026-03-01T10:00:00Z", "new_supplier", supplier, document, "{}"}).ok());
  auto model = store_->AddModelVersion(Model("classifier", "", "v1", "active"));
  ASSERT_TRUE(model.ok());
  const int64_t generation = Generation();

  Reopen();
  StoredSupplier found = FindSupplier(supplier);
  EXPECT_EQ(found.name, "Brasserie");
  EXPECT_EQ(found.documents_seen, 1);
  EXPECT_EQ(found.identifiers, (std::vector<SupplierIdentifier>{{"vat", "FR1"}}));
  auto outcomes = store_->ListSupplierOutcomes(supplier, 10);
  ASSERT_TRUE(outcomes.ok());
  ASSERT_EQ(outcomes->size(), 1u);
  EXPECT_EQ((*outcomes)[0].corrected, 2);
  auto examples = store_->ListLayoutExamples(supplier, "invoice", 10);
  ASSERT_TRUE(examples.ok());
  ASSERT_EQ(examples->size(), 1u);
  EXPECT_EQ((*examples)[0].anchors_json, "{\"anchors\":[]}");
  auto signals = store_->ListDriftSignals(10, 0);
  ASSERT_TRUE(signals.ok());
  ASSERT_EQ(signals->size(), 1u);
  EXPECT_EQ((*signals)[0].kind, "new_supplier");
  EXPECT_EQ(ModelStatuses(), (std::vector<std::pair<int64_t, std::string>>{{*model, "active"}}));
  EXPECT_EQ(Generation(), generation);
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

TEST_F(SqliteLearningRepositoryTest, AnExampleWithNoSupplierTeachesItsTypeAndListsUnderAnySupplier) {
  const int64_t supplier = AddSupplier("Brasserie", {});
  const int64_t named = AddDocument();
  const int64_t unnamed = AddDocument();
  ASSERT_TRUE(SaveExample(named, supplier, "receipt", "{}", "2026-03-01T10:00:00Z").ok());
  ASSERT_TRUE(SaveExample(unnamed, 0, "receipt", "{}", "2026-03-02T10:00:00Z").ok());
  EXPECT_EQ(ExampleDocuments(supplier, "receipt", 10), (std::vector<int64_t>{named}));
  EXPECT_EQ(ExampleDocuments(0, "receipt", 10), (std::vector<int64_t>{unnamed, named}));
  EXPECT_TRUE(ExampleDocuments(0, "invoice", 10).empty());
}

}  // namespace
}  // namespace quai
