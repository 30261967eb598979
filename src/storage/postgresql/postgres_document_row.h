// Helpers shared by the PostgreSQL store's files: reading a documents row, and
// QUAI_PG_ROWS, which runs a query and returns its Status from the enclosing
// function when it fails.
#pragma once

#include <string>

#include "quai/document.h"
#include "quai/status.h"
#include "storage/postgresql/postgres_connection.h"

// PostgresRows `name` = the rows of `expr` (a Result<PostgresRows>), or return its Status.
#define QUAI_PG_ROWS(name, expr)                     \
  auto name##_result_ = (expr);                      \
  if (!name##_result_.ok()) return name##_result_.status(); \
  ::quai::PostgresRows name = std::move(name##_result_).value()

namespace quai {

// The columns a documents row is read from, in the order ReadPostgresDocument expects.
#define QUAI_PG_DOCUMENT_COLUMNS                                                                                  \
  "id, sha256, original_name, source, media_type, size_bytes, page_count, status, error, created_at, updated_at, " \
  "origin_json"

// Reads id, sha256, original_name, source, media_type, size_bytes, page_count,
// status, error, created_at, updated_at, origin_json from column `first` of
// row `row`. Internal for a status the schema does not know.
Status ReadPostgresDocument(const PostgresRows& rows, int row, int first, DocumentRecord* record);

}  // namespace quai
