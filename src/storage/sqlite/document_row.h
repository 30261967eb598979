// Reading one row of the documents table, shared by every query of the SQLite
// store that returns documents. Not thread-safe; used under the store's lock.
#pragma once

#include <string>

#include "quai/document.h"
#include "quai/status.h"
#include "storage/sqlite/sqlite_statement.h"

namespace quai {

// Reads the columns id, sha256, original_name, source, media_type, size_bytes,
// page_count, status, error, created_at, updated_at, in that order, starting at
// column `first`. Internal for a status the schema does not know.
Status ReadDocumentRow(const SqliteStatement& row, int first, const std::string& path, DocumentRecord* record);

}  // namespace quai
