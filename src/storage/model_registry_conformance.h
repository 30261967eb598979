// The ModelRegistry contract (model_registry.h) as tests every backend must
// pass: registering, listing and activating model versions, with at most one
// active per kind and document type however many connections (processes)
// activate at once. Include it in a backend's test file and instantiate it
// with a factory (store_under_test.h).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "storage/model_registry.h"
#include "storage/store_under_test.h"

namespace quai {

class ModelRegistryConformance : public StoreConformanceTest {
 protected:
  // 2026-04-01T09:00:00Z
  ModelRegistryConformance()
      : StoreConformanceTest(std::chrono::sys_days{std::chrono::year{2026} / 4 / 1} + std::chrono::hours(9)) {}

  ModelRegistry* models() { return store_->models(); }

  static ModelVersionRecord Model(const std::string& kind, const std::string& type, const std::string& version,
                                  const std::string& status) {
    ModelVersionRecord model;
    model.kind = kind;
    model.document_type = type;
    model.version = version;
    model.path = "models/" + kind + "-" + version + ".bin";
    model.training_examples = 120;
    model.evaluation_json = "{\"accuracy\":0.93,\"previous_accuracy\":0.9}";
    model.status = status;
    return model;
  }

  // id -> status of every model version, in list order.
  std::vector<std::pair<int64_t, std::string>> ModelStatuses() {
    auto listed = models()->ListModelVersions();
    EXPECT_TRUE(listed.ok()) << listed.status().ToString();
    std::vector<std::pair<int64_t, std::string>> statuses;
    if (listed.ok()) {
      for (const ModelVersionRecord& model : *listed) statuses.emplace_back(model.id, model.status);
    }
    return statuses;
  }
};

TEST_P(ModelRegistryConformance, ActivatingAModelRetiresTheActiveOneOfTheSameKindAndTypeOnly) {
  auto invoice_v1 = models()->AddModelVersion(Model("field_scorer", "invoice", "v1", "active"));
  ASSERT_TRUE(invoice_v1.ok()) << invoice_v1.status().ToString();
  auto order_v1 = models()->AddModelVersion(Model("field_scorer", "order", "v1", "active"));
  ASSERT_TRUE(order_v1.ok());
  auto classifier_v1 = models()->AddModelVersion(Model("classifier", "", "v1", "active"));
  ASSERT_TRUE(classifier_v1.ok());
  auto invoice_v2 = models()->AddModelVersion(Model("field_scorer", "invoice", "v2", "rejected"));
  ASSERT_TRUE(invoice_v2.ok());
  EXPECT_EQ(ModelStatuses(), (std::vector<std::pair<int64_t, std::string>>{{*invoice_v1, "active"},
                                                                            {*order_v1, "active"},
                                                                            {*classifier_v1, "active"},
                                                                            {*invoice_v2, "rejected"}}));

  ASSERT_TRUE(models()->ActivateModelVersion(*invoice_v2).ok());
  EXPECT_EQ(ModelStatuses(), (std::vector<std::pair<int64_t, std::string>>{{*invoice_v1, "retired"},
                                                                            {*order_v1, "active"},
                                                                            {*classifier_v1, "active"},
                                                                            {*invoice_v2, "active"}}));
  // Activating the active one changes nothing.
  ASSERT_TRUE(models()->ActivateModelVersion(*invoice_v2).ok());
  // Added as active: the previous one of its kind and type retires in the same call.
  auto invoice_v3 = models()->AddModelVersion(Model("field_scorer", "invoice", "v3", "active"));
  ASSERT_TRUE(invoice_v3.ok());
  // Set active by status: the same as ActivateModelVersion.
  ASSERT_TRUE(models()->SetModelVersionStatus(*invoice_v1, "active").ok());
  EXPECT_EQ(ModelStatuses(), (std::vector<std::pair<int64_t, std::string>>{{*invoice_v1, "active"},
                                                                            {*order_v1, "active"},
                                                                            {*classifier_v1, "active"},
                                                                            {*invoice_v2, "retired"},
                                                                            {*invoice_v3, "retired"}}));
  ASSERT_TRUE(models()->SetModelVersionStatus(*classifier_v1, "retired").ok());
  EXPECT_EQ(ModelStatuses()[2].second, "retired");

  auto listed = models()->ListModelVersions();
  ASSERT_TRUE(listed.ok());
  const ModelVersionRecord& first = (*listed)[0];
  EXPECT_EQ(first.kind, "field_scorer");
  EXPECT_EQ(first.document_type, "invoice");
  EXPECT_EQ(first.version, "v1");
  EXPECT_EQ(first.path, "models/field_scorer-v1.bin");
  EXPECT_EQ(first.created_at, "2026-04-01T09:00:00Z");
  EXPECT_EQ(first.training_examples, 120);
  EXPECT_EQ(first.evaluation_json, "{\"accuracy\":0.93,\"previous_accuracy\":0.9}");
}

TEST_P(ModelRegistryConformance, ModelVersionsListOldestFirst) {
  ModelVersionRecord later = Model("classifier", "", "b", "retired");
  later.created_at = "2026-03-02T00:00:00Z";
  ModelVersionRecord earlier = Model("classifier", "", "a", "retired");
  earlier.created_at = "2026-03-01T00:00:00Z";
  auto later_id = models()->AddModelVersion(later);
  auto earlier_id = models()->AddModelVersion(earlier);
  ASSERT_TRUE(later_id.ok() && earlier_id.ok());
  EXPECT_EQ(ModelStatuses(),
            (std::vector<std::pair<int64_t, std::string>>{{*earlier_id, "retired"}, {*later_id, "retired"}}));
}

TEST_P(ModelRegistryConformance, UnknownIdsAreNotFoundAndChangeNothing) {
  EXPECT_EQ(models()->ActivateModelVersion(42).code(), StatusCode::kNotFound);
  EXPECT_EQ(models()->SetModelVersionStatus(42, "retired").code(), StatusCode::kNotFound);
  EXPECT_EQ(models()->SetModelVersionStatus(42, "active").code(), StatusCode::kNotFound);
  EXPECT_TRUE(ModelStatuses().empty());
}

TEST_P(ModelRegistryConformance, RefusesUnknownModelStatuses) {
  EXPECT_EQ(models()->AddModelVersion(Model("classifier", "", "v1", "candidate")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(models()->AddModelVersion(Model("classifier", "", "v1", "")).status().code(), StatusCode::kInvalidArgument);
  auto added = models()->AddModelVersion(Model("classifier", "", "v1", "rejected"));
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(models()->SetModelVersionStatus(*added, "Active").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ModelStatuses(), (std::vector<std::pair<int64_t, std::string>>{{*added, "rejected"}}));
}

TEST_P(ModelRegistryConformance, VersionsSurviveClosingAndReopening) {
  auto model = models()->AddModelVersion(Model("classifier", "", "v1", "active"));
  ASSERT_TRUE(model.ok());
  ASSERT_TRUE(store_->Reopen());
  EXPECT_EQ(ModelStatuses(), (std::vector<std::pair<int64_t, std::string>>{{*model, "active"}}));
}

// A retraining promoting its model while a person activates another through
// `quai models activate`, again and again from two processes: one active.
TEST_P(ModelRegistryConformance, ActivationsFromTwoConnectionsLeaveOneActive) {
  std::unique_ptr<StoreUnderTest> other = Connect();
  ASSERT_NE(other, nullptr);
  std::vector<int64_t> ids;
  for (int i = 0; i < 6; ++i) {
    auto id = models()->AddModelVersion(Model("extractor", "", "v" + std::to_string(i), "retired"));
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    ids.push_back(*id);
  }
  std::atomic<int> failures{0};
  auto activate = [&](ModelRegistry* registry, size_t first) {
    for (int round = 0; round < 10; ++round) {
      for (size_t i = first; i < ids.size(); i += 2) {
        if (!registry->ActivateModelVersion(ids[i]).ok()) ++failures;
      }
    }
  };
  std::thread even(activate, models(), 0);
  std::thread odd(activate, other->models(), 1);
  even.join();
  odd.join();
  EXPECT_EQ(failures.load(), 0);
  int active = 0;
  for (const auto& [id, status] : ModelStatuses()) active += status == "active" ? 1 : 0;
  EXPECT_EQ(active, 1);
}

}  // namespace quai
