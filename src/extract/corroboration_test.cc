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

}  // namespace
}  // namespace quai
