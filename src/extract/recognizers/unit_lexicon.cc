#include "extract/recognizers/unit_lexicon.h"

#include <unordered_map>

#include "extract/recognizers/number_parser.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

struct UnitName {
  const char* folded;  // as FoldForLookup writes it
  double score;
};

// Single letters and words with another everyday meaning score lower.
constexpr UnitName kUnitNames[] = {
    // mass, volume, length, area
    {"kg", 1.0}, {"kgs", 1.0}, {"g", 0.6}, {"gr", 0.8}, {"mg", 1.0}, {"t", 0.5}, {"lb", 1.0}, {"lbs", 1.0},
    {"oz", 1.0}, {"l", 0.6}, {"lt", 0.9}, {"ltr", 1.0}, {"ml", 1.0}, {"cl", 1.0}, {"dl", 1.0}, {"hl", 1.0},
    {"gal", 0.9}, {"m", 0.6}, {"mm", 1.0}, {"cm", 1.0}, {"km", 0.9}, {"m2", 1.0},
    {"m\xC2\xB2", 1.0}, {"m3", 1.0}, {"m\xC2\xB3", 1.0}, {"ft", 0.8},
    // pieces
    {"pcs", 1.0}, {"pc", 1.0}, {"pce", 1.0}, {"pces", 1.0}, {"piece", 0.9}, {"pieces", 1.0},
    {"piece(s)", 1.0}, {"unite", 0.9}, {"unites", 1.0}, {"unite(s)", 1.0}, {"unit", 0.8}, {"units", 0.9},
    {"u", 0.5}, {"ea", 0.8}, {"each", 0.7}, {"stk", 1.0}, {"stk.", 1.0}, {"st.", 0.8}, {"stuck", 0.9},
    {"stuk", 1.0}, {"stuks", 1.0}, {"pz", 1.0}, {"pz.", 1.0}, {"pezzi", 1.0}, {"pezzo", 1.0},
    {"paire", 0.9}, {"paires", 1.0}, {"pair", 0.8}, {"pairs", 0.9}, {"paar", 0.8},
    {"doz", 1.0}, {"dozen", 0.9}, {"douzaine", 0.9},
    // packaging
    {"box", 0.8}, {"boxes", 0.9}, {"boite", 0.8}, {"boites", 0.9}, {"carton", 0.8}, {"cartons", 0.9},
    {"colis", 0.9}, {"rouleau", 0.9}, {"rouleaux", 1.0}, {"roll", 0.8}, {"rolls", 0.9}, {"rolle", 0.8},
    {"rollen", 0.9}, {"rol", 0.8}, {"paquet", 0.9}, {"paquets", 0.9}, {"pack", 0.8}, {"packs", 0.9},
    {"pkg", 1.0}, {"sac", 0.8}, {"sacs", 0.9}, {"bag", 0.8}, {"bags", 0.9}, {"palette", 0.8},
    {"palettes", 0.9}, {"pallet", 0.8}, {"pallets", 0.9}, {"pal", 0.7}, {"fut", 0.7}, {"futs", 0.8},
    {"drum", 0.8}, {"drums", 0.9}, {"bidon", 0.9}, {"bidons", 0.9}, {"flacon", 0.9}, {"flacons", 0.9},
    {"bottle", 0.8}, {"bottles", 0.9}, {"kit", 0.6}, {"kits", 0.7}, {"set", 0.5}, {"sets", 0.6},
    {"karton", 0.8}, {"kartons", 0.9}, {"doos", 0.8}, {"scatola", 0.9}, {"scatole", 0.9},
    {"confezione", 0.9}, {"conf.", 0.8},
};

using UnitIndex = std::unordered_map<std::string_view, double>;

const UnitIndex& Units() {
  static const UnitIndex* index = [] {
    auto* units = new UnitIndex;
    for (const UnitName& name : kUnitNames) units->emplace(name.folded, name.score);
    return units;
  }();
  return *index;
}

bool LookupUnitExactly(std::string_view token, double* score) {
  if (token.empty() || token.size() > 16 || IsAsciiDigit(token[0])) return false;
  auto found = Units().find(FoldForLookup(token));
  if (found == Units().end()) return false;
  *score = found->second;
  return true;
}

}  // namespace

bool LookupUnit(std::string_view token, double* score) {
  if (LookupUnitExactly(token, score)) return true;
  // "pcs." and "kg." read as "pcs" and "kg".
  return token.size() >= 2 && token.back() == '.' && LookupUnitExactly(token.substr(0, token.size() - 1), score);
}

std::vector<ValueMatch> FindUnits(const std::vector<std::string>& words, const std::set<std::string>* learned) {
  std::vector<ValueMatch> matches;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word.size() > 64) continue;
    ValueMatch match;
    match.first_word = static_cast<int>(i);
    match.end_word = static_cast<int>(i) + 1;
    match.printed = word;
    double score = 0;
    // A dot that the lexicon knows belongs to the unit ("St.", "pz."); any
    // other final dot ends a sentence ("kg.").
    std::string_view with_dot = TrimPunctuation(word, /*keep_final_dot=*/true);
    std::string_view without_dot = TrimPunctuation(word);
    std::string_view unit;
    if (with_dot != without_dot && LookupUnitExactly(with_dot, &score)) {
      unit = with_dot;
    } else if (LookupUnitExactly(without_dot, &score)) {
      unit = without_dot;
    }
    if (unit.empty() && learned != nullptr && !without_dot.empty() && without_dot.size() <= 16) {
      if (learned->count(FoldForLookup(with_dot))) {
        unit = with_dot;
      } else if (learned->count(FoldForLookup(without_dot))) {
        unit = without_dot;
      }
      score = 0.9;  // the supplier prints it so; the column says the rest
    }
    if (!unit.empty()) {
      match.value = std::string(unit);
      match.shape_score = score;
      matches.push_back(std::move(match));
      continue;
    }
    NumberWord number;
    if (SplitNumberWord(word, &number) && !number.unit.empty()) {
      match.value = number.unit;
      match.shape_score = 0.6;
      matches.push_back(std::move(match));
    }
  }
  return matches;
}

}  // namespace quai
