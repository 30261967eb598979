#include "erp/tryton_session.h"

#include <charconv>
#include <cstdio>

namespace quai {
namespace {

using nlohmann::json;

constexpr int kPageSize = 500;

std::string Base64(const std::string& text) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    unsigned n = (unsigned char)text[i] << 16 | (unsigned char)text[i + 1] << 8 | (unsigned char)text[i + 2];
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (i + 1 == text.size()) {
    unsigned n = (unsigned char)text[i] << 16;
    out += std::string{kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63]} + "==";
  } else if (i + 2 == text.size()) {
    unsigned n = (unsigned char)text[i] << 16 | (unsigned char)text[i + 1] << 8;
    out += std::string{kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63]} + "=";
  }
  return out;
}

// Tryton's error: ["UserError", ["message", "description", domain]] for a user
// error, ["UserWarning", ["name", "message", "description"]] for a warning,
// [exception text, traceback] for the rest.
std::string DescribeError(const json& error) {
  if (!error.is_array() || error.empty()) return error.dump().substr(0, 300);
  std::string text = error[0].is_string() ? error[0].get<std::string>() : error[0].dump();
  size_t message = text == "UserWarning" ? 1 : 0;
  if (error.size() > 1 && error[1].is_array() && error[1].size() > message && error[1][message].is_string())
    text += ": " + error[1][message].get<std::string>();
  return text.substr(0, 300);
}

bool IsRefusal(const json& error) {
  return error.is_array() && !error.empty() && (error[0] == "UserError" || error[0] == "UserWarning");
}

}  // namespace

TrytonSession::TrytonSession(TrytonServer server, HttpClient& http) : server_(std::move(server)), http_(http) {
  if (server_.url.empty() || server_.url.back() != '/') server_.url += '/';
}

std::string TrytonSession::Describe() const {
  return "tryton at " + server_.url + " (database " + server_.database + ")";
}

Result<json> TrytonSession::Call(const std::string& method, json params, bool refusals_failed_precondition) {
  json request = {{"id", next_request_id_++}, {"method", method}, {"params", std::move(params)}};
  HttpHeaders headers = {{"Content-Type", "application/json"}};
  if (!authorization_.empty()) headers.emplace_back("Authorization", authorization_);
  auto response = http_.Post(server_.url + server_.database + "/", headers, request.dump(), server_.timeout);
  if (!response.ok()) {
    if (response.status().code() == StatusCode::kUnavailable)
      return Status::Unavailable("tryton at " + response.status().message());
    return response.status().WithContext(Describe());
  }
  if (response->status == 401 || response->status == 403)
    return Status::Unavailable(Describe() + ": " + method + " refused (HTTP " + std::to_string(response->status) +
                               "): the user or password is wrong, or the session expired");
  if (response->status != 200)
    return Status::Unavailable(Describe() + ": " + method + " answered HTTP " + std::to_string(response->status) +
                               (response->status == 404 ? " (is the database name right?)" : ""));
  json answer = json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (!answer.is_object()) return Status::Unavailable(Describe() + ": " + method + " answered something not JSON-RPC");
  if (answer.contains("error") && !answer["error"].is_null()) {
    std::string message = Describe() + ": " + method + ": " + DescribeError(answer["error"]);
    if (refusals_failed_precondition && IsRefusal(answer["error"])) return Status::FailedPrecondition(message);
    return Status::Unavailable(message);
  }
  if (!answer.contains("result")) return Status::Unavailable(Describe() + ": " + method + " answered no result");
  return std::move(answer["result"]);
}

Status TrytonSession::Login() {
  authorization_.clear();
  auto login = Call("common.db.login", json::array({server_.user, {{"password", server_.password}}, "en"}));
  if (!login.ok()) return login.status();
  // 6.0 answers [user id, session key]; a refused login is an error or false.
  if (!login->is_array() || login->size() != 2 || !(*login)[0].is_number_integer() || !(*login)[1].is_string())
    return Status::Unavailable(Describe() + ": the login of user '" + server_.user + "' was refused");
  authorization_ = "Session " + Base64(server_.user + ":" + std::to_string((*login)[0].get<long long>()) + ":" +
                                       (*login)[1].get<std::string>());
  auto preferences = Call("model.res.user.get_preferences", json::array({true, json::object()}));
  if (!preferences.ok()) return preferences.status();
  if (preferences->is_object()) context_ = std::move(*preferences);
  return Status::Ok();
}

Result<std::vector<json>> TrytonSession::SearchRead(const std::string& model, const json& domain,
                                                    const std::vector<std::string>& fields) {
  std::vector<json> records;
  for (int offset = 0;; offset += kPageSize) {
    auto page = Call("model." + model + ".search_read",
                     json::array({domain, offset, kPageSize, json::array({json::array({"id", "ASC"})}), fields,
                                  context_}));
    if (!page.ok()) return page.status();
    if (!page->is_array()) return Status::Unavailable(Describe() + ": " + model + ".search_read answered no list");
    for (auto& record : *page) records.push_back(std::move(record));
    if (page->size() < static_cast<size_t>(kPageSize)) return records;
  }
}

Result<json> TrytonSession::Execute(const std::string& model, const std::string& method, json args) {
  if (!args.is_array()) args = json::array({std::move(args)});
  args.push_back(context_);
  return Call("model." + model + "." + method, std::move(args), /*refusals_failed_precondition=*/true);
}

Result<std::set<std::string>> TrytonSession::ExistingFields(const std::string& model,
                                                            const std::vector<std::string>& fields) {
  auto described = Call("model." + model + ".fields_get", json::array({fields, context_}));
  if (!described.ok()) return described.status();
  std::set<std::string> existing;
  if (described->is_object())
    for (const auto& field : fields)
      if (described->contains(field)) existing.insert(field);
  return existing;
}

double TrytonNumber(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_object() && value.value("__class__", "") == "Decimal" && value.contains("decimal") &&
      value["decimal"].is_string()) {
    const std::string& text = value["decimal"].get_ref<const std::string&>();
    double number = 0;
    std::from_chars(text.data(), text.data() + text.size(), number);
    return number;
  }
  return 0;
}

std::string TrytonDate(const json& value) {
  if (!value.is_object()) return "";
  std::string kind = value.value("__class__", "");
  if (kind != "date" && kind != "datetime") return "";
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", value.value("year", 0), value.value("month", 0),
                value.value("day", 0));
  std::string iso = text;
  if (kind == "datetime") {
    std::snprintf(text, sizeof text, "T%02d:%02d:%02d.%06d", value.value("hour", 0), value.value("minute", 0),
                  value.value("second", 0), value.value("microsecond", 0));
    iso += text;
  }
  return iso;
}

bool ToTrytonDateTime(const std::string& iso, json& datetime) {
  int year, month, day, hour, minute, second, microsecond;
  char tail;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%6d%c", &year, &month, &day, &hour, &minute, &second,
                  &microsecond, &tail) != 7)
    return false;
  datetime = {{"__class__", "datetime"}, {"year", year},     {"month", month},   {"day", day},
              {"hour", hour},            {"minute", minute}, {"second", second}, {"microsecond", microsecond}};
  return true;
}

}  // namespace quai
