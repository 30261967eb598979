// The `quai` command as a user runs it: real binary, real files, real
// Tesseract, poppler and SQLite.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "einvoice/einvoice_samples.h"
#include "fixtures/fixtures.h"
#include "fixtures/test_directory.h"
#include "integration/quai_process.h"
#include "intake/page_image.h"
#include "support/hostile_pdf.h"

namespace quai::testing {
namespace {

namespace fs = std::filesystem;

// Each file has a "refused" line in `out` that names it and gives its cause.
void ExpectRefusals(const std::string& out, const std::vector<std::pair<std::string, std::string>>& causes) {
  for (const auto& [path, cause] : causes) {
    bool found = false;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);)
      if (line.find("refused") != std::string::npos && line.find(path) != std::string::npos) {
        found = true;
        EXPECT_NE(line.find(cause), std::string::npos) << line;
      }
    EXPECT_TRUE(found) << "no refusal line for " << path << " in:\n" << out;
  }
}

class QuaiCli : public ::testing::Test {
 protected:
  ProcessResult Quai(std::vector<std::string> args) {
    args.push_back("--data");
    args.push_back(directory_.File("data"));
    return RunQuai(args, directory_.path());
  }
  TestDirectory directory_;
};

TEST_F(QuaiCli, EverySubcommandHasHelpAndTheVersionPrints) {
  for (const char* command : {"ingest", "ocr", "show", "list"}) {
    ProcessResult result = RunQuai({command, "--help"}, directory_.path());
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_NE(result.out.find("--data"), std::string::npos) << command << ": " << result.out;
  }
  ProcessResult version = RunQuai({"--version"}, directory_.path());
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("quai "), std::string::npos);
  EXPECT_EQ(RunQuai({"ingest"}, directory_.path()).exit_code, 2);  // no files: bad command line
}

TEST_F(QuaiCli, RefusalCorpusNamesEachFileAndCauseWithoutCrashing) {
  // Every kind of bad input, plus one good file that must still be stored.
  std::string oversized = directory_.File("oversized.pdf");
  {
    std::ofstream out(oversized, std::ios::binary);
    out << "%PDF-1.4\n" << std::string(2 * 1024 * 1024, 'x') << "\n%%EOF\n";
  }
  const std::vector<std::pair<std::string, std::string>> cases = {
      {FixturePath("empty.pdf"), "empty file"},
      {FixturePath("not-a-pdf.pdf"), "unsupported file type"},
      {FixturePath("password-is-test.pdf"), "password-protected"},
      {FixturePath("truncated.pdf"), "truncated"},
      {FixturePath("corrupt.pdf"), "corrupt"},
      {FixturePath("truncated.png"), "corrupt"},
      {FixturePath("truncated.jpg"), "truncated"},
      {FixturePath("bomb-30000x30000.png"), "megapixels"},
      {oversized, "over the limit"},
      {directory_.File("missing.pdf"), "cannot be read"},
  };
  std::vector<std::string> args = {"ingest", "--max-file-mb", "1"};
  for (const auto& [path, cause] : cases) args.push_back(path);
  args.push_back(FixturePath("text-layer.pdf"));
  ProcessResult result = Quai(args);
  EXPECT_EQ(result.signal, 0);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  ExpectRefusals(result.out, cases);
  EXPECT_NE(result.out.find("1 stored"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("10 refused"), std::string::npos) << result.out;
  // The good file was stored in full despite its neighbours.
  ProcessResult list = Quai({"list", "--status", "processed", "--json"});
  EXPECT_EQ(list.exit_code, 0);
  auto record = nlohmann::json::parse(list.out.substr(0, list.out.find('\n')));
  EXPECT_EQ(record["original_name"], "text-layer.pdf");
  EXPECT_EQ(record["page_count"], 1);
}

TEST_F(QuaiCli, SameFileTwiceIsReportedAsDuplicate) {
  ASSERT_EQ(Quai({"ingest", FixturePath("text-layer.pdf")}).exit_code, 0);
  ProcessResult again = Quai({"ingest", FixturePath("text-layer.pdf")});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("duplicate"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("1 duplicates"), std::string::npos) << again.out;
  ProcessResult list = Quai({"list", "--json"});
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 1);
}

TEST_F(QuaiCli, RecognisesTypeByContentNotName) {
  ProcessResult result = Quai({"ingest", FixturePath("scan-named-as.txt")});
  ASSERT_EQ(result.exit_code, 0) << result.out;
  ProcessResult show = Quai({"show", "1", "--json"});
  auto document = nlohmann::json::parse(show.out);
  EXPECT_EQ(document["media_type"], "image/png");
  EXPECT_EQ(document["pages"][0]["text_source"], "ocr");
}

TEST_F(QuaiCli, OcrJsonGivesWordsWithBoxesAndStoresNothing) {
  ProcessResult result = Quai({"ocr", FixturePath("mixed-text-and-scan.pdf"), "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto document = nlohmann::json::parse(result.out);
  ASSERT_EQ(document["pages"].size(), 2u);
  EXPECT_EQ(document["pages"][0]["text_source"], "layer");
  EXPECT_EQ(document["pages"][1]["text_source"], "ocr");
  bool found = false;
  for (const auto& word : document["pages"][1]["words"]) {
    if (word["text"] == "4500012345") {
      found = true;
      double x0 = word["box"][0], y0 = word["box"][1], x1 = word["box"][2], y1 = word["box"][3];
      EXPECT_LT(x0, x1);
      EXPECT_LT(y0, y1);
      EXPECT_LT(y1, 200.0);  // near the top of the page, in points
      EXPECT_GT(word["confidence"].get<double>(), 0.5);
    }
  }
  EXPECT_TRUE(found) << result.out;
  EXPECT_FALSE(fs::exists(directory_.File("data/quai.db")));
}

TEST_F(QuaiCli, ShowFindsByIdOrHashPrefixAndSaysWhenMissing) {
  ASSERT_EQ(Quai({"ingest", FixturePath("three-pages.pdf")}).exit_code, 0);
  ProcessResult show = Quai({"show", "1", "--json"});
  ASSERT_EQ(show.exit_code, 0);
  auto document = nlohmann::json::parse(show.out);
  EXPECT_EQ(document["page_count"], 3);
  std::string prefix = document["sha256"].get<std::string>().substr(0, 8);
  ProcessResult by_hash = Quai({"show", prefix, "--text"});
  EXPECT_EQ(by_hash.exit_code, 0);
  EXPECT_NE(by_hash.out.find("4500012345 page 3"), std::string::npos) << by_hash.out;
  EXPECT_EQ(Quai({"show", "999"}).exit_code, 4);
}

TEST_F(QuaiCli, ExtractPrintsOneContractObjectPerFileInInputOrder) {
  ProcessResult result = Quai({"extract", "--json", SourceDir() + "/samples/dev-dn-0001.pdf",
                               directory_.File("missing.pdf"), SourceDir() + "/samples/dev-coc-0010.jpg"});
  EXPECT_EQ(result.exit_code, 1) << result.err;  // one file could not be read
  std::istringstream lines(result.out);
  std::vector<nlohmann::json> objects;
  for (std::string line; std::getline(lines, line);) objects.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(objects.size(), 3u) << result.out;
  const auto& note = objects[0];
  EXPECT_EQ(note["file"], SourceDir() + "/samples/dev-dn-0001.pdf");
  EXPECT_EQ(note["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(note["pages"], 1);
  EXPECT_EQ(note["document_type"], "delivery_note");
  EXPECT_GT(note["type_confidence"].get<double>(), 0.5);
  EXPECT_TRUE(note["supplier"].contains("name"));
  EXPECT_TRUE(note["supplier"].contains("known"));
  EXPECT_EQ(note["fields"]["po_number"]["value"], "CA/25/8006");
  for (auto& [name, field] : note["fields"].items()) {
    EXPECT_TRUE(field.contains("confidence")) << name;
    EXPECT_EQ(field["box"].size(), 4u) << name;
    EXPECT_GE(field["page"].get<int>(), 1) << name;
    EXPECT_TRUE(field.contains("evidence")) << name;
  }
  EXPECT_TRUE(note["lines"].is_array());
  EXPECT_TRUE(note["findings"].is_array());
  EXPECT_TRUE(note["review_required"].is_boolean());
  for (const char* stage : {"intake", "ocr", "extract"}) EXPECT_TRUE(note["timings_ms"].contains(stage)) << stage;
  EXPECT_NE(objects[1]["error"].get<std::string>().find("missing.pdf"), std::string::npos);
  EXPECT_EQ(objects[2]["document_type"], "certificate_of_conformity");
}

// A document that carries its data: `quai extract` reads an XML e-invoice and a
// Factur-X PDF's embedded XML as the pipeline's einvoice stage does (values
// from the XML, confidence 1), not the drawn or printed page, and gives the
// same values, findings and decision as `quai ingest` stores.
TEST_F(QuaiCli, ExtractReadsAnEInvoiceFromItsXmlAsIngestDoes) {
  const samples::SampleInvoice ubl = samples::NumberedSample(2), cii = samples::NumberedSample(4);
  const std::string xml_file = directory_.File("ubl-invoice.xml"), pdf_file = directory_.File("factur-x.pdf");
  std::ofstream(xml_file, std::ios::binary) << samples::UblInvoiceXml(ubl);
  std::ofstream(pdf_file, std::ios::binary) << samples::PdfWithEmbeddedXml(samples::PrintedLines(cii),
                                                                           samples::CiiInvoiceXml(cii));
  ProcessResult extract = Quai({"extract", "--json", xml_file, pdf_file});
  ASSERT_EQ(extract.exit_code, 0) << extract.err;
  std::istringstream lines(extract.out);
  std::vector<nlohmann::json> objects;
  for (std::string line; std::getline(lines, line);) objects.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(objects.size(), 2u) << extract.out;
  const std::pair<const samples::SampleInvoice*, const char*> expected[] = {{&ubl, "UBL"}, {&cii, "CII"}};
  for (size_t i = 0; i < 2; ++i) {
    const nlohmann::json& read = objects[i];
    const samples::SampleInvoice& s = *expected[i].first;
    EXPECT_EQ(read["document_type"], "invoice") << read.dump();
    EXPECT_EQ(read["model_version"], "einvoice") << read.dump();
    EXPECT_EQ(read["fields"]["invoice_number"]["value"], s.number);
    EXPECT_EQ(read["fields"]["total_incl_tax"]["value"], s.total_incl_tax);
    EXPECT_EQ(read["fields"]["po_number"]["value"], s.po_number);
    EXPECT_EQ(read["fields"]["invoice_date"]["value"], s.issue_date);
    EXPECT_EQ(read["lines"].size(), s.lines.size());
    for (auto& [name, field] : read["fields"].items()) {
      EXPECT_EQ(field["confidence"], 1.0) << name;
      EXPECT_EQ(field["evidence"].get<std::string>().rfind(std::string("from the e-invoice (") + expected[i].second, 0),
                0u)
          << name << ": " << field["evidence"];
    }
    EXPECT_TRUE(read["review_required"].is_boolean());
  }
  EXPECT_EQ(objects[0]["pages"], 1);  // quai's drawing of the XML
  EXPECT_EQ(objects[0]["einvoice"]["embedded_file"], "");
  EXPECT_EQ(objects[1]["einvoice"]["embedded_file"], "factur-x.xml");
  EXPECT_EQ(objects[1]["einvoice"]["syntax"], "CII");

  // The same files through the pipeline: the same values, findings and decision.
  ProcessResult ingest = Quai({"ingest", xml_file, pdf_file});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.out << ingest.err;
  for (size_t i = 0; i < 2; ++i) {
    ProcessResult show = Quai({"show", objects[i]["sha256"].get<std::string>().substr(0, 12), "--json"});
    ASSERT_EQ(show.exit_code, 0) << show.err;
    const nlohmann::json stored = nlohmann::json::parse(show.out)["extraction"];
    const nlohmann::json& read = objects[i];
    EXPECT_EQ(stored["document_type"], read["document_type"]);
    ASSERT_EQ(stored["fields"].size(), read["fields"].size())
        << stored["fields"].dump() << "\n" << read["fields"].dump();
    for (auto& [name, field] : read["fields"].items()) {
      EXPECT_EQ(stored["fields"][name]["value"], field["value"]) << name;
      EXPECT_EQ(stored["fields"][name]["page"], field["page"]) << name;
      EXPECT_EQ(stored["fields"][name]["box"], field["box"]) << name;
    }
    EXPECT_EQ(stored["lines"].size(), read["lines"].size());
    std::vector<std::string> stored_codes, read_codes;
    for (const auto& f : stored["findings"]) stored_codes.push_back(f["code"]);
    for (const auto& f : read["findings"]) read_codes.push_back(f["code"]);
    EXPECT_EQ(stored_codes, read_codes);
    EXPECT_EQ(stored["review_required"], read["review_required"]);
  }
}

TEST_F(QuaiCli, EvalScoresTheBundledSamples) {
  ProcessResult result = Quai({"eval", SourceDir() + "/samples", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["overall"]["documents"], 9);
  EXPECT_EQ(report["overall"]["type_accuracy"]["count"], 9);
  EXPECT_GE(report["overall"]["header_fields"]["all"]["f1"].get<double>(), 0.9);
  EXPECT_TRUE(report["groups"].contains("scan"));
  EXPECT_TRUE(report["groups"].contains("born-digital"));
}

TEST_F(QuaiCli, IngestStoresTheExtractionWithTheDocument) {
  ProcessResult ingest = Quai({"ingest", SourceDir() + "/samples/dev-inv-0003.pdf"});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.out << ingest.err;
  EXPECT_NE(ingest.out.find("read as invoice"), std::string::npos) << ingest.out;
  ProcessResult show = Quai({"show", "1", "--json"});
  auto document = nlohmann::json::parse(show.out);
  EXPECT_EQ(document["extraction"]["document_type"], "invoice");
  EXPECT_FALSE(document["extraction"]["model_version"].get<std::string>().empty());
  EXPECT_EQ(document["extraction"]["fields"]["invoice_number"]["value"], "21308608");
}

// The last line of `text` (without its newline).
std::string LastLine(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
  const size_t start = trimmed.rfind('\n');
  return start == std::string::npos ? trimmed : trimmed.substr(start + 1);
}

bool IsBase64Url(const std::string& text) {
  return !text.empty() &&
         text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
}

TEST_F(QuaiCli, ABackupIsIncrementalAndRestoresIntoAnEmptyDirectoryAsItWas) {
  const std::string samples = SourceDir() + "/samples/";
  ASSERT_EQ(Quai({"ingest", samples + "dev-coc-0002.pdf", samples + "dev-coc-0006.pdf", "-q"}).exit_code, 0);
  const std::string backup = directory_.File("backup");
  ProcessResult first = Quai({"backup", backup});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("2 documents"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("2 originals copied, 0 already there"), std::string::npos) << first.out;
  ProcessResult again = Quai({"backup", backup});
  EXPECT_NE(again.out.find("0 originals copied, 2 already there"), std::string::npos) << again.out;
  ASSERT_EQ(Quai({"ingest", samples + "dev-dn-0001.pdf", "-q"}).exit_code, 0);
  ProcessResult third = Quai({"backup", backup});
  EXPECT_NE(third.out.find("1 originals copied, 2 already there"), std::string::npos) << third.out;

  const std::string restored = directory_.File("restored");
  ProcessResult restore = RunQuai({"restore", backup, "--data", restored}, directory_.path());
  ASSERT_EQ(restore.exit_code, 0) << restore.out << restore.err;
  EXPECT_NE(restore.out.find("consistent: 3 documents, 3 originals checked"), std::string::npos) << restore.out;
  // The same documents, read the same, from the same originals.
  for (int id = 1; id <= 3; ++id) {
    ProcessResult was = Quai({"show", std::to_string(id), "--json"});
    ProcessResult is = RunQuai({"show", std::to_string(id), "--json", "--data", restored}, directory_.path());
    ASSERT_EQ(is.exit_code, 0) << is.err;
    EXPECT_EQ(is.out, was.out) << "document " << id << " differs after the restore";
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory_.File("data") + "/originals")) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = std::filesystem::relative(entry.path(), directory_.File("data")).string();
    EXPECT_EQ(Slurp(restored + "/" + relative), Slurp(entry.path().string())) << relative;
  }
  // Never over a data directory, and a damaged original fails the backup by name.
  EXPECT_EQ(RunQuai({"restore", backup, "--data", restored}, directory_.path()).exit_code, 2);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory_.File("data") + "/originals"))
    if (entry.is_regular_file()) {
      std::ofstream(entry.path(), std::ios::app) << "damage";
      break;
    }
  ProcessResult damaged = Quai({"backup", directory_.File("backup2")});
  EXPECT_NE(damaged.exit_code, 0);
  EXPECT_NE(damaged.err.find("is damaged"), std::string::npos) << damaged.err;
}

TEST_F(QuaiCli, SourcesAreAddedCheckedTestedListedAndRemoved) {
  const std::string dock = directory_.File("dock");
  std::filesystem::create_directories(dock);
  std::ofstream(dock + "/bl-1.pdf") << "%PDF-1.7 a delivery note";
  // A wrong setting is named and nothing is kept.
  ProcessResult relative = Quai({"source", "add", "folder", "dock", "--path", "dock"});
  EXPECT_EQ(relative.exit_code, 2);
  EXPECT_NE(relative.err.find("path"), std::string::npos) << relative.err;
  ProcessResult wrong = Quai({"source", "add", "folder", "dock", "--path", dock, "--set", "after=archive"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("after"), std::string::npos) << wrong.err;
  ASSERT_EQ(Quai({"source", "add", "folder", "dock", "--path", dock, "--set", "stable_seconds=2"}).exit_code, 0);
  EXPECT_EQ(Quai({"source", "add", "folder", "dock", "--path", dock}).exit_code, 2);  // the name is taken

  const std::string password = directory_.File("password");
  std::ofstream(password) << "correct horse battery staple\n";
  ProcessResult mailbox = Quai({"source", "add", "imap", "orders", "--url", "imap://127.0.0.1:1/INBOX", "--user",
                                "receiving", "--password-file", password});
  ASSERT_EQ(mailbox.exit_code, 0) << mailbox.err;

  ProcessResult tested = Quai({"source", "test", "dock"});
  ASSERT_EQ(tested.exit_code, 0) << tested.err;
  EXPECT_NE(tested.out.find("1 file(s)"), std::string::npos) << tested.out;
  EXPECT_NE(tested.out.find("bl-1.pdf"), std::string::npos) << tested.out;
  EXPECT_TRUE(std::filesystem::exists(dock + "/bl-1.pdf")) << "a test took the file";
  ProcessResult unreachable = Quai({"source", "test", "orders"});
  EXPECT_NE(unreachable.exit_code, 0);
  EXPECT_NE(unreachable.err.find("127.0.0.1"), std::string::npos) << unreachable.err;

  ASSERT_EQ(Quai({"source", "disable", "orders"}).exit_code, 0);
  ProcessResult listed = Quai({"source", "list", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  for (const std::string& text : {listed.out, unreachable.err, unreachable.out})
    EXPECT_EQ(text.find("correct horse"), std::string::npos) << "the password was shown: " << text;
  nlohmann::json sources = nlohmann::json::parse(listed.out);
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0]["name"], "dock");
  EXPECT_EQ(sources[0]["settings"]["stable_seconds"], 2);
  EXPECT_EQ(sources[1]["has_secret"], true);
  EXPECT_EQ(sources[1]["enabled"], false);
  ASSERT_EQ(Quai({"source", "remove", "orders"}).exit_code, 0);
  EXPECT_EQ(Quai({"source", "remove", "orders"}).exit_code, 4);
  EXPECT_EQ(Quai({"source", "test", "nobody"}).exit_code, 4);
}

TEST_F(QuaiCli, TokensAreListedAndRevokedUsersDisabledAndTheSecurityLogVerified) {
  ASSERT_EQ(Quai({"user", "add", "ana", "--role", "integration"}).exit_code, 0);
  ASSERT_EQ(Quai({"token", "create", "--user", "ana", "--label", "scanner", "--expires-days", "30"}).exit_code, 0);
  ASSERT_EQ(Quai({"token", "create", "--user", "ana", "--label", "erp"}).exit_code, 0);
  EXPECT_EQ(Quai({"token", "create", "--user", "ana", "--expires-days", "0"}).exit_code, 2);
  ProcessResult listed = Quai({"token", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("scanner"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("never"), std::string::npos) << "the erp token does not expire: " << listed.out;
  EXPECT_EQ(listed.out.find("quai_"), std::string::npos) << "a listing shows a secret: " << listed.out;
  ASSERT_EQ(Quai({"token", "revoke", "1"}).exit_code, 0);
  EXPECT_EQ(Quai({"token", "revoke", "99"}).exit_code, 4);
  ASSERT_EQ(Quai({"user", "disable", "ana"}).exit_code, 0);
  EXPECT_NE(Quai({"user", "list"}).out.find("disabled"), std::string::npos);
  EXPECT_EQ(Quai({"user", "unlock", "nobody"}).exit_code, 4);

  ProcessResult verified = Quai({"audit", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_NE(verified.out.find("intact: 5 entries"), std::string::npos) << verified.out;
  ProcessResult log = Quai({"audit", "list"});
  ASSERT_EQ(log.exit_code, 0);
  for (const char* kind : {"user_added", "token_created", "token_revoked", "user_disabled"})
    EXPECT_NE(log.out.find(kind), std::string::npos) << kind << " missing: " << log.out;
}

TEST_F(QuaiCli, UserAddAndTokenCreatePrintTheSecretAloneOnTheLastLine) {
  ProcessResult added = Quai({"user", "add", "ana", "--role", "reviewer"});
  ASSERT_EQ(added.exit_code, 0) << added.out << added.err;
  const std::string password = LastLine(added.out);
  EXPECT_GE(password.size(), 20u) << added.out;
  EXPECT_TRUE(IsBase64Url(password)) << added.out;

  EXPECT_EQ(Quai({"user", "add", "bob", "--role", "root"}).exit_code, 2);       // unknown role
  EXPECT_EQ(Quai({"user", "add", "ana", "--role", "viewer"}).exit_code, 2);     // name taken
  EXPECT_EQ(Quai({"user", "add", "a b", "--role", "viewer"}).exit_code, 2);     // bad name
  ProcessResult listed = Quai({"user", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("ana"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("reviewer"), std::string::npos) << listed.out;

  ProcessResult token = Quai({"token", "create", "--user", "ana", "--label", "nightly ERP import"});
  ASSERT_EQ(token.exit_code, 0) << token.out << token.err;
  const std::string secret = LastLine(token.out);
  ASSERT_EQ(secret.size(), 48u) << token.out;
  EXPECT_EQ(secret.rfind("quai_", 0), 0u) << token.out;
  EXPECT_TRUE(IsBase64Url(secret.substr(5))) << token.out;
  EXPECT_EQ(Quai({"token", "create", "--user", "nobody"}).exit_code, 4);

  ProcessResult reset = Quai({"user", "reset-password", "ana"});
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  const std::string fresh = LastLine(reset.out);
  EXPECT_TRUE(IsBase64Url(fresh)) << reset.out;
  EXPECT_NE(fresh, password);
  EXPECT_EQ(Quai({"user", "reset-password", "nobody"}).exit_code, 4);

  // None of the secrets printed is in the database (or its journal) in clear.
  for (const char* file : {"data/quai.db", "data/quai.db-wal"}) {
    const std::string bytes = Slurp(directory_.File(file));
    for (const std::string& printed : {password, fresh, secret}) {
      EXPECT_EQ(bytes.find(printed), std::string::npos) << file;
    }
  }
}

// A file that makes the PDF library work without end, and one that needs more
// memory than a reader is allowed, among good files: each is refused with its
// cause after its own time, the good ones are read, and the batch ends with
// its summary (issue 21, item 7).
TEST_F(QuaiCli, HostileFilesCostTheirOwnReadingAndTheBatchGoesOn) {
  const std::string fields = directory_.File("fields.pdf");
  {
    std::ofstream out(fields, std::ios::binary);
    out << FieldTreeBombPdf();
  }
  const std::string big = directory_.File("big.png");
  {
    PixPtr pix(pixCreate(8300, 8300, 8));
    pixSetAllArbitrary(pix.get(), 255);
    ASSERT_EQ(pixWrite(big.c_str(), pix.get(), IFF_PNG), 0);
  }
  auto start = std::chrono::steady_clock::now();
  ProcessResult result = Quai({"ingest", "--jobs", "2", "--max-seconds-per-page", "4", "--max-seconds-to-open", "4",
                               "--max-reader-mb", "300", fields, FixturePath("text-layer.pdf"), big,
                               FixturePath("scan-200dpi.png"), FixturePath("three-pages.pdf")});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(result.signal, 0);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("3 stored"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("2 refused"), std::string::npos) << result.out;
  ExpectRefusals(result.out, {{fields, "longer than the limit of 4 s"}, {big, "more memory than the limit of 300 MiB"}});
  EXPECT_LT(seconds, 60) << result.out;
  ProcessResult list = Quai({"list", "--status", "processed"});
  EXPECT_NE(list.out.find("text-layer.pdf"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("scan-200dpi.png"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("three-pages.pdf"), std::string::npos) << list.out;
}

// A PDF whose page tree holds one broken page: the document is kept, its other
// pages read, the broken page stored empty and named in a blocking finding, so
// a person looks at it (issue 21: refuse only what the PDF library cannot open).
TEST_F(QuaiCli, APdfWithOneBrokenPageIsKeptWithThatPageNamed) {
  const std::string path = FixturePath("hostile/bad-page-in-tree.pdf");
  ProcessResult result = Quai({"ingest", path});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("1 stored"), std::string::npos) << result.out;
  ProcessResult shown = Quai({"show", "1", "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  auto json = nlohmann::json::parse(shown.out, nullptr, false);
  ASSERT_TRUE(json.is_object()) << shown.out;
  EXPECT_EQ(json["status"], "processed") << shown.out;
  ASSERT_EQ(json["pages"].size(), 4u);
  EXPECT_TRUE(json["pages"][3]["words"].empty());
  bool named = false;
  for (const auto& finding : json["extraction"]["findings"])
    named = named || (finding["code"] == "page_unreadable" && finding["blocking"] == true &&
                      finding["message"].get<std::string>().find("page 4") != std::string::npos);
  EXPECT_TRUE(named) << json["extraction"].dump();
  EXPECT_EQ(json["extraction"]["review_required"], true);
}

}  // namespace
}  // namespace quai::testing
