// ImapClient: the IMAP commands a mailbox needs, over one libcurl easy handle
// so that every command of a pass goes over one connection, logged in once.
// Errors are in words for the mailbox's administrator and name the server;
// they never hold the password or token. Connect and answers are bounded in
// time (10 s to connect, 30 s without progress) so that a dead server costs a
// pass, not a thread. Not thread-safe: one pass (or one Test) owns a client.
//
// libcurl fetches with BODY[] (not BODY.PEEK[]), which marks a mail \Seen: a
// caller that leaves a mail as it found it unsets \Seen afterwards (Mailbox does).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "quai/status.h"
#include "source/mailbox_settings.h"

namespace quai {

struct ImapFolderStatus {
  uint32_t uidvalidity = 0;
  uint32_t uidnext = 0;
  uint32_t messages = 0;
};

class ImapClient {
 public:
  // `secret`: the password, or an OAuth2 access token for MailboxAuth::kXoauth2.
  // Nothing is sent before the first command.
  ImapClient(const MailboxSettings& settings, std::string secret);
  ~ImapClient();
  ImapClient(const ImapClient&) = delete;
  ImapClient& operator=(const ImapClient&) = delete;

  // STATUS of a folder; NotFound when the server has no such folder.
  // FailedPrecondition when the login is refused; Unavailable when the server
  // cannot be reached or TLS fails.
  Result<ImapFolderStatus> FolderStatus(const std::string& folder);
  // UID SEARCH in `folder` (e.g. "UID 41:*", "UNSEEN"): the UIDs, ascending.
  Result<std::vector<uint32_t>> Search(const std::string& folder, const std::string& criteria);
  // The flags of mails by UID set ("1,5,9" or "1:*"): "\Seen \Flagged" per UID.
  Result<std::map<uint32_t, std::string>> Flags(const std::string& folder, const std::string& uid_set);
  // The whole message (RFC 5322 bytes); NotFound when no mail has the UID.
  // Marks it \Seen (see above).
  Result<std::string> Fetch(const std::string& folder, uint32_t uid);
  // Any other command in `folder` (UID STORE, UID MOVE, UID COPY, EXPUNGE).
  Status Command(const std::string& folder, const std::string& command);
  // APPEND a message to `folder` (tests and benchmarks); libcurl sends it \Seen.
  Status Append(const std::string& folder, const std::string& message);

  // "imap.example.com" as the messages name it.
  const std::string& host() const { return settings_.host; }

 private:
  Status Perform(const std::string& url, const std::string& custom_request, std::string* output,
                 const std::string* upload);
  std::string FolderUrl(const std::string& folder) const;
  Status Describe(int curl_code, const std::string& what) const;

  MailboxSettings settings_;
  std::string secret_;
  void* curl_ = nullptr;  // CURL*, kept out of the header
  std::string error_buffer_;
};

// An IMAP quoted string: "Delivery notes" with \ and " escaped.
std::string ImapQuote(const std::string& text);

}  // namespace quai
