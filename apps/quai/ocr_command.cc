// quai ocr FILE [--json]: read a file's pages and words, storing nothing.
#include <iostream>

#include "commands.h"
#include "pipeline/page_json.h"
#include "quai/workspace.h"

namespace quai::cli {

CommandRunner AddOcrCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("ocr", "Print a file's pages and words (text layer or OCR); stores nothing");
  auto path = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  command->add_option("file", *path, "The document (PDF, PNG, JPEG, TIFF)")->required();
  command->add_flag("--json", *json, "Pages and words with boxes as JSON");
  AddCommonOptions(command, options);
  return [=]() -> int {
    auto text = ReadDocumentText(*path, *options);
    if (!text.ok()) {
      if (*json) {
        std::cout << nlohmann::json{{"file", *path}, {"error", text.status().message()}}.dump() << "\n";
      }
      std::cerr << "quai: " << text.status().message() << "\n";
      return kExitRefused;
    }
    if (*json) {
      nlohmann::json timings = nlohmann::json::object();
      for (const auto& t : text->timings) timings[t.stage] = static_cast<int64_t>(t.milliseconds + 0.5);
      nlohmann::json out = {{"file", text->path},
                            {"sha256", text->sha256},
                            {"media_type", MediaTypeName(text->media_type)},
                            {"pages", PagesToJson(text->pages)},
                            {"timings_ms", timings}};
      std::cout << out.dump() << "\n";
    } else {
      for (const Page& page : text->pages) {
        std::cout << "--- page " << page.number << " (" << TextSourceName(page.text_source);
        if (page.rotation != 0) std::cout << ", turned " << page.rotation << "°";
        if (page.skew_degrees != 0) std::cout << ", straightened " << page.skew_degrees << "°";
        std::cout << ") ---\n" << PageText(page);
      }
    }
    return kExitOk;
  };
}

}  // namespace quai::cli
