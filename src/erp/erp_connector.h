// ErpConnector: reads the ERP's master data (master_data.h) in one of the ways
// an ERP offers it: Tryton's JSON-RPC API (tryton_connector.h), SQL queries
// against its database (sql_connector.h), a folder of CSV/JSON exports
// (csv_folder_connector.h), or a REST API mapped by URL templates and JSON
// paths (rest_connector.h). Built from an ErpConnection (erp_connection.h) by
// MakeErpConnector. A connector does not store anything: erp_sync.h does.
#pragma once

#include <string>
#include <string_view>

#include "erp/master_data.h"
#include "quai/status.h"

namespace quai {

class ErpConnector {
 public:
  virtual ~ErpConnector() = default;
  // "tryton", "sql", "files", "rest".
  virtual std::string_view kind() const = 0;
  // Everything (cursor empty) or what changed since `cursor`, the `cursor` of
  // the last batch it returned; a connector that cannot tell what changed
  // returns everything with complete = true. An ERP that does not answer, or
  // answers with an error, is kUnavailable with what went wrong ("tryton at
  // http://127.0.0.1:8000: connection refused"); data it cannot read is
  // kInvalidArgument naming the file/record and the problem.
  virtual Result<MasterDataBatch> Fetch(const std::string& cursor) = 0;
};

}  // namespace quai
