// Authentication, roles and CSRF over HTTP against a real `quai serve`.
#include <regex>
#include <thread>

#include "api/api_test.h"

namespace quai::testing {
namespace {

// Every operation of the OpenAPI document with its placeholders filled in.
std::vector<std::pair<std::string, std::string>> EveryOperation(const Json& openapi) {
  std::vector<std::pair<std::string, std::string>> operations;
  for (const auto& [path, methods] : openapi["paths"].items()) {
    std::string concrete = std::regex_replace(path, std::regex("\\{(id|n)\\}"), "1");
    concrete = std::regex_replace(concrete, std::regex("\\{i\\}"), "0");
    concrete = std::regex_replace(concrete, std::regex("\\{name\\}"), "po_number");
    for (const auto& [method, operation] : methods.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(c));
      operations.emplace_back(upper, concrete);
    }
  }
  return operations;
}

TEST_F(ApiTest, EveryRouteButSessionAndHealthAnswers401WithoutCredentials) {
  Json openapi = anonymous_->GetJson("/api/v1/openapi.json");
  ASSERT_TRUE(openapi.is_object());
  int checked = 0;
  for (const auto& [method, path] : EveryOperation(openapi)) {
    auto result = anonymous_->Send(method, path, Json::object());
    ASSERT_TRUE(result) << method << " " << path;
    // /health, /ready and /metrics answer probes and scrapers on loopback (MonitoringTest).
    bool is_public = path == "/api/v1/health" || path == "/api/v1/openapi.json" || path == "/health" ||
                     path == "/ready" || path == "/metrics" ||
                     (path == "/api/v1/session" && method == "POST");
    if (is_public) continue;
    EXPECT_EQ(result->status, 401) << method << " " << path;
    EXPECT_EQ(ErrorCode(result), "unauthenticated") << method << " " << path << ": " << result->body;
    ++checked;
  }
  EXPECT_GE(checked, 20);
}

TEST_F(ApiTest, HealthAndOpenApiNeedNoCredentials) {
  Json health = anonymous_->GetJson("/api/v1/health");
  ASSERT_TRUE(health.is_object());
  EXPECT_EQ(health["status"], "ok");
  EXPECT_TRUE(health["queue"].contains("waiting"));
  Json openapi = anonymous_->GetJson("/api/v1/openapi.json");
  ASSERT_TRUE(openapi.is_object());
  EXPECT_EQ(openapi["openapi"].get<std::string>().substr(0, 2), "3.");
}

TEST_F(ApiTest, WrongPasswordAndUnknownUserGetTheSame401) {
  ASSERT_FALSE(server_.AddUser("ana", "reviewer").empty());
  auto wrong = anonymous_->Send("POST", "/api/v1/session", {{"username", "ana"}, {"password", "not-it"}});
  auto unknown = anonymous_->Send("POST", "/api/v1/session", {{"username", "nobody"}, {"password", "not-it"}});
  ASSERT_TRUE(wrong && unknown);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(ErrorCode(wrong), "unauthenticated");
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(Json::parse(wrong->body)["error"]["message"], Json::parse(unknown->body)["error"]["message"]);
  auto garbage = anonymous_->http().Post("/api/v1/session", "{not json", "application/json");
  EXPECT_TRUE(IsError(garbage, 400, "invalid_argument"));
}

TEST_F(ApiTest, RepeatedWrongPasswordsAreSlowedDownThenTheRightOneGetsIn) {
  std::string password = server_.AddUser("ana", "reviewer");
  int last_status = 0;
  std::string retry_header;
  for (int attempt = 0; attempt < 12 && last_status != 429; ++attempt) {
    auto result = anonymous_->Send("POST", "/api/v1/session", {{"username", "ana"}, {"password", "guess"}});
    ASSERT_TRUE(result);
    last_status = result->status;
    retry_header = result->get_header_value("Retry-After");
  }
  ASSERT_EQ(last_status, 429);
  const int retry_after = std::stoi(retry_header);
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 4);
  std::this_thread::sleep_for(std::chrono::seconds(retry_after));
  auto right = anonymous_->Send("POST", "/api/v1/session", {{"username", "ana"}, {"password", password}});
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 200) << right->body;
}

TEST_F(ApiTest, LoginTakesJsonOnlySoOtherSitesCannotPostAttempts) {
  std::string password = server_.AddUser("ana", "reviewer");
  auto client = server_.NewClient();
  const std::string body = Json{{"username", "ana"}, {"password", password}}.dump();
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded"}) {
    auto posted = client->Post("/api/v1/session", body, type);
    ASSERT_TRUE(posted);
    EXPECT_EQ(posted->status, 415) << type;
  }
  auto json = client->Post("/api/v1/session", body, "application/json");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 200) << json->body;
}

TEST_F(ApiTest, LoginSetsAStrictHttpOnlyCookieAndLogoutEndsTheSession) {
  std::string password = server_.AddUser("ana", "reviewer");
  auto login = anonymous_->Send("POST", "/api/v1/session", {{"username", "ana"}, {"password", password}});
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  std::string cookie = login->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("quai_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  Json body = Json::parse(login->body);
  EXPECT_EQ(body["user"]["name"], "ana");
  EXPECT_EQ(body["user"]["role"], "reviewer");
  EXPECT_FALSE(body["csrf_token"].get<std::string>().empty());

  auto ana = ApiClient::LoggedIn(server_, "ana", password);
  ASSERT_NE(ana, nullptr);
  Json session = ana->GetJson("/api/v1/session");
  ASSERT_TRUE(session.is_object());
  EXPECT_EQ(session["user"]["name"], "ana");
  auto logout = ana->Send("DELETE", "/api/v1/session");
  ASSERT_TRUE(IsStatus(logout, 204));
  auto after = ana->Send("GET", "/api/v1/session");
  ASSERT_TRUE(IsStatus(after, 401));
}

TEST_F(ApiTest, BadOrRevokedBearerTokensGet401) {
  auto fake = ApiClient::WithToken(server_, "quai_notatokenatallnotatokenatallnotatokenatall");
  auto result = fake->Send("GET", "/api/v1/documents");
  ASSERT_TRUE(IsStatus(result, 401));
  httplib::Headers basic = {{"Authorization", "Basic YWRtaW46YWRtaW4="}};
  auto basic_result = anonymous_->http().Get("/api/v1/documents", basic);
  ASSERT_TRUE(IsStatus(basic_result, 401));
}

TEST_F(ApiTest, ViewerReadsButCannotUploadCorrectValidateOrRejectAnything) {
  auto vera = LogIn("vera", "viewer");
  ASSERT_NE(vera, nullptr);
  auto list = vera->Send("GET", "/api/v1/documents");
  ASSERT_TRUE(IsStatus(list, 200));
  auto upload = vera->Upload({{"text-layer.pdf", ReadFixture("text-layer.pdf")}});
  EXPECT_TRUE(IsError(upload, 403, "forbidden"));
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"PUT", "/api/v1/documents/1/fields/po_number"},
           {"PUT", "/api/v1/documents/1/lines/0/quantity"},
           {"POST", "/api/v1/documents/1/lines"},
           {"DELETE", "/api/v1/documents/1/lines/0"},
           {"PUT", "/api/v1/documents/1/type"},
           {"POST", "/api/v1/documents/1/validate"},
           {"POST", "/api/v1/documents/1/reject"},
           {"GET", "/api/v1/users"},
           {"POST", "/api/v1/users"}}) {
    auto result = vera->Send(method, path, {{"value", "1"}, {"reason", "x"}, {"name", "x"}, {"role", "admin"}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 403) << method << " " << path;
    EXPECT_EQ(ErrorCode(result), "forbidden") << method << " " << path;
  }
}

TEST_F(ApiTest, IntegrationTokenUploadsAndReadsButCannotCorrectOrValidate) {
  auto erp = WithToken("erp", "integration");
  int64_t id = UploadOne(*erp, "text-layer.pdf", ReadFixture("text-layer.pdf"));
  ASSERT_GT(id, 0);
  std::string document = "/api/v1/documents/" + std::to_string(id);
  auto read = erp->Send("GET", document);
  ASSERT_TRUE(IsStatus(read, 200));
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"PUT", document + "/fields/po_number"}, {"POST", document + "/validate"},
           {"POST", document + "/reject"}, {"GET", "/api/v1/users"}}) {
    auto result = erp->Send(method, path, {{"value", "1"}, {"reason", "x"}});
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 403) << method << " " << path;
    EXPECT_EQ(ErrorCode(result), "forbidden");
  }
}

TEST_F(ApiTest, OnlyAnAdminManagesUsers) {
  auto ana = LogIn("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  auto refused = ana->Send("POST", "/api/v1/users", {{"name", "mallory"}, {"role", "admin"}});
  ASSERT_TRUE(IsStatus(refused, 403));
  auto admin = LogIn("root", "admin");
  ASSERT_NE(admin, nullptr);
  auto created = admin->Send("POST", "/api/v1/users", {{"name", "bob"}, {"role", "reviewer"}});
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  std::string password = Json::parse(created->body)["password"];
  EXPECT_NE(ApiClient::LoggedIn(server_, "bob", password), nullptr);
  auto again = admin->Send("POST", "/api/v1/users", {{"name", "bob"}, {"role", "viewer"}});
  ASSERT_TRUE(IsStatus(again, 409));
  auto bad_role = admin->Send("POST", "/api/v1/users", {{"name", "carl"}, {"role", "god"}});
  ASSERT_TRUE(IsStatus(bad_role, 400));
  Json users = admin->GetJson("/api/v1/users");
  ASSERT_TRUE(users.is_object());
  EXPECT_EQ(users["users"].size(), 3u);
}

TEST_F(ApiTest, AdminCreatesListsAndRevokesTokensAndTheRevokedTokenStopsWorking) {
  auto admin = LogIn("root", "admin");
  ASSERT_NE(admin, nullptr);
  ASSERT_NE(LogIn("erp", "integration"), nullptr);
  auto bad = admin->Send("POST", "/api/v1/tokens", {{"user", "erp"}, {"expires_in_days", -3}});
  ASSERT_TRUE(IsStatus(bad, 400));
  auto unknown = admin->Send("POST", "/api/v1/tokens", {{"user", "nobody"}});
  ASSERT_TRUE(IsStatus(unknown, 404));
  auto created = admin->Send("POST", "/api/v1/tokens", {{"user", "erp"}, {"label", "nightly"}, {"expires_in_days", 30}});
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  Json token = Json::parse(created->body);
  EXPECT_EQ(token["user"], "erp");
  EXPECT_EQ(token["label"], "nightly");
  EXPECT_FALSE(token["expires_at"].get<std::string>().empty());
  auto erp = ApiClient::WithToken(server_, token["token"]);
  ASSERT_TRUE(IsStatus(erp->Send("GET", "/api/v1/documents"), 200));
  Json tokens = admin->GetJson("/api/v1/tokens");
  ASSERT_EQ(tokens["tokens"].size(), 1u);
  EXPECT_EQ(tokens["tokens"][0]["id"], token["id"]);
  EXPECT_FALSE(tokens["tokens"][0].contains("token"));
  auto revoked = admin->Send("DELETE", "/api/v1/tokens/" + std::to_string(token["id"].get<int64_t>()));
  ASSERT_TRUE(IsStatus(revoked, 200));
  EXPECT_TRUE(IsStatus(erp->Send("GET", "/api/v1/documents"), 401));
  tokens = admin->GetJson("/api/v1/tokens");
  EXPECT_FALSE(tokens["tokens"][0]["revoked_at"].get<std::string>().empty());
  EXPECT_TRUE(IsStatus(admin->Send("DELETE", "/api/v1/tokens/999"), 404));
  Json log = admin->GetJson("/api/v1/audit?limit=1000");
  std::string kinds = log.dump();
  EXPECT_NE(kinds.find("token_created"), std::string::npos);
  EXPECT_NE(kinds.find("token_revoked"), std::string::npos);
}

TEST_F(ApiTest, AdminDisablesReenablesAndChangesTheRoleOfAUserButNotTheirOwn) {
  auto admin = LogIn("root", "admin");
  ASSERT_NE(admin, nullptr);
  auto vera = LogIn("vera", "viewer");
  ASSERT_NE(vera, nullptr);
  ASSERT_TRUE(IsStatus(vera->Send("GET", "/api/v1/session"), 200));
  auto promoted = admin->Send("PUT", "/api/v1/users/vera", {{"role", "reviewer"}});
  ASSERT_TRUE(promoted);
  ASSERT_EQ(promoted->status, 200) << promoted->body;
  EXPECT_EQ(Json::parse(promoted->body)["role"], "reviewer");
  // Her session acts with the new role from its next request.
  EXPECT_EQ(vera->GetJson("/api/v1/session")["user"]["role"], "reviewer");
  auto disabled = admin->Send("PUT", "/api/v1/users/vera", {{"disabled", true}});
  ASSERT_TRUE(IsStatus(disabled, 200));
  EXPECT_EQ(Json::parse(disabled->body)["disabled"], true);
  EXPECT_TRUE(IsStatus(vera->Send("GET", "/api/v1/session"), 401));
  auto enabled = admin->Send("PUT", "/api/v1/users/vera", {{"disabled", false}});
  ASSERT_TRUE(IsStatus(enabled, 200));
  EXPECT_EQ(Json::parse(enabled->body)["disabled"], false);
  EXPECT_TRUE(IsStatus(admin->Send("PUT", "/api/v1/users/root", {{"role", "viewer"}}), 409));
  EXPECT_TRUE(IsStatus(admin->Send("PUT", "/api/v1/users/vera", {{"role", "god"}}), 400));
  EXPECT_TRUE(IsStatus(admin->Send("PUT", "/api/v1/users/nobody", {{"disabled", true}}), 404));
  EXPECT_TRUE(IsStatus(vera->Send("PUT", "/api/v1/users/root", {{"disabled", true}}), 401));
  std::string log = admin->GetJson("/api/v1/audit?limit=1000").dump();
  EXPECT_NE(log.find("user_role_changed"), std::string::npos);
  EXPECT_NE(log.find("user_disabled"), std::string::npos);
  EXPECT_NE(log.find("user_enabled"), std::string::npos);
}

TEST_F(ApiTest, CookieSessionChangesNeedTheCsrfHeaderButBearerTokensDoNot) {
  auto ana = LogIn("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  httplib::MultipartFormDataItems items = {{"file", ReadFixture("text-layer.pdf"), "text-layer.pdf", "application/pdf"}};
  auto no_header = ana->http().Post("/api/v1/documents", ana->Headers(/*with_csrf=*/false), items);
  EXPECT_TRUE(IsError(no_header, 403, "csrf_failed"));
  httplib::Headers wrong = ana->Headers(false);
  wrong.emplace("X-CSRF-Token", "wrong");
  auto wrong_header = ana->http().Post("/api/v1/documents", wrong, items);
  ASSERT_TRUE(wrong_header);
  EXPECT_EQ(ErrorCode(wrong_header), "csrf_failed");
  auto logout = ana->Send("DELETE", "/api/v1/session", nullptr, /*with_csrf=*/false);
  ASSERT_TRUE(logout);
  EXPECT_EQ(ErrorCode(logout), "csrf_failed");
  auto with_header = ana->http().Post("/api/v1/documents", ana->Headers(), items);
  ASSERT_TRUE(with_header);
  EXPECT_EQ(with_header->status, 202) << with_header->body;
  // Reading needs no header.
  EXPECT_EQ(ana->Send("GET", "/api/v1/documents", nullptr, false)->status, 200);

  auto script = WithToken("script", "reviewer");
  auto by_token = script->Upload({{"three-pages.pdf", ReadFixture("three-pages.pdf")}});
  ASSERT_TRUE(by_token);
  EXPECT_EQ(by_token->status, 202) << by_token->body;
}

}  // namespace
}  // namespace quai::testing
