// LabelComposition: labels no lexicon lists, composed of a field's own words
// and the words every label uses for the kind of value that follows. Suppliers
// word a label their own way ("CoA number", "N° de bon", "Delivery ref.") but
// from the same parts: a word naming what the value is ("coa", "bon",
// "delivery"), found in the field's configured labels, and a word naming its
// kind ("number", "n°", "nr", "ref" for identifiers; "date", "datum" for
// dates). A run of such words with at least one of each is a label of the field
// when no other field of its kind owns that word. The document's own number
// (the delivery note's on a delivery note) also takes words it shares with
// another field ("bon": "bon de livraison", "bon de commande") and a bare
// "Nummer" or "N°": on a document, the number it gives without saying of what
// is its own.
// Immutable after construction; thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "extract/schema.h"

namespace quai {

// What a composed label scores: as a configured label. Its words are all
// known, so it is no slip of print; and the scorer, trained on configured
// labels, reads a label below 1 on a text layer as a doubtful one (0.95 found
// 10 more values on gen2's training family, 1.0 16, with no false one more).
// It is only looked for where no configured label matches exactly.
inline constexpr double kComposedLabelScore = 1.0;
// The document's own number through a shared word or a bare number word.
inline constexpr double kOwnNumberComposedScore = 1.0;

class LabelComposition {
 public:
  LabelComposition() = default;

  // How well normalised tokens [first, end) compose a label of this field:
  // kComposedLabelScore, kOwnNumberComposedScore or 0. Empty tokens (dot
  // leaders, lone punctuation) are passed over.
  double Score(const std::vector<std::string>& tokens, int first, int end) const;
  bool empty() const { return kind_words_ == nullptr; }
  // The type's own date (a delivery note's delivery date, an invoice's date):
  // the date a letter-style dateline gives ("Avignon, le 31/10/26").
  bool own_date() const { return own_date_; }

 private:
  friend std::map<std::string, LabelComposition> ComposeLabels(const DocumentSchema& schema);
  bool SplitCompound(const std::string& part, std::string* head) const;
  std::unordered_set<std::string> own_;          // words of the field's labels naming what it is
  std::unordered_set<std::string> distinctive_;  // own words no other field of its kind has
  const std::unordered_set<std::string>* kind_words_ = nullptr;  // "number", "n°", "date"...
  bool own_number_ = false;
  bool own_date_ = false;
  // The own words of every field of the schema: what a compound is made of.
  std::shared_ptr<const std::unordered_set<std::string>> vocabulary_;
};

// The compositions of a schema's header fields that hold identifiers or dates,
// by field name. The own number is the identifier field whose labels share the
// most words with the type's title keywords ("bon de livraison n°" with "bon de
// livraison"), the own date the date field that does ("date de livraison").
// Fields of other kinds have none.
std::map<std::string, LabelComposition> ComposeLabels(const DocumentSchema& schema);

// The parts of a normalised token that label words are made of: "btw-bedrag"
// is "btw" and "bedrag", "art.-nr" is "art" and "nr"; "n°" stays whole.
std::vector<std::string> LabelWordParts(const std::string& token);

}  // namespace quai
