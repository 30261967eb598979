#include "source/source_runner.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "fixtures/test_directory.h"
#include "source/recording_intake.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

using std::chrono::milliseconds;

class SourceRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_.ok());
    auto opened = SqliteRepository::Open(directory_.File("quai.db"), nullptr);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    services_.store = store_.get();
    services_.file_system = DefaultFileSystem();
    services_.clock = SystemClock();
  }

  std::string AddFolder(const std::string& name, double stable_seconds = 0.2) {
    const std::string path = directory_.File(name);
    EXPECT_TRUE(DefaultFileSystem()->CreateDirectories(path).ok());
    SourceRecord record;
    record.name = name;
    record.kind = SourceKind::kFolder;
    record.settings_json = nlohmann::json{{"path", path}, {"stable_seconds", stable_seconds}}.dump();
    EXPECT_TRUE(store_->AddSource(record).ok());
    return path;
  }

  template <typename Predicate>
  bool WaitFor(Predicate done, milliseconds limit = milliseconds(15000)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(milliseconds(50));
    }
    return done();
  }

  SourceRecord Find(const std::string& name) {
    auto found = store_->FindSource(name);
    EXPECT_TRUE(found.ok() && found->has_value());
    return found.ok() && found->has_value() ? **found : SourceRecord{};
  }

  TestDirectory directory_;
  std::unique_ptr<SqliteRepository> store_;
  SourceServices services_;
  RecordingIntake intake_;
  SourceRunnerOptions options_{milliseconds(200), std::chrono::minutes(5), std::chrono::minutes(1)};
};

TEST_F(SourceRunnerTest, FoldersAreTakenAndTheirStatusRecorded) {
  const std::string a = AddFolder("reception");
  const std::string b = AddFolder("accounting");
  SourceRunner runner(services_, intake_, "test:1", options_);
  runner.Start();
  std::ofstream(a + "/bl-1.pdf") << "%PDF-1.7 one";
  std::ofstream(b + "/inv-2.pdf") << "%PDF-1.7 two";
  ASSERT_TRUE(WaitFor([&] { return intake_.stored().size() == 2; }));
  ASSERT_TRUE(WaitFor([&] { return Find("reception").documents_taken == 1 && Find("accounting").documents_taken == 1; }));
  EXPECT_TRUE(Find("reception").last_error.empty());
  EXPECT_FALSE(Find("reception").last_success_at.empty());
  EXPECT_TRUE(WaitFor([&] { return DefaultFileSystem()->Exists(a + "/done/bl-1.pdf"); }));
  runner.Stop();
}

TEST_F(SourceRunnerTest, ASourceAddedWhileRunningStartsAndABrokenOneSaysWhy) {
  SourceRunner runner(services_, intake_, "test:1", options_);
  runner.Start();
  const std::string late = AddFolder("late");
  SourceRecord broken;
  broken.name = "broken";
  broken.kind = SourceKind::kFolder;
  broken.settings_json = R"({"path":"relative/path"})";
  ASSERT_TRUE(store_->AddSource(broken).ok());
  SourceRecord missing;
  missing.name = "missing";
  missing.kind = SourceKind::kFolder;
  missing.settings_json = nlohmann::json{{"path", directory_.File("not-there")}}.dump();
  ASSERT_TRUE(store_->AddSource(missing).ok());
  std::ofstream(late + "/bl.pdf") << "%PDF-1.7 late";
  ASSERT_TRUE(WaitFor([&] { return intake_.stored().size() == 1; })) << "a broken source held up a good one";
  ASSERT_TRUE(WaitFor([&] { return !Find("broken").last_error.empty(); }));
  EXPECT_NE(Find("broken").last_error.find("path"), std::string::npos) << Find("broken").last_error;
  ASSERT_TRUE(WaitFor([&] { return !Find("missing").last_error.empty(); }));
  EXPECT_NE(Find("missing").last_error.find("not-there"), std::string::npos) << Find("missing").last_error;
  runner.Stop();
}

TEST_F(SourceRunnerTest, ADisabledSourceStopsTaking) {
  const std::string path = AddFolder("reception");
  SourceRunner runner(services_, intake_, "test:1", options_);
  runner.Start();
  std::ofstream(path + "/one.pdf") << "%PDF-1.7 one";
  ASSERT_TRUE(WaitFor([&] { return intake_.stored().size() == 1; }));
  SourceRecord record = Find("reception");
  ASSERT_TRUE(store_->UpdateSource("reception", record.settings_json, std::nullopt, false).ok());
  std::this_thread::sleep_for(milliseconds(600));  // the runner reloads every 200 ms
  std::ofstream(path + "/two.pdf") << "%PDF-1.7 two";
  std::this_thread::sleep_for(milliseconds(1500));
  EXPECT_EQ(intake_.stored().size(), 1u);
  EXPECT_TRUE(DefaultFileSystem()->Exists(path + "/two.pdf"));
  runner.Stop();
}

}  // namespace
}  // namespace quai
