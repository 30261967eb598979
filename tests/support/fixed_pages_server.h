// FixedPagesServer: a real HTTP server on 127.0.0.1 (cpp-httplib, in its own
// thread) that answers each path with a fixed page, for testing HTTP clients
// and connectors over a real socket. Pages are set before or while it runs;
// every request it received is kept, so that a test can check what was sent.
// Unknown paths answer 404 with an empty body. Thread-safe.
#pragma once

#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace quai::testing {

class FixedPagesServer {
 public:
  struct Page {
    int status = 200;
    std::string body;
    std::chrono::milliseconds delay{0};  // waits this long before answering
  };
  struct ReceivedRequest {
    std::string method;
    std::string target;  // path and query, "/orders?page=2"
    std::map<std::string, std::string> headers;
    std::string body;
  };

  FixedPagesServer() {
    auto answer = [this](const httplib::Request& request, httplib::Response& response) {
      std::string target = request.target;
      Page page{404, "", std::chrono::milliseconds(0)};
      {
        std::lock_guard lock(mutex_);
        ReceivedRequest received{request.method, target, {}, request.body};
        for (const auto& [name, value] : request.headers) received.headers[name] = value;
        requests_.push_back(std::move(received));
        if (auto found = pages_.find(target); found != pages_.end()) page = found->second;
      }
      if (page.delay.count() > 0) std::this_thread::sleep_for(page.delay);
      response.status = page.status;
      response.set_content(page.body, "application/json");
    };
    server_.Get(".*", answer);
    server_.Post(".*", answer);
    port_ = server_.bind_to_any_port("127.0.0.1");
    // The socket listens from bind_to_any_port on: connections wait in its backlog.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the loop runs would be lost (the loop would never end).
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FixedPagesServer() {
    server_.stop();
    thread_.join();
  }

  // "http://127.0.0.1:PORT", without a trailing slash.
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void SetPage(const std::string& target, Page page) {
    std::lock_guard lock(mutex_);
    pages_[target] = std::move(page);
  }
  std::vector<ReceivedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::map<std::string, Page> pages_;
  std::vector<ReceivedRequest> requests_;
};

}  // namespace quai::testing
