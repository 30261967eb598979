#include "extract/schema.h"

#include <gtest/gtest.h>

#include <fstream>

#include "fixtures/fixtures.h"
#include "fixtures/test_directory.h"

namespace quai {
namespace {

TEST(SchemaSet, LoadsTheFiveBuiltInTypes) {
  auto schemas = SchemaSet::LoadDirectory(testing::SourceDir() + "/config/schemas");
  ASSERT_TRUE(schemas.ok()) << schemas.status().message();
  EXPECT_EQ(schemas->DocumentTypes(), (std::vector<std::string>{"certificate_of_conformity", "delivery_note",
                                                                 "invoice", "other", "safety_data_sheet"}));
  const DocumentSchema* invoice = schemas->Find("invoice");
  ASSERT_NE(invoice, nullptr);
  const FieldSpec* total = invoice->FindField("total_incl_tax");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->type, ValueType::kAmount);
  EXPECT_TRUE(total->required);
  EXPECT_FALSE(total->labels.empty());
  EXPECT_EQ(invoice->lines.size(), 5u);
  // The article's own values: its code and name, not its quantity or lot.
  const DocumentSchema* note = schemas->Find("delivery_note");
  for (const FieldSpec& f : note->lines)
    EXPECT_EQ(!f.article.empty(), f.name == "supplier_article_code" || f.name == "internal_article_code" ||
                             f.name == "description" || f.name == "unit")
        << f.name;
  // The same property across types: a certificate's article code is the code on the delivery note.
  EXPECT_EQ(schemas->Find("certificate_of_conformity")->FindField("article_code")->article,
            note->FindField("supplier_article_code")->article);
  EXPECT_EQ(schemas->Find("safety_data_sheet")->FindField("product_name")->article,
            note->FindField("description")->article);
  EXPECT_NE(note->FindField("internal_article_code")->article, note->FindField("supplier_article_code")->article);
  // The company issues its PO numbers; the supplier its own numbers.
  EXPECT_TRUE(note->FindField("po_number")->company_number);
  EXPECT_TRUE(invoice->FindField("po_number")->company_number);
  EXPECT_FALSE(invoice->FindField("invoice_number")->company_number);
  EXPECT_TRUE(total->article.empty());
  EXPECT_TRUE(schemas->Find("other")->fields.empty());
}

TEST(SchemaSet, ThePoNumberTiesDeliveryNotesAndCertificatesToTheErp) {
  // Without it a document never goes straight through (decide: missing key field).
  auto schemas = SchemaSet::LoadDirectory(testing::SourceDir() + "/config/schemas");
  ASSERT_TRUE(schemas.ok()) << schemas.status().message();
  for (const char* type : {"delivery_note", "certificate_of_conformity"}) {
    const DocumentSchema* schema = schemas->Find(type);
    ASSERT_NE(schema, nullptr) << type;
    const FieldSpec* po = schema->FindField("po_number");
    ASSERT_NE(po, nullptr) << type;
    EXPECT_TRUE(po->key) << type;
  }
}

TEST(SchemaSet, ACustomTypeIsOneMoreFile) {
  TestDirectory dir;
  std::ofstream(dir.File("receipt.json")) << R"({"document_type": "receipt",
    "fields": [{"name": "company", "type": "text", "required": true},
               {"name": "date", "type": "date"}, {"name": "total", "type": "amount", "auto_accept": 0.99}]})";
  auto schemas = SchemaSet::LoadDirectory(dir.path());
  ASSERT_TRUE(schemas.ok()) << schemas.status().message();
  const DocumentSchema* receipt = schemas->Find("receipt");
  ASSERT_NE(receipt, nullptr);
  EXPECT_EQ(receipt->fields.size(), 3u);
  EXPECT_DOUBLE_EQ(receipt->FindField("total")->auto_accept, 0.99);
  EXPECT_TRUE(receipt->FindField("date")->labels.empty());
}

TEST(SchemaSet, AnArticleFieldNamesItsPropertyOrTakesItsOwnName) {
  TestDirectory dir;
  std::ofstream(dir.File("receipt.json")) << R"({"document_type": "receipt",
    "fields": [{"name": "item", "article": "name"}, {"name": "sku", "article": true},
               {"name": "total", "type": "amount", "article": false}]})";
  auto schemas = SchemaSet::LoadDirectory(dir.path());
  ASSERT_TRUE(schemas.ok()) << schemas.status().message();
  const DocumentSchema* receipt = schemas->Find("receipt");
  EXPECT_EQ(receipt->FindField("item")->article, "name");
  EXPECT_EQ(receipt->FindField("sku")->article, "sku");
  EXPECT_EQ(receipt->FindField("total")->article, "");

  std::ofstream(dir.File("receipt.json"), std::ios::trunc)
      << R"({"document_type": "receipt", "fields": [{"name": "item", "article": 3}]})";
  schemas = SchemaSet::LoadDirectory(dir.path());
  ASSERT_FALSE(schemas.ok());
  EXPECT_NE(schemas.status().message().find("receipt.json"), std::string::npos);
  EXPECT_NE(schemas.status().message().find("article"), std::string::npos);
}

TEST(SchemaSet, AValueOfTheWrongTypeNamesTheFile) {
  TestDirectory dir;
  std::ofstream(dir.File("receipt.json"))
      << R"({"document_type": "receipt", "fields": [{"name": "order", "type": "po_number", "company_number": "yes"}]})";
  auto schemas = SchemaSet::LoadDirectory(dir.path());
  ASSERT_FALSE(schemas.ok());
  EXPECT_EQ(schemas.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(schemas.status().message().find("receipt.json"), std::string::npos);
  EXPECT_NE(schemas.status().message().find("wrong type"), std::string::npos);
}

TEST(SchemaSet, BadSchemaNamesTheFileAndTheProblem) {
  TestDirectory dir;
  std::ofstream(dir.File("broken.json")) << R"({"document_type": "x", "fields": [{"name": "a", "type": "colour"}]})";
  auto schemas = SchemaSet::LoadDirectory(dir.path());
  ASSERT_FALSE(schemas.ok());
  EXPECT_NE(schemas.status().message().find("broken.json"), std::string::npos);
  EXPECT_NE(schemas.status().message().find("colour"), std::string::npos);
}

}  // namespace
}  // namespace quai
