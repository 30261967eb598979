#include "server/static_files.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/sha256.h"
#include "core/shipped_files.h"
#include "server/api_response.h"

namespace quai::server {
namespace {

namespace fs = std::filesystem;

const char* ContentType(const std::string& extension) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
      {".map", "application/json"}, {".txt", "text/plain; charset=utf-8"}, {".webmanifest", "application/manifest+json"},
  };
  for (const auto& [ext, type] : kTypes)
    if (extension == ext) return type;
  return "application/octet-stream";
}

// False for anything that could step outside the folder once joined to it.
bool IsSafeRelativePath(const std::string& path) {
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  std::stringstream segments(path);
  std::string segment;
  while (std::getline(segments, segment, '/'))
    if (segment == "." || segment == ".." || segment.find("%2e") != std::string::npos ||
        segment.find("%2E") != std::string::npos)
      return false;
  return true;
}

bool SendFile(const fs::path& file, HttpResponse& response, const char* cache_control) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  response.status = 200;
  response.SetHeader("Cache-Control", cache_control);
  response.SetContent(buffer.str(), ContentType(file.extension().string()));
  return true;
}

bool HasIndex(const fs::path& folder) {
  std::error_code error;
  return fs::is_regular_file(folder / "index.html", error);
}

// 'sha256-…' for each inline <script> (one without a src) of an HTML page.
std::string InlineScriptHashes(const std::string& html) {
  std::string sources;
  size_t at = 0;
  while ((at = html.find("<script", at)) != std::string::npos) {
    size_t open_end = html.find('>', at);
    if (open_end == std::string::npos) break;
    size_t close = html.find("</script>", open_end);
    if (close == std::string::npos) break;
    if (html.substr(at, open_end - at).find(" src=") == std::string::npos)
      sources += " 'sha256-" + Sha256Base64(std::string_view(html).substr(open_end + 1, close - open_end - 1)) + "'";
    at = close;
  }
  return sources;
}

std::string ContentSecurityPolicy(const std::string& script_hashes) {
  return "default-src 'self'; script-src 'self'" + script_hashes +
         "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
         "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

}  // namespace

StaticFiles::StaticFiles(std::string folder) : content_security_policy_(ContentSecurityPolicy("")) {
  std::error_code error;
  if (folder.empty() || !HasIndex(folder)) return;
  fs::path canonical = fs::canonical(folder, error);
  if (error) return;
  root_ = canonical.string();
  std::ifstream index(canonical / "index.html", std::ios::binary);
  std::ostringstream html;
  html << index.rdbuf();
  content_security_policy_ = ContentSecurityPolicy(InlineScriptHashes(html.str()));
}

void StaticFiles::Serve(const HttpRequest& request, HttpResponse& response) const {
  const std::string& path = request.path;  // percent-decoded by the server
  if (!IsSafeRelativePath(path) || path.empty() || path[0] != '/')
    return SendError(response, 400, "invalid_argument", "invalid path");
  if (root_.empty())
    return SendError(response, 404, "not_found",
                     "the web UI is not built here (run scripts/setup.sh, or give quai serve --web DIR)");
  std::error_code error;
  const fs::path root(root_);
  fs::path wanted = root / path.substr(1);
  if (!path.empty() && path.back() != '/' && fs::is_regular_file(wanted, error)) {
    fs::path real = fs::canonical(wanted, error);
    std::string real_text = real.string();
    if (!error && real_text.rfind(root_ + "/", 0) == 0) {
      // Vite names files under assets/ by their content hash: they never change.
      bool hashed = real_text.rfind(root_ + "/assets/", 0) == 0;
      if (SendFile(real, response, hashed ? "public, max-age=31536000, immutable" : "no-cache")) return;
    }
    return SendError(response, 404, "not_found", "no file " + path);
  }
  // The UI's own routes (/documents/17, /queue) have no extension: they get index.html.
  std::string last = path.substr(path.find_last_of('/') + 1);
  if (last.find('.') != std::string::npos) return SendError(response, 404, "not_found", "no file " + path);
  if (!SendFile(root / "index.html", response, "no-cache"))
    SendError(response, 404, "not_found", "the web UI has no index.html");
}

std::string DefaultWebFolder() {
  const std::string folder = ShippedFiles().web;
  return HasIndex(folder) ? folder : "";
}

}  // namespace quai::server
