// The API's resources, one file each; every Add*Routes registers its routes
// (docs/api.md) on the router. Handlers run on the server's handler threads and
// use only the thread-safe services in ServerContext.
#pragma once

#include "server/router.h"
#include "server/server_context.h"

namespace quai::server {

void AddHealthRoutes(Router& router, ServerContext& context);      // health, openapi.json
void AddMonitoringRoutes(Router& router, ServerContext& context);  // /metrics, /health, /ready
void AddSessionRoutes(Router& router, ServerContext& context);     // log in, who am I, log out
void AddDocumentRoutes(Router& router, ServerContext& context);    // list, one, original, events, review queue
void AddUploadRoutes(Router& router, ServerContext& context);      // POST documents
void AddPageRoutes(Router& router, ServerContext& context);        // page images and words
void AddCorrectionRoutes(Router& router, ServerContext& context);  // fields, lines, type, validate, reject
void AddUserRoutes(Router& router, ServerContext& context);        // users (admin)
void AddSchemaRoutes(Router& router, ServerContext& context);      // document types and their fields
void AddSupplierRoutes(Router& router, ServerContext& context);
void AddJobRoutes(Router& router, ServerContext& context);
void AddErpRoutes(Router& router, ServerContext& context);         // ERP connection, sync, rules (admin); orders, overrides         // the job queue (admin)
void AddExportRoutes(Router& router, ServerContext& context);      // export targets, exports, receipts, lots
void AddSourceRoutes(Router& router, ServerContext& context);      // watched folders and mailboxes (admin)
void AddDashboardRoutes(Router& router, ServerContext& context);  // the managers' figures
void AddAuditRoutes(Router& router, ServerContext& context);
void AddRefusedRoutes(Router& router, ServerContext& context);     // read a refused document again, delete it; reading counts       // the security log (admin)    // what was learned: suppliers, drift signals

// The client's address: the peer's, or behind a trusted proxy the last address
// that proxy appended to X-Forwarded-For (session_routes.cc).
std::string ClientAddress(const HttpRequest& request, const ServerSettings& settings);

// The document named by the call's {id}, by id only: NotFound when no
// document has that id (Workspace::FindDocument alone would also take the
// digits as the start of another document's SHA-256).
Result<DocumentRecord> FindDocumentById(ServerContext& context, const Call& call);

// The OpenAPI document (src/server/openapi.json, embedded at build time).
const char* OpenApiDocument();

}  // namespace quai::server
