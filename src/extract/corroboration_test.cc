#include "extract/corroboration.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

Extraction Totals(const char* excl, const char* tax, const char* incl) {
  Extraction e;
  e.fields["total_excl_tax"].value = excl;
  e.fields["total_tax"].value = tax;
  e.fields["total_incl_tax"].value = incl;
  e.fields["invoice_number"].value = "F-1001";
  return e;
}

bool Corroborated(const Extraction& extraction, const std::string& field, const LayoutMemory& memory) {
  return !Corroboration(extraction, field, memory).empty();
}

LayoutMemory Remembered(const std::string& field, const std::vector<std::string>& values) {
  LayoutMemory memory;
  for (const std::string& value : values) {
    LayoutExample example;
    FieldAnchor a;
    a.field = field;
    a.value = value;
    example.anchors.push_back(a);
    memory.examples.push_back(example);
  }
  return memory;
}

TEST(Corroborated, TotalsThatAddUpConfirmEachOther) {
  Extraction e = Totals("850.78", "170.16", "1020.94");
  EXPECT_TRUE(TotalsAddUp(e));
  for (const char* field : {"total_excl_tax", "total_tax", "total_incl_tax"})
    EXPECT_TRUE(Corroborated(e, field, {})) << field;
  EXPECT_FALSE(Corroborated(e, "invoice_number", {}));  // not a total
  EXPECT_FALSE(Corroborated(e, "due_date", {}));        // not read
}

TEST(Corroborated, TotalsThatDoNotAddUpConfirmNothing) {
  Extraction e = Totals("850.78", "170.16", "1020.04");  // a misread digit
  EXPECT_FALSE(TotalsAddUp(e));
  EXPECT_FALSE(Corroborated(e, "total_tax", {}));
  e = Totals("850.78", "", "850.78");
  EXPECT_FALSE(TotalsAddUp(e));
}

TEST(Corroborated, AValueMostValidatedDocumentsOfTheSupplierHad) {
  Extraction e;
  e.fields["supplier_vat_number"].value = "FR27506224187";
  EXPECT_TRUE(Corroborated(e, "supplier_vat_number", Remembered("supplier_vat_number", {"FR27506224187"})));
  EXPECT_TRUE(Corroborated(
      e, "supplier_vat_number",
      Remembered("supplier_vat_number", {"FR27506224187", "FR27506224187", "FR2750622418"})));
  EXPECT_FALSE(Corroborated(e, "supplier_vat_number",
                            Remembered("supplier_vat_number", {"FR27506224187", "FR2750622418"})));  // half only
  EXPECT_FALSE(Corroborated(e, "supplier_vat_number", Remembered("supplier_vat_number", {"FR27506224181"})));
  EXPECT_FALSE(Corroborated(e, "supplier_vat_number", {}));  // no memory
}

TEST(Corroborated, DatesTheUsualPaymentTermsApart) {
  Extraction e;
  e.fields["invoice_date"].value = "2026-01-31";
  e.fields["due_date"].value = "2026-03-17";  // 45 days
  EXPECT_TRUE(PaymentTermsFit(e));
  EXPECT_TRUE(Corroborated(e, "invoice_date", {}));
  EXPECT_TRUE(Corroborated(e, "due_date", {}));
  e.fields["due_date"].value = "2026-03-02";  // 30 days, over February
  EXPECT_TRUE(PaymentTermsFit(e));
  e.fields["invoice_date"].value = "2026-01-21";  // a misread day: 40 days
  EXPECT_FALSE(Corroborated(e, "invoice_date", {}));
  e.fields["invoice_date"].value = "2026-03-02";  // the same date read twice
  EXPECT_FALSE(PaymentTermsFit(e));
  e.fields["invoice_date"].value = "2026-01-31";
  e.fields["due_date"].value = "2026-02-31";  // no such day
  EXPECT_FALSE(PaymentTermsFit(e));
  e.fields.erase("due_date");
  EXPECT_FALSE(Corroborated(e, "invoice_date", {}));
}

LayoutMemory LineValues(const std::string& field, const std::vector<std::string>& values) {
  LayoutMemory memory;
  LayoutExample& example = memory.examples.emplace_back();
  for (const std::string& value : values) example.lines.push_back({{field, value}});
  return memory;
}

TEST(UnanimousShape, EveryOneOfAtLeastFiveRememberedValuesAlike) {
  const LayoutMemory five = LineValues("supplier_article_code", {"CHOC439", "CHOC270", "CHOC957", "CHOC803", "CHOC167"});
  EXPECT_EQ(UnanimousShape(five, "supplier_article_code", true), "AAAA999");
  EXPECT_TRUE(BreaksShape("CHOCA439", "AAAA999"));  // a letter too many
  EXPECT_TRUE(BreaksShape("CHOC43", "AAAA999"));    // a digit lost
  EXPECT_FALSE(BreaksShape("CHOC438", "AAAA999"));  // a digit for another: the shape cannot tell
  EXPECT_FALSE(BreaksShape("CHOCA439", ""));
  EXPECT_EQ(UnanimousShape(five, "supplier_article_code", false), "");  // no header values
  EXPECT_EQ(UnanimousShape(LineValues("supplier_article_code", {"CHOC439", "CHOC270", "CHOC957", "CHOC803"}),
                           "supplier_article_code", true),
            "");  // four
  EXPECT_EQ(UnanimousShape(LineValues("supplier_article_code",
                                      {"CHOC439", "CHOC270", "CHOC957", "CHOC803", "CHOC167", "FA126"}),
                           "supplier_article_code", true),
            "");  // not all alike
  // Header values: one per validated document.
  const LayoutMemory certificates = Remembered("certificate_number", {"SI-CC2370", "SI-CC1187", "SI-CC9055",
                                                                      "SI-CC4410", "SI-CC0321"});
  EXPECT_EQ(UnanimousShape(certificates, "certificate_number", false), "AA-AA9999");
  EXPECT_TRUE(BreaksShape("SiI-CC2370", UnanimousShape(certificates, "certificate_number", false)));
}

TEST(OutsideCompanyShapes, ANumberInNoShapeTheCompanyValidatedOnceItValidatedEnough) {
  const std::map<std::string, int> shapes = {{"AA/99/9999", 13}, {"9999999999", 14}};  // 27 values
  EXPECT_TRUE(OutsideCompanyShapes("CAI26/7068", shapes));  // "/" read as "I"
  EXPECT_FALSE(OutsideCompanyShapes("CA/26/7068", shapes));
  EXPECT_FALSE(OutsideCompanyShapes("4500974724", shapes));
  EXPECT_FALSE(OutsideCompanyShapes("", shapes));
  EXPECT_FALSE(OutsideCompanyShapes("CAI26/7068", {{"AA/99/9999", 13}, {"9999999999", 6}}));  // 19: too few
  EXPECT_FALSE(OutsideCompanyShapes("CAI26/7068", {}));
  // A shape one validated value had may be a misread a person let through.
  EXPECT_TRUE(OutsideCompanyShapes("CAI26/7068", {{"AA/99/9999", 13}, {"9999999999", 14}, {"AAA99/9999", 1}}));
}

TEST(Corroborated, AnArticleTheSupplierDeliveredBefore) {
  Extraction e;
  e.fields["article_code"].value = "CHOC439";
  LayoutMemory memory;
  memory.articles["article_code"] = {"CHOC439", "CHOC270"};
  EXPECT_TRUE(Corroborated(e, "article_code", memory));
  e.fields["article_code"].value = "CHOCA439";  // an extra letter read
  EXPECT_FALSE(Corroborated(e, "article_code", memory));
  EXPECT_FALSE(Corroborated(e, "article_code", {}));
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

// A memory of `documents` validated documents whose lines had these lots.
LayoutMemory RememberedLots(const std::vector<std::vector<std::string>>& documents) {
  LayoutMemory memory;
  for (const auto& lots : documents) {
    LayoutExample& example = memory.examples.emplace_back();
    for (const std::string& lot : lots) example.lines.push_back({{"lot_number", lot}, {"quantity", "12"}});
  }
  return memory;
}

FieldCandidate Cell(const std::string& value) {
  FieldCandidate cell;
  cell.value = value;
  return cell;
}

TEST(ColumnShape, TheShapeMostRememberedValuesOfTheColumnShare) {
  EXPECT_EQ(ColumnShape(RememberedLots({{"25074-J", "26167-J"}, {"24359-G"}}), "lot_number"), "99999-A");
  EXPECT_EQ(ColumnShape(RememberedLots({{"25074-J", "26167-J", "2616"}}), "lot_number"), "99999-A");
  // Two shapes as often: none; fewer than three values: none.
  EXPECT_EQ(ColumnShape(RememberedLots({{"25074-J", "26167-J"}, {"L2611", "L2612"}}), "lot_number"), "");
  EXPECT_EQ(ColumnShape(RememberedLots({{"25074-J", "26167-J"}}), "lot_number"), "");
  EXPECT_EQ(ColumnShape(RememberedLots({{"25074-J", "26167-J", "24359-G"}}), "expiry_date"), "");
  EXPECT_EQ(ColumnShape(LayoutMemory{}, "lot_number"), "");
}

TEST(CellCorroborated, ACodeInTheColumnsShapeAnArticleDeliveredBeforeOrALineThatAddsUp) {
  const std::string shape = "99999-A";
  EXPECT_TRUE(CellCorroborated(Cell("26214-J"), shape));
  EXPECT_FALSE(CellCorroborated(Cell("26214"), shape));    // OCR lost the suffix
  EXPECT_FALSE(CellCorroborated(Cell("262144-J"), shape));  // or read one digit more
  EXPECT_FALSE(CellCorroborated(Cell("26214-J"), ""));      // no shape learned
  FieldCandidate remembered = Cell("Huile hydraulique HV 46");
  remembered.remembered = true;
  EXPECT_TRUE(CellCorroborated(remembered, ""));
  FieldCandidate adds_up = Cell("12");
  adds_up.adds_up = true;
  EXPECT_TRUE(CellCorroborated(adds_up, ""));
  EXPECT_FALSE(CellCorroborated(Cell(""), shape));
}

}  // namespace
}  // namespace quai
