#include "erp/postgres_session.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>

namespace quai {
namespace {

// libpq's messages end with a newline and may span lines ("FATAL:  ...\nDETAIL: ...").
std::string OneLine(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::string line;
  bool line_start = false;
  for (char c : text) {
    if (c == '\n') {
      line += "; ";
      line_start = true;
    } else if (!(line_start && std::isspace(static_cast<unsigned char>(c)))) {
      line += c;
      line_start = false;
    }
  }
  return line;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The host, port and database a connection string names (libpq's defaults when it names none).
std::string Where(const std::string& conninfo, PGconn* connection) {
  std::string host, port, database;
  char* error = nullptr;
  if (PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error)) {
    for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
      if (option->val == nullptr) continue;
      std::string_view keyword = option->keyword;
      if (keyword == "host" || (keyword == "hostaddr" && host.empty())) host = option->val;
      if (keyword == "port") port = option->val;
      if (keyword == "dbname") database = option->val;
    }
    PQconninfoFree(options);
  }
  PQfreemem(error);
  if (host.empty() && PQhost(connection) != nullptr) host = PQhost(connection);
  if (port.empty() && PQport(connection) != nullptr) port = PQport(connection);
  if (database.empty() && PQdb(connection) != nullptr) database = PQdb(connection);
  return (host.empty() ? "localhost" : host) + (port.empty() ? "" : ":" + port) + ", database " +
         (database.empty() ? "(default)" : database);
}

}  // namespace

void PostgresSessionRows::Free::operator()(PGresult* result) const { PQclear(result); }

int PostgresSessionRows::row_count() const { return PQntuples(result_.get()); }
int PostgresSessionRows::column_count() const { return PQnfields(result_.get()); }
std::string PostgresSessionRows::column_name(int column) const { return PQfname(result_.get(), column); }

int PostgresSessionRows::FindColumn(std::string_view name) const {
  for (int column = 0; column < column_count(); ++column)
    if (EqualsIgnoringCase(PQfname(result_.get(), column), name)) return column;
  return -1;
}

std::string PostgresSessionRows::Value(int row, int column) const {
  if (PQgetisnull(result_.get(), row, column)) return "";
  return std::string(PQgetvalue(result_.get(), row, column), PQgetlength(result_.get(), row, column));
}

std::string ConninfoProblem(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (options == nullptr) {
    std::string problem = "conninfo is not a libpq connection string: " + OneLine(error);
    PQfreemem(error);
    return problem;
  }
  bool has_password = false;
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option)
    if (std::string_view(option->keyword) == "password" && option->val != nullptr && *option->val != '\0')
      has_password = true;
  PQconninfoFree(options);
  if (has_password) return "conninfo holds a password: give it as the password setting, which is kept secret";
  return "";
}

Result<std::unique_ptr<PostgresSession>> PostgresSession::Open(const PostgresSessionOptions& options) {
  std::string connect_timeout = std::to_string(std::max(options.timeout_seconds, 2));
  // Later keywords override earlier ones, and "dbname" is expanded into the
  // connection string's own keywords: the administrator's conninfo may change
  // the timeout and the application name, not the encoding.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding", "password", nullptr};
  const char* values[] = {connect_timeout.c_str(), "quai", options.conninfo.c_str(), "UTF8",
                          options.password.c_str(), nullptr};
  PGconn* connection = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (connection == nullptr) return Status::Unavailable("sql ERP: out of memory for a connection");
  std::string where = Where(options.conninfo, connection);
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string reason = OneLine(PQerrorMessage(connection));
    PQfinish(connection);
    return Status::Unavailable("sql ERP at " + where + ": " + reason);
  }
  std::unique_ptr<PostgresSession> session(new PostgresSession(connection, where, options.timeout_seconds));
  // Session-wide, so that even a COMMIT smuggled into a query leaves the next
  // transaction read-only; ISO dates whatever the server's locale.
  const std::string settings[] = {"SET default_transaction_read_only = on",
                                  "SET statement_timeout = '" + std::to_string(options.timeout_seconds) + "s'",
                                  "SET DateStyle = ISO, YMD"};
  for (const std::string& setting : settings) {
    Result<PostgresSessionRows> done = session->Query(setting);
    if (!done.ok()) return done.status();
  }
  return session;
}

PostgresSession::PostgresSession(PGconn* connection, std::string where, int timeout_seconds)
    : connection_(connection), where_(std::move(where)), timeout_seconds_(timeout_seconds) {}

PostgresSession::~PostgresSession() { PQfinish(connection_); }

Result<PostgresSessionRows> PostgresSession::Query(const std::string& sql, const std::vector<std::string>& parameters) {
  std::vector<const char*> values;
  for (const std::string& parameter : parameters) values.push_back(parameter.c_str());
  PostgresSessionRows rows;
  rows.result_.reset(PQexecParams(connection_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, /*resultFormat text=*/0),
                     PostgresSessionRows::Free());
  ExecStatusType status = PQresultStatus(rows.result_.get());
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) return rows;

  PGresult* result = rows.result_.get();
  const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  // The server's own words without "ERROR:" and the echoed query; libpq's when the server gave none.
  std::string reason = OneLine(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
  if (std::string detail = OneLine(PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)); !detail.empty())
    reason += "; " + detail;
  if (std::string hint = OneLine(PQresultErrorField(result, PG_DIAG_MESSAGE_HINT)); !hint.empty())
    reason += " (" + hint + ")";
  if (reason.empty()) reason = OneLine(PQerrorMessage(connection_));
  std::string code = sqlstate != nullptr ? sqlstate : "";
  if (code == "57014")
    return Status::Unavailable("sql ERP at " + where_ + ": cut after the " + std::to_string(timeout_seconds_) +
                               " s statement timeout (timeout_seconds): " + reason);
  if (code == "25006")
    return Status::InvalidArgument("the query tries to write, and quai only reads the ERP: " + reason);
  // 42: syntax error or access rule violation; 22: data exception (a bad cast).
  if (code.starts_with("42") || code.starts_with("22")) return Status::InvalidArgument(reason);
  return Status::Unavailable("sql ERP at " + where_ + ": " + reason);
}

}  // namespace quai
