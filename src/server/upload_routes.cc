// POST /api/v1/documents: multipart/form-data, field `file` repeated. Each file
// is stored durably and recorded `received` before the answer (202); reading
// happens on the background readers. A file refused at the door gets its own
// error; the others still go in.
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

// The base name as the client gave it, without folders or control characters.
std::string SafeFileName(const std::string& given, int index) {
  std::string name = given;
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  std::string clean;
  for (unsigned char c : name)
    if (c >= 0x20 && c != 0x7f) clean += static_cast<char>(c);
  if (clean.size() > 200) clean = clean.substr(clean.size() - 200);
  if (clean.empty() || clean == "." || clean == "..") clean = "upload-" + std::to_string(index + 1);
  return clean;
}

nlohmann::json FileError(const std::string& code, const std::string& message) {
  return {{"code", code}, {"message", message}};
}

}  // namespace

void AddUploadRoutes(Router& router, ServerContext& context) {
  RouteOptions options;
  options.max_body_bytes = SIZE_MAX;  // httplib's payload limit (the upload limit) applies instead
  router.Add(
      Method::kPost, "/api/v1/documents", Permission::kUpload,
      [&context](Call& call) {
        if (!call.request.is_multipart_form_data())
          return SendError(call.response, 415, "unsupported_media_type",
                           "send the files as multipart/form-data, each in a field named \"file\"");
        auto range = call.request.files.equal_range("file");
        if (range.first == range.second)
          return SendError(call.response, 400, "invalid_argument", "no \"file\" field in the form");
        const int64_t limit = context.settings.max_file_bytes;
        nlohmann::json results = nlohmann::json::array();
        int index = 0;
        for (auto it = range.first; it != range.second; ++it, ++index) {
          const httplib::MultipartFormData& part = it->second;
          std::string name = SafeFileName(part.filename, index);
          nlohmann::json result = {{"file", name}};
          if (static_cast<int64_t>(part.content.size()) > limit) {
            result["error"] = FileError("too_large", name + ": file is " + std::to_string(part.content.size() >> 20) +
                                                         " MiB, over the limit of " + std::to_string(limit >> 20) +
                                                         " MiB");
            results.push_back(result);
            continue;
          }
          auto received = context.workspace->Receive(name, part.content, "upload");
          if (!received.ok()) {
            result["error"] = FileError("internal", name + ": " + received.status().message());
          } else {
            switch (received->outcome) {
              case IngestOutcome::kStored:
                result["id"] = received->document_id;
                result["status"] = "received";
                break;
              case IngestOutcome::kDuplicate:
                result["id"] = received->document_id;
                result["status"] = "duplicate";
                break;
              case IngestOutcome::kRefused:
                // Refused after the original was stored (corrupt, encrypted, over a
                // page limit): the document exists, marked refused, and keeps its id.
                if (received->document_id != 0) {
                  result["id"] = received->document_id;
                  result["status"] = "refused";
                }
                result["error"] = FileError("invalid_argument", received->error);
                break;
            }
          }
          results.push_back(result);
        }
        SendJson(call.response, 202, {{"documents", results}});
      },
      options);
}

}  // namespace quai::server
