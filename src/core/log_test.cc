#include "core/log.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace quai {
namespace {

constexpr int64_t kTime = 1796643000123;  // 2026-12-07T11:30:00.123Z

TEST(Log, TextLinesStayAsTheyWere) {
  LogFields fields;
  fields.document_id = 7;
  EXPECT_EQ(FormatLogLine(LogFormat::kText, "serve", kTime, LogLevel::kInfo, "quai serve: stopped", fields),
            "quai serve: stopped\n");
  EXPECT_EQ(FormatLogLine(LogFormat::kText, "serve", kTime, LogLevel::kError, "quai: cannot open", {}),
            "quai: cannot open\n");
}

TEST(Log, JsonLinesAreOneObjectWithTimeLevelMessageAndTheKnownFields) {
  LogFields fields;
  fields.document_id = 42;
  fields.stage = "page_text";
  std::string line = FormatLogLine(LogFormat::kJson, "worker", kTime, LogLevel::kWarning,
                                   "quai worker: refused #42 scan.pdf: \"bad\"\nsecond line", fields);
  ASSERT_EQ(line.back(), '\n');
  ASSERT_EQ(line.find('\n'), line.size() - 1) << "one line per event, even for a message with a newline";
  auto object = nlohmann::json::parse(line);
  EXPECT_EQ(object["time"], "2026-12-07T11:30:00.123Z");
  EXPECT_EQ(object["level"], "warning");
  EXPECT_EQ(object["process"], "worker");
  EXPECT_EQ(object["message"], "refused #42 scan.pdf: \"bad\"\nsecond line");
  EXPECT_EQ(object["document_id"], 42);
  EXPECT_EQ(object["stage"], "page_text");
  EXPECT_FALSE(object.contains("route"));
  EXPECT_FALSE(object.contains("status"));
}

TEST(Log, JsonLinesOfARequestNameItsRouteAndStatus) {
  LogFields fields;
  fields.route = "/api/v1/documents/{id}";
  fields.status = 500;
  auto object = nlohmann::json::parse(
      FormatLogLine(LogFormat::kJson, "serve", kTime, LogLevel::kError, "quai: GET failed", fields));
  EXPECT_EQ(object["route"], "/api/v1/documents/{id}");
  EXPECT_EQ(object["status"], 500);
  EXPECT_EQ(object["message"], "GET failed") << "the prefix of the text log is the process field";
  EXPECT_FALSE(object.contains("document_id"));
}

TEST(Log, ParsesOnlyTheTwoFormats) {
  LogFormat format = LogFormat::kText;
  EXPECT_TRUE(ParseLogFormat("json", &format));
  EXPECT_EQ(format, LogFormat::kJson);
  EXPECT_TRUE(ParseLogFormat("text", &format));
  EXPECT_EQ(format, LogFormat::kText);
  EXPECT_FALSE(ParseLogFormat("xml", &format));
}

}  // namespace
}  // namespace quai
