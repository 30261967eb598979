// MailboxSettings: what a mailbox source needs besides its secret, read from
// SourceRecord::settings_json. Parsing checks every setting and names the one
// that is wrong ("mailbox settings: url: ..."), so `quai source add imap` can
// refuse a bad mailbox before it ever runs. Plain values; no I/O.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "quai/status.h"

namespace quai {

// How quai logs in: the secret is the password, or an OAuth2 refresh token
// traded at `token_url` for short-lived access tokens (SASL XOAUTH2).
enum class MailboxAuth { kPassword, kXoauth2 };

// What quai does to a mail on the server once every document in it is stored.
enum class MailboxAfter { kMarkSeen, kMove, kFlag, kDelete };

// kPoll: a pass every `poll_interval`. kIdle: new mail is noticed within a few
// seconds (libcurl has no IMAP IDLE: the mailbox asks the server's STATUS at a
// short interval on one open connection, which any server allows).
enum class MailboxMode { kPoll, kIdle };

// A text rule: a case-insensitive substring, or a regular expression
// (ECMAScript, case-insensitive) when written "re:...".
struct MailboxTextRule {
  std::string text;
  bool regex = false;
};

struct MailboxSettings {
  bool tls = false;         // imaps://
  std::string host;
  int port = 0;             // 143 for imap://, 993 for imaps:// when the url has none
  std::string folder = "INBOX";
  std::string user;
  MailboxAuth auth = MailboxAuth::kPassword;
  // XOAUTH2: where a refresh token becomes an access token.
  std::string token_url;
  std::string client_id;
  std::string client_secret;  // optional
  // TLS: verify the server's certificate and name (default); `ca_file` adds a CA to trust.
  bool tls_verify = true;
  std::string ca_file;
  // Which mails: every rule list that is not empty must match (any entry in it).
  std::vector<MailboxTextRule> from;
  std::vector<MailboxTextRule> subject;
  // Which attachments: glob patterns on the file name ("*.pdf", "LS_*"),
  // case-insensitive; empty takes every attachment that can be a document.
  std::vector<std::string> attachment_names;
  bool inline_images = false;  // images shown in the mail's text (logos are usually among them)
  MailboxAfter after = MailboxAfter::kMarkSeen;
  std::string move_to;  // for kMove
  MailboxMode mode = MailboxMode::kPoll;
  std::chrono::seconds poll_interval{60};
  int batch_size = 50;    // mails per pass; the next pass comes at once when more wait
  int max_attempts = 10;  // tries of a mail whose documents cannot be stored before quai gives it up

  // "imap://host:143/INBOX" for messages (never a secret).
  std::string Url() const;
};

// Parses a mailbox's settings JSON:
//   {"url": "imaps://imap.example.com:993/INBOX", "user": "receiving",
//    "auth": "password" | "xoauth2", "token_url": ..., "client_id": ..., "client_secret": ...,
//    "tls_verify": true, "ca_file": "/etc/quai/ca.pem",
//    "rules": {"from": [...], "subject": [...], "attachments": ["*.pdf"]},
//    "parts": {"inline_images": false, "mail": false},
//    "after": "mark_seen" | "flag" | "delete" | "move", "move_to": "Done",
//    "mode": "poll" | "idle", "interval_seconds": 60, "batch_size": 50, "max_attempts": 10}
// InvalidArgument naming the setting for anything missing or wrong. "parts.mail"
// (the mail's own text as a document) is refused: quai's intake reads PDF,
// images and e-invoice XML, not mail text.
Result<MailboxSettings> ParseMailboxSettings(const std::string& settings_json);

}  // namespace quai
