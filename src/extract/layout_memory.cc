#include "extract/layout_memory.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "extract/candidate_features.h"
#include "extract/label_lexicon.h"

namespace quai {
namespace {

// A value is "in the same place" when its left or right edge is within this
// share of the page width, and its middle within this share of the height.
constexpr double kSamePlaceX = 0.03;
constexpr double kSamePlaceY = 0.03;

bool SamePage(const FieldAnchor& anchor, int page, int pages) {
  if (anchor.page == page) return true;
  // A value on a multi-page document's last page stays on the last page.
  return anchor.pages > 1 && anchor.page == anchor.pages - 1 && page == pages - 1;
}

bool SamePlace(const FieldAnchor& a, const FieldAnchor& b) {
  double dx = std::min(std::fabs(a.x0 - b.x0), std::fabs(a.x1 - b.x1));
  double dy = std::fabs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
  return dx <= kSamePlaceX && dy <= kSamePlaceY;
}

struct MemoryFeatureIndex {
  int documents = CandidateFeatures::Index("memory_documents");
  int label = CandidateFeatures::Index("memory_label");
  int position = CandidateFeatures::Index("memory_position");
  int value = CandidateFeatures::Index("memory_value");
};

}  // namespace

bool SameContext(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  return std::max(a.size(), b.size()) >= 6 && Similarity(a, b) >= 0.8;
}

nlohmann::json LayoutExampleToJson(const LayoutExample& example) {
  nlohmann::json anchors = nlohmann::json::array();
  for (const FieldAnchor& a : example.anchors)
    anchors.push_back({{"field", a.field}, {"page", a.page}, {"pages", a.pages},
                       {"box", {a.x0, a.y0, a.x1, a.y1}}, {"left", a.left}, {"above", a.above}, {"value", a.value}});
  nlohmann::json json = {{"document_id", example.document_id}, {"anchors", anchors}};
  if (!example.lines.empty()) json["lines"] = example.lines;
  if (!example.values.empty()) json["values"] = example.values;
  if (example.date_order != DateOrder::kUnknown)
    json["date_order"] = example.date_order == DateOrder::kMonthFirst ? "month_first" : "day_first";
  return json;
}

std::map<std::string, std::vector<std::string>> SupplierLabels(const LayoutMemory& memory) {
  std::map<std::string, std::map<std::string, int>> seen;  // field -> context -> documents
  std::map<std::string, int> found;                        // field -> documents with its anchor
  std::map<std::string, std::set<std::string>> fields_of;  // context -> fields it was beside
  for (size_t i = 0; i < memory.examples.size() && i < static_cast<size_t>(kLayoutMemoryDocuments); ++i) {
    std::map<std::string, std::set<std::string>> contexts;
    for (const FieldAnchor& a : memory.examples[i].anchors) {
      if (a.field.starts_with(kLineAnchorPrefix)) continue;
      auto& of_field = contexts[a.field];
      for (const std::string* context : {&a.left, &a.above})
        if (!context->empty()) of_field.insert(*context);
    }
    for (const auto& [field, texts] : contexts) {
      ++found[field];
      for (const std::string& text : texts) {
        ++seen[field][text];
        fields_of[text].insert(field);
      }
    }
  }
  std::map<std::string, std::vector<std::string>> labels;
  for (const auto& [field, texts] : seen)
    for (const auto& [text, documents] : texts)
      if (documents >= 2 && 2 * documents >= found[field] && fields_of[text].size() == 1) labels[field].push_back(text);
  return labels;
}

DateOrder LearnedDateOrder(const LayoutMemory& memory) {
  DateOrder learned = DateOrder::kUnknown;
  for (size_t i = 0; i < memory.examples.size() && i < static_cast<size_t>(kLayoutMemoryDocuments); ++i) {
    const DateOrder order = memory.examples[i].date_order;
    if (order == DateOrder::kUnknown) continue;
    if (learned != DateOrder::kUnknown && learned != order) return DateOrder::kUnknown;  // they disagree
    learned = order;
  }
  return learned;
}

std::map<std::string, std::string> HeaderValues(const LayoutExample& example) {
  if (!example.values.empty()) return example.values;
  std::map<std::string, std::string> values;
  for (const FieldAnchor& a : example.anchors)
    if (!a.value.empty() && !a.field.starts_with(kLineAnchorPrefix)) values.emplace(a.field, a.value);
  return values;
}

namespace {

Result<LayoutExample> ParseLayoutExampleJson(const nlohmann::json& json) {
  if (json.is_discarded() || !json.is_object() || !json.value("anchors", nlohmann::json()).is_array())
    return Status::InvalidArgument("layout example: expected {\"anchors\": [...]}");
  LayoutExample example;
  example.document_id = json.value("document_id", int64_t{0});
  for (const auto& a : json["anchors"]) {
    if (!a.is_object() || !a.value("box", nlohmann::json()).is_array() || a["box"].size() != 4)
      return Status::InvalidArgument("layout example: an anchor without a box of 4 numbers");
    FieldAnchor anchor;
    anchor.field = a.value("field", "");
    anchor.page = a.value("page", 0);
    anchor.pages = a.value("pages", 1);
    anchor.x0 = a["box"][0].get<double>();
    anchor.y0 = a["box"][1].get<double>();
    anchor.x1 = a["box"][2].get<double>();
    anchor.y1 = a["box"][3].get<double>();
    anchor.left = a.value("left", "");
    anchor.above = a.value("above", "");
    anchor.value = a.value("value", "");
    example.anchors.push_back(std::move(anchor));
  }
  const std::string order = json.value("date_order", "");
  example.date_order = order == "month_first" ? DateOrder::kMonthFirst
                       : order == "day_first" ? DateOrder::kDayFirst
                                              : DateOrder::kUnknown;
  if (json.contains("values")) {
    if (!json["values"].is_object()) return Status::InvalidArgument("layout example: \"values\" is not an object");
    for (const auto& [field, value] : json["values"].items())
      if (value.is_string()) example.values[field] = value.get<std::string>();
  }
  // Layout examples stored before line items were kept have none.
  if (json.contains("lines")) {
    if (!json["lines"].is_array()) return Status::InvalidArgument("layout example: \"lines\" is not a list");
    for (const auto& line : json["lines"]) {
      if (!line.is_object()) return Status::InvalidArgument("layout example: a line that is not an object");
      auto& values = example.lines.emplace_back();
      for (const auto& [field, value] : line.items())
        if (value.is_string()) values[field] = value.get<std::string>();
    }
  }
  return example;
}

}  // namespace

Result<LayoutExample> ParseLayoutExample(const std::string& json_text) {
  nlohmann::json json = nlohmann::json::parse(json_text, nullptr, false);
  // A value of the wrong type ("page": "one") throws in nlohmann's accessors.
  try {
    return ParseLayoutExampleJson(json);
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(std::string("layout example: ") + e.what());
  }
}

FieldAnchor AnchorOf(const FieldCandidate& c, const std::vector<Page>& pages) {
  FieldAnchor anchor;
  anchor.field = c.field;
  anchor.page = c.page;
  anchor.pages = static_cast<int>(pages.size());
  const Page& page = pages[c.page];
  double w = page.width > 0 ? page.width : 1, h = page.height > 0 ? page.height : 1;
  anchor.x0 = c.box.x0 / w;
  anchor.y0 = c.box.y0 / h;
  anchor.x1 = c.box.x1 / w;
  anchor.y1 = c.box.y1 / h;
  anchor.left = c.left_context;
  anchor.above = c.above_context;
  anchor.value = c.value;
  return anchor;
}

void ApplyLayoutMemory(const LayoutMemory& memory, const std::vector<Page>& pages,
                       std::map<std::string, std::vector<FieldCandidate>>* candidates) {
  if (memory.empty()) return;
  static const MemoryFeatureIndex index;
  const int documents = std::min(static_cast<int>(memory.examples.size()), kLayoutMemoryDocuments);
  for (auto& [field, list] : *candidates) {
    // This field's anchor in each remembered document (null where it had none).
    std::vector<const FieldAnchor*> anchors;
    for (int d = 0; d < documents; ++d) {
      const FieldAnchor* found = nullptr;
      for (const FieldAnchor& a : memory.examples[d].anchors)
        if (a.field == field) found = &a;
      anchors.push_back(found);
    }
    for (FieldCandidate& c : list) {
      if (c.features.size() < CandidateFeatures::Names().size()) continue;
      FieldAnchor here = AnchorOf(c, pages);
      int label = 0, place = 0, value = 0;
      for (const FieldAnchor* a : anchors) {
        if (a == nullptr) continue;
        label += SameContext(a->left, here.left) || SameContext(a->above, here.above);
        place += SamePage(*a, c.page, static_cast<int>(pages.size())) && SamePlace(*a, here);
        value += a->value == c.value;
      }
      c.features[index.documents] = static_cast<float>(documents);
      c.features[index.label] = static_cast<float>(label) / documents;
      c.features[index.position] = static_cast<float>(place) / documents;
      c.features[index.value] = static_cast<float>(value) / documents;
      if (2 * label < documents && 2 * place < documents) continue;
      std::string what = 2 * label >= documents && 2 * place >= documents ? "same label and place"
                         : 2 * label >= documents                       ? "same label"
                                                                        : "same place";
      c.evidence = "learned from " + std::to_string(documents) + " validated document" + (documents > 1 ? "s" : "") +
                   " of this supplier (" + what + ")";
    }
  }
}

double ColumnShare(const LayoutMemory& memory, const std::string& line_field, const FieldCandidate& cell,
                   const std::vector<Page>& pages) {
  if (memory.empty() || cell.page < 0 || cell.page >= static_cast<int>(pages.size())) return 0;
  const int documents = std::min(static_cast<int>(memory.examples.size()), kLayoutMemoryDocuments);
  const std::string name = kLineAnchorPrefix + line_field;
  FieldAnchor here = AnchorOf(cell, pages);
  const double width = std::max(here.x1 - here.x0, 1e-3);
  int over = 0;
  for (int d = 0; d < documents; ++d)
    for (const FieldAnchor& a : memory.examples[d].anchors)
      if (a.field == name && std::min(a.x1, here.x1) - std::max(a.x0, here.x0) >= 0.5 * width) {
        ++over;
        break;
      }
  return static_cast<double>(over) / documents;
}

std::string ValueShape(const std::string& value) {
  std::string shape;
  for (unsigned char ch : value)
    shape += std::isdigit(ch) ? '9' : std::isupper(ch) ? 'A' : std::islower(ch) ? 'a' : static_cast<char>(ch);
  return shape;
}

namespace {

// `ch` read where `want` (a shape character) belongs; 0 when no confusion explains it.
char UndoConfusion(char ch, char want) {
  static const std::map<char, char> kToDigit = {{'O', '0'}, {'o', '0'}, {'D', '0'}, {'Q', '0'}, {'I', '1'},
                                                {'l', '1'}, {'i', '1'}, {'|', '1'}, {'S', '5'}, {'s', '5'},
                                                {'B', '8'}, {'Z', '2'}, {'z', '2'}, {'G', '6'}, {'T', '7'}};
  static const std::map<char, char> kToLetter = {{'0', 'O'}, {'1', 'I'}, {'5', 'S'}, {'8', 'B'},
                                                 {'2', 'Z'}, {'6', 'G'}, {'|', 'I'}};
  unsigned char c = static_cast<unsigned char>(ch);
  if (want == '9') {
    if (std::isdigit(c)) return ch;
    auto it = kToDigit.find(ch);
    return it == kToDigit.end() ? 0 : it->second;
  }
  if (want == 'A' || want == 'a') {
    char letter = ch;
    if (!std::isalpha(c)) {
      auto it = kToLetter.find(ch);
      if (it == kToLetter.end()) return 0;
      letter = it->second;
    }
    return want == 'A' ? static_cast<char>(std::toupper(static_cast<unsigned char>(letter)))
                       : static_cast<char>(std::tolower(static_cast<unsigned char>(letter)));
  }
  if (ch == want) return ch;
  if (want == '/' && (ch == 'I' || ch == 'l' || ch == '1' || ch == '|' || ch == 'i')) return want;
  if (want == '-' && (ch == '_' || ch == '~' || ch == '.')) return want;
  return 0;
}

}  // namespace

bool FitToShape(const std::string& read, const std::string& shape, std::string* fitted) {
  if (read.size() != shape.size()) return false;
  std::string fixed = read;
  for (size_t i = 0; i < fixed.size(); ++i) {
    const char undone = UndoConfusion(fixed[i], shape[i]);
    if (undone == 0) return false;
    fixed[i] = undone;
  }
  *fitted = std::move(fixed);
  return true;
}

bool ReadWithConfusions(const std::string& read, const std::string& value) {
  if (read.size() != value.size()) return false;
  for (size_t i = 0; i < read.size(); ++i)
    if (read[i] != value[i] && UndoConfusion(read[i], ValueShape(value.substr(i, 1))[0]) != value[i]) return false;
  return true;
}

void RepairByLearnedShapes(const LayoutMemory& memory, const std::vector<std::string>& fields,
                           std::map<std::string, std::vector<FieldCandidate>>* candidates) {
  if (memory.empty()) return;
  const int documents = std::min(static_cast<int>(memory.examples.size()), kLayoutMemoryDocuments);
  for (const std::string& field : fields) {
    auto list = candidates->find(field);
    if (list == candidates->end()) continue;
    std::map<std::string, int> shapes;
    for (int d = 0; d < documents; ++d)
      for (const FieldAnchor& a : memory.examples[d].anchors)
        if (a.field == field && !a.value.empty()) ++shapes[ValueShape(a.value)];
    // The shapes a value may be repaired to: one most remembered values
    // share, or one seen on two documents or more (a customer's several
    // purchase-order series).
    std::vector<std::string> targets;
    for (const auto& [s, n] : shapes)
      if (2 * n > documents || n >= 2) targets.push_back(s);
    if (targets.empty()) continue;
    for (FieldCandidate& c : list->second) {
      if (!c.from_ocr) continue;  // a text layer has no OCR slips to undo
      if (shapes.contains(ValueShape(c.value))) continue;  // a shape the supplier prints
      std::string repaired;
      int fitting = 0;
      std::string target;
      for (const std::string& shape : targets) {
        std::string fixed;
        if (FitToShape(c.value, shape, &fixed) && fitting++ == 0) {
          repaired = fixed;
          target = shape;
        }
      }
      if (fitting != 1) continue;  // none, or two readings: leave it as read
      c.evidence += (c.evidence.empty() ? "" : ", ") + std::string("OCR '") + c.value + "' read as " + repaired +
                    ": the shape of this supplier's " + field + " values (" + target + ")";
      c.value = repaired;
      c.repaired = true;
    }
  }
}

}  // namespace quai
