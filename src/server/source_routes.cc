// Watched folders and mailboxes (admin): GET /api/v1/sources (each with its
// settings and status: last run, documents taken, errors; the secret never,
// only whether there is one), POST /api/v1/sources {name, kind, settings,
// secret, enabled}, PUT /api/v1/sources/{name} {settings, secret, enabled}
// (no "secret": the stored one stays), DELETE /api/v1/sources/{name}, POST
// /api/v1/sources/{name}/test (connects and says what a pass would take,
// taking nothing). Settings are checked by opening the source as `quai serve`
// does; changes go to the security log.
#include "pipeline/workspace_services.h"
#include "pipeline/workspace_sources.h"
#include "source/source_json.h"
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

using Json = nlohmann::json;

// The source a request describes, over `stored` (a PUT) or from nothing (a POST).
Result<SourceRecord> SourceFromJson(const Json& body, const SourceRecord* stored, bool* secret_given) {
  SourceRecord source = stored != nullptr ? *stored : SourceRecord();
  if (stored == nullptr) {
    if (!body.contains("name") || !body["name"].is_string() || body["name"].get<std::string>().empty())
      return Status::InvalidArgument("\"name\" must be a non-empty string");
    source.name = body["name"].get<std::string>();
    std::optional<SourceKind> kind =
        body.contains("kind") && body["kind"].is_string() ? ParseSourceKind(body["kind"]) : std::nullopt;
    if (!kind) return Status::InvalidArgument("\"kind\" must be \"folder\" or \"imap\"");
    source.kind = *kind;
  }
  if (body.contains("settings")) {
    if (!body["settings"].is_object()) return Status::InvalidArgument("\"settings\" must be an object");
    source.settings_json = body["settings"].dump();
  }
  *secret_given = body.contains("secret");
  if (*secret_given) {
    if (!body["secret"].is_string()) return Status::InvalidArgument("\"secret\" must be a string");
    source.secret = body["secret"].get<std::string>();
  }
  if (body.contains("enabled")) {
    if (!body["enabled"].is_boolean()) return Status::InvalidArgument("\"enabled\" must be true or false");
    source.enabled = body["enabled"].get<bool>();
  }
  return source;
}

}  // namespace

void AddSourceRoutes(Router& router, ServerContext& context) {
  auto store = [&context]() { return context.workspace->services().sources(); };
  auto find = [store](Call& call) -> std::optional<SourceRecord> {
    auto found = store()->FindSource(call.Param("name"));
    if (!found.ok()) {
      SendStatus(call.response, found.status());
      return std::nullopt;
    }
    if (!found->has_value()) {
      SendError(call.response, 404, "not_found", "there is no source named '" + call.Param("name") + "'");
      return std::nullopt;
    }
    return **found;
  };
  auto log = [&context](Call& call, const char* what, const std::string& detail) {
    context.accounts->security_log().Record(what, call.caller->user.name,
                                            ClientAddress(call.request, context.settings), detail);
  };

  router.Add(Method::kGet, "/api/v1/sources", Permission::kAdminister, [store](Call& call) {
    auto sources = store()->ListSources();
    if (!sources.ok()) return SendStatus(call.response, sources.status());
    Json list = Json::array();
    for (const SourceRecord& source : *sources) list.push_back(SourceToJson(source));
    SendJson(call.response, 200, {{"sources", list}});
  });

  auto save = [store, log, &context](Call& call, const SourceRecord* stored) {
    Json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    bool secret_given = false;
    auto source = SourceFromJson(body, stored, &secret_given);
    if (!source.ok()) return SendStatus(call.response, source.status());
    auto opened = OpenWatchedSource(*source, WorkspaceSourceServices(*context.workspace));
    if (!opened.ok()) return SendStatus(call.response, opened.status());
    if (stored == nullptr) {
      auto added = store()->AddSource(*source);
      if (!added.ok()) return SendStatus(call.response, added.status());
    } else {
      Status changed = store()->UpdateSource(source->name, source->settings_json,
                                             secret_given ? std::optional<std::string>(source->secret) : std::nullopt,
                                             source->enabled);
      if (!changed.ok()) return SendStatus(call.response, changed);
    }
    log(call, "source_changed", source->name + " (" + SourceKindName(source->kind) + ")");
    auto saved = store()->FindSource(source->name);
    if (!saved.ok() || !saved->has_value()) return SendStatus(call.response, saved.status());
    SendJson(call.response, stored != nullptr ? 200 : 201, SourceToJson(**saved));
  };
  router.Add(Method::kPost, "/api/v1/sources", Permission::kAdminister, [save](Call& call) { save(call, nullptr); });
  router.Add(Method::kPut, "/api/v1/sources/{name}", Permission::kAdminister, [find, save](Call& call) {
    auto stored = find(call);
    if (stored) save(call, &*stored);
  });
  router.Add(Method::kDelete, "/api/v1/sources/{name}", Permission::kAdminister, [store, find, log](Call& call) {
    auto stored = find(call);
    if (!stored) return;
    Status removed = store()->RemoveSource(stored->name);
    if (!removed.ok()) return SendStatus(call.response, removed);
    log(call, "source_removed", stored->name);
    SendJson(call.response, 200, {{"removed", stored->name}});
  });
  router.Add(Method::kPost, "/api/v1/sources/{name}/test", Permission::kAdminister, [find, &context](Call& call) {
    auto stored = find(call);
    if (!stored) return;
    auto opened = OpenWatchedSource(*stored, WorkspaceSourceServices(*context.workspace));
    if (!opened.ok()) return SendJson(call.response, 200, {{"ok", false}, {"error", opened.status().message()}});
    auto lines = (*opened)->Test();
    if (!lines.ok()) return SendJson(call.response, 200, {{"ok", false}, {"error", lines.status().message()}});
    SendJson(call.response, 200, {{"ok", true}, {"lines", *lines}});
  });
}

}  // namespace quai::server
