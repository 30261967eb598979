// RunPostgresClients with real programs (sh, tr, printf): pipelines, the
// environment, standard error kept, a program missing or failing.
#include "pipeline/postgres_client_program.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

TEST(PostgresClientProgram, APipelinePassesOneProgramsOutputToTheNextAndKeepsTheLast) {
  ClientPipeline pipeline;
  pipeline.stages = {{"sh", "-c", "printf 'one\\ntwo\\n'"}, {"tr", "a-z", "A-Z"}};
  pipeline.keep_output = true;
  auto result = RunPostgresClients(pipeline);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_TRUE(result->ok()) << result->Failure();
  EXPECT_EQ(result->output, "ONE\nTWO\n");
  EXPECT_EQ(result->Failure(), "");
}

TEST(PostgresClientProgram, TheEnvironmentReachesTheProgramAndNotItsCommandLine) {
  ClientPipeline pipeline;
  pipeline.stages = {{"sh", "-c", "printf '%s|%s' \"$PGPASSWORD\" \"$0\""}};
  pipeline.environment = {{"PGPASSWORD", "s3cret"}};
  pipeline.keep_output = true;
  auto result = RunPostgresClients(pipeline);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->output, "s3cret|sh");
}

TEST(PostgresClientProgram, AFailureGivesTheProgramItsEndingAndItsOwnWords) {
  ClientPipeline pipeline;
  pipeline.stages = {{"sh", "-c", "cat >/dev/null"}, {"sh", "-c", "echo 'psql: ERROR: no' >&2; exit 3"}};
  auto result = RunPostgresClients(pipeline);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->ok());
  EXPECT_EQ(result->runs[1].exit_code, 3);
  EXPECT_EQ(result->Failure(), "sh exited with status 3: psql: ERROR: no");
}

TEST(PostgresClientProgram, AMissingProgramIsNamedWithThePackageToInstall) {
  ClientPipeline pipeline;
  pipeline.stages = {{"quai-no-such-program-pg_dump", "--version"}};
  auto result = RunPostgresClients(pipeline);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->ok());
  EXPECT_TRUE(result->runs[0].not_found);
  EXPECT_EQ(result->Failure(),
            "quai-no-such-program-pg_dump is not installed or not on the PATH (Debian: apt-get install "
            "postgresql-client)");
}

TEST(PostgresClientProgram, MuchOutputOnBothStreamsDoesNotBlock) {
  ClientPipeline pipeline;
  // 4 MiB on stdout and 1 MiB on stderr at once: neither pipe may fill up unread.
  pipeline.stages = {{"sh", "-c", "head -c 1048576 /dev/zero >&2 & head -c 4194304 /dev/zero; wait"}};
  pipeline.keep_output = true;
  auto result = RunPostgresClients(pipeline);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->ok()) << result->Failure();
  EXPECT_EQ(result->output.size(), 4194304u);
  EXPECT_LE(result->runs[0].errors.size(), 16u * 1024);
}

}  // namespace
}  // namespace quai
