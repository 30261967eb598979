#include "server/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/sha256.h"

namespace quai::server {
namespace {

namespace fs = std::filesystem;

TEST(StaticFiles, ThePolicyAllowsIndexHtmlsOwnInlineScriptAndNoOther) {
  fs::path folder = fs::temp_directory_path() / ("quai-static-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  const std::string boot = "\n    window.__boot = 1;\n  ";
  std::ofstream(folder / "index.html") << "<!doctype html><head><script>" << boot
                                       << "</script></head><body><script type=\"module\" src=\"/assets/app.js\">"
                                          "</script></body>";
  StaticFiles files(folder.string());
  const std::string& policy = files.content_security_policy();
  EXPECT_NE(policy.find("script-src 'self' 'sha256-" + Sha256Base64(boot) + "';"), std::string::npos) << policy;
  EXPECT_EQ(policy.find("sha256-" + Sha256Base64("")), std::string::npos) << "the module script has a src";
  fs::remove_all(folder);
  StaticFiles none("");
  EXPECT_NE(none.content_security_policy().find("script-src 'self';"), std::string::npos);
}

}  // namespace
}  // namespace quai::server
