#include "extract/label_composition.h"

#include <memory>
#include <sstream>

#include "core/match_text.h"

namespace quai {
namespace {

std::unordered_set<std::string> Normalised(std::initializer_list<const char*> words) {
  std::unordered_set<std::string> set;
  for (const char* word : words) set.insert(NormaliseForMatch(word));
  return set;
}

// Words that say "the number of" in the six languages, alone or with what it numbers.
const std::unordered_set<std::string>& NumberWords() {
  static const auto* words = new std::unordered_set<std::string>(Normalised(
      {"n°", "no", "nr", "nro", "num", "number", "nummer", "numero", "número", "numéro", "#"}));
  return *words;
}

// Words naming an identifier: the number words and those of references and codes.
const std::unordered_set<std::string>& IdentifierWords() {
  static const auto* words = [] {
    auto* set = new std::unordered_set<std::string>(NumberWords());
    for (const std::string& word : Normalised({"id", "ref", "réf", "reference", "référence", "referenz", "referentie",
                                               "referencia", "riferimento", "rif", "code", "codice", "código"}))
      set->insert(word);
    return set;
  }();
  return *words;
}

const std::unordered_set<std::string>& DateWords() {
  static const auto* words = new std::unordered_set<std::string>(Normalised({"date", "datum", "data", "fecha", "dated"}));
  return *words;
}

// Articles and prepositions labels are written with ("n° de bon", "date of issue",
// "zahlbar bis"): they name nothing.
const std::unordered_set<std::string>& LinkWords() {
  static const auto* words = new std::unordered_set<std::string>(
      Normalised({"de", "du", "des", "d", "l", "of", "the", "la", "le", "les", "der", "die", "das", "den", "dem", "van",
                  "het", "di", "del", "della", "dello", "el", "a", "au", "en", "for", "vom", "von", "da", "do", "al",
                  "am", "on", "op", "il", "te", "by", "bis", "voor", "at", "to", "per", "in", "im", "zum", "zur"}));
  return *words;
}

// Words naming a party ("customer order no", "your ref."): they say whose the
// value is, not what it is, so they name no field ("Customer number" is not an
// order's number) but may stand in a label.
const std::unordered_set<std::string>& PartyWords() {
  static const auto* words = new std::unordered_set<std::string>(Normalised(
      {"customer", "client", "kunde", "kunden", "cliente", "klant", "buyer", "acheteur", "supplier", "fournisseur",
       "lieferant", "vendor", "leverancier", "fornitore", "proveedor", "your", "our", "votre", "notre", "vos", "nos",
       "ihr", "ihre", "unser", "unsere", "uw", "onze", "vostro", "nostro", "su", "nuestro", "my", "mon", "ma"}));
  return *words;
}

enum class Kind { kNone, kIdentifier, kDate };

Kind KindOf(ValueType type) {
  if (type == ValueType::kCode || type == ValueType::kPoNumber) return Kind::kIdentifier;
  if (type == ValueType::kDate) return Kind::kDate;
  return Kind::kNone;
}

// The parts of every label of a list, as LabelWordParts gives them.
std::vector<std::string> PartsOf(const std::vector<std::string>& labels) {
  std::vector<std::string> parts;
  for (const std::string& label : labels) {
    std::istringstream words(label);
    for (std::string word; words >> word;)
      for (std::string& part : LabelWordParts(NormaliseForMatch(word))) parts.push_back(std::move(part));
  }
  return parts;
}

// A part that can name what a value is: letters, two or more, no kind or link word.
bool IsOwnWord(const std::string& part) {
  if (part.size() < 2 || IdentifierWords().count(part) || DateWords().count(part) || LinkWords().count(part) ||
      PartyWords().count(part))
    return false;
  for (unsigned char ch : part)
    if (std::isdigit(ch)) return false;
  return true;
}

bool IsLetterWord(const std::string& token) {
  if (token.empty()) return false;
  for (unsigned char ch : token)
    if (std::isdigit(ch)) return false;
  return true;
}

}  // namespace

std::vector<std::string> LabelWordParts(const std::string& token) {
  std::vector<std::string> parts;
  std::string part;
  for (char ch : token) {
    if (ch == '-' || ch == '.' || ch == '/' || ch == '\'' || ch == ':' || ch == '_' || ch == '(' || ch == ')') {
      if (!part.empty()) parts.push_back(std::move(part));
      part.clear();
    } else {
      part += ch;
    }
  }
  if (!part.empty()) parts.push_back(std::move(part));
  return parts;
}

// A compound word of the schema's label words ("leveringsbon": "levering" and
// "bon"; "zertifikatnummer": "zertifikat" and "nummer"): its last part, a word
// of the value's kind or one of the field's own, into *head, when the rest,
// with or without a linking "s", is a word of the schema's labels.
bool LabelComposition::SplitCompound(const std::string& part, std::string* head) const {
  if (vocabulary_ == nullptr) return false;
  for (size_t cut = 3; cut + 2 <= part.size(); ++cut) {
    const std::string modifier = part.substr(0, cut), last = part.substr(cut);
    const bool kind_word = kind_words_->count(last) > 0 && last.size() >= 2;
    const bool own_word = own_.count(last) > 0 && last.size() >= 3;
    if (!kind_word && !own_word) continue;
    const bool known = vocabulary_->count(modifier) > 0 ||
                       (modifier.size() > 3 && modifier.back() == 's' && vocabulary_->count(modifier.substr(0, cut - 1)));
    if (!known) continue;
    // The modifier of a kind word must name the field ("zertifikat"), else it is another field's number.
    if (kind_word && !own_.count(modifier) && !(modifier.back() == 's' && own_.count(modifier.substr(0, cut - 1))))
      continue;
    *head = last;
    return true;
  }
  return false;
}

double LabelComposition::Score(const std::vector<std::string>& tokens, int first, int end) const {
  if (kind_words_ == nullptr || first < 0 || end > static_cast<int>(tokens.size()) || first >= end) return 0;
  int kind = 0, distinctive = 0, shared = 0, links = 0;
  bool only_number_words = true;
  for (int t = first; t < end; ++t)
    for (const std::string& part : LabelWordParts(tokens[t])) {
      if (kind_words_->count(part)) {
        ++kind;
        only_number_words &= NumberWords().count(part) > 0;
      } else if (own_.count(part)) {
        ++(distinctive_.count(part) ? distinctive : shared);
      } else if (LinkWords().count(part) || PartyWords().count(part)) {
        ++links;
      } else if (std::string head; SplitCompound(part, &head)) {
        // A compound ends with what it names: "Leveringsbon" is a "bon",
        // "Zertifikatnummer" a number of a "zertifikat".
        if (kind_words_->count(head)) {
          ++kind;
          only_number_words = false;
          const std::string modifier = part.substr(0, part.size() - head.size());
          for (const std::string& word : {modifier, modifier.substr(0, modifier.size() - 1)})
            if (own_.count(word)) {
              ++(distinctive_.count(word) ? distinctive : shared);
              break;
            }
        } else {
          ++(distinctive_.count(head) ? distinctive : shared);
          only_number_words = false;
        }
      } else {
        return 0;  // a word of something else: another label, or a sentence
      }
    }
  if (kind == 0) return 0;
  if (distinctive > 0) return kComposedLabelScore;
  if (!own_number_) return 0;
  // The own number's shared or bare words must be the whole label: after
  // "Bon de commande", "N°" is the order's number, not the document's.
  int before = first - 1;
  while (before >= 0 && tokens[before].empty()) --before;
  if (before >= 0 && IsLetterWord(tokens[before])) return 0;
  if (shared > 0 || (only_number_words && links == 0)) return kOwnNumberComposedScore;
  return 0;
}

std::map<std::string, LabelComposition> ComposeLabels(const DocumentSchema& schema) {
  std::map<std::string, LabelComposition> compositions;
  std::map<std::string, Kind> kinds;
  for (const FieldSpec& field : schema.fields) {
    const Kind kind = KindOf(field.type);
    if (kind == Kind::kNone || field.labels.empty()) continue;
    LabelComposition& composition = compositions[field.name];
    kinds[field.name] = kind;
    composition.kind_words_ = kind == Kind::kIdentifier ? &IdentifierWords() : &DateWords();
    for (std::string& part : PartsOf(field.labels))
      if (IsOwnWord(part)) composition.own_.insert(std::move(part));
  }
  auto vocabulary = std::make_shared<std::unordered_set<std::string>>();
  for (const FieldSpec& field : schema.fields)
    for (std::string& part : PartsOf(field.labels))
      if (IsOwnWord(part)) vocabulary->insert(std::move(part));
  for (auto& [name, composition] : compositions) composition.vocabulary_ = vocabulary;
  for (auto& [name, composition] : compositions)
    for (const std::string& word : composition.own_) {
      bool shared = false;
      for (const auto& [other, other_composition] : compositions)
        shared |= other != name && kinds[other] == kinds[name] && other_composition.own_.count(word) > 0;
      if (!shared) composition.distinctive_.insert(word);
    }
  // The own number and date: the identifier and the date whose labels share the most words with the titles.
  std::unordered_set<std::string> title_words;
  for (std::string& part : PartsOf(schema.keywords))
    if (IsOwnWord(part)) title_words.insert(std::move(part));
  auto own_of_kind = [&](Kind kind) {
    std::string own;
    size_t most = 0;
    bool tie = false;
    for (const auto& [name, composition] : compositions) {
      if (kinds[name] != kind) continue;
      size_t shared = 0;
      for (const std::string& word : composition.own_) shared += title_words.count(word);
      if (shared > most) {
        most = shared;
        own = name;
        tie = false;
      } else if (shared == most && shared > 0) {
        tie = true;
      }
    }
    return tie ? std::string() : own;
  };
  if (std::string own = own_of_kind(Kind::kIdentifier); !own.empty()) compositions[own].own_number_ = true;
  if (std::string own = own_of_kind(Kind::kDate); !own.empty()) compositions[own].own_date_ = true;
  return compositions;
}

}  // namespace quai
