#include "source/folder_settings.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace quai {
namespace {

TEST(FolderSettings, DefaultsAreThoseOfALocalDropFolder) {
  Result<FolderSettings> settings = FolderSettings::Parse(R"({"path":"/srv/scans/"})");
  ASSERT_TRUE(settings.ok()) << settings.status().ToString();
  EXPECT_EQ(settings->path, "/srv/scans");
  EXPECT_EQ(settings->done_folder, "/srv/scans/done");
  EXPECT_EQ(settings->refused_folder, "/srv/scans/refused");
  EXPECT_DOUBLE_EQ(settings->stable_seconds, 5);
  EXPECT_DOUBLE_EQ(settings->poll_seconds, 0);
  EXPECT_FALSE(settings->subfolders);
  EXPECT_FALSE(settings->delete_after);
  EXPECT_FALSE(settings->ignore.empty());
  Result<FolderSettings> again = FolderSettings::Parse(settings->ToJson().dump());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->ToJson(), settings->ToJson());
}

TEST(FolderSettings, AWrongSettingIsNamed) {
  struct Case {
    const char* json;
    const char* setting;
  };
  for (const Case& c : {Case{R"({"path":"scans"})", "path"}, Case{R"({})", "path"},
                        Case{R"({"path":"/s","stable_seconds":-1})", "stable_seconds"},
                        Case{R"({"path":"/s","poll_seconds":"often"})", "poll_seconds"},
                        Case{R"({"path":"/s","after":"archive"})", "after"},
                        Case{R"({"path":"/s","ignore":"*.tmp"})", "ignore"},
                        Case{R"({"path":"/s","subfolders":"yes"})", "subfolders"},
                        Case{R"({"path":"/s","done_folder":"done"})", "done_folder"}}) {
    Result<FolderSettings> settings = FolderSettings::Parse(c.json);
    ASSERT_FALSE(settings.ok()) << c.json;
    EXPECT_NE(settings.status().message().find(c.setting), std::string::npos) << settings.status().message();
  }
}

}  // namespace
}  // namespace quai
