// TrytonSession: one signed-in conversation with a Tryton 6.0 server over its
// JSON-RPC API (POST URL/DATABASE/): `common.db.login`, the user's preferences
// as the context of every call (company, language), paged `search_read`s and
// any other model method (Execute: create, write, buttons).
// Tryton's typed values ({"__class__": "Decimal"|"date"|"datetime"}) are
// decoded by the helpers below. Every failure is kUnavailable naming the
// server and Tryton's own message ("tryton at http://erp:8000/ (database
// prod): ..."). Not thread-safe: one session per fetch; the HttpClient is
// borrowed and must outlive it.
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "erp/http_client.h"
#include "quai/status.h"

namespace quai {

struct TrytonServer {
  std::string url;  // "http://erp.example.com:8000/"
  std::string database;
  std::string user;
  std::string password;
  std::chrono::milliseconds timeout{60000};  // per call
};

class TrytonSession {
 public:
  TrytonSession(TrytonServer server, HttpClient& http);

  // Signs in and reads the user's preferences; every other call needs it first.
  Status Login();
  // The records of `model` ("purchase.purchase") matching `domain`, with
  // `fields` and their "id", read in pages, in id order.
  Result<std::vector<nlohmann::json>> SearchRead(const std::string& model, const nlohmann::json& domain,
                                                 const std::vector<std::string>& fields);
  // Which of `fields` `model` has (a field comes with a module that may not
  // be activated: lot_required with stock_lot).
  Result<std::set<std::string>> ExistingFields(const std::string& model, const std::vector<std::string>& fields);

  // Calls `model.MODEL.METHOD` with `args` followed by the user's context
  // ("stock.shipment.in", "receive", [[41]]) and returns its result. Tryton
  // refusing it (a UserError or UserWarning: a required field, a check) is
  // kFailedPrecondition with Tryton's message; the rest as everywhere else.
  Result<nlohmann::json> Execute(const std::string& model, const std::string& method, nlohmann::json args);

  // "tryton at URL (database DB)": how errors name the server.
  std::string Describe() const;

 private:
  // `refusals_failed_precondition`: Tryton's UserError/UserWarning as kFailedPrecondition.
  Result<nlohmann::json> Call(const std::string& method, nlohmann::json params,
                              bool refusals_failed_precondition = false);

  TrytonServer server_;
  HttpClient& http_;
  std::string authorization_;  // "Session base64(user:id:key)", set by Login
  nlohmann::json context_ = nlohmann::json::object();
  int next_request_id_ = 1;
};

// Tryton's JSON values. Decimal {"__class__": "Decimal", "decimal": "0.62"}
// and plain numbers as a double; null as 0.
double TrytonNumber(const nlohmann::json& value);
// date and datetime as ISO text ("2024-03-15", "2024-03-15T10:04:05.123456"); null as "".
std::string TrytonDate(const nlohmann::json& value);
// ISO date-time text back into Tryton's datetime, for a domain; false when not one.
bool ToTrytonDateTime(const std::string& iso, nlohmann::json& datetime);

}  // namespace quai
