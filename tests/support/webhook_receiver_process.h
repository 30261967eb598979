// The webhook receiver of tests/services/webhook_receiver.py as a child
// process on a free loopback port: a real HTTP server that checks the
// Standard Webhooks signature with its own code, can fail, throttle, time out
// or be gone (--mode), and logs every delivery it processes to
// <state>/deliveries.jsonl. Stopped when destroyed. For tests.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "erp/http_client.h"

namespace quai::testing {

inline const std::string kWebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

class WebhookReceiverProcess {
 public:
  WebhookReceiverProcess(const std::string& state_dir, const std::string& mode, const std::string& extra = "") {
    const std::string command = "exec python3 " + std::string(QUAI_SOURCE_DIR) +
                                "/tests/services/webhook_receiver.py --port 0 --secret " + kWebhookSecret +
                                " --state " + state_dir + " --mode " + mode + " " + extra;
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      execl("/bin/sh", "sh", "-c", command.c_str(), nullptr);
      _exit(127);
    }
    close(out[1]);
    stream_ = fdopen(out[0], "r");
    char line[64] = {0};
    if (stream_ && fgets(line, sizeof line, stream_)) port_ = std::atoi(line);
    log_ = state_dir + "/deliveries.jsonl";
  }
  ~WebhookReceiverProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    if (stream_) fclose(stream_);
  }
  WebhookReceiverProcess(const WebhookReceiverProcess&) = delete;
  WebhookReceiverProcess& operator=(const WebhookReceiverProcess&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hooks/quai"; }
  // GET /stats: accepted, distinct_ids, duplicate_deliveries, rejected_signature, ...
  nlohmann::json Stats() const {
    CurlHttpClient http;
    auto response = http.Get("http://127.0.0.1:" + std::to_string(port_) + "/stats", {}, std::chrono::seconds(5));
    return response.ok() ? nlohmann::json::parse(response->body, nullptr, false) : nlohmann::json();
  }
  // The deliveries it processed, oldest first.
  std::vector<nlohmann::json> Deliveries() const {
    std::vector<nlohmann::json> deliveries;
    std::ifstream log(log_);
    std::string line;
    while (std::getline(log, line)) deliveries.push_back(nlohmann::json::parse(line, nullptr, false));
    return deliveries;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  FILE* stream_ = nullptr;
  std::string log_;
};

}  // namespace quai::testing
