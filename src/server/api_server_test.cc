#include "server/api_server.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "server/routes.h"

namespace quai::server {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(c));
  return text;
}

TEST(ApiServer, EveryRegisteredRouteIsInTheOpenApiDocumentAndNothingElse) {
  nlohmann::json openapi = nlohmann::json::parse(OpenApiDocument());
  ASSERT_TRUE(openapi["openapi"].get<std::string>().rfind("3.0", 0) == 0);
  std::set<std::string> registered;
  for (const RouteInfo& route : ApiServer::ListRoutes()) {
    std::string method = Lower(MethodName(route.method));
    registered.insert(method + " " + route.path);
    ASSERT_TRUE(openapi["paths"].contains(route.path)) << route.path << " is not in openapi.json";
    EXPECT_TRUE(openapi["paths"][route.path].contains(method)) << method << " " << route.path << " is not in openapi.json";
    // Public routes say so with an empty security list; the others name their permission.
    const nlohmann::json& operation = openapi["paths"][route.path][method];
    if (route.permission) {
      EXPECT_TRUE(operation.contains("x-permission")) << method << " " << route.path;
    } else {
      EXPECT_TRUE(operation.contains("security") && operation["security"].empty()) << method << " " << route.path;
    }
  }
  for (const auto& [path, methods] : openapi["paths"].items())
    for (const auto& [method, operation] : methods.items())
      EXPECT_TRUE(registered.count(method + " " + path)) << method << " " << path << " is documented but not served";
}

TEST(ApiServer, EveryOpenApiPathIsInTheReadableApiDocument) {
  nlohmann::json openapi = nlohmann::json::parse(OpenApiDocument());
  std::ifstream in(std::string(QUAI_SOURCE_DIR) + "/docs/api.md");
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& [path, methods] : openapi["paths"].items())
    for (const auto& [method, operation] : methods.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(c));
      EXPECT_NE(text.str().find(upper + " " + path), std::string::npos) << upper << " " << path << " missing from docs/api.md";
    }
}

}  // namespace
}  // namespace quai::server
