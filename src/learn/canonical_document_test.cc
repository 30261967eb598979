#include "learn/canonical_document.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace quai {
namespace {

std::string ReadSample(const std::string& name) {
  std::ifstream file(std::string(QUAI_SOURCE_DIR) + "/samples/" + name);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(CanonicalDocument, ParsesADocgenTruthFile) {
  const std::string text = ReadSample("dev-dn-0001.json");
  ASSERT_FALSE(text.empty());
  Result<CanonicalDocument> document = ParseCanonicalDocument(text);
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  EXPECT_EQ(document->document_type, "delivery_note");
  EXPECT_EQ(document->fields.at("supplier_name"), "Chimirhône SAS");
  EXPECT_EQ(document->fields.at("po_number"), "CA/25/8006");
  ASSERT_EQ(document->lines.size(), 1u);
  EXPECT_EQ(document->lines[0].at("unit"), "FÛT");
  EXPECT_EQ(document->lines[0].at("expiry_date"), "2027-08-05");
}

TEST(CanonicalDocument, ParsesEverySampleTruthFile) {
  for (const char* name : {"dev-coc-0002.json", "dev-inv-0003.json", "dev-sds-0004.json",
                           "dev-dn-0005.json", "dev-inv-0007.json", "dev-sds-0008.json"}) {
    Result<CanonicalDocument> document = ParseCanonicalDocument(ReadSample(name));
    EXPECT_TRUE(document.ok()) << name << ": " << document.status().ToString();
  }
}

TEST(CanonicalDocument, ConvertsNumbersToTheirText) {
  Result<CanonicalDocument> document = ParseCanonicalDocument(
      R"({"document_type": "invoice", "fields": {"total_incl_tax": 279.84, "total_tax": 16.94},
          "lines": [{"quantity": 12, "unit_price": 1.0, "amount": -3}]})");
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  EXPECT_EQ(document->fields.at("total_incl_tax"), "279.84");
  EXPECT_EQ(document->fields.at("total_tax"), "16.94");
  EXPECT_EQ(document->lines[0].at("quantity"), "12");
  EXPECT_EQ(document->lines[0].at("unit_price"), "1.0");
  EXPECT_EQ(document->lines[0].at("amount"), "-3");
}

TEST(CanonicalDocument, TreatsMissingFieldsAndLinesAsEmpty) {
  Result<CanonicalDocument> document = ParseCanonicalDocument(R"({"document_type": "other"})");
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  EXPECT_EQ(document->document_type, "other");
  EXPECT_TRUE(document->fields.empty());
  EXPECT_TRUE(document->lines.empty());
}

TEST(CanonicalDocument, IgnoresOtherTopLevelKeys) {
  Result<CanonicalDocument> document =
      ParseCanonicalDocument(R"({"file": "a.pdf", "pages": 1, "document_type": "invoice"})");
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  EXPECT_EQ(document->document_type, "invoice");
}

// Each malformed input is refused with InvalidArgument and a message naming the place.
TEST(CanonicalDocument, RefusesMalformedInputNamingTheProblem) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\"document_type\": ", "not valid JSON"},
      {"", "not valid JSON"},
      {"[]", "top level, got array"},
      {R"({"fields": {}})", "missing \"document_type\""},
      {R"({"document_type": 3})", "document_type: expected a string, got number"},
      {R"({"document_type": ""})", "document_type: empty"},
      {R"({"document_type": "invoice", "fields": []})", "fields: expected an object, got array"},
      {R"({"document_type": "invoice", "fields": {"po_number": null}})",
       "fields.po_number: expected a string or a number, got null"},
      {R"({"document_type": "invoice", "fields": {"po_number": {"value": "1"}}})",
       "fields.po_number: expected a string or a number, got object"},
      {R"({"document_type": "invoice", "lines": {}})", "lines: expected an array, got object"},
      {R"({"document_type": "invoice", "lines": [{"quantity": "1"}, "x"]})",
       "lines[1]: expected an object, got string"},
      {R"({"document_type": "invoice", "lines": [{}, {"quantity": true}]})",
       "lines[1].quantity: expected a string or a number, got boolean"},
  };
  for (const auto& [text, message] : cases) {
    Result<CanonicalDocument> document = ParseCanonicalDocument(text);
    ASSERT_FALSE(document.ok()) << text;
    EXPECT_EQ(document.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_NE(document.status().message().find(message), std::string::npos)
        << text << " gave: " << document.status().message();
  }
}

TEST(CanonicalDocument, WritesJsonThatReadsBackTheSame) {
  CanonicalDocument document;
  document.document_type = "invoice";
  document.fields = {{"po_number", "CA/26/9609"}, {"supplier_name", "Van Dijk Lubricants B.V."}};
  document.lines = {{{"quantity", "265"}, {"description", "Coolant concentrate -35 °C"}}, {}};
  const nlohmann::json json = CanonicalDocumentToJson(document);
  Result<CanonicalDocument> read = ParseCanonicalDocument(json.dump());
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->document_type, document.document_type);
  EXPECT_EQ(read->fields, document.fields);
  EXPECT_EQ(read->lines, document.lines);
}

TEST(CanonicalDocument, WritesEmptyFieldsAsObjectAndEmptyLinesAsArray) {
  CanonicalDocument document;
  document.document_type = "other";
  document.lines = {{}};
  const nlohmann::json json = CanonicalDocumentToJson(document);
  EXPECT_TRUE(json.at("fields").is_object());
  EXPECT_TRUE(json.at("lines").is_array());
  EXPECT_TRUE(json.at("lines")[0].is_object());
  EXPECT_EQ(json.dump(), R"({"document_type":"other","fields":{},"lines":[{}]})");
}

}  // namespace
}  // namespace quai
