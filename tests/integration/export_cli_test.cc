// Exports and the lot book from the command line, with the real binary: an
// administrator adds a files target (and a webhook one whose secret is never
// printed back), documents validated with `quai learn` are queued for export
// in their validation, `quai worker` sends them, `quai export list` shows
// each delivered with the files' names, the folder holds each file once
// under its key, and `quai lots search` finds the delivered lot.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "fixtures/fixtures.h"
#include "fixtures/test_directory.h"
#include "integration/quai_process.h"

namespace quai::testing {
namespace {

using Json = nlohmann::json;

class ExportCli : public ::testing::Test {
 protected:
  ProcessResult Quai(std::vector<std::string> args) {
    args.push_back("--data");
    args.push_back(directory_.File("data"));
    return RunQuai(args, directory_.path());
  }
  std::vector<Json> Lines(const std::string& out) {
    std::vector<Json> lines;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line))
      if (!line.empty()) lines.push_back(Json::parse(line, nullptr, false));
    return lines;
  }
  TestDirectory directory_;
};

TEST_F(ExportCli, ValidatedDocumentsAreExportedByTheWorkerOnceEachAndTheirLotsAreFound) {
  const std::string drop = directory_.File("drop");
  ProcessResult added = Quai({"export", "add", "files", "--name", "drop", "--set", "folder=" + drop, "--set",
                              "formats=json,csv", "--validated-only"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  ProcessResult secret = RunQuai({"export", "secret"}, directory_.path());
  ASSERT_EQ(secret.exit_code, 0);
  const std::string whsec = secret.out.substr(0, secret.out.find('\n'));
  ProcessResult hook = Quai({"export", "add", "webhook", "--name", "ap", "--set", "url=https://ap.example.com/hook",
                             "--set", "secret=" + whsec, "--types", "invoice"});
  ASSERT_EQ(hook.exit_code, 0) << hook.err;
  ProcessResult bad = Quai({"export", "add", "files", "--name", "bad", "--set", "formats=pdf"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("folder"), std::string::npos) << bad.err;
  ProcessResult targets = Quai({"export", "targets"});
  EXPECT_EQ(targets.out.find(whsec), std::string::npos) << "the secret was printed back";
  EXPECT_NE(targets.out.find("********"), std::string::npos) << targets.out;

  // Two validated documents: a delivery note and a certificate.
  const std::string truth = directory_.File("truth");
  std::filesystem::create_directories(truth);
  for (const char* stem : {"dev-dn-0001", "dev-coc-0002"})
    for (const char* extension : {".pdf", ".json"})
      std::filesystem::copy_file(SourceDir() + "/samples/" + stem + extension, truth + "/" + stem + extension);
  ProcessResult learned = Quai({"learn", truth});
  ASSERT_EQ(learned.exit_code, 0) << learned.err;
  std::vector<Json> exports = Lines(Quai({"export", "list", "--json"}).out);
  ASSERT_EQ(exports.size(), 2u);  // each to the drop folder; the webhook takes invoices only
  for (const Json& e : exports) EXPECT_EQ(e["state"], "pending") << e.dump();

  ProcessResult worker = Quai({"worker", "--exit-when-idle"});
  ASSERT_EQ(worker.exit_code, 0) << worker.err;
  exports = Lines(Quai({"export", "list", "--json"}).out);
  ASSERT_EQ(exports.size(), 2u);
  std::set<std::string> expected;
  for (const Json& e : exports) {
    EXPECT_EQ(e["state"], "delivered") << e.dump();
    EXPECT_EQ(e["attempts"], 1);
    expected.insert(e["key"].get<std::string>() + ".json");
    expected.insert(e["key"].get<std::string>() + ".csv");
  }
  std::set<std::string> written;
  for (const auto& entry : std::filesystem::directory_iterator(drop)) written.insert(entry.path().filename().string());
  EXPECT_EQ(written, expected);

  // A second worker finds nothing more to send.
  ASSERT_EQ(Quai({"worker", "--exit-when-idle"}).exit_code, 0);
  EXPECT_EQ(Lines(Quai({"export", "list", "--json"}).out).size(), 2u);

  std::vector<Json> lots = Lines(Quai({"lots", "search", "L25218", "--json"}).out);
  ASSERT_EQ(lots.size(), 1u);
  EXPECT_EQ(lots[0]["lot_number"], "L25218-51");
  EXPECT_EQ(lots[0]["deliveries"], 1);
  ProcessResult shown = Quai({"lots", "show", std::to_string(lots[0]["id"].get<int64_t>())});
  EXPECT_EQ(shown.exit_code, 0);
  EXPECT_NE(shown.out.find("dev-dn-0001.pdf"), std::string::npos) << shown.out;
  EXPECT_EQ(Quai({"lots", "show", "999"}).exit_code, 4);
}

}  // namespace
}  // namespace quai::testing
