#include "extract/barcode_candidates.h"

#include "barcode/gs1.h"

namespace quai {

std::string FieldForAi(const std::string& ai) {
  if (ai == "10") return "lot_number";
  if (ai == "17" || ai == "15") return "expiry_date";
  if (ai == "400") return "po_number";
  if (ai == "37") return "quantity";
  return "";
}

std::vector<Gs1Value> FindGs1Values(const DocumentView& view) {
  std::vector<Gs1Value> values;
  auto add = [&](const std::vector<Gs1Element>& elements, int page, int row, const Box& box, bool bars) {
    for (const Gs1Element& e : elements) {
      std::string field = FieldForAi(e.ai);
      if (field.empty()) continue;
      values.push_back({field, e.normalised.empty() ? e.value : e.normalised, e.ai, page, row, box, bars});
    }
  };
  for (size_t p = 0; p < view.pages().size(); ++p)
    for (const Barcode& barcode : view.pages()[p].barcodes) {
      if (!barcode.gs1) continue;
      auto elements = ParseGs1(barcode.text);
      if (elements.ok()) add(*elements, static_cast<int>(p), -1, barcode.box, true);
    }
  // Printed GS1 text: a row whose words start with "(NN)".
  for (int r = 0; r < static_cast<int>(view.rows().size()); ++r) {
    const ViewRow& row = view.rows()[r];
    std::string text;
    int first = -1;
    for (int i = 0; i < static_cast<int>(row.words.size()); ++i) {
      const std::string& w = row.words[i]->text;
      if (first < 0 && (w.size() < 3 || w[0] != '(' || !std::isdigit(static_cast<unsigned char>(w[1])))) continue;
      if (first < 0) first = i;
      text += w;  // "(01) 0345 (17) 270331" -> "(01)0345(17)270331"
    }
    if (first < 0 || text.find(')') == std::string::npos) continue;
    auto elements = ParseGs1(text);
    if (elements.ok()) add(*elements, row.page, r, row.box, false);
  }
  return values;
}

void AddGs1Candidates(const std::vector<Gs1Value>& values, const DocumentSchema& schema,
                      std::map<std::string, std::vector<FieldCandidate>>* candidates) {
  for (const Gs1Value& v : values) {
    bool header_field = false;
    for (const FieldSpec& f : schema.fields) header_field |= f.name == v.field;
    if (!header_field) continue;
    FieldCandidate c;
    c.field = v.field;
    c.page = v.page;
    c.row = v.row;
    c.box = v.box;
    c.value = v.value;
    c.printed = "(" + v.ai + ") " + v.value;
    c.evidence = (v.from_bars ? "barcode GS1 (" : "GS1 text (") + v.ai + ")";
    c.from_barcode = v.from_bars ? 1.0 : 0.5;
    (*candidates)[v.field].push_back(std::move(c));
  }
}

}  // namespace quai
