#include "core/shipped_files.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace quai {
namespace {

TEST(ShippedFiles, InstalledUnderUsrReadsSchemasFromEtc) {
  ShippedFolders folders = InstalledFolders("/usr/bin/quai");
  EXPECT_TRUE(folders.installed);
  EXPECT_EQ(folders.models, "/usr/share/quai/models");
  EXPECT_EQ(folders.web, "/usr/share/quai/web");
  EXPECT_EQ(folders.schemas, "/etc/quai/schemas");
}

TEST(ShippedFiles, InstalledUnderAnotherPrefixKeepsItsOwnEtc) {
  ShippedFolders folders = InstalledFolders("/opt/quai/bin/quai");
  EXPECT_EQ(folders.models, "/opt/quai/share/quai/models");
  EXPECT_EQ(folders.schemas, "/opt/quai/etc/quai/schemas");
}

TEST(ShippedFiles, TestBinaryOutsideABinFolderReadsTheSourceTree) {
  // This test binary lives in the build tree, not in <prefix>/bin.
  ShippedFolders folders = ShippedFiles();
  EXPECT_FALSE(folders.installed);
  EXPECT_EQ(folders.models, std::string(QUAI_SOURCE_DIR) + "/models");
  EXPECT_EQ(folders.schemas, std::string(QUAI_SOURCE_DIR) + "/config/schemas");
  EXPECT_TRUE(std::filesystem::exists(folders.models + "/calibration.json"));
  EXPECT_TRUE(std::filesystem::exists(folders.schemas + "/invoice.json"));
}

}  // namespace
}  // namespace quai
