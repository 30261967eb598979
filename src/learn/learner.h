// Learner: what quai learns from each validated document, at once and without
// retraining: the document's supplier (recognised, or added to the supplier
// table with the identifiers it prints), its layout example (where each
// validated value was on the page: the supplier's layout memory), how many
// fields a person had to correct (accuracy over time), and drift signals — a
// new supplier, a known supplier suddenly needing more corrections, a shift in
// the confidences of what is read. Thread-safe (the store serialises writes).
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "extract/extractor.h"
#include "learn/canonical_document.h"
#include "learn/stored_knowledge.h"
#include "quai/extraction.h"
#include "storage/learning_store.h"
#include "storage/document_store.h"
#include "storage/review_store.h"

namespace quai {

struct LearnedDocument {
  int64_t supplier_id = 0;  // 0 when no supplier could be named
  std::string supplier_name;
  bool new_supplier = false;
  int anchors = 0;  // fields located on the page
  int fields = 0;
  int corrected = 0;
};

// What was learned, as a validation's answer and the learn job's result give
// it: {"supplier": {"id", "name", "new"} | null, "anchors", "fields", "corrected"}.
std::string LearnedDocumentJson(const LearnedDocument& learned);

class Learner {
 public:
  // Everything must outlive the learner. `extractor` needs schemas only.
  Learner(DocumentStore* documents, ReviewStore* reviews, LearningStore* learning, const Extractor* extractor,
          const StoredKnowledge* knowledge, Clock* clock);

  // After a document was validated (its training example is stored).
  Result<LearnedDocument> LearnFromValidation(int64_t document_id);
  // After a document was read: counts it for its supplier and watches the
  // confidences for a shift.
  Status NoteExtraction(int64_t document_id, const Extraction& extraction);

 private:
  Status WatchCorrections(int64_t supplier_id, int64_t document_id);
  DocumentStore* documents_;
  ReviewStore* reviews_;
  LearningStore* learning_;
  const Extractor* extractor_;
  const StoredKnowledge* knowledge_;
  Clock* clock_;
  std::mutex learning_mutex_;  // one validation learned at a time: a new supplier is added once
  std::mutex mutex_;  // a confidence shift is signalled by one of this process's workers at a time
};

}  // namespace quai
