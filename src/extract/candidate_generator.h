// CandidateGenerator: every value on a document that could fill each field of
// its schema. Typed fields take what the value recognisers find in each row;
// text fields take the row's segments (and a segment's remainder after a label
// of the field). Features are filled in by CandidateFeatures. Stateless apart
// from the schema; thread-safe.
#pragma once

#include <map>
#include <vector>

#include "extract/document_view.h"
#include "extract/field_candidate.h"
#include "extract/label_lexicon.h"
#include "extract/recognizers/recognizer.h"
#include "extract/schema.h"

namespace quai {

// Label lexicons of one schema's fields, built once per schema.
struct SchemaLexicons {
  explicit SchemaLexicons(const DocumentSchema& schema);
  // The schema's labels plus labels learned from validated documents, by field.
  SchemaLexicons(const DocumentSchema& schema, const std::map<std::string, std::vector<std::string>>& learned);
  const DocumentSchema* schema;
  std::map<std::string, LabelLexicon> by_field;
};

// A candidate of `field` over words [first, end) of row `row_index`: its page,
// box (the words' union), mean OCR confidence and the words as printed; the
// caller sets its value.
FieldCandidate MakeCandidate(const DocumentView& view, int row_index, int first, int end, const std::string& field);

// Candidates for every header field of the schema, grouped by field name.
std::map<std::string, std::vector<FieldCandidate>> GenerateCandidates(const DocumentView& view,
                                                                     const SchemaLexicons& lexicons,
                                                                     const RecognizerContext& context);

}  // namespace quai
