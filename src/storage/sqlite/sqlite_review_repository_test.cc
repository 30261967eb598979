// What only the SQLite store shows about reviews: the schema keeps a reviewed
// document's audit trail. What every backend must do is in
// storage/review_store_conformance.h and account_store_conformance.h, run for
// SQLite by sqlite_conformance_test.cc.
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/search_fold.h"
#include "fixtures/test_directory.h"
#include "gtest/gtest.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

TEST(SqliteReviewRepositoryTest, ReviewedDocumentCannotBeDeletedSoItsEventsStay) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  auto opened = SqliteRepository::Open(directory.File("quai.db"), nullptr);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  SqliteRepository& store = **opened;
  DocumentRecord record;
  record.sha256 = std::string(64, 'a');
  record.original_name = "bl.pdf";
  auto id = store.AddDocument(record);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  record.sha256 = std::string(64, 'b');
  auto unreviewed = store.AddDocument(record);
  ASSERT_TRUE(unreviewed.ok()) << unreviewed.status().ToString();
  ASSERT_TRUE(store
                  .EditReview(*id,
                              [](const ReviewDocumentRecord&, ReviewUpdate* update) {
                                update->state.status = "rejected";
                                update->state.values_json = "{}";
                                StoredReviewEvent event;
                                event.user = "ana";
                                event.action = "rejected";
                                event.reason = "not ours";
                                update->events.push_back(event);
                                return Status::Ok();
                              })
                  .ok());
  auto connection = SqliteConnection::Open(directory.File("quai.db"));
  ASSERT_TRUE(connection.ok());
  Status deleted = (*connection)->Execute("DELETE FROM documents WHERE id = " + std::to_string(*id), "deleting");
  EXPECT_FALSE(deleted.ok());
  EXPECT_TRUE((*connection)->Execute("DELETE FROM documents WHERE id = " + std::to_string(*unreviewed), "deleting").ok());
  auto events = store.ListReviewEvents(*id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].reason, "not ours");
}

TEST(SqliteReviewRepositoryTest, FoldForSearchLowersAndFoldsLatinAccentsOnly) {
  EXPECT_EQ(FoldForSearch("Isère"), "isere");
  EXPECT_EQ(FoldForSearch("CHIMIRHÔNE SAS"), "chimirhone sas");
  EXPECT_EQ(FoldForSearch("ŒUVRE Straße"), "oeuvre strasse");
  EXPECT_EQ(FoldForSearch("CA/25/8006 n°"), "ca/25/8006 n\xC2\xB0");
  EXPECT_EQ(FoldForSearch("日本"), "日本");  // other scripts kept
  EXPECT_EQ(FoldForSearch("\xC3"), "\xC3");   // a cut sequence is kept, not read past the end
}

// Search folds accents and case on both sides; sort goes by the folded column, empty last.
TEST(SqliteReviewRepositoryTest, SearchIsAccentInsensitiveAndSortsByColumn) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  auto opened = SqliteRepository::Open(directory.File("quai.db"), nullptr);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  SqliteRepository& store = **opened;
  struct Doc { std::string supplier, po, number, type, city; };
  const std::vector<Doc> docs = {{"Zéphyr SARL", "PO-2", "F-300", "invoice", "Lyon"},
                                 {"Chimirhône SAS", "PO-3", "BL-100", "delivery_note", "Grenoble (Isère)"},
                                 {"", "PO-1", "", "invoice", "Paris"},
                                 {"Éole Industries", "", "F-200", "invoice", "Nantes"}};
  std::vector<int64_t> ids;
  for (size_t i = 0; i < docs.size(); ++i) {
    DocumentRecord record;
    record.sha256 = std::string(64, static_cast<char>('a' + i));
    record.original_name = "doc" + std::to_string(i) + ".pdf";
    auto id = store.AddDocument(record);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    ids.push_back(*id);
    const Doc& d = docs[i];
    ASSERT_TRUE(store
                    .EditReview(*id,
                                [&](const ReviewDocumentRecord&, ReviewUpdate* update) {
                                  update->state.status = "needs_review";
                                  update->state.document_type = d.type;
                                  update->state.supplier = d.supplier;
                                  update->state.values_json = "{}";
                                  if (!d.po.empty()) update->state.search_values.push_back({"po_number", d.po});
                                  const std::string number_field =
                                      d.type == "invoice" ? "invoice_number" : "delivery_note_number";
                                  if (!d.number.empty()) update->state.search_values.push_back({number_field, d.number});
                                  update->state.search_values.push_back({"supplier_city", d.city});
                                  return Status::Ok();
                                })
                    .ok());
  }
  auto ids_of = [](const ReviewSearchPage& page) {
    std::vector<int64_t> out;
    for (const auto& summary : page.documents) out.push_back(summary.document.id);
    return out;
  };
  ReviewSearchFilter filter;
  filter.text = "isere";
  auto found = store.SearchReviews(filter);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(ids_of(*found), std::vector<int64_t>({ids[1]}));
  EXPECT_EQ(found->documents[0].po_number, "PO-3");
  EXPECT_EQ(found->documents[0].document_number, "BL-100");
  filter.text = "ISÈRE";
  found = store.SearchReviews(filter);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->total, 1);
  filter.text = "";
  filter.supplier = "CHIMIRHONE";
  found = store.SearchReviews(filter);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(ids_of(*found), std::vector<int64_t>({ids[1]}));
  filter.supplier = "eole";
  found = store.SearchReviews(filter);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(ids_of(*found), std::vector<int64_t>({ids[3]}));

  filter.supplier = "";
  filter.sort = ReviewSearchFilter::Sort::kSupplier;
  filter.descending = false;
  found = store.SearchReviews(filter);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(ids_of(*found), std::vector<int64_t>({ids[1], ids[3], ids[0], ids[2]}));  // Éole between C and Z; none last
  filter.descending = true;
  found = store.SearchReviews(filter);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(ids_of(*found), std::vector<int64_t>({ids[0], ids[3], ids[1], ids[2]}));
  filter.sort = ReviewSearchFilter::Sort::kPoNumber;
  filter.descending = false;
  found = store.SearchReviews(filter);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(ids_of(*found), std::vector<int64_t>({ids[2], ids[0], ids[1], ids[3]}));
  filter.sort = ReviewSearchFilter::Sort::kDocumentNumber;
  filter.limit = 2;
  filter.offset = 1;
  found = store.SearchReviews(filter);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->total, 4);
  EXPECT_EQ(ids_of(*found), std::vector<int64_t>({ids[3], ids[0]}));  // BL-100, [F-200, F-300], none
}

}  // namespace
}  // namespace quai
