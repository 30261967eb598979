#include "export/export_json.h"

namespace quai {

using Json = nlohmann::json;

Json ExportTargetToJson(const ExportTarget& raw) {
  const ExportTarget target = RedactedExportTarget(raw);
  return {{"id", target.id},
          {"name", target.name},
          {"kind", target.kind},
          {"settings", target.settings},
          {"document_types", target.document_types},
          {"include_auto_accepted", target.include_auto_accepted},
          {"field_mapping", target.field_mapping},
          {"max_attempts", target.max_attempts},
          {"enabled", target.enabled},
          {"disabled_reason", target.disabled_reason},
          {"created_at", target.created_at}};
}

Json ExportRecordToJson(const ExportRecord& e) {
  return {{"id", e.id},
          {"document_id", e.document_id},
          {"version", e.version},
          {"target_id", e.target_id},
          {"target", e.target_name},
          {"kind", e.target_kind},
          {"key", e.key},
          {"state", ExportStateName(e.state)},
          {"attempts", e.attempts},
          {"last_error", e.last_error},
          {"answer", e.answer},
          {"external_id", e.external_id},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at},
          {"delivered_at", e.delivered_at.empty() ? Json(nullptr) : Json(e.delivered_at)}};
}

}  // namespace quai
