// GET /api/v1/schemas: the document types of config/schemas/ with each field's
// value type, whether it is required and its auto-accept threshold (the label
// vocabulary stays on the server). Loaded once, on the first request.
#include <mutex>

#include "extract/schema.h"
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

nlohmann::json FieldsJson(const std::vector<FieldSpec>& fields) {
  nlohmann::json list = nlohmann::json::array();
  for (const FieldSpec& field : fields)
    list.push_back({{"name", field.name},
                    {"type", ValueTypeName(field.type)},
                    {"required", field.required},
                    {"auto_accept", field.auto_accept}});
  return list;
}

Result<nlohmann::json> LoadSchemasJson() {
  auto schemas = SchemaSet::LoadDirectory(DefaultSchemaDirectory());
  if (!schemas.ok()) return schemas.status();
  nlohmann::json list = nlohmann::json::array();
  for (const DocumentSchema& schema : schemas->schemas())
    list.push_back({{"document_type", schema.document_type},
                    {"description", schema.description},
                    {"fields", FieldsJson(schema.fields)},
                    {"lines", FieldsJson(schema.lines)}});
  return nlohmann::json{{"schemas", list}};
}

}  // namespace

void AddSchemaRoutes(Router& router, ServerContext&) {
  router.Add(Method::kGet, "/api/v1/schemas", Permission::kRead, [](Call& call) {
    static std::mutex mutex;
    static std::optional<nlohmann::json> loaded;  // guarded by mutex
    std::lock_guard<std::mutex> lock(mutex);
    if (!loaded) {
      auto schemas = LoadSchemasJson();
      if (!schemas.ok()) return SendStatus(call.response, schemas.status());
      loaded = std::move(schemas).value();
    }
    SendJson(call.response, 200, *loaded);
  });
}

}  // namespace quai::server
