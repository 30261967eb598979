// Stopping `quai serve` with work in flight loses nothing: SIGTERM exits 0,
// and every accepted document is read after the next start.
#include <regex>

#include "api/api_test.h"

namespace quai::testing {
namespace {

TEST_F(ApiTest, SigtermWithScansInFlightThenRestartLosesNothing) {
  auto erp = WithToken("erp", "integration");
  std::vector<int64_t> ids;
  for (const std::string name : {"dev-dn-0005.tif", "dev-inv-0007.tif", "dev-coc-0010.jpg", "dev-coc-0006.pdf"}) {
    auto result = erp->Upload({{name, ReadFile(SamplePath(name))}});
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 202) << result->body;
    ids.push_back(Json::parse(result->body)["documents"][0]["id"].get<int64_t>());
  }
  EXPECT_EQ(server_.Stop(), 0) << server_.log();
  std::smatch match;
  std::string log = server_.log();
  ASSERT_TRUE(std::regex_search(log, match, std::regex("finishing (\\d+) document\\(s\\) being read; (\\d+) waiting")))
      << log;
  EXPECT_GE(std::stoi(match[1]) + std::stoi(match[2]), 1) << "the stop came after the work: " << log;
  EXPECT_NE(log.find("quai serve: stopped"), std::string::npos) << log;

  ASSERT_TRUE(server_.Start()) << server_.log();
  erp = WithToken("erp2", "integration");
  for (int64_t id : ids) {
    Json document = erp->WaitUntilRead(id, 300);
    ASSERT_TRUE(document.is_object()) << "document " << id << " is gone";
    EXPECT_NE(document["status"], "received") << "document " << id << " was never read";
    EXPECT_NE(document["status"], "refused") << document.dump();
  }
  Json all = erp->GetJson("/api/v1/documents");
  EXPECT_EQ(all["total"], 4);
  EXPECT_EQ(server_.Stop(), 0);
}

}  // namespace
}  // namespace quai::testing
