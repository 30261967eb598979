#include "extract/field_scorer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "extract/extractor_calibration.h"
#include "fixtures/test_directory.h"

namespace quai {
namespace {

// Positives have a label score near 1, negatives near 0, with noise.
ScorerTrainingData Separable(int n, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<float> noise(0, 0.3f);
  ScorerTrainingData data;
  for (int i = 0; i < n; ++i) {
    bool positive = i % 4 == 0;
    data.features.push_back({positive ? 0.9f - noise(random) : noise(random), noise(random)});
    data.labels.push_back(positive ? 1.0f : 0.0f);
    data.document_ids.push_back(i / 10);
  }
  return data;
}

TEST(FieldScorer, LearnsSeparableCandidatesAndCalibrates) {
  auto scorer = FieldScorer::Train(Separable(800, 1), Separable(400, 2), {"label", "noise"}, {"po_number"}, 50);
  ASSERT_TRUE(scorer.ok()) << scorer.status().message();
  auto p = (*scorer)->Predict({{0.85f, 0.1f}, {0.05f, 0.1f}});
  ASSERT_TRUE(p.ok());
  EXPECT_GT((*p)[0], 0.9);
  EXPECT_LT((*p)[1], 0.1);
  EXPECT_GT((*scorer)->Calibrate((*p)[0]), 0.95);
  EXPECT_LT((*scorer)->Calibrate((*p)[1]), 0.05);
}

TEST(FieldScorer, SavedModelPredictsTheSameAfterLoading) {
  TestDirectory dir;
  auto scorer = FieldScorer::Train(Separable(400, 3), Separable(100, 4), {"label", "noise"}, {"po_number"}, 20);
  ASSERT_TRUE(scorer.ok());
  ASSERT_TRUE((*scorer)->Save(dir.File("scorer.qsc")).ok());
  auto loaded = FieldScorer::Load(dir.File("scorer.qsc"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ((*loaded)->feature_names(), (std::vector<std::string>{"label", "noise"}));
  EXPECT_EQ((*loaded)->version(), (*scorer)->version());
  std::vector<std::vector<float>> rows = {{0.5f, 0.2f}, {0.7f, 0.0f}};
  EXPECT_EQ(*(*loaded)->Predict(rows), *(*scorer)->Predict(rows));
  EXPECT_EQ((*loaded)->Calibrate(0.6), (*scorer)->Calibrate(0.6));
}

TEST(FieldScorer, RefusesAFileThatIsNotAModel) {
  TestDirectory dir;
  std::ofstream(dir.File("bad.qsc")) << "not a model";
  auto loaded = FieldScorer::Load(dir.File("bad.qsc"));
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("not a quai field scorer model"), std::string::npos);
}

TEST(FieldScorer, IsotonicFitIsNonDecreasingAndAveragesViolations) {
  auto points = FitIsotonic({{0.1, 0}, {0.2, 1}, {0.3, 0}, {0.9, 1}});
  ASSERT_EQ(points.size(), 3u);
  EXPECT_DOUBLE_EQ(points[0].calibrated, 0.0);
  EXPECT_DOUBLE_EQ(points[1].calibrated, 0.5);  // 0.2 and 0.3 pooled
  EXPECT_DOUBLE_EQ(points[2].calibrated, 1.0);
}

TEST(FieldScorer, IsotonicFitCalibratesEqualScoresTogether) {
  // Three values share the score 0.8, one of them wrong: 0.8 is right 2 times in 3,
  // not always (a wrong value sorted first must not fall into the block below).
  auto points = FitIsotonic({{0.1, 0}, {0.8, 1}, {0.8, 0}, {0.8, 1}, {0.9, 1}});
  ASSERT_EQ(points.size(), 3u);
  EXPECT_DOUBLE_EQ(ApplyCalibration(points, 0.8), 2.0 / 3);
  EXPECT_DOUBLE_EQ(ApplyCalibration(points, 0.9), 1.0);
  EXPECT_DOUBLE_EQ(ApplyCalibration(points, 0.1), 0.0);
}

}  // namespace
}  // namespace quai
