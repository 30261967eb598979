// LearningStore: what the learning loop keeps — the supplier table (names,
// identifiers, letterhead words, documents seen, accuracy over time), each
// validated document's layout example (where its values were, for the
// supplier's layout memory) and drift signals for monitoring. Values are JSON
// text. One of the stores by concern (document_store.h); the trained models
// are model_registry.h's. SqliteRepository implements it.
//
// Contracts (every backend passes storage/learning_store_conformance.h):
// - Implementations are thread-safe, and several connections (processes) may
//   share one store.
// - Each method is one transaction, atomic against every other connection:
//   CountSupplierDocument adds one whoever else counts at the same time.
// - Reading the supplier table and then writing it (the learner adding a
//   supplier once) is not atomic here: learn jobs are serialised by the job
//   queue instead (job_store.h), one at a time across processes.
// - LearningGeneration is kept with the data, so it also moves when another
//   connection writes: a cache of suppliers or examples checks it to stay
//   current in every process.
// - An empty created_at or `at` is stamped with the store clock's time.
//   Unknown suppliers and documents are NotFound (nothing changes); a
//   negative limit or offset is InvalidArgument. Newest first means by time,
//   then by insertion (layout examples: by document id, their key).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quai/status.h"

namespace quai {

// The identifier kind of another name a supplier is known by (a merged
// supplier's): its value is the name as written, not normalised.
inline constexpr const char* kSupplierAliasKind = "alias";

struct SupplierIdentifier {
  std::string kind;   // "vat", "iban", "siret", "alias", ...
  std::string value;  // normalised: upper case, no spaces (an alias: as written)
  bool operator==(const SupplierIdentifier&) const = default;
};

struct StoredSupplier {
  int64_t id = 0;  // set by the store
  std::string name;
  std::string created_at;
  std::vector<SupplierIdentifier> identifiers;
  std::string letterhead;       // folded words of the top of its first pages, space-separated
  int documents_seen = 0;       // documents read and recognised as this supplier
  int documents_validated = 0;  // of its documents, validated by a person or imported
};

// One validated document of a supplier: how many of its fields a person had to
// correct (accuracy over time; drift).
struct SupplierOutcome {
  int64_t supplier_id = 0;
  int64_t document_id = 0;
  std::string at;
  int fields = 0;     // fields in the validated values
  int corrected = 0;  // of those, different from what quai had read
};

// What one validated document teaches about its supplier's layout.
struct LayoutExampleRecord {
  int64_t document_id = 0;
  int64_t supplier_id = 0;
  std::string document_type;
  std::string anchors_json;  // extract/layout_memory.h's LayoutExample as JSON
  std::string created_at;
};

struct DriftSignal {
  int64_t id = 0;  // set by the store, increasing
  std::string at;
  std::string kind;  // "new_supplier", "supplier_corrections_up", "confidence_shift"
  std::optional<int64_t> supplier_id;
  std::optional<int64_t> document_id;
  std::string detail_json;  // a JSON object
};

class LearningStore {
 public:
  virtual ~LearningStore() = default;

  // Suppliers, by id. AddSupplier stores its identifiers too (as given: the
  // caller normalises them; a repeat is kept once) and returns the id.
  virtual Result<int64_t> AddSupplier(const StoredSupplier& supplier) = 0;
  // By id, identifiers in the order they were added.
  virtual Result<std::vector<StoredSupplier>> ListSuppliers() = 0;
  virtual Result<std::optional<StoredSupplier>> FindSupplier(int64_t id) = 0;
  // Replaces name, letterhead and documents_validated (documents_seen only
  // grows by CountSupplierDocument); adds identifiers not yet known for
  // it (an identifier may belong to several suppliers: a customer's own VAT
  // number printed on every invoice). NotFound for an unknown id.
  virtual Status UpdateSupplier(const StoredSupplier& supplier) = 0;
  // Forgets one identifier of the supplier (wrongly learned: a customer's own
  // number taken for the supplier's). Ok when it had none such; NotFound for
  // an unknown supplier.
  virtual Status RemoveSupplierIdentifier(int64_t supplier_id, const SupplierIdentifier& identifier) = 0;
  // Merges `merged_id` into `kept_id` in one transaction: the merged
  // supplier's identifiers (those the kept one lacks), outcomes, layout
  // examples and drift signals move to the kept one, its document counts are
  // added, its letterhead is kept when the kept one has none, and the merged
  // supplier is deleted. NotFound for an unknown id (nothing changes);
  // InvalidArgument when both ids are the same.
  virtual Status MergeSuppliers(int64_t kept_id, int64_t merged_id) = 0;
  // Adds one to documents_seen (an increment in the store, never a read then a write).
  virtual Status CountSupplierDocument(int64_t supplier_id) = 0;
  // Replaces the outcome of the same document.
  virtual Status RecordSupplierOutcome(const SupplierOutcome& outcome) = 0;
  // Newest first, at most `limit`.
  virtual Result<std::vector<SupplierOutcome>> ListSupplierOutcomes(int64_t supplier_id, int limit) = 0;

  // Layout memory. SaveLayoutExample replaces the document's example;
  // supplier_id 0 is an example with no supplier named (it still teaches its
  // type's vocabulary). Examples go with their document when it is deleted.
  virtual Status SaveLayoutExample(const LayoutExampleRecord& example) = 0;
  virtual Status RemoveLayoutExample(int64_t document_id) = 0;  // ok when there is none
  // The supplier's examples of one type (every supplier's for 0), newest first, at most `limit`.
  virtual Result<std::vector<LayoutExampleRecord>> ListLayoutExamples(int64_t supplier_id,
                                                                      const std::string& document_type,
                                                                      int limit) = 0;
  // Grows with every change to suppliers or layout examples: a cache of them
  // is current while the number has not changed.
  virtual Result<int64_t> LearningGeneration() = 0;

  // Drift signals, newest first. An empty detail_json is stored as "{}".
  virtual Result<int64_t> AddDriftSignal(const DriftSignal& signal) = 0;
  virtual Result<std::vector<DriftSignal>> ListDriftSignals(int limit, int offset) = 0;
};

}  // namespace quai
