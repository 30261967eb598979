// The store behind a Workspace, for services that run in the same process on
// the same data directory (the server's accounts and review desk). Internal:
// not part of the public API in include/quai/. The pointers live as long as
// the Workspace; the store is thread-safe.
#pragma once

#include "quai/workspace.h"
#include "storage/repository.h"
#include "storage/review_repository.h"

namespace quai {

struct WorkspaceInternals {
  static Repository* documents(Workspace& workspace);
  static ReviewRepository* reviews(Workspace& workspace);
};

}  // namespace quai
