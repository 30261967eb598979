// The learn job of a validated document (queued by the validation itself, in
// its transaction: storage/job_store.h), run by whichever process gets it
// first. The reviewer's request runs it at once (its answer says what was
// learned); a worker runs it when the request's process ended first.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "learn/learner.h"
#include "quai/status.h"
#include "quai/workspace.h"

namespace quai {

// A learn job's work: what was learned, as JSON ("null" when the document is no
// longer validated: nothing to learn).
Result<std::string> RunLearnJob(Learner& learner, int64_t document_id);

// Runs the document's learn job now in this process; when another process
// already has it, waits up to `wait` for its result. The result as JSON
// (LearnedDocumentJson), or "null" when nothing was learned. FailedPrecondition
// when no models are loaded; NotFound when the document was never validated.
Result<std::string> LearnNow(Workspace& workspace, int64_t document_id, std::chrono::milliseconds wait);

}  // namespace quai
