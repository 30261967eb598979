// Environment: what a Workspace gets from the world — the file system, the
// clock, the store and the OCR engines — injected through Workspace::Open so
// tests reach every part with fakes that inject faults (a store that fails
// its N-th call, a file system that fills up, a clock that jumps). The
// defaults are the real ones. Internal: not part of include/quai/.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/file_system.h"
#include "ocr/page_reader.h"
#include "storage/master_data_store.h"
#include "quai/options.h"
#include "quai/status.h"
#include "storage/account_store.h"
#include "storage/document_store.h"
#include "storage/job_store.h"
#include "storage/learning_store.h"
#include "storage/model_registry.h"
#include "storage/receiving_store.h"
#include "storage/review_store.h"
#include "storage/source_store.h"

namespace quai {
class MonitoringStore;  // storage/monitoring_store.h
}

namespace quai {

// A data directory's stores, by concern (storage/*_store.h, model_registry.h:
// each header states what its calls make atomic and what it serialises). One
// object may serve several (the embedded SQLite store serves all); `owner`
// keeps them alive.
struct Stores {
  DocumentStore* documents = nullptr;
  ReviewStore* reviews = nullptr;    // the review desk: state, events, training examples
  AccountStore* accounts = nullptr;  // users, sessions, tokens, logins, the security log
  LearningStore* learning = nullptr;
  ModelRegistry* models = nullptr;
  JobStore* jobs = nullptr;
  MasterDataStore* master_data = nullptr;  // the ERP's master data; null: no ERP checks
  ReceivingStore* receiving = nullptr;     // accepted versions, lots, exports; null: none kept
  SourceStore* sources = nullptr;          // watched folders and mailboxes; null: none
  MonitoringStore* monitoring = nullptr;   // the figures /metrics reads at scrape time; null: none
  std::shared_ptr<void> owner;
  // Waits up to the given time for another process to queue a job (true when
  // one did), so idle workers wake sooner than their next poll; empty when
  // the store cannot tell (SQLite: workers poll).
  std::function<Result<bool>(std::chrono::milliseconds)> wait_for_jobs;
};

struct Environment {
  FileSystem* file_system = nullptr;  // null: the real one
  Clock* clock = nullptr;             // null: the system clock
  // Opens the stores of a data directory; empty: SQLite in <data>/quai.db.
  std::function<Result<Stores>(const std::string& data_dir, Clock* clock)> open_stores;
  // Makes one OCR engine per reader; empty: Tesseract with Options::ocr.
  std::function<OcrEngineFactory(const OcrOptions& options)> ocr_engines;
};

// The embedded SQLite store of `data_dir` (<data_dir>/quai.db) as Stores.
Result<Stores> OpenSqliteStores(const std::string& data_dir, Clock* clock);

// The stores `database` names (Options::database, already resolved): empty
// for SQLite in `data_dir`, a postgresql:// or postgres:// URI for
// PostgreSQL. InvalidArgument for anything else; the password never appears
// in a message.
Result<Stores> OpenStores(const std::string& database, const std::string& data_dir, Clock* clock);

// `requested`, else $QUAI_DATABASE, else "" (SQLite).
std::string ResolveDatabase(const std::string& requested);

// True for a postgresql:// or postgres:// URI.
bool IsPostgresDatabase(const std::string& database);

}  // namespace quai
