// /health, /ready and /metrics on a real `quai serve`, and its JSON-lines log.
#include <regex>
#include <sstream>

#include "api/api_test.h"

namespace quai::testing {
namespace {

// The value of the sample whose line starts with `series` ("name{labels}"); -1 when absent.
double Sample(const std::string& text, const std::string& series) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  return -1;
}

// The sum of the samples whose line starts with `prefix` (all types of one source, say).
double SumOf(const std::string& text, const std::string& prefix) {
  std::istringstream lines(text);
  double sum = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(prefix, 0) == 0) sum += std::stod(line.substr(line.rfind(' ') + 1));
  return sum;
}

using MonitoringTest = ApiTest;

TEST_F(MonitoringTest, HealthSaysAliveAndReadySaysTheStoreAndModelsAreUsable) {
  auto health = anonymous_->Send("GET", "/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(Json::parse(health->body)["status"], "alive");
  auto ready = anonymous_->Send("GET", "/ready");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;
  EXPECT_EQ(Json::parse(ready->body)["status"], "ready");
  EXPECT_EQ(anonymous_->Send("POST", "/ready")->status, 405);
}

TEST_F(MonitoringTest, MetricsCountWhatTheStoreHoldsAndRequestsByRouteTemplate) {
  auto clerk = WithToken("ana", "reviewer");
  const int64_t id = UploadOne(*clerk, "dev-coc-0006.pdf", ReadFile(SamplePath("dev-coc-0006.pdf")));
  ASSERT_GT(id, 0);
  Json document = clerk->WaitUntilRead(id);
  ASSERT_NE(document.value("status", "received"), "received") << document.dump();
  ASSERT_NE(document.value("status", ""), "refused") << document.dump();
  ASSERT_EQ(clerk->Send("GET", "/api/v1/documents/999999")->status, 404);

  auto scraped = anonymous_->Send("GET", "/metrics");
  ASSERT_TRUE(scraped);
  ASSERT_EQ(scraped->status, 200) << scraped->body;
  EXPECT_EQ(scraped->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u);
  const std::string& text = scraped->body;
  const std::string upload = "{source=\"upload\",";
  EXPECT_EQ(SumOf(text, "quai_documents_received_total" + upload), 1) << text;
  EXPECT_EQ(SumOf(text, "quai_documents_read_total" + upload), 1);
  EXPECT_EQ(SumOf(text, "quai_documents_refused_total" + upload), 0);
  EXPECT_EQ(Sample(text, "quai_jobs{kind=\"read\",state=\"queued\"}"), 0);
  EXPECT_EQ(Sample(text, "quai_store_up"), 1);
  // Requests by their route's template, never the raw path.
  EXPECT_GE(Sample(text, "quai_http_requests_total{method=\"GET\",route=\"/api/v1/documents/{id}\",status=\"200\"}"), 1)
      << text;
  EXPECT_EQ(Sample(text, "quai_http_requests_total{method=\"GET\",route=\"/api/v1/documents/{id}\",status=\"404\"}"), 1);
  EXPECT_EQ(Sample(text, "quai_http_requests_total{method=\"POST\",route=\"/api/v1/documents\",status=\"202\"}"), 1);
  EXPECT_EQ(text.find("/api/v1/documents/999999"), std::string::npos) << "a raw path became a label";
  // The stages that read the document were timed.
  EXPECT_GE(Sample(text, "quai_stage_duration_seconds_count{stage=\"page_text\"}"), 1) << text;
  EXPECT_GE(Sample(text, "quai_stage_duration_seconds_count{stage=\"intake\"}"), 1);
}

class GuardedMetricsTest : public ApiTest {
 protected:
  void SetUp() override {
    server_.AddArguments({"--metrics-token", "scrape-secret-1234"});
    ApiTest::SetUp();
  }
};

TEST_F(GuardedMetricsTest, WithATokenSetOnlyItsBearerMayScrape) {
  EXPECT_EQ(anonymous_->Send("GET", "/metrics")->status, 403);
  auto wrong = server_.NewClient()->Get("/metrics", {{"Authorization", "Bearer scrape-secret-9999"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  auto right = server_.NewClient()->Get("/metrics", {{"Authorization", "Bearer scrape-secret-1234"}});
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 200);
  EXPECT_NE(right->body.find("quai_documents_received_total"), std::string::npos);
  // Health and readiness stay open to the orchestrator.
  EXPECT_EQ(anonymous_->Send("GET", "/health")->status, 200);
}

class JsonLogTest : public ApiTest {
 protected:
  void SetUp() override {
    server_.AddArguments({"--log-format", "json"});
    ApiTest::SetUp();
  }
};

TEST_F(JsonLogTest, EveryLogLineIsAnObjectAndAReadNamesItsDocument) {
  auto clerk = WithToken("ana", "reviewer");
  const int64_t id = UploadOne(*clerk, "dev-coc-0006.pdf", ReadFile(SamplePath("dev-coc-0006.pdf")));
  ASSERT_GT(id, 0);
  ASSERT_NE(clerk->WaitUntilRead(id).value("status", "received"), "received");
  ASSERT_EQ(server_.Stop(), 0);
  std::istringstream lines(server_.log());
  int objects = 0;
  bool read_line = false;
  for (std::string line; std::getline(lines, line);) {
    Json object = Json::parse(line, nullptr, false);
    ASSERT_TRUE(object.is_object()) << "not a JSON object: " << line;
    EXPECT_TRUE(object.contains("time") && object.contains("level") && object.contains("message")) << line;
    EXPECT_EQ(object.value("process", ""), "serve") << line;
    ++objects;
    if (object.value("document_id", int64_t{0}) == id && object["message"].get<std::string>().rfind("read #", 0) == 0)
      read_line = true;
  }
  EXPECT_GE(objects, 2);  // the read, the stop
  EXPECT_TRUE(read_line) << server_.log();
}

}  // namespace
}  // namespace quai::testing
