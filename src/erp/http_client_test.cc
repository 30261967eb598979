#include "erp/http_client.h"

#include <gtest/gtest.h>

#include "support/fixed_pages_server.h"

namespace quai {
namespace {

using namespace std::chrono_literals;
using testing::FixedPagesServer;

TEST(CurlHttpClient, GetReturnsTheStatusAndBodyAndSendsTheHeaders) {
  FixedPagesServer server;
  server.SetPage("/orders?page=2", {200, R"({"items":[1,2]})"});
  CurlHttpClient client;
  auto response = client.Get(server.url() + "/orders?page=2", {{"Authorization", "Bearer abc"}}, 5s);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"items":[1,2]})");
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].method, "GET");
  EXPECT_EQ(server.requests()[0].headers.at("Authorization"), "Bearer abc");
}

TEST(CurlHttpClient, PostSendsTheBody) {
  FixedPagesServer server;
  server.SetPage("/quai/", {200, R"({"id":1,"result":true})"});
  CurlHttpClient client;
  auto response =
      client.Post(server.url() + "/quai/", {{"Content-Type", "application/json"}}, R"({"method":"x"})", 5s);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->body, R"({"id":1,"result":true})");
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].method, "POST");
  EXPECT_EQ(server.requests()[0].body, R"({"method":"x"})");
  EXPECT_EQ(server.requests()[0].headers.at("Content-Type"), "application/json");
}

TEST(CurlHttpClient, AnErrorStatusIsAResponseNotAFailure) {
  FixedPagesServer server;
  server.SetPage("/missing", {404, "no such page"});
  CurlHttpClient client;
  auto response = client.Get(server.url() + "/missing", {}, 5s);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->body, "no such page");
}

TEST(CurlHttpClient, AServerThatIsNotThereIsUnavailableNamingTheUrl) {
  std::string url;
  {
    FixedPagesServer server;  // takes a free port, then frees it
    url = server.url() + "/quai/";
  }
  CurlHttpClient client;
  auto response = client.Post(url, {}, "{}", 5s);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(response.status().message().find(url), std::string::npos) << response.status().message();
  EXPECT_NE(response.status().message().find("onnect"), std::string::npos) << response.status().message();
}

TEST(CurlHttpClient, AServerTooSlowToAnswerIsUnavailableAfterTheTimeout) {
  FixedPagesServer server;
  server.SetPage("/slow", {200, "late", 1500ms});
  CurlHttpClient client;
  auto started = std::chrono::steady_clock::now();
  auto response = client.Get(server.url() + "/slow", {}, 300ms);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1200ms);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(response.status().message().find("/slow"), std::string::npos) << response.status().message();
  EXPECT_NE(response.status().message().find("imed out"), std::string::npos) << response.status().message();
}

TEST(CurlHttpClient, AResponseLargerThanTheLimitIsRefused) {
  FixedPagesServer server;
  server.SetPage("/big", {200, std::string(100000, 'x')});
  server.SetPage("/small", {200, std::string(1000, 'x')});
  CurlHttpClient client(/*max_response_bytes=*/50000);
  auto big = client.Get(server.url() + "/big", {}, 5s);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), StatusCode::kLimitExceeded);
  EXPECT_NE(big.status().message().find("/big"), std::string::npos) << big.status().message();
  auto small = client.Get(server.url() + "/small", {}, 5s);
  ASSERT_TRUE(small.ok()) << small.status().ToString();
  EXPECT_EQ(small->body.size(), 1000u);
}

}  // namespace
}  // namespace quai
