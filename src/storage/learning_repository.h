// LearningRepository: what the learning loop keeps — the supplier table (names,
// identifiers, letterhead words, documents seen, accuracy over time), each
// validated document's layout example (where its values were, for the
// supplier's layout memory), drift signals for monitoring, and the registry of
// trained model versions with their held-out figures. Values are opaque JSON
// text, as in Repository. Implementations are thread-safe and each method is
// one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quai/status.h"

namespace quai {

struct SupplierIdentifier {
  std::string kind;   // "vat", "iban", "siret", ...
  std::string value;  // normalised: upper case, no spaces
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

struct ModelVersionRecord {
  int64_t id = 0;             // set by the store
  std::string kind;           // "classifier" or "field_scorer"
  std::string document_type;  // "" when it serves every type
  std::string version;        // the model's own version string
  std::string path;           // the model file, relative to the data directory
  std::string created_at;
  int training_examples = 0;
  std::string evaluation_json;  // held-out figures of this model and of the one active when it was trained
  std::string status;           // "active", "rejected" or "retired"
};

class LearningRepository {
 public:
  virtual ~LearningRepository() = default;

  // Suppliers, by id. AddSupplier stores its identifiers too and returns the id.
  virtual Result<int64_t> AddSupplier(const StoredSupplier& supplier) = 0;
  virtual Result<std::vector<StoredSupplier>> ListSuppliers() = 0;
  virtual Result<std::optional<StoredSupplier>> FindSupplier(int64_t id) = 0;
  // Replaces name, letterhead and documents_validated (documents_seen only
  // grows by CountSupplierDocument); adds identifiers not yet known for
  // it (an identifier may belong to several suppliers: a customer's own VAT
  // number printed on every invoice). NotFound for an unknown id.
  virtual Status UpdateSupplier(const StoredSupplier& supplier) = 0;
  // Adds one to documents_seen.
  virtual Status CountSupplierDocument(int64_t supplier_id) = 0;
  // Replaces the outcome of the same document.
  virtual Status RecordSupplierOutcome(const SupplierOutcome& outcome) = 0;
  // Newest first, at most `limit`.
  virtual Result<std::vector<SupplierOutcome>> ListSupplierOutcomes(int64_t supplier_id, int limit) = 0;

  // Layout memory. SaveLayoutExample replaces the document's example;
  // supplier_id 0 is an example with no supplier named (it still teaches its
  // type's vocabulary).
  virtual Status SaveLayoutExample(const LayoutExampleRecord& example) = 0;
  virtual Status RemoveLayoutExample(int64_t document_id) = 0;
  // The supplier's examples of one type (every supplier's for 0), newest first, at most `limit`.
  virtual Result<std::vector<LayoutExampleRecord>> ListLayoutExamples(int64_t supplier_id,
                                                                      const std::string& document_type,
                                                                      int limit) = 0;
  // Grows with every change to suppliers or layout examples: a cache of them
  // is current while the number has not changed.
  virtual Result<int64_t> LearningGeneration() = 0;

  // Drift signals, newest first.
  virtual Result<int64_t> AddDriftSignal(const DriftSignal& signal) = 0;
  virtual Result<std::vector<DriftSignal>> ListDriftSignals(int limit, int offset) = 0;

  // Model registry, oldest first.
  virtual Result<int64_t> AddModelVersion(const ModelVersionRecord& model) = 0;
  virtual Result<std::vector<ModelVersionRecord>> ListModelVersions() = 0;
  // Makes the model active and retires the active one of the same kind and
  // document type, in one transaction. NotFound for an unknown id.
  virtual Status ActivateModelVersion(int64_t id) = 0;
  virtual Status SetModelVersionStatus(int64_t id, const std::string& status) = 0;
};

}  // namespace quai
