// What the server sends and keeps beyond the API's answers: security headers,
// private files, names that cannot mislead, downloads named for what they are.
#include <sys/stat.h>

#include "api/api_test.h"

namespace quai::testing {
namespace {

TEST_F(ApiTest, EveryAnswerForbidsInlineScriptsAndFraming) {
  for (const char* path : {"/", "/api/v1/health", "/api/v1/documents", "/api/v1/no-such-route"}) {
    auto result = anonymous_->Send("GET", path);
    ASSERT_TRUE(result) << path;
    std::string policy = result->get_header_value("Content-Security-Policy");
    size_t scripts = policy.find("script-src 'self'");
    ASSERT_NE(scripts, std::string::npos) << path << ": " << policy;
    std::string script_sources = policy.substr(scripts, policy.find(';', scripts) - scripts);
    EXPECT_EQ(script_sources.find("unsafe-inline"), std::string::npos) << script_sources;
    EXPECT_EQ(policy.find("'unsafe-eval'"), std::string::npos) << policy;
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
    EXPECT_EQ(result->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_TRUE(result->get_header_value("Strict-Transport-Security").empty()) << "HSTS over plain HTTP";
  }
}

TEST_F(ApiTest, TheDataDirectoryAndDatabaseAreTheServersUsersAlone) {
  struct stat info {};
  ASSERT_EQ(::stat((server_.data_dir() + "/data").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat((server_.data_dir() + "/data/quai.db").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 077, 0u) << "quai.db is readable by others";
  auto ana = WithToken("ana", "integration");
  int64_t id = UploadOne(*ana, "note.pdf", ReadFixture("text-layer.pdf"));
  ASSERT_GT(id, 0);
  std::vector<std::string> originals;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(server_.data_dir() + "/data/originals"))
    if (entry.is_regular_file()) originals.push_back(entry.path().string());
  ASSERT_FALSE(originals.empty());
  for (const std::string& original : originals) {
    ASSERT_EQ(::stat(original.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 077, 0u) << original;
  }
}

TEST_F(ApiTest, FileNamesLoseTheirBidiControlsAndDownloadWithTheDetectedExtension) {
  auto ana = WithToken("ana", "integration");
  // "invoice<RLO>fdp.exe" shows as "invoiceexe.pdf" in a browser; it is a PDF named as HTML.
  int64_t id = UploadOne(*ana, "invoice\xE2\x80\xAE" "fdp.html", ReadFixture("text-layer.pdf"));
  ASSERT_GT(id, 0);
  Json document = ana->GetJson("/api/v1/documents/" + std::to_string(id));
  ASSERT_TRUE(document.is_object());
  EXPECT_EQ(document["file"], "invoicefdp.html");
  auto original = ana->Send("GET", "/api/v1/documents/" + std::to_string(id) + "/original");
  ASSERT_TRUE(original);
  std::string disposition = original->get_header_value("Content-Disposition");
  EXPECT_NE(disposition.find("filename=\"invoicefdp.pdf\""), std::string::npos) << disposition;
  EXPECT_EQ(disposition.find(".html"), std::string::npos) << disposition;
}

}  // namespace
}  // namespace quai::testing

namespace quai::testing {
namespace {

TEST_F(ApiTest, AdminsReadTheSecurityLogWithUploadsLoginsAndRefusals) {
  auto admin = LogIn("root", "admin");
  ASSERT_NE(admin, nullptr);
  auto erp = WithToken("erp", "integration");
  ASSERT_GT(UploadOne(*erp, "note.pdf", ReadFixture("text-layer.pdf")), 0);
  auto viewer = WithToken("val", "viewer");
  EXPECT_EQ(viewer->Upload({{"x.pdf", ReadFixture("text-layer.pdf")}})->status, 403);
  EXPECT_EQ(viewer->Send("GET", "/api/v1/audit")->status, 403);
  Json audit = admin->GetJson("/api/v1/audit");
  ASSERT_TRUE(audit.is_object()) << audit.dump();
  EXPECT_EQ(audit["chain"]["intact"], true);
  std::vector<std::string> seen;
  for (const Json& event : audit["events"])
    seen.push_back(event["kind"].get<std::string>() + "/" + event["actor"].get<std::string>());
  auto has = [&](const std::string& entry) { return std::find(seen.begin(), seen.end(), entry) != seen.end(); };
  EXPECT_TRUE(has("login/root")) << audit.dump();
  EXPECT_TRUE(has("document_uploaded/erp")) << audit.dump();
  EXPECT_TRUE(has("refused/val")) << audit.dump();
  EXPECT_TRUE(has("user_added/cli")) << audit.dump();
}

}  // namespace
}  // namespace quai::testing

namespace quai::testing {
namespace {

TEST_F(ApiTest, APersonChangesTheirPasswordWithTheCurrentOneAndLogsInAgain) {
  std::string password = server_.AddUser("ana", "reviewer");
  auto ana = ApiClient::LoggedIn(server_, "ana", password);
  ASSERT_NE(ana, nullptr);
  EXPECT_TRUE(IsError(ana->Send("PUT", "/api/v1/session/password",
                                {{"current_password", "not-it"}, {"new_password", "a long new passphrase"}}),
                      400, "invalid_argument"));
  EXPECT_TRUE(IsError(ana->Send("PUT", "/api/v1/session/password",
                                {{"current_password", password}, {"new_password", "short"}}),
                      400, "invalid_argument"));
  auto changed = ana->Send("PUT", "/api/v1/session/password",
                           {{"current_password", password}, {"new_password", "a long new passphrase"}});
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 204) << changed->body;
  EXPECT_EQ(ana->Send("GET", "/api/v1/session")->status, 401) << "the session outlived the change";
  EXPECT_EQ(ApiClient::LoggedIn(server_, "ana", password), nullptr);
  EXPECT_NE(ApiClient::LoggedIn(server_, "ana", "a long new passphrase"), nullptr);
  auto token = WithToken("erp", "integration");
  EXPECT_EQ(token->Send("PUT", "/api/v1/session/password",
                        {{"current_password", "x"}, {"new_password", "a long new passphrase"}})->status,
            403);
}

}  // namespace
}  // namespace quai::testing
