// RunPostgresClients: runs PostgreSQL's client programs (pg_dump, pg_restore,
// psql) for `quai backup` and `quai restore` on PostgreSQL
// (pipeline/postgres_backup.h), one alone or several as a pipeline (each
// one's standard output into the next one's standard input). The password
// goes in their environment (PGPASSWORD), never on their command line, which
// anyone may read with ps. Each program's standard error is kept for
// messages; the programs die with the thread that started them
// (PR_SET_PDEATHSIG), so a quai killed leaves none behind.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "quai/status.h"

namespace quai {

struct ClientProgramRun {
  std::string program;  // argv[0]
  bool not_found = false;  // could not be started (not installed / not on PATH)
  int exit_code = -1;      // -1 when killed by a signal or not started
  std::string ending;      // "exited with status 1", "killed by signal 13 (Broken pipe)"
  std::string errors;      // its standard error (the last 16 KiB), trimmed
  bool ok() const { return exit_code == 0; }
};

struct ClientPipeline {
  std::vector<std::vector<std::string>> stages;  // argv of each program, in pipeline order
  std::vector<std::pair<std::string, std::string>> environment;  // added to (or replacing) quai's own
  bool keep_output = false;  // the last program's standard output into `output`, else discarded
};

struct ClientPipelineResult {
  std::vector<ClientProgramRun> runs;  // one per stage
  std::string output;
  bool ok() const;
  // The first failure, for a message: "pg_dump is not installed ..." or
  // "pg_dump exited with status 1: pg_dump: error: ...". Empty when ok().
  std::string Failure() const;
};

// Runs `pipeline` to the end. An error only when the programs cannot be
// started at all (no pipe, no fork); a program missing or failing is in the result.
Result<ClientPipelineResult> RunPostgresClients(const ClientPipeline& pipeline);

}  // namespace quai
