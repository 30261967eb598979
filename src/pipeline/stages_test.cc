#include "pipeline/stages.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace quai {
namespace {

std::vector<std::string> Names(const std::vector<Stage>& stages) {
  std::vector<std::string> names;
  for (const Stage& stage : stages) names.emplace_back(stage.name);
  return names;
}

TEST(Stages, ADocumentIsReadInOneOrderWhicheverDoorItCameInBy) {
  const std::vector<std::string> reading = {"page_text", "classify", "extract", "check", "decide", "store"};
  std::vector<std::string> ingest = {"intake"}, read = {"reopen"};
  ingest.insert(ingest.end(), reading.begin(), reading.end());
  read.insert(read.end(), reading.begin(), reading.end());
  EXPECT_EQ(Names(IngestStages()), ingest);
  EXPECT_EQ(Names(ReadStages()), read);
  for (const Stage& stage : IngestStages())
    EXPECT_EQ(stage.scope, std::string(stage.name) == "page_text" ? StageScope::kPage : StageScope::kDocument)
        << stage.name;
}

}  // namespace
}  // namespace quai
