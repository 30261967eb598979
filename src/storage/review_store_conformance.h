// The ReviewStore contract (review_store.h) as tests every backend must pass:
// the review state, events and training examples a person's edits write, the
// search and queue, and edits of one document serialised across connections
// (two processes). Include it in a backend's test file and instantiate it
// with a factory (store_under_test.h).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/review_store.h"
#include "storage/store_under_test.h"

namespace quai {

class ReviewStoreConformance : public StoreConformanceTest {
 protected:
  // 2026-03-02T08:00:00Z
  ReviewStoreConformance()
      : StoreConformanceTest(std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours(8)) {}

  ReviewStore* reviews() { return store_->reviews(); }

  // A processed document whose latest extraction is `json` (none when empty).
  int64_t AddDocument(const std::string& name, const std::string& json, bool review_required) {
    DocumentRecord record;
    char sha[65];
    std::snprintf(sha, sizeof(sha), "%064x", ++documents_);
    record.sha256 = sha;
    record.original_name = name;
    record.source = "cli";
    record.media_type = MediaType::kPdf;
    auto id = store_->documents()->AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    if (!id.ok()) return 0;
    Page page;
    page.number = 1;
    page.width = 595;
    page.height = 842;
    EXPECT_TRUE(store_->documents()->SavePages(*id, {page}).ok());
    if (!json.empty()) {
      StoredExtraction extraction;
      extraction.document_id = *id;
      extraction.model_version = "m1";
      extraction.result_json = json;
      extraction.document_type = "delivery_note";
      extraction.review_required = review_required;
      // What the store searches on comes beside the JSON, as the store stage gives it.
      const std::string marker = R"("supplier":{"name":")";
      if (size_t at = json.find(marker); at != std::string::npos)
        extraction.supplier = json.substr(at + marker.size(), json.find('"', at + marker.size()) - at - marker.size());
      // and so do the values it is searched by (every "value" of the JSON).
      const std::string value_marker = R"("value":")";
      for (size_t at = json.find(value_marker); at != std::string::npos; at = json.find(value_marker, at + 1)) {
        const size_t from = at + value_marker.size();
        extraction.search_values.push_back({"", json.substr(from, json.find('"', from) - from)});
      }
      EXPECT_TRUE(store_->documents()->SaveExtraction(extraction).ok());
    }
    return *id;
  }

  // The update of a validation by `user`, with its training example.
  static Status Validate(const std::string& user, ReviewUpdate* update) {
    update->state.status = "validated";
    update->state.document_type = "delivery_note";
    update->state.values_json = R"({"document_type":"delivery_note","fields":{}})";
    update->state.validated_by = user;
    update->state.updated_by = user;
    StoredReviewEvent event;
    event.user = user;
    event.action = "validated";
    update->events.push_back(event);
    TrainingExample example;
    example.document_type = "delivery_note";
    example.canonical_json = "{}";
    example.pointers_json = "[]";
    example.validated_by = user;
    update->training_example = example;
    return Status::Ok();
  }

  std::vector<JobRecord> LearnJobs(int64_t document_id) {
    JobFilter filter;
    filter.kind = JobKind::kLearn;
    filter.document_id = document_id;
    auto jobs = store_->jobs()->ListJobs(filter);
    EXPECT_TRUE(jobs.ok()) << jobs.status().ToString();
    return jobs.ok() ? *jobs : std::vector<JobRecord>{};
  }

  int documents_ = 0;
};

TEST_P(ReviewStoreConformance, FailingEditChangesNothingAndGoodEditWritesStateEventsAndExample) {
  const int64_t id = AddDocument("bl.pdf", R"({"document_type":"delivery_note","fields":{}})", true);
  Status failed = reviews()->EditReview(id, [](const ReviewDocumentRecord&, ReviewUpdate* update) {
    update->state.status = "validated";
    update->state.values_json = "{}";
    update->events.push_back({});
    return Status::InvalidArgument("refused by the edit");
  });
  EXPECT_EQ(failed.code(), StatusCode::kInvalidArgument);
  auto untouched = reviews()->LoadReviewDocument(id);
  ASSERT_TRUE(untouched.ok());
  EXPECT_FALSE(untouched->state.has_value());
  ASSERT_TRUE(untouched->extraction.has_value());
  EXPECT_EQ(untouched->extraction->model_version, "m1");
  ASSERT_EQ(untouched->page_sizes.size(), 1u);
  EXPECT_EQ(untouched->page_sizes[0].second, 842);

  Status edited = reviews()->EditReview(id, [](const ReviewDocumentRecord& current, ReviewUpdate* update) {
    EXPECT_TRUE(current.extraction.has_value());
    update->state.status = "validated";
    update->state.document_type = "delivery_note";
    update->state.values_json = R"({"document_type":"delivery_note","fields":{"po_number":{"value":"45"}}})";
    update->state.updated_by = "ana";
    update->state.updated_at = "2026-03-02T08:00:00Z";
    StoredReviewEvent event;
    event.user = "ana";
    event.at = "2026-03-02T08:00:00Z";
    event.action = "field_corrected";
    event.field = "po_number";
    event.after_json = "\"45\"";
    event.page = 1;
    event.box_json = "[1,2,3,4]";
    update->events.push_back(event);
    TrainingExample example;
    example.document_type = "delivery_note";
    example.canonical_json = "{}";
    example.pointers_json = "[]";
    example.validated_by = "ana";
    example.validated_at = "2026-03-02T08:00:00Z";
    update->training_example = example;
    return Status::Ok();
  });
  ASSERT_TRUE(edited.ok()) << edited.ToString();
  auto loaded = reviews()->LoadReviewDocument(id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->state.has_value());
  EXPECT_EQ(loaded->state->status, "validated");
  EXPECT_FALSE(loaded->extraction.has_value());  // the state holds the current values
  auto events = reviews()->ListReviewEvents(id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].before_json, "null");
  EXPECT_EQ((*events)[0].page, 1);
  EXPECT_EQ((*events)[0].box_json, "[1,2,3,4]");
  auto examples = reviews()->ListTrainingExamples(10, 0);
  ASSERT_TRUE(examples.ok());
  ASSERT_EQ(examples->size(), 1u);
  EXPECT_EQ((*examples)[0].document_id, id);

  EXPECT_EQ(
      reviews()->EditReview(id + 100, [](const ReviewDocumentRecord&, ReviewUpdate*) { return Status::Ok(); }).code(),
      StatusCode::kNotFound);
  EXPECT_EQ(reviews()->ListReviewEvents(id + 100).status().code(), StatusCode::kNotFound);
}

TEST_P(ReviewStoreConformance, SearchWorksOutStatusFromExtractionAndFilters) {
  const int64_t needs = AddDocument(
      "bl-1.pdf",
      R"({"document_type":"delivery_note","supplier":{"name":"ACME SAS"},"fields":{"po_number":{"value":"4500012345"}}})",
      true);
  const int64_t accepted =
      AddDocument("bl-2.pdf", R"({"document_type":"delivery_note","supplier":{"name":"Brico"},"fields":{}})", false);
  const int64_t unread = AddDocument("nothing.pdf", "", true);

  ReviewSearchFilter all;
  auto page = reviews()->SearchReviews(all);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->total, 3);
  EXPECT_EQ(page->documents[0].document.id, unread);  // newest first
  EXPECT_EQ(page->documents[0].status, "needs_review");
  EXPECT_EQ(page->documents[1].status, "auto_accepted");
  EXPECT_EQ(page->documents[2].supplier, "ACME SAS");

  ReviewSearchFilter queue;
  queue.status = "needs_review";
  queue.oldest_first = true;
  page = reviews()->SearchReviews(queue);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->documents.size(), 2u);
  EXPECT_EQ(page->documents[0].document.id, needs);

  ReviewSearchFilter by_supplier;
  by_supplier.supplier = "acme";
  page = reviews()->SearchReviews(by_supplier);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->documents[0].document.id, needs);

  ReviewSearchFilter by_value;
  by_value.text = "00123";
  page = reviews()->SearchReviews(by_value);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->documents[0].document.id, needs);

  ReviewSearchFilter by_name;
  by_name.text = "BL-2";
  page = reviews()->SearchReviews(by_name);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->documents[0].document.id, accepted);

  ReviewSearchFilter bad;
  bad.limit = 0;
  EXPECT_EQ(reviews()->SearchReviews(bad).status().code(), StatusCode::kInvalidArgument);
}

// The list and the queue follow every change of a document at once: a
// person's new values (the old one is no longer found), its status, a refusal;
// the search folds accents, takes two characters and quotes; sorting puts
// empty values last.
TEST_P(ReviewStoreConformance, SearchFollowsEveryChangeOfADocument) {
  const int64_t first = AddDocument(
      "Fût-1.pdf",
      R"({"document_type":"delivery_note","supplier":{"name":"Solvants de l'Isère"},"fields":{"po_number":{"value":"PO-77"}}})",
      true);
  const int64_t second = AddDocument("b.pdf", R"({"document_type":"delivery_note","fields":{}})", true);
  auto search = [&](auto fill) {
    ReviewSearchFilter filter;
    fill(filter);
    auto page = reviews()->SearchReviews(filter);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<int64_t> ids;
    if (page.ok())
      for (const ReviewSummaryRecord& summary : page->documents) ids.push_back(summary.document.id);
    return ids;
  };
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.text = "isere"; }), Ids{});  // the supplier is not a value
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.supplier = "ISERE"; }), Ids{first});
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.text = "fut-1"; }), Ids{first});
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.text = "77"; }), Ids{first});
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.text = "O\"Ne"; }), Ids{});
  EXPECT_EQ(search([](ReviewSearchFilter& f) {
              f.sort = ReviewSearchFilter::Sort::kFile;
              f.descending = false;
            }),
            (Ids{second, first}));  // "b.pdf" before "Fût-1.pdf", accents folded
  EXPECT_EQ(search([](ReviewSearchFilter& f) {
              f.sort = ReviewSearchFilter::Sort::kSupplier;
              f.descending = false;
            }),
            (Ids{first, second}));
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.sort = ReviewSearchFilter::Sort::kSupplier; }),
            (Ids{first, second}));  // empty values last either way
  for (int offset = 0; offset < 3; ++offset) {  // pages that cross from the values to the empty ones
    const Ids expected = offset < 2 ? Ids{offset == 0 ? first : second} : Ids{};
    EXPECT_EQ(search([&](ReviewSearchFilter& f) {
                f.sort = ReviewSearchFilter::Sort::kSupplier;
                f.descending = false;
                f.limit = 1;
                f.offset = offset;
              }),
              expected)
        << "offset " << offset;
  }

  Status edited = reviews()->EditReview(second, [](const ReviewDocumentRecord&, ReviewUpdate* update) {
    Status status = Validate("ana", update);
    update->state.supplier = "O\"Neil & Co";
    update->state.search_values = {{"po_number", "PO-12"}, {"delivery_note_number", "BL 9"}};
    return status;
  });
  ASSERT_TRUE(edited.ok()) << edited.ToString();
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.text = "po-12"; }), Ids{second});
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.supplier = "o\"neil"; }), Ids{second});
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.status = "validated"; }), Ids{second});
  EXPECT_EQ(search([](ReviewSearchFilter& f) {
              f.sort = ReviewSearchFilter::Sort::kPoNumber;
              f.descending = false;
            }),
            (Ids{second, first}));
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.sort = ReviewSearchFilter::Sort::kDocumentNumber; }),
            (Ids{second, first}));

  Status corrected = reviews()->EditReview(second, [](const ReviewDocumentRecord& current, ReviewUpdate* update) {
    update->state = *current.state;
    update->state.search_values = {{"po_number", "PO-13"}};
    return Status::Ok();
  });
  ASSERT_TRUE(corrected.ok()) << corrected.ToString();
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.text = "po-12"; }), Ids{});
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.text = "po-13"; }), Ids{second});

  ASSERT_TRUE(store_->documents()->MarkRefused(first, "not a PDF").ok());
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.status = "refused"; }), Ids{first});
  EXPECT_EQ(search([](ReviewSearchFilter& f) { f.status = "needs_review"; }), Ids{});
}

// A validation's learn job is written with its training example, so a process
// that ends before learning leaves the lesson to a worker; a reopening takes
// back the example, the layout example and the learn job not yet run.
// The search's text is a plain substring of a folded file name or value,
// whatever its length, case and accents: LIKE's and FTS5's special characters
// (%, _, \, quotes) are taken as they are, spaces are part of it.
TEST_P(ReviewStoreConformance, SearchTakesItsTextLiterally) {
  const int64_t first = AddDocument(
      "Œuvre_100%.pdf", R"({"document_type":"delivery_note","fields":{"a":{"value":"Château de l'Isère"}}})", true);
  const int64_t second = AddDocument(
      "plain.pdf", R"({"document_type":"delivery_note","fields":{"a":{"value":"1000 pieces"},"b":{"value":"C:\\lot"}}})",
      true);
  auto search = [&](const std::string& text) {
    ReviewSearchFilter filter;
    filter.text = text;
    auto page = reviews()->SearchReviews(filter);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<int64_t> ids;
    if (!page.ok()) return ids;
    for (const ReviewSummaryRecord& summary : page->documents) ids.push_back(summary.document.id);
    EXPECT_EQ(page->total, static_cast<int64_t>(ids.size())) << text;
    return ids;
  };
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(search("ŒUVRE"), Ids{first});
  EXPECT_EQ(search("CHÂTEAU DE L'ISÈRE"), Ids{first});
  EXPECT_EQ(search("u de l'i"), Ids{first});  // across words
  EXPECT_EQ(search("%"), Ids{first});
  EXPECT_EQ(search("0%.p"), Ids{first});
  EXPECT_EQ(search("_1"), Ids{first});
  EXPECT_EQ(search("1_0"), Ids{});  // not "100"
  EXPECT_EQ(search("1%0"), Ids{});
  EXPECT_EQ(search("\\l"), Ids{second});
  EXPECT_EQ(search("c:\\\\lot"), Ids{second});
  EXPECT_EQ(search("10"), (Ids{second, first}));  // two characters, newest first
  EXPECT_EQ(search("PI"), Ids{second});
  EXPECT_EQ(search("H"), Ids{first});  // one character
  EXPECT_EQ(search("'"), Ids{first});
  EXPECT_EQ(search("\"lot"), Ids{});
  EXPECT_EQ(search("isère!"), Ids{});
}

TEST_P(ReviewStoreConformance, AValidationQueuesItsLearnJobAndAReopeningWithdrawsItsLessons) {
  const int64_t id = AddDocument("bl.pdf", R"({"document_type":"delivery_note","fields":{}})", true);
  Status refused = reviews()->EditReview(id, [](const ReviewDocumentRecord&, ReviewUpdate* update) {
    (void)Validate("ana", update);
    return Status::Internal("the desk failed after filling the update");
  });
  EXPECT_FALSE(refused.ok());
  EXPECT_TRUE(LearnJobs(id).empty());

  ASSERT_TRUE(reviews()->EditReview(id, [](const ReviewDocumentRecord&, ReviewUpdate* update) {
    return Validate("ana", update);
  }).ok());
  std::vector<JobRecord> jobs = LearnJobs(id);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].state, JobState::kQueued);
  LayoutExampleRecord layout{id, 0, "delivery_note", "{}", ""};
  ASSERT_TRUE(store_->learning()->SaveLayoutExample(layout).ok());

  Status reopened = reviews()->EditReview(id, [](const ReviewDocumentRecord& current, ReviewUpdate* update) {
    update->state = *current.state;
    update->state.status = "needs_review";
    StoredReviewEvent event;
    event.user = "bob";
    event.action = "reopened";
    update->events.push_back(event);
    update->remove_training_example = true;
    return Status::Ok();
  });
  ASSERT_TRUE(reopened.ok()) << reopened.ToString();
  auto example = reviews()->FindTrainingExample(id);
  ASSERT_TRUE(example.ok());
  EXPECT_FALSE(example->has_value());
  auto layouts = store_->learning()->ListLayoutExamples(0, "delivery_note", 10);
  ASSERT_TRUE(layouts.ok());
  EXPECT_TRUE(layouts->empty());
  jobs = LearnJobs(id);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].state, JobState::kDone);
}

// Two reviewers on one document through two processes: each edit reads what
// the one before wrote, so no event and no correction is lost, and each
// event's `before` is the previous one's `after`.
TEST_P(ReviewStoreConformance, EditsOfOneDocumentFromTwoConnectionsAreSerialised) {
  const int64_t id = AddDocument("bl.pdf", R"({"document_type":"delivery_note","fields":{}})", true);
  std::unique_ptr<StoreUnderTest> other = Connect();
  ASSERT_NE(other, nullptr);
  constexpr int kEditsEach = 25;
  std::atomic<int> failures{0};
  auto edit = [&](ReviewStore* store, const std::string& user) {
    for (int i = 0; i < kEditsEach; ++i) {
      Status edited = store->EditReview(id, [&](const ReviewDocumentRecord& current, ReviewUpdate* update) {
        int count = 0;
        if (current.state.has_value()) std::sscanf(current.state->values_json.c_str(), "{\"count\":%d}", &count);
        update->state.status = "needs_review";
        update->state.document_type = "delivery_note";
        update->state.values_json = "{\"count\":" + std::to_string(count + 1) + "}";
        update->state.updated_by = user;
        StoredReviewEvent event;
        event.user = user;
        event.action = "field_corrected";
        event.field = "count";
        event.before_json = std::to_string(count);
        event.after_json = std::to_string(count + 1);
        update->events.push_back(event);
        return Status::Ok();
      });
      if (!edited.ok()) ++failures;
    }
  };
  std::thread first(edit, reviews(), "ana");
  std::thread second(edit, other->reviews(), "bob");
  first.join();
  second.join();
  EXPECT_EQ(failures.load(), 0);

  auto loaded = reviews()->LoadReviewDocument(id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->state.has_value());
  EXPECT_EQ(loaded->state->values_json, "{\"count\":" + std::to_string(2 * kEditsEach) + "}");
  auto events = reviews()->ListReviewEvents(id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), static_cast<size_t>(2 * kEditsEach));
  for (size_t i = 0; i < events->size(); ++i) {
    EXPECT_EQ((*events)[i].before_json, std::to_string(i)) << "event " << i;
    EXPECT_EQ((*events)[i].after_json, std::to_string(i + 1)) << "event " << i;
    if (i > 0) {
      EXPECT_GT((*events)[i].id, (*events)[i - 1].id);
    }
  }
}

}  // namespace quai
