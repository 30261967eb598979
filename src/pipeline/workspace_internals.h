// The store behind a Workspace, for services that run in the same process on
// the same data directory (the server's accounts and review desk). Internal:
// not part of the public API in include/quai/. The pointers live as long as
// the Workspace; the store is thread-safe.
#pragma once

#include "quai/workspace.h"
#include "storage/repository.h"
#include "storage/job_store.h"
#include "storage/learning_repository.h"
#include "storage/review_repository.h"

namespace quai {

class Extractor;
class Learner;
class StoredKnowledge;

struct WorkspaceInternals {
  static Repository* documents(Workspace& workspace);
  static ReviewRepository* reviews(Workspace& workspace);
  static LearningRepository* learning(Workspace& workspace);
  static JobStore* jobs(Workspace& workspace);
  // These load the models on first use; null when they cannot be loaded
  // (Workspace::extraction_problem says why).
  static const Extractor* extractor(Workspace& workspace);
  static const StoredKnowledge* knowledge(Workspace& workspace);
  static Learner* learner(Workspace& workspace);
  // Reads with the registry's active model set from now on (after a promotion or a rollback).
  static Status ReloadModels(Workspace& workspace);
};

}  // namespace quai
