// TypeEvidence: what a document's fields and layout say about its type, apart
// from its title and wording. A page whose short segments read as the labels of
// a type's fields (a delivery-note number, a lot column beside a quantity
// column, VAT totals, a certificate number, hazard sections) is a document of
// that type even when its title is a word no classifier has seen. The evidence
// is a log-odds score per type (0 for "other") that CombineTypeEvidence weighs
// against the classifier's probabilities. Pure functions; thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "extract/document_view.h"
#include "extract/schema.h"

namespace quai {

struct TypeEvidence {
  // Log-odds for each schema's type against "other" (absent: 0).
  std::map<std::string, double> score;
  // Per type, what was found ("label 'Albarán nº' (delivery_note_number)").
  std::map<std::string, std::vector<std::string>> reasons;
};

// Reads the first two pages: a field counts once per type, when one of its
// labels opens a short segment (a label cell, a column header, "Lot:"); a label
// several types share counts for each, less. Value shapes add their own votes
// (hazard statement codes and numbered sections for safety data sheets, a
// conformity statement for certificates).
TypeEvidence FindTypeEvidence(const DocumentView& view, const SchemaSet& schemas);

// The same with the schemas' labels and titles indexed once: an Extractor
// keeps one, so reading a document does not rebuild the index. Find is const
// and thread-safe.
class TypeEvidenceFinder {
 public:
  explicit TypeEvidenceFinder(const SchemaSet& schemas);
  ~TypeEvidenceFinder();
  TypeEvidence Find(const DocumentView& view) const;

 private:
  struct Index;
  std::unique_ptr<const Index> index_;
};

struct CombinedType {
  std::string document_type;
  double probability = 0;
};

// The type with the highest posterior when the classifier's probabilities
// (tempered: a model trained on one generator's wording is over-sure on
// another's) are multiplied by the odds the evidence gives. Types the classifier
// does not know get the floor probability.
CombinedType CombineTypeEvidence(const std::vector<std::pair<std::string, double>>& classifier,
                                 const TypeEvidence& evidence);

// How much the combination trusts the classifier's log-probabilities (1: as
// they are), and the smallest probability it gives a type.
inline constexpr double kClassifierTemperature = 0.5;
inline constexpr double kClassifierFloor = 1e-4;

}  // namespace quai
