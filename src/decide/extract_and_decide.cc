#include "decide/extract_and_decide.h"

#include "check/document_checks.h"
#include "decide/decide.h"

namespace quai {

void CheckAndDecide(const DocumentSchema* schema, const ExtractorCalibration& calibration, Extraction* extraction,
                    const CheckContext& context) {
  RunChecks(schema, extraction, context);
  RecordDecision(Decide(*extraction, schema, calibration), extraction);
}

Result<Extraction> ExtractAndDecideAs(const Extractor& extractor, const std::vector<Page>& pages,
                                      const TypePrediction& type, const SupplierKnowledge* knowledge) {
  auto extraction = extractor.ExtractAs(pages, type, knowledge);
  if (!extraction.ok()) return extraction.status();
  CheckAndDecide(extractor.schemas().Find(extraction->document_type), extractor.calibration(), &*extraction);
  return extraction;
}

Result<Extraction> ExtractAndDecide(const Extractor& extractor, const std::vector<Page>& pages,
                                    const SupplierKnowledge* knowledge) {
  auto type = extractor.Classify(pages);
  if (!type.ok()) return type.status();
  return ExtractAndDecideAs(extractor, pages, *type, knowledge);
}

}  // namespace quai
