// mailbox_bench: bench/mail_intake.sh's driver until the SourceRunner and
// `quai source add imap` are merged. Runs every mailbox in a data
// directory's store into that directory's Workspace (the real intake), one
// thread per mailbox as the runner will, holding the store's lease.
//   mailbox_bench add DATA_DIR NAME SETTINGS_JSON PASSWORD_FILE
//   mailbox_bench run DATA_DIR        (until killed)
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "quai/workspace.h"
#include "source/mailbox.h"
#include "storage/sqlite/sqlite_repository.h"

namespace {

class WorkspaceIntake : public quai::DocumentIntake {
 public:
  explicit WorkspaceIntake(quai::Workspace& workspace) : workspace_(workspace) {}
  quai::Result<quai::IngestedFile> Receive(const std::string& name, std::string bytes, const std::string& source,
                                           const std::string& origin_json) override {
    return workspace_.Receive(name, std::move(bytes), source, origin_json);
  }

 private:
  quai::Workspace& workspace_;
};

int Fail(const std::string& message) {
  std::cerr << "mailbox_bench: " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Fail("usage: mailbox_bench add|run DATA_DIR ...");
  const std::string command = argv[1], data_dir = argv[2];
  quai::Options options;
  options.data_dir = data_dir;
  auto workspace = quai::Workspace::Open(options);
  if (!workspace.ok()) return Fail(workspace.status().message());
  auto store = quai::SqliteRepository::Open(data_dir + "/quai.db", quai::SystemClock());
  if (!store.ok()) return Fail(store.status().message());
  if (command == "add" && argc == 6) {
    std::ifstream file(argv[5]);
    std::stringstream secret;
    secret << file.rdbuf();
    quai::SourceRecord record;
    record.name = argv[3];
    record.kind = quai::SourceKind::kMailbox;
    record.settings_json = argv[4];
    record.secret = secret.str();
    while (!record.secret.empty() && record.secret.back() == '\n') record.secret.pop_back();
    auto added = (*store)->AddSource(record);
    if (!added.ok()) return Fail(added.status().message());
    return 0;
  }
  if (command != "run") return Fail("unknown command " + command);
  auto sources = (*store)->ListSources();
  if (!sources.ok()) return Fail(sources.status().message());
  WorkspaceIntake intake(**workspace);
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (const quai::SourceRecord& record : *sources) {
    if (record.kind != quai::SourceKind::kMailbox || !record.enabled) continue;
    threads.emplace_back([&, record] {
      // Each mailbox with its own store connection, as each runner thread.
      auto own = quai::SqliteRepository::Open(data_dir + "/quai.db", quai::SystemClock());
      if (!own.ok()) return;
      auto source = quai::OpenMailbox(record, **own, *quai::SystemClock());
      if (!source.ok()) {
        std::cerr << record.name << ": " << source.status().message() << "\n";
        return;
      }
      const std::string holder = "mailbox_bench";
      while (!stop.load()) {
        auto claimed = (*own)->ClaimSource(record.id, holder, std::chrono::seconds(60));
        if (!claimed.ok() || !*claimed) {
          std::this_thread::sleep_for(std::chrono::milliseconds(500));
          continue;
        }
        auto started = std::chrono::steady_clock::now();
        quai::SourcePass pass = (*source)->Pass(intake, stop);
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        quai::SourceRun run{pass.stored, pass.error};
        (*own)->FinishSourceRun(record.id, holder, run);
        std::printf("%s pass %.2fs stored=%d duplicates=%d refused=%d failed=%d error=%s\n", record.name.c_str(),
                    seconds, pass.stored, pass.duplicates, pass.refused, pass.failed, pass.error.c_str());
        std::fflush(stdout);
        if (pass.next_pass.count() > 0) (*source)->Wait(pass.next_pass, stop);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  return 0;
}
