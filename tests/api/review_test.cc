// The review flow over HTTP against a real `quai serve`: upload, background
// reading, page image and words, corrections (also by two reviewers at once),
// validation and the audit trail.
#include <atomic>
#include <thread>

#include "api/api_test.h"

namespace quai::testing {
namespace {

// A correction that fixes the only uncertain value makes the document's status,
// reasons and findings current in the answer to that correction (issue 15).
TEST_F(ApiTest, CorrectingTheLastUncertainValueAutoAcceptsTheDocumentInTheSameRequest) {
  auto ana = LogIn("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  // The shipped models read this sheet right but are unsure of its supplier's name alone.
  int64_t id = UploadOne(*ana, "dev-sds-0004.pdf", ReadFile(SamplePath("dev-sds-0004.pdf")));
  ASSERT_GT(id, 0);
  const std::string path = "/api/v1/documents/" + std::to_string(id);
  Json document = ana->WaitUntilRead(id);
  ASSERT_TRUE(document.is_object());
  ASSERT_EQ(document["status"], "needs_review") << document.dump();
  ASSERT_EQ(document["findings"], Json::array()) << document.dump();
  ASSERT_FALSE(document["review_reasons"].empty());
  const Json truth = Json::parse(ReadFile(SamplePath("dev-sds-0004.json")));
  std::vector<std::string> unsure;
  for (const Json& reason : document["review_reasons"]) {
    const std::string text = reason.get<std::string>();
    ASSERT_EQ(text.rfind("low confidence: ", 0), 0u) << "only uncertain values hold it: " << text;
    unsure.push_back(text.substr(std::string("low confidence: ").size()));
  }
  for (size_t i = 0; i < unsure.size(); ++i) {
    // Read right: the reviewer confirms it (typing the same value again records nothing).
    const bool right = document["fields"][unsure[i]]["value"] == truth["fields"][unsure[i]];
    auto corrected = right ? ana->Send("POST", path + "/confirm", {{"field", unsure[i]}})
                           : ana->Send("PUT", path + "/fields/" + unsure[i], {{"value", truth["fields"][unsure[i]]}});
    ASSERT_TRUE(corrected);
    ASSERT_EQ(corrected->status, 200) << corrected->body;
    Json after = Json::parse(corrected->body);
    if (right)
      EXPECT_EQ(after["fields"][unsure[i]]["confirmed_by"], "ana");
    else
      EXPECT_EQ(after["fields"][unsure[i]]["corrected"], true);
    if (i + 1 < unsure.size()) {
      EXPECT_EQ(after["status"], "needs_review");
      continue;
    }
    // The last one: nothing is uncertain any more, in this very answer.
    EXPECT_EQ(after["status"], "auto_accepted") << after.dump();
    EXPECT_EQ(after["review_required"], false);
    EXPECT_EQ(after["review_reasons"], Json::array());
    EXPECT_EQ(after["reasons"], Json::array());
    EXPECT_EQ(after["findings"], Json::array());
  }
  Json stored = ana->GetJson(path);
  EXPECT_EQ(stored["status"], "auto_accepted");
  EXPECT_EQ(stored["reasons"], Json::array());
  Json queue = ana->GetJson("/api/v1/review-queue");
  ASSERT_TRUE(queue.is_object()) << queue.dump();
  for (const Json& listed : queue["documents"]) EXPECT_NE(listed["id"], id);

  // Removing a required value makes it a finding at once.
  auto removed = ana->Send("PUT", path + "/fields/product_name", {{"value", nullptr}});
  ASSERT_TRUE(removed);
  ASSERT_EQ(removed->status, 200) << removed->body;
  Json missing = Json::parse(removed->body);
  EXPECT_EQ(missing["status"], "needs_review");
  ASSERT_EQ(missing["findings"].size(), 1u) << missing.dump();
  EXPECT_EQ(missing["findings"][0]["code"], "required_field_missing");
}

TEST_F(ApiTest, UploadedDocumentIsReadCorrectedValidatedAndEveryStepIsAnEvent) {
  auto ana = LogIn("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  int64_t id = UploadOne(*ana, "dev-dn-0001.pdf", ReadFile(SamplePath("dev-dn-0001.pdf")));
  ASSERT_GT(id, 0);
  const std::string path = "/api/v1/documents/" + std::to_string(id);
  Json document = ana->WaitUntilRead(id);
  ASSERT_TRUE(document.is_object());
  ASSERT_TRUE(document["status"] == "needs_review" || document["status"] == "auto_accepted") << document.dump();
  EXPECT_EQ(document["document_type"], "delivery_note");
  ASSERT_EQ(document["page_sizes"].size(), 1u);

  // The page as an image with the page's proportions, then from the cache.
  auto image = ana->Send("GET", path + "/pages/1.png");
  ASSERT_TRUE(image);
  ASSERT_EQ(image->status, 200) << image->body;
  EXPECT_EQ(image->get_header_value("Content-Type"), "image/png");
  // Never kept by the browser after its reader logs out.
  EXPECT_EQ(image->get_header_value("Cache-Control"), "private, no-store");
  ASSERT_GT(image->body.size(), 24u);
  auto be32 = [&](size_t at) {
    const auto* b = reinterpret_cast<const unsigned char*>(image->body.data() + at);
    return (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
  };
  double width = document["page_sizes"][0]["width"], height = document["page_sizes"][0]["height"];
  EXPECT_NEAR(be32(16), width * 150 / 72, 2);
  EXPECT_NEAR(be32(20), height * 150 / 72, 2);
  auto cached = ana->Send("GET", path + "/pages/1.png");
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->body, image->body);
  EXPECT_EQ(ana->Send("GET", path + "/pages/2.png")->status, 404);
  Json words = ana->GetJson(path + "/pages/1/words");
  ASSERT_TRUE(words.is_object());
  EXPECT_GT(words["words"].size(), 10u);
  auto original = ana->Send("GET", path + "/original");
  ASSERT_TRUE(original);
  EXPECT_EQ(original->body, ReadFile(SamplePath("dev-dn-0001.pdf")));
  EXPECT_EQ(original->get_header_value("Content-Type"), "application/pdf");
  EXPECT_NE(original->get_header_value("Content-Disposition").find("dev-dn-0001.pdf"), std::string::npos);

  // Correct one field, pointing at a word of the page.
  const Json& word = words["words"][0];
  auto corrected = ana->Send("PUT", path + "/fields/po_number",
                             {{"value", "4500099999"}, {"page", 1}, {"box", word["box"]}});
  ASSERT_TRUE(corrected);
  ASSERT_EQ(corrected->status, 200) << corrected->body;
  Json after = Json::parse(corrected->body);
  EXPECT_EQ(after["fields"]["po_number"]["value"], "4500099999");
  EXPECT_EQ(after["fields"]["po_number"]["corrected"], true);
  auto unknown_field = ana->Send("PUT", path + "/fields/no_such_field", {{"value", "1"}});
  ASSERT_TRUE(IsStatus(unknown_field, 404));
  auto bad_date = ana->Send("PUT", path + "/fields/delivery_date", {{"value", "31/02/2026"}});
  ASSERT_TRUE(IsStatus(bad_date, 400));
  EXPECT_NE(bad_date->body.find("delivery_date"), std::string::npos);
  auto no_reason = ana->Send("POST", path + "/reject", Json::object());
  ASSERT_TRUE(IsStatus(no_reason, 400));

  auto validated = ana->Send("POST", path + "/validate");
  ASSERT_TRUE(validated);
  ASSERT_EQ(validated->status, 200) << validated->body;
  Json final = Json::parse(validated->body);
  EXPECT_EQ(final["status"], "validated");
  EXPECT_EQ(final["validated_by"], "ana");
  EXPECT_EQ(ana->GetJson(path)["fields"]["po_number"]["value"], "4500099999");

  Json events = ana->GetJson(path + "/events")["events"];
  ASSERT_TRUE(events.is_array());
  bool saw_correction = false, saw_validation = false;
  for (const Json& event : events) {
    if (event["action"] == "field_corrected" && event["field"] == "po_number") {
      saw_correction = true;
      EXPECT_EQ(event["user"], "ana");
      EXPECT_EQ(event["after"], "4500099999");
      EXPECT_EQ(event["page"], 1);
      EXPECT_EQ(event["box"].size(), 4u);
    }
    if (event["action"] == "validated") saw_validation = true;
  }
  EXPECT_TRUE(saw_correction) << events.dump();
  EXPECT_TRUE(saw_validation) << events.dump();

  Json listed = ana->GetJson("/api/v1/documents?status=validated");
  ASSERT_TRUE(listed.is_object());
  EXPECT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["documents"][0]["id"], id);
  EXPECT_EQ(ana->Send("GET", "/api/v1/documents?status=nonsense")->status, 400);
  EXPECT_EQ(ana->Send("GET", "/api/v1/documents?limit=0")->status, 400);
  EXPECT_TRUE(ana->GetJson("/api/v1/review-queue").is_object());
}

TEST_F(ApiTest, TwoReviewersCorrectingOneFieldAtOnceLoseNothingAndTheLastValueStays) {
  auto ana = LogIn("ana", "reviewer");
  auto bob = LogIn("bob", "reviewer");
  ASSERT_NE(ana, nullptr);
  ASSERT_NE(bob, nullptr);
  int64_t id = UploadOne(*ana, "dev-dn-0001.pdf", ReadFile(SamplePath("dev-dn-0001.pdf")));
  ASSERT_GT(id, 0);
  ASSERT_NE(ana->WaitUntilRead(id)["status"], "received");
  const std::string path = "/api/v1/documents/" + std::to_string(id);
  constexpr int kRounds = 10;
  std::atomic<int> failures{0};
  auto correct = [&](ApiClient* client, const std::string& who) {
    for (int round = 0; round < kRounds; ++round) {
      auto result = client->Send("PUT", path + "/fields/po_number", {{"value", who + "-" + std::to_string(round)}});
      if (!result || result->status != 200) ++failures;
    }
  };
  std::thread first(correct, ana.get(), "4500000001");
  std::thread second(correct, bob.get(), "4500000002");
  first.join();
  second.join();
  EXPECT_EQ(failures, 0);

  Json events = ana->GetJson(path + "/events")["events"];
  std::vector<Json> corrections;
  for (const Json& event : events)
    if (event["action"] == "field_corrected" && event["field"] == "po_number") corrections.push_back(event);
  ASSERT_EQ(corrections.size(), 2u * kRounds) << events.dump();
  int by_ana = 0, by_bob = 0;
  for (const Json& event : corrections) (event["user"] == "ana" ? by_ana : by_bob)++;
  EXPECT_EQ(by_ana, kRounds);
  EXPECT_EQ(by_bob, kRounds);
  // Each correction starts from the value the one before it left: nothing was overwritten unseen.
  for (size_t k = 1; k < corrections.size(); ++k) EXPECT_EQ(corrections[k]["before"], corrections[k - 1]["after"]);
  EXPECT_EQ(ana->GetJson(path)["fields"]["po_number"]["value"], corrections.back()["after"]);
}

TEST_F(ApiTest, TheApiAnswersQuicklyWhileScansAreBeingRead) {
  auto ana = LogIn("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  auto result = ana->Upload({{"dev-dn-0005.tif", ReadFile(SamplePath("dev-dn-0005.tif"))},
                             {"dev-inv-0007.tif", ReadFile(SamplePath("dev-inv-0007.tif"))}});
  ASSERT_TRUE(IsStatus(result, 202));
  Json health = anonymous_->GetJson("/api/v1/health");
  ASSERT_TRUE(health.is_object());
  EXPECT_GE(health["queue"]["waiting"].get<int>() + health["queue"]["processing"].get<int>(), 1);
  double slowest_ms = 0;
  for (int k = 0; k < 20; ++k) {
    auto start = std::chrono::steady_clock::now();
    auto list = ana->Send("GET", "/api/v1/documents");
    ASSERT_TRUE(IsStatus(list, 200));
    slowest_ms = std::max(slowest_ms, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  // Generous: a loaded test machine, but far from the seconds an OCR pass takes.
  EXPECT_LT(slowest_ms, 1000);
}

}  // namespace
}  // namespace quai::testing
