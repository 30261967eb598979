// What only the SQLite store shows about learning: the schema's cascades and
// triggers. What every backend must do is in storage/learning_store_conformance.h
// and model_registry_conformance.h, run for SQLite by sqlite_conformance_test.cc.
#include <memory>
#include <string>
#include <vector>

#include "fixtures/test_directory.h"
#include "gtest/gtest.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

TEST(SqliteLearningRepositoryTest, LayoutExamplesGoWithTheirDocument) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  auto opened = SqliteRepository::Open(directory.File("quai.db"), nullptr);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  SqliteRepository& store = **opened;
  StoredSupplier supplier;
  supplier.name = "Brasserie";
  auto supplier_id = store.AddSupplier(supplier);
  ASSERT_TRUE(supplier_id.ok());
  std::vector<int64_t> documents;
  for (char c : {'a', 'b'}) {
    DocumentRecord record;
    record.sha256 = std::string(64, c);
    record.original_name = "document.pdf";
    auto id = store.AddDocument(record);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    documents.push_back(*id);
    ASSERT_TRUE(store.SaveLayoutExample({*id, *supplier_id, "invoice", "{}", "2026-03-01T10:00:00Z"}).ok());
  }
  const int64_t kept = documents[0], deleted = documents[1];

  // No store has a way to delete a document yet; another connection does it
  // as a future one would, and the example goes with it (and the cache of
  // examples learns it from the generation, raised by the schema's triggers).
  auto before = store.LearningGeneration();
  ASSERT_TRUE(before.ok());
  {
    auto connection = SqliteConnection::Open(directory.File("quai.db"));
    ASSERT_TRUE(connection.ok()) << connection.status().ToString();
    ASSERT_TRUE((*connection)
                    ->Execute("DELETE FROM documents WHERE id = " + std::to_string(deleted), "deleting a document")
                    .ok());
  }
  auto examples = store.ListLayoutExamples(*supplier_id, "invoice", 10);
  ASSERT_TRUE(examples.ok());
  ASSERT_EQ(examples->size(), 1u);
  EXPECT_EQ((*examples)[0].document_id, kept);
  auto after = store.LearningGeneration();
  ASSERT_TRUE(after.ok());
  EXPECT_GT(*after, *before);
}

}  // namespace
}  // namespace quai
