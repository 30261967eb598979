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
    // Everyday abbreviations and words of the six languages (fr, en, de, it,
    // es, nl) for pieces, weights, volumes and packagings.
    {"un", 0.4}, {"u.", 0.6}, {"unid", 1.0}, {"unid.", 1.0}, {"unidad", 0.9}, {"unidades", 1.0}, {"ud", 0.9},
    {"ud.", 0.9}, {"uds", 1.0}, {"uds.", 1.0}, {"und", 0.6}, {"st", 0.7}, {"stck", 1.0}, {"stck.", 1.0},
    {"nr", 0.5}, {"pz", 1.0}, {"pza", 1.0}, {"pzas", 1.0}, {"pezzo", 1.0}, {"kilo", 0.9}, {"kilos", 0.9},
    {"litre", 0.9}, {"litres", 0.9}, {"liter", 0.9}, {"liters", 0.9}, {"litro", 0.9}, {"litros", 0.9},
    {"litri", 0.9}, {"metre", 0.8}, {"metres", 0.9}, {"meter", 0.8}, {"meters", 0.9}, {"metro", 0.7},
    {"metros", 0.8}, {"metri", 0.8}, {"lfm", 1.0}, {"mtr", 1.0}, {"mq", 0.9}, {"mc", 0.7}, {"tonne", 0.8},
    {"tonnes", 0.9}, {"ton", 0.7}, {"tons", 0.8}, {"mt", 0.6}, {"dz", 0.8}, {"docena", 0.9},
    {"ct", 0.8}, {"ctn", 1.0}, {"ctns", 1.0}, {"crt", 0.9}, {"cart.", 0.9}, {"kart.", 0.9}, {"ktn", 1.0},
    {"krt", 0.9}, {"cartone", 0.9}, {"cartoni", 0.9}, {"caja", 0.9}, {"cajas", 0.9}, {"cj", 0.8}, {"cs", 0.6},
    {"case", 0.6}, {"cases", 0.7}, {"crate", 0.8}, {"crates", 0.9}, {"kiste", 0.9}, {"kisten", 0.9},
    {"krat", 0.9}, {"kratten", 0.9}, {"bte", 0.9}, {"btes", 0.9}, {"bx", 0.8}, {"cf", 0.8}, {"cf.", 0.8},
    {"conf", 0.8}, {"sc", 0.5}, {"pk", 0.8}, {"pkt", 0.9}, {"pck", 0.9}, {"pak", 0.8}, {"pakken", 0.9},
    {"paket", 0.9}, {"pakete", 0.9}, {"paquete", 0.9}, {"paquetes", 0.9}, {"paq", 0.9}, {"sachet", 0.9},
    {"sachets", 0.9}, {"sack", 0.8}, {"sacke", 0.9}, {"sacco", 0.9}, {"sacchi", 0.9}, {"saco", 0.9},
    {"sacos", 0.9}, {"zak", 0.9}, {"zakken", 0.9}, {"beutel", 0.9}, {"bg", 0.7}, {"rlx", 1.0}, {"rl", 0.7},
    {"rll", 0.9}, {"rotolo", 0.9}, {"rotoli", 0.9}, {"rollo", 0.9}, {"rollos", 0.9}, {"reel", 0.8},
    {"reels", 0.9}, {"bobine", 0.9}, {"bobines", 0.9}, {"bobina", 0.9}, {"bobinas", 0.9}, {"coil", 0.8},
    {"coils", 0.9}, {"bundle", 0.8}, {"bundles", 0.9}, {"bdl", 0.9}, {"bund", 0.7}, {"sheet", 0.6},
    {"sheets", 0.7}, {"fass", 0.9}, {"fasser", 0.9}, {"fusto", 0.9}, {"fusti", 0.9}, {"vaten", 0.8},
    {"bid", 0.8}, {"bid.", 0.8}, {"bidone", 0.9}, {"bidoni", 0.9}, {"tanica", 0.9}, {"taniche", 0.9},
    {"kanister", 0.9}, {"jerrican", 0.9}, {"jerricans", 0.9}, {"garrafa", 0.9}, {"garrafas", 0.9},
    {"seau", 0.9}, {"seaux", 0.9}, {"eimer", 0.9}, {"emmer", 0.9}, {"emmers", 0.9}, {"pail", 0.8},
    {"pails", 0.9}, {"secchio", 0.9}, {"cubo", 0.7}, {"dose", 0.6}, {"dosen", 0.8}, {"tin", 0.6},
    {"tins", 0.7}, {"bote", 0.7}, {"botes", 0.8}, {"flasche", 0.9}, {"flaschen", 0.9}, {"fl.", 0.7},
    {"fles", 0.9}, {"flessen", 0.9}, {"flacone", 0.9}, {"flaconi", 0.9}, {"botella", 0.9}, {"botellas", 0.9},
    {"bouteille", 0.9}, {"bouteilles", 0.9}, {"btl", 0.9}, {"plt", 0.9}, {"pal.", 0.8}, {"pale", 0.6},
    {"bancale", 0.9}, {"bancali", 0.9}, {"collo", 0.9}, {"colli", 0.9}, {"gebinde", 0.9}, {"ibc", 0.9},
    {"satz", 0.7}, {"paire(s)", 1.0}, {"pares", 0.8}, {"stuks.", 1.0},
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
