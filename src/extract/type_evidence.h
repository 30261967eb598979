// TypeEvidence: what a document's printed title, fields and layout say about
// its type, apart from the wording a classifier learned. A page whose short segments read as the labels of
// a type's fields (a delivery-note number, a lot column beside a quantity
// column, VAT totals, a certificate number, hazard sections) is a document of
// that type even when its title is a word no classifier has seen. The evidence
// is a log-odds score per type ("other" included: a quotation's title, a page
// with no type's own number) that CombineTypeEvidence weighs against the
// classifier's probabilities. Pure functions; thread-safe.
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
// (hazard statement codes and numbered sections for safety data sheets; a
// conformity or certifying sentence, tests by standard and a table of tests for
// certificates; quantities listed without prices for delivery notes). A type
// without its own keys' labels (its number; an invoice's due date) keeps a
// quarter of its label evidence, and a page with none of them leans to "other".
TypeEvidence FindTypeEvidence(const DocumentView& view, const SchemaSet& schemas);

// A document's printed title: the keyword of a type ("other" included: a
// quotation, a statement) opening a segment in the top 40 % of the first page.
struct PrintedTitle {
  std::string document_type;  // "" when no title was found
  std::string keyword;        // the keyword as configured
  bool prominent = false;     // printed larger (1.3 times) than the page's usual rows
};

// The same with the schemas' labels and titles indexed once: an Extractor
// keeps one, so reading a document does not rebuild the index. Find is const
// and thread-safe.
class TypeEvidenceFinder {
 public:
  explicit TypeEvidenceFinder(const SchemaSet& schemas);
  ~TypeEvidenceFinder();
  TypeEvidence Find(const DocumentView& view) const;
  // A page prints other documents' names too ("Invoice to", "Despatch note no."
  // beside its number on a certificate, "Invoice" in a statement's table), so
  // the title is the keyword printed largest, then highest; a keyword followed
  // by only a short word ("Facturé à") or completed into a field's label whose
  // value stands apart ("Nota de entrega n.º  LS-96962052") is none, nor is a
  // table row. The longest keyword names the type ("facture pro forma"); a
  // title printed large may end with its keyword ("CREDIT INVOICE"). No title
  // when two types claim the same row.
  PrintedTitle FindTitle(const DocumentView& view) const;

 private:
  struct Index;
  std::unique_ptr<const Index> index_;
};

// The document's printed title (TitleType: the keyword opening a segment at
// the top of the first page) as evidence for its type, "other" included (a
// quotation, a statement). A title printed larger than the text is the
// document naming itself and weighs most; `type` empty adds nothing.
void AddPrintedTitle(const std::string& type, const std::string& title, bool prominent, TypeEvidence* evidence);
inline constexpr double kPrintedTitleWeight = 1.0;
inline constexpr double kProminentTitleWeight = 4.0;

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
inline constexpr double kClassifierFloor = 1e-2;

}  // namespace quai
