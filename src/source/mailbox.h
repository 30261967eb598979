// Mailbox: an IMAP folder as a WatchedSource. Each pass connects (one
// connection, libcurl), takes up to batch_size mails that arrived since the
// last pass (and the ones that failed before), hands every document attached
// to them to the DocumentIntake, and only once all of a mail's documents are
// stored records it done in the SourceStore's ledger and then applies the
// after-action on the server (mark \Seen, flag, move, delete).
//
// Exactly once: a mail is keyed "uid:<UIDVALIDITY>:<UID>" and
// "message-id:<id>" in the ledger; the cursor {"uidvalidity","last_uid",
// "retry"} says where the last pass got to. A kill between storing and the
// ledger gives duplicates on the retry (the intake knows the bytes); between
// the ledger and the after-action, the next pass only applies the action. A
// mail whose Message-ID is done (sent twice, copied to another folder) is not
// taken again; when UIDVALIDITY changes, the folder is scanned again and the
// Message-IDs keep what was done from being done twice.
//
// Thread safety: one thread calls Pass and Wait (the SourceRunner's); Test
// may be called from another thread only when no pass runs. Holds references
// to the store and the clock, which must outlive it.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "source/mailbox_settings.h"
#include "source/watched_source.h"
#include "storage/source_store.h"

namespace quai {

class ImapClient;
class MailboxOAuth;
struct MailMessage;

// A mailbox source from its record: InvalidArgument naming the setting when
// its settings are wrong, or when it has no secret.
Result<std::unique_ptr<WatchedSource>> OpenMailbox(const SourceRecord& record, SourceStore& store, Clock& clock);

class Mailbox final : public WatchedSource {
 public:
  Mailbox(SourceRecord record, MailboxSettings settings, SourceStore& store, Clock& clock);
  ~Mailbox() override;

  SourcePass Pass(DocumentIntake& intake, const std::atomic<bool>& stop) override;
  // Poll mode: sleeps. Idle mode: asks the folder's STATUS every few seconds
  // (libcurl has no IDLE) and returns true as soon as a mail has arrived.
  bool Wait(std::chrono::milliseconds timeout, const std::atomic<bool>& stop) override;
  Result<std::vector<std::string>> Test() override;
  bool needs_lease() const override { return true; }

  // The source name documents record: "mail:NAME".
  std::string source_label() const { return "mail:" + record_.name; }

 private:
  struct Cursor;
  struct PassState;
  enum class MailEnd { kFinished, kRetry, kAbort };

  Result<std::unique_ptr<ImapClient>> Connect();
  Result<Cursor> LoadCursor();
  Status SaveCursor(const Cursor& cursor);
  MailEnd TakeMail(ImapClient& client, uint32_t uidvalidity, uint32_t uid, bool was_seen, DocumentIntake& intake,
                   PassState& state);
  Status ApplyAfterAction(ImapClient& client, uint32_t uid, bool was_seen);
  bool MatchesRules(const MailMessage& mail) const;
  bool TakesPart(const std::string& filename, bool attachment, bool inline_image, bool may_be_document) const;
  std::string Criteria() const;  // what the first pass searches: UNSEEN, UNFLAGGED or ALL

  SourceRecord record_;
  MailboxSettings settings_;
  SourceStore& store_;
  Clock& clock_;
  std::unique_ptr<MailboxOAuth> oauth_;   // for MailboxAuth::kXoauth2
  std::unique_ptr<ImapClient> watcher_;  // Wait's connection in idle mode
  uint32_t known_uidnext_ = 0;           // the folder's UIDNEXT at the end of the last pass
};

}  // namespace quai
