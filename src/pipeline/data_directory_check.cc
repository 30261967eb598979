#include "pipeline/data_directory_check.h"

#include <chrono>

#include "core/sha256.h"
#include "intake/blob_store.h"
#include "review/security_log.h"

namespace quai {

DataDirectoryCheck::DataDirectoryCheck(std::string data_dir, FileSystem* file_system, AccountStore* accounts,
                                       Clock* clock)
    : data_dir_(std::move(data_dir)), file_system_(file_system), accounts_(accounts), clock_(clock) {}

Result<DataDirectoryCheck::Report> DataDirectoryCheck::Run() {
  Report report;
  SqliteConsistencyCheck::Options options;
  options.now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(clock_->Now().time_since_epoch()).count();
  options.stale_lease_ms = stale_lease_ms_;
  auto findings = SqliteConsistencyCheck::Run(JoinPath(data_dir_, "quai.db"), options);
  if (!findings.ok()) return findings.status();
  report.documents = static_cast<int64_t>(findings->originals.size());
  report.problems = std::move(findings->problems);
  CheckOriginals(findings->originals, &report);

  SecurityLog log(accounts_, clock_);
  auto chain = log.Verify();
  if (!chain.ok()) return chain.status();
  report.security_events = chain->events;
  if (chain->first_broken_id != 0)
    report.problems.push_back("security log: broken at entry " + std::to_string(chain->first_broken_id) + ": " +
                              chain->problem);
  return report;
}

void DataDirectoryCheck::CheckOriginals(const std::vector<StoredOriginal>& originals, Report* report) {
  BlobStore blobs(file_system_, data_dir_);
  for (const StoredOriginal& original : originals) {
    const std::string name = "document " + std::to_string(original.document_id) + " (" + original.name + "): ";
    const std::string path = blobs.PathFor(original.sha256);
    if (!file_system_->Exists(path)) {
      report->problems.push_back(name + "its original " + original.sha256 + " is missing");
      continue;
    }
    auto size = file_system_->FileSize(path);
    if (size.ok() && *size != original.size_bytes) {
      report->problems.push_back(name + "its original is " + std::to_string(*size) + " bytes, stored as " +
                                 std::to_string(original.size_bytes) + ": not the file stored");
      continue;
    }
    auto bytes = file_system_->ReadFile(path, original.size_bytes);
    if (!bytes.ok()) {
      report->problems.push_back(name + "its original cannot be read: " + bytes.status().message());
      continue;
    }
    ++report->originals_checked;
    if (std::string actual = Sha256Hex(*bytes); actual != original.sha256)
      report->problems.push_back(name + "its original is not the file stored: its SHA-256 is " + actual +
                                 ", filed under " + original.sha256);
  }
}

}  // namespace quai
