// QueryColumns: the result of one of the SQL connector's queries, its columns
// found by name, and QueryRow: the typed values of one row. Every problem is
// kInvalidArgument naming the query, the row and the column, so that an
// administrator can correct the query ("articles_query, row 4:
// min_shelf_life_days '3 months' is not a whole number of days"). Values are
// trimmed; NULL reads as empty. Plain values, not thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "erp/postgres_session.h"
#include "quai/status.h"

namespace quai {

class QueryColumns {
 public:
  // kInvalidArgument "<query_name> has no column <name> (it has: a, b, c)" for
  // the first required column missing. Optional columns may be absent.
  static Result<QueryColumns> Bind(PostgresSessionRows rows, std::string query_name,
                                   const std::vector<std::string_view>& required,
                                   const std::vector<std::string_view>& optional = {});
  int row_count() const { return rows_.row_count(); }
  const std::string& query_name() const { return query_name_; }

 private:
  friend class QueryRow;
  QueryColumns(PostgresSessionRows rows, std::string query_name) : rows_(std::move(rows)), query_name_(std::move(query_name)) {}
  PostgresSessionRows rows_;
  std::string query_name_;
  std::map<std::string, int, std::less<>> columns_;  // bound name → index
};

// Reads one row; the first problem is kept in status() and later reads return
// defaults, so a caller reads every field and checks once.
class QueryRow {
 public:
  QueryRow(const QueryColumns& columns, int row) : columns_(columns), row_(row) {}
  std::string Text(std::string_view column);
  std::string Key(std::string_view column);         // must not be empty
  double Decimal(std::string_view column);          // "12.500", "-3", empty → 0
  int Days(std::string_view column);                 // a whole number ≥ 0, empty → 0
  bool Flag(std::string_view column);               // t/true/yes/y/1/x or f/false/no/n/0/empty
  std::string IsoDate(std::string_view column);     // "2024-05-02" from a date, timestamp or ISO text
  const Status& status() const { return status_; }

 private:
  void Fail(std::string_view column, const std::string& problem);
  const QueryColumns& columns_;
  int row_;
  Status status_;
};

}  // namespace quai
