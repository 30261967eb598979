// ExportSender: sends one version of one document to one target and says how
// it went. Implementations: WebhookSender, FileSender, TrytonSender. A sender
// must be idempotent on the message's key: sending the same key twice (a
// retry after an answer that was lost, a process killed after the send) must
// not make two of anything at the target (webhook: the receiver dedupes on
// `webhook-id`/`Idempotency-Key`; files: the same name is replaced; Tryton:
// the shipment carrying the key as its reference is looked up first).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "export/export_target.h"
#include "quai/status.h"
#include "receive/accepted_version.h"

namespace quai {

struct ExportMessage {
  int64_t export_id = 0;
  std::string key;               // "quai-doc12-v2-t3": document, version, target
  int64_t document_id = 0;
  int version = 0;
  int supersedes_version = 0;    // the version this one corrects that the target received; 0 when none
  nlohmann::json payload;        // export_payload.h's document, fields already mapped
  const DocumentVersion* accepted = nullptr;
  const ExportTarget* target = nullptr;
};

struct ExportOutcome {
  enum class Kind {
    kDelivered,   // the target has it
    kRetry,       // try again later (timeout, 5xx, 429, connection refused)
    kRejected,    // the target refuses it for good (4xx): dead at once, a person looks
    kTargetGone,  // the target no longer exists (410): it is disabled
  };
  Kind kind = Kind::kRetry;
  std::string answer;       // what the target said, for people ("HTTP 200", "shipment 41", the file names)
  std::string external_id;  // the target's own id for it (Tryton's shipment id), when it gives one
  std::optional<std::chrono::milliseconds> retry_after;  // the target asked for this wait (429 Retry-After)
};

class ExportSender {
 public:
  virtual ~ExportSender() = default;
  // A non-ok Status is a failure of quai's side (cannot build the message):
  // retried like kRetry.
  virtual Result<ExportOutcome> Send(const ExportMessage& message) = 0;
};

}  // namespace quai
