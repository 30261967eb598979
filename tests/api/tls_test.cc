// `quai serve --tls-cert --tls-key` serves HTTPS, and its session cookie is Secure.
#include <gtest/gtest.h>

#include "api/quai_server.h"

namespace quai::testing {
namespace {

TEST(ApiOverTls, ServesHttpsWithASecureSessionCookie) {
  QuaiServer server({"--tls-cert", FixturePath("tls/test-only-cert.pem"), "--tls-key",
                     FixturePath("tls/test-only-key.pem")});
  ASSERT_TRUE(server.Start()) << server.log();
  std::string password = server.AddUser("ana", "reviewer");
  ASSERT_FALSE(password.empty());
  httplib::SSLClient client("127.0.0.1", server.port());
  client.set_ca_cert_path(FixturePath("tls/test-only-cert.pem").c_str());
  client.enable_server_certificate_verification(true);
  auto health = client.Get("/api/v1/health");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  auto login = client.Post("/api/v1/session", Json{{"username", "ana"}, {"password", password}}.dump(),
                           "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  const std::string cookie = login->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("; Secure"), std::string::npos);
  // The __Host- prefix: the browser keeps it only from HTTPS, for this host and Path=/.
  EXPECT_EQ(cookie.rfind("__Host-quai_session=", 0), 0u) << cookie;
  EXPECT_NE(login->get_header_value("Strict-Transport-Security").find("max-age="), std::string::npos);
  // The cookie it set is the one that signs in.
  std::string session = cookie.substr(0, cookie.find(';'));
  auto me = client.Get("/api/v1/session", {{"Cookie", session}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200) << me->body;
  auto plain_name = client.Get("/api/v1/session", {{"Cookie", "quai_session=" + session.substr(session.find('=') + 1)}});
  ASSERT_TRUE(plain_name);
  EXPECT_EQ(plain_name->status, 401) << "a cookie without the prefix is not the session under TLS";
  httplib::Client plain("127.0.0.1", server.port());
  plain.set_connection_timeout(5);
  plain.set_read_timeout(5);
  auto unencrypted = plain.Get("/api/v1/health");
  EXPECT_TRUE(!unencrypted || unencrypted->status != 200);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace quai::testing
