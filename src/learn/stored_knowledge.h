// StoredKnowledge: the SupplierKnowledge of a data directory, read from its
// LearningStore: the supplier table (for recognition) and the learned
// label words are cached and reloaded when the store's learning generation
// changes, so a validation shows on the very next document; a supplier's
// layout memory is read per document (one indexed query), its articles of
// every document type once per supplier and generation. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "extract/schema.h"
#include "extract/supplier_knowledge.h"
#include "storage/learning_store.h"

namespace quai {

class StoredKnowledge final : public SupplierKnowledge {
 public:
  // `store` must outlive this object; the schemas are copied.
  StoredKnowledge(LearningStore* store, const SchemaSet& schemas);

  SupplierMatch Recognize(const DocumentView& view) const override;
  LayoutMemory Memory(int64_t supplier_id, const std::string& document_type) const override;
  // Only for fields configured with no labels (a company's own types): the
  // built-in fields' vocabulary is what their models were trained with.
  std::map<std::string, std::vector<std::string>> LearnedLabels(const std::string& document_type) const override;
  std::map<std::string, int> CompanyShapes(const std::string& field) const override;


 private:
  struct Snapshot {
    std::shared_ptr<const SupplierRecognizer> recognizer;
    std::map<std::string, std::map<std::string, std::vector<std::string>>> vocabulary;  // type -> field -> labels
    // Filled when first asked, under cache_mutex: (supplier, type) ->
    // LayoutMemory::articles; field -> shape -> values (CompanyShapes).
    mutable std::mutex cache_mutex;
    mutable std::map<std::pair<int64_t, std::string>, std::map<std::string, std::set<std::string>>> articles;
    mutable std::map<std::string, std::map<std::string, int>> company_shapes;
  };
  std::shared_ptr<const Snapshot> Current() const;
  // The supplier's articles, from its validated documents of every type, as `document_type` names them.
  std::map<std::string, std::set<std::string>> Articles(const Snapshot& snapshot, int64_t supplier_id,
                                                        const std::string& document_type) const;

  LearningStore* store_;
  SchemaSet schemas_;
  mutable std::mutex mutex_;
  mutable int64_t generation_ = -1;
  mutable std::shared_ptr<const Snapshot> snapshot_;
};

// The known suppliers as the recogniser takes them.
std::vector<KnownSupplier> ToKnownSuppliers(const std::vector<StoredSupplier>& suppliers);

}  // namespace quai
