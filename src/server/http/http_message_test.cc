#include "server/http/http_message.h"

#include <gtest/gtest.h>

namespace quai::server {
namespace {

TEST(HttpRequest, ReadsQueryParametersDecoded) {
  HttpRequest request;
  request.query = "q=caf%C3%A9+cr%C3%A8me&status=&limit=5&q=second";
  EXPECT_EQ(request.Query("q"), "café crème");
  EXPECT_TRUE(request.HasQuery("status"));
  EXPECT_EQ(request.Query("status"), "");
  EXPECT_EQ(request.Query("limit"), "5");
  EXPECT_FALSE(request.HasQuery("type"));
}

TEST(HttpRequest, FindsHeadersWhateverTheirCase) {
  HttpRequest request;
  request.headers = {{"content-length", "12"}, {"Cookie", "a=1"}, {"COOKIE", "b=2"}};
  EXPECT_EQ(request.ContentLength(), 12);
  EXPECT_EQ(request.HeaderValues("cookie").size(), 2u);
  EXPECT_EQ(request.Header("X-Missing"), "");
}

TEST(HttpRequest, AMalformedContentLengthIsNone) {
  HttpRequest request;
  request.headers = {{"Content-Length", "12abc"}};
  EXPECT_EQ(request.ContentLength(), -1);
}

TEST(PercentDecode, RefusesBadEscapesAndNul) {
  std::string decoded;
  EXPECT_TRUE(PercentDecode("/a%20b", false, &decoded));
  EXPECT_EQ(decoded, "/a b");
  EXPECT_FALSE(PercentDecode("/a%2", false, &decoded));
  EXPECT_FALSE(PercentDecode("/a%zz", false, &decoded));
  EXPECT_FALSE(PercentDecode("/a%00b", false, &decoded));
}

TEST(HttpResponse, SetHeaderReplacesAndAddHeaderRepeats) {
  HttpResponse response;
  response.SetHeader("Cache-Control", "no-store");
  response.SetHeader("cache-control", "private");
  response.AddHeader("Set-Cookie", "a=1");
  response.AddHeader("Set-Cookie", "b=2");
  EXPECT_EQ(response.Header("Cache-Control"), "private");
  EXPECT_EQ(response.headers.size(), 3u);
}

}  // namespace
}  // namespace quai::server
