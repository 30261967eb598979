// A real `quai serve` process for the API tests: started on a free loopback
// port with a fresh data directory, users made with `quai user add`, tokens
// with `quai token create`, stopped with SIGTERM. Clients are httplib::Client
// over loopback. Test-only; one thread at a time.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "fixtures/fixtures.h"
#include "fixtures/test_directory.h"
#include "integration/quai_process.h"

namespace quai::testing {

using Json = nlohmann::json;

// The last non-empty line of a command's output (passwords and tokens are printed alone there).
inline std::string LastLine(const std::string& text) {
  size_t end = text.find_last_not_of("\r\n");
  if (end == std::string::npos) return "";
  size_t start = text.find_last_of('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

inline std::string SamplePath(const std::string& name) { return SourceDir() + "/samples/" + name; }
inline std::string ReadFile(const std::string& path) { return Slurp(path); }

class QuaiServer {
 public:
  // `extra` are more `quai serve` options (e.g. {"--max-file-mb", "2"}).
  explicit QuaiServer(std::vector<std::string> extra = {}) : extra_(std::move(extra)) {}
  ~QuaiServer() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  const std::string& data_dir() const { return data_.path(); }
  void AddArguments(const std::vector<std::string>& more) { extra_.insert(extra_.end(), more.begin(), more.end()); }
  // Drops the last `count` arguments (to start again without options a test added).
  void DropArguments(size_t count) { extra_.resize(extra_.size() - std::min(count, extra_.size())); }
  int port() const { return port_; }

  // Starts the server and waits (up to 60 s) for its "listening on" line. False if it did not come.
  bool Start() {
    ++starts_;
    out_ = data_.File("serve-" + std::to_string(starts_) + ".out");
    err_ = data_.File("serve-" + std::to_string(starts_) + ".err");
    std::vector<std::string> args = {"serve", "--listen", "127.0.0.1:0", "--data", data_.File("data"), "--jobs", "1"};
    args.insert(args.end(), extra_.begin(), extra_.end());
    pid_ = StartQuai(args, out_, err_);
    static const std::regex kListening("listening on https?://[^:]+:([0-9]+)/");
    for (int waited = 0; waited < 600; ++waited) {
      std::smatch match;
      std::string out = Slurp(out_);
      if (std::regex_search(out, match, kListening)) {
        port_ = std::stoi(match[1]);
        return true;
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  // SIGTERM, then waits; the exit code (-1 if killed by a signal or not running).
  int Stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    ProcessResult result = WaitForQuai(pid_, out_, err_);
    pid_ = -1;
    last_log_ = result.err;
    return result.exit_code;
  }
  std::string log() const { return pid_ > 0 ? Slurp(err_) : last_log_; }

  // `quai user add NAME --role ROLE`: the one-time password.
  std::string AddUser(const std::string& name, const std::string& role) {
    ProcessResult result = RunQuai({"user", "add", name, "--role", role, "--data", data_.File("data")}, data_.path());
    return result.exit_code == 0 ? LastLine(result.out) : "";
  }
  // `quai token create --user NAME`: the token.
  std::string CreateToken(const std::string& user) {
    ProcessResult result = RunQuai({"token", "create", "--user", user, "--data", data_.File("data")}, data_.path());
    return result.exit_code == 0 ? LastLine(result.out) : "";
  }

  std::unique_ptr<httplib::Client> NewClient() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client->set_connection_timeout(10);
    client->set_read_timeout(60);
    client->set_write_timeout(60);
    return client;
  }

 private:
  std::vector<std::string> extra_;
  TestDirectory data_;
  pid_t pid_ = -1;
  int port_ = 0;
  int starts_ = 0;
  std::string out_, err_, last_log_;
};

// A logged-in browser (cookie + CSRF token) or a script (bearer token).
class ApiClient {
 public:
  ApiClient(const QuaiServer& server) : http_(server.NewClient()) {}

  static std::unique_ptr<ApiClient> WithToken(const QuaiServer& server, const std::string& token) {
    auto client = std::make_unique<ApiClient>(server);
    client->bearer_ = token;
    return client;
  }
  // Logs in; null when the login did not succeed.
  static std::unique_ptr<ApiClient> LoggedIn(const QuaiServer& server, const std::string& name,
                                             const std::string& password) {
    auto client = std::make_unique<ApiClient>(server);
    auto result = client->Send("POST", "/api/v1/session", Json{{"username", name}, {"password", password}});
    if (!result || result->status != 200) return nullptr;
    std::string cookie = result->get_header_value("Set-Cookie");
    client->cookie_ = cookie.substr(0, cookie.find(';'));
    client->csrf_ = Json::parse(result->body)["csrf_token"].get<std::string>();
    return client;
  }

  httplib::Headers Headers(bool with_csrf = true) const {
    httplib::Headers headers;
    if (!bearer_.empty()) headers.emplace("Authorization", "Bearer " + bearer_);
    if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
    if (!csrf_.empty() && with_csrf) headers.emplace("X-CSRF-Token", csrf_);
    return headers;
  }

  httplib::Result Send(const std::string& method, const std::string& path, const Json& body = nullptr,
                       bool with_csrf = true) {
    httplib::Headers headers = Headers(with_csrf);
    std::string text = body.is_null() ? "" : body.dump();
    if (method == "GET") return http_->Get(path.c_str(), headers);
    if (method == "POST") return http_->Post(path.c_str(), headers, text, "application/json");
    if (method == "PUT") return http_->Put(path.c_str(), headers, text, "application/json");
    return http_->Delete(path.c_str(), headers, text, "application/json");
  }

  // Uploads files as field `file` ({name, bytes} pairs).
  httplib::Result Upload(const std::vector<std::pair<std::string, std::string>>& files) {
    httplib::MultipartFormDataItems items;
    for (const auto& [name, bytes] : files) items.push_back({"file", bytes, name, "application/octet-stream"});
    return http_->Post("/api/v1/documents", Headers(), items);
  }

  // GET path as JSON (null on failure).
  Json GetJson(const std::string& path) {
    auto result = Send("GET", path);
    if (!result || result->status != 200) return nullptr;
    return Json::parse(result->body, nullptr, false);
  }

  // Polls the document until it is no longer `received` (up to `seconds`); its last state.
  Json WaitUntilRead(int64_t id, int seconds = 180) {
    Json document;
    for (int waited = 0; waited < seconds * 5; ++waited) {
      document = GetJson("/api/v1/documents/" + std::to_string(id));
      if (document.is_object() && document.value("status", "") != "received") return document;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return document;
  }

  httplib::Client& http() { return *http_; }
  const std::string& csrf_token() const { return csrf_; }

 private:
  std::unique_ptr<httplib::Client> http_;
  std::string bearer_, cookie_, csrf_;
};

// The error code of an API error answer ("" when the body is not one).
inline std::string ErrorCode(const httplib::Result& result) {
  if (!result) return "no answer";
  Json body = Json::parse(result->body, nullptr, false);
  if (!body.is_object() || !body.contains("error")) return "";
  return body["error"].value("code", "");
}

// The answer came with HTTP `status`.
inline ::testing::AssertionResult IsStatus(const httplib::Result& result, int status) {
  if (!result) return ::testing::AssertionFailure() << "no answer: " << httplib::to_string(result.error());
  if (result->status != status)
    return ::testing::AssertionFailure() << "answered " << result->status << " " << result->body.substr(0, 300);
  return ::testing::AssertionSuccess();
}

// The answer is the API error `code` with HTTP `status`.
inline ::testing::AssertionResult IsError(const httplib::Result& result, int status, const std::string& code) {
  ::testing::AssertionResult answered = IsStatus(result, status);
  if (!answered) return answered;
  if (ErrorCode(result) != code) return ::testing::AssertionFailure() << "error " << result->body.substr(0, 300);
  return ::testing::AssertionSuccess();
}

}  // namespace quai::testing
