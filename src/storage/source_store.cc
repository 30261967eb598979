#include "storage/source_store.h"

namespace quai {

const char* SourceKindName(SourceKind kind) { return kind == SourceKind::kFolder ? "folder" : "imap"; }

std::optional<SourceKind> ParseSourceKind(const std::string& name) {
  if (name == "folder") return SourceKind::kFolder;
  if (name == "imap") return SourceKind::kMailbox;
  return std::nullopt;
}

}  // namespace quai
