// Watched folders and mailboxes through the real server: an administrator
// adds a folder (its settings checked, a wrong one named), tests it, and the
// server takes a file dropped there: one document whose source and origin
// say where it came from, the file moved to done/, the source's status
// counting it. A mailbox's password is written and never sent back. Other
// roles may not see or change sources.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "api/api_test.h"

namespace quai::testing {
namespace {

class SourcesApiTest : public ApiTest {};

TEST_F(SourcesApiTest, AFolderAddedByAnAdministratorFeedsTheDeskWithItsOrigin) {
  auto admin = WithToken("root", "admin");
  auto ana = WithToken("ana", "reviewer");
  const std::string folder = server_.data_dir() + "-dock";
  std::filesystem::create_directories(folder);

  auto wrong = admin->Send("POST", "/api/v1/sources",
                           Json{{"name", "dock"}, {"kind", "folder"}, {"settings", {{"path", "dock"}}}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 400) << wrong->body;
  EXPECT_NE(wrong->body.find("path"), std::string::npos) << wrong->body;

  auto added = admin->Send("POST", "/api/v1/sources",
                           Json{{"name", "dock"},
                                {"kind", "folder"},
                                {"settings", {{"path", folder}, {"stable_seconds", 0.5}}}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_TRUE(IsError(ana->Send("GET", "/api/v1/sources"), 403, "forbidden"));
  EXPECT_TRUE(IsError(ana->Send("POST", "/api/v1/sources", Json{{"name", "x"}, {"kind", "folder"}}), 403,
                      "forbidden"));
  // A body over the JSON limit is refused before any handler reads it.
  auto huge = admin->Send("POST", "/api/v1/sources",
                          Json{{"name", "big"}, {"kind", "folder"},
                               {"settings", {{"path", folder}, {"padding", std::string(2 << 20, 'x')}}}});
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413) << huge->body.substr(0, 200);
  EXPECT_TRUE(IsError(ana->Send("POST", "/api/v1/sources/dock/test"), 403, "forbidden"));

  std::filesystem::copy_file(SamplePath("dev-dn-0001.pdf"), folder + "/bl-0001.pdf");
  Json test = Json::parse(admin->Send("POST", "/api/v1/sources/dock/test")->body);
  EXPECT_EQ(test["ok"], true) << test.dump();
  EXPECT_NE(test["lines"][0].get<std::string>().find("1 file(s)"), std::string::npos) << test.dump();

  Json source;
  for (int i = 0; i < 300; ++i) {  // the server reloads its sources every 5 s
    source = admin->GetJson("/api/v1/sources")["sources"][0];
    if (source["documents_taken"] == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(source["documents_taken"], 1) << source.dump();
  EXPECT_EQ(source["last_error"], "") << source.dump();
  EXPECT_TRUE(std::filesystem::exists(folder + "/done/bl-0001.pdf"));
  EXPECT_FALSE(std::filesystem::exists(folder + "/bl-0001.pdf"));

  Json list = ana->GetJson("/api/v1/documents");
  ASSERT_FALSE(list["documents"].empty()) << list.dump();
  const int64_t id = list["documents"][0]["id"];
  Json document = ana->GetJson("/api/v1/documents/" + std::to_string(id));
  EXPECT_EQ(document["source"], "folder:dock") << document.dump();
  EXPECT_EQ(document["origin"]["path"], "bl-0001.pdf") << document.dump();
  EXPECT_EQ(document["origin"]["folder"], "dock") << document.dump();

  auto removed = admin->Send("DELETE", "/api/v1/sources/dock");
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 200) << removed->body;
  EXPECT_TRUE(admin->GetJson("/api/v1/sources")["sources"].empty());
  EXPECT_EQ(ana->GetJson("/api/v1/documents/" + std::to_string(id))["source"], "folder:dock");
  std::filesystem::remove_all(folder);
}

TEST_F(SourcesApiTest, AMailboxPasswordIsWrittenButNeverSentBack) {
  auto admin = WithToken("root", "admin");
  const Json settings = {{"url", "imap://127.0.0.1:1/INBOX"}, {"user", "receiving"}};
  auto added = admin->Send("POST", "/api/v1/sources",
                           Json{{"name", "orders"}, {"kind", "imap"}, {"settings", settings},
                                {"secret", "correct horse battery staple"}, {"enabled", false}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(added->body.find("correct horse"), std::string::npos) << added->body;
  Json listed = admin->GetJson("/api/v1/sources");
  EXPECT_EQ(listed.dump().find("correct horse"), std::string::npos) << listed.dump();
  EXPECT_EQ(listed["sources"][0]["has_secret"], true);
  EXPECT_EQ(listed["sources"][0]["enabled"], false);
  // A change without a secret keeps it.
  auto changed = admin->Send("PUT", "/api/v1/sources/orders", Json{{"settings", settings}, {"enabled", false}});
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(Json::parse(changed->body)["has_secret"], true);
  // Nothing listens on port 1: the test says so in words, without the password.
  Json test = Json::parse(admin->Send("POST", "/api/v1/sources/orders/test")->body);
  EXPECT_EQ(test["ok"], false) << test.dump();
  EXPECT_NE(test["error"].get<std::string>().find("127.0.0.1"), std::string::npos) << test.dump();
  EXPECT_EQ(test.dump().find("correct horse"), std::string::npos);
  auto duplicate = admin->Send("POST", "/api/v1/sources",
                               Json{{"name", "orders"}, {"kind", "imap"}, {"settings", settings}, {"secret", "x"}});
  ASSERT_TRUE(duplicate);
  EXPECT_EQ(duplicate->status, 409) << duplicate->body;
}

}  // namespace
}  // namespace quai::testing
