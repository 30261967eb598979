#include "source/source_json.h"

namespace quai {

nlohmann::json SourceToJson(const SourceRecord& source) {
  nlohmann::json settings = nlohmann::json::parse(source.settings_json, nullptr, false);
  return {{"name", source.name},
          {"kind", SourceKindName(source.kind)},
          {"enabled", source.enabled},
          {"settings", settings.is_object() ? settings : nlohmann::json::object()},
          {"has_secret", !source.secret.empty()},
          {"created_at", source.created_at},
          {"last_run_at", source.last_run_at},
          {"last_success_at", source.last_success_at},
          {"documents_taken", source.documents_taken},
          {"errors", source.errors},
          {"last_error", source.last_error}};
}

}  // namespace quai
