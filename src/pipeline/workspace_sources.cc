#include "pipeline/workspace_sources.h"

#include <unistd.h>

#include "pipeline/workspace_services.h"

namespace quai {

SourceServices WorkspaceSourceServices(Workspace& workspace) {
  SourceServices services;
  services.store = workspace.services().sources();
  services.file_system = workspace.services().file_system();
  services.clock = workspace.services().clock();
  services.max_file_bytes = workspace.services().options().limits.max_file_bytes;
  services.file_events = services.file_system == DefaultFileSystem();
  return services;
}

namespace {

std::string ProcessName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

}  // namespace

WorkspaceSources::WorkspaceSources(Workspace& workspace, SourceRunnerOptions options)
    : intake_(workspace),
      runner_(std::make_unique<SourceRunner>(WorkspaceSourceServices(workspace), intake_, ProcessName(), options)) {}

WorkspaceSources::~WorkspaceSources() { runner_->Stop(); }

}  // namespace quai
