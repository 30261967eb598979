#include "core/file_system.h"
#include "intake/type_sniffer.h"
#include "quai/workspace.h"

namespace quai {
namespace {

// Ground truth, printed text and notes that sit beside documents in a folder
// (docgen output, eval folders) are skipped when walking a directory, but only
// when their content is not a document: a PDF named ".txt" is still ingested.
bool IsTextSidecar(FileSystem* fs, const std::string& path) {
  static const char* const kSidecarSuffixes[] = {".json", ".jsonl", ".txt", ".md"};
  bool named_like_sidecar = false;
  for (const char* suffix : kSidecarSuffixes) named_like_sidecar |= path.ends_with(suffix);
  if (!named_like_sidecar) return false;
  auto head = fs->ReadFile(path, 16 * 1024 * 1024);
  return head.ok() && SniffMediaType(*head) == MediaType::kUnknown;
}

Status Collect(FileSystem* fs, const std::string& path, std::vector<std::string>* out) {
  if (!fs->IsDirectory(path)) {
    out->push_back(path);  // a missing file is reported by intake, with the others
    return Status::Ok();
  }
  auto names = fs->ListDirectory(path);
  if (!names.ok()) return names.status();
  for (const std::string& name : *names) {
    if (name.empty() || name[0] == '.') continue;
    std::string child = JoinPath(path, name);
    if (!fs->IsDirectory(child) && IsTextSidecar(fs, child)) continue;
    QUAI_RETURN_IF_ERROR(Collect(fs, child, out));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::string>> CollectInputFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) QUAI_RETURN_IF_ERROR(Collect(DefaultFileSystem(), path, &files));
  return files;
}

}  // namespace quai
