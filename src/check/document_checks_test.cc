#include "check/document_checks.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "check/finding_codes.h"
#include "check/line_amounts_check.h"
#include "check/required_fields_check.h"
#include "check/totals_check.h"
#include "check/unread_lines_check.h"

namespace quai {
namespace {

std::map<std::string, ExtractedValue> Line(const char* quantity, const char* price, const char* amount) {
  std::map<std::string, ExtractedValue> line;
  line["quantity"].value = quantity;
  line["unit_price"].value = price;
  line["amount"].value = amount;
  for (auto& [name, v] : line) v.confidence = 0.8;
  return line;
}

std::vector<Finding> FindingsOf(const DocumentCheck& check, const Extraction& e, const DocumentSchema& schema = {}) {
  std::vector<Finding> findings;
  check.Run(e, schema, &findings);
  return findings;
}

FieldSpec Field(const std::string& name, ValueType type, bool required) {
  FieldSpec field;
  field.name = name;
  field.type = type;
  field.required = required;
  return field;
}

DocumentSchema Invoice() {
  DocumentSchema schema;
  schema.document_type = "invoice";
  schema.fields = {Field("invoice_number", ValueType::kCode, true), Field("total_excl_tax", ValueType::kAmount, false),
                   Field("po_number", ValueType::kPoNumber, true)};
  return schema;
}

TEST(TotalsCheck, TotalsThatDoNotAddUpOrLackOneAreBlockingFindings) {
  Extraction e;
  e.fields["total_excl_tax"].value = "850.78";
  e.fields["total_tax"].value = "170.16";
  e.fields["total_incl_tax"].value = "1020.04";
  auto findings = FindingsOf(TotalsCheck(), e);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].code, finding_codes::kTotalsMismatch);
  EXPECT_TRUE(findings[0].blocking);

  e.fields.erase("total_tax");
  findings = FindingsOf(TotalsCheck(), e);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].code, finding_codes::kTotalsIncomplete);
  EXPECT_EQ(findings[0].field, "total_tax");
  EXPECT_TRUE(findings[0].blocking);

  // No tax printed on an invoice whose totals are equal: nothing to say.
  e.fields["total_incl_tax"].value = "850.78";
  EXPECT_TRUE(FindingsOf(TotalsCheck(), e).empty());
  // One total alone: nothing to check.
  e.fields.erase("total_incl_tax");
  EXPECT_TRUE(FindingsOf(TotalsCheck(), e).empty());
}

TEST(LineAmountsCheck, ConsistentLinesGiveNoFinding) {
  Extraction e;
  e.lines = {Line("265", "3.07", "813.55"), Line("3", "488.10", "1464.30")};
  e.fields["total_excl_tax"].value = "2277.85";
  EXPECT_TRUE(FindingsOf(LineAmountsCheck(), e).empty());
}

TEST(LineAmountsCheck, AMisreadLineOrAMissingLineIsAFindingAndNoValueChanges) {
  Extraction e;
  e.lines = {Line("265", "3.07", "813.55"), Line("3", "488.10", "146.30")};
  e.fields["total_excl_tax"].value = "2277.85";
  auto findings = FindingsOf(LineAmountsCheck(), e);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].code, finding_codes::kLineAmountMismatch);
  EXPECT_EQ(findings[0].field, "lines[1].amount");
  EXPECT_FALSE(findings[0].blocking);
  EXPECT_EQ(findings[1].code, finding_codes::kLinesTotalMismatch);
  EXPECT_TRUE(findings[1].blocking);
  EXPECT_DOUBLE_EQ(e.lines[1]["amount"].confidence, 0.8);  // lowering it is the reading's
}

TEST(RequiredFieldsCheck, EachMissingRequiredHeaderFieldIsABlockingFinding) {
  Extraction e;
  e.fields["po_number"].value = "4500012345";
  auto findings = FindingsOf(RequiredFieldsCheck(), e, Invoice());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].code, finding_codes::kRequiredFieldMissing);
  EXPECT_EQ(findings[0].field, "invoice_number");
  EXPECT_TRUE(findings[0].blocking);
}

TEST(UnreadLinesCheck, ARowTheTableReaderCouldNotReadIsABlockingFinding) {
  Extraction e;
  EXPECT_TRUE(FindingsOf(UnreadLinesCheck(), e).empty());
  e.unread_line_rows = 2;
  auto findings = FindingsOf(UnreadLinesCheck(), e);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].code, finding_codes::kLineNotRead);
  EXPECT_EQ(findings[0].field, "lines");
  EXPECT_TRUE(findings[0].blocking);
}

TEST(DocumentChecks, RunInOneOrderAndReplaceTheFindings) {
  std::vector<std::string> names;
  for (const auto& check : DocumentChecks()) names.emplace_back(check->name());
  EXPECT_EQ(names, (std::vector<std::string>{"unread_lines", "totals", "line_amounts", "required_fields", "einvoice_text"}));

  const DocumentSchema schema = Invoice();
  Extraction e;
  e.unread_line_rows = 1;
  e.lines = {Line("3", "488.10", "146.30")};
  e.fields["total_excl_tax"].value = "850.78";
  e.fields["total_tax"].value = "170.16";
  e.findings.push_back({"stale", "", true, "from an earlier reading of the values"});
  RunChecks(&schema, &e);
  std::vector<std::string> codes;
  for (const Finding& f : e.findings) codes.push_back(f.code);
  EXPECT_EQ(codes, (std::vector<std::string>{finding_codes::kLineNotRead, finding_codes::kTotalsIncomplete,
                                             finding_codes::kLineAmountMismatch, finding_codes::kLinesTotalMismatch,
                                             finding_codes::kRequiredFieldMissing, finding_codes::kRequiredFieldMissing}));

  // A person's corrections make them go.
  e.unread_line_rows = 0;
  e.lines = {Line("3", "283.59", "850.77")};
  e.fields["total_incl_tax"].value = "1020.94";
  e.fields["invoice_number"].value = "F-2026-001";
  e.fields["po_number"].value = "4500012345";
  RunChecks(&schema, &e);
  EXPECT_TRUE(e.findings.empty());
}

TEST(DocumentChecks, ATypeWithoutSchemaHasNoFinding) {
  Extraction e;
  e.fields["total_excl_tax"].value = "850.78";
  e.fields["total_tax"].value = "170.16";
  e.findings.push_back({"stale", "", true, ""});
  RunChecks(nullptr, &e);
  EXPECT_TRUE(e.findings.empty());
}

TEST(FindingCodes, AreDistinct) {
  const std::set<std::string> codes = {finding_codes::kLineNotRead,          finding_codes::kTotalsMismatch,
                                       finding_codes::kTotalsIncomplete,     finding_codes::kLineAmountMismatch,
                                       finding_codes::kLinesTotalMismatch,   finding_codes::kRequiredFieldMissing};
  EXPECT_EQ(codes.size(), 6u);
}

}  // namespace
}  // namespace quai
