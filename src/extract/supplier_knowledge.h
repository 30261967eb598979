// SupplierKnowledge: what the extractor may know beyond its models: the
// suppliers already seen, each supplier's layout memory, and label words
// learned from validated documents (the only vocabulary a company's own
// document type may have). Implemented over the store by learn/StoredKnowledge;
// the extractor works without it. Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "extract/document_view.h"
#include "extract/layout_memory.h"
#include "extract/supplier_recognizer.h"

namespace quai {

class SupplierKnowledge {
 public:
  virtual ~SupplierKnowledge() = default;
  virtual SupplierMatch Recognize(const DocumentView& view) const = 0;
  // The supplier's memory for one document type (empty when it has none).
  virtual LayoutMemory Memory(int64_t supplier_id, const std::string& document_type) const = 0;
  // Label words learned across every supplier, by field, for one document type.
  virtual std::map<std::string, std::vector<std::string>> LearnedLabels(const std::string& document_type) const = 0;
  // The shapes (ValueShape) of the values every supplier's validated documents
  // had for a field the company issues (FieldSpec::company_number), with how many had
  // each; empty when none is known.
  virtual std::map<std::string, int> CompanyShapes(const std::string& /*field*/) const { return {}; }
};

}  // namespace quai
