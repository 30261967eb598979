// ReadCsv: the rows of an RFC 4180 CSV text (libcsv, strict: a stray quote is
// an error), one callback per row, so that a million-line export is never held
// as a table. The first row is the header; each row's values are found by
// column name (CsvRow::Get), so columns may come in any order and unknown ones
// are ignored.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "quai/status.h"

namespace quai {

class CsvRow {
 public:
  CsvRow(const std::map<std::string, size_t>& columns, const std::vector<std::string>& values, size_t line)
      : columns_(columns), values_(values), line_(line) {}
  // The value under `column`, trimmed; empty when the file has no such column.
  std::string Get(const std::string& column) const;
  bool Has(const std::string& column) const { return columns_.count(column) > 0; }
  size_t line() const { return line_; }  // from 1, the header being line 1

 private:
  const std::map<std::string, size_t>& columns_;
  const std::vector<std::string>& values_;
  size_t line_;
};

// Calls `on_row` for each row after the header. `required` columns missing
// from the header, a parse error or an error `on_row` returns stop it:
// kInvalidArgument naming `file_name`, the line and the problem.
Status ReadCsv(std::string_view text, const std::string& file_name, const std::vector<std::string>& required,
               const std::function<Status(const CsvRow&)>& on_row);

}  // namespace quai
