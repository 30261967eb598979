#include "extract/number_columns.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "extract/recognizers/recognizer.h"

namespace quai {
namespace {

DocumentSchema InvoiceLines() {
  DocumentSchema schema;
  schema.document_type = "invoice";
  for (auto [name, type] : {std::pair{"quantity", ValueType::kQuantity},
                            {"unit_price", ValueType::kAmount},
                            {"amount", ValueType::kAmount}}) {
    FieldSpec& f = schema.lines.emplace_back();
    f.name = name;
    f.type = type;
  }
  return schema;
}

// A line as the table reader gives it: each cell read as printed with the
// document's style (`style`), as the extractor does.
LineItem Printed(const std::map<std::string, std::string>& printed, NumberStyle style = NumberStyle::kUnknown) {
  LineItem item;
  RecognizerContext context;
  context.number_style = style;
  for (const auto& [name, text] : printed) {
    FieldCandidate& c = item.fields[name];
    c.field = name;
    c.printed = text;
    std::vector<std::string> words;
    size_t start = 0;
    while (start <= text.size()) {
      size_t space = text.find(' ', start);
      if (space == std::string::npos) space = text.size();
      if (space > start) words.push_back(text.substr(start, space - start));
      start = space + 1;
    }
    auto matches = FindValues(name == "quantity" ? ValueType::kQuantity : ValueType::kAmount, words, context);
    for (const ValueMatch& m : matches)
      if (m.first_word == 0 && m.end_word == static_cast<int>(words.size())) {
        c.value = m.value;
        break;
      }
  }
  return item;
}

LayoutMemory MemoryOf(const std::vector<std::vector<std::map<std::string, std::string>>>& documents) {
  LayoutMemory memory;
  memory.supplier_id = 3;
  for (const auto& lines : documents) memory.examples.push_back({0, {}, lines, {}});
  return memory;
}

TEST(ReadNumberColumns, TheLineArithmeticDecidesAThreeDigitDecimal) {
  // 700,910 kg at 2,00 = 1401,82: only the decimal comma adds up, whatever the document's style said.
  std::vector<LineItem> items = {
      Printed({{"quantity", "700,910"}, {"unit_price", "2.00"}, {"amount", "1401.82"}}, NumberStyle::kDecimalPoint)};
  ASSERT_EQ(items[0].fields["quantity"].value, "700910");
  EXPECT_EQ(ReadNumberColumns(InvoiceLines(), {}, &items), 1);
  EXPECT_EQ(items[0].fields["quantity"].value, "700.910");
  EXPECT_NE(items[0].fields["quantity"].evidence.find("quantity × price = amount"), std::string::npos);
  // And a thousands separator stays one when that is what adds up.
  items = {Printed({{"quantity", "1,250"}, {"unit_price", "2.00"}, {"amount", "2500.00"}}, NumberStyle::kDecimalComma)};
  ASSERT_EQ(items[0].fields["quantity"].value, "1.250");
  EXPECT_EQ(ReadNumberColumns(InvoiceLines(), {}, &items), 1);
  EXPECT_EQ(items[0].fields["quantity"].value, "1250");
}

TEST(ReadNumberColumns, TheOtherValuesOfTheColumnDecide) {
  // "1 250,000" and "1500,000" print a decimal comma; "25,000" under them is 25.
  std::vector<LineItem> items = {Printed({{"quantity", "25,000"}}, NumberStyle::kDecimalPoint),
                                 Printed({{"quantity", "1 250,000"}}, NumberStyle::kDecimalPoint),
                                 Printed({{"quantity", "1500,000"}}, NumberStyle::kDecimalPoint)};
  ASSERT_EQ(items[0].fields["quantity"].value, "25000");
  EXPECT_EQ(ReadNumberColumns(InvoiceLines(), {}, &items), 1);
  EXPECT_EQ(items[0].fields["quantity"].value, "25.000");
  EXPECT_NE(items[0].fields["quantity"].evidence.find("its column prints a decimal comma"), std::string::npos);
  EXPECT_EQ(items[1].fields["quantity"].value, "1250.000");
  // A column printing a point keeps "25,000" as twenty-five thousand.
  items = {Printed({{"quantity", "25,000"}}, NumberStyle::kDecimalComma),
           Printed({{"quantity", "1,250.500"}}, NumberStyle::kDecimalComma)};
  EXPECT_EQ(ReadNumberColumns(InvoiceLines(), {}, &items), 1);
  EXPECT_EQ(items[0].fields["quantity"].value, "25000");
}

TEST(ReadNumberColumns, TheSupplierValidatedDocumentsTeachTheColumn) {
  // Five validated documents whose quantities had three decimals: "25,000" on the next one is 25.
  std::vector<std::vector<std::map<std::string, std::string>>> documents(
      5, {{{"quantity", "700.910"}}, {{"quantity", "12.000"}}});
  const auto learned = LearnedColumnDecimals(MemoryOf(documents), InvoiceLines());
  ASSERT_EQ(learned.count("quantity"), 1u);
  EXPECT_EQ(learned.at("quantity").three_decimals, 10);
  EXPECT_EQ(learned.at("quantity").documents, 5);
  std::vector<LineItem> items = {Printed({{"quantity", "25,000"}}), Printed({{"quantity", "12"}})};
  ASSERT_EQ(items[0].fields["quantity"].value, "25000");
  EXPECT_EQ(ReadNumberColumns(InvoiceLines(), learned, &items), 1);
  EXPECT_EQ(items[0].fields["quantity"].value, "25.000");
  EXPECT_NE(items[0].fields["quantity"].evidence.find("5 validated documents of this supplier have three decimals"),
            std::string::npos);
  // A supplier whose quantities are whole thousands: "1.861" is 1861.
  const auto whole = LearnedColumnDecimals(MemoryOf({{{{"quantity", "1930"}}, {{"quantity", "25"}}}}), InvoiceLines());
  items = {Printed({{"quantity", "1.861"}}, NumberStyle::kDecimalPoint)};
  ASSERT_EQ(items[0].fields["quantity"].value, "1.861");
  EXPECT_EQ(ReadNumberColumns(InvoiceLines(), whole, &items), 1);
  EXPECT_EQ(items[0].fields["quantity"].value, "1861");
  EXPECT_NE(items[0].fields["quantity"].evidence.find("are whole numbers"), std::string::npos);
}

TEST(ReadNumberColumns, ALearnedConventionNeverOverridesWhatThePageShows) {
  // The supplier's validated quantities had three decimals, but this page's
  // column prints a decimal point: its "25,000" stays 25000.
  std::vector<std::vector<std::map<std::string, std::string>>> documents(5, {{{"quantity", "700.910"}}});
  const auto learned = LearnedColumnDecimals(MemoryOf(documents), InvoiceLines());
  std::vector<LineItem> items = {Printed({{"quantity", "25,000"}}, NumberStyle::kDecimalPoint),
                                 Printed({{"quantity", "1,250.500"}}, NumberStyle::kDecimalPoint)};
  EXPECT_EQ(ReadNumberColumns(InvoiceLines(), learned, &items), 0);
  EXPECT_EQ(items[0].fields["quantity"].value, "25000");
  // Nor over the line's arithmetic: 25,000 × 2.00 = 50,000.00.
  items = {Printed({{"quantity", "25,000"}, {"unit_price", "2.00"}, {"amount", "50,000.00"}}, NumberStyle::kDecimalPoint)};
  EXPECT_EQ(ReadNumberColumns(InvoiceLines(), learned, &items), 0);
  EXPECT_EQ(items[0].fields["quantity"].value, "25000");
  // Values whose reading does not depend on the separator are never touched.
  items = {Printed({{"quantity", "12,5"}}), Printed({{"quantity", "250"}})};
  EXPECT_EQ(ReadNumberColumns(InvoiceLines(), learned, &items), 0);
  EXPECT_EQ(items[0].fields["quantity"].value, "12.5");
  EXPECT_EQ(items[1].fields["quantity"].value, "250");
  EXPECT_EQ(items[1].fields["quantity"].evidence, "");
}

TEST(ReadNumberColumns, NothingToTellLeavesTheDocumentsReading) {
  std::vector<LineItem> items = {Printed({{"quantity", "25,000"}}, NumberStyle::kDecimalComma)};
  EXPECT_EQ(ReadNumberColumns(InvoiceLines(), {}, &items), 0);
  EXPECT_EQ(items[0].fields["quantity"].value, "25.000");
  EXPECT_EQ(items[0].fields["quantity"].evidence, "");
}

}  // namespace
}  // namespace quai
