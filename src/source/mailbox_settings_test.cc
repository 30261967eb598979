#include "source/mailbox_settings.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

TEST(MailboxSettings, ReadsAFullMailbox) {
  auto settings = ParseMailboxSettings(R"({"url": "imaps://imap.example.com/Suppliers/In", "user": "receiving",
    "rules": {"from": ["@supplier.example", "re:^orders?@"], "subject": "delivery", "attachments": ["*.pdf"]},
    "parts": {"inline_images": true}, "after": "move", "move_to": "Done", "mode": "idle",
    "interval_seconds": 30, "batch_size": 20, "ca_file": "/etc/quai/ca.pem"})");
  ASSERT_TRUE(settings.ok()) << settings.status().message();
  EXPECT_TRUE(settings->tls);
  EXPECT_EQ(settings->host, "imap.example.com");
  EXPECT_EQ(settings->port, 993);
  EXPECT_EQ(settings->folder, "Suppliers/In");
  ASSERT_EQ(settings->from.size(), 2u);
  EXPECT_FALSE(settings->from[0].regex);
  EXPECT_TRUE(settings->from[1].regex);
  EXPECT_EQ(settings->subject.size(), 1u);
  EXPECT_EQ(settings->attachment_names, std::vector<std::string>{"*.pdf"});
  EXPECT_TRUE(settings->inline_images);
  EXPECT_EQ(settings->after, MailboxAfter::kMove);
  EXPECT_EQ(settings->move_to, "Done");
  EXPECT_EQ(settings->mode, MailboxMode::kIdle);
  EXPECT_EQ(settings->poll_interval.count(), 30);
  EXPECT_EQ(settings->batch_size, 20);
  EXPECT_EQ(settings->Url(), "imaps://imap.example.com:993/Suppliers/In");
}

TEST(MailboxSettings, DefaultsArePlainInboxMarkSeenPollEveryMinute) {
  auto settings = ParseMailboxSettings(R"({"url": "imap://mail.local:1143", "user": "u"})");
  ASSERT_TRUE(settings.ok()) << settings.status().message();
  EXPECT_FALSE(settings->tls);
  EXPECT_EQ(settings->port, 1143);
  EXPECT_EQ(settings->folder, "INBOX");
  EXPECT_TRUE(settings->tls_verify);
  EXPECT_EQ(settings->auth, MailboxAuth::kPassword);
  EXPECT_EQ(settings->after, MailboxAfter::kMarkSeen);
  EXPECT_EQ(settings->mode, MailboxMode::kPoll);
  EXPECT_EQ(settings->poll_interval.count(), 60);
  EXPECT_EQ(settings->batch_size, 50);
  EXPECT_EQ(settings->max_attempts, 10);
}

TEST(MailboxSettings, ErrorsNameTheSetting) {
  struct Case {
    const char* json;
    const char* names;
  };
  const Case cases[] = {
      {R"({"user": "u"})", "url"},
      {R"({"url": "pop3://x", "user": "u"})", "url"},
      {R"({"url": "imap://u:pw@x", "user": "u"})", "url"},
      {R"({"url": "imap://x:99999", "user": "u"})", "url"},
      {R"({"url": "imap://x"})", "user"},
      {R"({"url": "imap://x", "user": "u", "auth": "kerberos"})", "auth"},
      {R"({"url": "imap://x", "user": "u", "auth": "xoauth2", "client_id": "c"})", "token_url"},
      {R"({"url": "imap://x", "user": "u", "auth": "xoauth2", "token_url": "https://t"})", "client_id"},
      {R"({"url": "imap://x", "user": "u", "after": "move"})", "move_to"},
      {R"({"url": "imap://x", "user": "u", "after": "archive"})", "after"},
      {R"({"url": "imap://x", "user": "u", "mode": "push"})", "mode"},
      {R"({"url": "imap://x", "user": "u", "batch_size": 0})", "batch_size"},
      {R"({"url": "imap://x", "user": "u", "rules": {"from": ["re:(unclosed"]}})", "rules.from"},
      {R"({"url": "imap://x", "user": "u", "rules": {"body": ["x"]}})", "rules.body"},
      {R"({"url": "imap://x", "user": "u", "parts": {"mail": true}})", "parts.mail"},
      {R"({"url": "imap://x", "user": "u", "tls_verify": "yes"})", "tls_verify"},
  };
  for (const Case& test : cases) {
    auto settings = ParseMailboxSettings(test.json);
    ASSERT_FALSE(settings.ok()) << test.json;
    EXPECT_EQ(settings.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(settings.status().message().find(std::string(test.names) + ":"), std::string::npos)
        << test.json << " -> " << settings.status().message();
  }
}

TEST(MailboxSettings, XOAuth2NeedsItsEndpointAndClient) {
  auto settings = ParseMailboxSettings(R"({"url": "imaps://outlook.office365.com", "user": "r@x.example",
    "auth": "xoauth2", "token_url": "https://login.example/token", "client_id": "abc"})");
  ASSERT_TRUE(settings.ok()) << settings.status().message();
  EXPECT_EQ(settings->auth, MailboxAuth::kXoauth2);
  EXPECT_EQ(settings->client_id, "abc");
  EXPECT_TRUE(settings->client_secret.empty());
}

}  // namespace
}  // namespace quai
