// The decide stage: whether a person must look at a document. Inputs: its
// values (confidence, page and so text source, corroborated, doubted, or
// corrected by a person), its findings (the check stage's), its supplier's
// layout memory (learned_documents), its type's schema and the calibrated
// auto-accept thresholds (ExtractorCalibration; empty: the schema's). Output:
// the reasons a person must look, none when the document is auto-accepted.
// One function for the pipeline's decide stage, the trainer when it rates
// thresholds, and the review desk after every correction. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "extract/extractor_calibration.h"
#include "extract/schema.h"
#include "quai/extraction.h"

namespace quai {

enum class ReviewReasonKind {
  kUnknownType,       // "not a known document type", "no schema for <type>"
  kBlockingFinding,   // "<code>: <field>" (or "<code>")
  kDoubted,           // "doubted: <field>", "doubted: lines[i].<field>"
  kLowConfidence,     // "low confidence: <field>", "low confidence: lines[i].<field>"
  kMissingLineValue,  // "missing: lines[i].<field>" (a required line field)
  kMissingKeyField,   // "missing: <field>" (a key header field: schema "key": true)
  // "missing: lines[i].<field>" on every line: a line column every validated
  // document of the supplier had (SupplierInfo::usual_fields)
  kMissingUsualField,
  kNoLines,           // "no line items found"
  kUncertainType,     // "document type uncertain"
};

struct ReviewReason {
  ReviewReasonKind kind;
  std::string text;  // as `quai extract --json` lists it in review_reasons
};

struct ReviewDecision {
  // In this order: blocking findings, header fields (schema order), line cells
  // (line by line, schema order), no lines, uncertain type.
  std::vector<ReviewReason> reasons;
  bool review_required() const { return !reasons.empty(); }
  // Whether something other than a value's confidence sends the document to a
  // person (a finding, a doubt, a missing cell, ...): no threshold would accept it.
  bool HeldBeyondConfidence() const;
  std::vector<std::string> Texts() const;
};

// A document type the classifier gives with less confidence goes to a person.
inline constexpr double kMinTypeConfidence = 0.9;

// The confidence at or above which a value of `field` (a line field when
// `line`) needs no person: the calibrated threshold of its name and text
// source (ThresholdOf; the corroborated values' own when `corroborated`; the
// learned thresholds when the supplier's memory holds documents of the type,
// `learned`), else the schema's. `page_source` null: a source not known (an
// extraction stored before sources were kept), which takes the stricter.
double AutoAcceptThreshold(const ExtractorCalibration& calibration, const FieldSpec& field, bool line,
                           const TextSource* page_source, bool corroborated, bool learned);

// Auto-accept only when nothing needs a person: no blocking finding; every
// header value and line cell not doubted and at or above its threshold (a
// table the supplier's memory never taught needs every cell at the target
// precision at least); every required line cell present; lines when the type
// has a table; every line column the supplier's validated documents of the
// type always had (SupplierInfo::usual_fields) read; a type known with confidence. Values a person corrected are
// certain, and so is the supplier field of a supplier recognised by its own
// identifier (SupplierInfo::name_confirmed). `schema`: of the extraction's
// type; null or empty: a person must look.
ReviewDecision Decide(const Extraction& extraction, const DocumentSchema* schema,
                      const ExtractorCalibration& calibration);

// Writes `decision` into the extraction (review_required, review_reasons).
void RecordDecision(const ReviewDecision& decision, Extraction* extraction);

}  // namespace quai
