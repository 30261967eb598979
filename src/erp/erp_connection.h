// ErpConnection: how quai reaches the company's ERP, as an administrator set it
// (`quai erp connect KIND --set key=value ...`, the admin screen, PUT
// /api/v1/erp/connection): a kind and its settings. Settings whose name marks
// them secret (password, token, api_key, secret) are stored but never shown
// back (Redacted). MakeErpConnector builds the connector of a kind.
//
// Settings per kind:
//   files   folder                      a folder of suppliers.csv, articles.csv,
//                                       purchase_orders.csv, purchase_order_lines.csv (or .json)
//   tryton  url, database, user, password
//   sql     conninfo, password, and the queries suppliers_query, articles_query,
//           purchase_orders_query, purchase_order_lines_query (sql_connector.h)
//   rest    base_url, token, and the mapping (rest_connector.h)
#pragma once

#include <map>
#include <memory>
#include <string>

#include "erp/erp_connector.h"
#include "quai/status.h"

namespace quai {

class FileSystem;

struct ErpConnection {
  std::string kind;  // "files", "tryton", "sql", "rest"
  std::map<std::string, std::string> settings;
  bool operator==(const ErpConnection&) const = default;
};

// Whether a setting of this name is a secret (never readable back).
bool IsSecretSetting(const std::string& name);
// The connection with each secret setting's value replaced by "********".
ErpConnection Redacted(const ErpConnection& connection);
// The settings a kind requires that `connection` lacks, or the kind unknown:
// kInvalidArgument naming them.
Status ValidateErpConnection(const ErpConnection& connection);

// The connector of connection.kind; `files` reads through `file_system`.
Result<std::unique_ptr<ErpConnector>> MakeErpConnector(const ErpConnection& connection, FileSystem& file_system);

}  // namespace quai
