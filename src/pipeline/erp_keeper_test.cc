// ErpKeeper's rounds on a real data directory with a fake clock: it tries at
// once, waits `retry` while the ERP does not answer, then syncs; of two
// keepers sharing the directory only one syncs a round.
#include "pipeline/erp_keeper.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/clock.h"
#include "fixtures/test_directory.h"
#include "quai/workspace.h"

namespace quai {
namespace {

TEST(ErpKeeper, RetriesWhileTheErpIsAwayThenSyncsOnceAcrossProcesses) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  FakeClock clock(std::chrono::system_clock::time_point(std::chrono::seconds(1'780'000'000)));
  Environment environment;
  environment.clock = &clock;
  Options options;
  options.data_dir = directory.File("data");
  auto first = Workspace::Open(options, environment);
  auto second = Workspace::Open(options, environment);  // another process on the same directory
  ASSERT_TRUE(first.ok() && second.ok());
  WorkspaceServices& services = (*first)->services();
  const std::string folder = directory.File("exports");
  ASSERT_TRUE(services.master_data()->SaveErpConnection({"files", {{"folder", folder}}}).ok());
  ErpKeeperOptions keeping;
  keeping.retry = std::chrono::seconds(60);
  ErpKeeper keeper(&services, keeping), other(&(*second)->services(), keeping);

  EXPECT_TRUE(*keeper.RunOnce());  // tried at once: the folder is missing
  EXPECT_FALSE(services.master_data()->GetErpSyncState()->available);
  EXPECT_FALSE(*keeper.RunOnce());  // not before the retry delay
  std::filesystem::create_directories(folder);
  std::ofstream(folder + "/suppliers.csv") << "supplier_id,name\nS1,Chimirhône\n";
  std::ofstream(folder + "/articles.csv") << "article_code\nMP-1\n";
  std::ofstream(folder + "/purchase_orders.csv") << "po_number,supplier_id\nP1,S1\n";
  std::ofstream(folder + "/purchase_order_lines.csv") << "po_number,line,quantity_ordered\nP1,10,5\n";
  clock.Advance(std::chrono::seconds(61));
  // Both see the round due; the store lets one claim it.
  auto state = services.master_data()->GetErpSyncState();
  ASSERT_TRUE(*services.master_data()->ClaimErpSync(state->last_attempt_at, FormatUtcTimestamp(clock.Now())));
  EXPECT_FALSE(*services.master_data()->ClaimErpSync(state->last_attempt_at, FormatUtcTimestamp(clock.Now())));
  clock.Advance(std::chrono::seconds(61));
  EXPECT_TRUE(*keeper.RunOnce());
  EXPECT_TRUE(services.master_data()->GetErpSyncState()->available);
  EXPECT_EQ(services.master_data()->CountMasterData()->order_lines, 1);
  EXPECT_FALSE(*other.RunOnce());  // synced a moment ago: due again only after the interval
}

}  // namespace
}  // namespace quai
