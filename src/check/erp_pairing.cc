#include "check/erp_pairing.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <set>
#include <sstream>

#include "core/match_text.h"
#include "erp/master_data_values.h"
#include "erp/units.h"
#include "extract/supplier_recognizer.h"

namespace quai {
namespace {

constexpr double kSimilarName = 0.6;   // least similarity for a name pairing
constexpr double kClearlyBetter = 0.15;  // a pair must beat the next by this much
constexpr double kLeastLineScore = 0.5;

std::set<std::string> Words(const std::string& text) {
  static const std::set<std::string> kLegalForms = {
      "sas", "sarl", "sa", "sasu", "eurl", "sca", "snc", "gmbh", "ag", "kg", "co", "cie", "srl", "spa", "bv",
      "nv", "ltd", "limited", "inc", "llc", "plc", "et", "and", "the", "de", "la", "le", "les", "des", "du", "&"};
  std::set<std::string> words;
  std::string word;
  for (char c : NormaliseForMatch(text) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      word += c;
    } else if (!word.empty()) {
      if (!kLegalForms.count(word)) words.insert(word);
      word.clear();
    }
  }
  return words;
}

double Jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t common = 0;
  for (const auto& w : a) common += b.count(w);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::string Value(const std::map<std::string, ExtractedValue>& values, const std::string& name) {
  auto it = values.find(name);
  return it == values.end() ? "" : it->second.value;
}

}  // namespace

std::string SupplierNameKey(const std::string& name) {
  std::string key;
  for (const std::string& word : Words(name)) key += (key.empty() ? "" : " ") + word;
  return key;
}

std::vector<std::string> SplitPoNumbers(const std::string& value) {
  std::vector<std::string> numbers;
  std::string current;
  auto flush = [&] {
    while (!current.empty() && (current.back() == '-' || current.back() == ' ' || current.back() == '/'))
      current.pop_back();
    if (current.size() >= 3 && std::any_of(current.begin(), current.end(), ::isdigit)) numbers.push_back(current);
    current.clear();
  };
  // A slash inside a number ("CA/24/9815") is part of it; between spaces it separates.
  for (size_t i = 0; i <= value.size(); ++i) {
    char c = i < value.size() ? value[i] : ',';
    bool spaced_slash = c == '/' && i > 0 && value[i - 1] == ' ' && i + 1 < value.size() && value[i + 1] == ' ';
    if (c == ',' || c == ';' || c == '+' || c == '&' || c == '|' || c == '\n' || spaced_slash) flush();
    else if (c == ' ' && current.size() >= 6 && i + 1 < value.size() && value[i + 1] != '/') flush();
    else if (c != ' ' || !current.empty()) current += c;
  }
  return numbers;
}

double SupplierNameSimilarity(const std::string& a, const std::string& b) { return Jaccard(Words(a), Words(b)); }

SupplierNameIndex::SupplierNameIndex(std::vector<ErpSupplier> suppliers) : suppliers_(std::move(suppliers)) {
  for (size_t i = 0; i < suppliers_.size(); ++i) {
    words_.push_back(Words(suppliers_[i].name));
    for (const auto& word : words_.back()) by_word_[word].push_back(i);
  }
}

std::vector<std::pair<const ErpSupplier*, double>> SupplierNameIndex::Similar(const std::string& name) const {
  auto words = Words(name);
  // Candidates by the name's distinctive words; a word most suppliers share
  // ("france", "industrie") only when the name has no other.
  const size_t common = std::max<size_t>(20, suppliers_.size() / 50);
  std::set<size_t> candidates;
  for (int pass = 0; pass < 2 && candidates.empty(); ++pass)
    for (const auto& word : words)
      if (auto it = by_word_.find(word); it != by_word_.end() && (pass == 1 || it->second.size() <= common))
        candidates.insert(it->second.begin(), it->second.end());
  std::vector<std::pair<const ErpSupplier*, double>> similar;
  for (size_t i : candidates) similar.emplace_back(&suppliers_[i], Jaccard(words, words_[i]));
  return similar;
}

Result<SupplierPairing> ErpPairing::PairSupplier(const Extraction& extraction) const {
  SupplierPairing pairing;
  // 1. Identifiers: those that name exactly one ERP supplier, all agreeing.
  std::set<std::string> owners;
  std::string how;
  for (const PrintedIdentifier& id : extraction.printed_identifiers) {
    auto found = store_.FindErpSuppliersByIdentifier(id.kind, id.value);
    if (!found.ok()) return found.status();
    if (found->size() == 1) {
      if (owners.insert(found->front().supplier_id).second && how.empty()) how = id.kind + " " + id.value;
      pairing.supplier = found->front();
    }
  }
  if (owners.size() == 1) {
    pairing.how = how;
    return pairing;
  }
  pairing.supplier.reset();
  // 2. The name read (or the supplier quai recognised), exact then similar.
  std::string name = Value(extraction.fields, "supplier_name");
  if (name.empty()) name = extraction.supplier.name;
  if (name.empty()) return pairing;
  std::optional<SupplierNameIndex> built;
  const SupplierNameIndex* names = names_;
  if (names == nullptr) {
    auto suppliers = store_.ListErpSuppliers();
    if (!suppliers.ok()) return suppliers.status();
    names = &built.emplace(std::move(suppliers).value());
  }
  double best = 0, second = 0;
  const ErpSupplier* best_supplier = nullptr;
  for (const auto& [s, similarity] : names->Similar(name)) {
    if (similarity > best) {
      second = best;
      best = similarity;
      best_supplier = s;
    } else if (similarity > second) {
      second = similarity;
    }
    if (similarity >= kSimilarName) ++pairing.candidates;
  }
  if (best_supplier != nullptr && best >= kSimilarName && best - second >= kClearlyBetter) {
    pairing.supplier = *best_supplier;
    pairing.how = best >= 0.999 ? "name" : "similar name";
    pairing.candidates = 1;
  }
  return pairing;
}

Status ErpPairing::PairLines(const Extraction& extraction, DocumentPairing* pairing) const {
  pairing->lines.assign(extraction.lines.size(), LinePairing{});
  const std::string supplier_id = pairing->supplier.supplier ? pairing->supplier.supplier->supplier_id : "";
  // Each order line's article, read once.
  std::vector<std::vector<std::optional<ErpArticle>>> articles(pairing->orders.size());
  for (size_t o = 0; o < pairing->orders.size(); ++o)
    for (const auto& line : pairing->orders[o].lines) {
      std::optional<ErpArticle> article;
      if (!line.article_code.empty()) {
        auto found = store_.FindArticle(line.article_code, pairing->orders[o].supplier_id);
        if (!found.ok()) return found.status();
        article = *found;
      }
      articles[o].push_back(article);
    }
  // Every order line, in order: (order, line) pairs.
  std::vector<std::pair<size_t, size_t>> po_lines;
  for (size_t o = 0; o < pairing->orders.size(); ++o)
    for (size_t l = 0; l < pairing->orders[o].lines.size(); ++l) po_lines.emplace_back(o, l);
  std::vector<bool> taken(po_lines.size(), false);
  for (size_t i = 0; i < extraction.lines.size(); ++i) {
    const auto& line = extraction.lines[i];
    std::string supplier_code = CompactIdentifier(Value(line, "supplier_article_code"));
    std::string internal_code = CompactIdentifier(Value(line, "internal_article_code"));
    auto description = Words(Value(line, "description"));
    if (supplier_code.empty() && internal_code.empty() && description.empty()) continue;  // nothing to pair by
    // Internal codes the supplier's code stands for.
    std::set<std::string> by_supplier_code;
    if (!supplier_code.empty() && !supplier_id.empty()) {
      auto found = store_.FindArticlesBySupplierCode(supplier_id, Value(line, "supplier_article_code"));
      if (!found.ok()) return found.status();
      for (const auto& a : *found) by_supplier_code.insert(CompactIdentifier(a.article_code));
    }
    std::vector<double> scores(po_lines.size(), 0);
    double best = 0;
    for (size_t k = 0; k < po_lines.size(); ++k) {
      auto [o, l] = po_lines[k];
      const PurchaseOrderLine& po_line = pairing->orders[o].lines[l];
      const auto& article = articles[o][l];
      std::string code = CompactIdentifier(po_line.article_code);
      double score = 0;
      if (!code.empty() && (code == internal_code || code == supplier_code || by_supplier_code.count(code)))
        score = 1.0;
      else if (article && !supplier_code.empty() && CompactIdentifier(article->supplier_article_code) == supplier_code)
        score = 1.0;
      std::string po_description = po_line.description.empty() && article ? article->description
                                                                           : po_line.description;
      score += 0.6 * Jaccard(description, Words(po_description));
      scores[k] = score;
      best = std::max(best, score);
    }
    if (best < kLeastLineScore) continue;
    // The order lines within reach of the best: one is a pair; several of one
    // article are the same article ordered on several lines (several lots,
    // several deliveries): the first not yet taken whose open quantity holds
    // this line's, else the first not taken; several articles: no pair.
    std::vector<size_t> close;
    std::set<std::string> close_articles;
    for (size_t k = 0; k < po_lines.size(); ++k)
      if (scores[k] > best - kClearlyBetter) {
        close.push_back(k);
        const PurchaseOrderLine& po_line = pairing->orders[po_lines[k].first].lines[po_lines[k].second];
        close_articles.insert(po_line.article_code.empty() ? po_line.description : CompactIdentifier(po_line.article_code));
      }
    if (close_articles.size() != 1) continue;
    auto quantity = ParseErpNumber(Value(line, "quantity"), "quantity");
    std::optional<size_t> chosen;
    // Passes: price and quantity fit, then price, then quantity, then any
    // line not taken, then any.
    const bool invoice = extraction.document_type == "invoice";
    for (int pass = 0; pass < 5 && !chosen; ++pass)
      for (size_t k : close) {
        auto [o, l] = po_lines[k];
        const PurchaseOrderLine& po_line = pairing->orders[o].lines[l];
        if (pass < 4 && taken[k]) continue;
        auto converted = quantity.ok() ? ConvertQuantity(*quantity, Value(line, "unit"), po_line.unit,
                                                         articles[o][l] ? &*articles[o][l] : nullptr)
                                       : std::nullopt;
        // A delivery within what is open; an invoice within what was received.
        const double room = invoice ? po_line.quantity_received : po_line.quantity_ordered - po_line.quantity_received;
        const bool quantity_fits = converted && *converted <= room + 1e-9;
        auto price = ParseErpNumber(Value(line, "unit_price"), "unit price");
        const bool price_fits = !(price.ok() && *price > 0 && po_line.unit_price > 0 && converted && *converted > 0 &&
                                  std::abs(*price * *quantity / *converted - po_line.unit_price) >
                                      0.005 * po_line.unit_price);
        if ((pass == 0 && !(quantity_fits && price_fits)) || (pass == 1 && !price_fits) ||
            (pass == 2 && !quantity_fits))
          continue;
        chosen = k;
        break;
      }
    auto [o, l] = po_lines[*chosen];
    taken[*chosen] = true;
    pairing->lines[i] = {true, pairing->orders[o].po_number, l, articles[o][l], scores[*chosen]};
  }
  return Status::Ok();
}

Result<DocumentPairing> ErpPairing::Pair(const Extraction& extraction) const {
  DocumentPairing pairing;
  auto supplier = PairSupplier(extraction);
  if (!supplier.ok()) return supplier.status();
  pairing.supplier = *supplier;
  // The value as one number first, then as several.
  const std::string read = Value(extraction.fields, "po_number");
  std::vector<std::string> numbers = SplitPoNumbers(read);
  if (numbers.size() > 1) {
    std::string whole = read;
    whole.erase(0, whole.find_first_not_of(" "));
    whole.erase(whole.find_last_not_of(" ") + 1);
    auto found = store_.FindPurchaseOrder(whole);
    if (!found.ok()) return found.status();
    if (*found) numbers = {whole};
  }
  for (const std::string& number : numbers) {
    pairing.po_numbers_read.push_back(number);
    std::optional<PurchaseOrder> order;
    for (const std::string& variant : {number, CompactIdentifier(number)}) {
      auto found = store_.FindPurchaseOrder(variant);
      if (!found.ok()) return found.status();
      if (*found) {
        order = std::move(*found);
        break;
      }
    }
    if (order) pairing.orders.push_back(std::move(*order));
    else pairing.po_numbers_missing.push_back(number);
  }
  // No supplier of its own: the order's, when its name is not another's.
  if (!pairing.supplier.supplier && !pairing.orders.empty() && pairing.supplier.candidates == 0) {
    auto owner = store_.FindErpSupplier(pairing.orders.front().supplier_id);
    if (!owner.ok()) return owner.status();
    std::string name = Value(extraction.fields, "supplier_name");
    if (*owner && (name.empty() || SupplierNameSimilarity(name, (*owner)->name) > 0)) {
      pairing.supplier.supplier = *owner;
      pairing.supplier.how = "purchase order";
    }
  }
  QUAI_RETURN_IF_ERROR(PairLines(extraction, &pairing));
  return pairing;
}

}  // namespace quai
