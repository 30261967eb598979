#include "extract/field_scorer.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/sha256.h"

namespace quai {
namespace {

constexpr char kMagic[8] = {'Q', 'U', 'A', 'I', 'S', 'C', 'R', '1'};
constexpr uint32_t kFormatVersion = 1;

Status XgbStatus(int rc, const std::string& what) {
  if (rc == 0) return Status::Ok();
  return Status::Internal(what + ": " + XGBGetLastError());
}

void WriteU32(std::ostream& out, uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); }
void WriteString(std::ostream& out, const std::string& s) {
  WriteU32(out, static_cast<uint32_t>(s.size()));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}
bool ReadU32(std::istream& in, uint32_t* v) { return static_cast<bool>(in.read(reinterpret_cast<char*>(v), 4)); }
bool ReadString(std::istream& in, std::string* s) {
  uint32_t n = 0;
  if (!ReadU32(in, &n) || n > (1u << 30)) return false;
  s->resize(n);
  return static_cast<bool>(in.read(s->data(), n));
}

Result<DMatrixHandle> MakeMatrix(const std::vector<std::vector<float>>& rows, const std::vector<float>* labels,
                                 size_t columns) {
  std::vector<float> flat;
  flat.reserve(rows.size() * columns);
  for (const auto& row : rows) {
    if (row.size() != columns) return Status::InvalidArgument("feature row of the wrong width");
    flat.insert(flat.end(), row.begin(), row.end());
  }
  DMatrixHandle matrix = nullptr;
  QUAI_RETURN_IF_ERROR(XgbStatus(
      XGDMatrixCreateFromMat(flat.data(), rows.size(), columns, NAN, &matrix), "cannot build the feature matrix"));
  if (labels != nullptr) XGDMatrixSetFloatInfo(matrix, "label", labels->data(), labels->size());
  return matrix;
}

}  // namespace

struct FieldScorer::Booster {
  BoosterHandle handle = nullptr;
  std::string bytes;           // the model as saved (UBJSON)
  mutable std::mutex mutex;    // XGBoosterPredict is not documented as thread-safe
  ~Booster() {
    if (handle != nullptr) XGBoosterFree(handle);
  }
};

FieldScorer::FieldScorer() : booster_(std::make_unique<Booster>()) {}
FieldScorer::~FieldScorer() = default;

std::vector<CalibrationPoint> FitIsotonic(std::vector<std::pair<double, double>> score_label) {
  std::sort(score_label.begin(), score_label.end());
  struct Block { double sum = 0; double weight = 0; double min_score = 0; };
  std::vector<Block> blocks;
  for (size_t i = 0; i < score_label.size();) {
    // Equal scores are one block: a score maps to one value, so the values
    // sharing it are calibrated together (a wrong one among them counts).
    Block tied{0, 0, score_label[i].first};
    for (; i < score_label.size() && score_label[i].first == tied.min_score; ++i) {
      tied.sum += score_label[i].second;
      tied.weight += 1;
    }
    blocks.push_back(tied);
    while (blocks.size() > 1 && blocks[blocks.size() - 2].sum / blocks[blocks.size() - 2].weight >=
                                    blocks.back().sum / blocks.back().weight) {
      Block last = blocks.back();
      blocks.pop_back();
      blocks.back().sum += last.sum;
      blocks.back().weight += last.weight;
    }
  }
  std::vector<CalibrationPoint> points;
  for (const Block& b : blocks) points.push_back({b.min_score, b.sum / b.weight});
  return points;
}

double FieldScorer::Calibrate(double raw) const {
  if (calibration_.empty()) return raw;
  auto it = std::upper_bound(calibration_.begin(), calibration_.end(), raw,
                             [](double v, const CalibrationPoint& p) { return v < p.raw; });
  if (it == calibration_.begin()) return calibration_.front().calibrated;
  return std::prev(it)->calibrated;
}

Result<std::vector<float>> FieldScorer::Predict(const std::vector<std::vector<float>>& features) const {
  if (features.empty()) return std::vector<float>{};
  auto matrix = MakeMatrix(features, nullptr, feature_names_.size());
  if (!matrix.ok()) return matrix.status();
  bst_ulong length = 0;
  const float* output = nullptr;
  int rc;
  {
    std::lock_guard<std::mutex> lock(booster_->mutex);
    rc = XGBoosterPredict(booster_->handle, *matrix, 0, 0, 0, &length, &output);
  }
  std::vector<float> result;
  if (rc == 0) result.assign(output, output + length);
  XGDMatrixFree(*matrix);
  QUAI_RETURN_IF_ERROR(XgbStatus(rc, "cannot score candidates"));
  return result;
}

Result<std::unique_ptr<FieldScorer>> FieldScorer::Train(const ScorerTrainingData& train,
                                                        const ScorerTrainingData& calibration,
                                                        const std::vector<std::string>& feature_names,
                                                        const std::vector<std::string>& field_names, int rounds) {
  if (train.features.empty()) return Status::InvalidArgument("no training examples");
  std::unique_ptr<FieldScorer> scorer(new FieldScorer());
  scorer->feature_names_ = feature_names;
  scorer->field_names_ = field_names;
  auto matrix = MakeMatrix(train.features, &train.labels, feature_names.size());
  if (!matrix.ok()) return matrix.status();
  DMatrixHandle handles[] = {*matrix};
  Status status = XgbStatus(XGBoosterCreate(handles, 1, &scorer->booster_->handle), "cannot create the model");
  const std::pair<const char*, const char*> params[] = {
      {"objective", "binary:logistic"}, {"max_depth", "6"}, {"eta", "0.1"}, {"subsample", "0.9"},
      {"colsample_bytree", "0.9"}, {"min_child_weight", "2"}, {"nthread", "2"}, {"tree_method", "hist"},
      {"seed", "7"}, {"verbosity", "0"}};
  for (const auto& [key, value] : params)
    if (status.ok()) status = XgbStatus(XGBoosterSetParam(scorer->booster_->handle, key, value), "bad parameter");
  for (int i = 0; i < rounds && status.ok(); ++i)
    status = XgbStatus(XGBoosterUpdateOneIter(scorer->booster_->handle, i, *matrix), "training failed");
  XGDMatrixFree(*matrix);
  QUAI_RETURN_IF_ERROR(status);
  bst_ulong length = 0;
  const char* bytes = nullptr;
  QUAI_RETURN_IF_ERROR(XgbStatus(
      XGBoosterSaveModelToBuffer(scorer->booster_->handle, "{\"format\": \"ubj\"}", &length, &bytes),
      "cannot save the model"));
  scorer->booster_->bytes.assign(bytes, length);
  scorer->version_ = "field-scorer-" + Sha256Hex(scorer->booster_->bytes).substr(0, 12);
  if (!calibration.features.empty()) {
    auto raw = scorer->Predict(calibration.features);
    if (!raw.ok()) return raw.status();
    std::vector<std::pair<double, double>> pairs;
    for (size_t i = 0; i < raw->size(); ++i) pairs.push_back({(*raw)[i], calibration.labels[i]});
    scorer->calibration_ = FitIsotonic(std::move(pairs));
  }
  return scorer;
}

Status FieldScorer::Save(const std::string& path) const {
  std::ofstream out(path + ".tmp", std::ios::binary | std::ios::trunc);
  out.write(kMagic, sizeof(kMagic));
  WriteU32(out, kFormatVersion);
  WriteU32(out, static_cast<uint32_t>(feature_names_.size()));
  for (const auto& n : feature_names_) WriteString(out, n);
  WriteU32(out, static_cast<uint32_t>(field_names_.size()));
  for (const auto& n : field_names_) WriteString(out, n);
  WriteU32(out, static_cast<uint32_t>(calibration_.size()));
  for (const auto& p : calibration_) {
    out.write(reinterpret_cast<const char*>(&p.raw), sizeof(double));
    out.write(reinterpret_cast<const char*>(&p.calibrated), sizeof(double));
  }
  WriteString(out, booster_->bytes);
  out.close();
  if (!out) return Status::IoError(path + ": cannot write the model");
  if (std::rename((path + ".tmp").c_str(), path.c_str()) != 0) return Status::IoError(path + ": cannot rename");
  return Status::Ok();
}

Result<std::unique_ptr<FieldScorer>> FieldScorer::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": no field scorer model");
  char magic[8];
  uint32_t version = 0, count = 0;
  if (!in.read(magic, 8) || std::memcmp(magic, kMagic, 8) != 0)
    return Status::InvalidArgument(path + ": not a quai field scorer model");
  if (!ReadU32(in, &version) || version != kFormatVersion)
    return Status::InvalidArgument(path + ": field scorer format " + std::to_string(version) + ", this quai reads " +
                                   std::to_string(kFormatVersion));
  std::unique_ptr<FieldScorer> scorer(new FieldScorer());
  bool ok = ReadU32(in, &count);
  for (uint32_t i = 0; ok && i < count; ++i) ok = ReadString(in, &scorer->feature_names_.emplace_back());
  ok = ok && ReadU32(in, &count);
  for (uint32_t i = 0; ok && i < count; ++i) ok = ReadString(in, &scorer->field_names_.emplace_back());
  ok = ok && ReadU32(in, &count);
  for (uint32_t i = 0; ok && i < count; ++i) {
    CalibrationPoint p;
    ok = in.read(reinterpret_cast<char*>(&p.raw), sizeof(double)) &&
         in.read(reinterpret_cast<char*>(&p.calibrated), sizeof(double));
    scorer->calibration_.push_back(p);
  }
  ok = ok && ReadString(in, &scorer->booster_->bytes);
  if (!ok) return Status::InvalidArgument(path + ": truncated field scorer model");
  QUAI_RETURN_IF_ERROR(XgbStatus(XGBoosterCreate(nullptr, 0, &scorer->booster_->handle), "cannot create the model"));
  QUAI_RETURN_IF_ERROR(XgbStatus(XGBoosterLoadModelFromBuffer(scorer->booster_->handle, scorer->booster_->bytes.data(),
                                                              scorer->booster_->bytes.size()),
                                 path + ": cannot load the model"));
  XGBoosterSetParam(scorer->booster_->handle, "nthread", "1");
  scorer->version_ = "field-scorer-" + Sha256Hex(scorer->booster_->bytes).substr(0, 12);
  return scorer;
}

}  // namespace quai
