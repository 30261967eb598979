#include "extract/layout_memory.h"

#include <algorithm>
#include <cmath>

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
  return {{"document_id", example.document_id}, {"anchors", anchors}};
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

}  // namespace quai
