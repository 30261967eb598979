#include "review/review_desk.h"

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "extract/extractor_calibration.h"
#include "fixtures/test_directory.h"
#include "gtest/gtest.h"
#include "extract/extraction_json.h"
#include "learn/canonical_document.h"
#include "storage/search_values.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

const std::chrono::system_clock::time_point kStart = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 8h;

// A delivery note as `quai extract --json` stores it: one header field unsure,
// one line.
Json DeliveryNote(bool review_required) {
  return {
      {"document_type", "delivery_note"},
      {"type_confidence", 0.98},
      {"supplier", {{"name", "ACME SAS"}, {"known", true}}},
      {"fields",
       {{"supplier_name", {{"value", "ACME SAS"}, {"confidence", 0.99}, {"page", 1}, {"box", {10, 10, 90, 20}}}},
        {"delivery_date", {{"value", "2026-03-11"}, {"confidence", 0.62}, {"page", 1}, {"box", {400, 60, 460, 70}}}},
        {"po_number", {{"value", "4500012345"}, {"confidence", 0.97}, {"page", 1}, {"box", {400, 80, 470, 90}}}},
        {"delivery_note_number", {{"value", "BL-0042"}, {"confidence", 0.99}, {"page", 1}, {"box", {400, 40, 470, 50}}}}}},
      {"lines",
       {{{"quantity", {{"value", "12"}, {"confidence", 0.9}, {"page", 1}, {"box", {300, 300, 320, 310}}}},
         {"lot_number", {{"value", "L240312"}, {"confidence", 0.95}, {"page", 1}, {"box", {200, 300, 260, 310}}}}}}},
      {"findings", Json::array({{{"code", "qty_exceeds_open"},
                                 {"field", "lines[0].quantity"},
                                 {"blocking", true},
                                 {"message", "quantity 12 exceeds the 10 still open on the order"}}})},
      {"review_required", review_required},
      {"review_reasons", review_required ? Json::array({"delivery_date under its threshold (0.62)"}) : Json::array()},
      {"model_version", "classifier-ab12+field-scorer-cd34"}};
}

class ReviewDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_.ok());
    auto opened = SqliteRepository::Open(directory_.File("quai.db"), &clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    auto schemas = SchemaSet::LoadDirectory(DefaultSchemaDirectory());
    ASSERT_TRUE(schemas.ok()) << schemas.status().ToString();
    desk_ = std::make_unique<ReviewDesk>(store_.get(), store_.get(), std::move(schemas).value(), &clock_);
  }

  // A stored document; read (one A4 page) unless `read` is false; extracted
  // with `extraction` unless it is null.
  int64_t AddDocument(const std::string& name, const Json& extraction, bool read = true) {
    DocumentRecord record;
    char sha[65];
    std::snprintf(sha, sizeof(sha), "%064x", ++documents_);
    record.sha256 = sha;
    record.original_name = name;
    record.source = "upload";
    record.media_type = MediaType::kPdf;
    auto id = store_->AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    if (!read) return *id;
    Page page;
    page.width = 595.28;
    page.height = 841.89;
    EXPECT_TRUE(store_->SavePages(*id, {page}).ok());
    if (!extraction.is_null()) {
      StoredExtraction stored;
      stored.document_id = *id;
      stored.model_version = extraction.value("model_version", "m");
      stored.document_type = extraction.value("document_type", "other");
      stored.review_required = extraction.value("review_required", true);
      stored.result_json = extraction.dump();
      // The supplier as read goes beside the JSON, as the store stage gives it.
      const Json supplier_field = extraction.value("fields", Json::object()).value("supplier_name", Json::object());
      stored.supplier = supplier_field.value("value", "");
      if (stored.supplier.empty()) stored.supplier = extraction.value("supplier", Json::object()).value("name", "");
      if (auto typed = ExtractionFromJson(extraction); typed.ok()) stored.search_values = SearchValuesOf(*typed);
      EXPECT_TRUE(store_->SaveExtraction(stored).ok());
    }
    clock_.Advance(1min);
    return *id;
  }

  Correction Typed(const std::string& value) {
    Correction correction;
    correction.value = value;
    return correction;
  }

  std::vector<ReviewEvent> ReviewEvents(int64_t id) {
    auto events = desk_->Events(id);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    std::vector<ReviewEvent> people;
    if (events.ok()) {
      for (const ReviewEvent& event : *events) {
        if (event.user != "system") people.push_back(event);
      }
    }
    return people;
  }

  TestDirectory directory_;
  FakeClock clock_{kStart};
  std::unique_ptr<SqliteRepository> store_;
  std::unique_ptr<ReviewDesk> desk_;
  int documents_ = 0;
};

TEST_F(ReviewDeskTest, DocumentShowsTheExtractionWithStatusReasonsAndPageSizes) {
  const int64_t unsure = AddDocument("bl-0042.pdf", DeliveryNote(true));
  const int64_t sure = AddDocument("bl-0043.pdf", DeliveryNote(false));
  auto document = desk_->Document(unsure);
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  EXPECT_EQ((*document)["id"], unsure);
  EXPECT_EQ((*document)["file"], "bl-0042.pdf");
  EXPECT_EQ((*document)["status"], "needs_review");
  EXPECT_EQ((*document)["fields"]["po_number"]["value"], "4500012345");
  EXPECT_EQ((*document)["lines"].size(), 1u);
  EXPECT_EQ((*document)["page_sizes"][0]["width"], 595.28);
  EXPECT_EQ((*document)["reasons"], Json::array({"delivery_date under its threshold (0.62)",
                                                 "quantity 12 exceeds the 10 still open on the order"}));
  EXPECT_TRUE((*document)["validated_by"].is_null());
  EXPECT_TRUE((*document)["error"].is_null());

  auto accepted = desk_->Document(sure);
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ((*accepted)["status"], "auto_accepted");
  EXPECT_EQ(desk_->Document(999).status().code(), StatusCode::kNotFound);
}

TEST_F(ReviewDeskTest, UnreadDocumentHasNoValuesAndCannotBeCorrected) {
  const int64_t id = AddDocument("waiting.pdf", nullptr, /*read=*/false);
  auto document = desk_->Document(id);
  ASSERT_TRUE(document.ok());
  EXPECT_EQ((*document)["status"], "received");
  EXPECT_EQ((*document)["fields"], Json::object());
  EXPECT_EQ((*document)["lines"], Json::array());
  auto corrected = desk_->CorrectField(id, "po_number", Typed("4500012345"), "ana");
  ASSERT_FALSE(corrected.ok());
  EXPECT_EQ(corrected.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(corrected.status().message().find("not read yet"), std::string::npos);
}

TEST_F(ReviewDeskTest, CorrectionIsNormalisedMarkedAndRecordedWithBeforeAndAfter) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  clock_.Advance(1h);
  Correction correction = Typed("12/03/2026");
  correction.page = 1;
  correction.box = Box{400, 60, 455, 71};
  auto document = desk_->CorrectField(id, "delivery_date", correction, "ana");
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  const Json& field = (*document)["fields"]["delivery_date"];
  EXPECT_EQ(field["value"], "2026-03-12");
  EXPECT_EQ(field["confidence"], 1);
  EXPECT_EQ(field["evidence"], "corrected by ana");
  EXPECT_EQ(field["corrected"], true);
  EXPECT_EQ(field["page"], 1);
  EXPECT_EQ(field["box"], Json::array({400, 60, 455, 71}));
  EXPECT_EQ((*document)["fields"]["po_number"]["value"], "4500012345");  // others untouched
  EXPECT_EQ((*document)["status"], "needs_review");

  // What the answer said is what is stored.
  auto again = desk_->Document(id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)["fields"], (*document)["fields"]);
  EXPECT_EQ((*again)["updated_at"], "2026-03-02T09:01:00Z");

  std::vector<ReviewEvent> events = ReviewEvents(id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].user, "ana");
  EXPECT_EQ(events[0].at, "2026-03-02T09:01:00Z");
  EXPECT_EQ(events[0].action, "field_corrected");
  EXPECT_EQ(events[0].field, "delivery_date");
  EXPECT_EQ(events[0].before, "2026-03-11");
  EXPECT_EQ(events[0].after, "2026-03-12");
  EXPECT_EQ(events[0].page, 1);
  ASSERT_TRUE(events[0].box.has_value());
  EXPECT_EQ(events[0].box->x1, 455);
  const Json shown = ReviewEventToJson(events[0]);
  EXPECT_EQ(shown["before"], "2026-03-11");
  EXPECT_EQ(shown["box"], Json::array({400, 60, 455, 71}));
}

TEST_F(ReviewDeskTest, ValueTheFieldCannotHoldIsRefusedNamingTheFieldAndNothingChanges) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  auto refused = desk_->CorrectField(id, "delivery_date", Typed("31/02/2026"), "ana");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("delivery_date"), std::string::npos) << refused.status().message();
  auto line = desk_->CorrectLineField(id, 0, "quantity", Typed("douze"), "ana");
  ASSERT_FALSE(line.ok());
  EXPECT_NE(line.status().message().find("lines[0].quantity"), std::string::npos) << line.status().message();
  Correction off_page = Typed("12/03/2026");
  off_page.page = 2;
  EXPECT_EQ(desk_->CorrectField(id, "delivery_date", off_page, "ana").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(ReviewEvents(id).empty());
  auto document = desk_->Document(id);
  ASSERT_TRUE(document.ok());
  EXPECT_EQ((*document)["fields"]["delivery_date"]["value"], "2026-03-11");
}

TEST_F(ReviewDeskTest, UnknownFieldsAndLinesAreNotFound) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  EXPECT_EQ(desk_->CorrectField(id, "invoice_number", Typed("F-1"), "ana").status().code(), StatusCode::kNotFound);
  // A line field is not a header field, and the reverse.
  EXPECT_EQ(desk_->CorrectField(id, "quantity", Typed("1"), "ana").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(desk_->CorrectLineField(id, 0, "po_number", Typed("1"), "ana").status().code(), StatusCode::kNotFound);
  auto no_line = desk_->CorrectLineField(id, 1, "quantity", Typed("1"), "ana");
  EXPECT_EQ(no_line.status().code(), StatusCode::kNotFound);
  EXPECT_NE(no_line.status().message().find("line 1"), std::string::npos);
  EXPECT_EQ(desk_->RemoveLine(id, -1, "ana").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(desk_->AddLine(id, {{"colour", "red"}}, "ana").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(desk_->CorrectField(12345, "po_number", Typed("1"), "ana").status().code(), StatusCode::kNotFound);
}

TEST_F(ReviewDeskTest, NullValueRemovesTheField) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  auto document = desk_->CorrectField(id, "po_number", Correction{}, "ana");
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  EXPECT_FALSE((*document)["fields"].contains("po_number"));
  std::vector<ReviewEvent> events = ReviewEvents(id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].before, "4500012345");
  EXPECT_TRUE(events[0].after.is_null());
}

TEST_F(ReviewDeskTest, LinesAreCorrectedAddedAndRemovedEachAsAnEvent) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  auto corrected = desk_->CorrectLineField(id, 0, "quantity", Typed("1 250,00"), "ana");
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  EXPECT_EQ((*corrected)["lines"][0]["quantity"]["value"], "1250.00");
  EXPECT_EQ((*corrected)["lines"][0]["lot_number"]["value"], "L240312");
  auto added = desk_->AddLine(id, {{"quantity", "5"}, {"expiry_date", "03/2027"}}, "ana");
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  ASSERT_EQ((*added)["lines"].size(), 2u);
  EXPECT_EQ((*added)["lines"][1]["expiry_date"]["value"], "2027-03-31");
  auto removed = desk_->RemoveLine(id, 0, "bob");
  ASSERT_TRUE(removed.ok());
  ASSERT_EQ((*removed)["lines"].size(), 1u);
  EXPECT_EQ((*removed)["lines"][0]["quantity"]["value"], "5");

  std::vector<ReviewEvent> events = ReviewEvents(id);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].action, "line_corrected");
  EXPECT_EQ(events[0].field, "lines[0].quantity");
  EXPECT_EQ(events[0].before, "12");
  EXPECT_EQ(events[1].action, "line_added");
  EXPECT_EQ(events[1].field, "lines[1]");
  EXPECT_EQ(events[1].after, Json({{"quantity", "5"}, {"expiry_date", "2027-03-31"}}));
  EXPECT_EQ(events[2].action, "line_removed");
  EXPECT_EQ(events[2].user, "bob");
  EXPECT_EQ(events[2].before, Json({{"quantity", "1250.00"}, {"lot_number", "L240312"}}));
}

TEST_F(ReviewDeskTest, ChangingTheTypeDropsFieldsTheNewTypeLacksAndTheEventKeepsThem) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  auto changed = desk_->ChangeType(id, "certificate_of_conformity", "ana");
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ((*changed)["document_type"], "certificate_of_conformity");
  EXPECT_EQ((*changed)["fields"]["po_number"]["value"], "4500012345");  // both types have it
  EXPECT_FALSE((*changed)["fields"].contains("delivery_date"));
  EXPECT_EQ((*changed)["lines"], Json::array());
  std::vector<ReviewEvent> events = ReviewEvents(id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "type_changed");
  EXPECT_EQ(events[0].before, "delivery_note");
  EXPECT_EQ(events[0].after, "certificate_of_conformity");
  EXPECT_NE(events[0].reason.find("delivery_date=2026-03-11"), std::string::npos) << events[0].reason;
  EXPECT_NE(events[0].reason.find("lines[0].quantity=12"), std::string::npos) << events[0].reason;
  // The new type's fields can now be corrected.
  EXPECT_TRUE(desk_->CorrectField(id, "certificate_number", Typed("CC-2026-17"), "ana").ok());
  EXPECT_EQ(desk_->ChangeType(id, "menu", "ana").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ReviewDeskTest, ValidationStoresATrainingExampleInCanonicalForm) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  Correction pointed = Typed("4500099999");
  pointed.page = 1;
  pointed.box = Box{400, 80, 470, 90};
  ASSERT_TRUE(desk_->CorrectField(id, "po_number", pointed, "ana").ok());
  ASSERT_TRUE(desk_->CorrectField(id, "delivery_date", Typed("12.03.2026"), "ana").ok());  // typed, not pointed
  clock_.Advance(30s);
  auto validated = desk_->Validate(id, "ana");
  ASSERT_TRUE(validated.ok()) << validated.status().ToString();
  EXPECT_EQ((*validated)["status"], "validated");
  EXPECT_EQ((*validated)["validated_by"], "ana");
  EXPECT_EQ((*validated)["validated_at"], "2026-03-02T08:01:30Z");

  auto examples = store_->ListTrainingExamples(10, 0);
  ASSERT_TRUE(examples.ok());
  ASSERT_EQ(examples->size(), 1u);
  const TrainingExample& example = (*examples)[0];
  EXPECT_EQ(example.document_id, id);
  EXPECT_EQ(example.document_type, "delivery_note");
  EXPECT_EQ(example.model_version, "classifier-ab12+field-scorer-cd34");
  EXPECT_EQ(example.validated_by, "ana");
  Result<CanonicalDocument> canonical = ParseCanonicalDocument(example.canonical_json);
  ASSERT_TRUE(canonical.ok()) << canonical.status().ToString() << "\n" << example.canonical_json;
  EXPECT_EQ(canonical->document_type, "delivery_note");
  EXPECT_EQ(canonical->fields.at("po_number"), "4500099999");
  EXPECT_EQ(canonical->fields.at("delivery_date"), "2026-03-12");
  EXPECT_EQ(canonical->fields.at("supplier_name"), "ACME SAS");
  ASSERT_EQ(canonical->lines.size(), 1u);
  EXPECT_EQ(canonical->lines[0].at("lot_number"), "L240312");
  EXPECT_EQ(Json::parse(example.pointers_json),
            Json::parse(R"([{"field": "po_number", "page": 1, "box": [400, 80, 470, 90]}])"));

  std::vector<ReviewEvent> events = ReviewEvents(id);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].action, "validated");

  // The validated values are the document's values from then on.
  auto document = desk_->Document(id);
  ASSERT_TRUE(document.ok());
  EXPECT_EQ((*document)["status"], "validated");
  EXPECT_EQ((*document)["fields"]["po_number"]["value"], "4500099999");
}

TEST_F(ReviewDeskTest, RejectionNeedsAReasonAndACorrectionReopensAValidatedDocument) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  EXPECT_EQ(desk_->Reject(id, "  ", "ana").status().code(), StatusCode::kInvalidArgument);
  auto rejected = desk_->Reject(id, "not our order", "ana");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ((*rejected)["status"], "rejected");
  EXPECT_EQ((*rejected)["rejected_reason"], "not our order");
  ASSERT_TRUE(desk_->Validate(id, "bob").ok());
  auto examples = store_->ListTrainingExamples(10, 0);
  ASSERT_TRUE(examples.ok());
  EXPECT_EQ(examples->size(), 1u);

  auto reopened = desk_->CorrectField(id, "po_number", Typed("4500000001"), "carl");
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)["status"], "needs_review");
  EXPECT_TRUE((*reopened)["validated_by"].is_null());
  examples = store_->ListTrainingExamples(10, 0);
  ASSERT_TRUE(examples.ok());
  EXPECT_TRUE(examples->empty());  // withdrawn until validated again

  std::vector<ReviewEvent> events = ReviewEvents(id);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].action, "rejected");
  EXPECT_EQ(events[0].reason, "not our order");
  EXPECT_EQ(desk_->Validate(id, "").status().code(), StatusCode::kInvalidArgument);
}

// A delivery note as the pipeline stores it, with every value read off a text
// layer and every required one present: sure except its delivery date.
Json OnlyTheDateUnsure() {
  auto value = [](const std::string& text, double confidence) {
    return Json{{"value", text}, {"confidence", confidence}, {"page", 1}, {"box", {10, 10, 90, 20}}};
  };
  return {{"document_type", "delivery_note"},
          {"type_confidence", 0.98},
          {"supplier", {{"name", "ACME SAS"}, {"known", false}}},
          {"fields",
           {{"supplier_name", value("ACME SAS", 0.99)},
            {"delivery_note_number", value("BL-0042", 0.99)},
            {"delivery_date", value("2026-03-11", 0.62)},
            {"po_number", value("4500012345", 0.99)}}},
          {"lines",
           {{{"supplier_article_code", value("A-100", 0.999)},
             {"description", value("Acétate d'éthyle", 0.999)},
             {"quantity", value("12", 0.999)},
             {"lot_number", value("L240312", 0.999)}}}},
          {"page_text_sources", {"layer"}},
          {"findings", Json::array()},
          {"review_required", true},
          {"review_reasons", {"low confidence: delivery_date"}},
          {"model_version", "classifier-ab12+field-scorer-cd34"}};
}

TEST_F(ReviewDeskTest, CorrectingTheOnlyUncertainValueAutoAcceptsTheDocumentInTheSameRequest) {
  const int64_t id = AddDocument("bl-0042.pdf", OnlyTheDateUnsure());
  auto before = desk_->Document(id);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ((*before)["status"], "needs_review");
  EXPECT_EQ((*before)["reasons"], Json::array({"low confidence: delivery_date"}));

  // The person types the date: certain, whatever its confidence would have been.
  auto corrected = desk_->CorrectField(id, "delivery_date", Typed("12/03/2026"), "ana");
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  EXPECT_EQ((*corrected)["status"], "auto_accepted");
  EXPECT_EQ((*corrected)["review_required"], false);
  EXPECT_EQ((*corrected)["review_reasons"], Json::array());
  EXPECT_EQ((*corrected)["reasons"], Json::array());
  EXPECT_EQ((*corrected)["findings"], Json::array());

  // The store says the same: the document and the lists.
  auto again = desk_->Document(id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)["status"], "auto_accepted");
  EXPECT_EQ((*again)["review_reasons"], Json::array());
  auto queue = desk_->ReviewQueue(50, 0);
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ((*queue)["total"], 0);
  DocumentSearch accepted;
  accepted.status = ReviewStatus::kAutoAccepted;
  auto found = desk_->Search(accepted);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ((*found)["documents"].size(), 1u);
  EXPECT_EQ((*found)["documents"][0]["review_required"], false);

  // Removing a required value sends it back, with its finding.
  auto removed = desk_->CorrectField(id, "po_number", Correction{}, "ana");
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ((*removed)["status"], "needs_review");
  ASSERT_EQ((*removed)["findings"].size(), 1u);
  EXPECT_EQ((*removed)["findings"][0]["code"], "required_field_missing");
  EXPECT_EQ((*removed)["findings"][0]["field"], "po_number");
  EXPECT_EQ((*removed)["review_reasons"], Json::array({"required_field_missing: po_number"}));
}

TEST_F(ReviewDeskTest, FindingsFollowTheCorrectedValues) {
  Json invoice = {
      {"document_type", "invoice"},
      {"type_confidence", 0.99},
      {"fields",
       {{"supplier_name", {{"value", "ACME SAS"}, {"confidence", 0.99}, {"page", 1}}},
        {"invoice_number", {{"value", "F-1"}, {"confidence", 0.99}, {"page", 1}}},
        {"po_number", {{"value", "4500012345"}, {"confidence", 0.99}, {"page", 1}}},
        {"invoice_date", {{"value", "2026-03-01"}, {"confidence", 0.99}, {"page", 1}}},
        {"currency", {{"value", "EUR"}, {"confidence", 0.99}, {"page", 1}}},
        {"total_excl_tax", {{"value", "100.00"}, {"confidence", 0.99}, {"page", 1}}},
        {"total_tax", {{"value", "20.00"}, {"confidence", 0.99}, {"page", 1}}},
        {"total_incl_tax", {{"value", "1200.00"}, {"confidence", 0.99}, {"page", 1}}}}},
      {"lines",
       {{{"description", {{"value", "Gants"}, {"confidence", 0.99}, {"page", 1}}},
         {"quantity", {{"value", "10"}, {"confidence", 0.99}, {"page", 1}}},
         {"amount", {{"value", "100.00"}, {"confidence", 0.99}, {"page", 1}}}}}},
      {"page_text_sources", {"layer"}},
      {"unread_line_rows", 1},
      {"findings",
       {{{"code", "line_not_read"}, {"field", "lines"}, {"blocking", true}, {"message", "a row ..."}},
        {{"code", "totals_mismatch"}, {"field", "total_incl_tax"}, {"blocking", true}, {"message", "..."}}}},
      {"review_required", true},
      {"review_reasons", {"line_not_read: lines", "totals_mismatch: total_incl_tax"}}};
  const int64_t id = AddDocument("facture.pdf", invoice);
  auto fixed = desk_->CorrectField(id, "total_incl_tax", Typed("120.00"), "ana");
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  ASSERT_EQ((*fixed)["findings"].size(), 1u);
  EXPECT_EQ((*fixed)["findings"][0]["code"], "line_not_read");
  EXPECT_EQ((*fixed)["review_reasons"], Json::array({"line_not_read: lines"}));
  EXPECT_EQ((*fixed)["status"], "needs_review");

  // The person adds the line the reading missed: the table is theirs now. It
  // makes the lines add up to more than the total, which is said at once.
  auto added = desk_->AddLine(id, {{"description", "Masques"}, {"quantity", "5"}, {"amount", "20.00"}}, "ana");
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_FALSE(added->contains("unread_line_rows"));
  ASSERT_EQ((*added)["findings"].size(), 1u);
  EXPECT_EQ((*added)["findings"][0]["code"], "lines_total_mismatch");
  EXPECT_EQ((*added)["status"], "needs_review");

  auto totals = desk_->CorrectField(id, "total_excl_tax", Typed("120.00"), "ana");
  ASSERT_TRUE(totals.ok());
  auto tax = desk_->CorrectField(id, "total_incl_tax", Typed("140.00"), "ana");
  ASSERT_TRUE(tax.ok());
  EXPECT_EQ((*tax)["findings"], Json::array());
  EXPECT_EQ((*tax)["status"], "auto_accepted");
}

TEST_F(ReviewDeskTest, DecidesAgainWithTheThresholdsOfTheModelsReadingNow) {
  Json note = OnlyTheDateUnsure();
  note["fields"]["po_number"]["confidence"] = 0.9;  // under the schema's 0.97
  note["review_reasons"] = {"low confidence: delivery_date", "low confidence: po_number"};
  const int64_t id = AddDocument("bl.pdf", note);
  auto schema_only = desk_->CorrectField(id, "delivery_date", Typed("2026-03-12"), "ana");
  ASSERT_TRUE(schema_only.ok());
  EXPECT_EQ((*schema_only)["review_reasons"], Json::array({"low confidence: po_number"}));

  ExtractorCalibration calibration;
  calibration.thresholds = {{"po_number@layer", 0.85}};
  desk_->set_calibration_source([&calibration] { return &calibration; });
  auto calibrated = desk_->CorrectField(id, "delivery_date", Typed("2026-03-11"), "ana");
  ASSERT_TRUE(calibrated.ok());
  EXPECT_EQ((*calibrated)["review_reasons"], Json::array());
  EXPECT_EQ((*calibrated)["status"], "auto_accepted");
  desk_->set_calibration_source(nullptr);
}

TEST_F(ReviewDeskTest, TwoReviewersCorrectingAtOnceAreBothRecordedAndTheLastValueKept) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  constexpr int kEach = 25;
  std::vector<std::thread> reviewers;
  for (const std::string user : {"ana", "bob"}) {
    reviewers.emplace_back([this, id, user] {
      for (int i = 0; i < kEach; ++i) {
        const std::string value = "45" + std::string(user == "ana" ? "1" : "2") + std::to_string(100000 + i);
        auto corrected = desk_->CorrectField(id, "po_number", Typed(value), user);
        EXPECT_TRUE(corrected.ok()) << corrected.status().ToString();
        // Values of their own: a correction to the value already there records nothing.
        auto line = desk_->CorrectLineField(id, 0, "quantity", Typed(std::to_string(user == "ana" ? i : 100 + i)), user);
        EXPECT_TRUE(line.ok()) << line.status().ToString();
      }
    });
  }
  for (std::thread& reviewer : reviewers) reviewer.join();

  std::vector<ReviewEvent> events = ReviewEvents(id);
  ASSERT_EQ(events.size(), 4u * kEach);
  int ana = 0, bob = 0;
  const ReviewEvent* last_po = nullptr;
  for (const ReviewEvent& event : events) {
    (event.user == "ana" ? ana : bob)++;
    if (event.field == "po_number") last_po = &event;
  }
  EXPECT_EQ(ana, 2 * kEach);
  EXPECT_EQ(bob, 2 * kEach);
  // Each event's "before" is the previous event's "after": no write was lost.
  const ReviewEvent* previous = nullptr;
  for (const ReviewEvent& event : events) {
    if (event.field != "po_number") continue;
    if (previous != nullptr) {
      EXPECT_EQ(event.before, previous->after);
    }
    previous = &event;
  }
  auto document = desk_->Document(id);
  ASSERT_TRUE(document.ok());
  ASSERT_NE(last_po, nullptr);
  EXPECT_EQ((*document)["fields"]["po_number"]["value"], last_po->after);
}

TEST_F(ReviewDeskTest, ReviewQueueIsOldestFirstWithReasons) {
  const int64_t first = AddDocument("first.pdf", DeliveryNote(true));
  AddDocument("accepted.pdf", DeliveryNote(false));
  const int64_t unread = AddDocument("no-models.pdf", nullptr);
  AddDocument("waiting.pdf", nullptr, /*read=*/false);
  const int64_t last = AddDocument("last.pdf", DeliveryNote(true));

  auto queue = desk_->ReviewQueue(50, 0);
  ASSERT_TRUE(queue.ok()) << queue.status().ToString();
  ASSERT_EQ((*queue)["total"], 3);
  const Json& documents = (*queue)["documents"];
  ASSERT_EQ(documents.size(), 3u);
  EXPECT_EQ(documents[0]["id"], first);
  EXPECT_EQ(documents[1]["id"], unread);
  EXPECT_EQ(documents[2]["id"], last);
  EXPECT_EQ(documents[0]["reasons"][0], "delivery_date under its threshold (0.62)");
  EXPECT_EQ(documents[0]["reasons"][1], "quantity 12 exceeds the 10 still open on the order");
  EXPECT_NE(documents[1]["reasons"][0].get<std::string>().find("enter them by hand"), std::string::npos);
  EXPECT_EQ(documents[0]["supplier"], "ACME SAS");
  EXPECT_EQ(documents[0]["document_type"], "delivery_note");

  ASSERT_TRUE(desk_->Validate(first, "ana").ok());
  queue = desk_->ReviewQueue(1, 0);
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ((*queue)["total"], 2);
  ASSERT_EQ((*queue)["documents"].size(), 1u);
  EXPECT_EQ((*queue)["documents"][0]["id"], unread);
  EXPECT_EQ(desk_->ReviewQueue(0, 0).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ReviewDeskTest, SearchFiltersByStatusTypeSupplierAndText) {
  const int64_t acme = AddDocument("bl-acme.pdf", DeliveryNote(true));
  Json other_supplier = DeliveryNote(false);
  other_supplier["supplier"]["name"] = "Brico Pro";
  other_supplier["fields"]["supplier_name"]["value"] = "Brico Pro";
  other_supplier["fields"]["po_number"]["value"] = "4500077777";
  const int64_t brico = AddDocument("bl-brico.pdf", other_supplier);
  Json invoice = DeliveryNote(true);
  invoice["document_type"] = "invoice";
  const int64_t bill = AddDocument("facture.pdf", invoice);

  auto ids = [this](const DocumentSearch& search) {
    std::vector<int64_t> found;
    auto page = desk_->Search(search);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    if (page.ok()) {
      for (const Json& document : (*page)["documents"]) found.push_back(document["id"].get<int64_t>());
    }
    return found;
  };
  EXPECT_EQ(ids(DocumentSearch{}), (std::vector<int64_t>{bill, brico, acme}));  // newest first
  DocumentSearch by_status;
  by_status.status = ReviewStatus::kAutoAccepted;
  EXPECT_EQ(ids(by_status), std::vector<int64_t>{brico});
  DocumentSearch by_type;
  by_type.document_type = "invoice";
  EXPECT_EQ(ids(by_type), std::vector<int64_t>{bill});
  DocumentSearch by_supplier;
  by_supplier.supplier = "brico";
  EXPECT_EQ(ids(by_supplier), std::vector<int64_t>{brico});
  DocumentSearch by_value;
  by_value.text = "77777";
  EXPECT_EQ(ids(by_value), std::vector<int64_t>{brico});
  DocumentSearch by_file;
  by_file.text = "FACTURE";
  EXPECT_EQ(ids(by_file), std::vector<int64_t>{bill});

  // Searches see corrected values (rows beside the state, not the JSON) and the corrected supplier.
  ASSERT_TRUE(desk_->CorrectField(brico, "po_number", Typed("4500088888"), "ana").ok());
  by_value.text = "88888";
  EXPECT_EQ(ids(by_value), std::vector<int64_t>{brico});
  by_value.text = "77777";
  EXPECT_TRUE(ids(by_value).empty());
  ASSERT_TRUE(desk_->CorrectField(acme, "supplier_name", Typed("Acme Industrie"), "ana").ok());
  DocumentSearch corrected;
  corrected.supplier = "industrie";
  EXPECT_EQ(ids(corrected), std::vector<int64_t>{acme});
  DocumentSearch validated;
  validated.status = ReviewStatus::kValidated;
  EXPECT_TRUE(ids(validated).empty());
  ASSERT_TRUE(desk_->Validate(acme, "ana").ok());
  EXPECT_EQ(ids(validated), std::vector<int64_t>{acme});

  DocumentSearch paged;
  paged.limit = 1;
  paged.offset = 1;
  auto page = desk_->Search(paged);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ((*page)["total"], 3);
  ASSERT_EQ((*page)["documents"].size(), 1u);
  EXPECT_EQ((*page)["documents"][0]["id"], brico);
}

TEST_F(ReviewDeskTest, EventsStartWithReceptionAndExtraction) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  ASSERT_TRUE(desk_->Validate(id, "ana").ok());
  auto events = desk_->Events(id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].action, "received");
  EXPECT_EQ((*events)[0].user, "system");
  EXPECT_EQ((*events)[1].action, "extracted");
  EXPECT_EQ((*events)[1].after["model_version"], "classifier-ab12+field-scorer-cd34");
  EXPECT_EQ((*events)[2].action, "validated");
  EXPECT_EQ(desk_->Events(404).status().code(), StatusCode::kNotFound);
}

// desk-safe: a document with a required value missing does not validate
// without an override and its reason, which the history keeps.
TEST_F(ReviewDeskTest, ARequiredValueMissingBlocksValidationUntilOverriddenWithAReason) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  Correction removed;  // value nullopt: removes it
  ASSERT_TRUE(desk_->CorrectField(id, "po_number", removed, "ana").ok());
  Json blockers;
  auto refused = desk_->Validate(id, "ana", "", &blockers);
  ASSERT_EQ(refused.status().code(), StatusCode::kFailedPrecondition) << refused.status().ToString();
  ASSERT_TRUE(blockers.is_array());
  bool po_missing = false;
  for (const Json& b : blockers)
    po_missing = po_missing || (b["code"] == "required_field_missing" && b["field"] == "po_number");
  EXPECT_TRUE(po_missing) << blockers.dump();
  EXPECT_TRUE(store_->ListTrainingExamples(10, 0)->empty());
  EXPECT_EQ((*desk_->Document(id))["status"], "needs_review");
  EXPECT_EQ(desk_->Validate(id, "ana", "   ").status().code(), StatusCode::kFailedPrecondition);

  auto validated = desk_->Validate(id, "ana", "  order number is on the delivery, phoned the supplier ");
  ASSERT_TRUE(validated.ok()) << validated.status().ToString();
  EXPECT_EQ((*validated)["status"], "validated");
  std::vector<ReviewEvent> events = ReviewEvents(id);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1].action, "validation_overridden");
  EXPECT_EQ(events[1].reason, "order number is on the delivery, phoned the supplier");
  ASSERT_TRUE(events[1].after.is_array());
  EXPECT_EQ(events[1].after[0]["code"], "required_field_missing");
  EXPECT_EQ(events[2].action, "validated");
}

TEST_F(ReviewDeskTest, AnInvalidRequiredValueBlocksValidation) {
  Json note = DeliveryNote(true);
  note["fields"]["delivery_date"]["value"] = "31/02/2026";  // as a reader might store it
  const int64_t id = AddDocument("bl.pdf", note);
  Json blockers;
  ASSERT_EQ(desk_->Validate(id, "ana", "", &blockers).status().code(), StatusCode::kFailedPrecondition);
  ASSERT_EQ(blockers.size(), 1u) << blockers.dump();
  EXPECT_EQ(blockers[0]["code"], "invalid_value");
  EXPECT_EQ(blockers[0]["field"], "delivery_date");
  ASSERT_TRUE(desk_->CorrectField(id, "delivery_date", Typed("28.02.2026"), "ana").ok());
  EXPECT_TRUE(desk_->Validate(id, "ana").ok());
}

TEST_F(ReviewDeskTest, ACorrectionThatChangesNothingRecordsNothing) {
  const int64_t id = AddDocument("bl.pdf", DeliveryNote(true));
  const Json before = *desk_->Document(id);
  clock_.Advance(1min);
  // The same value, as typed (normalised to the stored one) and as stored.
  auto same = desk_->CorrectField(id, "delivery_date", Typed("11.03.2026"), "ana");
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ((*same)["fields"]["delivery_date"]["value"], "2026-03-11");
  EXPECT_FALSE((*same)["fields"]["delivery_date"].value("corrected", false));
  ASSERT_TRUE(desk_->CorrectLineField(id, 0, "quantity", Typed("12"), "ana").ok());
  Correction removed;
  ASSERT_TRUE(desk_->CorrectLineField(id, 0, "unit", removed, "ana").ok());  // no unit to remove
  EXPECT_TRUE(ReviewEvents(id).empty());
  const Json after = *desk_->Document(id);
  EXPECT_EQ(after["updated_at"], before["updated_at"]);
  EXPECT_EQ(after["fields"], before["fields"]);
  // Pointing at a new place for the same value is news: recorded.
  Correction pointed = Typed("2026-03-11");
  pointed.page = 1;
  pointed.box = Box{400, 60, 470, 72};
  ASSERT_TRUE(desk_->CorrectField(id, "delivery_date", pointed, "ana").ok());
  EXPECT_EQ(ReviewEvents(id).size(), 1u);
}

// desk-safe: one signal of doubt. Each value carries the decision's verdict
// (the same the queue lists), and the reasons come with codes to translate.
TEST_F(ReviewDeskTest, EachValueCarriesTheDecisionsVerdictAndTheReasonsHaveCodes) {
  Json note = DeliveryNote(true);
  note["review_reasons"] = {"qty_exceeds_open: lines[0].quantity", "low confidence: delivery_date",
                            "doubted: lines[0].lot_number", "missing: lines[0].description", "no line items found",
                            "something else"};
  const int64_t id = AddDocument("bl.pdf", note);
  auto document = desk_->Document(id);
  ASSERT_TRUE(document.ok());
  const Json& fields = (*document)["fields"];
  EXPECT_EQ(fields["delivery_date"]["doubt"], true);
  EXPECT_EQ(fields["delivery_date"]["doubt_reason"], "low_confidence");
  EXPECT_EQ(fields["po_number"]["doubt"], false);  // 0.97: no doubt, whatever a schema threshold says
  EXPECT_TRUE(fields["po_number"]["doubt_reason"].is_null());
  EXPECT_EQ((*document)["lines"][0]["lot_number"]["doubt_reason"], "doubted");
  EXPECT_EQ((*document)["lines"][0]["quantity"]["doubt"], false);
  EXPECT_EQ((*document)["reason_codes"],
            Json::parse(R"([{"code": "blocking_finding", "finding": "qty_exceeds_open", "field": "lines[0].quantity"},
                            {"code": "low_confidence", "field": "delivery_date"},
                            {"code": "doubted", "field": "lines[0].lot_number"},
                            {"code": "missing", "field": "lines[0].description"},
                            {"code": "no_lines"}, {"code": "other", "text": "something else"}])"));
  auto queue = desk_->ReviewQueue(10, 0);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ((*queue)["documents"].size(), 1u);
  EXPECT_EQ((*queue)["documents"][0]["reason_codes"], (*document)["reason_codes"]);
  // A person validated it: no value is in doubt any more.
  auto validated = desk_->Validate(id, "ana", "checked on paper");
  ASSERT_TRUE(validated.ok()) << validated.status().ToString();
  EXPECT_EQ((*validated)["fields"]["delivery_date"]["doubt"], false);
}

// desk-safe: a value the decision doubts, said right as read, is certain from
// then on, an event records it, and confirming it again records nothing.
TEST_F(ReviewDeskTest, AConfirmedValueIsNoLongerInDoubtAndTheHistoryKeepsIt) {
  Json note = DeliveryNote(true);
  note["lines"][0]["lot_number"]["doubted"] = true;
  const int64_t id = AddDocument("bl.pdf", note);
  auto confirmed = desk_->ConfirmValue(id, "delivery_date", "ana");
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  EXPECT_EQ((*confirmed)["fields"]["delivery_date"]["value"], "2026-03-11");
  EXPECT_EQ((*confirmed)["fields"]["delivery_date"]["doubt"], false);
  EXPECT_EQ((*confirmed)["fields"]["delivery_date"]["confirmed_by"], "ana");
  for (const Json& reason : (*confirmed)["reason_codes"]) EXPECT_NE(reason.value("field", ""), "delivery_date");
  auto line = desk_->ConfirmValue(id, "lines[0].lot_number", "ana");
  ASSERT_TRUE(line.ok()) << line.status().ToString();
  EXPECT_FALSE((*line)["lines"][0]["lot_number"].contains("doubted"));
  EXPECT_EQ((*line)["lines"][0]["lot_number"]["doubt"], false);
  ASSERT_TRUE(desk_->ConfirmValue(id, "delivery_date", "bob").ok());  // already certain: nothing
  std::vector<ReviewEvent> events = ReviewEvents(id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "value_confirmed");
  EXPECT_EQ(events[0].field, "delivery_date");
  EXPECT_EQ(events[0].before, "2026-03-11");
  EXPECT_EQ(events[0].after, "2026-03-11");
  EXPECT_EQ(events[1].field, "lines[0].lot_number");
  EXPECT_EQ(desk_->ConfirmValue(id, "carrier", "ana").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(desk_->ConfirmValue(id, "lines[7].quantity", "ana").status().code(), StatusCode::kNotFound);
}

// desk-safe: why a file could not be read comes as a code the desk translates.
TEST_F(ReviewDeskTest, ARefusedDocumentSaysWhyAsACode) {
  const int64_t id = AddDocument("locked.pdf", nullptr, /*read=*/false);
  ASSERT_TRUE(store_->MarkRefused(id, "password-protected PDF (it does not open without a password)").ok());
  auto document = desk_->Document(id);
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  ASSERT_EQ((*document)["reason_codes"].size(), 1u) << (*document)["reason_codes"].dump();
  EXPECT_EQ((*document)["reason_codes"][0]["code"], "refused");
  EXPECT_EQ((*document)["reason_codes"][0]["cause"], "password_protected");
}

}  // namespace
}  // namespace quai
