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

TEST(UsualFields, AreTheFieldsEveryRememberedDocumentHad) {
  LayoutMemory memory;
  memory.examples.push_back(Example({{"po_number", "4500123456"}, {"delivery_date", "2026-03-11"}},
                                    {{{"quantity", "12"}, {"lot_number", "L1"}}, {{"quantity", "3"}}}));
  EXPECT_TRUE(UsualFields(memory).empty());  // one document teaches no habit
  memory.examples.push_back(Example({{"po_number", "4500123457"}, {"due_date", "2026-04-30"}},
                                    {{{"quantity", "1"}, {"lot_number", "L2"}, {"unit", "KG"}}}));
  EXPECT_EQ(UsualFields(memory), (std::vector<std::string>{"lines.lot_number", "lines.quantity", "po_number"}));
  // A document without lines says nothing about the columns; an empty value is no value.
  memory.examples.push_back(Example({{"po_number", "4500123458"}, {"delivery_date", ""}}, {}));
  EXPECT_EQ(UsualFields(memory), (std::vector<std::string>{"lines.lot_number", "lines.quantity", "po_number"}));
  memory.examples.push_back(Example({{"delivery_date", "2026-03-12"}}, {{{"quantity", "5"}}}));
  EXPECT_EQ(UsualFields(memory), std::vector<std::string>{"lines.quantity"});
}

TEST(UsualFields, ReadOnlyTheNewestRememberedDocuments) {
  LayoutMemory memory;
  for (int i = 0; i < kLayoutMemoryDocuments; ++i)
    memory.examples.push_back(Example({{"po_number", "45001234" + std::to_string(10 + i)}}, {}));
  memory.examples.push_back(Example({{"delivery_date", "2025-01-02"}}, {}));  // older than the ten read
  EXPECT_EQ(UsualFields(memory), std::vector<std::string>{"po_number"});
}

}  // namespace
}  // namespace quai
