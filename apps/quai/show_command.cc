// quai show ID: one stored document, its pages and (with --text) their words.
#include <iostream>

#include "commands.h"
#include "pipeline/page_json.h"
#include "quai/workspace.h"

namespace quai::cli {

CommandRunner AddShowCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("show", "Show a stored document: status, pages, text");
  auto reference = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto text = std::make_shared<bool>(false);
  command->add_option("id", *reference, "Document id, or at least 6 hex digits of its SHA-256")->required();
  command->add_flag("--json", *json, "The document, pages and words as JSON");
  command->add_flag("--text", *text, "Print each page's text");
  AddCommonOptions(command, options);
  return [=]() -> int {
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) {
      std::cerr << "quai: " << workspace.status().message() << "\n";
      return kExitStorage;
    }
    auto record = (*workspace)->FindDocument(*reference);
    if (!record.ok()) {
      std::cerr << "quai: " << record.status().message() << "\n";
      return record.status().code() == StatusCode::kNotFound ? kExitNotFound : kExitUsage;
    }
    auto pages = (*workspace)->LoadPages(record->id);
    if (!pages.ok()) {
      std::cerr << "quai: " << pages.status().message() << "\n";
      return kExitStorage;
    }
    auto extraction = (*workspace)->LatestExtractionJson(record->id);
    if (*json) {
      nlohmann::json out = DocumentToJson(*record);
      out["pages"] = PagesToJson(*pages);
      if (extraction.ok() && extraction->has_value())
        out["extraction"] = nlohmann::json::parse(**extraction, nullptr, false);
      std::cout << out.dump(1) << "\n";
      return kExitOk;
    }
    std::cout << "Document #" << record->id << "  " << record->original_name << "\n"
              << "  status:   " << DocumentStatusName(record->status) << "\n";
    if (!record->error.empty()) std::cout << "  error:    " << record->error << "\n";
    std::cout << "  type:     " << MediaTypeName(record->media_type) << ", " << record->size_bytes << " bytes\n"
              << "  sha256:   " << record->sha256 << "\n"
              << "  source:   " << record->source << ", received " << record->created_at << "\n"
              << "  pages:    " << record->page_count << "\n";
    if (extraction.ok() && extraction->has_value()) {
      nlohmann::json e = nlohmann::json::parse(**extraction, nullptr, false);
      if (!e.is_discarded()) {
        std::cout << "  read as:  " << e.value("document_type", "?") << " ("
                  << (e.value("review_required", true) ? "review required" : "auto-accepted") << ", "
                  << e.value("model_version", "") << ")\n";
        for (auto& [name, v] : e["fields"].items())
          std::cout << "    " << name << ": " << v.value("value", "") << "  (" << v.value("confidence", 0.0) << ")\n";
        if (!e["lines"].empty()) std::cout << "    " << e["lines"].size() << " line items\n";
      }
    }
    for (const Page& page : *pages) {
      std::cout << "  page " << page.number << ": " << static_cast<int>(page.width) << "x"
                << static_cast<int>(page.height) << " pt, " << TextSourceName(page.text_source);
      if (page.dpi > 0) std::cout << " at " << page.dpi << " dpi";
      if (page.rotation != 0) std::cout << ", turned " << page.rotation << "°";
      if (page.skew_degrees != 0) std::cout << ", straightened " << page.skew_degrees << "°";
      std::cout << ", " << page.words.size() << " words\n";
      if (*text) std::cout << PageText(page) << "\n";
    }
    return kExitOk;
  };
}

}  // namespace quai::cli
