#include "intake/blob_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "core/memory_file_system.h"
#include "core/sha256.h"

namespace quai {
namespace {

TEST(BlobStore, StoresUnderItsHashAndReadsBack) {
  MemoryFileSystem fs;
  BlobStore store(&fs, "/data");
  ASSERT_TRUE(store.Open().ok());
  std::string bytes = "%PDF-1.4 original";
  std::string sha = Sha256Hex(bytes);
  ASSERT_TRUE(store.Put(sha, bytes).ok());
  EXPECT_EQ(store.PathFor(sha), "/data/originals/" + sha.substr(0, 2) + "/" + sha);
  auto back = store.Get(sha, 1000);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, bytes);
}

TEST(BlobStore, RemoveDeletesTheOriginalAndIsOkWhenGone) {
  MemoryFileSystem fs;
  BlobStore store(&fs, "/data");
  ASSERT_TRUE(store.Open().ok());
  const std::string sha = Sha256Hex("%PDF-1.4 refused");
  ASSERT_TRUE(store.Put(sha, "%PDF-1.4 refused").ok());
  ASSERT_TRUE(store.Remove(sha).ok());
  EXPECT_FALSE(store.Contains(sha));
  EXPECT_TRUE(store.Remove(sha).ok());
}

TEST(BlobStore, StoredOriginalSurvivesCrash) {
  MemoryFileSystem fs;
  BlobStore store(&fs, "/data");
  ASSERT_TRUE(store.Open().ok());
  std::string bytes(10000, 'z');
  std::string sha = Sha256Hex(bytes);
  ASSERT_TRUE(store.Put(sha, bytes).ok());
  fs.SimulateCrash();
  auto back = store.Get(sha, 100000);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, bytes);
}

// A crash after any number of file-system operations leaves the original whole
// or absent, never partial under its name; and a later Put completes it.
TEST(BlobStore, CrashAtEveryStepLeavesWholeOriginalOrNothing) {
  std::string bytes = "the original bytes of a scanned delivery note";
  std::string sha = Sha256Hex(bytes);
  int total_steps = 0;
  {
    MemoryFileSystem fs;
    BlobStore store(&fs, "/data");
    ASSERT_TRUE(store.Open().ok());
    fs.FailAfter(1 << 30);
    ASSERT_TRUE(store.Put(sha, bytes).ok());
    total_steps = fs.operations();
  }
  ASSERT_GT(total_steps, 4);
  for (int step = 0; step <= total_steps; ++step) {
    MemoryFileSystem fs;
    BlobStore store(&fs, "/data");
    ASSERT_TRUE(store.Open().ok());
    fs.FailAfter(step);
    Status put = store.Put(sha, bytes);
    fs.SimulateCrash();
    if (store.Contains(sha)) {
      auto back = store.Get(sha, 1000);
      ASSERT_TRUE(back.ok()) << "step " << step;
      EXPECT_EQ(*back, bytes) << "step " << step;
    } else {
      EXPECT_FALSE(put.ok()) << "Put reported success at step " << step << " but the original was lost";
    }
    // After restart, leftovers are cleaned and the original can be stored again.
    BlobStore reopened(&fs, "/data");
    ASSERT_TRUE(reopened.Open().ok()) << "step " << step;
    ASSERT_TRUE(reopened.Put(sha, bytes).ok()) << "step " << step;
    auto tmp = fs.ListDirectory("/data/tmp");
    ASSERT_TRUE(tmp.ok());
    EXPECT_TRUE(tmp->empty()) << "step " << step;
  }
}

// A server started again after a kill opens the store while `quai ingest`
// writes an original beside it: that temporary is not removed under it.
TEST(BlobStore, OpenRemovesTheTemporariesOfGoneProcessesOnly) {
  MemoryFileSystem fs;
  BlobStore store(&fs, "/data");
  ASSERT_TRUE(store.Open().ok());
  const std::string sha = Sha256Hex("x");
  const pid_t parent = getppid();  // runs as long as this test does
  const std::string writing = "/data/tmp/" + sha + "." + std::to_string(parent) + ".7.part";
  const std::string gone = "/data/tmp/" + sha + ".2147483646.3.part";  // above any pid_max
  const std::string mine = "/data/tmp/" + sha + "." + std::to_string(getpid()) + ".0.part";
  for (const std::string& path : {writing, gone, mine}) {
    auto file = fs.NewWritableFile(path);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append("%PDF").ok());
    ASSERT_TRUE((*file)->Close().ok());
  }
  BlobStore restarted(&fs, "/data");
  ASSERT_TRUE(restarted.Open().ok());
  EXPECT_TRUE(fs.Exists(writing));
  EXPECT_FALSE(fs.Exists(gone));
  EXPECT_FALSE(fs.Exists(mine));  // left by this process before it opened the store
}

TEST(BlobStore, SecondPutOfSameBytesWritesNothing) {
  MemoryFileSystem fs;
  BlobStore store(&fs, "/data");
  ASSERT_TRUE(store.Open().ok());
  std::string sha = Sha256Hex("x");
  ASSERT_TRUE(store.Put(sha, "x").ok());
  fs.FailAfter(0);  // any write would now fail
  EXPECT_TRUE(store.Put(sha, "x").ok());
}

}  // namespace
}  // namespace quai
