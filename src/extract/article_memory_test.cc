#include "extract/article_memory.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace quai {
namespace {

DocumentSchema DeliveryNoteSchema() {
  DocumentSchema schema;
  schema.document_type = "delivery_note";
  for (const char* name : {"supplier_article_code", "description", "unit"}) {
    FieldSpec& f = schema.lines.emplace_back();
    f.name = name;
    f.article = name;
  }
  schema.lines.emplace_back().name = "lot_number";  // differs on every delivery
  return schema;
}

LayoutMemory MemoryOf(const std::vector<std::vector<std::map<std::string, std::string>>>& documents) {
  LayoutMemory memory;
  memory.supplier_id = 7;
  for (const auto& lines : documents) memory.examples.push_back({0, {}, lines, {}});
  return memory;
}

FieldAnchor Anchor(const std::string& field, const std::string& value) {
  FieldAnchor a;
  a.field = field;
  a.value = value;
  return a;
}

// A line read by OCR (from_ocr false: from a text layer).
LineItem Item(const std::map<std::string, std::string>& values, bool from_ocr = true) {
  LineItem item;
  for (const auto& [name, value] : values) {
    FieldCandidate& c = item.fields[name];
    c.field = name;
    c.value = value;
    c.from_ocr = from_ocr;
  }
  return item;
}

const char* kNut = "Hex nut M8 stainless A2 – box of 200";
const char* kScrew = "Hex head screw M8 x 40 stainless A2";

TEST(CloseReadingOf, OcrSlipsThatChangeNoDigit) {
  EXPECT_TRUE(CloseReadingOf("Hex nut MB stainless A2 — box of 200", kNut));
  EXPECT_TRUE(CloseReadingOf("lsopropy! alcohol (IPA) 99.8%", "Isopropyl alcohol (IPA) 99.8%"));
  EXPECT_TRUE(CloseReadingOf("K-7381B", "K-73818"));  // a confusion in a code
  EXPECT_TRUE(CloseReadingOf("PCS", "pcs"));
  EXPECT_TRUE(CloseReadingOf("ÉCROU HEXAGONAL M8", "écrou hexagonal M8"));
  EXPECT_TRUE(CloseReadingOf("Huile pour chaînes NSF Hi", "Huile pour chaînes NSF H1"));
  EXPECT_TRUE(CloseReadingOf("Cones de pipette 200 pL", "Cônes de pipette 200 µL"));
}

TEST(CloseReadingOf, AnotherArticleIsNotASlip) {
  EXPECT_FALSE(CloseReadingOf("Hex head screw M8 x 50 stainless A2", kScrew));  // a digit changed
  EXPECT_FALSE(CloseReadingOf("Hex head screw M8 x 400 stainless A2", kScrew));  // a digit added
  EXPECT_FALSE(CloseReadingOf("H1441", "H1461"));
  EXPECT_FALSE(CloseReadingOf("pce", "pcs"));  // short values: confusions only
  EXPECT_FALSE(CloseReadingOf("Nitrile gloves size L", "Cotton gloves size M"));
  EXPECT_FALSE(CloseReadingOf("Hex nut M8 stainless A2 – box of 20", kNut));  // a number cut short
  EXPECT_FALSE(CloseReadingOf("Acetone technical grade 99%", "Acetone technical grade 99.5%"));  // one left out
  EXPECT_FALSE(CloseReadingOf("Cable H07RN-F 3G2.5 10 m", "Cable H07RN-F 3G2.5 100 m"));
  EXPECT_FALSE(CloseReadingOf("", kNut));
}

TEST(RepairByRememberedArticles, ReadsACloseReadingAsTheArticleDeliveredBefore) {
  LayoutMemory memory = MemoryOf({{{{"supplier_article_code", "K-73818"}, {"description", kNut}, {"unit", "pcs"},
                                    {"lot_number", "K26001"}}}});
  std::vector<LineItem> items = {
      Item({{"supplier_article_code", "K-7381B"}, {"description", "Hex nut MB stainless A2 — box of 200"},
            {"unit", "pcs"}, {"lot_number", "K26001"}}),
      Item({{"supplier_article_code", "K-90000"}, {"description", "Hex head screw M8 x 50 stainless A2"}})};
  EXPECT_EQ(RepairByRememberedArticles(memory, DeliveryNoteSchema(), &items), 3);
  const auto& first = items[0].fields;
  EXPECT_EQ(first.at("supplier_article_code").value, "K-73818");
  EXPECT_EQ(first.at("description").value, kNut);
  EXPECT_TRUE(first.at("description").repaired);
  EXPECT_TRUE(first.at("description").remembered);
  EXPECT_TRUE(first.at("unit").remembered);
  EXPECT_FALSE(first.at("unit").repaired);  // read as remembered: nothing to repair
  EXPECT_FALSE(first.at("lot_number").remembered);  // not an article field
  // A new article stays as read.
  EXPECT_EQ(items[1].fields.at("description").value, "Hex head screw M8 x 50 stainless A2");
  EXPECT_FALSE(items[1].fields.at("description").remembered);
  EXPECT_FALSE(items[1].fields.at("supplier_article_code").remembered);
}

TEST(RepairByRememberedArticles, AReadingAsCloseToTwoArticlesIsLeftAsRead) {
  LayoutMemory memory = MemoryOf({{{{"description", "Hex nut M8 stainless A2 – box of 200"}},
                                   {{"description", "Hex nut M8 stainless A4 – box of 200"}}}});
  std::vector<LineItem> items = {Item({{"description", "Hex nut M8 stainless A – box of 200"}})};
  EXPECT_EQ(RepairByRememberedArticles(memory, DeliveryNoteSchema(), &items), 0);
  EXPECT_EQ(items[0].fields.at("description").value, "Hex nut M8 stainless A – box of 200");
  EXPECT_FALSE(items[0].fields.at("description").remembered);
}

TEST(RepairByRememberedArticles, WithoutMemoryNothingChanges) {
  std::vector<LineItem> items = {Item({{"description", kNut}})};
  EXPECT_EQ(RepairByRememberedArticles(LayoutMemory{}, DeliveryNoteSchema(), &items), 0);
  EXPECT_FALSE(items[0].fields.at("description").remembered);
}

TEST(RepairByRememberedArticles, AnArticleOfAnotherDocumentTypeCounts) {
  LayoutMemory memory;  // no delivery note validated; the supplier's invoices listed the nut
  memory.articles["description"] = {kNut};
  std::vector<LineItem> items = {Item({{"description", "Hex nut MB stainless A2 — box of 200"}}),
                                 Item({{"description", kScrew}})};
  EXPECT_EQ(RepairByRememberedArticles(memory, DeliveryNoteSchema(), &items), 1);
  EXPECT_EQ(items[0].fields.at("description").value, kNut);
  EXPECT_TRUE(items[0].fields.at("description").remembered);
  EXPECT_FALSE(items[1].fields.at("description").remembered);
}

TEST(AddArticles, NamesEachArticlePropertyAsTheOtherTypeDoes) {
  DocumentSchema certificate;
  certificate.document_type = "certificate_of_conformity";
  certificate.fields.emplace_back().name = "article_code";
  certificate.fields.back().article = "code";
  certificate.fields.emplace_back().name = "lot_number";  // not an article property
  DocumentSchema note = DeliveryNoteSchema();
  note.lines[0].article = "code";  // supplier_article_code
  note.lines[1].article = "name";  // description

  LayoutExample delivery{0, {}, {{{"supplier_article_code", "K-73818"}, {"description", kNut}, {"lot_number", "L1"}},
                                 {{"supplier_article_code", ""}}}, {}};
  std::map<std::string, std::set<std::string>> articles;
  AddArticles(delivery, note, certificate, &articles);
  EXPECT_EQ(articles, (std::map<std::string, std::set<std::string>>{{"article_code", {"K-73818"}}}));

  // And back: a certificate's article code is a delivery note's supplier article code.
  LayoutExample issued{0, {Anchor("article_code", "K-90001"), Anchor("lot_number", "L2")}, {}, {}};
  articles.clear();
  AddArticles(issued, certificate, note, &articles);
  EXPECT_EQ(articles, (std::map<std::string, std::set<std::string>>{{"supplier_article_code", {"K-90001"}}}));
}

// Of the layout examples, only the newest count (LayoutMemory::articles,
// filled by the store, reaches further back).
TEST(RepairByRememberedArticles, OnlyTheNewestLayoutExamplesCount) {
  std::vector<std::vector<std::map<std::string, std::string>>> documents(kLayoutMemoryDocuments,
                                                                         {{{"description", kScrew}}});
  documents.push_back({{{"description", kNut}}});  // the oldest, beyond the memory's reach
  std::vector<LineItem> items = {Item({{"description", kNut}})};
  EXPECT_EQ(RepairByRememberedArticles(MemoryOf(documents), DeliveryNoteSchema(), &items), 0);
}

}  // namespace
}  // namespace quai

namespace quai {
namespace {

TEST(RepairByRememberedValues, AHeaderArticleReadsAsTheValueOfAValidatedDocument) {
  DocumentSchema schema;
  schema.document_type = "safety_data_sheet";
  FieldSpec& product = schema.fields.emplace_back();
  product.name = "product_name";
  product.article = "name";
  schema.fields.emplace_back().name = "version";  // not an article
  LayoutMemory memory;
  memory.examples.push_back(
      {0, {Anchor("product_name", "Arôme naturel de vanille (support alcool)"), Anchor("version", "4.1")}, {}, {}});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  candidates["product_name"].push_back({});
  candidates["product_name"][0].value = "Aréme naturel de vanille (support alcool)";
  candidates["product_name"][0].from_ocr = true;
  candidates["product_name"].push_back({});
  candidates["product_name"][1].value = "Gel hydroalcoolique 500 mL";  // another product
  candidates["product_name"][1].from_ocr = true;
  candidates["product_name"].push_back({});
  candidates["product_name"][2].value = "Aréme naturel de vanille (support alcool)";  // as a text layer has it
  candidates["version"].push_back({});
  candidates["version"][0].value = "4.7";
  candidates["version"][0].from_ocr = true;
  RepairByRememberedValues(memory, schema, &candidates);
  EXPECT_EQ(candidates["product_name"][0].value, "Arôme naturel de vanille (support alcool)");
  EXPECT_TRUE(candidates["product_name"][0].repaired);
  EXPECT_EQ(candidates["product_name"][1].value, "Gel hydroalcoolique 500 mL");
  EXPECT_FALSE(candidates["product_name"][1].repaired);
  // What a text layer says is what the supplier wrote: never "repaired".
  EXPECT_EQ(candidates["product_name"][2].value, "Aréme naturel de vanille (support alcool)");
  EXPECT_FALSE(candidates["product_name"][2].repaired);
  EXPECT_EQ(candidates["version"][0].value, "4.7");
}

TEST(RepairByRememberedValues, AValueTheSupplierPrintsAlikeEachTimeReadsAsValidated) {
  DocumentSchema schema;
  schema.document_type = "receipt";
  FieldSpec& address = schema.fields.emplace_back();
  address.name = "address";
  address.same_for_supplier = true;
  schema.fields.emplace_back().name = "total";
  LayoutMemory memory;
  memory.examples.push_back({0,
                             {Anchor("address", "LOT 1851-A & 1851-B, JALAN KPB 6, 43300 SERI KEMBANGAN"),
                              Anchor("total", "12.50")},
                             {},
                             {}});
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  auto add = [&](const std::string& field, const std::string& value) {
    FieldCandidate& c = candidates[field].emplace_back();
    c.value = value;
    c.from_ocr = true;
  };
  add("address", "Lot 1851-A & 1851-R, Jalan KPB 6, 43300 Seri Kembangan");  // case and one slip
  add("address", "LOT 1851-A & 1851-B, JALAN KPB 4, 43300 SERI KEMBANGAN");   // another branch's number
  add("total", "12.59");
  RepairByRememberedValues(memory, schema, &candidates);
  EXPECT_EQ(candidates["address"][0].value, "LOT 1851-A & 1851-B, JALAN KPB 6, 43300 SERI KEMBANGAN");
  EXPECT_TRUE(candidates["address"][0].repaired);
  EXPECT_EQ(candidates["address"][1].value, "LOT 1851-A & 1851-B, JALAN KPB 4, 43300 SERI KEMBANGAN");
  EXPECT_EQ(candidates["total"][0].value, "12.59");  // a total is new on each receipt
}

TEST(RepairByRememberedArticles, LeavesATextLayersReadingAsPrinted) {
  LayoutMemory memory = MemoryOf({{{{"supplier_article_code", "K-73818"}, {"description", kNut}}}});
  std::vector<LineItem> items = {
      Item({{"supplier_article_code", "K-7381B"}, {"description", "Hex nut MB stainless A2 — box of 200"}}, false),
      Item({{"supplier_article_code", "K-73818"}, {"description", kNut}}, false)};
  EXPECT_EQ(RepairByRememberedArticles(memory, DeliveryNoteSchema(), &items), 2);
  EXPECT_EQ(items[0].fields.at("supplier_article_code").value, "K-7381B");
  EXPECT_FALSE(items[0].fields.at("supplier_article_code").repaired);
  EXPECT_FALSE(items[0].fields.at("description").remembered);
  EXPECT_TRUE(items[1].fields.at("supplier_article_code").remembered);  // the same article, as remembered
}

}  // namespace
}  // namespace quai
