// Exporter: the export job's work (job kind "export", one job per export, run
// by JobRunner's export threads): reads the export, its accepted version, its
// document and its target, builds the payload (export_payload.h), sends it
// with the sender of the target's kind and records the answer. Delivered: the
// job is done (and a receipt the ERP booked stops counting as received in
// quai once the ERP is synced). No answer, 5xx, 429: the job fails and is
// retried with backoff (or after the Retry-After asked), dead when its
// attempts are spent. A refusal (4xx) is dead at once; 410 also disables the
// target. A person sends a dead export again (ReceivingStore::RetryExport).
// Thread-safe when the stores and the senders it makes are.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "export/export_sender.h"
#include "storage/document_store.h"
#include "storage/job_store.h"
#include "storage/receiving_store.h"

namespace quai {

class HttpClient;
class FileSystem;

using ExportSenderFactory = std::function<Result<std::unique_ptr<ExportSender>>(const ExportTarget& target)>;

// The senders of every kind: webhook and tryton over `http`, files on `files`.
ExportSenderFactory DefaultExportSenders(HttpClient& http, FileSystem& files, const Clock& clock);

class Exporter {
 public:
  Exporter(DocumentStore& documents, ReceivingStore& receiving, ExportSenderFactory senders, const Clock& clock)
      : documents_(documents), receiving_(receiving), senders_(std::move(senders)), clock_(clock) {}

  // One attempt of the export job `job` (payload {"export": id}).
  Result<std::string> Run(const JobRecord& job, JobRetry* retry) const;

 private:
  DocumentStore& documents_;
  ReceivingStore& receiving_;
  ExportSenderFactory senders_;
  const Clock& clock_;
};

}  // namespace quai
