// SqlConnector: the ERP's master data read with SQL from its PostgreSQL
// database or reporting replica, through four queries the administrator writes
// for the ERP's own tables. Their result columns are named like the files of
// csv_folder_connector.h, found by name (case-insensitive), in any order:
//   suppliers_query             supplier_id, name, vat_number, registration_number, iban
//   articles_query              article_code, supplier_id, supplier_article_code, description,
//                               unit, min_shelf_life_days, certificate_required[, lot_managed]
//   purchase_orders_query       po_number, supplier_id, status, order_date
//   purchase_order_lines_query  po_number, line, article_code, quantity_ordered,
//                               quantity_received, unit, unit_price, currency
//                               [, description][, expected_date]
// A missing [optional] column reads as empty; a missing required one is
// kInvalidArgument naming the query and the column. Text is trimmed (CHAR(n)
// padding), NULL numbers read as 0, dates must be ISO (a DATE or TIMESTAMP
// column, or text "YYYY-MM-DD..."), statuses are normalised (order_status.h).
// Lines of an order the orders query did not return are left out.
//
// All queries of one fetch run in one read-only REPEATABLE READ transaction
// (one snapshot, also on a hot standby), each cut after timeout_seconds. The
// cursor is the server's clock at the start of that transaction, in UTC
// ("2024-05-02T09:30:00.123456Z"). With changed_orders_query, a fetch given a
// cursor runs it with $1 = that cursor; it returns the po_numbers changed since
// (first column, or the one named po_number), and the batch holds only those
// orders with their lines, every supplier and article, and as deleted the
// changed numbers the orders query no longer returns (complete = false). Let it
// look back a little (`write_date > $1::timestamptz - interval '5 minutes'`):
// a transaction that committed after the snapshot may carry an earlier time.
// Without it, or with a cursor it did not write, every fetch is complete.
//
// Not thread-safe: one Fetch at a time. Each Fetch opens its own connection.
#pragma once

#include <map>
#include <string>

#include "erp/erp_connector.h"

namespace quai {

struct SqlConnectorSettings {
  std::string conninfo;  // libpq connection string or URI, without the password
  std::string password;  // secret; may be empty (peer or certificate authentication)
  std::string suppliers_query;
  std::string articles_query;
  std::string purchase_orders_query;
  std::string purchase_order_lines_query;
  std::string changed_orders_query;  // optional: incremental fetches
  int timeout_seconds = 60;          // connecting, and each query

  // From an ErpConnection's settings (erp_connection.h), by the same names;
  // kInvalidArgument naming what is missing or wrong.
  static Result<SqlConnectorSettings> FromSettings(const std::map<std::string, std::string>& settings);
};

class SqlConnector : public ErpConnector {
 public:
  explicit SqlConnector(SqlConnectorSettings settings);
  std::string_view kind() const override { return "sql"; }
  Result<MasterDataBatch> Fetch(const std::string& cursor) override;

 private:
  Result<MasterDataBatch> FetchInSession(const std::string& cursor);
  SqlConnectorSettings settings_;
};

}  // namespace quai
