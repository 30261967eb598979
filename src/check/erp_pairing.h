// Pairing a document with the ERP's master data before its rules are checked:
// its supplier (an identifier printed on it that is one ERP supplier's, then
// its name: exact, then similar), its order(s) (a delivery note may name
// several PO numbers), and each line with an order line (by article code, the
// supplier's or the internal one, then description, then quantity), taking a
// pair only when it is clearly better than the next. Reads the store; keeps
// nothing.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "erp/master_data.h"
#include "quai/extraction.h"
#include "storage/master_data_store.h"

namespace quai {

struct SupplierPairing {
  std::optional<ErpSupplier> supplier;
  std::string how;     // "vat FR40303265045", "name", "similar name (0.72)", "purchase order"
  int candidates = 0;  // ERP suppliers it could be, when not one
};

struct LinePairing {
  bool paired = false;
  std::string po_number;
  size_t order_line = 0;                // index in the order's lines
  std::optional<ErpArticle> article;    // the order line's article, when the ERP has it
  double score = 0;
};

struct DocumentPairing {
  SupplierPairing supplier;
  std::vector<std::string> po_numbers_read;   // as printed, split
  std::vector<PurchaseOrder> orders;          // those found
  std::vector<std::string> po_numbers_missing;
  std::vector<LinePairing> lines;             // one per document line
};

// The PO numbers a field holds: "4500012345 / 4500012346" -> both.
std::vector<std::string> SplitPoNumbers(const std::string& value);
// A supplier's name as compared when no ERP names it: its words folded and
// sorted, legal forms and articles aside ("Acme Chimie SAS" -> "acme chimie").
std::string SupplierNameKey(const std::string& name);
// Share of name words two supplier names have in common, legal forms aside.
double SupplierNameSimilarity(const std::string& a, const std::string& b);

// The ERP suppliers by the words of their names, for pairing by name without
// comparing with every supplier. Immutable; thread-safe.
class SupplierNameIndex {
 public:
  explicit SupplierNameIndex(std::vector<ErpSupplier> suppliers);
  // The suppliers sharing a word with `name`, each with its similarity.
  std::vector<std::pair<const ErpSupplier*, double>> Similar(const std::string& name) const;

 private:
  std::vector<ErpSupplier> suppliers_;
  std::vector<std::set<std::string>> words_;
  std::map<std::string, std::vector<size_t>> by_word_;
};

class ErpPairing {
 public:
  // `names`: the suppliers' name index (null: built from the store for this pairing).
  explicit ErpPairing(MasterDataStore& store, const SupplierNameIndex* names = nullptr)
      : store_(store), names_(names) {}
  Result<DocumentPairing> Pair(const Extraction& extraction) const;

 private:
  Result<SupplierPairing> PairSupplier(const Extraction& extraction) const;
  Status PairLines(const Extraction& extraction, DocumentPairing* pairing) const;
  MasterDataStore& store_;
  const SupplierNameIndex* names_;
};

}  // namespace quai
