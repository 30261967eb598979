// Exports as the targets see them. The webhook receiver is a real HTTP server
// on loopback (tests/services/webhook_receiver.py) that checks the Standard
// Webhooks signature with its own code and can fail, throttle, time out and
// be gone; the RECADV files are checked by an independent EDIFACT parser
// (tests/tools/recadv_check.py); the exporter runs real export jobs from a
// real SQLite outbox.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/file_system.h"
#include "core/memory_file_system.h"
#include "core/sha256.h"
#include "erp/http_client.h"
#include "export/export_payload.h"
#include "export/exporter.h"
#include "export/file_sender.h"
#include "export/webhook_sender.h"
#include "fixtures/test_directory.h"
#include "receive/acceptance.h"
#include "storage/sqlite/sqlite_repository.h"
#include "support/webhook_receiver_process.h"

namespace quai {
namespace {

using Json = nlohmann::json;
using namespace std::chrono_literals;

using testing::kWebhookSecret;
using Receiver = testing::WebhookReceiverProcess;
const std::string kSecret = kWebhookSecret;

ExportTarget Webhook(const std::string& url, const std::string& timeout = "5") {
  ExportTarget target;
  target.name = "wms";
  target.kind = "webhook";
  target.settings = {{"url", url}, {"secret", kSecret}, {"timeout_seconds", timeout}};
  target.max_attempts = 3;
  return target;
}

ExportMessage Message(const std::string& key) {
  ExportMessage message;
  message.key = key;
  message.payload = {{"type", "document.accepted"}, {"key", key}, {"document", {{"id", 7}, {"version", 1}}}};
  return message;
}

TEST(WebhookSender, AReceiverThatChecksTheSignatureGetsItOnceWhateverTheRetries) {
  TestDirectory directory;
  Receiver receiver(directory.File(""), "ok");
  ASSERT_GT(receiver.port(), 0);
  CurlHttpClient http;
  const Clock& clock = *SystemClock();
  WebhookSender sender(Webhook(receiver.url()), http, clock);
  for (int i = 0; i < 2; ++i) {  // a retry after a lost answer sends the same key
    auto outcome = sender.Send(Message("quai-doc7-v1-t1"));
    ASSERT_TRUE(outcome.ok()) << outcome.status().message();
    EXPECT_EQ(outcome->kind, ExportOutcome::Kind::kDelivered) << outcome->answer;
  }
  Json stats = receiver.Stats();
  EXPECT_EQ(stats["distinct_ids"], 1);
  EXPECT_EQ(stats["rejected_signature"], 0);
  // Signed with another secret, the receiver refuses it: a refusal, not a retry.
  ExportTarget wrong = Webhook(receiver.url());
  wrong.settings["secret"] = "whsec_" + std::string("QUJDREVGR0hJSktMTU5PUFFSU1RVVldY");
  auto refused = WebhookSender(wrong, http, clock).Send(Message("quai-doc7-v2-t1"));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->kind, ExportOutcome::Kind::kRejected);
  EXPECT_NE(refused->answer.find("401"), std::string::npos) << refused->answer;
}

TEST(WebhookSender, ThrottledIsRetriedAfterTheWaitAskedGoneDisablesAndErrorsAreRetried) {
  TestDirectory directory;
  CurlHttpClient http;
  const Clock& clock = *SystemClock();
  {
    Receiver receiver(directory.File("429"), "429");
    auto outcome = WebhookSender(Webhook(receiver.url()), http, clock).Send(Message("k429"));
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(outcome->kind, ExportOutcome::Kind::kRetry);
    ASSERT_TRUE(outcome->retry_after.has_value());
    EXPECT_EQ(*outcome->retry_after, 2s);
  }
  {
    Receiver receiver(directory.File("410"), "410");
    auto outcome = WebhookSender(Webhook(receiver.url()), http, clock).Send(Message("k410"));
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(outcome->kind, ExportOutcome::Kind::kTargetGone);
  }
  {
    Receiver receiver(directory.File("500"), "500");
    auto outcome = WebhookSender(Webhook(receiver.url()), http, clock).Send(Message("k500"));
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(outcome->kind, ExportOutcome::Kind::kRetry);
    EXPECT_FALSE(outcome->retry_after.has_value());
  }
  {
    Receiver receiver(directory.File("slow"), "slow", "--timeout-seconds 4");
    const auto start = std::chrono::steady_clock::now();
    auto outcome = WebhookSender(Webhook(receiver.url(), "1"), http, clock).Send(Message("kslow"));
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(outcome->kind, ExportOutcome::Kind::kRetry);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);  // gave up at its timeout
  }
}

TEST(WebhookSender, RetryAfterIsReadAsSecondsOrAsAnHttpDate) {
  const auto now = std::chrono::system_clock::from_time_t(1'700'000'000);
  EXPECT_EQ(ParseRetryAfter("120", now), std::chrono::milliseconds(120'000));
  EXPECT_EQ(ParseRetryAfter("Tue, 14 Nov 2023 22:13:27 GMT", now), std::chrono::milliseconds(7'000));
  EXPECT_FALSE(ParseRetryAfter("soon", now).has_value());
}

// A delivery note accepted into a real store, with the targets given.
class ExporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_.ok());
    auto opened = SqliteRepository::Open(directory_.File("quai.db"), &clock_);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
  }

  int64_t AddTarget(const ExportTarget& target) {
    auto id = store_->SaveExportTarget(target);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return *id;
  }

  int64_t Accept(const std::string& quantity, int64_t id = 0) {
    if (id == 0) {
      DocumentRecord record;
      record.sha256 = Sha256Hex("bl-" + std::to_string(++documents_));
      record.original_name = "BL " + std::to_string(documents_) + ".pdf";
      record.source = "cli";
      record.media_type = MediaType::kPdf;
      record.size_bytes = 1000;
      id = *store_->AddDocument(record);
    }
    Extraction values;
    values.document_type = "delivery_note";
    values.fields = {{"supplier_name", {"Chimirhône", 0.99}},
                     {"po_number", {"4500001", 0.99}},
                     {"delivery_note_number", {"BL-88", 0.99}},
                     {"delivery_date", {"2026-12-03", 0.99}}};
    values.lines = {{{"supplier_article_code", {"CH-3143", 0.99}},
                     {"description", {"Acide sulfurique 96 %", 0.99}},
                     {"quantity", {quantity, 0.99}},
                     {"unit", {"KG", 0.99}},
                     {"lot_number", {"L24+118'A", 0.99}},  // EDIFACT's own separators in a lot number
                     {"expiry_date", {"2028-01-31", 0.99}}}};
    auto accepted = BuildAcceptedVersion(values, nullptr, id, "validated", "marie");
    EXPECT_TRUE(accepted.ok());
    StoredExtraction extraction{id, "m", "{}", "delivery_note", false, "Chimirhône"};
    extraction.accepted = *accepted;
    EXPECT_TRUE(store_->SaveExtraction(extraction).ok());
    return id;
  }

  // Claims and runs the next due export job as a worker would.
  std::optional<JobState> RunNextExport(ExportSenderFactory senders) {
    auto job = store_->ClaimNextJob({JobKind::kExport}, "test", 30s);
    EXPECT_TRUE(job.ok());
    if (!job.ok() || !job->has_value()) return std::nullopt;
    Exporter exporter(*store_, *store_, std::move(senders), clock_);
    JobRetry retry;
    auto result = exporter.Run(**job, &retry);
    if (result.ok()) {
      EXPECT_TRUE(store_->FinishJob((*job)->id, "test", *result).ok());
      return JobState::kDone;
    }
    auto state = store_->FailJob((*job)->id, "test", result.status().message(), retry.after.value_or(0ms),
                                 retry.permanent);
    EXPECT_TRUE(state.ok());
    return *state;
  }

  ExportRecord OnlyExport(int64_t document_id) {
    ExportFilter filter;
    filter.document_id = document_id;
    auto exports = store_->ListExports(filter);
    EXPECT_TRUE(exports.ok() && !exports->empty());
    return exports->front();
  }

  TestDirectory directory_;
  FakeClock clock_{std::chrono::system_clock::now()};
  std::unique_ptr<SqliteRepository> store_;
  CurlHttpClient http_;
  int documents_ = 0;
};

TEST_F(ExporterTest, EachExportIsStoredUnderItsDocumentVersionAndTargetKey) {
  const int64_t target = AddTarget(Webhook("http://127.0.0.1:9/"));
  // Keys past 15 letters live on the heap: one bound from a freed temporary
  // was stored as whatever the freed memory held (and two documents could share it).
  for (int i = 0; i < 12; ++i) {
    const int64_t id = Accept("300");
    EXPECT_EQ(OnlyExport(id).key, "quai-doc" + std::to_string(id) + "-v1-t" + std::to_string(target));
  }
}

TEST_F(ExporterTest, AValidatedDeliveryNoteReachesTheWebhookWithItsReceiptAndTheAnswerIsKept) {
  Receiver receiver(directory_.File("hook"), "ok");
  AddTarget(Webhook(receiver.url()));
  const int64_t id = Accept("300");
  EXPECT_EQ(RunNextExport(DefaultExportSenders(http_, *DefaultFileSystem(), clock_)), JobState::kDone);
  ExportRecord sent = OnlyExport(id);
  EXPECT_EQ(sent.state, ExportState::kDelivered);
  EXPECT_EQ(sent.attempts, 1);
  EXPECT_NE(sent.answer.find("HTTP 200"), std::string::npos) << sent.answer;
  EXPECT_FALSE(sent.delivered_at.empty());
  // What the receiver logged: the document, its version and its key.
  auto deliveries = receiver.Deliveries();
  ASSERT_EQ(deliveries.size(), 1u);
  const Json& delivery = deliveries[0];
  const std::string line = delivery.dump();
  EXPECT_EQ(delivery["webhook_id"], sent.key) << line;
  EXPECT_EQ(delivery["document_id"], id) << line;
  EXPECT_EQ(delivery["version"], 1) << line;
}

TEST_F(ExporterTest, AFailingTargetIsRetriedThenDeadWithItsLastErrorAndAPersonSendsItAgain) {
  TestDirectory hook;
  auto receiver = std::make_unique<Receiver>(hook.File("a"), "500");
  ExportTarget target = Webhook(receiver->url());
  target.max_attempts = 2;
  AddTarget(target);
  const int64_t id = Accept("300");
  ExportSenderFactory senders = DefaultExportSenders(http_, *DefaultFileSystem(), clock_);
  EXPECT_EQ(RunNextExport(senders), JobState::kQueued);
  EXPECT_EQ(OnlyExport(id).state, ExportState::kPending);
  EXPECT_NE(OnlyExport(id).last_error.find("HTTP 500"), std::string::npos) << OnlyExport(id).last_error;
  EXPECT_EQ(RunNextExport(senders), JobState::kDead);
  ExportRecord dead = OnlyExport(id);
  EXPECT_EQ(dead.state, ExportState::kDead);
  EXPECT_EQ(dead.attempts, 2);
  EXPECT_EQ(store_->RetryExport(dead.id).code(), StatusCode::kOk);
  EXPECT_EQ(store_->RetryExport(dead.id).code(), StatusCode::kFailedPrecondition);  // pending now, not dead
  receiver = std::make_unique<Receiver>(hook.File("b"), "ok");
  target.id = dead.target_id;
  target.settings["url"] = receiver->url();
  AddTarget(target);
  EXPECT_EQ(RunNextExport(senders), JobState::kDone);
  EXPECT_EQ(OnlyExport(id).state, ExportState::kDelivered);
}

// A process killed while it sent an export's last attempt: the next claim
// buries the job, and its export is dead with it (what `quai export retry
// --dead` sends again), not pending for ever with no job to send it.
TEST_F(ExporterTest, AnExportWhoseSenderWasKilledOnItsLastAttemptIsDeadAndSentAgainByAPerson) {
  Receiver receiver(directory_.File("hook"), "ok");
  ExportTarget target = Webhook(receiver.url());
  target.max_attempts = 1;
  AddTarget(target);
  const int64_t id = Accept("300");
  auto taken = store_->ClaimNextJob({JobKind::kExport}, "killed", 30s);
  ASSERT_TRUE(taken.ok() && taken->has_value());  // ... and the process dies holding it
  clock_.Advance(31s);
  auto next = store_->ClaimNextJob({JobKind::kExport}, "survivor", 30s);
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(next->has_value());  // its attempts are spent: buried
  ExportRecord dead = OnlyExport(id);
  EXPECT_EQ(dead.state, ExportState::kDead);
  EXPECT_NE(dead.last_error.find("stopped"), std::string::npos) << dead.last_error;
  ASSERT_EQ(store_->RetryExport(dead.id).code(), StatusCode::kOk);
  EXPECT_EQ(RunNextExport(DefaultExportSenders(http_, *DefaultFileSystem(), clock_)), JobState::kDone);
  EXPECT_EQ(OnlyExport(id).state, ExportState::kDelivered);
}

TEST_F(ExporterTest, GoneDisablesTheTargetAndItsExportsWaitDeadForAPerson) {
  Receiver receiver(directory_.File("hook"), "410");
  const int64_t target = AddTarget(Webhook(receiver.url()));
  const int64_t first = Accept("300");
  const int64_t second = Accept("200");
  ExportSenderFactory senders = DefaultExportSenders(http_, *DefaultFileSystem(), clock_);
  EXPECT_EQ(RunNextExport(senders), JobState::kDead);
  auto stored = store_->FindExportTarget(target);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_FALSE((*stored)->enabled);
  EXPECT_NE((*stored)->disabled_reason.find("410"), std::string::npos) << (*stored)->disabled_reason;
  EXPECT_EQ(RunNextExport(senders), JobState::kDead);  // not sent: its target is disabled
  EXPECT_EQ(OnlyExport(first).state, ExportState::kDead);
  EXPECT_NE(OnlyExport(second).last_error.find("disabled"), std::string::npos) << OnlyExport(second).last_error;
  EXPECT_EQ(store_->RetryExport(OnlyExport(second).id).code(), StatusCode::kFailedPrecondition);
  // No new export goes to a disabled target.
  const int64_t third = Accept("100");
  ExportFilter filter;
  filter.document_id = third;
  EXPECT_TRUE(store_->ListExports(filter)->empty());
}

TEST_F(ExporterTest, ACorrectionAfterExportIsSentAsANewVersionThatNamesTheOneItCorrects) {
  Receiver receiver(directory_.File("hook"), "ok");
  AddTarget(Webhook(receiver.url()));
  const int64_t id = Accept("300");
  ExportSenderFactory senders = DefaultExportSenders(http_, *DefaultFileSystem(), clock_);
  EXPECT_EQ(RunNextExport(senders), JobState::kDone);
  Accept("280", id);
  EXPECT_EQ(RunNextExport(senders), JobState::kDone);
  auto deliveries = receiver.Deliveries();
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(deliveries[1]["version"], 2);
  EXPECT_NE(deliveries[0]["webhook_id"], deliveries[1]["webhook_id"]);
  ExportFilter filter;
  filter.document_id = id;
  auto exports = store_->ListExports(filter);
  ASSERT_EQ(exports->size(), 2u);
  EXPECT_EQ((*exports)[0].state, ExportState::kDelivered);
  EXPECT_EQ((*exports)[1].state, ExportState::kDelivered);  // v1 went out before the correction: kept as sent
}

TEST_F(ExporterTest, FilesAreWrittenWholeUnderTheKeyAndTheRecadvParsesWithAnIndependentChecker) {
  ExportTarget files;
  files.name = "drop";
  files.kind = "files";
  files.settings = {{"folder", directory_.File("drop")}, {"formats", "json,csv,xml,recadv"},
                    {"sender_gln", "3014531200003"}, {"supplier_gln", "3760123450003"}};
  files.field_mapping = {{"po_number", "PurchaseOrder"}, {"lines.quantity", "Qty"}};
  AddTarget(files);
  const int64_t id = Accept("300");
  EXPECT_EQ(RunNextExport(DefaultExportSenders(http_, *DefaultFileSystem(), clock_)), JobState::kDone);
  const std::string key = OnlyExport(id).key;
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory_.File("drop")))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{key + ".csv", key + ".edi", key + ".json", key + ".xml"}));
  std::ifstream json_file(directory_.File("drop") + "/" + key + ".json");
  Json payload = Json::parse(json_file);
  EXPECT_EQ(payload["fields"]["PurchaseOrder"], "4500001");
  EXPECT_EQ(payload["lines"][0]["Qty"], "300");
  EXPECT_EQ(payload["document"]["accepted_by"], "marie");

  const std::string edi = directory_.File("drop") + "/" + key + ".edi";
  const std::string command = "python3 " + std::string(QUAI_SOURCE_DIR) + "/tests/tools/recadv_check.py --json " + edi +
                              " > " + directory_.File("recadv.json") + " 2> " + directory_.File("recadv.err");
  const int code = std::system(command.c_str());
  std::ifstream errors(directory_.File("recadv.err"));
  std::string error_text((std::istreambuf_iterator<char>(errors)), std::istreambuf_iterator<char>());
  ASSERT_EQ(code, 0) << error_text;
  std::ifstream parsed_file(directory_.File("recadv.json"));
  Json parsed = Json::parse(parsed_file);
  ASSERT_EQ(parsed["lines"].size(), 1u) << parsed.dump();
  EXPECT_EQ(parsed["lines"][0]["quantities"]["194"], 300) << parsed.dump();
  EXPECT_EQ(parsed["lines"][0]["lot"], "L24+118'A") << parsed.dump();
  EXPECT_EQ(parsed["lines"][0]["expiry"], "20280131") << parsed.dump();
  EXPECT_EQ(parsed["header"]["references"]["DQ"], "BL-88") << parsed.dump();
}

TEST(FileSender, ADiskThatFailsLeavesNoFileUnderTheFinalNameAndIsRetried) {
  MemoryFileSystem files;
  ExportTarget target;
  target.name = "drop";
  target.kind = "files";
  target.settings = {{"folder", "/out"}, {"formats", "json,csv"}};
  for (int fail_after : {0, 1, 2, 3, 4, 5, 6}) {
    files.FailAfter(fail_after);
    auto outcome = FileSender(target, files).Send(Message("quai-doc7-v1-t1"));
    files.FailAfter(-1);
    ASSERT_TRUE(outcome.ok());
    if (outcome->kind == ExportOutcome::Kind::kDelivered) continue;
    EXPECT_EQ(outcome->kind, ExportOutcome::Kind::kRetry);
    auto listed = files.ListDirectory("/out");
    if (!listed.ok()) continue;
    for (const std::string& name : *listed)
      if (name == "quai-doc7-v1-t1.json") {
        auto content = files.ReadFile("/out/" + name, 1 << 20);
        ASSERT_TRUE(content.ok());
        EXPECT_TRUE(Json::accept(*content)) << "a half-written file under the final name";
      }
  }
  auto outcome = FileSender(target, files).Send(Message("quai-doc7-v1-t1"));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->kind, ExportOutcome::Kind::kDelivered);
}

TEST(ExportTarget, EachKindNeedsItsSettingsAndSecretsAreNeverShownBack) {
  ExportTarget target = Webhook("ftp://example.com/");
  EXPECT_EQ(ValidateExportTarget(target).code(), StatusCode::kInvalidArgument);
  target.settings["url"] = "https://wms.example.com/hooks";
  EXPECT_TRUE(ValidateExportTarget(target).ok());
  target.settings["secret"] = "short";
  EXPECT_EQ(ValidateExportTarget(target).code(), StatusCode::kInvalidArgument);
  ExportTarget files;
  files.name = "drop";
  files.kind = "files";
  EXPECT_NE(ValidateExportTarget(files).message().find("folder"), std::string::npos);
  files.settings = {{"folder", "/srv/drop"}, {"formats", "json,pdf"}};
  EXPECT_NE(ValidateExportTarget(files).message().find("pdf"), std::string::npos);
  EXPECT_EQ(RedactedExportTarget(Webhook("https://x")).settings.at("secret"), "********");
  auto secret = NewWebhookSecret();
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->rfind("whsec_", 0), 0u);
  EXPECT_TRUE(StandardWebhookSignature(*secret, "id", 1, "{}").ok());
}

TEST(StandardWebhookSignature, MatchesTheSpecificationsExample) {
  // From the Standard Webhooks specification's reference libraries.
  auto signature = StandardWebhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                            1614265330, R"({"test": 2432232314})");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(*signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

}  // namespace
}  // namespace quai
