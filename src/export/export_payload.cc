#include "export/export_payload.h"

namespace quai {
namespace {

using Json = nlohmann::json;

// The target's name for field `name` (a line field is looked up as "lines.name").
std::string Mapped(const ExportTarget& target, const std::string& prefix, const std::string& name) {
  auto it = target.field_mapping.find(prefix + name);
  return it == target.field_mapping.end() ? name : it->second;
}

// {"po_number": {"value": "4500", ...}} -> {"po_number": "4500"}, mapped.
Json PlainValues(const Json& values, const ExportTarget& target, const std::string& prefix) {
  Json plain = Json::object();
  if (!values.is_object()) return plain;
  for (const auto& [name, field] : values.items()) {
    const Json value = field.is_object() ? field.value("value", Json(nullptr)) : field;
    if (value.is_null()) continue;
    plain[Mapped(target, prefix, name)] = value;
  }
  return plain;
}

}  // namespace

Result<Json> BuildExportPayload(const DocumentRecord& document, const DocumentVersion& version,
                                const ExportTarget& target, const std::string& key, int supersedes,
                                const std::string& supersedes_key) {
  Json values = Json::parse(version.accepted.values_json, nullptr, false);
  if (!values.is_object())
    return Status::InvalidArgument("version " + std::to_string(version.version) + " of document " +
                                   std::to_string(document.id) + " has values that are not JSON");
  Json lines = Json::array();
  if (values.contains("lines") && values["lines"].is_array())
    for (const Json& line : values["lines"]) lines.push_back(PlainValues(line, target, "lines."));
  Json receipt = nullptr;
  if (!version.accepted.receipt_json.empty()) {
    receipt = Json::parse(version.accepted.receipt_json, nullptr, false);
    if (receipt.is_discarded()) receipt = nullptr;
  }
  Json lots = Json::array();
  for (const LotEntry& lot : version.accepted.lots)
    lots.push_back({{"role", lot.role},
                    {"lot_number", lot.lot_number},
                    {"article_code", lot.article_code},
                    {"po_number", lot.po_number},
                    {"quantity", lot.quantity},
                    {"unit", lot.unit},
                    {"expiry_date", lot.expiry_date}});
  return Json{{"type", "document.accepted"},
              {"key", key},
              {"document",
               {{"id", document.id},
                {"file", document.original_name},
                {"sha256", document.sha256},
                {"type", version.accepted.document_type},
                {"version", version.version},
                {"supersedes_version", supersedes > 0 ? Json(supersedes) : Json(nullptr)},
                {"supersedes_key", supersedes_key.empty() ? Json(nullptr) : Json(supersedes_key)},
                {"source", version.accepted.source},
                {"accepted_by", version.accepted.accepted_by},
                {"accepted_at", version.created_at}}},
              {"fields", PlainValues(values.value("fields", Json::object()), target, "")},
              {"lines", std::move(lines)},
              {"receipt", std::move(receipt)},
              {"lots", std::move(lots)}};
}

}  // namespace quai
