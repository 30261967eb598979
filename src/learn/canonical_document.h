// CanonicalDocument: one document's values in the canonical schema
// (docs/architecture.md, "Canonical schemas") — the shape of a ground-truth
// `<stem>.json` written by tools/docgen and of what the extractor found, without
// confidences or boxes. Plain value type; the functions are pure and thread-safe
// and never throw (JSON errors come back as Status).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "quai/extraction.h"
#include "quai/status.h"

namespace quai {

struct CanonicalDocument {
  std::string document_type;                              // "delivery_note", ..., "other"
  std::map<std::string, std::string> fields;              // absent = not found / not printed
  std::vector<std::map<std::string, std::string>> lines;  // line items, in printed order
};

// Reads {"document_type": "...", "fields": {...}, "lines": [{...}, ...]}.
//  - "document_type" is required: a non-empty string.
//  - "fields" and "lines" may be missing (= empty); when present they must be an
//    object and an array of objects.
//  - Each value is a JSON string, or a number converted to its JSON text
//    (integers as written, e.g. 42; other numbers in the shortest form that reads
//    back the same, e.g. 262.9, 1.0, 1e+20).
//  - Other top-level keys are ignored.
// Anything else — text that is not JSON, a top level that is not an object,
// null/boolean/object/array values — is InvalidArgument naming the place
// ("lines[2].quantity: expected a string or a number, got boolean").
Result<CanonicalDocument> ParseCanonicalDocument(std::string_view json_text);

// The same object ParseCanonicalDocument reads; "fields" and "lines" always
// present. Strings are passed through as they are: dump with
// nlohmann::json::error_handler_t::replace if they may not be valid UTF-8.
nlohmann::json CanonicalDocumentToJson(const CanonicalDocument& document);

// The values of an extraction (type, fields, lines) without confidences or boxes.
CanonicalDocument ToCanonicalDocument(const Extraction& extraction);

}  // namespace quai
