// Refused and waiting documents: a document refused under one setting is read
// again once the setting changes and leaves the refused list; only a refused
// document is deleted, only by an administrator, with its original and a
// security-log entry; the reading counts and estimate.
#include <filesystem>

#include "api/api_test.h"

namespace quai::testing {
namespace {

class RefusedTest : public ApiTest {
 protected:
  std::string OriginalPath(const std::string& sha) const {
    return server_.data_dir() + "/data/originals/" + sha.substr(0, 2) + "/" + sha;
  }
  static int CountIds(const Json& list, int64_t id) {
    int n = 0;
    for (const Json& d : list["documents"]) n += d["id"] == id;
    return n;
  }
};

TEST_F(RefusedTest, ARefusedDocumentIsReadAgainAfterNewSettingsAndLeavesTheRefusedList) {
  ASSERT_EQ(server_.Stop(), 0);
  server_.AddArguments({"--max-pages", "1"});
  ASSERT_TRUE(server_.Start()) << server_.log();
  auto ana = LogIn("ana", "reviewer");
  const int64_t id = UploadOne(*ana, "two-pages.pdf", ReadFile(SamplePath("dev-inv-0003.pdf")));
  ASSERT_NE(id, 0);
  Json refused = ana->WaitUntilRead(id);
  ASSERT_EQ(refused["status"], "refused") << refused.dump().substr(0, 400);
  Json list = ana->GetJson("/api/v1/documents?status=refused");
  EXPECT_EQ(CountIds(list, id), 1) << list.dump().substr(0, 400);
  EXPECT_EQ(list["documents"][0]["reason_codes"][0]["cause"], "too_many_pages") << list.dump().substr(0, 600);

  // Read again under the same limit: refused again, for the same cause.
  auto again = ana->Send("POST", "/api/v1/documents/" + std::to_string(id) + "/read-again");
  ASSERT_TRUE(IsStatus(again, 202));
  EXPECT_EQ(ana->WaitUntilRead(id)["status"], "refused");

  // A new setting: now it reads, and leaves the refused list.
  ASSERT_EQ(server_.Stop(), 0);
  server_.DropArguments(2);
  ASSERT_TRUE(server_.Start()) << server_.log();
  ana = LogIn("ana2", "reviewer");
  again = ana->Send("POST", "/api/v1/documents/" + std::to_string(id) + "/read-again");
  ASSERT_TRUE(IsStatus(again, 202)) << (again ? again->body : "");
  Json read = ana->WaitUntilRead(id);
  EXPECT_TRUE(read["status"] == "needs_review" || read["status"] == "auto_accepted") << read.dump().substr(0, 400);
  EXPECT_EQ(read["pages"], 2);
  EXPECT_EQ(CountIds(ana->GetJson("/api/v1/documents?status=refused"), id), 0);

  // Only a refused document is read again; an unknown one is 404.
  EXPECT_TRUE(IsError(ana->Send("POST", "/api/v1/documents/" + std::to_string(id) + "/read-again"), 409, "not_refused"));
  EXPECT_TRUE(IsError(ana->Send("POST", "/api/v1/documents/99999/read-again"), 404, "not_found"));
  auto viewer = LogIn("vic", "viewer");
  EXPECT_TRUE(IsError(viewer->Send("POST", "/api/v1/documents/" + std::to_string(id) + "/read-again"), 403, "forbidden"));
}

TEST_F(RefusedTest, OnlyAnAdministratorDeletesARefusedDocumentWithItsOriginal) {
  auto ana = LogIn("ana", "reviewer");
  auto root = LogIn("root", "admin");
  auto uploaded = ana->Upload({{"truncated.pdf", ReadFixture("truncated.pdf")}, {"good.pdf", ReadFixture("text-layer.pdf")}});
  ASSERT_TRUE(IsStatus(uploaded, 202));
  Json body = Json::parse(uploaded->body);
  const int64_t bad = body["documents"][0]["id"], good = body["documents"][1]["id"];
  Json refused = ana->WaitUntilRead(bad);
  ASSERT_EQ(refused["status"], "refused");
  const std::string sha = refused["sha256"];
  ASSERT_TRUE(std::filesystem::exists(OriginalPath(sha)));

  const std::string path = "/api/v1/documents/" + std::to_string(bad);
  EXPECT_TRUE(IsError(ana->Send("DELETE", path), 403, "forbidden"));
  ana->WaitUntilRead(good);
  EXPECT_TRUE(IsError(root->Send("DELETE", "/api/v1/documents/" + std::to_string(good)), 409, "not_refused"));
  auto deleted = root->Send("DELETE", path);
  ASSERT_TRUE(IsStatus(deleted, 200));
  Json answer = Json::parse(deleted->body);
  EXPECT_EQ(answer["deleted"], bad);
  EXPECT_EQ(answer["original_removed"], true);
  EXPECT_FALSE(std::filesystem::exists(OriginalPath(sha)));
  EXPECT_TRUE(IsError(ana->Send("GET", path), 404, "not_found"));
  EXPECT_TRUE(IsError(root->Send("DELETE", path), 404, "not_found"));
  EXPECT_EQ(ana->GetJson("/api/v1/documents/" + std::to_string(good))["id"], good);  // the other stays

  Json audit = root->GetJson("/api/v1/audit?limit=1000");
  bool logged = false;
  for (const Json& e : audit["events"])
    logged |= e["kind"] == "document_deleted" && e["actor"] == "root" &&
              e["detail"].get<std::string>().find("truncated.pdf") != std::string::npos;
  EXPECT_TRUE(logged) << audit.dump().substr(0, 800);
}

TEST_F(RefusedTest, ReadingCountsAndAnEstimateFromRecentReads) {
  ASSERT_EQ(server_.Stop(), 0);
  server_.AddArguments({"--no-workers"});
  ASSERT_TRUE(server_.Start()) << server_.log();
  auto viewer = LogIn("vic", "viewer");
  Json none = viewer->GetJson("/api/v1/reading");
  ASSERT_TRUE(none.is_object());
  EXPECT_EQ(none["waiting"], 0);
  EXPECT_EQ(none["until_read_ms"], 0);
  EXPECT_TRUE(none["per_document_ms"].is_null());  // nothing read yet
  auto erp = WithToken("erp", "integration");
  ASSERT_NE(UploadOne(*erp, "a.pdf", ReadFile(SamplePath("dev-coc-0006.pdf"))), 0);
  ASSERT_NE(UploadOne(*erp, "b.pdf", ReadFile(SamplePath("dev-coc-0002.pdf"))), 0);
  Json waiting = viewer->GetJson("/api/v1/reading");
  EXPECT_EQ(waiting["waiting"], 2) << waiting.dump();
  EXPECT_EQ(waiting["reading"], 0);
  EXPECT_TRUE(waiting["until_read_ms"].is_null()) << waiting.dump();  // no read to go by yet

  // A worker reads one of them (then the other): now there is a run time to go by.
  ProcessResult worker = RunQuai({"worker", "--data", server_.data_dir() + "/data", "--jobs", "1", "--exit-when-idle",
                                  "--poll-ms", "100", "--retrain-hours", "0"},
                                 server_.data_dir());
  ASSERT_EQ(worker.exit_code, 0) << worker.err;
  ASSERT_NE(UploadOne(*erp, "c.pdf", ReadFile(SamplePath("dev-sds-0008.pdf"))), 0);
  Json estimate = viewer->GetJson("/api/v1/reading");
  EXPECT_EQ(estimate["waiting"], 1) << estimate.dump();
  ASSERT_TRUE(estimate["per_document_ms"].is_number()) << estimate.dump();
  const int64_t per = estimate["per_document_ms"];
  EXPECT_GT(per, 0);
  EXPECT_EQ(estimate["until_read_ms"], per);  // one waiting, one round
  ApiClient anonymous(server_);  // the fixture's points at the first start's port
  EXPECT_TRUE(IsStatus(anonymous.Send("GET", "/api/v1/reading"), 401));
}

}  // namespace
}  // namespace quai::testing
