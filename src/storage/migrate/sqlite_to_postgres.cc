#include "storage/migrate/sqlite_to_postgres.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "core/sha256.h"
#include "storage/postgresql/postgres_document_row.h"
#include "storage/postgresql/postgres_migrations.h"
#include "storage/postgresql/postgres_repository.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

constexpr size_t kRowsPerCopy = 20000;
constexpr int kRowsPerFetch = 20000;

enum class ColumnType { kInteger, kDouble, kText };

struct Column {
  std::string name;
  ColumnType type;
  bool identity = false;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
};

std::string CanonicalDouble(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

// The order-free checksum of a table: the sum, modulo 2^256 taken as 4 words,
// of each row's SHA-256 (so row order does not matter, repeats do).
class TableChecksum {
 public:
  void AddRow(const std::string& canonical_row) {
    std::string digest = Sha256Hex(canonical_row);
    for (int word = 0; word < 4; ++word) {
      uint64_t value = std::strtoull(digest.substr(word * 16, 16).c_str(), nullptr, 16);
      sum_[word] += value;
    }
    ++rows_;
  }
  int64_t rows() const { return rows_; }
  std::string Hex() const {
    std::string hex;
    char buffer[17];
    for (uint64_t word : sum_) {
      std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(word));
      hex += buffer;
    }
    return hex;
  }

 private:
  uint64_t sum_[4] = {0, 0, 0, 0};
  int64_t rows_ = 0;
};

// One value in the canonical form both sides are hashed in: \x01 for NULL,
// integers and texts as they are, doubles in shortest round-trip form.
void AppendCanonical(std::string* row, bool null, ColumnType type, const std::string& text, double number) {
  if (null) {
    *row += '\x01';
  } else if (type == ColumnType::kDouble) {
    *row += CanonicalDouble(number);
  } else {
    *row += text;
  }
  *row += '\x1f';
}

std::string Quoted(const std::string& identifier) { return "\"" + identifier + "\""; }

std::string ColumnList(const Table& table) {
  std::string list;
  for (const Column& column : table.columns) list += (list.empty() ? "" : ", ") + Quoted(column.name);
  return list;
}

// The tables of the PostgreSQL schema in foreign-key order (referenced first).
Result<std::vector<Table>> TargetTables(PostgresConnection& db) {
  const std::string context = "reading the PostgreSQL schema";
  QUAI_PG_ROWS(columns, db.Query("SELECT c.table_name, c.column_name, c.data_type, c.is_identity "
                                 "FROM information_schema.columns c JOIN information_schema.tables t "
                                 "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                                 "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
                                 "AND c.table_name <> 'schema_version' ORDER BY c.table_name, c.ordinal_position",
                                 {}, context));
  std::map<std::string, Table> tables;
  for (int row = 0; row < columns.size(); ++row) {
    Table& table = tables[columns.Text(row, 0)];
    table.name = columns.Text(row, 0);
    const std::string type = columns.Text(row, 2);
    ColumnType kind = ColumnType::kText;
    if (type == "bigint" || type == "integer" || type == "smallint") kind = ColumnType::kInteger;
    if (type == "double precision" || type == "real" || type == "numeric") kind = ColumnType::kDouble;
    table.columns.push_back({columns.Text(row, 1), kind, columns.Text(row, 3) == "YES"});
  }
  QUAI_PG_ROWS(references, db.Query("SELECT c.conrelid::regclass::text, c.confrelid::regclass::text "
                                    "FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                                    "WHERE c.contype = 'f' AND n.nspname = current_schema()",
                                    {}, context));
  std::map<std::string, std::set<std::string>> needs;
  for (int row = 0; row < references.size(); ++row) {
    auto unquote = [](std::string name) {
      if (size_t dot = name.rfind('.'); dot != std::string::npos) name = name.substr(dot + 1);
      if (name.size() >= 2 && name.front() == '"') name = name.substr(1, name.size() - 2);
      return name;
    };
    std::string from = unquote(references.Text(row, 0)), to = unquote(references.Text(row, 1));
    if (from != to) needs[from].insert(to);
  }
  std::vector<Table> ordered;
  std::set<std::string> placed;
  while (placed.size() < tables.size()) {
    bool progress = false;
    for (auto& [name, table] : tables) {
      if (placed.count(name)) continue;
      bool ready = true;
      for (const std::string& needed : needs[name])
        if (tables.count(needed) && !placed.count(needed)) ready = false;
      if (!ready) continue;
      ordered.push_back(table);
      placed.insert(name);
      progress = true;
    }
    if (!progress) return Status::Internal(context + ": the tables' foreign keys form a cycle");
  }
  return ordered;
}

// The column names of a SQLite table (empty when there is no such table).
Result<std::vector<std::string>> SourceColumns(SqliteConnection& sqlite, const std::string& table) {
  auto statement = sqlite.Prepare("SELECT name FROM pragma_table_info(?1)");
  if (!statement.ok()) return statement.status();
  ScopedStatement select = std::move(statement).value();
  select->BindText(1, table);
  std::vector<std::string> names;
  QUAI_RETURN_IF_ERROR(EachRow(*select, "reading the columns of " + table, [&] { names.push_back(select->ColumnText(0)); }));
  return names;
}

// The SQLite tables with data of their own. The document list's summaries and
// its trigram search indexes (migration 14, with FTS5's shadow tables) are
// derived from the others by triggers; the target keeps its own.
Result<std::vector<std::string>> SourceTables(SqliteConnection& sqlite) {
  auto statement = sqlite.Prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND "
      "name <> 'schema_migrations' AND name <> 'document_summaries' AND name NOT LIKE 'document_name_text%' "
      "AND name NOT LIKE 'document_value_text%' ORDER BY name");
  if (!statement.ok()) return statement.status();
  ScopedStatement select = std::move(statement).value();
  std::vector<std::string> names;
  QUAI_RETURN_IF_ERROR(EachRow(*select, "listing the SQLite tables", [&] { names.push_back(select->ColumnText(0)); }));
  return names;
}

Result<int64_t> SourceCount(SqliteConnection& sqlite, const std::string& table) {
  auto count = sqlite.QueryText("SELECT count(*) FROM " + Quoted(table));
  if (!count.ok()) return count.status();
  return std::strtoll(count->c_str(), nullptr, 10);
}

// Copies one table and hashes its rows as they were read.
Status CopyTable(SqliteConnection& sqlite, PostgresConnection& db, const Table& table, TableChecksum* checksum) {
  const std::string context = "copying table " + table.name;
  auto prepared = sqlite.Prepare("SELECT " + ColumnList(table) + " FROM " + Quoted(table.name));
  if (!prepared.ok()) return prepared.status();
  ScopedStatement select = std::move(prepared).value();
  const std::string copy = "COPY " + Quoted(table.name) + " (" + ColumnList(table) + ") FROM STDIN";
  std::string data, canonical;
  size_t rows = 0;
  while (true) {
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (*row) {
      canonical.clear();
      for (size_t i = 0; i < table.columns.size(); ++i) {
        const int index = static_cast<int>(i);
        const bool null = select->ColumnIsNull(index);
        const ColumnType type = table.columns[i].type;
        std::string text;
        double number = 0;
        if (!null) {
          if (type == ColumnType::kDouble) {
            number = select->ColumnDouble(index);
            text = CanonicalDouble(number);
          } else if (type == ColumnType::kInteger) {
            text = std::to_string(select->ColumnInt64(index));
          } else {
            text = select->ColumnText(index);
          }
        }
        AppendCanonical(&canonical, null, type, text, number);
        if (i > 0) data += '\t';
        data += null ? std::string("\\N") : EscapeCopyText(text);
      }
      data += '\n';
      checksum->AddRow(canonical);
      ++rows;
    }
    if ((!*row && !data.empty()) || rows == kRowsPerCopy) {
      QUAI_RETURN_IF_ERROR(db.CopyIn(copy, data, context));
      data.clear();
      rows = 0;
    }
    if (!*row) return Status::Ok();
  }
}

// Hashes a table as PostgreSQL holds it, through a cursor.
Status HashTarget(PostgresConnection& db, const Table& table, TableChecksum* checksum) {
  const std::string context = "reading table " + table.name + " back";
  QUAI_RETURN_IF_ERROR(db.Execute("DECLARE quai_readback NO SCROLL CURSOR FOR SELECT " + ColumnList(table) +
                                      " FROM " + Quoted(table.name),
                                  context));
  std::string canonical;
  while (true) {
    QUAI_PG_ROWS(rows, db.Query("FETCH " + std::to_string(kRowsPerFetch) + " FROM quai_readback", {}, context));
    for (int row = 0; row < rows.size(); ++row) {
      canonical.clear();
      for (size_t i = 0; i < table.columns.size(); ++i) {
        const int column = static_cast<int>(i);
        AppendCanonical(&canonical, rows.IsNull(row, column), table.columns[i].type, rows.Text(row, column),
                        rows.Double(row, column));
      }
      checksum->AddRow(canonical);
    }
    if (rows.size() < kRowsPerFetch) break;
  }
  return db.Execute("CLOSE quai_readback", context);
}

}  // namespace

bool MigrationReport::all_same() const {
  for (const TableCopyReport& table : tables)
    if (!table.same()) return false;
  return true;
}

Result<MigrationReport> MigrateSqliteToPostgres(const std::string& sqlite_path, const PostgresOptions& target,
                                                Clock* clock, MigrationReport* partial) {
  if (clock == nullptr) clock = SystemClock();
  {
    // Brings the file to the schema this quai knows (what any command would do first).
    auto current = SqliteRepository::Open(sqlite_path, clock);
    if (!current.ok()) return current.status();
  }
  auto opened_sqlite = SqliteConnection::Open(sqlite_path);
  if (!opened_sqlite.ok()) return opened_sqlite.status();
  SqliteConnection& sqlite = **opened_sqlite;
  {
    // The target's schema, created if need be.
    auto repository = PostgresRepository::Open(target, clock);
    if (!repository.ok()) return repository.status();
  }
  auto opened_db = PostgresConnection::Open(target);
  if (!opened_db.ok()) return opened_db.status();
  PostgresConnection& db = **opened_db;
  const std::string where = "PostgreSQL at " + db.where();

  QUAI_RETURN_IF_ERROR(db.Execute("BEGIN", "starting the copy"));
  // From here on a failure leaves the target as it was.
  auto run = [&]() -> Result<MigrationReport> {
    auto tables = TargetTables(db);
    if (!tables.ok()) return tables.status();
    std::set<std::string> target_names;
    for (const Table& table : *tables) {
      target_names.insert(table.name);
      QUAI_PG_ROWS(any, db.Query("SELECT 1 FROM " + Quoted(table.name) + " LIMIT 1", {}, "checking the target"));
      if (!any.empty())
        return Status::FailedPrecondition(where + " already holds data (table " + table.name +
                                          "): quai migrate copies into an empty database only");
    }
    // Nothing in the source may be left behind.
    auto source_tables = SourceTables(sqlite);
    if (!source_tables.ok()) return source_tables.status();
    QUAI_RETURN_IF_ERROR(sqlite.Execute("BEGIN", "reading " + sqlite_path));
    for (const std::string& name : *source_tables) {
      if (target_names.count(name)) continue;
      auto count = SourceCount(sqlite, name);
      if (!count.ok()) return count.status();
      if (*count > 0)
        return Status::FailedPrecondition(sqlite_path + ": table " + name + " holds " + std::to_string(*count) +
                                          " rows and " + where + " has no such table: this quai cannot copy it");
    }
    MigrationReport report;
    for (Table table : *tables) {
      auto source_columns = SourceColumns(sqlite, table.name);
      if (!source_columns.ok()) return source_columns.status();
      std::set<std::string> in_source(source_columns->begin(), source_columns->end());
      std::set<std::string> in_target;
      std::vector<Column> copied;
      for (const Column& column : table.columns) {
        in_target.insert(column.name);
        if (in_source.count(column.name)) copied.push_back(column);
      }
      for (const std::string& name : *source_columns)
        if (!in_target.count(name))
          return Status::FailedPrecondition(sqlite_path + ": column " + table.name + "." + name + " has no place in " +
                                            where + ": this quai cannot copy it");
      Table copy{table.name, copied};
      TableCopyReport& line = report.tables.emplace_back();
      line.table = table.name;
      if (source_columns->empty()) {  // a table only PostgreSQL has
        line.source_checksum = line.target_checksum = TableChecksum().Hex();
        continue;
      }
      TableChecksum source_sum;
      QUAI_RETURN_IF_ERROR(db.Execute("ALTER TABLE " + Quoted(table.name) + " DISABLE TRIGGER USER", "copying"));
      QUAI_RETURN_IF_ERROR(CopyTable(sqlite, db, copy, &source_sum));
      QUAI_RETURN_IF_ERROR(db.Execute("ALTER TABLE " + Quoted(table.name) + " ENABLE TRIGGER USER", "copying"));
      for (const Column& column : table.columns) {
        if (!column.identity) continue;
        // The next id PostgreSQL hands out follows the copied ones.
        QUAI_RETURN_IF_ERROR(db.Query("SELECT setval(pg_get_serial_sequence($1, $2), "
                                      "coalesce((SELECT max(" + Quoted(column.name) + ") FROM " +
                                          Quoted(table.name) + "), 0) + 1, false)",
                                      {table.name, column.name}, "moving the ids of " + table.name)
                                 .status());
      }
      line.source_rows = source_sum.rows();
      line.source_checksum = source_sum.Hex();
    }
    // The planner's statistics of the copied rows (ANALYZE sees its own
    // transaction's rows), so the summaries below and the first requests after
    // the move are planned on the real sizes, not on those of empty tables.
    for (const TableCopyReport& line : report.tables)
      if (line.source_rows > 0)
        QUAI_RETURN_IF_ERROR(db.Execute("ANALYZE " + Quoted(line.table), "analysing the copied " + line.table));
    // The triggers were off while copying: the derived summaries of the
    // document list are made once, from the copied rows.
    QUAI_RETURN_IF_ERROR(
        db.Query("SELECT quai_refresh_summaries()", {}, "summarising the copied documents").status());
    QUAI_RETURN_IF_ERROR(db.Execute("ANALYZE document_summaries", "analysing the document summaries"));
    // The trigram indexes of the search (core step 5) took the copied values
    // into their pending lists, which every search reads through until a
    // vacuum: merged into the indexes now.
    QUAI_RETURN_IF_ERROR(db.Query("SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i JOIN pg_class c ON "
                                  "c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin' AND "
                                  "c.relnamespace = current_schema()::regnamespace",
                                  {}, "merging the search indexes")
                             .status());
    (void)sqlite.Execute("COMMIT", "reading " + sqlite_path);
    for (TableCopyReport& line : report.tables) {
      const Table* table = nullptr;
      for (const Table& candidate : *tables)
        if (candidate.name == line.table) table = &candidate;
      auto source_columns = SourceColumns(sqlite, line.table);
      if (!source_columns.ok()) return source_columns.status();
      if (source_columns->empty()) continue;
      std::set<std::string> in_source(source_columns->begin(), source_columns->end());
      Table copy{table->name, {}};
      for (const Column& column : table->columns)
        if (in_source.count(column.name)) copy.columns.push_back(column);
      TableChecksum target_sum;
      QUAI_RETURN_IF_ERROR(HashTarget(db, copy, &target_sum));
      line.target_rows = target_sum.rows();
      line.target_checksum = target_sum.Hex();
    }
    return report;
  };
  Result<MigrationReport> report = run();
  if (report.ok() && partial != nullptr) *partial = *report;
  if (!report.ok() || !report->all_same()) {
    (void)db.Execute("ROLLBACK", "abandoning the copy");
    if (!report.ok()) return report.status();
    std::string differing;
    for (const TableCopyReport& line : report->tables)
      if (!line.same()) differing += (differing.empty() ? "" : ", ") + line.table;
    return Status::Internal(where + ": the copy read back differs from " + sqlite_path + " in " + differing +
                            "; nothing was committed");
  }
  QUAI_RETURN_IF_ERROR(db.Execute("COMMIT", "committing the copy"));
  return report;
}

}  // namespace quai
