#include "erp/query_columns.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace quai {
namespace {

std::string Trimmed(std::string text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.back())) text.pop_back();
  size_t start = 0;
  while (start < text.size() && space(text[start])) ++start;
  return text.substr(start);
}

std::string Lowered(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool ParseNumber(const std::string& text, double* number) {
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, *number);
  return error == std::errc() && stop == end && std::isfinite(*number);
}

bool IsDigits(std::string_view text) {
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

Result<QueryColumns> QueryColumns::Bind(PostgresSessionRows rows, std::string query_name,
                                        const std::vector<std::string_view>& required,
                                        const std::vector<std::string_view>& optional) {
  QueryColumns columns(std::move(rows), std::move(query_name));
  for (std::string_view name : required) {
    int index = columns.rows_.FindColumn(name);
    if (index < 0) {
      std::string present;
      for (int column = 0; column < columns.rows_.column_count(); ++column)
        present += (column == 0 ? "" : ", ") + columns.rows_.column_name(column);
      return Status::InvalidArgument(columns.query_name_ + " has no column " + std::string(name) +
                                     " (it returns: " + (present.empty() ? "no columns" : present) +
                                     "); name it with AS " + std::string(name));
    }
    columns.columns_.emplace(name, index);
  }
  for (std::string_view name : optional)
    if (int index = columns.rows_.FindColumn(name); index >= 0) columns.columns_.emplace(name, index);
  return columns;
}

void QueryRow::Fail(std::string_view column, const std::string& problem) {
  if (status_.ok())
    status_ = Status::InvalidArgument(columns_.query_name_ + ", row " + std::to_string(row_ + 1) + ": " +
                                      std::string(column) + " " + problem);
}

std::string QueryRow::Text(std::string_view column) {
  auto bound = columns_.columns_.find(column);
  if (!status_.ok() || bound == columns_.columns_.end()) return "";
  return Trimmed(columns_.rows_.Value(row_, bound->second));
}

std::string QueryRow::Key(std::string_view column) {
  std::string text = Text(column);
  if (text.empty()) Fail(column, "is empty");
  return text;
}

double QueryRow::Decimal(std::string_view column) {
  std::string text = Text(column);
  double number = 0;
  if (!text.empty() && !ParseNumber(text, &number)) {
    Fail(column, "'" + text + "' is not a number (digits and a '.' expected: cast it to numeric in the query)");
    return 0;
  }
  return number;
}

int QueryRow::Days(std::string_view column) {
  std::string text = Text(column);
  double number = 0;
  if (!text.empty() && (!ParseNumber(text, &number) || number < 0 || number != std::floor(number) || number > 1e6)) {
    Fail(column, "'" + text + "' is not a whole number of days");
    return 0;
  }
  return static_cast<int>(number);
}

bool QueryRow::Flag(std::string_view column) {
  std::string text = Lowered(Text(column));
  for (const char* yes : {"t", "true", "yes", "y", "1", "x", "on"})
    if (text == yes) return true;
  for (const char* no : {"", "f", "false", "no", "n", "0", "off"})
    if (text == no) return false;
  Fail(column, "'" + text + "' is neither true nor false");
  return false;
}

std::string QueryRow::IsoDate(std::string_view column) {
  std::string text = Text(column);
  if (text.empty()) return "";
  // "2024-05-02", or a timestamp "2024-05-02 10:00:00+02" / "2024-05-02T10:00:00".
  bool iso = text.size() >= 10 && IsDigits(text.substr(0, 4)) && text[4] == '-' && IsDigits(text.substr(5, 2)) &&
             text[7] == '-' && IsDigits(text.substr(8, 2)) &&
             (text.size() == 10 || text[10] == ' ' || text[10] == 'T');
  if (iso) {
    int month = std::stoi(text.substr(5, 2)), day = std::stoi(text.substr(8, 2));
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return text.substr(0, 10);
  }
  Fail(column, "'" + text + "' is not an ISO date (YYYY-MM-DD): select a DATE, or convert it with to_date()");
  return "";
}

}  // namespace quai
