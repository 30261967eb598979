// CandidateFeatures: describes each candidate's neighbourhood for the scorer:
// the field's label words to its left or above (and other fields' labels, which
// argue against it), distances, position on the page, the value's shape, OCR
// confidence, how often it occurs, and relations between values (the largest
// amount, the sum of two others, the earliest date). Features are the same for
// every field; the field's identity is one of them, so one model serves all
// types, and a learned supplier profile can later add its own (issue 5).
// Fills FieldCandidate::features and a default evidence text. Thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/candidate_generator.h"

namespace quai {

class CandidateFeatures {
 public:
  // `field_names`: every field the scorer knows (SchemaSet::AllFieldNames), so
  // a field's index is stable across schemas.
  explicit CandidateFeatures(std::vector<std::string> field_names);

  static const std::vector<std::string>& Names();
  // The position of a feature in Names(); -1 when there is none of that name.
  static int Index(const std::string& name);
  void Compute(const DocumentView& view, const SchemaLexicons& lexicons,
               std::map<std::string, std::vector<FieldCandidate>>* candidates) const;
  int FieldIndex(const std::string& field) const;

 private:
  std::vector<std::string> field_names_;
};

}  // namespace quai
