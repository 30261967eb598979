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

// The same reasons as codes the desk translates, from the same decision:
// [{"code", "field"?, "finding"?, "text"?}] with code one of low_confidence,
// doubted, missing (a required line cell or key field; "field" says which),
// blocking_finding ("finding": its code), unknown_type, no_lines,
// uncertain_type, no_values, refused ("text": the error), other ("text").
nlohmann::json ReasonCodes(const DocumentRecord& document, ReviewStatus status, const nlohmann::json& values,
                           bool has_values);

// Marks every header value and line cell of `values` with the decision's
// verdict on it: "doubt": true with "doubt_reason" (low_confidence or
// doubted) when the decision sends it to a person, else "doubt": false (and
// false for every value of a validated or rejected document: a person stood
// behind it). The desk colours from this, as the queue lists from it.
void MarkDoubts(nlohmann::json* values, ReviewStatus status);

// GET /api/v1/documents/{id}: `values` plus id, file, sha256, pages, status,
// error, reasons, page_sizes, created_at, updated_at, validated_by/at,
// rejected_reason, timings_ms, reason_codes; each value marked (MarkDoubts).
nlohmann::json DocumentJson(const ReviewDocumentRecord& record, const nlohmann::json& values, ReviewStatus status);

// One entry of GET /api/v1/documents and the review queue.
nlohmann::json SummaryJson(const ReviewSummaryRecord& summary);

// The supplier a person sees: the supplier_name field when set, else the
// supplier the extractor recognised; "" when neither.
std::string SupplierOf(const nlohmann::json& values);

}  // namespace quai
