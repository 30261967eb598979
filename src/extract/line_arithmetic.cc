#include "extract/line_arithmetic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace quai {
namespace {

bool AddsUp(double quantity, double price, double amount) {
  return !std::isnan(quantity) && !std::isnan(price) && !std::isnan(amount) &&
         std::fabs(quantity * price - amount) <= std::max(0.011, 0.005 * std::fabs(amount));
}

// The value with its two decimals back, when OCR lost its decimal point.
std::string WithCents(const std::string& value) {
  if (value.empty() || value.find('.') != std::string::npos) return "";
  for (char ch : value)
    if (ch < '0' || ch > '9') return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", DecimalValue(value) / 100);
  return text;
}

}  // namespace

double DecimalValue(const std::string& text) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  return end != text.c_str() && *end == '\0' ? v : NAN;
}

double HeaderDecimal(const Extraction& extraction, const std::string& field) {
  auto it = extraction.fields.find(field);
  return it == extraction.fields.end() ? NAN : DecimalValue(it->second.value);
}

bool TotalsAddUp(const Extraction& extraction) {
  const double excl = HeaderDecimal(extraction, "total_excl_tax"), tax = HeaderDecimal(extraction, "total_tax"),
               incl = HeaderDecimal(extraction, "total_incl_tax");
  return !std::isnan(excl) && !std::isnan(tax) && !std::isnan(incl) && incl > 0 && std::fabs(excl + tax - incl) < 0.005;
}

int CheckLineArithmetic(std::vector<LineItem>* items) {
  int adding_up = 0;
  for (LineItem& item : *items) {
    auto quantity_cell = item.fields.find("quantity"), price_cell = item.fields.find("unit_price"),
         amount_cell = item.fields.find("amount");
    if (quantity_cell == item.fields.end() || price_cell == item.fields.end() || amount_cell == item.fields.end())
      continue;
    FieldCandidate &quantity = quantity_cell->second, &price = price_cell->second, &amount = amount_cell->second;
    const double units = DecimalValue(quantity.value);
    bool adds_up = AddsUp(units, DecimalValue(price.value), DecimalValue(amount.value));
    // A decimal point lost in the price or in the amount. (Lost in both, the
    // line still adds up, in cents: a person sees the values.)
    for (FieldCandidate* misread : {&price, &amount}) {
      if (adds_up) break;
      const std::string restored = WithCents(misread->value);
      if (restored.empty()) continue;
      adds_up = misread == &price ? AddsUp(units, DecimalValue(restored), DecimalValue(amount.value))
                                  : AddsUp(units, DecimalValue(price.value), DecimalValue(restored));
      if (!adds_up) continue;
      misread->value = restored;
      misread->repaired = true;
      misread->evidence += ", decimal point restored";
    }
    if (!adds_up) continue;
    ++adding_up;
    for (FieldCandidate* cell : {&quantity, &price, &amount}) {
      cell->adds_up = true;
      cell->evidence += ", quantity × price = amount";
    }
  }
  return adding_up;
}

std::optional<bool> LineAddsUp(const std::map<std::string, ExtractedValue>& line) {
  auto quantity = line.find("quantity"), price = line.find("unit_price"), amount = line.find("amount");
  if (quantity == line.end() || price == line.end() || amount == line.end()) return std::nullopt;
  const double units = DecimalValue(quantity->second.value), unit_price = DecimalValue(price->second.value),
               total = DecimalValue(amount->second.value);
  if (std::isnan(units) || std::isnan(unit_price) || std::isnan(total)) return std::nullopt;
  return AddsUp(units, unit_price, total);
}

void LowerLinesNotAddingUp(Extraction* extraction) {
  for (auto& line : extraction->lines) {
    if (LineAddsUp(line).value_or(true)) continue;
    for (const char* name : {"quantity", "unit_price", "amount"}) {
      ExtractedValue& cell = line[name];
      cell.confidence = std::min(cell.confidence, 0.5);
    }
  }
}

}  // namespace quai
