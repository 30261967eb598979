#include "export/exporter.h"

#include <nlohmann/json.hpp>

#include "core/file_system.h"
#include "erp/http_client.h"
#include "export/export_payload.h"
#include "export/file_sender.h"
#include "export/tryton_sender.h"
#include "export/webhook_sender.h"

namespace quai {
namespace {

using Json = nlohmann::json;

std::string Now(const Clock& clock) { return FormatUtcTimestamp(clock.Now()); }

}  // namespace

ExportSenderFactory DefaultExportSenders(HttpClient& http, FileSystem& files, const Clock& clock) {
  return [&http, &files, &clock](const ExportTarget& target) -> Result<std::unique_ptr<ExportSender>> {
    if (target.kind == "webhook") return std::unique_ptr<ExportSender>(new WebhookSender(target, http, clock));
    if (target.kind == "files") return std::unique_ptr<ExportSender>(new FileSender(target, files));
    if (target.kind == "tryton") return std::unique_ptr<ExportSender>(new TrytonSender(http, clock));
    return Status::InvalidArgument("export target '" + target.name + "': kind '" + target.kind +
                                   "' cannot be sent by this quai");
  };
}

Result<std::string> Exporter::Run(const JobRecord& job, JobRetry* retry) const {
  const Json payload = Json::parse(job.payload_json, nullptr, false);
  if (!payload.is_object() || !payload.contains("export") || !payload["export"].is_number_integer())
    return Status::InvalidArgument("export job " + std::to_string(job.id) + " names no export");
  const int64_t export_id = payload["export"].get<int64_t>();
  auto found = receiving_.FindExport(export_id);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("export " + std::to_string(export_id) + " does not exist");
  const ExportRecord& record = **found;
  if (record.state == ExportState::kDelivered || record.state == ExportState::kSuperseded)
    return Json{{"export", export_id}, {"state", ExportStateName(record.state)}}.dump();

  auto dead = [&](const std::string& error, bool disable_target = false) -> Status {
    ExportAttempt attempt;
    attempt.state = ExportState::kDead;
    attempt.error = error;
    attempt.disable_target = disable_target;
    attempt.disable_reason = disable_target ? error : "";
    Status recorded = receiving_.RecordExportAttempt(export_id, attempt);
    retry->permanent = true;
    return recorded.ok() ? Status::FailedPrecondition(error) : recorded;
  };

  auto version = receiving_.FindDocumentVersion(record.version_id);
  if (!version.ok()) return version.status();
  auto document = documents_.FindDocument(record.document_id);
  if (!document.ok()) return document.status();
  auto target = receiving_.FindExportTarget(record.target_id);
  if (!target.ok()) return target.status();
  if (!*version || !*document) return dead("document " + std::to_string(record.document_id) + " is gone");
  if (!*target) return dead("export target " + record.target_name + " was removed");
  if (!(*target)->enabled)
    return dead("export target " + (*target)->name + " is disabled" +
                ((*target)->disabled_reason.empty() ? "" : " (" + (*target)->disabled_reason + ")"));

  // A correction: the latest version this target received before this one.
  int supersedes = 0;
  std::string supersedes_key;
  ExportFilter earlier;
  earlier.document_id = record.document_id;
  earlier.target_id = record.target_id;
  earlier.state = ExportState::kDelivered;
  auto delivered = receiving_.ListExports(earlier);
  if (!delivered.ok()) return delivered.status();
  for (const ExportRecord& other : *delivered)
    if (other.version < record.version && other.version > supersedes) {
      supersedes = other.version;
      supersedes_key = other.key;
    }

  auto body = BuildExportPayload(**document, **version, **target, record.key, supersedes, supersedes_key);
  if (!body.ok()) return dead(body.status().message());
  ExportMessage message;
  message.export_id = export_id;
  message.key = record.key;
  message.document_id = record.document_id;
  message.version = record.version;
  message.supersedes_version = supersedes;
  message.payload = std::move(body).value();
  message.accepted = &**version;
  message.target = &**target;

  auto sender = senders_(**target);
  if (!sender.ok()) return dead(sender.status().message());
  auto sent = (*sender)->Send(message);
  ExportOutcome outcome;
  if (sent.ok()) {
    outcome = std::move(sent).value();
  } else {
    outcome.kind = ExportOutcome::Kind::kRetry;
    outcome.answer = sent.status().message();
  }

  ExportAttempt attempt;
  attempt.answer = outcome.answer;
  attempt.external_id = outcome.external_id;
  switch (outcome.kind) {
    case ExportOutcome::Kind::kDelivered: {
      attempt.state = ExportState::kDelivered;
      Status recorded = receiving_.RecordExportAttempt(export_id, attempt);
      if (!recorded.ok() && recorded.code() != StatusCode::kFailedPrecondition) return recorded;
      if ((*target)->kind == "tryton") QUAI_RETURN_IF_ERROR(receiving_.MarkReceiptBooked(record.document_id, Now(clock_)));
      return Json{{"export", export_id}, {"state", "delivered"}, {"answer", outcome.answer},
                  {"external_id", outcome.external_id}}
          .dump();
    }
    case ExportOutcome::Kind::kRetry: {
      const bool last = job.attempts >= job.max_attempts;
      attempt.state = last ? ExportState::kDead : ExportState::kPending;
      attempt.error = outcome.answer;
      Status recorded = receiving_.RecordExportAttempt(export_id, attempt);
      if (recorded.code() == StatusCode::kFailedPrecondition)  // superseded meanwhile: nothing more to send
        return Json{{"export", export_id}, {"state", "superseded"}}.dump();
      if (!recorded.ok()) return recorded;
      retry->after = outcome.retry_after;
      return Status::Unavailable(record.target_name + ": " + outcome.answer);
    }
    case ExportOutcome::Kind::kRejected:
      return dead(record.target_name + " refused it: " + outcome.answer);
    case ExportOutcome::Kind::kTargetGone:
      return dead(record.target_name + " is gone (" + outcome.answer + "): the target is disabled", true);
  }
  return Status::Internal("unknown export outcome");
}

}  // namespace quai
