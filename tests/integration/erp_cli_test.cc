// The ERP from the command line, with the real binary: a delivery note read
// while the ERP's export folder is missing gets erp_unavailable alone and no
// blocking finding from the ERP; once the folder is there, `quai erp sync`
// reads it and checks the waiting note again, which now shows its
// over-delivery; `quai erp status` tells the administrator both times.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "fixtures/fixtures.h"
#include "fixtures/test_directory.h"
#include "integration/quai_process.h"

namespace quai::testing {
namespace {

class ErpCli : public ::testing::Test {
 protected:
  ProcessResult Quai(std::vector<std::string> args) {
    args.push_back("--data");
    args.push_back(directory_.File("data"));
    return RunQuai(args, directory_.path());
  }
  void WriteExports() {
    std::filesystem::create_directories(folder_);
    auto write = [&](const std::string& name, const std::string& text) { std::ofstream(folder_ + "/" + name) << text; };
    write("suppliers.csv", "supplier_id,name,vat_number,registration_number,iban\nS1,Chimirhône SAS,,,\n");
    write("articles.csv",
          "article_code,supplier_id,supplier_article_code,description,unit,min_shelf_life_days,certificate_required,"
          "lot_managed,conversions\nCA518612,S1,CH-3452,Acétate d'éthyle,PCE,0,false,true,FUT=1\n");
    write("purchase_orders.csv", "po_number,supplier_id,status,order_date\nCA/25/8006,S1,open,2025-09-01\n");
    write("purchase_order_lines.csv",
          "po_number,line,article_code,quantity_ordered,quantity_received,unit,unit_price,currency\n"
          "CA/25/8006,10,CA518612,4,0,PCE,310,EUR\n");
  }
  std::vector<std::string> Codes() {
    ProcessResult findings = Quai({"erp", "findings", "--json"});
    EXPECT_EQ(findings.exit_code, 0) << findings.err;
    std::vector<std::string> codes;
    auto document = nlohmann::json::parse(findings.out.substr(0, findings.out.find('\n')), nullptr, false);
    if (document.is_object())
      for (const auto& f : document["findings"]) codes.push_back(f["code"].get<std::string>());
    return codes;
  }
  TestDirectory directory_;
  std::string folder_ = directory_.File("erp-exports");
};

TEST_F(ErpCli, ANoteReadWhileTheErpIsAwayIsCheckedAgainWhenItAnswers) {
  ProcessResult connect = Quai({"erp", "connect", "files", "--set", "folder=" + folder_});
  EXPECT_EQ(connect.exit_code, 1) << connect.out << connect.err;  // saved, but the folder is not there
  EXPECT_NE(connect.err.find(folder_), std::string::npos) << connect.err;
  ProcessResult status = Quai({"erp", "status"});
  EXPECT_NE(status.out.find("did not answer"), std::string::npos) << status.out;

  ProcessResult ingest = Quai({"ingest", SourceDir() + "/samples/dev-dn-0001.pdf"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_EQ(Codes(), std::vector<std::string>{"erp_unavailable"});

  WriteExports();
  ProcessResult sync = Quai({"erp", "sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_NE(sync.out.find("1 orders written"), std::string::npos) << sync.out;
  EXPECT_NE(sync.out.find("checked again: 1"), std::string::npos) << sync.out;
  auto codes = Codes();
  EXPECT_NE(std::find(codes.begin(), codes.end(), "quantity_over_open"), codes.end());
  EXPECT_EQ(std::find(codes.begin(), codes.end(), "erp_unavailable"), codes.end());
  status = Quai({"erp", "status"});
  EXPECT_NE(status.out.find("1 orders, 1 order lines"), std::string::npos) << status.out;
  // quai extract --json --data: the same ERP findings, with their severity and ERP values, nothing stored.
  ProcessResult extract = Quai({"extract", "--json", SourceDir() + "/samples/dev-dn-0001.pdf"});
  ASSERT_EQ(extract.exit_code, 0) << extract.err;
  auto read = nlohmann::json::parse(extract.out.substr(0, extract.out.find('\n')), nullptr, false);
  ASSERT_TRUE(read.is_object()) << extract.out;
  bool over = false;
  for (const auto& f : read["findings"])
    over = over || (f["code"] == "quantity_over_open" && f["severity"] == "block" && f["erp"]["quantity_open"] == "4");
  EXPECT_TRUE(over) << read["findings"].dump();
}

}  // namespace
}  // namespace quai::testing
