#include "core/file_system.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "core/no_space.h"

namespace quai {
namespace {

std::string TempDir() {
  char pattern[] = "/tmp/quai-fs-XXXXXX";
  return mkdtemp(pattern);
}

TEST(PosixFileSystem, WritesSyncsRenamesAndReadsBack) {
  FileSystem* fs = DefaultFileSystem();
  std::string dir = TempDir() + "/a/b";
  ASSERT_TRUE(fs->CreateDirectories(dir).ok());
  auto file = fs->NewWritableFile(dir + "/tmp");
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("hello").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Close().ok());
  ASSERT_TRUE(fs->Rename(dir + "/tmp", dir + "/final").ok());
  ASSERT_TRUE(fs->SyncDirectory(dir).ok());
  auto data = fs->ReadFile(dir + "/final", 100);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(*data, "hello");
  EXPECT_FALSE(fs->Exists(dir + "/tmp"));
}

TEST(PosixFileSystem, RefusesToReadFileOverLimitAndNamesIt) {
  FileSystem* fs = DefaultFileSystem();
  std::string path = TempDir() + "/big";
  auto file = fs->NewWritableFile(path);
  ASSERT_TRUE((*file)->Append(std::string(1000, 'x')).ok());
  ASSERT_TRUE((*file)->Close().ok());
  auto data = fs->ReadFile(path, 999);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), StatusCode::kLimitExceeded);
  EXPECT_NE(data.status().message().find(path), std::string::npos);
}

TEST(PosixFileSystem, MissingFileIsAnErrorNamingThePath) {
  auto data = DefaultFileSystem()->ReadFile("/nonexistent/quai/file.pdf", 10);
  ASSERT_FALSE(data.ok());
  EXPECT_NE(data.status().message().find("/nonexistent/quai/file.pdf"), std::string::npos);
}

// /dev/full answers every write with ENOSPC, as a full disk does: the error
// names the cause, in words IsNoSpace (and so the server's 507) recognises.
TEST(PosixFileSystem, AWriteToAFullDiskSaysTheDiskIsFull) {
  FileSystem* fs = DefaultFileSystem();
  auto file = fs->NewWritableFile("/dev/full");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  Status appended = (*file)->Append(std::string(1 << 16, 'x'));
  Status synced = appended.ok() ? (*file)->Sync() : appended;  // buffered writers fail at the flush
  ASSERT_FALSE(synced.ok());
  EXPECT_TRUE(IsNoSpace(synced)) << synced.ToString();
  EXPECT_NE(synced.message().find("No space left on device"), std::string::npos) << synced.ToString();
  EXPECT_NE(synced.message().find("/dev/full"), std::string::npos) << synced.ToString();
  EXPECT_FALSE(IsNoSpace(fs->ReadFile("/no/such/file", 10).status()));
}

TEST(PosixFileSystem, TellsAFifoFromARegularFileWithoutOpeningIt) {
  FileSystem* fs = DefaultFileSystem();
  std::string dir = TempDir();
  ASSERT_EQ(::mkfifo((dir + "/scanner.pipe").c_str(), 0600), 0);
  auto file = fs->NewWritableFile(dir + "/scan.pdf");
  ASSERT_TRUE((*file)->Close().ok());
  // Opening the FIFO for reading would block this test: KindOf only looks.
  EXPECT_EQ(fs->KindOf(dir + "/scanner.pipe"), FileKind::kFifo);
  EXPECT_EQ(fs->KindOf(dir + "/scan.pdf"), FileKind::kRegular);
  EXPECT_EQ(fs->KindOf(dir), FileKind::kDirectory);
  EXPECT_EQ(fs->KindOf(dir + "/missing"), FileKind::kMissing);
  EXPECT_EQ(fs->KindOf("/dev/null"), FileKind::kCharacterDevice);
  EXPECT_STREQ(DescribeFileKind(FileKind::kFifo), "a FIFO (named pipe)");
}

TEST(PathHelpers, SplitAndJoin) {
  EXPECT_EQ(ParentDirectory("a/b/c"), "a/b");
  EXPECT_EQ(ParentDirectory("c"), ".");
  EXPECT_EQ(ParentDirectory("/c"), "/");
  EXPECT_EQ(BaseName("a/b/c.pdf"), "c.pdf");
  EXPECT_EQ(JoinPath("a/", "b"), "a/b");
  EXPECT_EQ(JoinPath("a", "b"), "a/b");
}

}  // namespace
}  // namespace quai
