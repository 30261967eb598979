#include "learn/supplier_conventions.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

FieldAnchor Anchor(const std::string& field, const std::string& left, double x0, int page = 0) {
  FieldAnchor a;
  a.field = field;
  a.left = left;
  a.page = page;
  a.x0 = x0;
  a.x1 = x0 + 0.1;
  a.y0 = 0.2;
  a.y1 = 0.22;
  a.value = "v";
  return a;
}

// Two validated delivery notes: the PO number beside "commande" on both (one
// with an OCR'd label "cde"), the document number on one, a quantity column,
// units KG on both and L on one.
std::vector<LayoutExample> TwoNotes() {
  LayoutExample first, second;
  first.document_id = 1;
  first.anchors = {Anchor("po_number", "commande", 0.5), Anchor("document_number", "bl", 0.1),
                   Anchor("lines.quantity", "", 0.6)};
  first.values = {{"po_number", "4500001"}, {"document_number", "BL1"}};
  first.lines = {{{"quantity", "2"}, {"unit", "KG"}}, {{"quantity", "3"}, {"unit", "kg"}}};
  second.document_id = 2;
  second.anchors = {Anchor("po_number", "commande", 0.7), Anchor("lines.quantity", "", 0.6)};
  second.values = {{"po_number", "4500002"}};
  second.lines = {{{"quantity", "1"}, {"unit", "L"}}, {{"quantity", "1"}, {"unit", "kg"}}};
  return {first, second};
}

TEST(SupplierConventions, ListsLabelsWithTheirPlaceThenColumnsThenUnitsWithTheDocumentsTeachingThem) {
  auto conventions = ConventionsOf("delivery_note", TwoNotes(), {"unit"});
  ASSERT_EQ(conventions.size(), 5u);
  EXPECT_EQ(conventions[0].key, "label/delivery_note/document_number");
  EXPECT_EQ(conventions[0].documents, 1);
  EXPECT_EQ(conventions[1].key, "label/delivery_note/po_number");
  EXPECT_EQ(conventions[1].value, "commande");
  EXPECT_EQ(conventions[1].documents, 2);
  EXPECT_EQ(conventions[1].page, 1);
  EXPECT_NEAR(conventions[1].x0, 0.6, 1e-9);  // the mean of 0.5 and 0.7
  EXPECT_EQ(conventions[2].key, "column/delivery_note/quantity");
  EXPECT_EQ(conventions[2].documents, 2);
  // Units folded: KG and kg are one unit, taught by both documents.
  EXPECT_EQ(conventions[3].kind, "unit");
  EXPECT_EQ(conventions[4].kind, "unit");
  int kg = conventions[3].value == "L" ? 4 : 3;
  EXPECT_EQ(conventions[kg].documents, 2);
  EXPECT_EQ(conventions[7 - kg].documents, 1);
  EXPECT_TRUE(ConventionsOf("delivery_note", {}, {"unit"}).empty());
}

TEST(SupplierConventions, KeysRoundTripAndBadKeysAreRefused) {
  for (const LearnedConvention& c : ConventionsOf("delivery_note", TwoNotes(), {"unit"})) {
    auto parsed = ParseConventionKey(c.key);
    ASSERT_TRUE(parsed.ok()) << c.key;
    EXPECT_EQ(parsed->kind, c.kind);
    EXPECT_EQ(parsed->document_type, c.document_type);
    EXPECT_EQ(parsed->field, c.field);
    if (c.kind == "unit") EXPECT_EQ(parsed->value, c.value);
  }
  auto alias = ParseConventionKey("identifier/alias/Solvants / Isere");
  ASSERT_TRUE(alias.ok());
  EXPECT_EQ(alias->field, "alias");
  EXPECT_EQ(alias->value, "Solvants / Isere");
  for (const char* bad : {"", "label", "label/invoice", "label//po", "unit/invoice/unit", "identifier/vat", "colour/a/b"})
    EXPECT_EQ(ParseConventionKey(bad).status().code(), StatusCode::kInvalidArgument) << bad;
}

TEST(SupplierConventions, ForgettingALabelRemovesItsAnchorsAndValuesAndNothingElse) {
  auto notes = TwoNotes();
  auto po = ParseConventionKey("label/delivery_note/po_number");
  ASSERT_TRUE(po.ok());
  for (LayoutExample& note : notes) EXPECT_TRUE(ForgetConvention(*po, &note));
  EXPECT_FALSE(ForgetConvention(*po, &notes[0]));  // nothing left to forget
  auto after = ConventionsOf("delivery_note", notes, {"unit"});
  for (const LearnedConvention& c : after) EXPECT_NE(c.key, "label/delivery_note/po_number");
  EXPECT_EQ(after.size(), 4u);
  EXPECT_EQ(notes[0].values.count("po_number"), 0u);
  EXPECT_EQ(notes[0].values.at("document_number"), "BL1");
}

TEST(SupplierConventions, ForgettingAUnitRemovesItFromEveryLineWhateverItsCase) {
  auto notes = TwoNotes();
  auto kg = ParseConventionKey("unit/delivery_note/unit/KG");
  ASSERT_TRUE(kg.ok());
  EXPECT_TRUE(ForgetConvention(*kg, &notes[0]));
  EXPECT_TRUE(ForgetConvention(*kg, &notes[1]));
  auto after = ConventionsOf("delivery_note", notes, {"unit"});
  ASSERT_EQ(after.back().kind, "unit");
  EXPECT_EQ(after.back().value, "L");
  EXPECT_EQ(after.size(), 4u);
  EXPECT_EQ(notes[0].lines[0].at("quantity"), "2");  // the line stays
}

}  // namespace
}  // namespace quai
