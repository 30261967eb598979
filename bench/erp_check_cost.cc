// erp_check_cost DATA_DIR DOCUMENTS.jsonl [ROUNDS]: the ERP checks of each
// document (as `quai extract --json` values) against the data directory's
// copy of the ERP, timed; prints documents, mean and p95 milliseconds per
// document and the findings per document (so that a copy that pairs nothing
// does not look fast). bench/erp_scale.sh runs it on a small and a large copy.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "check/erp_checks.h"
#include "core/clock.h"
#include "core/file_system.h"
#include "extract/extraction_json.h"
#include "storage/sqlite/sqlite_repository.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: erp_check_cost DATA_DIR DOCUMENTS.jsonl [ROUNDS]\n");
    return 2;
  }
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 3;
  auto store = quai::SqliteRepository::Open(quai::JoinPath(argv[1], "quai.db"), nullptr);
  if (!store.ok()) {
    std::fprintf(stderr, "erp_check_cost: %s\n", store.status().message().c_str());
    return 3;
  }
  std::vector<quai::Extraction> documents;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    auto extraction = quai::ExtractionFromJson(nlohmann::json::parse(line));
    if (extraction.ok()) documents.push_back(*extraction);
  }
  quai::ErpChecks checks(**store);
  std::vector<double> times;
  size_t findings_total = 0;
  for (int round = 0; round < rounds; ++round)
    for (const auto& document : documents) {
      std::vector<quai::Finding> findings;
      auto start = std::chrono::steady_clock::now();
      quai::Status status = checks.Check(document, 0, "2026-12-07", &findings);
      times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      if (!status.ok()) {
        std::fprintf(stderr, "erp_check_cost: %s\n", status.message().c_str());
        return 1;
      }
      if (round == 0) findings_total += findings.size();
    }
  std::sort(times.begin(), times.end());
  double sum = 0;
  for (double t : times) sum += t;
  std::printf("%zu documents, mean %.3f ms, p95 %.3f ms per document, %.2f findings per document\n",
              documents.size(), sum / times.size(), times[times.size() * 95 / 100],
              static_cast<double>(findings_total) / documents.size());
  return 0;
}
