#include "erp/erp_connection.h"

#include <algorithm>
#include <vector>

#include "erp/csv_folder_connector.h"
#include "erp/sql_connector.h"
#include "erp/http_client.h"
#include "erp/rest_connector.h"
#include "erp/tryton_connector.h"

namespace quai {
namespace {

// The settings each kind cannot do without.
const std::map<std::string, std::vector<std::string>>& RequiredSettings() {
  static const std::map<std::string, std::vector<std::string>> required = {
      {"files", {"folder"}},
      {"tryton", {"url", "database", "user", "password"}},
      {"sql", {"conninfo", "suppliers_query", "articles_query", "purchase_orders_query",
               "purchase_order_lines_query"}},
      {"rest", {"base_url", "suppliers_url", "articles_url", "purchase_orders_url"}},
  };
  return required;
}

}  // namespace

bool IsSecretSetting(const std::string& name) {
  for (const char* word : {"password", "token", "api_key", "secret"})
    if (name.find(word) != std::string::npos) return true;
  return false;
}

ErpConnection Redacted(const ErpConnection& connection) {
  ErpConnection redacted = connection;
  for (auto& [name, value] : redacted.settings)
    if (IsSecretSetting(name)) value = "********";
  return redacted;
}

Status ValidateErpConnection(const ErpConnection& connection) {
  auto kind = RequiredSettings().find(connection.kind);
  if (kind == RequiredSettings().end())
    return Status::InvalidArgument("unknown ERP connection kind '" + connection.kind +
                                   "' (files, tryton, sql or rest)");
  std::string missing;
  for (const auto& name : kind->second) {
    auto setting = connection.settings.find(name);
    if (setting == connection.settings.end() || setting->second.empty())
      missing += (missing.empty() ? "" : ", ") + name;
  }
  if (!missing.empty())
    return Status::InvalidArgument("a " + connection.kind + " ERP connection needs " + missing);
  return Status::Ok();
}

Result<std::unique_ptr<ErpConnector>> MakeErpConnector(const ErpConnection& connection, FileSystem& file_system) {
  if (Status valid = ValidateErpConnection(connection); !valid.ok()) return valid;
  if (connection.kind == "files")
    return std::unique_ptr<ErpConnector>(
        std::make_unique<CsvFolderConnector>(connection.settings.at("folder"), file_system));
  if (connection.kind == "sql") {
    Result<SqlConnectorSettings> settings = SqlConnectorSettings::FromSettings(connection.settings);
    if (!settings.ok()) return settings.status();
    return std::unique_ptr<ErpConnector>(std::make_unique<SqlConnector>(std::move(settings).value()));
  }
  if (connection.kind == "tryton") {
    const auto& settings = connection.settings;
    return std::unique_ptr<ErpConnector>(std::make_unique<TrytonConnector>(
        TrytonServer{settings.at("url"), settings.at("database"), settings.at("user"), settings.at("password")},
        std::make_unique<CurlHttpClient>()));
  }
  if (connection.kind == "rest")
    return std::unique_ptr<ErpConnector>(
        std::make_unique<RestConnector>(connection.settings, std::make_unique<CurlHttpClient>()));
  return Status::InvalidArgument("ERP connection kind '" + connection.kind + "' is not built in this version");
}

}  // namespace quai
