#include "erp/csv_reader.h"

#include <csv.h>

#include <algorithm>
#include <cctype>

namespace quai {
namespace {

std::string Trimmed(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

// libcsv's callbacks gather a row's fields, then hand the row on.
struct RowCollector {
  const std::string& file_name;
  const std::vector<std::string>& required;
  const std::function<Status(const CsvRow&)>& on_row;
  std::map<std::string, size_t> columns;
  std::vector<std::string> fields;
  size_t line = 0;
  Status status;

  void EndRow() {
    ++line;
    if (!status.ok()) return;
    if (line == 1) {
      for (size_t i = 0; i < fields.size(); ++i) {
        std::string name = fields[i];
        if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name = name.substr(3);  // a UTF-8 byte order mark
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        columns.emplace(name, i);
      }
      std::string missing;
      for (const auto& name : required)
        if (!columns.count(name)) missing += (missing.empty() ? "" : ", ") + name;
      if (!missing.empty())
        status = Status::InvalidArgument(file_name + ": the header lacks the column(s) " + missing);
    } else if (!(fields.size() == 1 && fields[0].empty())) {  // a blank line
      status = on_row(CsvRow(columns, fields, line));
      if (!status.ok()) status = Status::InvalidArgument(file_name + " line " + std::to_string(line) + ": " + status.message());
    }
    fields.clear();
  }
};

void OnField(void* data, size_t size, void* collector) {
  static_cast<RowCollector*>(collector)->fields.emplace_back(static_cast<const char*>(data), size);
}
void OnRowEnd(int, void* collector) { static_cast<RowCollector*>(collector)->EndRow(); }

}  // namespace

std::string CsvRow::Get(const std::string& column) const {
  auto found = columns_.find(column);
  if (found == columns_.end() || found->second >= values_.size()) return "";
  return Trimmed(values_[found->second]);
}

Status ReadCsv(std::string_view text, const std::string& file_name, const std::vector<std::string>& required,
               const std::function<Status(const CsvRow&)>& on_row) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) return Status::Internal("libcsv would not start");
  RowCollector collector{file_name, required, on_row, {}, {}, 0, Status::Ok()};
  size_t parsed = csv_parse(&parser, text.data(), text.size(), OnField, OnRowEnd, &collector);
  int error = csv_error(&parser);
  if (parsed == text.size() && error == CSV_SUCCESS) error = csv_fini(&parser, OnField, OnRowEnd, &collector);
  csv_free(&parser);
  if (!collector.status.ok()) return collector.status;
  if (parsed != text.size() || error != CSV_SUCCESS)
    return Status::InvalidArgument(file_name + " after line " + std::to_string(collector.line) +
                                   ": not valid CSV (" + csv_strerror(error) + ")");
  if (collector.line == 0) return Status::InvalidArgument(file_name + ": empty (no header row)");
  return Status::Ok();
}

}  // namespace quai
