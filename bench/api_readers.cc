// api_readers: N concurrent API clients reading documents from a running
// `quai serve` (GET /api/v1/documents/{id}, each client on its own keep-alive
// connection) for a fixed time; prints requests, errors, throughput and
// latency percentiles. Run by bench/api_readers.sh.
//   api_readers PORT TOKEN CLIENTS SECONDS ID...
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: api_readers PORT TOKEN CLIENTS SECONDS ID...\n");
    return 2;
  }
  const int port = std::stoi(argv[1]);
  const std::string token = argv[2];
  const int clients = std::stoi(argv[3]);
  const double seconds = std::stod(argv[4]);
  std::vector<std::string> ids(argv + 5, argv + argc);
  using Clock = std::chrono::steady_clock;
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  std::atomic<long> errors{0};
  std::vector<std::vector<double>> latencies(clients);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_read_timeout(30);
      httplib::Headers headers = {{"Authorization", "Bearer " + token}};
      for (size_t k = c; Clock::now() < end; ++k) {
        std::string path = "/api/v1/documents/" + ids[k % ids.size()];
        auto start = Clock::now();
        auto result = client.Get(path.c_str(), headers);
        latencies[c].push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (!result || result->status != 200) ++errors;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::vector<double> all;
  for (auto& one : latencies) all.insert(all.end(), one.begin(), one.end());
  std::sort(all.begin(), all.end());
  auto percentile = [&](double p) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, size_t(p * all.size()))]; };
  std::printf("clients %d, %.0f s: %zu requests, %ld errors, %.0f requests/s, latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
              clients, seconds, all.size(), errors.load(), all.size() / seconds, percentile(0.50), percentile(0.95),
              percentile(0.99), all.empty() ? 0.0 : all.back());
  return errors == 0 ? 0 : 1;
}
