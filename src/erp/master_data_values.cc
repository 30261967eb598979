#include "erp/master_data_values.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>

namespace quai {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

Result<double> ParseErpNumber(const std::string& text, const std::string& what) {
  std::string compact;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '\'') compact += c;
  if (compact.empty()) return 0.0;
  if (compact.find('.') == std::string::npos) std::replace(compact.begin(), compact.end(), ',', '.');
  double value = 0;
  auto [end, error] = std::from_chars(compact.data(), compact.data() + compact.size(), value);
  if (error != std::errc() || end != compact.data() + compact.size())
    return Status::InvalidArgument(what + " '" + text + "' is not a number");
  return value;
}

bool ParseErpFlag(const std::string& text) {
  std::string word = Lower(text);
  return word == "1" || word == "true" || word == "yes" || word == "y" || word == "oui" || word == "x";
}

Result<std::map<std::string, double>> ParseUnitConversions(const std::string& text) {
  std::map<std::string, double> conversions;
  std::string pairs = text;
  std::replace(pairs.begin(), pairs.end(), '|', ';');
  if (pairs.find('=') != std::string::npos && pairs.find(';') == std::string::npos)
    std::replace(pairs.begin(), pairs.end(), ',', ';');
  std::stringstream stream(pairs);
  std::string pair;
  while (std::getline(stream, pair, ';')) {
    if (pair.find_first_not_of(" \t") == std::string::npos) continue;
    auto equals = pair.find('=');
    if (equals == std::string::npos)
      return Status::InvalidArgument("conversion '" + pair + "' is not UNIT=factor");
    std::string unit = pair.substr(0, equals);
    unit.erase(0, unit.find_first_not_of(" \t"));
    unit.erase(unit.find_last_not_of(" \t") + 1);
    auto factor = ParseErpNumber(pair.substr(equals + 1), "conversion factor of " + unit);
    if (!factor.ok()) return factor.status();
    if (*factor <= 0) return Status::InvalidArgument("conversion factor of " + unit + " must be positive");
    conversions[unit] = *factor;
  }
  return conversions;
}

}  // namespace quai
