// The fixture shared by the API tests: one real `quai serve` per test (on a
// free loopback port, fresh data directory, uploads up to 2 MiB), and users of
// each role made on demand with `quai user add`.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/quai_server.h"

namespace quai::testing {

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A stand-in for the built UI, so static serving is tested whether or not web/ is built.
    std::filesystem::create_directories(server_.data_dir() + "/web/assets");
    std::ofstream(server_.data_dir() + "/web/index.html") << "<!doctype html><title>quai</title>";
    std::ofstream(server_.data_dir() + "/web/assets/app-1234.js") << "console.log('quai')";
    server_.AddArguments({"--web", server_.data_dir() + "/web"});
    ASSERT_TRUE(server_.Start()) << server_.log();
    anonymous_ = std::make_unique<ApiClient>(server_);
  }
  void TearDown() override {
    if (::testing::Test::HasFailure()) std::fprintf(stderr, "--- server log ---\n%s\n", server_.log().c_str());
  }

  // A user of `role` named `name`, logged in with a browser session.
  std::unique_ptr<ApiClient> LogIn(const std::string& name, const std::string& role) {
    std::string password = server_.AddUser(name, role);
    EXPECT_FALSE(password.empty()) << "quai user add " << name << " failed";
    auto client = ApiClient::LoggedIn(server_, name, password);
    EXPECT_NE(client, nullptr) << "login of " << name << " failed";
    return client;
  }
  // A user of `role` named `name`, with an API token.
  std::unique_ptr<ApiClient> WithToken(const std::string& name, const std::string& role) {
    EXPECT_FALSE(server_.AddUser(name, role).empty());
    std::string token = server_.CreateToken(name);
    EXPECT_EQ(token.rfind("quai_", 0), 0u) << "quai token create printed " << token;
    return ApiClient::WithToken(server_, token);
  }

  // Uploads one file and returns its id (0 on failure).
  int64_t UploadOne(ApiClient& client, const std::string& name, const std::string& bytes) {
    auto result = client.Upload({{name, bytes}});
    if (!result || result->status != 202) return 0;
    Json body = Json::parse(result->body);
    return body["documents"][0].value("id", int64_t{0});
  }

  QuaiServer server_{{"--max-file-mb", "2"}};
  std::unique_ptr<ApiClient> anonymous_;
};

}  // namespace quai::testing
