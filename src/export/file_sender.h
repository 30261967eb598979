// FileSender: writes the export payload as files in the target's folder, for
// a WMS or ERP that reads a drop folder: JSON (the payload as is), CSV (one
// row per line, the document's fields repeated), XML, and EANCOM RECADV for a
// delivery note's receipt. Each file is written under a temporary name
// (".name.tmp"), synced, renamed and its folder synced, so the reader never
// sees half a file; the names are the export's key ("quai-doc12-v2-t3.json"),
// so sending again replaces the same files rather than adding others.
#pragma once

#include <string>
#include <vector>

#include "core/file_system.h"
#include "export/export_sender.h"

namespace quai {

class FileSender : public ExportSender {
 public:
  // Borrows `files`, which must outlive it.
  FileSender(const ExportTarget& target, FileSystem& files);
  Result<ExportOutcome> Send(const ExportMessage& message) override;

 private:
  Status WriteAtomically(const std::string& name, const std::string& content);
  std::string folder_;
  std::vector<std::string> formats_;
  std::string sender_gln_, receiver_gln_;
  FileSystem& files_;
};

// The payload as CSV: a header row, then one row per line (one row when none).
std::string PayloadToCsv(const nlohmann::json& payload);
// The payload as XML: <document key=...><field name=...>value</field>...<line>...</line></document>.
std::string PayloadToXml(const nlohmann::json& payload);

}  // namespace quai
