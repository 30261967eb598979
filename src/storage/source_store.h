// SourceStore: the places quai takes documents from on its own — watched
// folders and mailboxes — each with its settings, its secret, its status and a
// ledger of the things it has taken (a mail by UIDVALIDITY and UID, and by
// Message-ID), so that nothing is taken twice whatever process runs it or is
// killed while it does.
//
// Contracts (every backend passes storage/source_store_conformance.h):
// - Each method is one transaction, atomic against every other connection.
// - Names are unique: a second AddSource of a name is AlreadyExists.
// - One run of a source at a time across processes: ClaimSource succeeds for
//   one holder while its lease lives; a killed holder's lease runs out.
// - The secret is written by AddSource and UpdateSource and read by the
//   process that runs the source; nothing in quai sends it back out.
// - Removing a source removes its ledger; documents it took stay.
// - Times are the store clock's: leases in milliseconds since the epoch,
//   the rest as fixed-width UTC text.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quai/status.h"

namespace quai {

enum class SourceKind { kFolder, kMailbox };
const char* SourceKindName(SourceKind kind);  // "folder", "imap"
std::optional<SourceKind> ParseSourceKind(const std::string& name);

struct SourceRecord {
  int64_t id = 0;
  std::string name;  // documents it takes record "folder:NAME" or "mail:NAME" as their source
  SourceKind kind = SourceKind::kFolder;
  std::string settings_json = "{}";  // what its kind needs (source/source_settings.h), not the secret
  std::string secret;                // a mailbox's password or OAuth2 refresh token; empty for folders
  bool enabled = true;
  std::string created_at;
  // Its status, written by the runs.
  std::string last_run_at;      // when the last run ended, ok or not
  std::string last_success_at;  // when the last run without an error ended
  int64_t documents_taken = 0;  // documents stored over its life
  int64_t errors = 0;           // runs that ended with an error
  std::string last_error;       // of the last run; empty when it went well
  std::string cursor_json = "{}";  // where it got to (a mailbox's UIDVALIDITY and last UID seen)
  std::string lease_holder;        // the process running it now ("host:pid"), if any
};

// What one run of a source did.
struct SourceRun {
  int64_t documents_taken = 0;
  std::string error;  // empty: the run went well (some items may still have failed)
};

enum class SourceItemState { kDone, kFailed };

// One thing a source took or tried to take: a mail, keyed "uid:<validity>:<uid>"
// and "message-id:<id>".
struct SourceItem {
  int64_t source_id = 0;
  std::string key;
  SourceItemState state = SourceItemState::kDone;
  int attempts = 0;        // tries so far (SaveSourceItem adds one)
  std::string error;       // the last failure
  std::string detail_json = "{}";  // what the source wants to remember (documents stored, subject)
  std::string updated_at;
};

class SourceStore {
 public:
  virtual ~SourceStore() = default;

  // Adds a source; `id`, `created_at` and the status are ignored. AlreadyExists
  // for a name in use; InvalidArgument for an empty name or settings that are
  // not a JSON object.
  virtual Result<int64_t> AddSource(const SourceRecord& source) = 0;
  virtual Result<std::vector<SourceRecord>> ListSources() = 0;
  virtual Result<std::optional<SourceRecord>> FindSource(const std::string& name) = 0;
  // Replaces the settings and `enabled`; the secret too when `secret` is set.
  // NotFound for an unknown name.
  virtual Status UpdateSource(const std::string& name, const std::string& settings_json,
                              const std::optional<std::string>& secret, bool enabled) = 0;
  // NotFound for an unknown name.
  virtual Status RemoveSource(const std::string& name) = 0;

  // Takes the source for one run, or extends `holder`'s lease on it: true
  // unless another holder's lease lives. `dead_holder`, when not empty, is a
  // holder the caller knows is dead (a process of this machine that is
  // gone): its lease is taken over at once.
  virtual Result<bool> ClaimSource(int64_t source_id, const std::string& holder, std::chrono::milliseconds lease,
                                   const std::string& dead_holder = "") = 0;
  // Ends `holder`'s run: records it in the status and frees the source.
  virtual Status FinishSourceRun(int64_t source_id, const std::string& holder, const SourceRun& run) = 0;
  virtual Status SaveSourceCursor(int64_t source_id, const std::string& cursor_json) = 0;

  virtual Result<std::optional<SourceItem>> FindSourceItem(int64_t source_id, const std::string& key) = 0;
  // Writes the item (by source and key), counting one more attempt.
  virtual Status SaveSourceItem(const SourceItem& item) = 0;
};

}  // namespace quai
