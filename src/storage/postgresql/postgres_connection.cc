#include "storage/postgresql/postgres_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace quai {
namespace {

constexpr char kRetryable[] = "retryable: ";

// libpq's messages end with a newline and may span lines.
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

// The host, port and database a connection string names (libpq's when it names none).
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
  if (connection != nullptr) {
    if (host.empty() && PQhost(connection) != nullptr) host = PQhost(connection);
    if (port.empty() && PQport(connection) != nullptr) port = PQport(connection);
    if (database.empty() && PQdb(connection) != nullptr) database = PQdb(connection);
  }
  return (host.empty() ? "localhost" : host) + (port.empty() ? "" : ":" + port) + ", database " +
         (database.empty() ? "(default)" : database);
}

}  // namespace

Result<PostgresOptions> ParsePostgresUri(const std::string& uri) {
  char* error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(uri.c_str(), &error);
  if (parsed == nullptr) {
    std::string reason = OneLine(error);
    PQfreemem(error);
    return Status::InvalidArgument("not a PostgreSQL connection string or postgresql:// URI: " + reason);
  }
  PostgresOptions options;
  std::string conninfo;
  for (PQconninfoOption* option = parsed; option->keyword != nullptr; ++option) {
    if (option->val == nullptr || *option->val == '\0') continue;
    std::string keyword = option->keyword;
    if (keyword == "password") {
      options.password = option->val;
      continue;
    }
    std::string value = option->val, quoted;
    for (char c : value) {
      if (c == '\'' || c == '\\') quoted += '\\';
      quoted += c;
    }
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += keyword + "='" + quoted + "'";
  }
  PQconninfoFree(parsed);
  options.conninfo = conninfo;
  return options;
}

SqlValue::SqlValue(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  text_ = ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

void PostgresRows::Free::operator()(PGresult* result) const { PQclear(result); }

int PostgresRows::size() const { return PQntuples(result_.get()); }
bool PostgresRows::IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
std::string PostgresRows::Text(int row, int column) const {
  if (IsNull(row, column)) return "";
  return std::string(PQgetvalue(result_.get(), row, column), PQgetlength(result_.get(), row, column));
}
int64_t PostgresRows::Int(int row, int column) const {
  if (IsNull(row, column)) return 0;
  return std::strtoll(PQgetvalue(result_.get(), row, column), nullptr, 10);
}
double PostgresRows::Double(int row, int column) const {
  if (IsNull(row, column)) return 0;
  return std::strtod(PQgetvalue(result_.get(), row, column), nullptr);
}
bool PostgresRows::Bool(int row, int column) const {
  std::string text = Text(row, column);
  return text == "t" || text == "true" || text == "1";
}
std::optional<std::string> PostgresRows::OptionalText(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Text(row, column);
}
std::optional<int64_t> PostgresRows::OptionalInt(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Int(row, column);
}
std::optional<double> PostgresRows::OptionalDouble(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Double(row, column);
}
int PostgresRows::changed() const {
  const char* tuples = PQcmdTuples(result_.get());
  return tuples != nullptr && *tuples != '\0' ? std::atoi(tuples) : 0;
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(const PostgresOptions& options) {
  std::string connect_timeout = "10";
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding", "password", nullptr};
  const char* values[] = {connect_timeout.c_str(), "quai", options.conninfo.c_str(), "UTF8",
                          options.password.empty() ? nullptr : options.password.c_str(), nullptr};
  PGconn* raw = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (raw == nullptr) return Status::Unavailable("PostgreSQL: out of memory for a connection");
  std::string where = Where(options.conninfo, raw);
  if (PQstatus(raw) != CONNECTION_OK) {
    std::string reason = OneLine(PQerrorMessage(raw));
    PQfinish(raw);
    return Status::Unavailable("PostgreSQL at " + where + ": cannot connect: " + reason);
  }
  std::unique_ptr<PostgresConnection> connection(new PostgresConnection(raw, where));
  QUAI_RETURN_IF_ERROR(connection->Execute(
      "SET TIME ZONE 'UTC'; SET DateStyle = ISO, YMD; SET client_min_messages = warning; "
      "SET extra_float_digits = 3; SET statement_timeout = '" +
          std::to_string(std::max(1, options.statement_timeout_seconds)) + "s'",
      "configuring the session"));
  return connection;
}

PostgresConnection::~PostgresConnection() { PQfinish(connection_); }

bool PostgresConnection::healthy() const { return PQstatus(connection_) == CONNECTION_OK; }

Status PostgresConnection::ErrorStatus(PGresult* result, const std::string& context) const {
  const char* sqlstate = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string reason =
      result != nullptr ? OneLine(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) : std::string();
  if (result != nullptr) {
    if (std::string detail = OneLine(PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)); !detail.empty())
      reason += "; " + detail;
  }
  if (reason.empty()) reason = OneLine(PQerrorMessage(connection_));
  std::string code = sqlstate != nullptr ? sqlstate : "";
  std::string message = "PostgreSQL at " + where_ + ": " + context + ": " + reason;
  if (code == "23505") return Status::AlreadyExists(message);
  if (code == "40001" || code == "40P01") return Status::Unavailable(kRetryable + message);
  if (!healthy() || code.starts_with("08") || code == "57P01") return Status::Unavailable(message);
  return Status::IoError(message);
}

Result<PostgresRows> PostgresConnection::Query(const std::string& sql, const std::vector<SqlValue>& parameters,
                                               const std::string& context) {
  std::vector<const char*> values;
  values.reserve(parameters.size());
  for (const SqlValue& parameter : parameters)
    values.push_back(parameter.text() ? parameter.text()->c_str() : nullptr);
  PostgresRows rows;
  rows.result_.reset(PQexecParams(connection_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, /*resultFormat text=*/0),
                     PostgresRows::Free());
  ExecStatusType status = PQresultStatus(rows.result_.get());
  if (rows.result_ != nullptr && (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)) return rows;
  return ErrorStatus(rows.result_.get(), context);
}

Status PostgresConnection::Execute(const std::string& sql, const std::string& context) {
  PGresult* result = PQexec(connection_, sql.c_str());
  ExecStatusType status = PQresultStatus(result);
  Status outcome = result != nullptr && (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
                       ? Status::Ok()
                       : ErrorStatus(result, context);
  PQclear(result);
  return outcome;
}

Status PostgresConnection::CopyIn(const std::string& copy_sql, const std::string& data,
                                  const std::string& context) {
  PGresult* started = PQexec(connection_, copy_sql.c_str());
  if (PQresultStatus(started) != PGRES_COPY_IN) {
    Status status = ErrorStatus(started, context);
    PQclear(started);
    return status;
  }
  PQclear(started);
  bool sent = PQputCopyData(connection_, data.data(), static_cast<int>(data.size())) == 1;
  PQputCopyEnd(connection_, sent ? nullptr : "quai could not send the rows");
  Status status = Status::Ok();
  while (PGresult* result = PQgetResult(connection_)) {
    if (status.ok() && PQresultStatus(result) != PGRES_COMMAND_OK) status = ErrorStatus(result, context);
    PQclear(result);
  }
  return status;
}

std::string EscapeCopyText(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\': escaped += "\\\\"; break;
      case '\t': escaped += "\\t"; break;
      case '\n': escaped += "\\n"; break;
      case '\r': escaped += "\\r"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

Status PostgresConnection::Listen(const std::string& channel) {
  return Execute("LISTEN " + channel, "listening on " + channel);
}

Result<bool> PostgresConnection::WaitForNotification(std::chrono::milliseconds timeout) {
  auto drain = [&]() {
    bool any = false;
    while (PGnotify* notify = PQnotifies(connection_)) {
      any = true;
      PQfreemem(notify);
    }
    return any;
  };
  if (PQconsumeInput(connection_) == 0)
    return Status::Unavailable("PostgreSQL at " + where_ + ": waiting for work: " +
                               OneLine(PQerrorMessage(connection_)));
  if (drain()) return true;
  pollfd descriptor{PQsocket(connection_), POLLIN, 0};
  if (descriptor.fd < 0) return Status::Unavailable("PostgreSQL at " + where_ + ": connection lost");
  int ready = ::poll(&descriptor, 1, static_cast<int>(timeout.count()));
  if (ready <= 0) return false;
  if (PQconsumeInput(connection_) == 0)
    return Status::Unavailable("PostgreSQL at " + where_ + ": waiting for work: " +
                               OneLine(PQerrorMessage(connection_)));
  return drain();
}

bool IsRetryable(const Status& status) {
  return status.code() == StatusCode::kUnavailable && status.message().find(kRetryable) != std::string::npos;
}

}  // namespace quai
