#include "extract/layout_memory.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/candidate_features.h"

namespace quai {
namespace {

// Pages of 500 × 1000 points: a box in points divided by 500 and 1000 is its anchor.
std::vector<Page> Pages(int count) {
  std::vector<Page> pages(count);
  for (int i = 0; i < count; ++i) {
    pages[i].number = i + 1;
    pages[i].width = 500;
    pages[i].height = 1000;
  }
  return pages;
}

FieldAnchor Anchor(const std::string& field, double x0, double y0, double x1, double y1, const std::string& left,
                   const std::string& value, int page = 0, int pages = 1) {
  FieldAnchor a;
  a.field = field;
  a.page = page;
  a.pages = pages;
  a.x0 = x0;
  a.y0 = y0;
  a.x1 = x1;
  a.y1 = y1;
  a.left = left;
  a.value = value;
  return a;
}

// A candidate read by OCR.
FieldCandidate Candidate(const std::string& field, Box box, const std::string& left, const std::string& value,
                         int page = 0) {
  FieldCandidate c;
  c.from_ocr = true;
  c.field = field;
  c.page = page;
  c.box = box;
  c.left_context = left;
  c.value = value;
  c.evidence = "label left of value";
  c.features.assign(CandidateFeatures::Names().size(), 0.0f);
  return c;
}

LayoutMemory MemoryOf(const std::vector<std::vector<FieldAnchor>>& documents) {
  LayoutMemory memory;
  memory.supplier_id = 3;
  int64_t id = 100;
  for (const auto& anchors : documents) {
    LayoutExample example;
    example.document_id = ++id;
    example.anchors = anchors;
    memory.examples.push_back(example);
  }
  return memory;
}

float Feature(const FieldCandidate& c, const std::string& name) {
  int index = CandidateFeatures::Index(name);
  EXPECT_GE(index, 0) << name;
  return index < 0 ? -1 : c.features[index];
}

TEST(LayoutExample, RoundTripsThroughJson) {
  LayoutExample example;
  example.document_id = 42;
  example.anchors.push_back(Anchor("po_number", 0.8, 0.08, 0.94, 0.09, "n po", "4500012345", 1, 3));
  example.anchors.back().above = "commande";
  example.anchors.push_back(Anchor("lines.quantity", 0.6, 0.3, 0.65, 0.7, "", ""));
  auto parsed = ParseLayoutExample(LayoutExampleToJson(example).dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->document_id, 42);
  ASSERT_EQ(parsed->anchors.size(), 2u);
  const FieldAnchor& a = parsed->anchors[0];
  EXPECT_EQ(a.field, "po_number");
  EXPECT_EQ(a.page, 1);
  EXPECT_EQ(a.pages, 3);
  EXPECT_DOUBLE_EQ(a.x0, 0.8);
  EXPECT_DOUBLE_EQ(a.y0, 0.08);
  EXPECT_DOUBLE_EQ(a.x1, 0.94);
  EXPECT_DOUBLE_EQ(a.y1, 0.09);
  EXPECT_EQ(a.left, "n po");
  EXPECT_EQ(a.above, "commande");
  EXPECT_EQ(a.value, "4500012345");
  EXPECT_EQ(parsed->anchors[1].field, "lines.quantity");
  EXPECT_DOUBLE_EQ(parsed->anchors[1].y1, 0.7);
  EXPECT_TRUE(parsed->lines.empty());
}

TEST(LayoutExample, KeepsTheValidatedLineItems) {
  LayoutExample example;
  example.lines = {{{"description", "Hex nut M8 – box of 200"}, {"unit", "pcs"}}, {{"description", "Cône 200 µL"}}};
  auto parsed = ParseLayoutExample(LayoutExampleToJson(example).dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->lines, example.lines);
  auto bad = ParseLayoutExample(R"({"anchors": [], "lines": [3]})");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  bad = ParseLayoutExample(R"({"anchors": [], "lines": {}})");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST(LayoutExample, KeepsEveryValidatedHeaderValue) {
  LayoutExample example;
  example.anchors.push_back(Anchor("po_number", 0.8, 0.08, 0.94, 0.09, "n po", "4500012345"));
  example.anchors.push_back(Anchor("lines.quantity", 0.6, 0.3, 0.65, 0.7, "", ""));
  // Stored before the values were kept: the anchors' values stand for them.
  EXPECT_EQ(HeaderValues(example), (std::map<std::string, std::string>{{"po_number", "4500012345"}}));
  example.values = {{"po_number", "4500012345"}, {"certificate_number", "SI-CC6858"}};  // not found on the page
  auto parsed = ParseLayoutExample(LayoutExampleToJson(example).dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->values, example.values);
  EXPECT_EQ(HeaderValues(*parsed), example.values);
  auto bad = ParseLayoutExample(R"({"anchors": [], "values": ["SI-CC6858"]})");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST(LayoutExample, KeepsTheOrderItsDatesWerePrintedIn) {
  LayoutExample example;
  example.date_order = DateOrder::kMonthFirst;
  auto parsed = ParseLayoutExample(LayoutExampleToJson(example).dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->date_order, DateOrder::kMonthFirst);
  example.date_order = DateOrder::kUnknown;
  EXPECT_FALSE(LayoutExampleToJson(example).contains("date_order"));
}

TEST(LearnedDateOrder, IsWhatTheRememberedDocumentsThatToldSayWhenTheyAgree) {
  LayoutMemory memory;
  EXPECT_EQ(LearnedDateOrder(memory), DateOrder::kUnknown);
  memory.examples.resize(3);  // two of them printed no ambiguous date
  memory.examples[1].date_order = DateOrder::kMonthFirst;
  EXPECT_EQ(LearnedDateOrder(memory), DateOrder::kMonthFirst);
  memory.examples[2].date_order = DateOrder::kDayFirst;
  EXPECT_EQ(LearnedDateOrder(memory), DateOrder::kUnknown);
}

FieldAnchor Above(FieldAnchor anchor, const std::string& above) {
  anchor.above = above;
  return anchor;
}

TEST(SupplierLabels, AreTheWordsBesideAFieldOnMostOfItsDocumentsAndBesideNoOther) {
  LayoutMemory memory;
  for (int i = 0; i < 3; ++i) {
    LayoutExample& example = memory.examples.emplace_back();
    example.anchors.push_back(Above(Anchor("delivery_note_number", 0.1, 0.2, 0.2, 0.21, "", "4853250"), "n de bon"));
    example.anchors.push_back(Above(Anchor("po_number", 0.5, 0.2, 0.6, 0.21, i == 0 ? "commande" : "", "CMD1"), "n de commande"));
    example.anchors.push_back(Anchor("delivery_date", 0.3, 0.2, 0.4, 0.21, "date", "2026-06-17"));
    example.anchors.push_back(Anchor("total_tax", 0.3, 0.8, 0.4, 0.81, "date", "12.50"));  // beside two fields
    example.anchors.push_back(Anchor("lines.quantity", 0.6, 0.3, 0.65, 0.7, "qte", ""));
  }
  auto labels = SupplierLabels(memory);
  EXPECT_EQ(labels["delivery_note_number"], (std::vector<std::string>{"n de bon"}));
  EXPECT_EQ(labels["po_number"], (std::vector<std::string>{"n de commande"}));  // "commande" once: no label
  EXPECT_FALSE(labels.count("delivery_date"));
  EXPECT_FALSE(labels.count("total_tax"));
  EXPECT_FALSE(labels.count("lines.quantity"));
  // Seen once: not yet the supplier's label.
  memory.examples.resize(1);
  EXPECT_TRUE(SupplierLabels(memory).empty());
}

TEST(LayoutExample, MalformedJsonIsInvalidArgument) {
  for (const char* text : {"not json", "[]", R"({"document_id": 1})", R"({"anchors": {}})",
                           R"({"anchors": [{"field": "po_number", "box": [0.1, 0.2, 0.3]}]})",
                           R"({"anchors": [{"field": "po_number"}]})", R"({"anchors": [7]})"}) {
    auto parsed = ParseLayoutExample(text);
    EXPECT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << text;
  }
}

TEST(LayoutExample, WrongTypesInsideAnAnchorAreInvalidArgumentNotAnException) {
  for (const char* text : {R"({"anchors": [{"field": "po_number", "box": ["a", 0.2, 0.3, 0.4]}]})",
                           R"({"anchors": [{"field": 5, "box": [0.1, 0.2, 0.3, 0.4]}]})",
                           R"({"anchors": [{"field": "x", "page": "one", "box": [0.1, 0.2, 0.3, 0.4]}]})",
                           R"({"document_id": "seven", "anchors": []})"}) {
    Result<LayoutExample> parsed = LayoutExample{};
    EXPECT_NO_THROW(parsed = ParseLayoutExample(text)) << text;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << text;
  }
}

TEST(LayoutExample, EmptyAnchorsAreAValidExample) {
  auto parsed = ParseLayoutExample(R"({"document_id": 9, "anchors": []})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->document_id, 9);
  EXPECT_TRUE(parsed->anchors.empty());
}

TEST(AnchorOf, IsTheCandidatesBoxAsFractionsOfItsPage) {
  FieldCandidate c = Candidate("po_number", {400, 80, 470, 90}, "n po", "4500012345", 1);
  c.above_context = "commande";
  FieldAnchor a = AnchorOf(c, Pages(2));
  EXPECT_EQ(a.field, "po_number");
  EXPECT_EQ(a.page, 1);
  EXPECT_EQ(a.pages, 2);
  EXPECT_DOUBLE_EQ(a.x0, 0.8);
  EXPECT_DOUBLE_EQ(a.y0, 0.08);
  EXPECT_DOUBLE_EQ(a.x1, 0.94);
  EXPECT_DOUBLE_EQ(a.y1, 0.09);
  EXPECT_EQ(a.left, "n po");
  EXPECT_EQ(a.above, "commande");
  EXPECT_EQ(a.value, "4500012345");
}

// Four remembered documents: three print the order number at the same place
// beside "n po" (two of them the same number), one elsewhere beside "commande".
LayoutMemory FourDocuments() {
  return MemoryOf({{Anchor("po_number", 0.80, 0.08, 0.94, 0.09, "n po", "4500012345")},
                   {Anchor("po_number", 0.80, 0.08, 0.94, 0.09, "n po", "4500012345")},
                   {Anchor("po_number", 0.81, 0.081, 0.95, 0.091, "n po", "4500099999")},
                   {Anchor("po_number", 0.20, 0.50, 0.34, 0.51, "commande", "4500077777")}});
}

TEST(ApplyLayoutMemory, FillsTheSharesOfDocumentsWhoseLabelPlaceAndValueTheCandidateRepeats) {
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["po_number"].push_back(Candidate("po_number", {400, 80, 470, 90}, "n po", "4500012345"));
  ApplyLayoutMemory(FourDocuments(), Pages(1), &candidates);
  const FieldCandidate& c = candidates["po_number"][0];
  EXPECT_FLOAT_EQ(Feature(c, "memory_documents"), 4);
  EXPECT_FLOAT_EQ(Feature(c, "memory_label"), 0.75);
  EXPECT_FLOAT_EQ(Feature(c, "memory_position"), 0.75);
  EXPECT_FLOAT_EQ(Feature(c, "memory_value"), 0.5);
  EXPECT_EQ(c.evidence, "learned from 4 validated documents of this supplier (same label and place)");
}

TEST(ApplyLayoutMemory, SaysWhichOfLabelOrPlaceBacksTheCandidate) {
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  // At the usual place but beside another label.
  candidates["po_number"].push_back(Candidate("po_number", {400, 80, 470, 90}, "reference", "4500012345"));
  // Beside the usual label, elsewhere on the page.
  candidates["po_number"].push_back(Candidate("po_number", {50, 300, 120, 310}, "n po", "4500012345"));
  ApplyLayoutMemory(FourDocuments(), Pages(1), &candidates);
  EXPECT_EQ(candidates["po_number"][0].evidence,
            "learned from 4 validated documents of this supplier (same place)");
  EXPECT_FLOAT_EQ(Feature(candidates["po_number"][0], "memory_label"), 0);
  EXPECT_EQ(candidates["po_number"][1].evidence,
            "learned from 4 validated documents of this supplier (same label)");
  EXPECT_FLOAT_EQ(Feature(candidates["po_number"][1], "memory_position"), 0);
}

TEST(ApplyLayoutMemory, ClaimsNothingWhenFewerThanHalfTheDocumentsAgree) {
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  // Only the fourth document had it here, beside this label: 1 of 4.
  candidates["po_number"].push_back(Candidate("po_number", {100, 500, 170, 510}, "commande", "4500077777"));
  ApplyLayoutMemory(FourDocuments(), Pages(1), &candidates);
  const FieldCandidate& c = candidates["po_number"][0];
  EXPECT_FLOAT_EQ(Feature(c, "memory_documents"), 4);
  EXPECT_FLOAT_EQ(Feature(c, "memory_label"), 0.25);
  EXPECT_FLOAT_EQ(Feature(c, "memory_position"), 0.25);
  EXPECT_FLOAT_EQ(Feature(c, "memory_value"), 0.25);
  EXPECT_EQ(c.evidence, "label left of value");
}

TEST(ApplyLayoutMemory, DocumentsWithoutTheFieldCountAgainstIt) {
  // Two documents; only one printed a due date, here: exactly half agree.
  LayoutMemory memory = MemoryOf({{Anchor("due_date", 0.8, 0.2, 0.9, 0.21, "echeance", "2026-04-30")},
                                  {Anchor("po_number", 0.8, 0.08, 0.94, 0.09, "n po", "4500012345")}});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["due_date"].push_back(Candidate("due_date", {400, 200, 450, 210}, "echeance", "2026-05-31"));
  ApplyLayoutMemory(memory, Pages(1), &candidates);
  const FieldCandidate& c = candidates["due_date"][0];
  EXPECT_FLOAT_EQ(Feature(c, "memory_documents"), 2);
  EXPECT_FLOAT_EQ(Feature(c, "memory_label"), 0.5);
  EXPECT_FLOAT_EQ(Feature(c, "memory_position"), 0.5);
  EXPECT_FLOAT_EQ(Feature(c, "memory_value"), 0);
  EXPECT_EQ(c.evidence, "learned from 2 validated documents of this supplier (same label and place)");
}

TEST(ApplyLayoutMemory, OneDocumentIsSingular) {
  LayoutMemory memory = MemoryOf({{Anchor("po_number", 0.8, 0.08, 0.94, 0.09, "n po", "4500012345")}});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["po_number"].push_back(Candidate("po_number", {400, 80, 470, 90}, "n po", "4500012345"));
  ApplyLayoutMemory(memory, Pages(1), &candidates);
  EXPECT_EQ(candidates["po_number"][0].evidence,
            "learned from 1 validated document of this supplier (same label and place)");
}

TEST(ApplyLayoutMemory, AValueMovedBeyondThreePercentOfThePageIsNotInTheSamePlace) {
  LayoutMemory memory = MemoryOf({{Anchor("po_number", 0.8, 0.08, 0.94, 0.09, "", "")}});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["po_number"].push_back(Candidate("po_number", {405, 85, 475, 95}, "", "1"));    // 1 %, 0.5 % off
  candidates["po_number"].push_back(Candidate("po_number", {430, 80, 500, 90}, "", "2"));    // 6 % to the right
  candidates["po_number"].push_back(Candidate("po_number", {400, 130, 470, 140}, "", "3"));  // 5 % lower
  ApplyLayoutMemory(memory, Pages(1), &candidates);
  EXPECT_FLOAT_EQ(Feature(candidates["po_number"][0], "memory_position"), 1);
  EXPECT_FLOAT_EQ(Feature(candidates["po_number"][1], "memory_position"), 0);
  EXPECT_FLOAT_EQ(Feature(candidates["po_number"][2], "memory_position"), 0);
}

TEST(ApplyLayoutMemory, AValueOnTheLastPageStaysOnTheLastPage) {
  // Remembered on page 2 of 2; here the document has 3 pages.
  LayoutMemory memory = MemoryOf({{Anchor("total_incl_tax", 0.8, 0.9, 0.9, 0.91, "", "", 1, 2)}});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["total_incl_tax"].push_back(Candidate("total_incl_tax", {400, 900, 450, 910}, "", "10", 2));
  candidates["total_incl_tax"].push_back(Candidate("total_incl_tax", {400, 900, 450, 910}, "", "20", 0));
  ApplyLayoutMemory(memory, Pages(3), &candidates);
  EXPECT_FLOAT_EQ(Feature(candidates["total_incl_tax"][0], "memory_position"), 1);
  EXPECT_FLOAT_EQ(Feature(candidates["total_incl_tax"][1], "memory_position"), 0);
}

TEST(ApplyLayoutMemory, OnlyTheNewestDocumentsCount) {
  // kLayoutMemoryDocuments newest elsewhere, then two older ones here.
  std::vector<std::vector<FieldAnchor>> documents;
  for (int i = 0; i < kLayoutMemoryDocuments; ++i)
    documents.push_back({Anchor("po_number", 0.1, 0.5, 0.2, 0.51, "", "")});
  for (int i = 0; i < 2; ++i) documents.push_back({Anchor("po_number", 0.8, 0.08, 0.94, 0.09, "", "")});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["po_number"].push_back(Candidate("po_number", {400, 80, 470, 90}, "", "1"));
  ApplyLayoutMemory(MemoryOf(documents), Pages(1), &candidates);
  EXPECT_FLOAT_EQ(Feature(candidates["po_number"][0], "memory_documents"), kLayoutMemoryDocuments);
  EXPECT_FLOAT_EQ(Feature(candidates["po_number"][0], "memory_position"), 0);
}

TEST(ApplyLayoutMemory, WithoutMemoryTheFeaturesStayZeroAndTheEvidenceUnchanged) {
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["po_number"].push_back(Candidate("po_number", {400, 80, 470, 90}, "n po", "4500012345"));
  ApplyLayoutMemory(LayoutMemory{}, Pages(1), &candidates);
  const FieldCandidate& c = candidates["po_number"][0];
  for (const char* name : {"memory_documents", "memory_label", "memory_position", "memory_value"})
    EXPECT_FLOAT_EQ(Feature(c, name), 0) << name;
  EXPECT_EQ(c.evidence, "label left of value");
}

TEST(ColumnShare, IsTheShareOfDocumentsWhoseColumnLiesOverTheCell) {
  LayoutMemory memory = MemoryOf({{Anchor("lines.quantity", 0.50, 0.3, 0.60, 0.6, "", "")},
                                  {Anchor("lines.quantity", 0.49, 0.3, 0.59, 0.5, "", ""),
                                   Anchor("lines.amount", 0.80, 0.3, 0.90, 0.5, "", "")},
                                  {Anchor("lines.quantity", 0.10, 0.3, 0.20, 0.5, "", "")},
                                  {Anchor("quantity", 0.50, 0.3, 0.60, 0.5, "", "")}});
  FieldCandidate cell = Candidate("quantity", {260, 400, 290, 410}, "", "12");  // 0.52 .. 0.58
  EXPECT_DOUBLE_EQ(ColumnShare(memory, "quantity", cell, Pages(1)), 0.5);
  EXPECT_DOUBLE_EQ(ColumnShare(memory, "amount", cell, Pages(1)), 0.0);
  // Less than half the cell under the column.
  FieldCandidate shifted = Candidate("quantity", {290, 400, 340, 410}, "", "12");  // 0.58 .. 0.68
  EXPECT_DOUBLE_EQ(ColumnShare(memory, "quantity", shifted, Pages(1)), 0.0);
  EXPECT_DOUBLE_EQ(ColumnShare(LayoutMemory{}, "quantity", cell, Pages(1)), 0.0);
  FieldCandidate off_document = Candidate("quantity", {260, 400, 290, 410}, "", "12", 3);
  EXPECT_DOUBLE_EQ(ColumnShare(memory, "quantity", off_document, Pages(1)), 0.0);
}

TEST(SameContext, SameLabelAllowsOneSlipOnlyInLongLabels) {
  EXPECT_TRUE(SameContext("n po", "n po"));
  EXPECT_TRUE(SameContext("date de livraison", "date de livraisn"));
  EXPECT_FALSE(SameContext("n po", "n pa"));
  EXPECT_FALSE(SameContext("date de livraison", "numero de commande"));
  EXPECT_FALSE(SameContext("", ""));
  EXPECT_FALSE(SameContext("n po", ""));
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

TEST(ValueShape, DigitsLettersAndLiterals) {
  EXPECT_EQ(ValueShape("CA/26/4095"), "AA/99/9999");
  EXPECT_EQ(ValueShape("Si-cc 9"), "Aa-aa 9");
}

TEST(RepairByLearnedShapes, UndoesOcrConfusionsWhereTheSuppliersShapeDemandsIt) {
  LayoutMemory memory = MemoryOf({{Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "CA/26/4095")},
                                  {Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "CA/25/1180")}});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  auto& list = candidates["po_number"];
  list.push_back(Candidate("po_number", {50, 100, 150, 112}, "", "CAI26/7068"));  // "/" read as "I"
  list.push_back(Candidate("po_number", {50, 100, 150, 112}, "", "cA/2O/1234"));  // case, O for 0
  list.push_back(Candidate("po_number", {50, 100, 150, 112}, "", "CA/26/70689"));  // another length
  list.push_back(Candidate("po_number", {50, 100, 150, 112}, "", "CA/26/70X8"));  // X is no digit
  list.push_back(Candidate("po_number", {50, 100, 150, 112}, "", "CA/26/7068"));  // fits already
  RepairByLearnedShapes(memory, {"po_number"}, &candidates);
  EXPECT_EQ(list[0].value, "CA/26/7068");
  EXPECT_TRUE(list[0].repaired);
  EXPECT_NE(list[0].evidence.find("OCR 'CAI26/7068' read as CA/26/7068: the shape of this supplier's po_number values"),
            std::string::npos)
      << list[0].evidence;
  EXPECT_EQ(list[1].value, "CA/20/1234");
  EXPECT_EQ(list[2].value, "CA/26/70689");
  EXPECT_FALSE(list[2].repaired);
  EXPECT_EQ(list[3].value, "CA/26/70X8");
  EXPECT_FALSE(list[3].repaired);
  EXPECT_EQ(list[4].value, "CA/26/7068");
  EXPECT_FALSE(list[4].repaired);
}

// "0098470" in a text layer is what the supplier printed, whatever shapes its
// earlier documents had: no OCR happened, so there is no OCR slip to undo.
TEST(RepairByLearnedShapes, NeverChangesAValueFromATextLayer) {
  LayoutMemory memory = MemoryOf({{Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "OC98471")},
                                  {Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "OC98472")}});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  FieldCandidate born = Candidate("po_number", {50, 100, 150, 112}, "", "0098470");
  born.from_ocr = false;
  candidates["po_number"].push_back(born);
  candidates["po_number"].push_back(Candidate("po_number", {50, 100, 150, 112}, "", "0C98470"));  // OCR
  RepairByLearnedShapes(memory, {"po_number"}, &candidates);
  EXPECT_EQ(candidates["po_number"][0].value, "0098470");
  EXPECT_FALSE(candidates["po_number"][0].repaired);
  EXPECT_EQ(candidates["po_number"][1].value, "OC98470");
  EXPECT_TRUE(candidates["po_number"][1].repaired);
}

TEST(RepairByLearnedShapes, RepairsToAnyShapeSeenTwiceButNeverAwayFromAShapeSeen) {
  LayoutMemory memory = MemoryOf({{Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "CA/26/4095")},
                                  {Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "CA/25/1180")},
                                  {Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "4500012345")},
                                  {Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "4500012399")},
                                  {Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "CDE2561053")}});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  auto& list = candidates["po_number"];
  list.push_back(Candidate("po_number", {50, 100, 150, 112}, "", "CAI26/7068"));  // two in five print CA/yy/nnnn
  list.push_back(Candidate("po_number", {50, 100, 150, 112}, "", "45000l2345"));  // and 45000...
  list.push_back(Candidate("po_number", {50, 100, 150, 112}, "", "CDE2561O53"));  // seen once only
  list.push_back(Candidate("po_number", {50, 100, 150, 112}, "", "CDE2561954"));  // a shape seen: left alone
  RepairByLearnedShapes(memory, {"po_number"}, &candidates);
  EXPECT_EQ(list[0].value, "CA/26/7068");
  EXPECT_EQ(list[1].value, "4500012345");
  EXPECT_EQ(list[2].value, "CDE2561O53");
  EXPECT_FALSE(list[2].repaired);
  EXPECT_EQ(list[3].value, "CDE2561954");
  EXPECT_FALSE(list[3].repaired);
}

TEST(RepairByLearnedShapes, NeedsMostRememberedValuesToShareTheShapeAndOnlyNamedFields) {
  LayoutMemory mixed = MemoryOf({{Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "CA/26/4095")},
                                 {Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "4500012345")}});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["po_number"].push_back(Candidate("po_number", {50, 100, 150, 112}, "", "CAI26/7068"));
  RepairByLearnedShapes(mixed, {"po_number"}, &candidates);
  EXPECT_EQ(candidates["po_number"][0].value, "CAI26/7068");  // one in two is not most

  LayoutMemory same = MemoryOf({{Anchor("po_number", 0.1, 0.1, 0.3, 0.12, "", "CA/26/4095")}});
  RepairByLearnedShapes(same, {"invoice_number"}, &candidates);
  EXPECT_EQ(candidates["po_number"][0].value, "CAI26/7068");  // not a field to repair
  RepairByLearnedShapes(LayoutMemory{}, {"po_number"}, &candidates);
  EXPECT_EQ(candidates["po_number"][0].value, "CAI26/7068");  // no memory, no repair
}

}  // namespace
}  // namespace quai
