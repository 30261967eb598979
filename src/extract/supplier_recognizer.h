// SupplierRecognizer: which known supplier sent a document, from what it
// prints: its identifiers (VAT number, IBAN, SIRET) first, then its name, then
// the words of its letterhead. An identifier printed by several suppliers (the
// customer's own VAT number on every invoice) identifies none of them. A
// document that matches nobody is from a new supplier. Immutable after
// construction; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "extract/document_view.h"

namespace quai {

struct SupplierIdentity {
  std::string kind;   // "vat", "iban", "siret"
  std::string value;  // upper case, no spaces
  bool operator==(const SupplierIdentity&) const = default;
  bool operator<(const SupplierIdentity& o) const { return kind != o.kind ? kind < o.kind : value < o.value; }
};

struct KnownSupplier {
  int64_t id = 0;
  std::string name;
  std::vector<SupplierIdentity> identifiers;
  std::string letterhead;  // LetterheadWords of its documents
  int documents_validated = 0;
  // Other names it prints (a merged supplier's name): recognised as its name is.
  std::vector<std::string> aliases;
};

struct SupplierMatch {
  int64_t id = 0;  // 0 when not known
  std::string name;
  bool known = false;
  std::string evidence;  // "VAT number FR40123456824", "name", "letterhead"
  bool by_identifier = false;  // an identifier printed on the document that is this supplier's alone
};

// An identifier as compared: letters and digits only, upper case ("FR 40 303" -> "FR40303").
std::string CompactIdentifier(const std::string& text);
// A name as compared: accents, case, spaces and punctuation folded away.
std::string FoldSupplierName(const std::string& name);

// A folded name as OCR may have printed it, for comparing only: digits and
// marks shaped like letters read as those letters (0 o, 1 | l i, 5 s, 8 b), so
// "MR D.1.Y" on a scan is the "MR D.I.Y" its validated documents had.
std::string FoldOcrLookalikes(std::string folded);

// Identifiers printed anywhere on the document whose check digits hold.
std::vector<SupplierIdentity> FindSupplierIdentifiers(const DocumentView& view);
// The distinct label words (letters, no digits, 3+ characters) of the top
// fifth of the first page, sorted, space-separated.
std::string LetterheadWords(const DocumentView& view);
// Share of words two letterheads have in common (Jaccard).
double LetterheadSimilarity(const std::string& a, const std::string& b);

class SupplierRecognizer {
 public:
  explicit SupplierRecognizer(std::vector<KnownSupplier> suppliers);
  SupplierMatch Recognize(const DocumentView& view) const;
  const std::vector<KnownSupplier>& suppliers() const { return suppliers_; }

 private:
  std::vector<KnownSupplier> suppliers_;
};

}  // namespace quai
