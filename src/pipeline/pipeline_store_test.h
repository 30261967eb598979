// Test-only: the fixture the pipeline tests share — a real SQLite store in a
// temporary directory and originals kept in memory (so faults can be injected).
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "core/memory_file_system.h"
#include "fixtures/test_directory.h"
#include "intake/blob_store.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {

class PipelineStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto repository = SqliteRepository::Open(directory_.File("quai.db"), nullptr);
    ASSERT_TRUE(repository.ok());
    repository_ = std::move(repository).value();
    blob_store_ = std::make_unique<BlobStore>(&blob_fs_, "/data");
    ASSERT_TRUE(blob_store_->Open().ok());
  }

  TestDirectory directory_;
  MemoryFileSystem blob_fs_;
  std::unique_ptr<BlobStore> blob_store_;
  std::unique_ptr<SqliteRepository> repository_;
};

}  // namespace quai
