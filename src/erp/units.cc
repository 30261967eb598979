#include "erp/units.h"

#include <map>

#include "core/match_text.h"

namespace quai {
namespace {

struct UnitOf {
  const char* dimension;
  double factor;  // in the dimension's base unit
};

const std::map<std::string, std::string>& Synonyms() {
  static const std::map<std::string, std::string> synonyms = {
      {"KILO", "KG"}, {"KILOS", "KG"}, {"KGS", "KG"}, {"KILOGRAMME", "KG"}, {"KILOGRAMMES", "KG"},
      {"KILOGRAM", "KG"}, {"KILOGRAMS", "KG"}, {"KGM", "KG"},
      {"GR", "G"}, {"GRS", "G"}, {"GRAMME", "G"}, {"GRAMMES", "G"}, {"GRAM", "G"}, {"GRAMS", "G"}, {"GRM", "G"},
      {"TONNE", "T"}, {"TONNES", "T"}, {"TO", "T"}, {"TON", "T"}, {"TNE", "T"},
      {"LITRE", "L"}, {"LITRES", "L"}, {"LITER", "L"}, {"LITERS", "L"}, {"LT", "L"}, {"LTR", "L"}, {"LTRS", "L"},
      {"MILLILITRE", "ML"}, {"MILLILITER", "ML"}, {"MLT", "ML"}, {"CENTILITRE", "CL"},
      {"M³", "M3"}, {"MTQ", "M3"},
      {"METRE", "M"}, {"METRES", "M"}, {"METER", "M"}, {"METERS", "M"}, {"MTR", "M"}, {"MT", "M"},
      {"KILOMETRE", "KM"}, {"KMT", "KM"}, {"CENTIMETRE", "CM"}, {"CMT", "CM"}, {"MILLIMETRE", "MM"}, {"MMT", "MM"},
      {"PC", "PCE"}, {"PCS", "PCE"}, {"PCES", "PCE"}, {"PIECE", "PCE"}, {"PIECES", "PCE"}, {"U", "PCE"},
      {"UN", "PCE"}, {"UNITE", "PCE"}, {"UNITES", "PCE"}, {"UNIT", "PCE"}, {"UNITS", "PCE"}, {"EA", "PCE"},
      {"EACH", "PCE"}, {"STK", "PCE"}, {"ST", "PCE"}, {"STUCK", "PCE"}, {"H87", "PCE"}, {"C62", "PCE"},
      {"UNITA", "PCE"}, {"PZ", "PCE"}, {"STUKS", "PCE"},
  };
  return synonyms;
}

const std::map<std::string, UnitOf>& Dimensions() {
  static const std::map<std::string, UnitOf> units = {
      {"MG", {"mass", 1e-6}}, {"G", {"mass", 1e-3}}, {"KG", {"mass", 1}}, {"T", {"mass", 1000}},
      {"ML", {"volume", 1e-3}}, {"CL", {"volume", 1e-2}}, {"DL", {"volume", 1e-1}}, {"L", {"volume", 1}},
      {"HL", {"volume", 100}}, {"M3", {"volume", 1000}},
      {"MM", {"length", 1e-3}}, {"CM", {"length", 1e-2}}, {"M", {"length", 1}}, {"KM", {"length", 1000}},
      {"PCE", {"count", 1}}, {"DZ", {"count", 12}}, {"DOUZAINE", {"count", 12}},
  };
  return units;
}

// The factor of canonical `unit` in `article`'s conversions, looked up canonically.
std::optional<double> ArticleFactor(const ErpArticle& article, const std::string& unit) {
  for (const auto& [name, factor] : article.conversions)
    if (CanonicalUnit(name) == unit) return factor;
  return std::nullopt;
}

std::optional<double> ByDimension(double quantity, const std::string& from, const std::string& to) {
  if (from == to) return quantity;
  auto a = Dimensions().find(from), b = Dimensions().find(to);
  if (a == Dimensions().end() || b == Dimensions().end()) return std::nullopt;
  if (std::string(a->second.dimension) != b->second.dimension) return std::nullopt;
  return quantity * a->second.factor / b->second.factor;
}

}  // namespace

std::string CanonicalUnit(const std::string& unit) {
  std::string folded;
  for (char c : NormaliseForMatch(unit))
    if (c != ' ' && c != '.') folded += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto synonym = Synonyms().find(folded);
  return synonym != Synonyms().end() ? synonym->second : folded;
}

std::optional<double> ConvertQuantity(double quantity, const std::string& from, const std::string& to,
                                      const ErpArticle* article) {
  std::string a = CanonicalUnit(from), b = CanonicalUnit(to);
  if (a.empty() || b.empty()) return quantity;
  if (auto direct = ByDimension(quantity, a, b)) return direct;
  if (article == nullptr) return std::nullopt;
  // Through the article's stock unit: `from` -> stock unit -> `to`.
  std::string stock = CanonicalUnit(article->unit);
  std::optional<double> in_stock = ByDimension(quantity, a, stock);
  if (!in_stock)
    if (auto factor = ArticleFactor(*article, a)) in_stock = quantity * *factor;
  if (!in_stock) return std::nullopt;
  if (auto out = ByDimension(*in_stock, stock, b)) return out;
  if (auto factor = ArticleFactor(*article, b)) return *in_stock / *factor;
  return std::nullopt;
}

}  // namespace quai
