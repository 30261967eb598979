// The models and learned knowledge `quai extract` and `quai eval` read with.
#include "commands.h"
#include "pipeline/workspace_services.h"

namespace quai::cli {

Result<ReadingSetup> OpenReadingSetup(const Options& options, const ExtractorOptions& extractor_options) {
  ReadingSetup setup;
  ExtractorOptions load = extractor_options;
  if (!options.data_dir.empty()) {
    auto workspace = Workspace::Open(options);
    if (!workspace.ok()) return workspace.status();
    setup.workspace = std::move(workspace).value();
    // The data directory's active model set unless --models names others.
    if (load.model_dir.empty()) {
      auto active = ActiveModels(setup.workspace->services().models());
      if (!active.ok()) return active.status();
      if (active->has_value()) load.model_dir = ModelFolder(setup.workspace->data_dir(), **active);
    }
  }
  auto extractor = Extractor::Load(load);
  if (!extractor.ok()) return extractor.status();
  setup.extractor = std::move(extractor).value();
  if (setup.workspace)
    setup.knowledge =
        std::make_unique<StoredKnowledge>(setup.workspace->services().learning(), setup.extractor->schemas());
  return setup;
}

}  // namespace quai::cli
