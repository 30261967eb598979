// POST /api/v1/documents: multipart/form-data, field `file` repeated. The
// server streams each file to a temporary file under <data>/tmp/uploads as it
// arrives; each is then stored durably and recorded `received` before the
// answer (202), on the server's small pool for heavy handlers (two at a time),
// so that memory stays bounded whatever the number of uploaders and other
// requests never wait behind an intake; reading happens on the background readers.
// A file refused at the door gets its own error; the others still go in.
#include <fstream>

#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

// Without the Unicode controls that reorder text (U+061C, U+200E/F,
// U+202A–U+202E, U+2066–U+2069): "invoice\u202Efdp.exe" must not show as
// "invoiceexe.pdf".
std::string StripBidiControls(const std::string& text) {
  std::string clean;
  for (size_t i = 0; i < text.size(); ++i) {
    auto byte = [&](size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0; };
    if (byte(0) == 0xD8 && byte(1) == 0x9C) {
      ++i;
      continue;
    }
    if (byte(0) == 0xE2 && ((byte(1) == 0x80 && (byte(2) == 0x8E || byte(2) == 0x8F ||
                                                 (byte(2) >= 0xAA && byte(2) <= 0xAE))) ||
                            (byte(1) == 0x81 && byte(2) >= 0xA6 && byte(2) <= 0xA9))) {
      i += 2;
      continue;
    }
    clean += text[i];
  }
  return clean;
}

// The base name as the client gave it, without folders, control characters or
// bidirectional controls.
std::string SafeFileName(const std::string& given, int index) {
  std::string name = StripBidiControls(given);
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

bool ReadWhole(const std::string& path, int64_t size, std::string* bytes) {
  std::ifstream in(path, std::ios::binary);
  bytes->resize(static_cast<size_t>(size));
  return in && in.read(bytes->data(), size) && in.gcount() == size;
}

}  // namespace

void AddUploadRoutes(Router& router, ServerContext& context) {
  RouteOptions options;
  // One file at the limit fits, with room for the multipart framing.
  options.max_body_bytes = context.settings.max_file_bytes + (1 << 20);
  options.upload_folder = context.settings.upload_folder;
  router.Add(
      Method::kPost, "/api/v1/documents", Permission::kUpload,
      [&context](Call& call) {
        std::vector<const UploadedFile*> files;
        for (const UploadedFile& upload : call.request.uploads)
          if (upload.field == "file") files.push_back(&upload);
        if (files.empty()) return SendError(call.response, 400, "invalid_argument", "no \"file\" field in the form");
        const int64_t limit = context.settings.max_file_bytes;
        nlohmann::json results = nlohmann::json::array();
        int index = 0;
        for (auto it = files.begin(); it != files.end(); ++it, ++index) {
          const UploadedFile& part = **it;
          std::string name = SafeFileName(part.file_name, index);
          nlohmann::json result = {{"file", name}};
          if (part.size > limit) {
            result["error"] = FileError("too_large", name + ": file is " + std::to_string(part.size) +
                                                         " bytes, over the limit of " + std::to_string(limit >> 20) +
                                                         " MiB");
            results.push_back(result);
            continue;
          }
          std::string bytes;
          if (!ReadWhole(part.path, part.size, &bytes)) {
            result["error"] = FileError("internal", name + ": the upload could not be read back from disk");
            results.push_back(result);
            continue;
          }
          auto received = context.workspace->Receive(name, std::move(bytes), "upload");
          if (!received.ok()) {
            result["error"] = FileError("internal", name + ": " + received.status().message());
          } else {
            switch (received->outcome) {
              case IngestOutcome::kStored:
                result["id"] = received->document_id;
                result["status"] = "received";
                // Who brought each document in.
                context.accounts->security_log().Record(
                    "document_uploaded", call.caller->user.name, call.request.client_address,
                    "document " + std::to_string(received->document_id) + " (" + name + ")");
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
