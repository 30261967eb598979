// The models and learned knowledge `quai extract` and `quai eval` read with.
#include "commands.h"
#include "pipeline/workspace_internals.h"

namespace quai::cli {

Result<ReadingSetup> OpenReadingSetup(const Options& options, const ExtractorOptions& extractor_options) {
  ReadingSetup setup;
  auto extractor = Extractor::Load(extractor_options);
  if (!extractor.ok()) return extractor.status();
  setup.extractor = std::move(extractor).value();
  if (options.data_dir.empty()) return setup;
  auto workspace = Workspace::Open(options);
  if (!workspace.ok()) return workspace.status();
  setup.workspace = std::move(workspace).value();
  setup.knowledge = std::make_unique<StoredKnowledge>(WorkspaceInternals::learning(*setup.workspace),
                                                      &setup.extractor->schemas());
  return setup;
}

}  // namespace quai::cli
