#include "review/value_import.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "fixtures/test_directory.h"
#include "gtest/gtest.h"
#include "learn/canonical_document.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

const std::chrono::system_clock::time_point kStart = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 8h;

// A delivery note as `quai extract --json` stores it, read with one date
// wrong, the note number missed, an order number that is not on it, and one
// line where there are two.
Json ReadDeliveryNote() {
  return {
      {"document_type", "delivery_note"},
      {"type_confidence", 0.98},
      {"supplier", {{"name", "ACME SAS"}, {"known", true}}},
      {"fields",
       {{"supplier_name", {{"value", "ACME SAS"}, {"confidence", 0.99}, {"page", 1}, {"box", {10, 10, 90, 20}}}},
        {"delivery_date", {{"value", "2026-03-11"}, {"confidence", 0.62}, {"page", 1}, {"box", {400, 60, 460, 70}}}},
        {"po_number", {{"value", "4500012345"}, {"confidence", 0.97}, {"page", 1}, {"box", {400, 80, 470, 90}}}}}},
      {"lines",
       {{{"quantity", {{"value", "12"}, {"confidence", 0.9}, {"page", 1}, {"box", {300, 300, 320, 310}}}},
         {"lot_number", {{"value", "L240312"}, {"confidence", 0.95}, {"page", 1}, {"box", {200, 300, 260, 310}}}}}}},
      {"findings", Json::array()},
      {"review_required", true},
      {"review_reasons", Json::array({"delivery_date under its threshold (0.62)"})},
      {"model_version", "classifier-ab12+field-scorer-cd34"}};
}

// What the document really says.
CanonicalDocument Truth() {
  CanonicalDocument truth;
  truth.document_type = "delivery_note";
  truth.fields = {{"supplier_name", "ACME SAS"}, {"delivery_date", "2026-03-12"}, {"delivery_note_number", "BL-0077"}};
  truth.lines = {{{"quantity", "10"}, {"lot_number", "L240312"}},
                 {{"quantity", "5"}, {"lot_number", "L240313"}, {"description", "Gants nitrile"}}};
  return truth;
}

class ValueImportTest : public ::testing::Test {
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

  // A stored document, read (one A4 page), extracted with `extraction` unless it is null.
  int64_t AddDocument(const std::string& name, const Json& extraction) {
    DocumentRecord record;
    char sha[65];
    std::snprintf(sha, sizeof(sha), "%064x", ++documents_);
    record.sha256 = sha;
    record.original_name = name;
    record.source = "cli";
    record.media_type = MediaType::kPdf;
    auto id = store_->AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
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
      EXPECT_TRUE(store_->SaveExtraction(stored).ok());
    }
    clock_.Advance(1min);
    return *id;
  }

  std::vector<ReviewEvent> PeopleEvents(int64_t id) {
    auto events = desk_->Events(id);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    std::vector<ReviewEvent> people;
    if (events.ok())
      for (const ReviewEvent& event : *events)
        if (event.user != "system") people.push_back(event);
    return people;
  }

  const ReviewEvent* Event(const std::vector<ReviewEvent>& events, const std::string& action,
                           const std::string& field) {
    for (const ReviewEvent& e : events)
      if (e.action == action && e.field == field) return &e;
    return nullptr;
  }

  std::map<std::string, std::string> FieldValues(const Json& document) {
    std::map<std::string, std::string> values;
    for (const auto& [name, field] : document["fields"].items())
      if (field.is_object() && field.value("value", Json()).is_string()) values[name] = field["value"];
    return values;
  }

  std::vector<std::map<std::string, std::string>> LineValues(const Json& document) {
    std::vector<std::map<std::string, std::string>> lines;
    for (const Json& line : document["lines"]) {
      auto& values = lines.emplace_back();
      for (const auto& [name, field] : line.items())
        if (field.is_object() && field.value("value", Json()).is_string()) values[name] = field["value"];
    }
    return lines;
  }

  std::optional<CanonicalDocument> TrainingExampleOf(int64_t id) {
    auto example = store_->FindTrainingExample(id);
    EXPECT_TRUE(example.ok()) << example.status().ToString();
    if (!example.ok() || !example->has_value()) return std::nullopt;
    auto canonical = ParseCanonicalDocument((*example)->canonical_json);
    EXPECT_TRUE(canonical.ok()) << canonical.status().ToString();
    if (!canonical.ok()) return std::nullopt;
    return *canonical;
  }

  TestDirectory directory_;
  FakeClock clock_{kStart};
  std::unique_ptr<SqliteRepository> store_;
  std::unique_ptr<ReviewDesk> desk_;
  int documents_ = 0;
};

TEST_F(ValueImportTest, TheDocumentEndsValidatedWithExactlyTheGivenValues) {
  const int64_t id = AddDocument("bl-0077.pdf", ReadDeliveryNote());
  auto imported = ImportValidatedValues(*desk_, id, Truth(), "import");
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ((*imported)["status"], "validated");
  EXPECT_EQ((*imported)["validated_by"], "import");

  auto document = desk_->Document(id);
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  EXPECT_EQ((*document)["status"], "validated");
  EXPECT_EQ((*document)["document_type"], "delivery_note");
  EXPECT_EQ(FieldValues(*document), Truth().fields);  // po_number removed
  EXPECT_EQ(LineValues(*document), Truth().lines);
}

TEST_F(ValueImportTest, ATrainingExampleHoldsTheGivenValues) {
  const int64_t id = AddDocument("bl-0077.pdf", ReadDeliveryNote());
  ASSERT_TRUE(ImportValidatedValues(*desk_, id, Truth(), "import").ok());
  std::optional<CanonicalDocument> example = TrainingExampleOf(id);
  ASSERT_TRUE(example.has_value());
  EXPECT_EQ(example->document_type, "delivery_note");
  EXPECT_EQ(example->fields, Truth().fields);
  EXPECT_EQ(example->lines, Truth().lines);
}

TEST_F(ValueImportTest, TheAuditTrailRecordsEachCorrectionAsAPersonsWould) {
  const int64_t id = AddDocument("bl-0077.pdf", ReadDeliveryNote());
  ASSERT_TRUE(ImportValidatedValues(*desk_, id, Truth(), "import").ok());
  std::vector<ReviewEvent> events = PeopleEvents(id);
  for (const ReviewEvent& e : events) EXPECT_EQ(e.user, "import") << e.action;

  const ReviewEvent* date = Event(events, "field_corrected", "delivery_date");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->before, "2026-03-11");
  EXPECT_EQ(date->after, "2026-03-12");
  const ReviewEvent* number = Event(events, "field_corrected", "delivery_note_number");
  ASSERT_NE(number, nullptr);
  EXPECT_TRUE(number->before.is_null());
  EXPECT_EQ(number->after, "BL-0077");
  const ReviewEvent* order = Event(events, "field_corrected", "po_number");
  ASSERT_NE(order, nullptr);
  EXPECT_EQ(order->before, "4500012345");
  EXPECT_TRUE(order->after.is_null());
  // The supplier was read right: not corrected.
  EXPECT_EQ(Event(events, "field_corrected", "supplier_name"), nullptr);

  int removed = 0, added = 0;
  for (const ReviewEvent& e : events) {
    removed += e.action == "line_removed";
    added += e.action == "line_added";
  }
  EXPECT_EQ(removed, 1);
  EXPECT_EQ(added, 2);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().action, "validated");
}

TEST_F(ValueImportTest, ValuesReadRightNeedNoCorrection) {
  Json read = ReadDeliveryNote();
  read["fields"]["delivery_date"]["value"] = "2026-03-12";
  read["fields"]["delivery_note_number"] = {{"value", "BL-0077"}, {"confidence", 0.9}};
  read["fields"].erase("po_number");
  read["lines"] = Json::array();
  for (const auto& line : Truth().lines) {
    Json row = Json::object();
    for (const auto& [name, value] : line) row[name] = {{"value", value}, {"confidence", 0.9}};
    read["lines"].push_back(row);
  }
  const int64_t id = AddDocument("bl-0077.pdf", read);
  ASSERT_TRUE(ImportValidatedValues(*desk_, id, Truth(), "import").ok());
  std::vector<ReviewEvent> events = PeopleEvents(id);
  // No correction; the truth leaves the required PO number out, which the
  // history says (validated over it, with the import's reason).
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "validation_overridden");
  EXPECT_EQ(events[0].reason, "known values imported");
  EXPECT_EQ(events[1].action, "validated");
  std::optional<CanonicalDocument> example = TrainingExampleOf(id);
  ASSERT_TRUE(example.has_value());
  EXPECT_EQ(example->fields, Truth().fields);
  EXPECT_EQ(example->lines, Truth().lines);
}

TEST_F(ValueImportTest, ADocumentReadAsAnotherTypeTakesTheGivenType) {
  Json read = ReadDeliveryNote();
  read["document_type"] = "invoice";
  read["fields"] = {{"supplier_name", {{"value", "ACME SAS"}, {"confidence", 0.99}}},
                    {"invoice_number", {{"value", "F-1"}, {"confidence", 0.8}}}};
  read["lines"] = Json::array();
  const int64_t id = AddDocument("bl-0077.pdf", read);
  auto imported = ImportValidatedValues(*desk_, id, Truth(), "import");
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ((*imported)["document_type"], "delivery_note");
  EXPECT_EQ(FieldValues(*imported), Truth().fields);
  EXPECT_EQ(LineValues(*imported), Truth().lines);
  std::vector<ReviewEvent> events = PeopleEvents(id);
  const ReviewEvent* changed = Event(events, "type_changed", "");
  ASSERT_NE(changed, nullptr);
  EXPECT_EQ(changed->before, "invoice");
  EXPECT_EQ(changed->after, "delivery_note");
  std::optional<CanonicalDocument> example = TrainingExampleOf(id);
  ASSERT_TRUE(example.has_value());
  EXPECT_EQ(example->document_type, "delivery_note");
}

TEST_F(ValueImportTest, AValueTheFieldCannotHoldFailsNamingItAndTheDocumentIsNotValidated) {
  const int64_t id = AddDocument("bl-0077.pdf", ReadDeliveryNote());
  CanonicalDocument truth = Truth();
  truth.fields["delivery_date"] = "2026-02-31";
  auto imported = ImportValidatedValues(*desk_, id, truth, "import");
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(imported.status().message().find("delivery_date"), std::string::npos) << imported.status().message();
  auto document = desk_->Document(id);
  ASSERT_TRUE(document.ok());
  EXPECT_NE((*document)["status"], "validated");
  EXPECT_FALSE(TrainingExampleOf(id).has_value());
}

TEST_F(ValueImportTest, AFieldTheTypeDoesNotHaveFailsNamingIt) {
  const int64_t id = AddDocument("bl-0077.pdf", ReadDeliveryNote());
  CanonicalDocument truth = Truth();
  truth.fields["carrier"] = "DHL";
  auto imported = ImportValidatedValues(*desk_, id, truth, "import");
  ASSERT_FALSE(imported.ok());
  EXPECT_NE(imported.status().message().find("carrier"), std::string::npos) << imported.status().message();
  EXPECT_FALSE(TrainingExampleOf(id).has_value());
}

TEST_F(ValueImportTest, AnUnknownDocumentIsNotFound) {
  EXPECT_EQ(ImportValidatedValues(*desk_, 999, Truth(), "import").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace quai
