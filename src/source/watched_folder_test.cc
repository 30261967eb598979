#include "source/watched_folder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <nlohmann/json.hpp>

#include "core/memory_file_system.h"
#include "fixtures/test_directory.h"
#include "source/recording_intake.h"

namespace quai {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class WatchedFolderTest : public ::testing::Test {
 protected:
  WatchedFolderTest() : clock_(std::chrono::sys_days{std::chrono::year{2026} / 12 / 7} + std::chrono::hours(8)) {
    fs_.SetClock(&clock_);
    EXPECT_TRUE(fs_.CreateDirectories("/scans").ok());
  }

  std::unique_ptr<WatchedFolder> Folder(const std::string& extra_json = "") {
    nlohmann::json settings = {{"path", "/scans"}, {"stable_seconds", 5}, {"poll_seconds", 1}};
    if (!extra_json.empty()) settings.update(nlohmann::json::parse(extra_json));
    Result<FolderSettings> parsed = FolderSettings::Parse(settings.dump());
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    return std::make_unique<WatchedFolder>("reception", *parsed, fs_, clock_, 1 << 20, nullptr);
  }

  void Write(const std::string& path, const std::string& data) { fs_.AddFile(path, data); }
  void Append(const std::string& path, const std::string& data) {
    Result<std::string> old = fs_.ReadFile(path, 1 << 20);
    fs_.AddFile(path, (old.ok() ? *old : "") + data);
  }

  SourcePass Pass(WatchedFolder& folder) { return folder.Pass(intake_, stop_); }

  FakeClock clock_;
  MemoryFileSystem fs_;
  RecordingIntake intake_;
  std::atomic<bool> stop_{false};
};

TEST_F(WatchedFolderTest, AFileIsTakenOnceUnchangedForTheDelayThenMovedToDone) {
  auto folder = Folder();
  Write("/scans/bl-1042.pdf", "%PDF-1.7 delivery note 1042");
  SourcePass first = Pass(*folder);
  EXPECT_EQ(first.stored, 0) << "taken before its size and time had settled";
  EXPECT_LE(first.next_pass, seconds(1));
  clock_.Advance(seconds(4));
  EXPECT_EQ(Pass(*folder).stored, 0);
  clock_.Advance(seconds(1));
  SourcePass taken = Pass(*folder);
  EXPECT_EQ(taken.stored, 1);
  EXPECT_TRUE(taken.error.empty()) << taken.error;
  EXPECT_FALSE(fs_.Exists("/scans/bl-1042.pdf"));
  EXPECT_TRUE(fs_.Exists("/scans/done/bl-1042.pdf"));
  auto stored = intake_.stored();
  ASSERT_EQ(stored.size(), 1u);
  const auto& document = stored.begin()->second;
  EXPECT_EQ(document.name, "bl-1042.pdf");
  EXPECT_EQ(document.source, "folder:reception");
  nlohmann::json origin = nlohmann::json::parse(document.origin_json);
  EXPECT_EQ(origin["path"], "bl-1042.pdf");
  EXPECT_EQ(origin["folder"], "reception");
  // Nothing is taken twice: the folder is empty now.
  clock_.Advance(seconds(10));
  EXPECT_EQ(Pass(*folder).stored, 0);
  EXPECT_EQ(intake_.stored().size(), 1u);
}

TEST_F(WatchedFolderTest, ASlowWriterIsWaitedFor) {
  auto folder = Folder();
  Write("/scans/batch.pdf", "%PDF-1.7 part one");
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Pass(*folder).stored, 0);
    clock_.Advance(seconds(3));
    Append("/scans/batch.pdf", " more");  // still being copied: 12 s in all
  }
  EXPECT_EQ(Pass(*folder).stored, 0);  // the look right after the last write
  clock_.Advance(seconds(4));
  EXPECT_EQ(Pass(*folder).stored, 0) << "taken 4 s after its last write";
  clock_.Advance(seconds(1));
  EXPECT_EQ(Pass(*folder).stored, 1);
  ASSERT_EQ(intake_.stored().size(), 1u);
  EXPECT_EQ(intake_.stored().begin()->second.bytes, "%PDF-1.7 part one more more more more");
}

TEST_F(WatchedFolderTest, AShareWhoseClockIsBehindDoesNotMakeAFreshFileLookOld) {
  FakeClock server_clock(clock_.Now() - std::chrono::minutes(10));  // the file server's clock
  fs_.SetClock(&server_clock);
  auto folder = Folder();
  Write("/scans/bl.pdf", "%PDF-1.7 being copied");
  EXPECT_EQ(Pass(*folder).stored, 0);
  clock_.Advance(seconds(1));
  server_clock.Advance(seconds(1));
  EXPECT_EQ(Pass(*folder).stored, 0) << "taken 1 s after its last write: its time, 10 min behind ours, was "
                                        "taken for ours";
  clock_.Advance(seconds(4));
  server_clock.Advance(seconds(4));
  EXPECT_EQ(Pass(*folder).stored, 1);
}

TEST_F(WatchedFolderTest, AnOldFileFoundAtStartIsTakenAfterASecondLook) {
  Write("/scans/old.pdf", "%PDF-1.7 dropped while quai was down");
  clock_.Advance(std::chrono::minutes(3));
  auto restarted = Folder();
  EXPECT_EQ(Pass(*restarted).stored, 0);
  clock_.Advance(seconds(1));
  EXPECT_EQ(Pass(*restarted).stored, 1) << "held for the whole delay after a restart";
}

TEST_F(WatchedFolderTest, ARefusedFileGoesToRefusedWithItsReasonBesideIt) {
  auto folder = Folder();
  intake_.RefuseStartingWith("hello");
  Write("/scans/notes.txt", "hello, this is not a document");
  Pass(*folder);
  clock_.Advance(seconds(5));
  SourcePass pass = Pass(*folder);
  EXPECT_EQ(pass.refused, 1);
  EXPECT_TRUE(fs_.Exists("/scans/refused/notes.txt"));
  Result<std::string> reason = fs_.ReadFile("/scans/refused/notes.txt.reason.txt", 4096);
  ASSERT_TRUE(reason.ok());
  EXPECT_NE(reason->find("notes.txt: not a document quai reads"), std::string::npos) << *reason;
  EXPECT_FALSE(fs_.Exists("/scans/notes.txt"));
}

TEST_F(WatchedFolderTest, AFileTooLargeIsRefusedUnread) {
  auto folder = Folder();
  Write("/scans/huge.pdf", std::string((1 << 20) + 1, 'x'));
  Pass(*folder);
  clock_.Advance(seconds(5));
  EXPECT_EQ(Pass(*folder).refused, 1);
  EXPECT_TRUE(intake_.stored().empty());
  EXPECT_TRUE(fs_.Exists("/scans/refused/huge.pdf.reason.txt"));
}

TEST_F(WatchedFolderTest, WhenTheStoreFailsTheFileStaysAndIsTakenLater) {
  auto folder = Folder();
  Write("/scans/bl.pdf", "%PDF-1.7 bl");
  Pass(*folder);
  clock_.Advance(seconds(5));
  intake_.FailWith("the disk is full");
  SourcePass failed = Pass(*folder);
  EXPECT_EQ(failed.failed, 1);
  EXPECT_NE(failed.error.find("bl.pdf: the disk is full"), std::string::npos) << failed.error;
  EXPECT_TRUE(fs_.Exists("/scans/bl.pdf")) << "a file not stored was moved away";
  EXPECT_LE(failed.next_pass, seconds(5));
  intake_.FailWith("");
  clock_.Advance(seconds(5));
  EXPECT_EQ(Pass(*folder).stored, 1);
  EXPECT_TRUE(fs_.Exists("/scans/done/bl.pdf"));
}

TEST_F(WatchedFolderTest, AFileStoredBeforeAKillIsMovedNotStoredAgain) {
  // The process stored the file, then was killed before moving it.
  ASSERT_TRUE(intake_.Receive("bl.pdf", "%PDF-1.7 bl", "folder:reception", "{}").ok());
  Write("/scans/bl.pdf", "%PDF-1.7 bl");
  auto restarted = Folder();
  Pass(*restarted);
  clock_.Advance(seconds(5));
  SourcePass pass = Pass(*restarted);
  EXPECT_EQ(pass.stored, 0);
  EXPECT_EQ(pass.duplicates, 1);
  EXPECT_EQ(intake_.stored().size(), 1u);
  EXPECT_TRUE(fs_.Exists("/scans/done/bl.pdf"));
}

TEST_F(WatchedFolderTest, DebrisIsIgnoredAndSubfoldersOnlyWhenAsked) {
  auto folder = Folder();
  for (const char* debris : {"/scans/~$report.docx", "/scans/.DS_Store", "/scans/scan.pdf.part",
                             "/scans/Thumbs.db", "/scans/copy.tmp"})
    Write(debris, debris);
  Write("/scans/site-b/bl-7.pdf", "%PDF-1.7 bl 7");
  Pass(*folder);
  clock_.Advance(seconds(5));
  SourcePass pass = Pass(*folder);
  EXPECT_EQ(pass.stored + pass.refused, 0);
  auto deep = Folder(R"({"subfolders":true})");
  Pass(*deep);
  clock_.Advance(seconds(5));
  EXPECT_EQ(Pass(*deep).stored, 1);
  EXPECT_TRUE(fs_.Exists("/scans/done/site-b/bl-7.pdf"));
  EXPECT_TRUE(fs_.Exists("/scans/~$report.docx"));
}

TEST_F(WatchedFolderTest, NothingSetAsideIsReplacedAndDeleteModeDeletes) {
  Write("/scans/done/scan.pdf", "an earlier scan.pdf");
  Write("/scans/scan.pdf", "%PDF-1.7 today's scan");
  auto folder = Folder();
  Pass(*folder);
  clock_.Advance(seconds(5));
  EXPECT_EQ(Pass(*folder).stored, 1);
  EXPECT_EQ(*fs_.ReadFile("/scans/done/scan.pdf", 100), "an earlier scan.pdf");
  EXPECT_EQ(*fs_.ReadFile("/scans/done/scan (2).pdf", 100), "%PDF-1.7 today's scan");

  auto deleting = Folder(R"({"after":"delete"})");
  Write("/scans/other.pdf", "%PDF-1.7 other");
  Pass(*deleting);
  clock_.Advance(seconds(5));
  EXPECT_EQ(Pass(*deleting).stored, 1);
  EXPECT_FALSE(fs_.Exists("/scans/other.pdf"));
  EXPECT_FALSE(fs_.Exists("/scans/done/other.pdf"));
}

TEST_F(WatchedFolderTest, AMissingFolderIsNamedAndTestTakesNothing) {
  auto folder = Folder(R"({"path":"/nowhere"})");
  SourcePass pass = Pass(*folder);
  EXPECT_NE(pass.error.find("/nowhere"), std::string::npos) << pass.error;
  EXPECT_FALSE(folder->Test().ok());

  Write("/scans/a.pdf", "%PDF a");
  Write("/scans/b.pdf", "%PDF b");
  auto good = Folder();
  Result<std::vector<std::string>> lines = good->Test();
  ASSERT_TRUE(lines.ok());
  EXPECT_NE((*lines)[0].find("2 file(s)"), std::string::npos) << (*lines)[0];
  EXPECT_TRUE(fs_.Exists("/scans/a.pdf"));
  EXPECT_TRUE(intake_.stored().empty());
}

// The kernel's file events on a real folder wake the folder at once, and a
// file found at start-up with an old time is taken without waiting the delay.
TEST(WatchedFolderEvents, AFileWrittenWakesTheFolderAndAnOldFileIsTakenAtOnce) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  const std::string path = directory.File("drop");
  ASSERT_TRUE(DefaultFileSystem()->CreateDirectories(path).ok());
  std::ofstream(path + "/old.pdf") << "%PDF-1.7 old";
  std::filesystem::last_write_time(path + "/old.pdf",
                                   std::filesystem::file_time_type::clock::now() - std::chrono::minutes(5));
  Result<FolderSettings> settings =
      FolderSettings::Parse(nlohmann::json{{"path", path}, {"stable_seconds", 60}}.dump());
  ASSERT_TRUE(settings.ok());
  Result<std::unique_ptr<FolderEvents>> events = FolderEvents::Open();
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  WatchedFolder folder("drop", *settings, *DefaultFileSystem(), *SystemClock(), 1 << 20, std::move(events).value());
  RecordingIntake intake;
  std::atomic<bool> stop{false};
  SourcePass first = folder.Pass(intake, stop);
  EXPECT_EQ(first.stored, 0) << "taken before a second look confirmed it";
  EXPECT_LE(first.next_pass, milliseconds(1000));
  std::this_thread::sleep_for(milliseconds(1100));
  EXPECT_EQ(folder.Pass(intake, stop).stored, 1) << "an old file waited for the whole delay";
  // A link dropped in the folder is set aside, never followed.
  std::filesystem::create_symlink("/etc/hostname", path + "/hostname.pdf");
  std::thread writer([&] {
    std::this_thread::sleep_for(milliseconds(300));
    std::ofstream(path + "/new.pdf") << "%PDF-1.7 new";
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(folder.Wait(seconds(10), stop));
  EXPECT_LT(std::chrono::steady_clock::now() - start, seconds(3));
  writer.join();
  folder.Pass(intake, stop);  // sees the link (and new.pdf) a first time
  std::this_thread::sleep_for(milliseconds(1100));
  SourcePass later = folder.Pass(intake, stop);
  EXPECT_EQ(later.refused, 1) << "the link was not refused";
  for (const auto& [sha, document] : intake.stored()) EXPECT_NE(document.name, "hostname.pdf");
  EXPECT_TRUE(std::filesystem::is_symlink(path + "/refused/hostname.pdf"));
}

}  // namespace
}  // namespace quai
