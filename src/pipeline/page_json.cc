#include "pipeline/page_json.h"

namespace quai {

nlohmann::json DocumentToJson(const DocumentRecord& r) {
  return {{"id", r.id},
          {"sha256", r.sha256},
          {"original_name", r.original_name},
          {"source", r.source},
          {"media_type", MediaTypeName(r.media_type)},
          {"size_bytes", r.size_bytes},
          {"page_count", r.page_count},
          {"status", DocumentStatusName(r.status)},
          {"error", r.error},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

}  // namespace quai
