// The durable job queue through the real processes: a `quai serve
// --no-workers` only stores and queues; a separate `quai worker` reads what it
// queued; administrators see the queue; a dead job can be sent again.
#include "api/api_test.h"

namespace quai::testing {
namespace {

class JobsTest : public ApiTest {
 protected:
  std::string DataDir() const { return server_.data_dir() + "/data"; }
};

TEST_F(JobsTest, AServerWithoutWorkersQueuesAndAWorkerProcessReads) {
  ASSERT_EQ(server_.Stop(), 0);
  server_.AddArguments({"--no-workers"});
  ASSERT_TRUE(server_.Start()) << server_.log();
  auto erp = WithToken("erp", "integration");
  auto admin = WithToken("root", "admin");
  const int64_t first = UploadOne(*erp, "dev-coc-0006.pdf", ReadFile(SamplePath("dev-coc-0006.pdf")));
  const int64_t second = UploadOne(*erp, "dev-coc-0002.pdf", ReadFile(SamplePath("dev-coc-0002.pdf")));
  ASSERT_NE(first, 0);
  ASSERT_NE(second, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(erp->GetJson("/api/v1/documents/" + std::to_string(first))["status"], "received");  // nobody reads here
  Json queue = admin->GetJson("/api/v1/jobs?kind=read");
  ASSERT_TRUE(queue.is_object()) << queue.dump();
  EXPECT_EQ(queue["counts"]["read"]["queued"], 2) << queue.dump();
  ASSERT_EQ(queue["jobs"].size(), 2u);
  EXPECT_EQ(queue["jobs"][0]["state"], "queued");

  ProcessResult worker = RunQuai({"worker", "--data", DataDir(), "--jobs", "1", "--exit-when-idle", "--poll-ms", "100",
                                  "--retrain-hours", "0"},
                                 server_.data_dir());
  EXPECT_EQ(worker.exit_code, 0) << worker.err;
  for (int64_t id : {first, second}) {
    Json document = erp->GetJson("/api/v1/documents/" + std::to_string(id));
    EXPECT_TRUE(document["status"] == "needs_review" || document["status"] == "auto_accepted")
        << document.dump().substr(0, 500);
  }
  queue = admin->GetJson("/api/v1/jobs?kind=read&state=done");
  ASSERT_EQ(queue["jobs"].size(), 2u) << queue.dump();
  for (const Json& job : queue["jobs"]) EXPECT_EQ(job["attempts"], 1) << job.dump();
  EXPECT_EQ(queue["counts"]["read"]["queued"], 0);

  // Only a dead job is sent again; only administrators see the queue.
  const int64_t done_id = queue["jobs"][0]["id"];
  EXPECT_TRUE(IsError(admin->Send("POST", "/api/v1/jobs/" + std::to_string(done_id) + "/retry"), 409, "conflict"));
  EXPECT_TRUE(IsError(admin->Send("POST", "/api/v1/jobs/999999/retry"), 404, "not_found"));
  EXPECT_TRUE(IsError(erp->Send("GET", "/api/v1/jobs"), 403, "forbidden"));
  EXPECT_TRUE(IsError(admin->Send("GET", "/api/v1/jobs?state=lost"), 400, "invalid_argument"));
}

TEST_F(JobsTest, QueueOnlyIngestIsReadByTheServersWorkers) {
  ProcessResult queued =
      RunQuai({"ingest", "--queue-only", "--data", DataDir(), SamplePath("dev-coc-0006.pdf")}, server_.data_dir());
  ASSERT_EQ(queued.exit_code, 0) << queued.err;
  EXPECT_NE(queued.out.find("1 stored"), std::string::npos) << queued.out;
  auto viewer = WithToken("ana", "viewer");
  Json document = viewer->WaitUntilRead(1, 120);  // found by polling the store: nobody woke the server
  ASSERT_TRUE(document.is_object());
  EXPECT_NE(document["status"], "received") << document.dump().substr(0, 300);
  EXPECT_NE(document["status"], "refused") << document.dump().substr(0, 300);
}

}  // namespace
}  // namespace quai::testing
