#include "erp/sql_connector.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <regex>
#include <set>
#include <unordered_map>

#include "erp/order_status.h"
#include "erp/postgres_session.h"
#include "erp/query_columns.h"

namespace quai {
namespace {

// The cursor this connector writes: the server's clock in UTC, microseconds.
const char kCursorQuery[] = R"(SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))";

bool IsOwnCursor(const std::string& cursor) {
  static const std::regex kCursor(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z)");
  return std::regex_match(cursor, kCursor);
}

// PostgreSQL's text form of a text[] value: {"a","b\"c"}.
std::string TextArray(const std::set<std::string>& values) {
  std::string array = "{";
  for (const std::string& value : values) {
    if (array.size() > 1) array += ',';
    array += '"';
    for (char c : value) {
      if (c == '"' || c == '\\') array += '\\';
      array += c;
    }
    array += '"';
  }
  return array + "}";
}

std::string Trimmed(const std::string& text) {
  size_t start = text.find_first_not_of(" \t\r\n"), end = text.find_last_not_of(" \t\r\n");
  return start == std::string::npos ? "" : text.substr(start, end - start + 1);
}

// `query` restricted to the rows whose po_number is one of $1 (a text[]); the
// server applies the filter inside the administrator's query.
std::string OnlyOrders(std::string query) {
  while (!query.empty() && (query.back() == ';' || std::isspace(static_cast<unsigned char>(query.back()))))
    query.pop_back();
  return "SELECT * FROM (\n" + query + "\n) AS erp_rows WHERE erp_rows.po_number::text = ANY($1::text[])";
}

Result<QueryColumns> RunQuery(PostgresSession& session, const std::string& name, const std::string& sql,
                              const std::vector<std::string>& parameters,
                              const std::vector<std::string_view>& required,
                              const std::vector<std::string_view>& optional = {}) {
  Result<PostgresSessionRows> rows = session.Query(sql, parameters);
  if (!rows.ok()) return rows.status().WithContext(name);
  return QueryColumns::Bind(std::move(rows).value(), name, required, optional);
}

Status ReadSuppliers(PostgresSession& session, const std::string& sql, std::vector<ErpSupplier>* suppliers) {
  Result<QueryColumns> columns = RunQuery(session, "suppliers_query", sql, {},
                                          {"supplier_id", "name", "vat_number", "registration_number", "iban"});
  if (!columns.ok()) return columns.status();
  for (int row = 0; row < columns->row_count(); ++row) {
    QueryRow values(*columns, row);
    ErpSupplier supplier;
    supplier.supplier_id = values.Key("supplier_id");
    supplier.name = values.Text("name");
    supplier.vat_number = values.Text("vat_number");
    supplier.registration_number = values.Text("registration_number");
    supplier.iban = values.Text("iban");
    QUAI_RETURN_IF_ERROR(values.status());
    suppliers->push_back(std::move(supplier));
  }
  return Status::Ok();
}

Status ReadArticles(PostgresSession& session, const std::string& sql, std::vector<ErpArticle>* articles) {
  Result<QueryColumns> columns =
      RunQuery(session, "articles_query", sql, {},
               {"article_code", "supplier_id", "supplier_article_code", "description", "unit", "min_shelf_life_days",
                "certificate_required"},
               {"lot_managed"});
  if (!columns.ok()) return columns.status();
  for (int row = 0; row < columns->row_count(); ++row) {
    QueryRow values(*columns, row);
    ErpArticle article;
    article.article_code = values.Key("article_code");
    article.supplier_id = values.Text("supplier_id");
    article.supplier_article_code = values.Text("supplier_article_code");
    article.description = values.Text("description");
    article.unit = values.Text("unit");
    article.min_shelf_life_days = values.Days("min_shelf_life_days");
    article.certificate_required = values.Flag("certificate_required");
    article.lot_managed = values.Flag("lot_managed");
    QUAI_RETURN_IF_ERROR(values.status());
    articles->push_back(std::move(article));
  }
  return Status::Ok();
}

// The orders, then their lines; `parameters` is {} for all orders or {text[] of po_numbers}.
Status ReadOrders(PostgresSession& session, const SqlConnectorSettings& settings, bool only_some,
                  const std::vector<std::string>& parameters, std::vector<PurchaseOrder>* orders) {
  const std::string& orders_sql = settings.purchase_orders_query;
  Result<QueryColumns> columns =
      RunQuery(session, "purchase_orders_query", only_some ? OnlyOrders(orders_sql) : orders_sql, parameters,
               {"po_number", "supplier_id", "status", "order_date"});
  if (!columns.ok()) return columns.status();
  std::unordered_map<std::string, size_t> order_index;
  for (int row = 0; row < columns->row_count(); ++row) {
    QueryRow values(*columns, row);
    PurchaseOrder order;
    order.po_number = values.Key("po_number");
    order.supplier_id = values.Text("supplier_id");
    order.status = NormalisedOrderStatus(values.Text("status"));
    order.order_date = values.IsoDate("order_date");
    QUAI_RETURN_IF_ERROR(values.status());
    order_index.emplace(order.po_number, orders->size());
    orders->push_back(std::move(order));
  }

  const std::string& lines_sql = settings.purchase_order_lines_query;
  columns = RunQuery(session, "purchase_order_lines_query", only_some ? OnlyOrders(lines_sql) : lines_sql, parameters,
                     {"po_number", "line", "article_code", "quantity_ordered", "quantity_received", "unit",
                      "unit_price", "currency"},
                     {"description", "expected_date"});
  if (!columns.ok()) return columns.status();
  for (int row = 0; row < columns->row_count(); ++row) {
    QueryRow values(*columns, row);
    PurchaseOrderLine line;
    line.po_number = values.Key("po_number");
    line.line = values.Text("line");
    line.article_code = values.Text("article_code");
    line.description = values.Text("description");
    line.quantity_ordered = values.Decimal("quantity_ordered");
    line.quantity_received = values.Decimal("quantity_received");
    line.unit = values.Text("unit");
    line.unit_price = values.Decimal("unit_price");
    line.currency = values.Text("currency");
    line.expected_date = values.IsoDate("expected_date");
    QUAI_RETURN_IF_ERROR(values.status());
    auto order = order_index.find(line.po_number);
    if (order != order_index.end()) (*orders)[order->second].lines.push_back(std::move(line));
  }
  return Status::Ok();
}

// The po_numbers changed_orders_query returns for `cursor`.
Result<std::set<std::string>> ChangedOrders(PostgresSession& session, const std::string& sql,
                                            const std::string& cursor) {
  Result<PostgresSessionRows> rows = session.Query(sql, {cursor});
  if (!rows.ok()) return rows.status().WithContext("changed_orders_query");
  if (rows->column_count() == 0) return Status::InvalidArgument("changed_orders_query returns no column");
  int column = std::max(rows->FindColumn("po_number"), 0);
  std::set<std::string> numbers;
  for (int row = 0; row < rows->row_count(); ++row)
    if (std::string number = Trimmed(rows->Value(row, column)); !number.empty()) numbers.insert(number);
  return numbers;
}

// `text` with every occurrence of `secret` masked.
std::string Masked(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 8))
    text.replace(at, secret.size(), "********");
  return text;
}

}  // namespace

Result<SqlConnectorSettings> SqlConnectorSettings::FromSettings(const std::map<std::string, std::string>& settings) {
  SqlConnectorSettings sql;
  auto get = [&settings](const std::string& name) {
    auto setting = settings.find(name);
    return setting != settings.end() ? setting->second : std::string();
  };
  sql.conninfo = get("conninfo");
  sql.password = get("password");
  sql.suppliers_query = get("suppliers_query");
  sql.articles_query = get("articles_query");
  sql.purchase_orders_query = get("purchase_orders_query");
  sql.purchase_order_lines_query = get("purchase_order_lines_query");
  sql.changed_orders_query = get("changed_orders_query");
  std::string missing;
  for (const char* name : {"conninfo", "suppliers_query", "articles_query", "purchase_orders_query",
                           "purchase_order_lines_query"})
    if (get(name).empty()) missing += (missing.empty() ? "" : ", ") + std::string(name);
  if (!missing.empty()) return Status::InvalidArgument("a sql ERP connection needs " + missing);
  if (std::string problem = ConninfoProblem(sql.conninfo); !problem.empty())
    return Status::InvalidArgument(problem);
  if (std::string timeout = get("timeout_seconds"); !timeout.empty()) {
    auto [end, error] = std::from_chars(timeout.data(), timeout.data() + timeout.size(), sql.timeout_seconds);
    if (error != std::errc() || end != timeout.data() + timeout.size() || sql.timeout_seconds < 1 ||
        sql.timeout_seconds > 3600)
      return Status::InvalidArgument("timeout_seconds '" + timeout + "' is not a number of seconds from 1 to 3600");
  }
  return sql;
}

SqlConnector::SqlConnector(SqlConnectorSettings settings) : settings_(std::move(settings)) {}

Result<MasterDataBatch> SqlConnector::Fetch(const std::string& cursor) {
  Result<MasterDataBatch> batch = FetchInSession(cursor);
  if (batch.ok()) return batch;
  // libpq does not repeat passwords, but a server's message may quote a query
  // or a value: the secret never leaves in a message.
  Status status = batch.status();
  std::string message = Masked(status.message(), settings_.password);
  if (message == status.message()) return status;
  return status.code() == StatusCode::kInvalidArgument ? Status::InvalidArgument(message)
                                                       : Status::Unavailable(message);
}

Result<MasterDataBatch> SqlConnector::FetchInSession(const std::string& cursor) {
  Result<std::unique_ptr<PostgresSession>> opened =
      PostgresSession::Open({settings_.conninfo, settings_.password, settings_.timeout_seconds});
  if (!opened.ok()) return opened.status();
  PostgresSession& session = **opened;
  Result<PostgresSessionRows> begun = session.Query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  if (!begun.ok()) return begun.status();
  Result<PostgresSessionRows> now = session.Query(kCursorQuery);
  if (!now.ok()) return now.status();

  MasterDataBatch batch;
  batch.cursor = now->Value(0, 0);
  bool incremental = !settings_.changed_orders_query.empty() && IsOwnCursor(cursor);
  batch.complete = !incremental;
  QUAI_RETURN_IF_ERROR(ReadSuppliers(session, settings_.suppliers_query, &batch.suppliers));
  QUAI_RETURN_IF_ERROR(ReadArticles(session, settings_.articles_query, &batch.articles));
  if (!incremental) {
    QUAI_RETURN_IF_ERROR(ReadOrders(session, settings_, /*only_some=*/false, {}, &batch.orders));
  } else {
    Result<std::set<std::string>> changed = ChangedOrders(session, settings_.changed_orders_query, cursor);
    if (!changed.ok()) return changed.status();
    if (!changed->empty())
      QUAI_RETURN_IF_ERROR(ReadOrders(session, settings_, /*only_some=*/true, {TextArray(*changed)}, &batch.orders));
    for (const PurchaseOrder& order : batch.orders) changed->erase(order.po_number);
    batch.deleted_po_numbers.assign(changed->begin(), changed->end());
  }
  Result<PostgresSessionRows> committed = session.Query("COMMIT");
  if (!committed.ok()) return committed.status();
  return batch;
}

}  // namespace quai
