#include "extract/type_evidence.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>

#include "extract/label_lexicon.h"

namespace quai {
namespace {

// Log-odds one field's label adds to its type when only that type has the
// label; a label k types share adds kFieldWeight / k to each.
constexpr double kFieldWeight = 1.0;
// A label of three letters or fewer ("lot", "po", "un") is a common word too.
constexpr double kShortLabelFactor = 0.5;
// A type's title words opening a short segment anywhere on the first page (the
// printed title is TitleType's; this is the title in a box, a footer, a stamp).
constexpr double kTitleWeight = 1.5;
// At least two hazard statement codes (H225, EUH066); as much again for three
// numbered sections of the sixteen of a safety data sheet.
constexpr double kHazardWeight = 3.0;
// A statement of conformity ("conforme", "konform", "in overeenstemming"), or
// a sentence certifying the goods ("we hereby certify", "si certifica").
constexpr double kConformityWeight = 1.0;
// Test methods by standard: at least two distinct references (ISO 2811, EN
// 10204, DIN 53015) name what a certificate measured; one is a footer's
// "ISO 9001".
constexpr double kStandardsWeight = 1.5;
// The header of a table of tests: two of method, specification and result
// over the same row (certificates of analysis and of conformity).
constexpr double kTestTableWeight = 1.5;
// A table whose header has a quantity column and no price column, on a page
// with no price nor total label.
constexpr double kGoodsWithoutPricesWeight = 1.5;
// A running-text row is this many words or more.
constexpr int kSentenceTokens = 6;
// The evidence for a delivery note without a table header naming a quantity column.
constexpr double kWithoutGoodsTable = 0.5;
// For "other" when no type's own number (nor an invoice's due date) is on the page.
constexpr double kWithoutAnyOwnKey = 1.5;
// The evidence for a type whose own number's label is not on the page.
constexpr double kWithoutOwnNumber = 0.25;
// Label matches weaker than this are not evidence (a slip of OCR still is).
constexpr double kMinLabelScore = 0.9;
// A segment longer than a label and a short value is running text.
constexpr int kMostValueTokens = 3;
constexpr int kMostLabelTokens = 5;

// The field holding each built-in type's own number,
// and, for an invoice, the due date: an invoice asks to be paid by a day,
// which an order, a quotation or a statement of account does not.
const std::pair<const char*, std::vector<const char*>> kOwnKeys[] = {
    {"invoice", {"invoice_number", "due_date"}},
    {"delivery_note", {"delivery_note_number"}},
    {"certificate_of_conformity", {"certificate_number"}}};

std::string Joined(const std::string& phrase) {
  std::istringstream words(phrase);
  std::string word, joined;
  while (words >> word) joined += NormaliseForMatch(word);
  return joined;
}

bool IsHazardCode(const std::string& token) {
  size_t i = token.rfind("euh", 0) == 0 ? 3 : token.rfind('h', 0) == 0 ? 1 : std::string::npos;
  if (i == std::string::npos || token.size() < i + 3) return false;
  for (size_t j = i; j < i + 3; ++j)
    if (!std::isdigit(static_cast<unsigned char>(token[j]))) return false;
  return token.size() == i + 3 || std::isalpha(static_cast<unsigned char>(token[i + 3]));
}

bool IsSectionWord(const std::string& token) {
  static const std::set<std::string> kWords = {"section", "rubrique", "abschnitt", "sezione", "seccion", "rubriek"};
  return kWords.count(token) > 0;
}

bool IsConformityWord(const std::string& token) {
  for (const char* stem : {"conform", "konform", "overeenstemming"})
    if (token.find(stem) != std::string::npos) return true;
  return false;
}

// The verbs by which a sentence certifies goods, in the six languages
// (certify, certifions, zertifizieren, certifica, certificamos, certificeren;
// comply, complies).
bool IsCertifyingWord(const std::string& token) {
  static const std::set<std::string> kWords = {"certify",    "certifies",     "certifions", "certifie",
                                               "certifions", "certifichiamo", "certifica",  "certificamos",
                                               "certifican", "certificeren",  "certificeert", "zertifizieren",
                                               "bescheinigen", "bescheinigt", "comply",     "complies"};
  return kWords.count(token) > 0;
}

// The bodies whose standards name test methods (ISO 3104, EN 10204, DIN 51757,
// ASTM D445, NF T60-100, UNI, UNE, NEN, BS).
bool IsStandardBody(const std::string& token) {
  static const std::set<std::string> kBodies = {"iso", "en", "din", "astm", "nf", "uni", "une", "nen", "bs", "afnor"};
  return kBodies.count(token) > 0;
}

bool IsStandardNumber(const std::string& token) {
  int digits = 0;
  for (char c : token) digits += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
  return digits >= 3 && std::isalnum(static_cast<unsigned char>(token[0]));
}

// A column header of a table of tests: 0 method, 1 specification, 2 result.
int TestColumn(const std::string& token) {
  static const std::map<std::string, int> kWords = {
      {"method", 0},        {"methode", 0},      {"methods", 0},      {"prufmethode", 0},    {"metodo", 0},
      {"testmethode", 0},   {"specification", 1}, {"specifications", 1}, {"spezifikation", 1}, {"sollwert", 1},
      {"specifica", 1},     {"especificacion", 1}, {"specificatie", 1}, {"limits", 1},       {"limites", 1},
      {"grenzwerte", 1},    {"result", 2},       {"results", 2},      {"resultat", 2},       {"resultats", 2},
      {"ergebnis", 2},      {"istwert", 2},      {"risultato", 2},    {"resultado", 2},      {"resultaat", 2},
      {"messwert", 2},      {"valore", 2},       {"valeur", 2}};
  auto it = kWords.find(token);
  return it == kWords.end() ? -1 : it->second;
}

// After a label, the rest of its segment is a short word or two and no value
// ("Facturé à", "Invoice to", "Fattura a"): the heading of a party, not the
// label of a field nor a document's title.
bool OnlyShortWords(const std::vector<std::string>& tokens, int first, int end) {
  if (first >= end) return false;
  for (int i = first; i < end; ++i) {
    const std::string& token = tokens[i];
    int letters = 0;  // UTF-8 characters ("nº" is two)
    for (char c : token) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    if (letters > 2 || token.find_first_of("0123456789") != std::string::npos) return false;
  }
  return true;
}

// A title stands above or beside the table, never in one of its rows.
constexpr size_t kTableRowSegments = 4;
// A title row printed this much larger than the page's usual row is prominent.
constexpr double kProminentHeight = 1.3;
// Title keywords are matched over at most this many words; shorter keywords
// ("fds", "bl") are too easily a word of something else.
constexpr int kMostTitleTokens = 4;
constexpr size_t kShortestTitle = 5;

// The labels of every field of every type, and which (type, field) has each.
struct LabelIndex {
  std::vector<std::string> phrases;  // one original per normalised phrase
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> owners;  // original -> (type, field)
  std::map<std::string, int> types_sharing;                                      // original -> types
  std::map<std::string, bool> is_short;
};

LabelIndex IndexLabels(const SchemaSet& schemas) {
  LabelIndex index;
  std::map<std::string, std::string> representative;  // joined -> original
  std::map<std::string, std::set<std::string>> types;
  for (const DocumentSchema& schema : schemas.schemas()) {
    auto add = [&](const FieldSpec& field) {
      for (const std::string& label : field.labels) {
        std::string joined = Joined(label);
        if (joined.empty()) continue;
        auto [it, added] = representative.emplace(joined, label);
        if (added) {
          index.phrases.push_back(label);
          index.is_short[label] = joined.size() <= 3;
        }
        auto& owners = index.owners[it->second];
        std::pair<std::string, std::string> owner{schema.document_type, field.name};
        if (std::find(owners.begin(), owners.end(), owner) == owners.end()) owners.push_back(owner);
        types[it->second].insert(schema.document_type);
      }
    };
    for (const FieldSpec& f : schema.fields) add(f);
    for (const FieldSpec& f : schema.lines) add(f);
  }
  for (const auto& [original, set] : types) index.types_sharing[original] = static_cast<int>(set.size());
  return index;
}

}  // namespace

struct TypeEvidenceFinder::Index {
  explicit Index(const SchemaSet& schemas)
      : index(IndexLabels(schemas)),
        labels(index.phrases),
        safety_data_sheets(schemas.Find("safety_data_sheet") != nullptr),
        certificates(schemas.Find("certificate_of_conformity") != nullptr),
        delivery_notes(schemas.Find("delivery_note") != nullptr && schemas.Find("invoice") != nullptr) {
    for (const DocumentSchema& schema : schemas.schemas())
      if (!schema.keywords.empty()) titles.emplace_back(schema.document_type, LabelLexicon(schema.keywords));
  }
  const LabelIndex index;
  const LabelLexicon labels;
  const bool safety_data_sheets;
  const bool certificates;
  const bool delivery_notes;  // and invoices, whose price labels tell them apart
  std::vector<std::pair<std::string, LabelLexicon>> titles;
};

TypeEvidenceFinder::TypeEvidenceFinder(const SchemaSet& schemas) : index_(std::make_unique<const Index>(schemas)) {}

TypeEvidenceFinder::~TypeEvidenceFinder() = default;

PrintedTitle TypeEvidenceFinder::FindTitle(const DocumentView& view) const {
  if (view.pages().empty()) return {};
  const double limit = 0.4 * view.pages()[0].height;
  auto [first_row, end_row] = view.PageRows(0);
  std::vector<double> heights;
  for (int r = first_row; r < end_row; ++r)
    if (view.rows()[r].height > 0) heights.push_back(view.rows()[r].height);
  double usual = 0;
  if (!heights.empty()) {
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    usual = heights[heights.size() / 2];
  }
  struct Hit {
    PrintedTitle title;
    int row = 0;
  };
  std::vector<Hit> hits;
  LabelLexicon::PhraseMemo memo;
  for (int r = first_row; r < end_row; ++r) {
    const ViewRow& row = view.rows()[r];
    if (row.box.y0 > limit) break;
    if (row.segment_starts.size() >= kTableRowSegments) continue;
    const int words = static_cast<int>(row.tokens.size());
    for (size_t s = 0; s < row.segment_starts.size(); ++s) {
      const int from = row.segment_starts[s];
      const int to = s + 1 < row.segment_starts.size() ? row.segment_starts[s + 1] : words;
      std::vector<double> segment_heights;
      for (int w = from; w < to; ++w) segment_heights.push_back(row.words[w]->box.y1 - row.words[w]->box.y0);
      std::nth_element(segment_heights.begin(), segment_heights.begin() + segment_heights.size() / 2,
                       segment_heights.end());
      const bool prominent = usual > 0 && segment_heights[segment_heights.size() / 2] >= kProminentHeight * usual;
      // A title printed large may end with its keyword; elsewhere it opens its segment.
      const int last_start = prominent && to - from <= kMostTitleTokens + 1 ? to - 1 : from;
      PrintedTitle best;
      int best_start = 0, best_end = 0;
      for (int start = from; start <= last_start && best.document_type.empty(); ++start)
        for (const auto& [type, keywords] : index_->titles)
          for (int e = start + 1; e <= to && e - start <= kMostTitleTokens; ++e) {
            LabelHit hit = keywords.MatchSpan(row.tokens, start, e);
            if (hit.score >= 0.95 && Joined(hit.label).size() >= kShortestTitle && e - start > best_end - best_start &&
                !OnlyShortWords(row.tokens, e, to)) {
              best = {type, hit.label, prominent};
              best_start = start;
              best_end = e;
            }
          }
      if (best.document_type.empty()) continue;
      if (!prominent) {
        // "Nota de entrega n.º" with its number in the next cell: a field's label.
        LabelHit label = index_->labels.MatchSpan(row.tokens, from, to, &memo);
        if (label.score >= kMinLabelScore && to - from > best_end - from) continue;
      }
      hits.push_back({best, r});
    }
  }
  if (hits.empty()) return {};
  const Hit* chosen = &hits[0];
  for (const Hit& hit : hits)
    if (hit.title.prominent && !chosen->title.prominent) chosen = &hit;  // rows come top to bottom
  for (const Hit& hit : hits)
    if (hit.row == chosen->row && hit.title.prominent == chosen->title.prominent &&
        hit.title.document_type != chosen->title.document_type)
      return {};  // two types claim the title
  return chosen->title;
}

TypeEvidence FindTypeEvidence(const DocumentView& view, const SchemaSet& schemas) {
  return TypeEvidenceFinder(schemas).Find(view);
}

TypeEvidence TypeEvidenceFinder::Find(const DocumentView& view) const {
  TypeEvidence evidence;
  const LabelIndex& index = index_->index;
  const LabelLexicon& labels = index_->labels;
  const auto& titles = index_->titles;
  LabelLexicon::PhraseMemo memo;

  std::map<std::pair<std::string, std::string>, std::pair<double, std::string>> fields;  // best per (type, field)
  std::set<std::string> titled;
  std::set<std::string> hazard_codes;
  std::set<std::string> sections;
  bool conformity = false;
  std::set<std::string> standards;
  bool test_table = false;
  bool goods_table = false;  // a table header with a quantity column and no price column
  bool quantity_column = false;
  for (size_t r = 0; r < view.rows().size(); ++r) {
    const ViewRow& row = view.rows()[r];
    if (row.page > 1) break;
    const int words = static_cast<int>(row.tokens.size());
    for (int i = 0; i < words; ++i) {
      const std::string& token = row.tokens[i];
      if (IsHazardCode(token)) hazard_codes.insert(token.substr(0, token.find_first_not_of("euh0123456789")));
      if (IsConformityWord(token) || (words >= kSentenceTokens && IsCertifyingWord(token))) conformity = true;
      if (IsStandardBody(token) && i + 1 < words && IsStandardNumber(row.tokens[i + 1]))
        standards.insert(row.tokens[i + 1]);
      if (IsSectionWord(token) && i + 1 < words) {
        std::string number = row.tokens[i + 1].substr(0, row.tokens[i + 1].find_first_not_of("0123456789"));
        if (!number.empty() && number.size() <= 2) sections.insert(number);
      }
    }
    std::set<std::pair<std::string, std::string>> row_fields;
    std::set<int> test_columns;
    for (int start : row.segment_starts)
      if (int column = TestColumn(row.tokens[start]); column >= 0) test_columns.insert(column);
    if (test_columns.size() >= 2) test_table = true;
    for (size_t s = 0; s < row.segment_starts.size(); ++s) {
      const int first = row.segment_starts[s];
      const int end = s + 1 < row.segment_starts.size() ? row.segment_starts[s + 1] : words;
      const int length = end - first;
      if (length <= 0 || length > kMostLabelTokens + kMostValueTokens) continue;
      LabelHit best;
      int best_end = first;
      for (int e = first + 1; e <= end && e - first <= kMostLabelTokens; ++e) {
        LabelHit hit = labels.MatchSpan(row.tokens, first, e, &memo);
        if (hit.score >= kMinLabelScore && hit.score >= best.score) {  // the longest of equal matches
          best = hit;
          best_end = e;
        }
      }
      if (best.score >= kMinLabelScore && end - best_end <= kMostValueTokens &&
          !OnlyShortWords(row.tokens, best_end, end)) {
        const double weight = kFieldWeight * best.score * (index.is_short.at(best.label) ? kShortLabelFactor : 1.0) /
                              index.types_sharing.at(best.label);
        for (const auto& owner : index.owners.at(best.label)) {
          row_fields.insert(owner);
          auto& kept = fields[owner];
          if (weight > kept.first) kept = {weight, best.label};
        }
      }
      if (row.page != 0) continue;
      for (const auto& [type, keywords] : titles) {
        for (int e = first + 1; e <= end && e - first <= 4; ++e) {
          LabelHit hit = keywords.MatchSpan(row.tokens, first, e);
          // "Nota de entrega n.º" is the label of another document's number.
          const bool field_label = best.score >= kMinLabelScore && best_end > e;
          if (hit.score >= 0.95 && Joined(hit.label).size() > 4 && end - e <= kMostValueTokens &&
              !OnlyShortWords(row.tokens, e, end) && !field_label) {
            if (titled.insert(type).second) evidence.reasons[type].push_back("title words '" + hit.label + "'");
            break;
          }
        }
      }
    }
    if (row.segment_starts.size() >= 3 && row_fields.count({"delivery_note", "quantity"})) quantity_column = true;
    if (row.segment_starts.size() >= 3 && row_fields.count({"delivery_note", "quantity"}) &&
        !row_fields.count({"invoice", "unit_price"}) && !row_fields.count({"invoice", "amount"}))
      goods_table = true;
  }
  for (const auto& [owner, found] : fields) {
    evidence.score[owner.first] += found.first;
    evidence.reasons[owner.first].push_back("label '" + found.second + "' (" + owner.second + ")");
  }
  // A document without its own keys' labels (an order, a quotation, a
  // statement: documents of no schema with the same totals and columns) is
  // weaker evidence for the type.
  bool any_own_key = false;
  for (const auto& [type, keys] : kOwnKeys) {
    auto it = evidence.score.find(type);
    if (it == evidence.score.end()) continue;
    bool found = false;
    for (const char* key : keys) found |= fields.count({type, key}) > 0;
    if (!found) it->second *= kWithoutOwnNumber;
    else any_own_key = true;
  }
  // No type's own key on the page: a document of none of them.
  if (!any_own_key && !fields.empty()) {
    evidence.score["other"] += kWithoutAnyOwnKey;
    evidence.reasons["other"].push_back("no type's own number");
  }
  // A delivery note lists its goods in a table with a quantity column; a
  // certificate names one article above its table of tests.
  if (auto it = evidence.score.find("delivery_note"); it != evidence.score.end() && !quantity_column)
    it->second *= kWithoutGoodsTable;
  for (const std::string& type : titled) evidence.score[type] += kTitleWeight;
  if (index_->safety_data_sheets) {
    if (hazard_codes.size() >= 2) {
      evidence.score["safety_data_sheet"] += kHazardWeight;
      evidence.reasons["safety_data_sheet"].push_back("hazard statement codes");
    }
    if (sections.size() >= 3) {
      evidence.score["safety_data_sheet"] += kHazardWeight;
      evidence.reasons["safety_data_sheet"].push_back("numbered sections");
    }
  }
  // Goods listed with their quantities and no price anywhere: what a delivery
  // note is for. Invoices, orders and quotations price their lines.
  if (goods_table && index_->delivery_notes) {
    bool priced = false;
    for (const char* field : {"unit_price", "amount", "total_excl_tax", "total_incl_tax"})
      priced |= fields.count({"invoice", field}) > 0;
    if (!priced) {
      evidence.score["delivery_note"] += kGoodsWithoutPricesWeight;
      evidence.reasons["delivery_note"].push_back("quantities without prices");
    }
  }
  if (index_->certificates) {
    auto add = [&](double weight, const char* reason) {
      evidence.score["certificate_of_conformity"] += weight;
      evidence.reasons["certificate_of_conformity"].push_back(reason);
    };
    if (conformity) add(kConformityWeight, "a statement of conformity");
    if (standards.size() >= 2) add(kStandardsWeight, "test methods by standard");
    if (test_table) add(kTestTableWeight, "a table of tests (method, specification, result)");
  }
  return evidence;
}

void AddPrintedTitle(const std::string& type, const std::string& title, bool prominent, TypeEvidence* evidence) {
  if (type.empty()) return;
  evidence->score[type] += prominent ? kProminentTitleWeight : kPrintedTitleWeight;
  evidence->reasons[type].insert(evidence->reasons[type].begin(),
                                 std::string(prominent ? "title printed large '" : "title '") + title + "'");
}

CombinedType CombineTypeEvidence(const std::vector<std::pair<std::string, double>>& classifier,
                                 const TypeEvidence& evidence) {
  std::map<std::string, double> logit;
  logit["other"] = kClassifierTemperature * std::log(kClassifierFloor);
  for (const auto& [type, score] : evidence.score) logit[type] = kClassifierTemperature * std::log(kClassifierFloor);
  for (const auto& [type, probability] : classifier)
    logit[type] = kClassifierTemperature * std::log(std::max(probability, kClassifierFloor));
  for (auto& [type, value] : logit)
    if (auto it = evidence.score.find(type); it != evidence.score.end()) value += it->second;
  double top = -1e300;
  for (const auto& [type, value] : logit) top = std::max(top, value);
  double sum = 0;
  for (const auto& [type, value] : logit) sum += std::exp(value - top);
  CombinedType best;
  for (const auto& [type, value] : logit) {
    const double probability = std::exp(value - top) / sum;
    if (probability > best.probability) best = {type, probability};
  }
  return best;
}

}  // namespace quai
