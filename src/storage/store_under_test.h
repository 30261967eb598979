// What every store conformance suite (document_store_conformance.h,
// review_store_conformance.h, account_store_conformance.h,
// learning_store_conformance.h, model_registry_conformance.h,
// job_store_conformance.h, source_store_conformance.h,
// master_data_store_conformance.h, receiving_store_conformance.h) runs against: one backend's stores by concern,
// opened on one place (a file, a database), with a FakeClock the test moves.
// A backend's test file defines a factory and instantiates each suite with it:
//   INSTANTIATE_TEST_SUITE_P(Sqlite, DocumentStoreConformance, ::testing::Values(&MakeSqliteStore));
// Test-only; the suites are header-only so that each backend's test binary
// compiles them once.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "core/clock.h"
#include "storage/account_store.h"
#include "storage/document_store.h"
#include "storage/job_store.h"
#include "storage/learning_store.h"
#include "storage/master_data_store.h"
#include "storage/model_registry.h"
#include "storage/receiving_store.h"
#include "storage/review_store.h"
#include "storage/source_store.h"

namespace quai {

// One connection to a store under test. The stores it gives live as long as it does.
class StoreUnderTest {
 public:
  virtual ~StoreUnderTest() = default;
  virtual DocumentStore* documents() = 0;
  virtual ReviewStore* reviews() = 0;
  virtual AccountStore* accounts() = 0;
  virtual LearningStore* learning() = 0;
  virtual ModelRegistry* models() = 0;
  virtual JobStore* jobs() = 0;
  virtual SourceStore* sources() = 0;
  // The ERP copy and the lot book / exports outbox; null from a backend that
  // has none yet (their suites then fail, never skip).
  virtual MasterDataStore* master_data() { return nullptr; }
  virtual ReceivingStore* receiving() { return nullptr; }
  // Another connection to the same store with the same clock, as a second
  // process opens it; null when it cannot be opened. It may be used from
  // another thread at the same time as this one, and goes before this one.
  virtual std::unique_ptr<StoreUnderTest> Connect() = 0;
  // Closes this connection and opens the store again; false when it cannot.
  virtual bool Reopen() = 0;
};

// Opens a new, empty store whose times come from `clock` (which outlives it).
using StoreFactory = std::unique_ptr<StoreUnderTest> (*)(Clock* clock);

// The fixture every suite derives from: a fresh store per test, its clock at `start`.
class StoreConformanceTest : public ::testing::TestWithParam<StoreFactory> {
 protected:
  explicit StoreConformanceTest(std::chrono::system_clock::time_point start) : clock_(start) {}

  void SetUp() override {
    store_ = GetParam()(&clock_);
    ASSERT_NE(store_, nullptr) << "the factory could not open a store";
  }

  // A second connection to the test's store (a second process).
  std::unique_ptr<StoreUnderTest> Connect() {
    std::unique_ptr<StoreUnderTest> other = store_->Connect();
    EXPECT_NE(other, nullptr) << "could not open a second connection";
    return other;
  }

  FakeClock clock_;
  std::unique_ptr<StoreUnderTest> store_;
};

}  // namespace quai
