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
// A statement of conformity ("conforme", "konform", "in overeenstemming").
constexpr double kConformityWeight = 1.0;
// The evidence for a type whose own number's label is not on the page.
constexpr double kWithoutOwnNumber = 0.5;
// Label matches weaker than this are not evidence (a slip of OCR still is).
constexpr double kMinLabelScore = 0.9;
// A segment longer than a label and a short value is running text.
constexpr int kMostValueTokens = 3;
constexpr int kMostLabelTokens = 5;

// The field holding each built-in type's own number.
const std::pair<const char*, const char*> kOwnNumber[] = {
    {"invoice", "invoice_number"}, {"delivery_note", "delivery_note_number"},
    {"certificate_of_conformity", "certificate_number"}};

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
        certificates(schemas.Find("certificate_of_conformity") != nullptr) {
    for (const DocumentSchema& schema : schemas.schemas())
      if (!schema.keywords.empty()) titles.emplace_back(schema.document_type, LabelLexicon(schema.keywords));
  }
  const LabelIndex index;
  const LabelLexicon labels;
  const bool safety_data_sheets;
  const bool certificates;
  std::vector<std::pair<std::string, LabelLexicon>> titles;
};

TypeEvidenceFinder::TypeEvidenceFinder(const SchemaSet& schemas) : index_(std::make_unique<const Index>(schemas)) {}

TypeEvidenceFinder::~TypeEvidenceFinder() = default;

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
  for (size_t r = 0; r < view.rows().size(); ++r) {
    const ViewRow& row = view.rows()[r];
    if (row.page > 1) break;
    const int words = static_cast<int>(row.tokens.size());
    for (int i = 0; i < words; ++i) {
      const std::string& token = row.tokens[i];
      if (IsHazardCode(token)) hazard_codes.insert(token.substr(0, token.find_first_not_of("euh0123456789")));
      if (IsConformityWord(token)) conformity = true;
      if (IsSectionWord(token) && i + 1 < words) {
        std::string number = row.tokens[i + 1].substr(0, row.tokens[i + 1].find_first_not_of("0123456789"));
        if (!number.empty() && number.size() <= 2) sections.insert(number);
      }
    }
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
      if (best.score >= kMinLabelScore && end - best_end <= kMostValueTokens) {
        const double weight = kFieldWeight * best.score * (index.is_short.at(best.label) ? kShortLabelFactor : 1.0) /
                              index.types_sharing.at(best.label);
        for (const auto& owner : index.owners.at(best.label)) {
          auto& kept = fields[owner];
          if (weight > kept.first) kept = {weight, best.label};
        }
      }
      if (row.page != 0) continue;
      for (const auto& [type, keywords] : titles) {
        for (int e = first + 1; e <= end && e - first <= 4; ++e) {
          LabelHit hit = keywords.MatchSpan(row.tokens, first, e);
          if (hit.score >= 0.95 && Joined(hit.label).size() > 4 && end - e <= kMostValueTokens) {
            if (titled.insert(type).second) evidence.reasons[type].push_back("title words '" + hit.label + "'");
            break;
          }
        }
      }
    }
  }
  for (const auto& [owner, found] : fields) {
    evidence.score[owner.first] += found.first;
    evidence.reasons[owner.first].push_back("label '" + found.second + "' (" + owner.second + ")");
  }
  // A document without its own number's label (an order, a quotation, a
  // statement: documents of no schema with the same totals and columns) is
  // weaker evidence for the type.
  for (const auto& [type, number] : kOwnNumber)
    if (auto it = evidence.score.find(type); it != evidence.score.end() && !fields.count({type, number}))
      it->second *= kWithoutOwnNumber;
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
  if (conformity && index_->certificates) {
    evidence.score["certificate_of_conformity"] += kConformityWeight;
    evidence.reasons["certificate_of_conformity"].push_back("a statement of conformity");
  }
  return evidence;
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
