#include "export/file_sender.h"

#include <set>

#include "export/recadv_writer.h"
#include "receive/goods_receipt.h"

namespace quai {
namespace {

using Json = nlohmann::json;

std::string Text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

// A member of an object, null when absent (operator[] on a const json must not miss).
const Json& Member(const Json& object, const char* key) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

std::string CsvCell(const std::string& text) {
  // A cell a spreadsheet would run as a formula is quoted with a leading '.
  std::string cell = !text.empty() && std::string("=+-@").find(text[0]) != std::string::npos &&
                             !(text.size() > 1 && (std::isdigit(static_cast<unsigned char>(text[1])) || text[1] == '.'))
                         ? "'" + text
                         : text;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;  // not allowed in XML 1.0
        out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::string PayloadToCsv(const Json& payload) {
  const Json& document = Member(payload, "document");
  const Json fields = payload.value("fields", Json::object());
  const Json lines = payload.value("lines", Json::array());
  std::vector<std::string> document_columns = {"key", "document_id", "file", "document_type", "version", "source"};
  std::vector<std::string> field_columns, line_columns;
  for (const auto& [name, value] : fields.items()) field_columns.push_back(name);
  std::set<std::string> seen;
  for (const Json& line : lines)
    for (const auto& [name, value] : line.items())
      if (seen.insert(name).second) line_columns.push_back(name);
  std::string out;
  auto row = [&out](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + CsvCell(cells[i]);
    out += "\r\n";
  };
  std::vector<std::string> header = document_columns;
  for (const auto& name : field_columns) header.push_back(name);
  for (const auto& name : line_columns) header.push_back("line_" + name);
  row(header);
  std::vector<std::string> head = {Text(Member(payload, "key")), Text(Member(document, "id")),
                                   Text(Member(document, "file")), Text(Member(document, "type")),
                                   Text(Member(document, "version")), Text(Member(document, "source"))};
  for (const auto& name : field_columns) head.push_back(Text(Member(fields, name.c_str())));
  if (lines.empty()) {
    head.resize(header.size());
    row(head);
  }
  for (const Json& line : lines) {
    std::vector<std::string> cells = head;
    for (const auto& name : line_columns) cells.push_back(Text(Member(line, name.c_str())));
    row(cells);
  }
  return out;
}

std::string PayloadToXml(const Json& payload) {
  const Json& document = Member(payload, "document");
  auto attribute = [&document](const char* name) {
    return std::string(" ") + name + "=\"" + XmlEscape(Text(Member(document, name))) + "\"";
  };
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document key=\"" +
                    XmlEscape(Text(Member(payload, "key"))) + "\"" + attribute("id") + attribute("type") +
                    attribute("version") + attribute("source") + attribute("file") + ">\n";
  const Json fields = payload.value("fields", Json::object());
  const Json lines = payload.value("lines", Json::array());
  for (const auto& [name, value] : fields.items())
    out += "  <field name=\"" + XmlEscape(name) + "\">" + XmlEscape(Text(value)) + "</field>\n";
  for (const Json& line : lines) {
    out += "  <line>\n";
    for (const auto& [name, value] : line.items())
      out += "    <field name=\"" + XmlEscape(name) + "\">" + XmlEscape(Text(value)) + "</field>\n";
    out += "  </line>\n";
  }
  return out + "</document>\n";
}

FileSender::FileSender(const ExportTarget& target, FileSystem& files) : files_(files) {
  auto setting = [&target](const char* name, const char* fallback) {
    auto it = target.settings.find(name);
    return it == target.settings.end() || it->second.empty() ? std::string(fallback) : it->second;
  };
  folder_ = setting("folder", "");
  sender_gln_ = setting("sender_gln", "");
  receiver_gln_ = setting("receiver_gln", "");
  const std::string list = setting("formats", "json");
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    if (end > start) formats_.push_back(list.substr(start, end - start));
    start = end + 1;
  }
}

Status FileSender::WriteAtomically(const std::string& name, const std::string& content) {
  const std::string path = folder_ + "/" + name, temporary = folder_ + "/." + name + ".tmp";
  auto file = files_.NewWritableFile(temporary);
  if (!file.ok()) return file.status();
  QUAI_RETURN_IF_ERROR((*file)->Append(content));
  QUAI_RETURN_IF_ERROR((*file)->Sync());
  QUAI_RETURN_IF_ERROR((*file)->Close());
  QUAI_RETURN_IF_ERROR(files_.Rename(temporary, path));
  return files_.SyncDirectory(folder_);
}

Result<ExportOutcome> FileSender::Send(const ExportMessage& message) {
  ExportOutcome outcome;
  Status made = files_.CreateDirectories(folder_);
  std::vector<std::string> written;
  for (const std::string& format : formats_) {
    if (!made.ok()) break;
    std::string content;
    if (format == "json") {
      content = message.payload.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
    } else if (format == "csv") {
      content = PayloadToCsv(message.payload);
    } else if (format == "xml") {
      content = PayloadToXml(message.payload);
    } else if (format == "recadv") {
      if (message.accepted == nullptr || message.accepted->accepted.receipt_json.empty()) continue;
      auto receipt = GoodsReceiptFromJson(Json::parse(message.accepted->accepted.receipt_json, nullptr, false));
      if (!receipt.ok()) return receipt.status();
      RecadvParties parties;
      parties.sender_gln = sender_gln_;
      parties.receiver_gln = receiver_gln_;
      auto supplier = message.target->settings.find("supplier_gln." + receipt->supplier_id);
      if (supplier == message.target->settings.end()) supplier = message.target->settings.find("supplier_gln");
      if (supplier != message.target->settings.end()) parties.supplier_gln = supplier->second;
      parties.interchange_reference = std::to_string(message.export_id);
      parties.document_number = "QUAI" + std::to_string(message.document_id) + "V" + std::to_string(message.version);
      parties.prepared_at = message.accepted->created_at;
      auto written = WriteRecadv(*receipt, parties);
      if (!written.ok()) {
        // A setting is missing: no retry will help until a person sets it.
        ExportOutcome refused;
        refused.kind = ExportOutcome::Kind::kRejected;
        refused.answer = written.status().message();
        return refused;
      }
      content = std::move(written).value();
    } else {
      continue;
    }
    const std::string name = message.key + "." + (format == "recadv" ? "edi" : format);
    made = WriteAtomically(name, content);
    if (made.ok()) written.push_back(name);
  }
  if (!made.ok()) {
    // A full disk or a share gone away: tried again later.
    outcome.kind = ExportOutcome::Kind::kRetry;
    outcome.answer = "cannot write in " + folder_ + ": " + made.message();
    return outcome;
  }
  outcome.kind = ExportOutcome::Kind::kDelivered;
  outcome.answer = "wrote";
  for (const auto& name : written) outcome.answer += " " + name;
  outcome.answer += " in " + folder_;
  return outcome;
}

}  // namespace quai
