#include "core/memory_file_system.h"

#include <gtest/gtest.h>

#include "core/no_space.h"

namespace quai {
namespace {

TEST(MemoryFileSystem, UnsyncedDataIsLostInCrash) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.CreateDirectories("/d").ok());
  auto file = fs.NewWritableFile("/d/f");
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("abc").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE(fs.SyncDirectory("/d").ok());
  ASSERT_TRUE((*file)->Append("def").ok());
  fs.SimulateCrash();
  auto data = fs.ReadFile("/d/f", 100);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*data, "abc");
}

TEST(MemoryFileSystem, RenameIsLostWithoutDirectorySync) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.CreateDirectories("/d").ok());
  auto file = fs.NewWritableFile("/d/tmp");
  ASSERT_TRUE((*file)->Append("x").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE(fs.Rename("/d/tmp", "/d/final").ok());
  fs.SimulateCrash();
  EXPECT_FALSE(fs.Exists("/d/final"));
}

TEST(MemoryFileSystem, FailAfterStopsEveryLaterOperation) {
  MemoryFileSystem fs;
  fs.FailAfter(1);
  EXPECT_TRUE(fs.CreateDirectories("/a").code() == StatusCode::kIoError);  // mkdir counts, parent sync fails
  EXPECT_FALSE(fs.NewWritableFile("/a/b").ok());
}

TEST(MemoryFileSystem, AFullDiskRefusesWritesUntilSpaceIsFreed) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.CreateDirectories("/d").ok());
  fs.AddFile("/d/ballast", std::string(900, 'b'));
  fs.SetCapacity(1000);
  auto file = fs.NewWritableFile("/d/new");
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE((*file)->Append(std::string(100, 'x')).ok());
  Status full = (*file)->Append("y");
  EXPECT_TRUE(IsNoSpace(full)) << full.ToString();
  EXPECT_NE(full.message().find("/d/new"), std::string::npos) << full.ToString();
  ASSERT_TRUE(fs.Remove("/d/ballast").ok());
  EXPECT_TRUE((*file)->Append("y").ok());
  EXPECT_EQ(*fs.ReadFile("/d/new", 1000), std::string(100, 'x') + "y");
}

TEST(MemoryFileSystem, ListsEntriesOfOneDirectorySorted) {
  MemoryFileSystem fs;
  fs.AddFile("/d/b", "2");
  fs.AddFile("/d/a", "1");
  fs.AddFile("/d/sub/c", "3");
  auto names = fs.ListDirectory("/d");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"a", "b", "sub"}));
}

}  // namespace
}  // namespace quai
