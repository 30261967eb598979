// The built web UI (web/dist: index.html and assets/) served under "/": a path
// that names a file inside the folder gets that file; any other path without a
// file extension gets index.html (the UI routes in the browser). Paths with
// "." or ".." segments, backslashes or NUL are refused (400), and a file is
// served only if its real path (symlinks resolved) stays inside the folder.
// Thread-safe (reads only).
#pragma once

#include <string>

#include "server/http/http_message.h"

namespace quai::server {

class StaticFiles {
 public:
  explicit StaticFiles(std::string folder);  // empty or missing: every path answers 404
  void Serve(const HttpRequest& request, HttpResponse& response) const;
  // The Content-Security-Policy for every answer: scripts from the server only,
  // plus index.html's own inline scripts by their SHA-256 (nothing else inline).
  const std::string& content_security_policy() const { return content_security_policy_; }

 private:
  std::string root_;  // canonical; empty when there is no UI
  std::string content_security_policy_;
};

// Where the built UI is when --web is not given: <prefix>/share/quai/web when
// installed, else the source tree's web/dist (core/shipped_files.h). Empty when
// it has no index.html.
std::string DefaultWebFolder();

}  // namespace quai::server
