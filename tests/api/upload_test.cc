// Uploads (good, bad, oversized) and hostile paths over HTTP against a real `quai serve`.
#include "api/api_test.h"

namespace quai::testing {
namespace {

TEST_F(ApiTest, BadFilesGetAnErrorNamingThemAndTheGoodOnesInTheSameUploadGoIn) {
  auto ana = LogIn("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  auto result = ana->Upload({{"empty.pdf", ""},
                             {"not-a-pdf.pdf", ReadFixture("not-a-pdf.pdf")},
                             {"corrupt.pdf", ReadFixture("corrupt.pdf")},
                             {"good.pdf", ReadFixture("text-layer.pdf")},
                             {"../../etc/evil.png", ReadFixture("scan-200dpi.png")}});
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 202) << result->body;
  Json documents = Json::parse(result->body)["documents"];
  ASSERT_EQ(documents.size(), 5u);
  for (int k = 0; k < 3; ++k) {
    const Json& refused = documents[k];
    ASSERT_TRUE(refused.contains("error")) << refused.dump();
    std::string message = refused["error"]["message"];
    EXPECT_EQ(message.rfind(refused["file"].get<std::string>() + ":", 0), 0u) << message;
    EXPECT_EQ(refused["error"]["code"], "invalid_argument");
  }
  EXPECT_FALSE(documents[0].contains("id"));  // refused at the door: nothing stored
  EXPECT_FALSE(documents[1].contains("id"));
  EXPECT_EQ(documents[2].value("status", ""), "refused");  // stored, then found corrupt: kept, refused
  EXPECT_EQ(documents[3]["status"], "received");
  EXPECT_GT(documents[3]["id"].get<int64_t>(), 0);
  EXPECT_EQ(documents[4]["file"], "evil.png");  // folders in the name are dropped
  EXPECT_EQ(documents[4]["status"], "received");

  // The same bytes again: a duplicate of the stored document.
  auto again = ana->Upload({{"good-again.pdf", ReadFixture("text-layer.pdf")}});
  ASSERT_TRUE(again);
  Json duplicate = Json::parse(again->body)["documents"][0];
  EXPECT_EQ(duplicate["status"], "duplicate");
  EXPECT_EQ(duplicate["id"], documents[3]["id"]);
}

TEST_F(ApiTest, UploadWithoutAFileFieldOrNotMultipartIsRefused) {
  auto ana = LogIn("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  httplib::MultipartFormDataItems items = {{"document", "x", "x.pdf", "application/pdf"}};
  auto no_file = ana->http().Post("/api/v1/documents", ana->Headers(), items);
  EXPECT_TRUE(IsError(no_file, 400, "invalid_argument"));
  auto json = ana->Send("POST", "/api/v1/documents", {{"file", "x"}});
  EXPECT_TRUE(IsError(json, 415, "unsupported_media_type"));
}

TEST_F(ApiTest, AFileOverTheLimitIsRefusedAndABodyOverItGets413) {
  auto ana = LogIn("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  // 2.5 MiB: over the 2 MiB file limit, within the request limit → a per-file error.
  std::string big = "%PDF-1.4\n" + std::string(5 * 512 * 1024, 'x');
  auto one_big = ana->Upload({{"big.pdf", big}, {"small.pdf", ReadFixture("text-layer.pdf")}});
  ASSERT_TRUE(one_big);
  ASSERT_EQ(one_big->status, 202) << one_big->body;
  Json documents = Json::parse(one_big->body)["documents"];
  EXPECT_EQ(documents[0]["error"]["code"], "too_large");
  EXPECT_NE(documents[0]["error"]["message"].get<std::string>().find("big.pdf"), std::string::npos);
  EXPECT_EQ(documents[1]["status"], "received");
  // 8 MiB: the whole request is over the limit.
  auto huge = ana->Upload({{"huge.pdf", "%PDF-1.4\n" + std::string(8 * 1024 * 1024, 'x')}});
  ASSERT_TRUE(huge) << "no answer: " << httplib::to_string(huge.error());
  EXPECT_EQ(huge->status, 413);
  EXPECT_EQ(ErrorCode(huge), "too_large");
  // A JSON body over 1 MiB.
  auto long_json = ana->Send("PUT", "/api/v1/documents/1/fields/po_number", {{"value", std::string(1100000, '1')}});
  EXPECT_TRUE(IsError(long_json, 413, "too_large"));
}

TEST_F(ApiTest, PathTraversalNeverLeavesTheUiFolderOrReachesAnotherRoute) {
  auto ana = LogIn("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  for (const char* path :
       {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2f..%2fetc/passwd", "/%252e%252e/etc/passwd", "/..\\..\\etc\\passwd",
        "/api/v1/documents/1/pages/..%2f..%2f..%2fetc%2fpasswd", "/api/v1/documents/../../../etc/passwd",
        "/api/v1/documents/%2e%2e/users", "/api/v1/documents/1/original/../../users"}) {
    auto result = ana->Send("GET", path);
    ASSERT_TRUE(result) << path;
    EXPECT_GE(result->status, 400) << path << " answered " << result->status;
    EXPECT_EQ(result->body.find("root:"), std::string::npos) << path;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json") << path;
    EXPECT_FALSE(ErrorCode(result).empty()) << path << ": " << result->body;
  }
}

TEST_F(ApiTest, TheUiIsServedWithItsOwnRoutesFallingBackToIndex) {
  auto root = anonymous_->Send("GET", "/");
  ASSERT_TRUE(IsStatus(root, 200));
  EXPECT_NE(root->body.find("<title>quai</title>"), std::string::npos);
  auto screen = anonymous_->Send("GET", "/documents/17");
  ASSERT_TRUE(IsStatus(screen, 200));
  EXPECT_NE(screen->body.find("<title>quai</title>"), std::string::npos);
  auto script = anonymous_->Send("GET", "/assets/app-1234.js");
  ASSERT_TRUE(IsStatus(script, 200));
  EXPECT_EQ(script->get_header_value("Content-Type").rfind("text/javascript", 0), 0u);
  auto missing = anonymous_->Send("GET", "/assets/missing.js");
  ASSERT_TRUE(IsStatus(missing, 404));
}

// {id} is a document id and nothing else: digits that are no document's id but
// begin another document's SHA-256 must not reach that document.
TEST_F(ApiTest, DocumentRoutesFindADocumentByItsIdNeverByTheStartOfItsHash) {
  auto ana = LogIn("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  // Corrupt PDFs are stored, then refused: each keeps an id, a hash and its original.
  std::vector<std::pair<std::string, std::string>> files;
  for (int k = 0; k < 150; ++k)
    files.push_back({"corrupt-" + std::to_string(k) + ".pdf", ReadFixture("corrupt.pdf") + "\n%" + std::to_string(k)});
  ASSERT_TRUE(IsStatus(ana->Upload(files), 202));
  Json list = ana->GetJson("/api/v1/documents?limit=500");
  ASSERT_TRUE(list.is_object());
  std::string digits;  // six decimal digits starting some document's hash (about 1 hash in 16)
  for (const Json& summary : list["documents"]) {
    std::string head = summary["sha256"].get<std::string>().substr(0, 6);
    if (head[0] != '0' && head.find_first_not_of("0123456789") == std::string::npos) digits = head;
  }
  ASSERT_FALSE(digits.empty()) << "no hash starts with six digits; upload more files";
  ASSERT_TRUE(IsError(ana->Send("GET", "/api/v1/documents/" + digits), 404, "not_found"));
  for (const char* path : {"/original", "/pages/1.png", "/pages/1/words"}) {
    auto result = ana->Send("GET", "/api/v1/documents/" + digits + path);
    EXPECT_TRUE(IsError(result, 404, "not_found")) << path << ": " << (result ? result->status : 0);
  }
}

TEST_F(ApiTest, UnknownApiRoutesAnswerAJson404) {
  auto ana = LogIn("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  auto unknown = ana->Send("GET", "/api/v1/nothing-here");
  EXPECT_TRUE(IsError(unknown, 404, "not_found"));
  auto missing = ana->Send("GET", "/api/v1/documents/999999");
  EXPECT_TRUE(IsError(missing, 404, "not_found"));
}

}  // namespace
}  // namespace quai::testing
