#include "extract/usual_fields.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

LayoutExample Example(std::map<std::string, std::string> values, std::vector<std::map<std::string, std::string>> lines) {
  LayoutExample example;
  example.values = std::move(values);
  example.lines = std::move(lines);
  return example;
}

TEST(UsualFields, AreTheLineColumnsEveryRememberedDocumentHad) {
  LayoutMemory memory;
  memory.examples.push_back(Example({{"po_number", "4500123456"}, {"delivery_date", "2026-03-11"}},
                                    {{{"quantity", "12"}, {"lot_number", "L1"}}, {{"quantity", "3"}}}));
  EXPECT_EQ(UsualFields(memory), (std::vector<std::string>{"lines.lot_number", "lines.quantity"}));
  memory.examples.push_back(Example({{"po_number", "4500123457"}, {"due_date", "2026-04-30"}},
                                    {{{"quantity", "1"}, {"lot_number", "L2"}, {"unit", "KG"}}}));
  // Header fields never are: the PO both had may be absent from the next one.
  EXPECT_EQ(UsualFields(memory), (std::vector<std::string>{"lines.lot_number", "lines.quantity"}));
  // A document without lines says nothing about the columns; an empty value is no value.
  memory.examples.push_back(Example({{"po_number", "4500123458"}}, {}));
  EXPECT_EQ(UsualFields(memory), (std::vector<std::string>{"lines.lot_number", "lines.quantity"}));
  memory.examples.push_back(Example({{"delivery_date", "2026-03-12"}}, {{{"quantity", "5"}, {"lot_number", ""}}}));
  EXPECT_EQ(UsualFields(memory), std::vector<std::string>{"lines.quantity"});
}

TEST(UsualFields, NeedARememberedDocumentWithLines) {
  LayoutMemory memory;
  EXPECT_TRUE(UsualFields(memory).empty());
  memory.examples.push_back(Example({{"po_number", "4500123456"}}, {}));
  EXPECT_TRUE(UsualFields(memory).empty());
}

TEST(UsualFields, ReadOnlyTheNewestRememberedDocuments) {
  LayoutMemory memory;
  for (int i = 0; i < kLayoutMemoryDocuments; ++i) memory.examples.push_back(Example({}, {{{"quantity", "1"}}}));
  memory.examples.push_back(Example({}, {{{"unit", "KG"}}}));  // older than the ten read
  EXPECT_EQ(UsualFields(memory), std::vector<std::string>{"lines.quantity"});
}

}  // namespace
}  // namespace quai
