#include "extract/line_arithmetic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace quai {
namespace {

double Number(const std::string& text) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  return end != text.c_str() ? v : NAN;
}

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
  std::snprintf(text, sizeof text, "%.2f", Number(value) / 100);
  return text;
}

}  // namespace

int CheckLineArithmetic(std::vector<LineItem>* items) {
  int adding_up = 0;
  for (LineItem& item : *items) {
    auto q = item.fields.find("quantity"), p = item.fields.find("unit_price"), a = item.fields.find("amount");
    if (q == item.fields.end() || p == item.fields.end() || a == item.fields.end()) continue;
    FieldCandidate &quantity = q->second, &price = p->second, &amount = a->second;
    const double n = Number(quantity.value);
    bool adds_up = AddsUp(n, Number(price.value), Number(amount.value));
    // A lost decimal point: in the price, the amount, or both.
    for (int lost = 1; lost <= 3 && !adds_up; ++lost) {
      std::string new_price = lost & 1 ? WithCents(price.value) : price.value;
      std::string new_amount = lost & 2 ? WithCents(amount.value) : amount.value;
      if (new_price.empty() || new_amount.empty()) continue;
      adds_up = AddsUp(n, Number(new_price), Number(new_amount));
      if (!adds_up) continue;
      for (auto [cell, value] : {std::pair{&price, &new_price}, std::pair{&amount, &new_amount}})
        if (cell->value != *value) {
          cell->value = *value;
          cell->repaired = true;
          cell->evidence += ", decimal point restored";
        }
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

void CheckInvoiceArithmetic(Extraction* extraction) {
  auto get = [&](const char* name) {
    auto it = extraction->fields.find(name);
    return it == extraction->fields.end() ? NAN : Number(it->second.value);
  };
  const double excl = get("total_excl_tax"), tax = get("total_tax"), incl = get("total_incl_tax");
  if (!std::isnan(excl) && !std::isnan(tax) && !std::isnan(incl) && std::fabs(excl + tax - incl) > 0.015)
    extraction->findings.push_back({"totals_mismatch", "total_incl_tax", true,
                                    "total excl. tax + tax does not equal total incl. tax"});
  // Two totals read and the third not: they cannot be checked (no tax printed
  // is normal only when both totals are equal).
  const int read = !std::isnan(excl) + !std::isnan(tax) + !std::isnan(incl);
  if (read == 2 && !(std::isnan(tax) && std::fabs(excl - incl) <= 0.015)) {
    const char* missing = std::isnan(excl) ? "total_excl_tax" : std::isnan(tax) ? "total_tax" : "total_incl_tax";
    extraction->findings.push_back({"totals_incomplete", missing, true,
                                    std::string(missing) + " was not found: the totals cannot be checked"});
  }
  bool any_amount = false;
  double sum = 0;
  for (size_t i = 0; i < extraction->lines.size(); ++i) {
    auto& line = extraction->lines[i];
    auto q = line.find("quantity"), p = line.find("unit_price"), a = line.find("amount");
    if (a != line.end()) {
      any_amount = true;
      sum += Number(a->second.value);
    }
    if (q == line.end() || p == line.end() || a == line.end()) continue;
    const double quantity = Number(q->second.value), price = Number(p->second.value),
                 amount = Number(a->second.value);
    if (std::isnan(quantity) || std::isnan(price) || std::isnan(amount) || AddsUp(quantity, price, amount)) continue;
    for (auto* v : {&q->second, &p->second, &a->second}) v->confidence = std::min(v->confidence, 0.5);
    extraction->findings.push_back({"line_amount_mismatch", "lines[" + std::to_string(i) + "].amount", false,
                                    "quantity × unit price does not give the amount"});
  }
  if (!any_amount || std::isnan(excl)) return;
  if (std::fabs(sum - excl) > std::max(0.011, 0.0005 * std::fabs(excl)))
    extraction->findings.push_back({"lines_total_mismatch", "lines", true,
                                    "the line amounts do not add up to the total excluding tax"});
}

}  // namespace quai
