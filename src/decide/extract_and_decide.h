// classify → extract → check → decide on one document's pages, for the callers
// that read documents outside the pipeline: `quai extract`, `quai eval`, the
// retrainer's judgement of new models. The pipeline runs the same steps as
// timed stages (pipeline/stages.cc); the review desk runs check → decide again
// after every correction (CheckAndDecide). Thread-safe as the Extractor is.
#pragma once

#include <vector>

#include "check/document_checks.h"
#include "extract/extractor.h"
#include "quai/extraction.h"

namespace quai {

// The document's type (Extractor::Classify), values, findings and review
// decision. `knowledge` may be null (Extractor::ExtractAs).
Result<Extraction> ExtractAndDecide(const Extractor& extractor, const std::vector<Page>& pages,
                                    const SupplierKnowledge* knowledge = nullptr);

// The same as a given type, unclassified (an evaluation of a given type, training).
Result<Extraction> ExtractAndDecideAs(const Extractor& extractor, const std::vector<Page>& pages,
                                      const TypePrediction& type, const SupplierKnowledge* knowledge = nullptr);

// check → decide: findings, review_required and review_reasons of the
// extraction's current values. `schema`: of its type (null: none known).
// `context`: the ERP cross-checks and the document (check/document_checks.h).
void CheckAndDecide(const DocumentSchema* schema, const ExtractorCalibration& calibration, Extraction* extraction,
                    const CheckContext& context = {});

}  // namespace quai
