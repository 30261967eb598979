// The JSON the review desk answers with, built from what the store read: the
// current values of a document (a person's state, else the latest extraction,
// else an empty skeleton), its review status, the reasons a person must look,
// the full document of GET /documents/{id} and the summary of list views.
// Pure functions over their arguments; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "review/review_desk.h"
#include "storage/review_store.h"

namespace quai {

// received/refused from the documents table; a person's state wins; else the
// latest extraction's review_required; a read document without any extraction
// needs a person (the manual path).
ReviewStatus CurrentStatus(const ReviewDocumentRecord& record);

// The extraction object with every correction applied. Always has
// document_type (null before the document is read, "other" when read but not
// extracted), fields, lines and findings. Internal when stored JSON is corrupt.
Result<nlohmann::json> CurrentValues(const ReviewDocumentRecord& record);

// Why a person must look: the extractor's review reasons, then the messages of
// blocking findings not already said; for a read document without values, that
// they must be entered by hand; for a refused one, its error.
std::vector<std::string> ReviewReasons(const DocumentRecord& document, ReviewStatus status,
                                       const nlohmann::json& values, bool has_values);

// GET /api/v1/documents/{id}: `values` plus id, file, sha256, pages, status,
// error, reasons, page_sizes, created_at, updated_at, validated_by/at,
// rejected_reason, timings_ms.
nlohmann::json DocumentJson(const ReviewDocumentRecord& record, const nlohmann::json& values, ReviewStatus status);

// One entry of GET /api/v1/documents and the review queue.
nlohmann::json SummaryJson(const ReviewSummaryRecord& summary);

// The supplier a person sees: the supplier_name field when set, else the
// supplier the extractor recognised; "" when neither.
std::string SupplierOf(const nlohmann::json& values);

}  // namespace quai
