// The watched folders and mailboxes of a Workspace: their documents go
// through Workspace::Receive (the intake stage alone; the workers read them),
// and the SourceRunner (source/source_runner.h) that `quai serve` starts.
#pragma once

#include <memory>
#include <string>

#include "quai/workspace.h"
#include "source/open_watched_source.h"
#include "source/source_runner.h"

namespace quai {

class WorkspaceIntake final : public DocumentIntake {
 public:
  explicit WorkspaceIntake(Workspace& workspace) : workspace_(workspace) {}
  Result<IngestedFile> Receive(const std::string& name, std::string bytes, const std::string& source,
                               const std::string& origin_json) override {
    return workspace_.Receive(name, std::move(bytes), source, origin_json);
  }

 private:
  Workspace& workspace_;
};

// What a source of `workspace` runs with: its store, file system, clock and file size limit.
SourceServices WorkspaceSourceServices(Workspace& workspace);

// The sources of a workspace running in this process, with the intake they feed.
class WorkspaceSources {
 public:
  explicit WorkspaceSources(Workspace& workspace, SourceRunnerOptions options = {});
  ~WorkspaceSources();
  void Start() { runner_->Start(); }
  void Stop() { runner_->Stop(); }

 private:
  WorkspaceIntake intake_;
  std::unique_ptr<SourceRunner> runner_;
};

}  // namespace quai
