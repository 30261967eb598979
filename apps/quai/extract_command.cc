// quai extract FILE... [--json]: the document type, fields and line items of
// each file, one JSON object per line in input order (the contract of
// docs/architecture.md), or a readable table. With --data, also checked
// against that data directory's copy of the ERP (nothing is stored). A file
// that carries its data (an XML e-invoice, a PDF with its invoice XML
// embedded) is read from that XML by the pipeline's own einvoice stage
// (ReadPagesOfFiles with the models), then checked and decided as any invoice,
// so `quai extract` and `quai ingest` give it the same values.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "decide/extract_and_decide.h"
#include "pipeline/page_json.h"
#include "pipeline/page_reading.h"
#include "pipeline/workspace_services.h"
#include "quai/workspace.h"

namespace quai::cli {
namespace {

void PrintReadable(const std::string& path, const Extraction& e) {
  std::printf("%s: %s (%.2f)%s\n", path.c_str(), e.document_type.c_str(), e.type_confidence,
              e.review_required ? "  — review required" : "  — auto-accepted");
  for (const auto& [name, v] : e.fields)
    std::printf("  %-22s %-32s %.2f  p%d  %s\n", name.c_str(), v.value.c_str(), v.confidence, v.page,
                v.evidence.c_str());
  for (size_t i = 0; i < e.lines.size(); ++i) {
    std::printf("  line %zu:", i + 1);
    for (const auto& [name, v] : e.lines[i]) std::printf("  %s=%s", name.c_str(), v.value.c_str());
    std::printf("\n");
  }
  for (const auto& f : e.findings)
    std::printf("  finding %s [%s%s]: %s\n", f.code.c_str(), f.severity.c_str(),
                f.blocking ? ", blocking" : (f.override_reason.empty() ? "" : ", overridden"), f.message.c_str());
  for (const auto& reason : e.review_reasons) std::printf("  review: %s\n", reason.c_str());
}

}  // namespace

void AddExtractorOptions(CLI::App* command, ExtractorOptions* options) {
  command->add_option("--models", options->model_dir, "Model folder (default: the shipped models)");
  command->add_option("--schemas", options->schema_dir, "Schema folder (default: config/schemas)");
}

CommandRunner AddExtractCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("extract", "Read each file's document type, fields and line items");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto json = std::make_shared<bool>(false);
  auto extractor_options = std::make_shared<ExtractorOptions>();
  command->add_option("files", *paths, "Documents (PDF, PNG, JPEG, TIFF, XML e-invoices)")->required();
  command->add_flag("--json", *json, "JSON Lines: one object per file, in input order");
  AddExtractorOptions(command, extractor_options.get());
  AddCommonOptions(command, options);
  return [=]() -> int {
    auto setup = OpenReadingSetup(*options, *extractor_options);
    if (!setup.ok()) {
      std::cerr << "quai: " << setup.status().message() << "\n";
      return kExitStorage;
    }
    const Extractor* extractor = setup->extractor.get();
    auto read = ReadPagesOfFiles(*paths, *options, "", extractor, setup->knowledge.get());
    int status = kExitOk;
    for (auto& document : read) {
      if (!document.error.empty()) {
        status = kExitRefused;
        if (*json)
          std::cout << nlohmann::json{{"file", document.path}, {"error", document.error}}.dump() << "\n";
        else
          std::cerr << "quai: " << document.error << "\n";
        continue;
      }
      auto start = std::chrono::steady_clock::now();
      // An e-invoice's values (the einvoice stage's), checked and decided as the pipeline does.
      Result<Extraction> extraction = document.einvoice
                                          ? Result<Extraction>(std::move(*document.einvoice))
                                          : ExtractAndDecide(*extractor, document.pages, setup->knowledge.get());
      if (document.einvoice)
        CheckAndDecide(extractor->schemas().Find(extraction->document_type), extractor->calibration(), &*extraction);
      // With --data, checked against that directory's copy of the ERP too.
      if (extraction.ok() && setup->workspace) {
        WorkspaceServices& services = setup->workspace->services();
        CheckContext context{services.erp_checks(), 0, services.Today()};
        CheckAndDecide(extractor->schemas().Find(extraction->document_type), extractor->calibration(), &*extraction,
                       context);
      }
      double extract_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      if (!extraction.ok()) {
        status = kExitRefused;
        std::cerr << "quai: " << document.path << ": " << extraction.status().message() << "\n";
        continue;
      }
      if (*json) {
        nlohmann::json out = {{"file", document.path}, {"sha256", document.sha256},
                              {"pages", document.pages.size()}};
        out.update(ExtractionToJson(*extraction));
        nlohmann::json timings = nlohmann::json::object();
        for (const auto& t : document.timings)
          if (t.stage == "intake" || t.stage == "page_text")
            timings[t.stage == "page_text" ? "ocr" : t.stage] = static_cast<int64_t>(t.milliseconds + 0.5);
        timings["extract"] = static_cast<int64_t>(extract_ms + 0.5);
        out["timings_ms"] = timings;
        std::cout << out.dump() << "\n";
      } else {
        PrintReadable(document.path, *extraction);
      }
    }
    return status;
  };
}

}  // namespace quai::cli
