#include "learn/learner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fixtures/pages.h"
#include "fixtures/test_directory.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

const std::chrono::system_clock::time_point kStart = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 8h;

// The supplier's own VAT number, and the customer's (printed on its invoices too).
constexpr const char* kSupplierVat = "FR40123456824";
constexpr const char* kCustomerVat = "FR44732829320";
constexpr const char* kSupplierIban = "FR7630006000011234567890189";

using testing::PageWithRows;

struct InvoiceText {
  std::string supplier = "ACME Chimie SAS";
  std::string number = "F-2026-0042";
  std::string order = "4500012345";
  bool identifiers = true;  // VAT number and IBAN at the foot
  std::string validated_vat = kSupplierVat;  // as the person typed it
  std::string validated_name;                // empty: `supplier`
  bool name_printed = true;                  // false: the name is in a logo, not read
};

// An invoice from ACME to Beta Industries, whose VAT number it prints too.
std::vector<Page> Invoice(const InvoiceText& text) {
  std::vector<std::pair<double, std::string>> rows = {
      {40, text.name_printed ? text.supplier : "Produits chimiques industriels"},
      {55, text.name_printed ? "12 rue des Lilas 69003 Lyon" : "Zone Industrielle Nord"},
      {120, "FACTURE"},
      {150, "Facture n° : " + text.number},
      {170, "Date : 12/03/2026"},
      {190, "N° de commande : " + text.order},
      {230, "Client : Beta Industries - TVA client : FR 44 732 829 320"},
      {600, "Total TTC : 1250,00 EUR"},
  };
  if (text.identifiers) {
    rows.push_back({700, "N° TVA intracom : FR40123456824"});
    rows.push_back({720, "IBAN : FR76 3000 6000 0112 3456 7890 189"});
  }
  return PageWithRows(rows);
}

CanonicalDocument Validated(const InvoiceText& text) {
  CanonicalDocument values;
  values.document_type = "invoice";
  values.fields = {{"supplier_name", text.validated_name.empty() ? text.supplier : text.validated_name}, {"invoice_number", text.number},
                   {"invoice_date", "2026-03-12"},   {"po_number", text.order},
                   {"supplier_vat_number", text.validated_vat}, {"total_incl_tax", "1250.00"}};
  return values;
}

// The extraction JSON that read `values` exactly.
Json ReadAs(const CanonicalDocument& values) {
  Json fields = Json::object();
  for (const auto& [name, value] : values.fields) fields[name] = {{"value", value}, {"confidence", 0.9}};
  return {{"document_type", values.document_type}, {"fields", fields}, {"lines", Json::array()}};
}

class LearnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_.ok());
    auto opened = SqliteRepository::Open(directory_.File("quai.db"), &clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    auto extractor = Extractor::LoadSchemasOnly(ExtractorOptions{});
    ASSERT_TRUE(extractor.ok()) << extractor.status().ToString();
    extractor_ = std::move(extractor).value();
    knowledge_ = std::make_unique<StoredKnowledge>(store_.get(), extractor_->schemas());
    learner_ = std::make_unique<Learner>(store_.get(), store_.get(), store_.get(), extractor_.get(), knowledge_.get(),
                                         &clock_);
  }

  // A stored, read document, extracted as each of `extractions` in turn.
  int64_t AddDocument(const std::vector<Page>& pages, const std::vector<Json>& extractions = {}) {
    DocumentRecord record;
    char sha[65];
    std::snprintf(sha, sizeof(sha), "%064x", ++documents_);
    record.sha256 = sha;
    record.original_name = "invoice-" + std::to_string(documents_) + ".pdf";
    record.source = "cli";
    record.media_type = MediaType::kPdf;
    auto id = store_->AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(store_->SavePages(*id, pages).ok());
    for (const Json& extraction : extractions) {
      StoredExtraction stored;
      stored.document_id = *id;
      stored.model_version = "m";
      stored.document_type = extraction.value("document_type", "other");
      stored.result_json = extraction.dump();
      EXPECT_TRUE(store_->SaveExtraction(stored).ok());
      clock_.Advance(1s);
    }
    clock_.Advance(1min);
    return *id;
  }

  // Validates the document with `values` as the review desk would: a training example.
  void Validate(int64_t id, const CanonicalDocument& values, const std::string& pointers_json = "[]") {
    Status edited = store_->EditReview(id, [&](const ReviewDocumentRecord&, ReviewUpdate* update) {
      update->state.document_id = id;
      update->state.status = "validated";
      update->state.document_type = values.document_type;
      update->state.values_json = ReadAs(values).dump();
      update->state.validated_by = "ana";
      update->state.validated_at = FormatUtcTimestamp(clock_.Now());
      update->state.updated_by = "ana";
      update->state.updated_at = update->state.validated_at;
      TrainingExample example;
      example.document_id = id;
      example.document_type = values.document_type;
      example.canonical_json = CanonicalDocumentToJson(values).dump();
      example.pointers_json = pointers_json;
      example.validated_by = "ana";
      example.validated_at = update->state.validated_at;
      update->training_example = example;
      return Status::Ok();
    });
    ASSERT_TRUE(edited.ok()) << edited.ToString();
    clock_.Advance(1min);
  }

  // Stores, validates and learns from one invoice.
  LearnedDocument Learn(const InvoiceText& text, const std::vector<Json>& extractions = {}) {
    const int64_t id = AddDocument(Invoice(text), extractions);
    Validate(id, Validated(text));
    auto learned = learner_->LearnFromValidation(id);
    EXPECT_TRUE(learned.ok()) << learned.status().ToString();
    last_document_ = id;
    return learned.ok() ? *learned : LearnedDocument{};
  }

  std::vector<StoredSupplier> Suppliers() {
    auto suppliers = store_->ListSuppliers();
    EXPECT_TRUE(suppliers.ok()) << suppliers.status().ToString();
    return suppliers.ok() ? *suppliers : std::vector<StoredSupplier>{};
  }

  std::vector<DriftSignal> Signals(const std::string& kind) {
    auto signals = store_->ListDriftSignals(1000, 0);
    EXPECT_TRUE(signals.ok()) << signals.status().ToString();
    std::vector<DriftSignal> of_kind;
    if (signals.ok())
      for (const DriftSignal& s : *signals)
        if (s.kind == kind) of_kind.push_back(s);
    return of_kind;
  }

  TestDirectory directory_;
  FakeClock clock_{kStart};
  // A document read with this mean confidence, as the store stage records
  // it, then noted by `learner`; returns its id.
  int64_t ReadWithConfidence(Learner* learner, double confidence) {
    const int64_t id = AddDocument({});
    StoredExtraction stored;
    stored.document_id = id;
    stored.model_version = "m";
    stored.result_json = "{}";
    stored.mean_confidence = confidence;
    EXPECT_TRUE(store_->SaveExtraction(stored).ok());
    Extraction extraction;
    extraction.fields["invoice_number"].confidence = confidence;
    EXPECT_TRUE(learner->NoteExtraction(id, extraction).ok());
    return id;
  }

  std::unique_ptr<SqliteRepository> store_;
  std::unique_ptr<Extractor> extractor_;
  std::unique_ptr<StoredKnowledge> knowledge_;
  std::unique_ptr<Learner> learner_;
  int documents_ = 0;
  int64_t last_document_ = 0;
};

bool Has(const std::vector<SupplierIdentifier>& identifiers, const std::string& kind, const std::string& value) {
  return std::find(identifiers.begin(), identifiers.end(), SupplierIdentifier{kind, value}) != identifiers.end();
}

TEST_F(LearnerTest, AFirstValidatedDocumentAddsItsSupplierAndSignalsIt) {
  LearnedDocument learned = Learn(InvoiceText{});
  EXPECT_TRUE(learned.new_supplier);
  EXPECT_EQ(learned.supplier_name, "ACME Chimie SAS");
  EXPECT_GT(learned.supplier_id, 0);

  std::vector<StoredSupplier> suppliers = Suppliers();
  ASSERT_EQ(suppliers.size(), 1u);
  EXPECT_EQ(suppliers[0].id, learned.supplier_id);
  EXPECT_EQ(suppliers[0].name, "ACME Chimie SAS");
  EXPECT_EQ(suppliers[0].documents_validated, 1);
  EXPECT_NE(suppliers[0].letterhead.find("acme"), std::string::npos) << suppliers[0].letterhead;

  std::vector<DriftSignal> signals = Signals("new_supplier");
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].supplier_id, learned.supplier_id);
  EXPECT_EQ(signals[0].document_id, last_document_);
  EXPECT_EQ(Json::parse(signals[0].detail_json)["supplier"], "ACME Chimie SAS");
}

TEST_F(LearnerTest, TheSupplierKeepsItsValidatedVatNumberAndIbanButNotTheCustomersVatNumber) {
  InvoiceText text;
  text.validated_vat = "FR 40 123 456 824";  // kept without its spaces
  Learn(text);
  std::vector<StoredSupplier> suppliers = Suppliers();
  ASSERT_EQ(suppliers.size(), 1u);
  const std::vector<SupplierIdentifier>& ids = suppliers[0].identifiers;
  EXPECT_TRUE(Has(ids, "vat", kSupplierVat));
  EXPECT_TRUE(Has(ids, "iban", kSupplierIban));
  EXPECT_FALSE(Has(ids, "vat", kCustomerVat));
}

TEST_F(LearnerTest, SavesALayoutExampleWithAnchorsWhereTheValidatedValuesAre) {
  LearnedDocument learned = Learn(InvoiceText{});
  auto records = store_->ListLayoutExamples(learned.supplier_id, "invoice", 10);
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].document_id, last_document_);
  auto example = ParseLayoutExample((*records)[0].anchors_json);
  ASSERT_TRUE(example.ok()) << example.status().ToString();
  EXPECT_EQ(static_cast<int>(example->anchors.size()), learned.anchors);
  std::map<std::string, FieldAnchor> by_field;
  for (const FieldAnchor& a : example->anchors) by_field[a.field] = a;
  for (const char* field : {"invoice_number", "invoice_date", "po_number", "supplier_vat_number", "total_incl_tax"})
    EXPECT_TRUE(by_field.count(field)) << field << " not located; anchors: " << (*records)[0].anchors_json;
  if (by_field.count("po_number")) {
    const FieldAnchor& po = by_field["po_number"];
    EXPECT_EQ(po.value, "4500012345");
    EXPECT_EQ(po.page, 0);
    // Printed at y = 190..200 of 842 points.
    EXPECT_NEAR(po.y0, 190.0 / 842, 1e-6);
    EXPECT_NEAR(po.y1, 200.0 / 842, 1e-6);
  }
  if (by_field.count("supplier_vat_number")) {
    // The supplier's number at the foot, not the customer's at y = 230.
    EXPECT_NEAR(by_field["supplier_vat_number"].y0, 700.0 / 842, 1e-6);
  }
}

TEST_F(LearnerTest, TheArticlesOfAValidatedInvoiceAreTheSuppliersForEveryDocumentType) {
  InvoiceText text;
  const int64_t id = AddDocument(Invoice(text));
  CanonicalDocument values = Validated(text);
  values.lines = {{{"supplier_article_code", "K-73818"}, {"description", "Hex nut M8 stainless"}, {"quantity", "4"}}};
  Validate(id, values);
  auto learned = learner_->LearnFromValidation(id);
  ASSERT_TRUE(learned.ok()) << learned.status().ToString();
  auto has = [&](const std::string& type, const std::string& field, const std::string& value) {
    const LayoutMemory memory = knowledge_->Memory(learned->supplier_id, type);
    auto it = memory.articles.find(field);
    return it != memory.articles.end() && it->second.count(value) > 0;
  };
  // Its certificates carry the article code, its safety data sheets the name.
  EXPECT_TRUE(has("certificate_of_conformity", "article_code", "K-73818"));
  EXPECT_TRUE(has("safety_data_sheet", "product_name", "Hex nut M8 stainless"));
  EXPECT_TRUE(has("delivery_note", "supplier_article_code", "K-73818"));
  EXPECT_TRUE(has("delivery_note", "description", "Hex nut M8 stainless"));
  EXPECT_FALSE(has("delivery_note", "quantity", "4"));  // not a property of the article
  EXPECT_TRUE(knowledge_->Memory(learned->supplier_id, "certificate_of_conformity").empty());  // no layout of that type
  EXPECT_TRUE(knowledge_->Memory(learned->supplier_id + 1, "certificate_of_conformity").articles.empty());

  // The company's PO numbers, whoever printed them.
  EXPECT_EQ(knowledge_->CompanyShapes("po_number"), (std::map<std::string, int>{{"9999999999", 1}}));
  EXPECT_TRUE(knowledge_->CompanyShapes("invoice_number").empty());  // the supplier's numbers, not the company's

  // The next validation shows at once.
  InvoiceText second;
  second.number = "F-2026-0002";
  const int64_t id2 = AddDocument(Invoice(second));
  CanonicalDocument values2 = Validated(second);
  values2.lines = {{{"supplier_article_code", "K-90001"}}};
  Validate(id2, values2);
  ASSERT_TRUE(learner_->LearnFromValidation(id2).ok());
  EXPECT_TRUE(has("certificate_of_conformity", "article_code", "K-90001"));
  EXPECT_TRUE(has("certificate_of_conformity", "article_code", "K-73818"));
  EXPECT_EQ(knowledge_->CompanyShapes("po_number"), (std::map<std::string, int>{{"9999999999", 2}}));
}

TEST_F(LearnerTest, ASecondDocumentOfTheSupplierRecognisedByNameAddsNoSupplier) {
  LearnedDocument first = Learn(InvoiceText{});
  // No identifiers printed this time: only the name can say who sent it.
  InvoiceText second_text;
  second_text.number = "F-2026-0057";
  second_text.order = "4500012399";
  second_text.identifiers = false;
  {
    std::vector<Page> pages = Invoice(second_text);
    DocumentView view(pages);
    SupplierMatch match = knowledge_->Recognize(view);
    EXPECT_TRUE(match.known);
    EXPECT_EQ(match.id, first.supplier_id);
    EXPECT_EQ(match.evidence, "name");
  }
  LearnedDocument second = Learn(second_text);
  EXPECT_FALSE(second.new_supplier);
  EXPECT_EQ(second.supplier_id, first.supplier_id);
  std::vector<StoredSupplier> suppliers = Suppliers();
  ASSERT_EQ(suppliers.size(), 1u);
  EXPECT_EQ(suppliers[0].documents_validated, 2);
  EXPECT_EQ(Signals("new_supplier").size(), 1u);
  auto records = store_->ListLayoutExamples(first.supplier_id, "invoice", 10);
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->size(), 2u);
}

TEST_F(LearnerTest, AKnownSupplierIsFoundByItsValidatedNameWhenThePageDoesNotSayWhoItIs) {
  LearnedDocument first = Learn(InvoiceText{});
  InvoiceText second_text;
  second_text.number = "F-2026-0058";
  second_text.identifiers = false;
  second_text.name_printed = false;
  second_text.validated_name = "Acme Chimie S.A.S.";  // the same name, typed otherwise
  {
    std::vector<Page> pages = Invoice(second_text);
    DocumentView view(pages);
    EXPECT_FALSE(knowledge_->Recognize(view).known);
  }
  LearnedDocument second = Learn(second_text);
  EXPECT_FALSE(second.new_supplier);
  EXPECT_EQ(second.supplier_id, first.supplier_id);
  std::vector<StoredSupplier> suppliers = Suppliers();
  ASSERT_EQ(suppliers.size(), 1u);
  EXPECT_EQ(suppliers[0].documents_validated, 2);
}

TEST_F(LearnerTest, ADocumentWithoutASupplierNameStillLeavesItsLayoutExample) {
  InvoiceText text;
  text.identifiers = false;
  text.name_printed = false;
  const int64_t id = AddDocument(Invoice(text));
  CanonicalDocument values = Validated(text);
  values.fields.erase("supplier_name");
  Validate(id, values);
  auto learned = learner_->LearnFromValidation(id);
  ASSERT_TRUE(learned.ok()) << learned.status().ToString();
  EXPECT_EQ(learned->supplier_id, 0);
  EXPECT_FALSE(learned->new_supplier);
  EXPECT_GT(learned->anchors, 0);
  EXPECT_TRUE(Suppliers().empty());
  EXPECT_TRUE(Signals("new_supplier").empty());
  auto records = store_->ListLayoutExamples(0, "invoice", 10);
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].document_id, id);
  EXPECT_EQ((*records)[0].supplier_id, 0);
}

TEST_F(LearnerTest, LearningTheSameDocumentAgainDoesNotCountItTwice) {
  Learn(InvoiceText{});
  auto again = learner_->LearnFromValidation(last_document_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->new_supplier);
  std::vector<StoredSupplier> suppliers = Suppliers();
  ASSERT_EQ(suppliers.size(), 1u);
  EXPECT_EQ(suppliers[0].documents_validated, 1);
}

// The learning store of a process killed at its `die_at`-th call: that call
// and every later one fail, as nothing more reaches the store once the
// process is gone. Forwards to the real store before.
class DyingLearningStore final : public LearningStore {
 public:
  DyingLearningStore(LearningStore* real, int die_at) : real_(real), die_at_(die_at) {}
  int calls() const { return calls_; }

  Result<int64_t> AddSupplier(const StoredSupplier& s) override { return Dead() ? Killed() : real_->AddSupplier(s); }
  Result<std::vector<StoredSupplier>> ListSuppliers() override { return Dead() ? Killed() : real_->ListSuppliers(); }
  Result<std::optional<StoredSupplier>> FindSupplier(int64_t id) override {
    return Dead() ? Killed() : real_->FindSupplier(id);
  }
  Status UpdateSupplier(const StoredSupplier& s) override { return Dead() ? Killed() : real_->UpdateSupplier(s); }
  Status CountSupplierDocument(int64_t id) override { return Dead() ? Killed() : real_->CountSupplierDocument(id); }
  Status RemoveSupplierIdentifier(int64_t id, const SupplierIdentifier& i) override {
    return Dead() ? Killed() : real_->RemoveSupplierIdentifier(id, i);
  }
  Status MergeSuppliers(int64_t kept, int64_t merged) override {
    return Dead() ? Killed() : real_->MergeSuppliers(kept, merged);
  }
  Status RecordSupplierOutcome(const SupplierOutcome& o) override {
    return Dead() ? Killed() : real_->RecordSupplierOutcome(o);
  }
  Result<std::vector<SupplierOutcome>> ListSupplierOutcomes(int64_t id, int limit) override {
    return Dead() ? Killed() : real_->ListSupplierOutcomes(id, limit);
  }
  Status SaveLayoutExample(const LayoutExampleRecord& e) override {
    return Dead() ? Killed() : real_->SaveLayoutExample(e);
  }
  Status RemoveLayoutExample(int64_t id) override { return Dead() ? Killed() : real_->RemoveLayoutExample(id); }
  Result<std::vector<LayoutExampleRecord>> ListLayoutExamples(int64_t supplier, const std::string& type,
                                                              int limit) override {
    return Dead() ? Killed() : real_->ListLayoutExamples(supplier, type, limit);
  }
  Result<int64_t> LearningGeneration() override { return Dead() ? Killed() : real_->LearningGeneration(); }
  Result<int64_t> AddDriftSignal(const DriftSignal& d) override { return Dead() ? Killed() : real_->AddDriftSignal(d); }
  Result<std::vector<DriftSignal>> ListDriftSignals(int limit, int offset) override {
    return Dead() ? Killed() : real_->ListDriftSignals(limit, offset);
  }

 private:
  bool Dead() { return die_at_ > 0 && ++calls_ >= die_at_; }
  static Status Killed() { return Status::IoError("the process was killed"); }

  LearningStore* real_;
  int die_at_;
  int calls_ = 0;
};

// What a worker does after `kill -9` of the process learning a validation:
// the learn job is run again whole. Wherever the kill came, the supplier is
// there once and counts the document once, with one outcome and one layout
// example (the crash campaign found a supplier counting 2 validated documents
// of which 1 was learned: the count was raised before the outcome recorded).
TEST_F(LearnerTest, LearningRunAgainAfterAKillAtAnyStoreCallCountsTheDocumentOnce) {
  for (int die_at = 1;; ++die_at) {
    SCOPED_TRACE("killed at learning-store call " + std::to_string(die_at));
    // A supplier of its own per kill, its first document learned whole.
    InvoiceText text;
    text.supplier = "Fournisseur " + std::to_string(die_at) + " SARL";
    text.identifiers = false;
    text.validated_vat.clear();
    const int64_t earlier = AddDocument(Invoice(text));
    Validate(earlier, Validated(text));
    ASSERT_TRUE(learner_->LearnFromValidation(earlier).ok());
    const int64_t id = AddDocument(Invoice(text));
    Validate(id, Validated(text));

    DyingLearningStore dying(store_.get(), die_at);
    StoredKnowledge knowledge(&dying, extractor_->schemas());
    Learner killed(store_.get(), store_.get(), &dying, extractor_.get(), &knowledge, &clock_);
    const bool finished = killed.LearnFromValidation(id).ok();
    auto again = learner_->LearnFromValidation(id);
    ASSERT_TRUE(again.ok()) << again.status().ToString();

    std::vector<StoredSupplier> named;
    for (const StoredSupplier& supplier : Suppliers())
      if (supplier.name == text.supplier) named.push_back(supplier);
    ASSERT_EQ(named.size(), 1u);
    EXPECT_EQ(named[0].documents_validated, 2);
    auto outcomes = store_->ListSupplierOutcomes(named[0].id, 100);
    ASSERT_TRUE(outcomes.ok());
    EXPECT_EQ(outcomes->size(), 2u);
    auto layouts = store_->ListLayoutExamples(named[0].id, "invoice", 10);
    ASSERT_TRUE(layouts.ok());
    EXPECT_EQ(layouts->size(), 2u);
    if (finished || dying.calls() < die_at) break;  // the kill came after the last call: every call was walked
  }
}

TEST_F(LearnerTest, ADocumentThatIsNotValidatedTeachesNothing) {
  const int64_t id = AddDocument(Invoice(InvoiceText{}));
  auto learned = learner_->LearnFromValidation(id);
  ASSERT_FALSE(learned.ok());
  EXPECT_EQ(learned.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Suppliers().empty());
}

TEST_F(LearnerTest, OutcomeCountsTheFieldsCorrectedAgainstTheLatestExtraction) {
  const CanonicalDocument truth = Validated(InvoiceText{});
  Json older = ReadAs(truth);  // an earlier reading had every value right
  Json latest = ReadAs(truth);
  latest["fields"]["invoice_number"]["value"] = "F-2026-0043";     // wrong
  latest["fields"].erase("po_number");                              // missed
  latest["fields"]["total_incl_tax"]["value"] = "1250";             // right: the same number
  latest["fields"]["due_date"] = {{"value", "2026-04-30"}, {"confidence", 0.5}};  // not on the document
  LearnedDocument learned = Learn(InvoiceText{}, {older, latest});
  EXPECT_EQ(learned.fields, 6);
  EXPECT_EQ(learned.corrected, 3);
  auto outcomes = store_->ListSupplierOutcomes(learned.supplier_id, 10);
  ASSERT_TRUE(outcomes.ok());
  ASSERT_EQ(outcomes->size(), 1u);
  EXPECT_EQ((*outcomes)[0].document_id, last_document_);
  EXPECT_EQ((*outcomes)[0].fields, 6);
  EXPECT_EQ((*outcomes)[0].corrected, 3);
}

TEST_F(LearnerTest, WithoutAnExtractionEveryValidatedFieldCountsAsCorrected) {
  LearnedDocument learned = Learn(InvoiceText{});
  EXPECT_EQ(learned.fields, 6);
  EXPECT_EQ(learned.corrected, 6);
}

TEST_F(LearnerTest, ARiseInCorrectionsIsSignalledOnceWhileItLasts) {
  auto learn = [&](int n, bool read_right) {
    InvoiceText text;
    text.number = "F-2026-" + std::to_string(100 + n);
    std::vector<Json> extractions;
    if (read_right) extractions.push_back(ReadAs(Validated(text)));
    return Learn(text, extractions);
  };
  for (int n = 0; n < 3; ++n) learn(n, /*read_right=*/true);
  learn(3, false);
  learn(4, false);
  EXPECT_TRUE(Signals("supplier_corrections_up").empty()) << "five outcomes are too few to tell";
  LearnedDocument sixth = learn(5, false);
  std::vector<DriftSignal> signals = Signals("supplier_corrections_up");
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].supplier_id, sixth.supplier_id);
  EXPECT_EQ(signals[0].document_id, last_document_);
  Json detail = Json::parse(signals[0].detail_json);
  EXPECT_DOUBLE_EQ(detail["recent_correction_rate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(detail["earlier_correction_rate"].get<double>(), 0.0);
  learn(6, false);
  learn(7, false);
  EXPECT_EQ(Signals("supplier_corrections_up").size(), 1u);
}

TEST_F(LearnerTest, SteadyCorrectionsSignalNothing) {
  for (int n = 0; n < 8; ++n) {
    InvoiceText text;
    text.number = "F-2026-" + std::to_string(200 + n);
    Learn(text);  // never extracted: every field corrected, every time
  }
  EXPECT_TRUE(Signals("supplier_corrections_up").empty());
}

Extraction WithConfidence(double confidence, int64_t supplier_id = 0) {
  Extraction extraction;
  extraction.document_type = "invoice";
  extraction.fields["invoice_number"].confidence = confidence;
  extraction.fields["po_number"].confidence = confidence;
  if (supplier_id != 0) {
    extraction.supplier.known = true;
    extraction.supplier.id = supplier_id;
  }
  return extraction;
}

TEST_F(LearnerTest, NoteExtractionCountsTheDocumentsSeenOfAKnownSupplier) {
  LearnedDocument learned = Learn(InvoiceText{});
  const int64_t id = AddDocument(Invoice(InvoiceText{}));
  ASSERT_TRUE(learner_->NoteExtraction(id, WithConfidence(0.9, learned.supplier_id)).ok());
  ASSERT_TRUE(learner_->NoteExtraction(id, WithConfidence(0.9, learned.supplier_id)).ok());
  ASSERT_TRUE(learner_->NoteExtraction(id, WithConfidence(0.9)).ok());  // from nobody known
  auto supplier = store_->FindSupplier(learned.supplier_id);
  ASSERT_TRUE(supplier.ok());
  ASSERT_TRUE(supplier->has_value());
  EXPECT_EQ((*supplier)->documents_seen, 2);
}

TEST_F(LearnerTest, AShiftInConfidencesIsSignalledOnceAfterEnoughDocuments) {
  auto read = [&](double confidence) { return ReadWithConfidence(learner_.get(), confidence); };
  for (int i = 0; i < 100; ++i) read(0.9);
  for (int i = 0; i < 24; ++i) read(0.8);
  EXPECT_TRUE(Signals("confidence_shift").empty()) << "124 documents are too few to tell";
  const int64_t id = read(0.8);
  std::vector<DriftSignal> signals = Signals("confidence_shift");
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].document_id, id);
  Json detail = Json::parse(signals[0].detail_json);
  EXPECT_NEAR(detail["recent_mean_confidence"].get<double>(), 0.8, 1e-9);
  EXPECT_NEAR(detail["baseline_mean_confidence"].get<double>(), 0.9, 1e-9);
  // While the shift lasts it is not signalled again, by this learner or
  // another process's (the window is the store's).
  Learner other(store_.get(), store_.get(), store_.get(), extractor_.get(), knowledge_.get(), SystemClock());
  for (int i = 0; i < 20; ++i) read(0.8);
  for (int i = 0; i < 20; ++i) ReadWithConfidence(&other, 0.8);
  EXPECT_EQ(Signals("confidence_shift").size(), 1u);
}

TEST_F(LearnerTest, ASmallShiftInConfidencesIsNoSignal) {
  for (int i = 0; i < 100; ++i) ReadWithConfidence(learner_.get(), 0.9);
  for (int i = 0; i < 25; ++i) ReadWithConfidence(learner_.get(), 0.85);
  EXPECT_TRUE(Signals("confidence_shift").empty());
}

}  // namespace
}  // namespace quai
