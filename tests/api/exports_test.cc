// Exports, receipts and lots through the real server, to a real webhook
// receiver on loopback that checks the Standard Webhooks signature itself: an
// administrator adds a target (its secret never comes back), a reviewer
// validates a delivery note and sees where it went and the target's answer;
// the receiver gets it once; a correction after export is a second version; a
// dead export is sent again by a reviewer once the target is mended.
#include <chrono>
#include <thread>

#include "api/api_test.h"
#include "support/webhook_receiver_process.h"

namespace quai::testing {
namespace {

class ExportsApiTest : public ApiTest {
 protected:
  Json AddTarget(ApiClient& admin, const std::string& url, int max_attempts = 10) {
    auto added = admin.Send("POST", "/api/v1/exports/targets",
                            Json{{"name", "wms"},
                                 {"kind", "webhook"},
                                 {"settings", {{"url", url}, {"secret", kWebhookSecret}, {"timeout_seconds", "5"}}},
                                 {"document_types", {"delivery_note"}},
                                 {"max_attempts", max_attempts}});
    EXPECT_TRUE(added);
    EXPECT_EQ(added->status, 201) << added->body;
    return Json::parse(added->body);
  }

  // The document's exports once none is pending (or after `seconds`).
  Json SettledExports(ApiClient& client, int64_t id, size_t count, int seconds = 30) {
    Json exports;
    for (int i = 0; i < seconds * 10; ++i) {
      exports = client.GetJson("/api/v1/documents/" + std::to_string(id) + "/exports")["exports"];
      bool settled = exports.size() >= count;
      for (const Json& e : exports) settled = settled && e["state"] != "pending";
      if (settled) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return exports;
  }

  int64_t ValidatedDeliveryNote(ApiClient& reviewer) {
    const int64_t id = UploadOne(reviewer, "dev-dn-0001.pdf", ReadFile(SamplePath("dev-dn-0001.pdf")));
    EXPECT_NE(id, 0);
    Json document = reviewer.WaitUntilRead(id, 120);
    EXPECT_EQ(document["document_type"], "delivery_note") << document.dump();
    auto validated = reviewer.Send("POST", "/api/v1/documents/" + std::to_string(id) + "/validate");
    EXPECT_TRUE(validated);
    EXPECT_EQ(validated->status, 200) << validated->body;
    return id;
  }
};

TEST_F(ExportsApiTest, AValidatedDeliveryNoteReachesTheTargetOnceAndTheDeskShowsWhereItWent) {
  TestDirectory hook;
  WebhookReceiverProcess receiver(hook.File(""), "ok");
  ASSERT_GT(receiver.port(), 0);
  auto admin = WithToken("root", "admin");
  auto ana = WithToken("ana", "reviewer");
  Json target = AddTarget(*admin, receiver.url());
  EXPECT_EQ(target["settings"]["secret"], "********") << target.dump();
  EXPECT_TRUE(IsError(ana->Send("GET", "/api/v1/exports/targets"), 403, "forbidden"));

  const int64_t id = ValidatedDeliveryNote(*ana);
  Json exports = SettledExports(*ana, id, 1);
  ASSERT_EQ(exports.size(), 1u) << exports.dump();
  EXPECT_EQ(exports[0]["state"], "delivered") << exports.dump();
  EXPECT_EQ(exports[0]["target"], "wms");
  EXPECT_NE(exports[0]["answer"].get<std::string>().find("HTTP 200"), std::string::npos) << exports.dump();
  EXPECT_FALSE(exports[0]["delivered_at"].is_null());
  auto deliveries = receiver.Deliveries();
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0]["document_id"], id);
  EXPECT_EQ(deliveries[0]["webhook_id"], exports[0]["key"]);

  // Its receipt and its lots.
  Json receipt = ana->GetJson("/api/v1/documents/" + std::to_string(id) + "/receipt");
  ASSERT_EQ(receipt["versions"].size(), 1u) << receipt.dump();
  EXPECT_EQ(receipt["versions"][0]["source"], "validated");
  EXPECT_EQ(receipt["versions"][0]["accepted_by"], "ana");
  Json document = ana->GetJson("/api/v1/documents/" + std::to_string(id));
  ASSERT_TRUE(receipt["versions"][0]["receipt"].is_object()) << receipt.dump();
  EXPECT_EQ(receipt["versions"][0]["receipt"]["lines"].size(), document["lines"].size());

  // Validated again unchanged: no new version, nothing sent again.
  auto again = ana->Send("POST", "/api/v1/documents/" + std::to_string(id) + "/validate");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200) << again->body;
  // The target edited with its secret sent back as shown: the secret is kept,
  // so the correction below is still signed right.
  auto edited = admin->Send("PUT", "/api/v1/exports/targets/" + std::to_string(target["id"].get<int64_t>()),
                            Json{{"settings", {{"url", receiver.url()}, {"secret", "********"}, {"timeout_seconds", "3"}}}});
  ASSERT_TRUE(edited);
  ASSERT_EQ(edited->status, 200) << edited->body;
  // A correction after export: reopened, validated again, sent as version 2.
  auto corrected = ana->Send("PUT", "/api/v1/documents/" + std::to_string(id) + "/fields/delivery_note_number",
                             Json{{"value", "BL-CORRIGE-1"}});
  ASSERT_TRUE(corrected);
  ASSERT_EQ(corrected->status, 200) << corrected->body;
  auto revalidated = ana->Send("POST", "/api/v1/documents/" + std::to_string(id) + "/validate");
  ASSERT_TRUE(revalidated);
  ASSERT_EQ(revalidated->status, 200) << revalidated->body;
  exports = SettledExports(*ana, id, 2);
  ASSERT_EQ(exports.size(), 2u) << exports.dump();
  EXPECT_EQ(exports[0]["version"], 2);
  EXPECT_EQ(exports[0]["state"], "delivered") << exports.dump();
  EXPECT_EQ(exports[1]["state"], "delivered");
  deliveries = receiver.Deliveries();
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[1]["version"], 2);
  EXPECT_EQ(receiver.Stats()["rejected_signature"], 0);
}

TEST_F(ExportsApiTest, ADeadExportShowsItsLastErrorAndAReviewerSendsItAgain) {
  TestDirectory hook;
  auto failing = std::make_unique<WebhookReceiverProcess>(hook.File("a"), "500");
  auto admin = WithToken("root", "admin");
  auto ana = WithToken("ana", "reviewer");
  auto viewer = WithToken("vic", "viewer");
  Json target = AddTarget(*admin, failing->url(), 1);
  const int64_t id = ValidatedDeliveryNote(*ana);
  Json exports = SettledExports(*ana, id, 1);
  ASSERT_EQ(exports.size(), 1u);
  ASSERT_EQ(exports[0]["state"], "dead") << exports.dump();
  EXPECT_NE(exports[0]["last_error"].get<std::string>().find("HTTP 500"), std::string::npos) << exports.dump();
  Json dead = admin->GetJson("/api/v1/exports?state=dead")["exports"];
  ASSERT_EQ(dead.size(), 1u);

  WebhookReceiverProcess mended(hook.File("b"), "ok");
  auto edited = admin->Send("PUT", "/api/v1/exports/targets/" + std::to_string(target["id"].get<int64_t>()),
                            Json{{"settings", {{"url", mended.url()}, {"secret", "********"}}}});
  ASSERT_TRUE(edited);
  ASSERT_EQ(edited->status, 200) << edited->body;
  const std::string retry = "/api/v1/exports/" + std::to_string(exports[0]["id"].get<int64_t>()) + "/retry";
  EXPECT_TRUE(IsError(viewer->Send("POST", retry), 403, "forbidden"));
  auto retried = ana->Send("POST", retry);
  ASSERT_TRUE(retried);
  ASSERT_EQ(retried->status, 200) << retried->body;
  exports = SettledExports(*ana, id, 1);
  EXPECT_EQ(exports[0]["state"], "delivered") << exports.dump();
  EXPECT_EQ(mended.Deliveries().size(), 1u);
  EXPECT_TRUE(IsError(ana->Send("POST", retry), 409, "conflict"));  // delivered: nothing to send again
}

TEST_F(ExportsApiTest, ATargetThatCannotWorkIsRefusedNamingTheProblem) {
  auto admin = WithToken("root", "admin");
  auto refused = admin->Send("POST", "/api/v1/exports/targets",
                             Json{{"name", "wms"}, {"kind", "webhook"}, {"settings", {{"url", "file:///etc/passwd"}}}});
  EXPECT_TRUE(IsError(refused, 400, "invalid_argument"));
  refused = admin->Send("POST", "/api/v1/exports/targets",
                        Json{{"name", "drop"}, {"kind", "files"}, {"settings", {{"folder", "/tmp/x"}, {"formats", "pdf"}}}});
  EXPECT_TRUE(IsError(refused, 400, "invalid_argument"));
  EXPECT_NE(refused->body.find("pdf"), std::string::npos) << refused->body;
  Json lots = admin->GetJson("/api/v1/lots?q=nothing");
  EXPECT_TRUE(lots["lots"].empty());

  // Nobody without a session or token, nobody below administrator, no body over the limit: nothing changes.
  const Json target = {{"name", "wms"}, {"kind", "files"}, {"settings", {{"folder", "/tmp/quai-wms"}}}};
  ApiClient anonymous(server_);
  EXPECT_TRUE(IsError(anonymous.Send("POST", "/api/v1/exports/targets", target), 401, "unauthenticated"));
  EXPECT_TRUE(IsError(anonymous.Send("POST", "/api/v1/exports/1/retry"), 401, "unauthenticated"));
  auto ana = WithToken("ana", "reviewer");
  EXPECT_TRUE(IsError(ana->Send("POST", "/api/v1/exports/targets", target), 403, "forbidden"));
  EXPECT_TRUE(IsError(ana->Send("DELETE", "/api/v1/exports/targets/1"), 403, "forbidden"));
  EXPECT_TRUE(IsError(admin->Send("POST", "/api/v1/exports/targets",
                                  Json{{"name", "wms"}, {"kind", "files"},
                                       {"settings", {{"folder", std::string(1100000, 'x')}}}}),
                      413, "too_large"));
  EXPECT_TRUE(admin->GetJson("/api/v1/exports/targets")["targets"].empty());
}

}  // namespace
}  // namespace quai::testing
