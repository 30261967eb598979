// Reading documents: the list with filters, one document (extraction contract
// plus review state), its original, its audit trail, and the review queue.
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

// The extension of what the original really is, whatever the client called it.
const char* DetectedExtension(MediaType type) {
  switch (type) {
    case MediaType::kPdf: return ".pdf";
    case MediaType::kPng: return ".png";
    case MediaType::kJpeg: return ".jpg";
    case MediaType::kTiff: return ".tif";
    case MediaType::kXml: return ".xml";
    case MediaType::kUnknown: break;
  }
  return ".bin";
}

// A file name safe inside a quoted header value, with the detected type's
// extension (an upload named "x.html" that is a PDF downloads as "x.pdf"); the
// UTF-8 name goes in filename*.
std::string ContentDisposition(const std::string& original_name, MediaType type) {
  std::string name = original_name;
  size_t dot = name.find_last_of('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  name += DetectedExtension(type);
  std::string plain, encoded;
  for (unsigned char c : name) {
    plain += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || std::string("-._~").find(static_cast<char>(c)) != std::string::npos) {
      encoded += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      encoded += hex;
    }
  }
  return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

Result<DocumentRecord> FindDocumentById(ServerContext& context, const Call& call) {
  const int64_t id = call.Number("id");
  auto record = context.workspace->FindDocument(std::to_string(id));
  // Not found by id, FindDocument tries the digits as a SHA-256 prefix: whatever that finds is not this document.
  if ((record.ok() && record->id != id) || (!record.ok() && record.status().code() == StatusCode::kInvalidArgument))
    return Status::NotFound("no document with id " + std::to_string(id));
  return record;
}

void AddDocumentRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kGet, "/api/v1/documents", Permission::kRead, [&context](Call& call) {
    DocumentSearch search;
    if (call.request.HasQuery("status") && !call.request.Query("status").empty()) {
      ReviewStatus status;
      if (!ParseReviewStatus(call.request.Query("status"), &status))
        return SendError(call.response, 400, "invalid_argument",
                         "status must be one of received, refused, needs_review, auto_accepted, validated, rejected");
      search.status = status;
    }
    search.document_type = call.request.Query("type");
    search.supplier = call.request.Query("supplier");
    search.text = call.request.Query("q");
    static const std::pair<const char*, ReviewSearchFilter::Sort> kSorts[] = {
        {"received", ReviewSearchFilter::Sort::kReceived}, {"file", ReviewSearchFilter::Sort::kFile},
        {"type", ReviewSearchFilter::Sort::kType},         {"supplier", ReviewSearchFilter::Sort::kSupplier},
        {"status", ReviewSearchFilter::Sort::kStatus},     {"po_number", ReviewSearchFilter::Sort::kPoNumber},
        {"document_number", ReviewSearchFilter::Sort::kDocumentNumber}};
    const std::string sort = call.request.Query("sort");
    if (!sort.empty()) {
      bool known = false;
      for (const auto& [name, value] : kSorts)
        if (sort == name) { search.sort = value; known = true; }
      if (!known)
        return SendError(call.response, 400, "invalid_argument",
                         "sort must be one of received, file, type, supplier, status, po_number, document_number");
    }
    const std::string order = call.request.Query("order");
    if (!order.empty() && order != "asc" && order != "desc")
      return SendError(call.response, 400, "invalid_argument", "order must be asc or desc");
    search.descending = order != "asc";
    if (!ParseIntParam(call.request, call.response, "limit", 50, 1, 500, &search.limit)) return;
    if (!ParseIntParam(call.request, call.response, "offset", 0, 0, 1'000'000'000, &search.offset)) return;
    auto found = context.review_desk->Search(search);
    if (!found.ok()) return SendStatus(call.response, found.status());
    SendJson(call.response, 200, *found);
  });

  router.Add(Method::kGet, "/api/v1/documents/{id}", Permission::kRead, [&context](Call& call) {
    auto document = context.review_desk->Document(call.Number("id"));
    if (!document.ok()) return SendStatus(call.response, document.status());
    SendJson(call.response, 200, *document);
  });

  router.Add(Method::kGet, "/api/v1/documents/{id}/original", Permission::kRead, [&context](Call& call) {
    auto record = FindDocumentById(context, call);
    if (!record.ok()) return SendStatus(call.response, record.status());
    // Streamed from the store: a 100 MB original is never held in memory.
    auto path = context.workspace->OriginalPath(*record);
    if (!path.ok()) return SendStatus(call.response, path.status());
    call.response.status = 200;
    call.response.SetHeader("Content-Disposition", ContentDisposition(record->original_name, record->media_type));
    call.response.SetFile(std::move(path).value(), MediaTypeName(record->media_type));
  });

  router.Add(Method::kGet, "/api/v1/documents/{id}/events", Permission::kRead, [&context](Call& call) {
    auto events = context.review_desk->Events(call.Number("id"));
    if (!events.ok()) return SendStatus(call.response, events.status());
    nlohmann::json list = nlohmann::json::array();
    for (const ReviewEvent& event : *events) list.push_back(ReviewEventToJson(event));
    SendJson(call.response, 200, {{"events", list}});
  });

  router.Add(Method::kGet, "/api/v1/review-queue", Permission::kRead, [&context](Call& call) {
    int limit = 50, offset = 0;
    if (!ParseIntParam(call.request, call.response, "limit", 50, 1, 500, &limit)) return;
    if (!ParseIntParam(call.request, call.response, "offset", 0, 0, 1'000'000'000, &offset)) return;
    auto queue = context.review_desk->ReviewQueue(limit, offset);
    if (!queue.ok()) return SendStatus(call.response, queue.status());
    SendJson(call.response, 200, *queue);
  });
}

}  // namespace quai::server
