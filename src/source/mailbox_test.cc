// Mailboxes against a real Dovecot (skipped only where dovecot is not installed).
#include "source/mailbox.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "fixtures/test_directory.h"
#include "source/imap_client.h"
#include "source/mailbox_test_dovecot.h"
#include "source/mailbox_test_oauth.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

constexpr const char* kPassword = "s3cret-Pa55";

struct Attachment {
  std::string name;
  std::string content_type;
  std::string bytes;
};

std::string Base64(const std::string& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int value = 0, bits = -6;
  for (unsigned char c : bytes) {
    value = (value << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(kAlphabet[(value >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(kAlphabet[((value << 8) >> (bits + 8)) & 0x3F]);
  while (out.size() % 4) out.push_back('=');
  std::string lines;
  for (std::size_t i = 0; i < out.size(); i += 76) lines += out.substr(i, 76) + "\r\n";
  return lines;
}

std::string MakeMail(const std::string& from, const std::string& subject, const std::string& message_id,
                     const std::vector<Attachment>& attachments) {
  std::string mail = "From: " + from + "\r\nTo: receiving@quai.test\r\nSubject: " + subject +
                     "\r\nDate: Wed, 04 Mar 2026 09:15:00 +0100\r\nMessage-ID: <" + message_id +
                     ">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n"
                     "--b0\r\nContent-Type: text/plain\r\n\r\nPlease find attached.\r\n";
  for (const Attachment& attachment : attachments) {
    mail += "--b0\r\nContent-Type: " + attachment.content_type + "\r\nContent-Disposition: attachment; filename=\"" +
            attachment.name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64(attachment.bytes);
  }
  return mail + "--b0--\r\n";
}

Attachment Pdf(const std::string& name, const std::string& text) {
  return {name, "application/pdf", "%PDF-1.4\n% " + text + "\n%%EOF\n"};
}
Attachment Png(const std::string& name, const std::string& text) {
  return {name, "image/png", std::string("\x89PNG\r\n\x1a\n", 8) + text};
}
Attachment Txt(const std::string& name) { return {name, "text/plain", "just words"}; }
Attachment Vcf() { return {"sender.vcf", "text/x-vcard", "BEGIN:VCARD\r\nEND:VCARD\r\n"}; }

// Stores by SHA-256 like quai's intake: the same bytes twice are a duplicate.
class RecordingIntake : public DocumentIntake {
 public:
  struct Stored {
    int64_t id;
    std::string name, source, origin_json;
  };
  Result<IngestedFile> Receive(const std::string& name, std::string bytes, const std::string& source,
                               const std::string& origin_json) override {
    ++calls;
    if (failures_left > 0) {
      --failures_left;
      return Status::IoError("disk failed");
    }
    IngestedFile file;
    file.path = name;
    file.sha256 = Sha256Hex(bytes);
    if (name.find(".docx") != std::string::npos) {
      file.outcome = IngestOutcome::kRefused;
      file.error = name + ": not a document quai reads";
      return file;
    }
    auto found = stored.find(file.sha256);
    if (found != stored.end()) {
      file.outcome = IngestOutcome::kDuplicate;
      file.document_id = found->second.id;
    } else {
      file.outcome = IngestOutcome::kStored;
      file.document_id = static_cast<int64_t>(stored.size()) + 1;
      stored[file.sha256] = {file.document_id, name, source, origin_json};
    }
    if (kill_after_store) throw std::runtime_error("killed after storing");
    return file;
  }
  std::map<std::string, Stored> stored;
  int calls = 0;
  int failures_left = 0;
  bool kill_after_store = false;
};

// The store, with a kill right after the ledger records a mail done.
class KillingStore : public SourceStore {
 public:
  explicit KillingStore(SourceStore& store) : store_(store) {}
  Result<int64_t> AddSource(const SourceRecord& source) override { return store_.AddSource(source); }
  Result<std::vector<SourceRecord>> ListSources() override { return store_.ListSources(); }
  Result<std::optional<SourceRecord>> FindSource(const std::string& name) override { return store_.FindSource(name); }
  Status UpdateSource(const std::string& name, const std::string& settings_json,
                      const std::optional<std::string>& secret, bool enabled) override {
    return store_.UpdateSource(name, settings_json, secret, enabled);
  }
  Status RemoveSource(const std::string& name) override { return store_.RemoveSource(name); }
  Result<bool> ClaimSource(int64_t id, const std::string& holder, std::chrono::milliseconds lease,
                           const std::string& dead_holder) override {
    return store_.ClaimSource(id, holder, lease, dead_holder);
  }
  Status FinishSourceRun(int64_t id, const std::string& holder, const SourceRun& run) override {
    return store_.FinishSourceRun(id, holder, run);
  }
  Status SaveSourceCursor(int64_t id, const std::string& cursor_json) override {
    return store_.SaveSourceCursor(id, cursor_json);
  }
  Result<std::optional<SourceItem>> FindSourceItem(int64_t id, const std::string& key) override {
    return store_.FindSourceItem(id, key);
  }
  Status SaveSourceItem(const SourceItem& item) override {
    Status saved = store_.SaveSourceItem(item);
    if (item.state == SourceItemState::kDone && item.key.rfind("message-id:", 0) == 0) {
      throw std::runtime_error("killed after the ledger");
    }
    return saved;
  }

 private:
  SourceStore& store_;
};

class MailboxTest : public ::testing::Test {
 protected:
  virtual TestDovecot::Options DovecotOptions() { return {}; }
  void SetUp() override {
    std::string missing = TestDovecot::Missing();
    if (!missing.empty()) GTEST_SKIP() << missing;
    ASSERT_TRUE(directory_.ok());
    std::string failed =
        dovecot_.Start(directory_.path(), {{"receiving", kPassword}, {"quality", kPassword}}, DovecotOptions());
    ASSERT_EQ(failed, "") << failed << "\n" << dovecot_.Log();
    auto repository = SqliteRepository::Open(directory_.File("quai.db"), &clock_);
    ASSERT_TRUE(repository.ok()) << repository.status().message();
    repository_ = std::move(*repository);
  }

  std::string Settings(const std::string& user, const std::string& extra = "") {
    return R"({"url": ")" + dovecot_.Url() + R"(", "user": ")" + user + "\"" + extra + "}";
  }
  SourceRecord AddSource(const std::string& name, const std::string& settings_json,
                         const std::string& secret = kPassword) {
    SourceRecord record;
    record.name = name;
    record.kind = SourceKind::kMailbox;
    record.settings_json = settings_json;
    record.secret = secret;
    auto id = repository_->AddSource(record);
    EXPECT_TRUE(id.ok()) << id.status().message();
    record.id = id.ok() ? *id : 0;
    return record;
  }
  std::unique_ptr<WatchedSource> Open(const SourceRecord& record, SourceStore* store = nullptr) {
    auto mailbox = OpenMailbox(record, store != nullptr ? *store : *repository_, clock_);
    EXPECT_TRUE(mailbox.ok()) << mailbox.status().message();
    return mailbox.ok() ? std::move(*mailbox) : nullptr;
  }
  // A client for `user` to fill and inspect the server.
  std::unique_ptr<ImapClient> Client(const std::string& user = "receiving") {
    auto settings = ParseMailboxSettings(Settings(user));
    return std::make_unique<ImapClient>(*settings, kPassword);
  }
  // Appends unseen, as a mail freshly delivered.
  void Deliver(const std::string& mail, const std::string& user = "receiving", const std::string& folder = "INBOX") {
    auto client = Client(user);
    auto before = client->FolderStatus(folder);
    ASSERT_TRUE(before.ok()) << before.status().message();
    ASSERT_TRUE(client->Append(folder, mail).ok());
    ASSERT_TRUE(client->Command(folder, "UID STORE " + std::to_string(before->uidnext) + ":* -FLAGS.SILENT (\\Seen)").ok());
  }
  std::vector<uint32_t> Search(const std::string& criteria, const std::string& folder = "INBOX") {
    auto found = Client()->Search(folder, criteria);
    EXPECT_TRUE(found.ok()) << found.status().message();
    return found.ok() ? *found : std::vector<uint32_t>{};
  }

  TestDirectory directory_;
  TestDovecot dovecot_;
  FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1'780'000'000))};
  std::unique_ptr<SqliteRepository> repository_;
  std::atomic<bool> stop_{false};
};

TEST_F(MailboxTest, StoresEveryDocumentAttachmentOnceWithItsOrigin) {
  Deliver(MakeMail("Supplier One <orders@one.example>", "Delivery 4711", "m1@one.example",
                   {Pdf("LS-4711.pdf", "a"), Txt("notes.txt"), Png("scan.png", "b")}));
  Deliver(MakeMail("orders@two.example", "Certificate", "m2@two.example", {Pdf("copy.pdf", "a"), Vcf()}));
  Deliver(MakeMail("orders@two.example", "Invoices", "m3@two.example",
                   {Pdf("inv1.pdf", "c"), Pdf("inv2.pdf", "d"), {"offer.docx", "application/msword", "zz"}}));
  SourceRecord record = AddSource("receiving", Settings("receiving"));
  auto mailbox = Open(record);
  RecordingIntake intake;
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_EQ(pass.error, "");
  EXPECT_EQ(pass.stored, 4);      // a, b, c, d
  EXPECT_EQ(pass.duplicates, 1);  // copy.pdf is LS-4711.pdf
  EXPECT_EQ(pass.refused, 1);     // the .docx; .txt and .vcf are not handed over
  EXPECT_EQ(intake.calls, 6);
  ASSERT_EQ(intake.stored.size(), 4u);
  const auto& first = intake.stored.begin()->second;
  for (const auto& [sha, stored] : intake.stored) {
    EXPECT_EQ(stored.source, "mail:receiving");
    if (stored.name != "LS-4711.pdf") continue;
    auto origin = nlohmann::json::parse(stored.origin_json);
    EXPECT_EQ(origin["sender"], "Supplier One <orders@one.example>");
    EXPECT_EQ(origin["subject"], "Delivery 4711");
    EXPECT_EQ(origin["date"], "2026-03-04T08:15:00Z");
    EXPECT_EQ(origin["message_id"], "m1@one.example");
  }
  (void)first;
  EXPECT_EQ(Search("UNSEEN").size(), 0u);
  EXPECT_EQ(Search("SEEN").size(), 3u);
  // The ledger holds the documents and the refusal.
  auto status = Client()->FolderStatus("INBOX");
  auto item = repository_->FindSourceItem(record.id, "uid:" + std::to_string(status->uidvalidity) + ":3");
  ASSERT_TRUE(item.ok() && item->has_value());
  EXPECT_EQ((*item)->state, SourceItemState::kDone);
  EXPECT_NE((*item)->detail_json.find("offer.docx"), std::string::npos) << (*item)->detail_json;

  // Nothing again on the next pass, with a new mail taken.
  Deliver(MakeMail("orders@one.example", "More", "m4@one.example", {Pdf("late.pdf", "e")}));
  SourcePass second = mailbox->Pass(intake, stop_);
  EXPECT_EQ(second.error, "");
  EXPECT_EQ(second.stored, 1);
  EXPECT_EQ(second.duplicates, 0);
  EXPECT_EQ(intake.calls, 7);
}

struct AfterCase {
  const char* after;
  const char* extra;
};

class MailboxAfterTest : public MailboxTest, public ::testing::WithParamInterface<AfterCase> {};

TEST_P(MailboxAfterTest, DoesWhatItSaysOnTheServer) {
  Deliver(MakeMail("a@one.example", "one", "after1@x", {Pdf("one.pdf", "1")}));
  Deliver(MakeMail("a@one.example", "two", "after2@x", {Pdf("two.pdf", "2")}));
  SourceRecord record =
      AddSource("receiving", Settings("receiving", std::string(", \"after\": \"") + GetParam().after + "\"" +
                                                       GetParam().extra));
  auto mailbox = Open(record);
  RecordingIntake intake;
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_EQ(pass.error, "");
  EXPECT_EQ(pass.stored, 2);
  std::string after = GetParam().after;
  if (after == "mark_seen") {
    EXPECT_EQ(Search("SEEN").size(), 2u);
  } else if (after == "flag") {
    EXPECT_EQ(Search("FLAGGED").size(), 2u);
    EXPECT_EQ(Search("UNSEEN").size(), 2u);  // left unread, as it was
  } else if (after == "move") {
    EXPECT_EQ(Search("ALL").size(), 0u);
    EXPECT_EQ(Search("ALL", "Done").size(), 2u);
  } else if (after == "delete") {
    EXPECT_EQ(Search("ALL").size(), 0u);
  }
  SourcePass again = mailbox->Pass(intake, stop_);
  EXPECT_EQ(again.error, "");
  EXPECT_EQ(intake.calls, 2);
}

INSTANTIATE_TEST_SUITE_P(Actions, MailboxAfterTest,
                         ::testing::Values(AfterCase{"mark_seen", ""}, AfterCase{"flag", ""},
                                           AfterCase{"move", ", \"move_to\": \"Done\""}, AfterCase{"delete", ""}),
                         [](const auto& info) { return std::string(info.param.after); });

TEST_F(MailboxTest, AMessageIdAlreadyDoneIsNotTakenAgain) {
  Deliver(MakeMail("a@one.example", "first", "same@x", {Pdf("one.pdf", "1")}));
  Deliver(MakeMail("a@one.example", "resent", "same@x", {Pdf("other.pdf", "2")}));
  auto mailbox = Open(AddSource("receiving", Settings("receiving")));
  RecordingIntake intake;
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_EQ(pass.error, "");
  EXPECT_EQ(pass.stored, 1);
  EXPECT_EQ(intake.calls, 1);
  EXPECT_EQ(Search("SEEN").size(), 2u);  // both let go
}

TEST_F(MailboxTest, AWrongPasswordIsAnErrorInWordsAndOtherMailboxesGoOn) {
  Deliver(MakeMail("a@one.example", "for quality", "q1@x", {Pdf("coc.pdf", "q")}), "quality");
  auto wrong = Open(AddSource("receiving", Settings("receiving"), "not-the-password"));
  auto right = Open(AddSource("quality", Settings("quality")));
  RecordingIntake intake;
  auto started = std::chrono::steady_clock::now();
  SourcePass failed = wrong->Pass(intake, stop_);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_NE(failed.error.find("127.0.0.1:" + std::to_string(dovecot_.port())), std::string::npos) << failed.error;
  EXPECT_NE(failed.error.find("login refused for 'receiving'"), std::string::npos) << failed.error;
  EXPECT_NE(failed.error.find("password"), std::string::npos);
  EXPECT_EQ(failed.error.find("not-the-password"), std::string::npos);
  auto test = wrong->Test();
  ASSERT_FALSE(test.ok());
  EXPECT_NE(test.status().message().find("login refused"), std::string::npos);
  SourcePass served = right->Pass(intake, stop_);
  EXPECT_EQ(served.error, "");
  EXPECT_EQ(served.stored, 1);
}

TEST_F(MailboxTest, AnUnreachableServerOrMissingFolderIsAnErrorInWords) {
  auto nowhere = Open(AddSource("nowhere", R"({"url": "imap://127.0.0.1:1/INBOX", "user": "receiving"})"));
  RecordingIntake intake;
  SourcePass pass = nowhere->Pass(intake, stop_);
  EXPECT_NE(pass.error.find("127.0.0.1:1: the mail server cannot be reached"), std::string::npos) << pass.error;
  auto missing = Open(AddSource("missing", R"({"url": ")" + dovecot_.Url("Nope") + R"(", "user": "receiving"})"));
  pass = missing->Pass(intake, stop_);
  EXPECT_NE(pass.error.find("no folder 'Nope'"), std::string::npos) << pass.error;
}

TEST_F(MailboxTest, AFailingIntakeLeavesTheMailAsItWasAndItIsTakenNextPass) {
  Deliver(MakeMail("a@one.example", "one", "f1@x", {Pdf("one.pdf", "1"), Pdf("two.pdf", "2")}));
  Deliver(MakeMail("a@one.example", "two", "f2@x", {Pdf("three.pdf", "3")}));
  SourceRecord record = AddSource("receiving", Settings("receiving"));
  auto mailbox = Open(record);
  RecordingIntake intake;
  intake.failures_left = 1;  // the first part of the first mail
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_EQ(pass.failed, 1);
  EXPECT_EQ(pass.stored, 1);  // the second mail went on
  EXPECT_EQ(Search("UNSEEN"), std::vector<uint32_t>{1});
  auto status = Client()->FolderStatus("INBOX");
  auto item = repository_->FindSourceItem(record.id, "uid:" + std::to_string(status->uidvalidity) + ":1");
  ASSERT_TRUE(item.ok() && item->has_value());
  EXPECT_EQ((*item)->state, SourceItemState::kFailed);
  EXPECT_EQ((*item)->attempts, 1);
  EXPECT_NE((*item)->error.find("disk failed"), std::string::npos);

  SourcePass retry = mailbox->Pass(intake, stop_);
  EXPECT_EQ(retry.error, "");
  EXPECT_EQ(retry.stored, 2);
  EXPECT_EQ(Search("UNSEEN").size(), 0u);
}

TEST_F(MailboxTest, AMailThatKeepsFailingIsGivenUpAndReported) {
  Deliver(MakeMail("a@one.example", "cursed", "c1@x", {Pdf("one.pdf", "1")}));
  auto mailbox = Open(AddSource("receiving", Settings("receiving", ", \"max_attempts\": 3")));
  RecordingIntake intake;
  intake.failures_left = 100;
  std::string error;
  for (int i = 0; i < 5; ++i) {
    SourcePass pass = mailbox->Pass(intake, stop_);
    if (!pass.error.empty()) error += pass.error + "\n";
  }
  EXPECT_EQ(intake.calls, 3);
  EXPECT_NE(error.find("given up after 3 attempts"), std::string::npos) << error;
  EXPECT_EQ(Search("UNSEEN").size(), 1u);
}

TEST_F(MailboxTest, AKillBetweenStoreAndLedgerGivesNoSecondDocument) {
  Deliver(MakeMail("a@one.example", "one", "k1@x", {Pdf("one.pdf", "1"), Png("two.png", "2")}));
  SourceRecord record = AddSource("receiving", Settings("receiving"));
  RecordingIntake intake;
  intake.kill_after_store = true;
  {
    auto mailbox = Open(record);
    EXPECT_THROW(mailbox->Pass(intake, stop_), std::runtime_error);
  }
  intake.kill_after_store = false;
  auto restarted = Open(record);
  SourcePass pass = restarted->Pass(intake, stop_);
  EXPECT_EQ(pass.error, "");
  EXPECT_EQ(pass.duplicates, 1);
  EXPECT_EQ(pass.stored, 1);
  EXPECT_EQ(intake.stored.size(), 2u);
  EXPECT_EQ(Search("SEEN").size(), 1u);
}

TEST_F(MailboxTest, AKillBetweenLedgerAndActionOnlyAppliesTheAction) {
  Deliver(MakeMail("a@one.example", "one", "k2@x", {Pdf("one.pdf", "1")}));
  SourceRecord record = AddSource("receiving", Settings("receiving", R"(, "after": "move", "move_to": "Done")"));
  RecordingIntake intake;
  KillingStore killing(*repository_);
  {
    auto mailbox = Open(record, &killing);
    EXPECT_THROW(mailbox->Pass(intake, stop_), std::runtime_error);
  }
  EXPECT_EQ(Search("ALL").size(), 1u);  // still there
  auto restarted = Open(record);
  SourcePass pass = restarted->Pass(intake, stop_);
  EXPECT_EQ(pass.error, "");
  EXPECT_EQ(intake.calls, 1);  // not fetched into the intake again
  EXPECT_EQ(Search("ALL").size(), 0u);
  EXPECT_EQ(Search("ALL", "Done").size(), 1u);
}

TEST_F(MailboxTest, TakesLargeFoldersInBatches) {
  for (int i = 0; i < 5; ++i) {
    Deliver(MakeMail("a@one.example", "mail " + std::to_string(i), "b" + std::to_string(i) + "@x",
                     {Pdf("d.pdf", std::to_string(i))}));
  }
  auto mailbox = Open(AddSource("receiving", Settings("receiving", ", \"batch_size\": 2")));
  RecordingIntake intake;
  std::vector<int> stored;
  for (int i = 0; i < 3; ++i) {
    SourcePass pass = mailbox->Pass(intake, stop_);
    EXPECT_EQ(pass.error, "");
    stored.push_back(pass.stored);
    EXPECT_EQ(pass.next_pass.count() == 0, i < 2) << i;
  }
  EXPECT_EQ(stored, (std::vector<int>{2, 2, 1}));
}

TEST_F(MailboxTest, RulesChooseMailsAndAttachments) {
  Deliver(MakeMail("orders@one.example", "Delivery note 1", "r1@x", {Pdf("LS_1.pdf", "1"), Pdf("AGB.pdf", "2")}));
  Deliver(MakeMail("news@spam.example", "Delivery note 2", "r2@x", {Pdf("LS_2.pdf", "3")}));
  Deliver(MakeMail("orders@one.example", "Newsletter", "r3@x", {Pdf("LS_3.pdf", "4")}));
  auto mailbox = Open(AddSource(
      "receiving", Settings("receiving", R"(, "rules": {"from": ["@ONE.example"], "subject": ["re:^delivery note \\d+$"],
                                           "attachments": ["ls_*.pdf"]})")));
  RecordingIntake intake;
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_EQ(pass.error, "");
  EXPECT_EQ(pass.stored, 1);
  ASSERT_EQ(intake.stored.size(), 1u);
  EXPECT_EQ(intake.stored.begin()->second.name, "LS_1.pdf");
  EXPECT_EQ(Search("UNSEEN").size(), 2u);  // the others are left as they were
}

TEST_F(MailboxTest, TestSaysWhatAPassWouldTakeAndTakesNothing) {
  Deliver(MakeMail("a@one.example", "one", "t1@x", {Pdf("one.pdf", "1"), Txt("t.txt"), Png("p.png", "p")}));
  Deliver(MakeMail("a@one.example", "two", "t2@x", {Pdf("two.pdf", "2")}));
  auto mailbox = Open(AddSource("receiving", Settings("receiving")));
  auto lines = mailbox->Test();
  ASSERT_TRUE(lines.ok()) << lines.status().message();
  std::string text;
  for (const auto& line : *lines) text += line + "\n";
  EXPECT_NE(text.find("logged in as 'receiving'; 2 mails in the folder"), std::string::npos) << text;
  EXPECT_NE(text.find("2 mails wait"), std::string::npos) << text;
  EXPECT_NE(text.find("2 match the rules and would be taken, holding 3 document attachments"), std::string::npos)
      << text;
  EXPECT_EQ(Search("UNSEEN").size(), 2u);
}

// imaps: Dovecot serves TLS on a second port with a certificate the test made
// (self-signed for 127.0.0.1, so no public CA vouches for it).
class MailboxTlsTest : public MailboxTest {
 protected:
  TestDovecot::Options DovecotOptions() override { return {.imaps = true}; }
  std::string TlsSettings(const std::string& extra = "") {
    return R"({"url": ")" + dovecot_.ImapsUrl() + R"(", "user": "receiving")" + extra + "}";
  }
};

TEST_F(MailboxTlsTest, AnUntrustedCertificateIsAnErrorInWordsAboutTheCertificate) {
  Deliver(MakeMail("a@one.example", "over tls", "tls0@x", {Pdf("one.pdf", "1")}));
  auto mailbox = Open(AddSource("receiving", TlsSettings()));
  RecordingIntake intake;
  auto started = std::chrono::steady_clock::now();
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_NE(pass.error.find("127.0.0.1:" + std::to_string(dovecot_.imaps_port())), std::string::npos) << pass.error;
  EXPECT_NE(pass.error.find("TLS certificate is not trusted"), std::string::npos) << pass.error;
  EXPECT_NE(pass.error.find("ca_file"), std::string::npos) << pass.error;
  EXPECT_EQ(pass.error.find("password"), std::string::npos) << pass.error;
  EXPECT_EQ(pass.error.find("login refused"), std::string::npos) << pass.error;
  EXPECT_EQ(intake.calls, 0);
  auto test = mailbox->Test();
  ASSERT_FALSE(test.ok());
  EXPECT_NE(test.status().message().find("certificate"), std::string::npos) << test.status().message();
  EXPECT_EQ(Search("UNSEEN").size(), 1u);
}

TEST_F(MailboxTlsTest, TheCertificateGivenAsCaFileIsTrustedAndMailsAreTaken) {
  Deliver(MakeMail("a@one.example", "over tls", "tls1@x", {Pdf("one.pdf", "1")}));
  Deliver(MakeMail("a@one.example", "over tls", "tls2@x", {Pdf("two.pdf", "2")}));
  auto mailbox = Open(AddSource("receiving", TlsSettings(R"(, "ca_file": ")" + dovecot_.cert_file() + "\"")));
  RecordingIntake intake;
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_EQ(pass.error, "") << dovecot_.Log();
  EXPECT_EQ(pass.stored, 2);
  EXPECT_EQ(Search("UNSEEN").size(), 0u);
  auto test = mailbox->Test();
  ASSERT_TRUE(test.ok()) << test.status().message();
  EXPECT_NE(test->front().find("imaps://127.0.0.1:" + std::to_string(dovecot_.imaps_port())), std::string::npos)
      << test->front();
}

// tls_verify: false is for a lab or a test server only: the connection is
// encrypted but anyone between quai and the server could pose as it.
TEST_F(MailboxTlsTest, WithoutVerificationForLabUseMailsAreTaken) {
  Deliver(MakeMail("a@one.example", "over tls", "tls3@x", {Pdf("three.pdf", "3")}));
  auto mailbox = Open(AddSource("receiving", TlsSettings(R"(, "tls_verify": false)")));
  RecordingIntake intake;
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_EQ(pass.error, "") << dovecot_.Log();
  EXPECT_EQ(pass.stored, 1);
}

// XOAUTH2 end to end: quai trades the refresh token at the provider's token
// endpoint, logs in with the access token, and Dovecot's oauth2 passdb asks the
// same provider (introspection) whether that token is active and whose it is.
constexpr const char* kRefreshToken = "rt-0123456789-receiving";
constexpr int kExpiresIn = 3600;

class MailboxOAuthTest : public MailboxTest {
 protected:
  void SetUp() override {
    if (!TestDovecot::Missing().empty()) GTEST_SKIP() << TestDovecot::Missing();
    std::string failed = provider_.Start();
    ASSERT_EQ(failed, "") << failed;
    MailboxTest::SetUp();
  }
  TestDovecot::Options DovecotOptions() override { return {.oauth2_introspection_url = provider_.IntrospectionUrl()}; }
  std::string OAuthSettings() {
    return R"({"url": ")" + dovecot_.Url() + R"(", "user": "receiving", "auth": "xoauth2", "token_url": ")" +
           provider_.TokenUrl() + R"(", "client_id": "quai-test"})";
  }

  TestOAuthProvider provider_{kRefreshToken, "receiving", kExpiresIn};
};

TEST_F(MailboxOAuthTest, TakesMailsAndReusesTheAccessTokenUntilItExpires) {
  Deliver(MakeMail("a@one.example", "oauth", "o1@x", {Pdf("one.pdf", "1")}));
  auto mailbox = Open(AddSource("receiving", OAuthSettings(), kRefreshToken));
  RecordingIntake intake;
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_EQ(pass.error, "") << dovecot_.Log();
  EXPECT_EQ(pass.stored, 1);
  EXPECT_EQ(provider_.token_calls(), 1);
  EXPECT_GE(provider_.introspections(), 1);  // Dovecot really asked the provider
  EXPECT_EQ(provider_.inactive_answers(), 0);
  EXPECT_EQ(Search("UNSEEN").size(), 0u);

  // Later passes, within the token's life: the same token.
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(std::chrono::minutes(10));
    Deliver(MakeMail("a@one.example", "oauth", "o2-" + std::to_string(i) + "@x", {Pdf("n.pdf", "later " + std::to_string(i))}));
    SourcePass again = mailbox->Pass(intake, stop_);
    EXPECT_EQ(again.error, "");
    EXPECT_EQ(again.stored, 1);
  }
  auto test = mailbox->Test();
  ASSERT_TRUE(test.ok()) << test.status().message();
  EXPECT_EQ(provider_.token_calls(), 1);

  // Past its life (less the minute kept in hand): a new one, once.
  clock_.Advance(std::chrono::seconds(kExpiresIn - 30 * 60 - 60));
  std::string old_token = provider_.current_token();
  Deliver(MakeMail("a@one.example", "oauth", "o3@x", {Pdf("late.pdf", "3")}));
  SourcePass renewed = mailbox->Pass(intake, stop_);
  EXPECT_EQ(renewed.error, "");
  EXPECT_EQ(renewed.stored, 1);
  EXPECT_EQ(provider_.token_calls(), 2);
  EXPECT_NE(provider_.current_token(), old_token);
  EXPECT_EQ(provider_.inactive_answers(), 0);  // never logged in with a stale token
}

TEST_F(MailboxOAuthTest, ARevokedAccessTokenIsRefreshedOnceAndThePassSucceeds) {
  Deliver(MakeMail("a@one.example", "oauth", "v1@x", {Pdf("one.pdf", "1")}));
  auto mailbox = Open(AddSource("receiving", OAuthSettings(), kRefreshToken));
  RecordingIntake intake;
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_EQ(pass.error, "") << dovecot_.Log();
  EXPECT_EQ(provider_.token_calls(), 1);

  provider_.Revoke();
  Deliver(MakeMail("a@one.example", "oauth", "v2@x", {Pdf("two.pdf", "2")}));
  SourcePass after = mailbox->Pass(intake, stop_);
  EXPECT_EQ(after.error, "") << dovecot_.Log();
  EXPECT_EQ(after.stored, 1);
  EXPECT_EQ(provider_.token_calls(), 2);       // refreshed once
  EXPECT_EQ(provider_.inactive_answers(), 1);  // the revoked token was refused once
  EXPECT_EQ(Search("UNSEEN").size(), 0u);
}

TEST_F(MailboxOAuthTest, AWrongRefreshTokenIsAnErrorNamingTheTokenEndpointNotTheToken) {
  Deliver(MakeMail("a@one.example", "oauth", "w1@x", {Pdf("one.pdf", "1")}));
  const std::string wrong = "rt-wrong-4242";
  auto mailbox = Open(AddSource("receiving", OAuthSettings(), wrong));
  RecordingIntake intake;
  auto started = std::chrono::steady_clock::now();
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_NE(pass.error.find(provider_.TokenUrl()), std::string::npos) << pass.error;
  EXPECT_NE(pass.error.find("refresh token for 'receiving' was refused"), std::string::npos) << pass.error;
  EXPECT_NE(pass.error.find("invalid_grant"), std::string::npos) << pass.error;
  EXPECT_EQ(pass.error.find(wrong), std::string::npos) << pass.error;
  EXPECT_EQ(provider_.token_calls(), 1);
  EXPECT_EQ(provider_.introspections(), 0);  // no login was tried without a token
  EXPECT_EQ(intake.calls, 0);
  auto test = mailbox->Test();
  ASSERT_FALSE(test.ok());
  EXPECT_NE(test.status().message().find(provider_.TokenUrl()), std::string::npos) << test.status().message();
  EXPECT_EQ(test.status().message().find(wrong), std::string::npos);
}

TEST_F(MailboxOAuthTest, ARotatedRefreshTokenIsUsedForTheNextRefresh) {
  provider_.rotate_refresh_tokens();  // and the old one is void at once
  Deliver(MakeMail("a@one.example", "oauth", "r1@x", {Pdf("one.pdf", "1")}));
  auto mailbox = Open(AddSource("receiving", OAuthSettings(), kRefreshToken));
  RecordingIntake intake;
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_EQ(pass.error, "") << dovecot_.Log();
  for (int i = 0; i < 2; ++i) {
    clock_.Advance(std::chrono::seconds(kExpiresIn));
    Deliver(MakeMail("a@one.example", "oauth", "r2-" + std::to_string(i) + "@x", {Pdf("two.pdf", "later " + std::to_string(i))}));
    SourcePass later = mailbox->Pass(intake, stop_);
    EXPECT_EQ(later.error, "");
    EXPECT_EQ(later.stored, 1);
  }
  EXPECT_EQ(provider_.token_calls(), 3);
  EXPECT_EQ(provider_.refused_refreshes(), 0);
}

TEST_F(MailboxOAuthTest, ATokenForAnotherAccountIsRefusedInWordsAfterOneRefresh) {
  provider_.set_username("someone-else");
  Deliver(MakeMail("a@one.example", "oauth", "x1@x", {Pdf("one.pdf", "1")}));
  auto mailbox = Open(AddSource("receiving", OAuthSettings(), kRefreshToken));
  RecordingIntake intake;
  auto started = std::chrono::steady_clock::now();
  SourcePass pass = mailbox->Pass(intake, stop_);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_NE(pass.error.find("login refused for 'receiving': the OAuth2 token was not accepted"), std::string::npos)
      << pass.error;
  EXPECT_NE(pass.error.find("even when just issued by " + provider_.TokenUrl()), std::string::npos) << pass.error;
  EXPECT_EQ(pass.error.find("at-"), std::string::npos) << pass.error;  // no access token in words
  EXPECT_EQ(pass.error.find(kRefreshToken), std::string::npos) << pass.error;
  EXPECT_EQ(provider_.token_calls(), 2);
  EXPECT_EQ(intake.calls, 0);
  EXPECT_EQ(Search("UNSEEN").size(), 1u);
}

}  // namespace
}  // namespace quai
