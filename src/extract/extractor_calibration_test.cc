#include "extract/extractor_calibration.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "fixtures/test_directory.h"

namespace quai {
namespace {

using Points = std::vector<CalibrationPoint>;

void ExpectPoints(const Points& actual, const Points& expected, const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_DOUBLE_EQ(actual[i].raw, expected[i].raw) << what << "[" << i << "]";
    EXPECT_DOUBLE_EQ(actual[i].calibrated, expected[i].calibrated) << what << "[" << i << "]";
  }
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

TEST(ExtractorCalibration, SavedCalibrationLoadsBackTheSame) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  ExtractorCalibration calibration;
  calibration.target_precision = 0.98;
  calibration.lines = {{0, 0.1}, {0.5, 0.6}, {0.9, 0.97}};
  calibration.line_fields["quantity@ocr"] = {{0, 0.2}, {0.7, 0.9}};
  calibration.line_fields["lot_number"] = {{0, 0.3}};
  calibration.fields["@ocr"] = {{0, 0.05}, {0.8, 0.85}};
  calibration.fields["@layer"] = {{0, 0.01}, {0.6, 0.99}};
  calibration.thresholds = {{"po_number", 0.93}, {"lines.quantity", 1.01}, {"po_number@ocr", 0.97}};
  calibration.learned_field_precision = 0.99;
  calibration.learned_thresholds = {{"po_number", 0.9}, {"po_number@ocr", 0.95}};
  const std::string path = directory.File(kCalibrationFile);
  ASSERT_TRUE(SaveExtractorCalibration(calibration, path).ok());

  auto loaded = LoadExtractorCalibration(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_DOUBLE_EQ(loaded->target_precision, 0.98);
  ExpectPoints(loaded->lines, calibration.lines, "lines");
  ASSERT_EQ(loaded->line_fields.size(), 2u);
  ExpectPoints(loaded->line_fields.at("quantity@ocr"), calibration.line_fields["quantity@ocr"], "quantity@ocr");
  ExpectPoints(loaded->line_fields.at("lot_number"), calibration.line_fields["lot_number"], "lot_number");
  ASSERT_EQ(loaded->fields.size(), 2u);
  ExpectPoints(loaded->fields.at("@ocr"), calibration.fields["@ocr"], "@ocr");
  ExpectPoints(loaded->fields.at("@layer"), calibration.fields["@layer"], "@layer");
  EXPECT_EQ(loaded->thresholds, calibration.thresholds);
  EXPECT_EQ(loaded->learned_thresholds, calibration.learned_thresholds);
  EXPECT_DOUBLE_EQ(loaded->learned_field_precision, 0.99);
}

TEST(ExtractorCalibration, SuppliersTheMemoryKnowsTakeTheLearnedThresholdsWhenThereAreAny) {
  ExtractorCalibration calibration;
  calibration.thresholds = {{"po_number", 0.99}};
  EXPECT_EQ(&calibration.Thresholds(true), &calibration.thresholds);
  calibration.learned_thresholds = {{"po_number", 0.97}};
  EXPECT_EQ(&calibration.Thresholds(true), &calibration.learned_thresholds);
  EXPECT_EQ(&calibration.Thresholds(false), &calibration.thresholds);
}

TEST(ThresholdOf, TakesTheMostSpecificKeyThenTheFallback) {
  const std::map<std::string, double> thresholds = {
      {"po_number", 0.97}, {"po_number@ocr", 0.99}, {"po_number@ocr+checked", 0.98}, {"lines.quantity", 0.95}};
  EXPECT_DOUBLE_EQ(ThresholdOf(thresholds, "po_number", true, true, 0.5), 0.98);
  EXPECT_DOUBLE_EQ(ThresholdOf(thresholds, "po_number", true, false, 0.5), 0.99);
  EXPECT_DOUBLE_EQ(ThresholdOf(thresholds, "po_number", false, true, 0.5), 0.97);  // no "@layer" key
  EXPECT_DOUBLE_EQ(ThresholdOf(thresholds, "lines.quantity", true, false, 0.5), 0.95);
  EXPECT_DOUBLE_EQ(ThresholdOf(thresholds, "lines.unit", true, false, 0.5), 0.5);
  // Corroboration never asks more than the reading alone.
  EXPECT_DOUBLE_EQ(ThresholdOf({{"lines.lot_number@ocr", 0.99}, {"lines.lot_number@ocr+checked", 1.0}},
                               "lines.lot_number", true, true, 0.5),
                   0.99);
}

TEST(ExtractorCalibration, AMinimalFileHasTheDefaults) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  Write(directory.File("calibration.json"), R"({"format": 1})");
  auto loaded = LoadExtractorCalibration(directory.File("calibration.json"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_DOUBLE_EQ(loaded->target_precision, kDefaultTargetPrecision);
  EXPECT_TRUE(loaded->lines.empty());
  EXPECT_TRUE(loaded->line_fields.empty());
  EXPECT_TRUE(loaded->fields.empty());
  EXPECT_TRUE(loaded->thresholds.empty());
  EXPECT_EQ(loaded->FieldMap(true), nullptr);
}

TEST(ExtractorCalibration, AMissingFileIsNotFound) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  auto loaded = LoadExtractorCalibration(directory.File("calibration.json"));
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kNotFound);
}

TEST(ExtractorCalibration, AMalformedFileIsInvalidArgumentNamingIt) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  const std::string path = directory.File("calibration.json");
  for (const char* text : {
           "{not json",
           "[1, 2]",
           R"({"format": 2})",
           R"({"format": "1"})",
           R"({"format": 1, "target_precision": "high"})",
           R"({"lines": []})",
           R"({"format": 1, "lines": {"a": 1}})",
           R"({"format": 1, "lines": [[0.1, 0.2, 0.3]]})",
           R"({"format": 1, "lines": [["0.1", 0.2]]})",
           R"({"format": 1, "line_fields": []})",
           R"({"format": 1, "line_fields": {"quantity": [[0.1]]}})",
           R"({"format": 1, "fields": {"@ocr": 0.5}})",
           R"({"format": 1, "thresholds": []})",
           R"({"format": 1, "thresholds": {"po_number": "high"}})",
           R"({"format": 1, "learned_thresholds": [0.9]})",
           R"({"format": 1, "learned_thresholds": {"po_number": null}})",
           R"({"format": 1, "learned_field_precision": "low", "learned_thresholds": {"po_number": 0.9}})",
       }) {
    Write(path, text);
    Result<ExtractorCalibration> loaded = ExtractorCalibration{};
    ASSERT_NO_THROW(loaded = LoadExtractorCalibration(path)) << text;
    ASSERT_FALSE(loaded.ok()) << text;
    EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_NE(loaded.status().message().find(path), std::string::npos) << loaded.status().message();
  }
}

TEST(ExtractorCalibration, SavingWhereNoFileCanBeWrittenIsAnIoError) {
  TestDirectory directory;
  ASSERT_TRUE(directory.ok());
  const std::string path = directory.File("no-such-folder/calibration.json");
  Status saved = SaveExtractorCalibration(ExtractorCalibration{}, path);
  EXPECT_EQ(saved.code(), StatusCode::kIoError);
  EXPECT_NE(saved.message().find(path), std::string::npos) << saved.message();
}

TEST(ApplyCalibration, IsPiecewiseConstant) {
  const Points points = {{0.2, 0.1}, {0.5, 0.4}, {0.9, 0.95}};
  EXPECT_DOUBLE_EQ(ApplyCalibration(points, 0.0), 0.1);  // below the first point: its value
  EXPECT_DOUBLE_EQ(ApplyCalibration(points, 0.2), 0.1);
  EXPECT_DOUBLE_EQ(ApplyCalibration(points, 0.49), 0.1);
  EXPECT_DOUBLE_EQ(ApplyCalibration(points, 0.5), 0.4);  // at a point: that point's value
  EXPECT_DOUBLE_EQ(ApplyCalibration(points, 0.89), 0.4);
  EXPECT_DOUBLE_EQ(ApplyCalibration(points, 0.9), 0.95);
  EXPECT_DOUBLE_EQ(ApplyCalibration(points, 1.0), 0.95);
}

TEST(ApplyCalibration, WithoutPointsTheRawScoreStays) { EXPECT_DOUBLE_EQ(ApplyCalibration({}, 0.37), 0.37); }

TEST(ThresholdForPrecision, IsTheLowestConfidenceAtOrAboveWhichValuesWereRightOftenEnough) {
  // Sorted: 0.9 ✓, 0.8 ✓, 0.7 ✗, 0.6 ✓, 0.5 ✗, 0.4 ✗. At or above 0.6: 3 of 4 right.
  std::vector<std::pair<double, bool>> values = {{0.5, false}, {0.9, true}, {0.6, true},
                                                 {0.4, false}, {0.7, false}, {0.8, true}};
  EXPECT_DOUBLE_EQ(ThresholdForPrecision(values, 0.75, 1), 0.6);
  EXPECT_DOUBLE_EQ(ThresholdForPrecision(values, 0.8, 1), 0.8);  // 3 of 4 is too few; 2 of 2 is not
  EXPECT_DOUBLE_EQ(ThresholdForPrecision(values, 0.5, 1), 0.4);  // 3 of 6
}

TEST(ThresholdForPrecision, EqualConfidencesAreAcceptedTogether) {
  // Ten right at 0.9; at 0.8 three wrong and one right. Whichever of the 0.8
  // values came first, the first alone would keep 10 of 11 (over 0.9); all four
  // together make 11 of 14.
  std::vector<std::pair<double, bool>> values(10, {0.9, true});
  for (bool right : {false, true, false, false}) values.push_back({0.8, right});
  EXPECT_DOUBLE_EQ(ThresholdForPrecision(values, 0.9, 1), 0.9);
  EXPECT_DOUBLE_EQ(ThresholdForPrecision(values, 0.75, 1), 0.8);
}

TEST(ThresholdForPrecision, NeverWhenTheTargetCannotBeMetOrThereAreTooFewValues) {
  EXPECT_DOUBLE_EQ(ThresholdForPrecision({{0.9, false}, {0.8, true}}, 0.99, 1), 1.01);
  EXPECT_DOUBLE_EQ(ThresholdForPrecision({}, 0.9, 0), 1.01);
  std::vector<std::pair<double, bool>> all_right = {{0.9, true}, {0.7, true}, {0.5, true}};
  EXPECT_DOUBLE_EQ(ThresholdForPrecision(all_right, 0.99, 4), 1.01);
  EXPECT_DOUBLE_EQ(ThresholdForPrecision(all_right, 0.99, 3), 0.5);
}

TEST(ExtractorCalibration, LineMapTakesTheMostSpecificMapThereIs) {
  ExtractorCalibration calibration;
  calibration.lines = {{0, 0.1}};
  calibration.line_fields["quantity@ocr"] = {{0, 0.2}};
  calibration.line_fields["quantity"] = {{0, 0.3}};
  calibration.line_fields["amount@layer"] = {{0, 0.4}};
  auto first = [&](const std::string& field, bool ocr) { return calibration.LineMap(field, ocr).at(0).calibrated; };
  EXPECT_DOUBLE_EQ(first("quantity", true), 0.2);   // field@ocr
  EXPECT_DOUBLE_EQ(first("quantity", false), 0.3);  // no quantity@layer: the field's own
  EXPECT_DOUBLE_EQ(first("amount", false), 0.4);
  EXPECT_DOUBLE_EQ(first("amount", true), 0.1);  // no amount@ocr nor amount: the shared map
  EXPECT_DOUBLE_EQ(first("unit", true), 0.1);
}

TEST(ExtractorCalibration, FieldMapIsTheTextSourcesMapWhenThereIsOne) {
  ExtractorCalibration calibration;
  calibration.fields["@ocr"] = {{0, 0.5}};
  ASSERT_NE(calibration.FieldMap(true), nullptr);
  EXPECT_DOUBLE_EQ(calibration.FieldMap(true)->at(0).calibrated, 0.5);
  EXPECT_EQ(calibration.FieldMap(false), nullptr);
}

TEST(ExtractorCalibration, ACorroboratedValueTakesTheHigherConfidenceWhereTheMapHasSeenSuchValues) {
  ExtractorCalibration calibration;
  EXPECT_DOUBLE_EQ(calibration.CorroboratedConfidence(true, 0.6), 0.6);  // no map
  calibration.fields["@ocr+checked"] = {{0.4, 0.9}, {0.7, 0.999}};
  EXPECT_DOUBLE_EQ(calibration.CorroboratedConfidence(true, 0.5), 0.9);
  EXPECT_DOUBLE_EQ(calibration.CorroboratedConfidence(true, 0.8), 0.999);
  EXPECT_DOUBLE_EQ(calibration.CorroboratedConfidence(true, 0.95), 0.999);
  EXPECT_DOUBLE_EQ(calibration.CorroboratedConfidence(true, 1.0), 1.0);    // never lowered
  EXPECT_DOUBLE_EQ(calibration.CorroboratedConfidence(true, 0.3), 0.3);    // below what the map has seen
  EXPECT_DOUBLE_EQ(calibration.CorroboratedConfidence(false, 0.5), 0.5);   // text layers have no map
  EXPECT_EQ(calibration.FieldMap(true), nullptr);  // not the map of every OCR value
}

}  // namespace
}  // namespace quai
