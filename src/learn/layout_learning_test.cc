#include "learn/layout_learning.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "extract/candidate_features.h"

namespace quai {
namespace {

// One page of 500 × 1000 points: a box in points divided by 500 and 1000 is its anchor.
std::vector<Page> OnePage() {
  std::vector<Page> pages(1);
  pages[0].width = 500;
  pages[0].height = 1000;
  return pages;
}

FieldCandidate Candidate(const std::string& field, const std::string& value, Box box, float left_label = 0,
                         const std::string& left = "") {
  FieldCandidate c;
  c.field = field;
  c.value = value;
  c.box = box;
  c.row = 1;
  c.left_context = left;
  c.features.assign(CandidateFeatures::Names().size(), 0.0f);
  c.features[CandidateFeatures::Index("left_label")] = left_label;
  return c;
}

const FieldAnchor* Find(const LayoutExample& example, const std::string& field) {
  for (const FieldAnchor& a : example.anchors)
    if (a.field == field) return &a;
  return nullptr;
}

TEST(ValidatedDateOrder, IsTheReadingThatFindsTheValidatedDates) {
  DocumentSchema schema;
  schema.fields.push_back(FieldSpec{.name = "issue_date", .type = ValueType::kDate});
  schema.fields.push_back(FieldSpec{.name = "expiry_date", .type = ValueType::kExpiryDate});
  schema.fields.push_back(FieldSpec{.name = "lot_number", .type = ValueType::kCode});
  const std::map<std::string, std::string> validated = {
      {"issue_date", "2026-05-12"}, {"expiry_date", "2029-03-10"}, {"lot_number", "05/12"}};
  // "05/12/2026" and "03/10/2029" printed: day first reads 5 December and 3 October.
  std::map<std::string, std::vector<FieldCandidate>> day_first = {
      {"issue_date", {Candidate("issue_date", "2026-12-05", {0, 0, 1, 1})}},
      {"expiry_date", {Candidate("expiry_date", "2029-10-03", {0, 0, 1, 1})}},
      {"lot_number", {Candidate("lot_number", "05/12", {0, 0, 1, 1})}}};
  std::map<std::string, std::vector<FieldCandidate>> month_first = {
      {"issue_date", {Candidate("issue_date", "2026-05-12", {0, 0, 1, 1})}},
      {"expiry_date", {Candidate("expiry_date", "2029-03-10", {0, 0, 1, 1})}},
      {"lot_number", {Candidate("lot_number", "05/12", {0, 0, 1, 1})}}};
  EXPECT_EQ(ValidatedDateOrder(schema, validated, day_first, month_first), DateOrder::kMonthFirst);
  EXPECT_EQ(ValidatedDateOrder(schema, validated, month_first, day_first), DateOrder::kDayFirst);
  // Dates either reading finds (17/12/2026, 05/05/2026) say nothing.
  EXPECT_EQ(ValidatedDateOrder(schema, validated, month_first, month_first), DateOrder::kUnknown);
  EXPECT_EQ(ValidatedDateOrder(schema, {}, day_first, month_first), DateOrder::kUnknown);
}

TEST(LearnLayoutExample, AnchorsEachFieldAtTheCandidateHoldingItsValidatedValue) {
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["po_number"] = {Candidate("po_number", "4500012345", {50, 100, 120, 110}, 0.9, "n po"),
                             Candidate("po_number", "4500099999", {400, 80, 470, 90}, 0.2, "commande")};
  candidates["total_incl_tax"] = {Candidate("total_incl_tax", "1250.00", {400, 900, 450, 910})};
  LayoutExample example = LearnLayoutExample(candidates, OnePage(),
                                             {{"po_number", "4500099999"}, {"total_incl_tax", "1250"}}, {});
  ASSERT_EQ(example.anchors.size(), 2u);
  const FieldAnchor* po = Find(example, "po_number");
  ASSERT_NE(po, nullptr);
  EXPECT_DOUBLE_EQ(po->x0, 0.8);
  EXPECT_DOUBLE_EQ(po->y0, 0.08);
  EXPECT_EQ(po->left, "commande");
  EXPECT_EQ(po->value, "4500099999");
  // Numbers match as numbers; the anchor keeps the validated value.
  const FieldAnchor* total = Find(example, "total_incl_tax");
  ASSERT_NE(total, nullptr);
  EXPECT_DOUBLE_EQ(total->y0, 0.9);
  EXPECT_EQ(total->value, "1250");
}

TEST(LearnLayoutExample, WithoutAPointerTheCandidateWithTheStrongestLabelWins) {
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["po_number"] = {Candidate("po_number", "4500012345", {50, 500, 120, 510}, 0.3, "ref"),
                             Candidate("po_number", "4500012345", {400, 80, 470, 90}, 0.95, "n po"),
                             Candidate("po_number", "4500012345", {50, 700, 120, 710}, 0.0)};
  LayoutExample example = LearnLayoutExample(candidates, OnePage(), {{"po_number", "4500012345"}}, {});
  ASSERT_EQ(example.anchors.size(), 1u);
  EXPECT_EQ(example.anchors[0].left, "n po");
  EXPECT_DOUBLE_EQ(example.anchors[0].x0, 0.8);
}

TEST(LearnLayoutExample, PrefersTheCandidateThePersonPointedAt) {
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["po_number"] = {Candidate("po_number", "4500012345", {400, 80, 470, 90}, 0.95, "n po"),
                             Candidate("po_number", "4500012345", {50, 500, 120, 510}, 0.1, "ref")};
  ValuePointer pointer;
  pointer.field = "po_number";
  pointer.page = 1;
  pointer.box = {48, 498, 118, 512};
  LayoutExample example = LearnLayoutExample(candidates, OnePage(), {{"po_number", "4500012345"}}, {pointer});
  ASSERT_EQ(example.anchors.size(), 1u);
  EXPECT_EQ(example.anchors[0].left, "ref");
  EXPECT_DOUBLE_EQ(example.anchors[0].y0, 0.5);
}

TEST(LearnLayoutExample, SkipsFieldsWithoutACandidateHoldingTheirValue) {
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["invoice_number"] = {Candidate("invoice_number", "F-2026-002", {400, 60, 470, 70}, 0.9)};
  candidates["po_number"] = {Candidate("po_number", "4500012345", {400, 80, 470, 90}, 0.9)};
  FieldCandidate barcode = Candidate("lot_number", "L240312", {10, 10, 60, 40});
  barcode.row = -1;  // decoded from bars: no place in the text
  candidates["lot_number"] = {barcode};
  candidates["due_date"] = {Candidate("due_date", "2026-04-30", {400, 200, 450, 210}, 0.9)};
  // The invoice number was misread; the PO number was left blank; no value for the due date.
  LayoutExample example = LearnLayoutExample(
      candidates, OnePage(), {{"invoice_number", "F-2026-003"}, {"po_number", ""}, {"lot_number", "L240312"}}, {});
  EXPECT_TRUE(example.anchors.empty());
  // The values are kept all the same (their shape, their article), the blank one left out.
  EXPECT_EQ(example.values,
            (std::map<std::string, std::string>{{"invoice_number", "F-2026-003"}, {"lot_number", "L240312"}}));
}

TEST(LearnLayoutExample, AScannedValueReadWithSlipsIsAnchoredWhereItIsPrinted) {
  // No candidate reads the validated name exactly: a close reading teaches its place.
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["company"] = {Candidate("company", "MR. D.1.Y, (KUCHAI) SDN BHI", {40, 20, 300, 32}),
                           Candidate("company", "TAX INVOICE", {40, 200, 200, 212})};
  candidates["invoice_number"] = {Candidate("invoice_number", "F-2026-002", {400, 60, 470, 70}, 0.9),
                                  Candidate("invoice_number", "F-2026-003", {400, 600, 470, 610})};
  LayoutExample example = LearnLayoutExample(
      candidates, OnePage(), {{"company", "MR. D.I.Y. (KUCHAI) SDN BHD"}, {"invoice_number", "F-2026-003"}}, {});
  const FieldAnchor* company = Find(example, "company");
  ASSERT_NE(company, nullptr);
  EXPECT_DOUBLE_EQ(company->y0, 0.02);
  EXPECT_EQ(company->value, "MR. D.I.Y. (KUCHAI) SDN BHD");
  // An exact reading wins over a close one.
  const FieldAnchor* number = Find(example, "invoice_number");
  ASSERT_NE(number, nullptr);
  EXPECT_DOUBLE_EQ(number->y0, 0.6);
}

LineItem Line(const std::map<std::string, std::pair<std::string, Box>>& cells) {
  LineItem item;
  for (const auto& [name, cell] : cells) {
    FieldCandidate c;
    c.field = name;
    c.value = cell.first;
    c.box = cell.second;
    c.left_context = "should not be kept";
    item.fields[name] = c;
  }
  return item;
}

TEST(LearnLayoutExample, LineColumnsSpanTheCellsThatHoldValidatedValues) {
  std::vector<LineItem> lines = {
      Line({{"description", {"Gants nitrile", {50, 300, 200, 310}}}, {"quantity", {"12", {300, 300, 320, 310}}}}),
      // Its quantity was misread: that cell is not part of the column.
      Line({{"description", {"Masques FFP2", {50, 320, 190, 330}}}, {"quantity", {"6", {280, 320, 340, 330}}}}),
      Line({{"description", {"Port", {50, 340, 80, 350}}}, {"quantity", {"1", {300, 340, 320, 350}}}}),
  };
  std::vector<std::map<std::string, std::string>> truth = {
      {{"description", "Gants nitrile"}, {"quantity", "12"}},
      {{"description", "Masques FFP2"}, {"quantity", "5"}},
      {{"description", "Lunettes"}, {"quantity", "1.000"}},
  };
  LayoutExample example = LearnLayoutExample({}, OnePage(), {}, {}, lines, truth);
  const FieldAnchor* quantity = Find(example, "lines.quantity");
  ASSERT_NE(quantity, nullptr);
  EXPECT_DOUBLE_EQ(quantity->x0, 0.6);
  EXPECT_DOUBLE_EQ(quantity->x1, 0.64);
  EXPECT_DOUBLE_EQ(quantity->y0, 0.3);
  EXPECT_DOUBLE_EQ(quantity->y1, 0.35);
  EXPECT_EQ(quantity->value, "");
  EXPECT_EQ(quantity->left, "");
  const FieldAnchor* description = Find(example, "lines.description");
  ASSERT_NE(description, nullptr);
  EXPECT_DOUBLE_EQ(description->x0, 0.1);
  EXPECT_DOUBLE_EQ(description->x1, 0.4);
  EXPECT_DOUBLE_EQ(description->y0, 0.3);
  EXPECT_DOUBLE_EQ(description->y1, 0.33);  // "Port" is not "Lunettes"
  EXPECT_EQ(example.anchors.size(), 2u);
  EXPECT_EQ(example.lines, truth);  // the articles delivered, as validated
}

TEST(LearnLayoutExample, NoLineColumnsWithoutValidatedLines) {
  std::vector<LineItem> lines = {Line({{"quantity", {"12", {300, 300, 320, 310}}}})};
  EXPECT_TRUE(LearnLayoutExample({}, OnePage(), {}, {}, lines, {}).anchors.empty());
}

LayoutExample Example(const std::vector<std::pair<std::string, std::string>>& field_and_left,
                      const std::string& above = "") {
  LayoutExample example;
  for (const auto& [field, left] : field_and_left) {
    FieldAnchor a;
    a.field = field;
    a.left = left;
    a.above = above;
    example.anchors.push_back(a);
  }
  return example;
}

bool Knows(const std::map<std::string, std::vector<std::string>>& vocabulary, const std::string& field,
           const std::string& context) {
  auto it = vocabulary.find(field);
  return it != vocabulary.end() && std::find(it->second.begin(), it->second.end(), context) != it->second.end();
}

TEST(LearnVocabulary, KeepsALabelSeenBesideAFieldOnTwoDocuments) {
  auto vocabulary = LearnVocabulary({Example({{"batch", "charge"}}), Example({{"batch", "charge"}}),
                                     Example({{"batch", "partie"}})});
  EXPECT_TRUE(Knows(vocabulary, "batch", "charge"));
  EXPECT_FALSE(Knows(vocabulary, "batch", "partie"));  // one document only
}

TEST(LearnVocabulary, ALabelCountsOncePerDocument) {
  // Left and above of the same anchor, and two anchors of one document: still one document.
  LayoutExample one = Example({{"batch", "charge"}, {"batch", "charge"}}, "charge");
  auto vocabulary = LearnVocabulary({one, Example({{"other", "x"}})});
  EXPECT_FALSE(Knows(vocabulary, "batch", "charge"));
}

TEST(LearnVocabulary, DropsALabelSeenBesideSeveralFields) {
  std::vector<LayoutExample> examples;
  // "date" beside the order date twice and the ship date twice: ambiguous.
  examples.push_back(Example({{"order_date", "date"}}));
  examples.push_back(Example({{"order_date", "date"}}));
  examples.push_back(Example({{"ship_date", "date"}}));
  examples.push_back(Example({{"ship_date", "date"}}));
  // "versand" beside the ship date four times in five: kept for it only.
  for (int i = 0; i < 4; ++i) examples.push_back(Example({{"ship_date", "versand"}}));
  examples.push_back(Example({{"order_date", "versand"}}));
  auto vocabulary = LearnVocabulary(examples);
  EXPECT_FALSE(Knows(vocabulary, "order_date", "date"));
  EXPECT_FALSE(Knows(vocabulary, "ship_date", "date"));
  EXPECT_TRUE(Knows(vocabulary, "ship_date", "versand"));
  EXPECT_FALSE(Knows(vocabulary, "order_date", "versand"));
}

TEST(LearnVocabulary, ThreeInFiveBesideAFieldIsNotEnough) {
  std::vector<LayoutExample> examples;
  for (int i = 0; i < 3; ++i) examples.push_back(Example({{"ship_date", "versand"}}));
  for (int i = 0; i < 2; ++i) examples.push_back(Example({{"order_date", "versand"}}));
  EXPECT_FALSE(Knows(LearnVocabulary(examples), "ship_date", "versand"));
}

TEST(LearnVocabulary, ALabelOfOneSupplierOnlyIsNoLabel) {
  // A shop's own name above its address on all its receipts.
  std::vector<LayoutExample> examples(5, Example({{"address", "boulangerie martin"}}));
  std::vector<std::string> suppliers(5, "7");
  EXPECT_FALSE(Knows(LearnVocabulary(examples, suppliers), "address", "boulangerie martin"));
  // The same words beside the field for two suppliers are a label.
  suppliers[4] = "8";
  EXPECT_TRUE(Knows(LearnVocabulary(examples, suppliers), "address", "boulangerie martin"));
}

TEST(LearnVocabulary, DocumentsWithoutASupplierEachCountAsOne) {
  std::vector<LayoutExample> examples(2, Example({{"batch", "charge"}}));
  EXPECT_TRUE(Knows(LearnVocabulary(examples, {"", ""}), "batch", "charge"));
  EXPECT_TRUE(Knows(LearnVocabulary(examples, {"3"}), "batch", "charge"));  // the second: missing
}

TEST(LearnVocabulary, TheShareBesideAFieldIsCountedInSuppliers) {
  // Four documents of two suppliers beside the ship date, one of a third
  // supplier beside the order date: 2 of 3 suppliers, under four in five.
  std::vector<LayoutExample> examples;
  for (int i = 0; i < 4; ++i) examples.push_back(Example({{"ship_date", "versand"}}));
  examples.push_back(Example({{"order_date", "versand"}}));
  EXPECT_FALSE(Knows(LearnVocabulary(examples, {"1", "1", "1", "2", "3"}), "ship_date", "versand"));
  // Counted in documents of suppliers of their own it would be 4 in 5.
  EXPECT_TRUE(Knows(LearnVocabulary(examples), "ship_date", "versand"));
}

TEST(LearnVocabulary, LinesColumnsAndEmptyContextsTeachNothing) {
  LayoutExample columns;
  FieldAnchor column;
  column.field = "lines.quantity";
  columns.anchors.push_back(column);
  EXPECT_TRUE(LearnVocabulary({columns, columns, columns}).empty());
}

}  // namespace
}  // namespace quai
