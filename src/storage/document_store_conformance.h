// The DocumentStore contract (document_store.h) as tests every backend must
// pass: documents, pages and extractions, each call whole or not at all, and
// two connections (two processes) on one store. Include it in a backend's
// test file and instantiate it with a factory (store_under_test.h).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "storage/document_store.h"
#include "storage/store_under_test.h"

namespace quai {

class DocumentStoreConformance : public StoreConformanceTest {
 protected:
  // 2026-11-21T10:04:05Z
  DocumentStoreConformance()
      : StoreConformanceTest(std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} + std::chrono::hours(10) +
                             std::chrono::minutes(4) + std::chrono::seconds(5)) {}

  DocumentStore* documents() { return store_->documents(); }

  // A 64-digit lowercase hex string that starts with `prefix` and ends with `n`.
  static std::string Sha(const std::string& prefix, int n) {
    char tail[65];
    std::snprintf(tail, sizeof(tail), "%064x", n);
    return prefix + std::string(tail).substr(prefix.size());
  }

  static DocumentRecord Record(const std::string& sha256, const std::string& name = "invoice.pdf") {
    DocumentRecord record;
    record.sha256 = sha256;
    record.original_name = name;
    record.source = "cli";
    record.media_type = MediaType::kPdf;
    record.size_bytes = 12345;
    return record;
  }

  static Page MakePage(int number, int word_count, TextSource source = TextSource::kTextLayer) {
    Page page;
    page.number = number;
    page.width = 595.28;
    page.height = 841.89;
    page.text_source = source;
    for (int i = 0; i < word_count; ++i) {
      Word word;
      word.text = "w" + std::to_string(number) + "_" + std::to_string(i);
      word.box = Box{10.0 + i, 20.0 + number, 30.5 + i, 40.25 + number};
      word.confidence = 1.0;
      word.block = i / 100;
      word.line = i / 10;
      page.words.push_back(word);
    }
    return page;
  }

  static StoredExtraction Extraction(int64_t document_id, const std::string& model_version,
                                     const std::string& result_json = "{\"type\":\"invoice\"}",
                                     const std::string& document_type = "invoice", bool review_required = true) {
    StoredExtraction extraction;
    extraction.document_id = document_id;
    extraction.model_version = model_version;
    extraction.result_json = result_json;
    extraction.document_type = document_type;
    extraction.review_required = review_required;
    return extraction;
  }

  static std::vector<std::string> ModelVersions(const Result<std::vector<StoredExtraction>>& listed) {
    std::vector<std::string> out;
    if (listed.ok()) {
      for (const StoredExtraction& extraction : *listed) out.push_back(extraction.model_version);
    }
    return out;
  }

  int64_t Add(const std::string& sha256, const std::string& name = "invoice.pdf") {
    Result<int64_t> id = documents()->AddDocument(Record(sha256, name));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  DocumentRecord Find(int64_t id) {
    Result<std::optional<DocumentRecord>> found = documents()->FindDocument(id);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_TRUE(found.ok() && found->has_value());
    return found.ok() && found->has_value() ? **found : DocumentRecord();
  }
};

TEST_P(DocumentStoreConformance, AddDocumentRecordsReceivedWithClockTimestamps) {
  DocumentRecord record = Record(Sha("ab", 1));
  record.id = 99;
  record.status = DocumentStatus::kProcessed;
  record.page_count = 7;
  record.error = "ignored";
  Result<int64_t> id = documents()->AddDocument(record);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_NE(*id, 99);

  DocumentRecord stored = Find(*id);
  EXPECT_EQ(stored.id, *id);
  EXPECT_EQ(stored.sha256, record.sha256);
  EXPECT_EQ(stored.original_name, "invoice.pdf");
  EXPECT_EQ(stored.source, "cli");
  EXPECT_EQ(stored.media_type, MediaType::kPdf);
  EXPECT_EQ(stored.size_bytes, 12345);
  EXPECT_EQ(stored.page_count, 0);
  EXPECT_EQ(stored.status, DocumentStatus::kReceived);
  EXPECT_EQ(stored.error, "");
  EXPECT_EQ(stored.created_at, "2026-11-21T10:04:05Z");
  EXPECT_EQ(stored.updated_at, "2026-11-21T10:04:05Z");
}

TEST_P(DocumentStoreConformance, RejectsSecondDocumentWithSameSha256) {
  const std::string sha = Sha("cafe", 1);
  int64_t first = Add(sha, "first.pdf");
  Result<int64_t> second = documents()->AddDocument(Record(sha, "second.pdf"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kAlreadyExists);

  Result<std::optional<DocumentRecord>> found = documents()->FindDocumentBySha256(sha);
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, first);
  EXPECT_EQ((*found)->original_name, "first.pdf");
  Result<std::vector<DocumentRecord>> all = documents()->ListDocuments({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

TEST_P(DocumentStoreConformance, RejectsSha256ThatIsNotLowercaseHex) {
  for (const std::string& sha : {std::string(), std::string(64, 'A'), std::string("xyz")}) {
    Result<int64_t> id = documents()->AddDocument(Record(sha));
    ASSERT_FALSE(id.ok()) << sha;
    EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST_P(DocumentStoreConformance, FindsNothingForUnknownIdOrSha256) {
  Add(Sha("1", 1));
  Result<std::optional<DocumentRecord>> by_id = documents()->FindDocument(424242);
  ASSERT_TRUE(by_id.ok());
  EXPECT_FALSE(by_id->has_value());
  Result<std::optional<DocumentRecord>> by_sha = documents()->FindDocumentBySha256(Sha("2", 2));
  ASSERT_TRUE(by_sha.ok());
  EXPECT_FALSE(by_sha->has_value());
}

TEST_P(DocumentStoreConformance, FindsBySha256Prefix) {
  Add(Sha("abc1", 1));
  Add(Sha("abc2", 2));
  Add(Sha("abd0", 3));
  Add(Sha("ab", 4));

  Result<std::vector<DocumentRecord>> found = documents()->FindDocumentsBySha256Prefix("abc", 10);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].sha256, Sha("abc1", 1));
  EXPECT_EQ((*found)[1].sha256, Sha("abc2", 2));

  Result<std::vector<DocumentRecord>> upper = documents()->FindDocumentsBySha256Prefix("ABD", 10);
  ASSERT_TRUE(upper.ok());
  ASSERT_EQ(upper->size(), 1u);
  EXPECT_EQ((*upper)[0].sha256, Sha("abd0", 3));

  Result<std::vector<DocumentRecord>> limited = documents()->FindDocumentsBySha256Prefix("ab", 3);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->size(), 3u);

  Result<std::vector<DocumentRecord>> whole = documents()->FindDocumentsBySha256Prefix(Sha("ab", 4), 10);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->size(), 1u);

  Result<std::vector<DocumentRecord>> none = documents()->FindDocumentsBySha256Prefix("f", 10);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(DocumentStoreConformance, RefusesSha256PrefixThatIsNotHex) {
  for (const std::string& prefix : {std::string(), std::string("%"), std::string("ab_")}) {
    Result<std::vector<DocumentRecord>> found = documents()->FindDocumentsBySha256Prefix(prefix, 10);
    ASSERT_FALSE(found.ok()) << prefix;
    EXPECT_EQ(found.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST_P(DocumentStoreConformance, SavePagesRoundTripsWordsAndBoxes) {
  int64_t id = Add(Sha("d0c", 1));
  std::vector<Page> pages;
  Page scanned;
  scanned.number = 2;
  scanned.width = 612;
  scanned.height = 792;
  scanned.dpi = 300;
  scanned.rotation = 90;
  scanned.skew_degrees = -0.75;
  scanned.text_source = TextSource::kOcr;
  scanned.words = {
      Word{"Rechnung", Box{72.5, 100.125, 150.0, 112.0}, 0.93, 0, 0},
      Word{"Nº 2026-17", Box{160.0, 100.0, 230.75, 112.5}, 0.5, 0, 0},
      Word{"Total €", Box{72.0, 700.0, 120.0, 712.0}, 0.875, 3, 7},
  };
  pages.push_back(MakePage(1, 5));
  pages.push_back(scanned);
  pages.push_back(MakePage(3, 0));
  ASSERT_TRUE(documents()->SavePages(id, pages).ok());

  Result<std::vector<Page>> loaded = documents()->LoadPages(id);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->size(), 3u);
  for (size_t p = 0; p < pages.size(); ++p) {
    const Page& want = pages[p];
    const Page& got = (*loaded)[p];
    EXPECT_EQ(got.number, want.number);
    EXPECT_DOUBLE_EQ(got.width, want.width);
    EXPECT_DOUBLE_EQ(got.height, want.height);
    EXPECT_EQ(got.dpi, want.dpi);
    EXPECT_EQ(got.rotation, want.rotation);
    EXPECT_DOUBLE_EQ(got.skew_degrees, want.skew_degrees);
    EXPECT_EQ(got.text_source, want.text_source);
    ASSERT_EQ(got.words.size(), want.words.size()) << "page " << want.number;
    for (size_t w = 0; w < want.words.size(); ++w) {
      EXPECT_EQ(got.words[w].text, want.words[w].text);
      EXPECT_DOUBLE_EQ(got.words[w].box.x0, want.words[w].box.x0);
      EXPECT_DOUBLE_EQ(got.words[w].box.y0, want.words[w].box.y0);
      EXPECT_DOUBLE_EQ(got.words[w].box.x1, want.words[w].box.x1);
      EXPECT_DOUBLE_EQ(got.words[w].box.y1, want.words[w].box.y1);
      EXPECT_DOUBLE_EQ(got.words[w].confidence, want.words[w].confidence);
      EXPECT_EQ(got.words[w].block, want.words[w].block);
      EXPECT_EQ(got.words[w].line, want.words[w].line);
    }
  }
}

TEST_P(DocumentStoreConformance, LoadPagesReturnsPagesInNumberOrder) {
  int64_t id = Add(Sha("e", 1));
  ASSERT_TRUE(documents()->SavePages(id, {MakePage(3, 2), MakePage(1, 2), MakePage(2, 2)}).ok());
  Result<std::vector<Page>> loaded = documents()->LoadPages(id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*loaded)[i].number, i + 1);
    EXPECT_EQ((*loaded)[i].words[0].text, "w" + std::to_string(i + 1) + "_0");
  }
}

TEST_P(DocumentStoreConformance, LoadPageReadsOnePageWithOnlyItsWords) {
  int64_t id = Add(Sha("d0d", 1));
  ASSERT_TRUE(documents()->SavePages(id, {MakePage(1, 5), MakePage(2, 3), MakePage(3, 0)}).ok());
  auto second = documents()->LoadPage(id, 2);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_TRUE(second->has_value());
  EXPECT_EQ((*second)->number, 2);
  EXPECT_EQ((*second)->words.size(), 3u);
  auto empty_page = documents()->LoadPage(id, 3);
  ASSERT_TRUE(empty_page.ok() && empty_page->has_value());
  EXPECT_TRUE((*empty_page)->words.empty());
  auto missing = documents()->LoadPage(id, 4);
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  EXPECT_EQ(documents()->LoadPage(id + 100, 1).status().code(), StatusCode::kNotFound);
}

TEST_P(DocumentStoreConformance, SavePagesMarksProcessedCountsPagesAndClearsError) {
  int64_t id = Add(Sha("f00", 1));
  ASSERT_TRUE(documents()->MarkRefused(id, "first try timed out").ok());
  clock_.Advance(std::chrono::seconds(90));
  ASSERT_TRUE(documents()->SavePages(id, {MakePage(1, 3), MakePage(2, 3)}).ok());
  DocumentRecord stored = Find(id);
  EXPECT_EQ(stored.status, DocumentStatus::kProcessed);
  EXPECT_EQ(stored.page_count, 2);
  EXPECT_EQ(stored.error, "");
  EXPECT_EQ(stored.created_at, "2026-11-21T10:04:05Z");
  EXPECT_EQ(stored.updated_at, "2026-11-21T10:05:35Z");
}

TEST_P(DocumentStoreConformance, SavePagesReplacesEarlierPages) {
  int64_t id = Add(Sha("a", 1));
  ASSERT_TRUE(documents()->SavePages(id, {MakePage(1, 4), MakePage(2, 4), MakePage(3, 4)}).ok());
  ASSERT_TRUE(documents()->SavePages(id, {MakePage(1, 2)}).ok());
  Result<std::vector<Page>> loaded = documents()->LoadPages(id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0].words.size(), 2u);
  EXPECT_EQ(Find(id).page_count, 1);
}

TEST_P(DocumentStoreConformance, SavePagesKeepsOtherDocumentsPages) {
  int64_t first = Add(Sha("1", 1));
  int64_t second = Add(Sha("2", 2));
  ASSERT_TRUE(documents()->SavePages(first, {MakePage(1, 3)}).ok());
  ASSERT_TRUE(documents()->SavePages(second, {MakePage(1, 5)}).ok());
  Result<std::vector<Page>> loaded = documents()->LoadPages(first);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0].words.size(), 3u);
}

TEST_P(DocumentStoreConformance, SavePagesForUnknownDocumentIsNotFound) {
  Status saved = documents()->SavePages(777, {MakePage(1, 1)});
  EXPECT_EQ(saved.code(), StatusCode::kNotFound);
}

TEST_P(DocumentStoreConformance, SavePagesWithDuplicatePageNumbersChangesNothing) {
  int64_t id = Add(Sha("b", 1));
  ASSERT_TRUE(documents()->SavePages(id, {MakePage(1, 2)}).ok());
  Status duplicate = documents()->SavePages(id, {MakePage(1, 1), MakePage(1, 1)});
  EXPECT_EQ(duplicate.code(), StatusCode::kInvalidArgument);
  Status zero = documents()->SavePages(id, {MakePage(0, 1)});
  EXPECT_EQ(zero.code(), StatusCode::kInvalidArgument);
  Result<std::vector<Page>> loaded = documents()->LoadPages(id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0].words.size(), 2u);
}

TEST_P(DocumentStoreConformance, MarkRefusedKeepsErrorAndDropsPages) {
  int64_t id = Add(Sha("dead", 1));
  ASSERT_TRUE(documents()->SavePages(id, {MakePage(1, 10), MakePage(2, 10)}).ok());
  clock_.Advance(std::chrono::hours(1));
  ASSERT_TRUE(documents()->MarkRefused(id, "invoice.pdf: encrypted PDF").ok());

  DocumentRecord stored = Find(id);
  EXPECT_EQ(stored.status, DocumentStatus::kRefused);
  EXPECT_EQ(stored.error, "invoice.pdf: encrypted PDF");
  EXPECT_EQ(stored.page_count, 0);
  EXPECT_EQ(stored.updated_at, "2026-11-21T11:04:05Z");
  Result<std::vector<Page>> loaded = documents()->LoadPages(id);
  ASSERT_TRUE(loaded.ok());
  EXPECT_TRUE(loaded->empty());
}

TEST_P(DocumentStoreConformance, MarkRefusedForUnknownDocumentIsNotFound) {
  EXPECT_EQ(documents()->MarkRefused(5, "no such").code(), StatusCode::kNotFound);
}

TEST_P(DocumentStoreConformance, ARefusedDocumentIsReadAgainWithANewReadJob) {
  int64_t id = Add(Sha("ab", 1));
  EXPECT_EQ(documents()->ReadAgain(id).code(), StatusCode::kFailedPrecondition);  // received, not refused
  ASSERT_TRUE(documents()->MarkRefused(id, "scan.pdf: truncated").ok());
  ASSERT_TRUE(documents()->ReadAgain(id).ok());
  DocumentRecord stored = Find(id);
  EXPECT_EQ(stored.status, DocumentStatus::kReceived);
  EXPECT_EQ(stored.error, "");
  auto counts = store_->jobs()->CountJobs();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->read.queued, 1);  // the new read job (the first one finished with the refusal)
  EXPECT_EQ(documents()->ReadAgain(id + 100).code(), StatusCode::kNotFound);
}

TEST_P(DocumentStoreConformance, OnlyARefusedDocumentIsDeletedAndItsJobsGoWithIt) {
  int64_t kept = Add(Sha("cd", 1));
  int64_t refused = Add(Sha("ce", 2));
  ASSERT_TRUE(documents()->SavePages(kept, {MakePage(1, 2)}).ok());
  EXPECT_EQ(documents()->DeleteRefused(kept).status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(documents()->MarkRefused(refused, "scan.pdf: encrypted PDF").ok());
  auto others = documents()->DeleteRefused(refused);
  ASSERT_TRUE(others.ok()) << others.status().ToString();
  EXPECT_EQ(*others, 0);
  auto gone = documents()->FindDocument(refused);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  JobFilter filter;
  filter.document_id = refused;
  auto jobs = store_->jobs()->ListJobs(filter);
  ASSERT_TRUE(jobs.ok());
  EXPECT_TRUE(jobs->empty());
  EXPECT_EQ(Find(kept).status, DocumentStatus::kProcessed);
  EXPECT_EQ(documents()->DeleteRefused(refused).status().code(), StatusCode::kNotFound);
}

TEST_P(DocumentStoreConformance, LoadPagesForUnknownDocumentIsNotFoundAndReceivedIsEmpty) {
  Result<std::vector<Page>> unknown = documents()->LoadPages(31337);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  int64_t id = Add(Sha("0", 1));
  Result<std::vector<Page>> received = documents()->LoadPages(id);
  ASSERT_TRUE(received.ok());
  EXPECT_TRUE(received->empty());
}

TEST_P(DocumentStoreConformance, ListNewestFirstFilteredByStatus) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 6; ++i) {
    ids.push_back(Add(Sha("", i + 1), "doc" + std::to_string(i) + ".pdf"));
    clock_.Advance(std::chrono::seconds(1));
  }
  ASSERT_TRUE(documents()->SavePages(ids[1], {MakePage(1, 1)}).ok());
  ASSERT_TRUE(documents()->SavePages(ids[3], {MakePage(1, 1)}).ok());
  ASSERT_TRUE(documents()->SavePages(ids[4], {MakePage(1, 1)}).ok());
  ASSERT_TRUE(documents()->MarkRefused(ids[2], "corrupt").ok());

  auto list_ids = [&](DocumentFilter filter) {
    Result<std::vector<DocumentRecord>> listed = documents()->ListDocuments(filter);
    EXPECT_TRUE(listed.ok()) << listed.status().ToString();
    std::vector<int64_t> out;
    if (listed.ok()) {
      for (const DocumentRecord& record : *listed) out.push_back(record.id);
    }
    return out;
  };

  EXPECT_EQ(list_ids({}), (std::vector<int64_t>{ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]}));
  EXPECT_EQ(list_ids({DocumentStatus::kProcessed, 100, 0}), (std::vector<int64_t>{ids[4], ids[3], ids[1]}));
  EXPECT_EQ(list_ids({DocumentStatus::kProcessed, 1, 1}), (std::vector<int64_t>{ids[3]}));
  EXPECT_EQ(list_ids({DocumentStatus::kRefused, 100, 0}), (std::vector<int64_t>{ids[2]}));
  EXPECT_EQ(list_ids({DocumentStatus::kReceived, 100, 0}), (std::vector<int64_t>{ids[5], ids[0]}));
  EXPECT_EQ(list_ids({std::nullopt, 2, 3}), (std::vector<int64_t>{ids[2], ids[1]}));
  EXPECT_EQ(list_ids({std::nullopt, 0, 0}), (std::vector<int64_t>{}));
  EXPECT_EQ(list_ids({std::nullopt, 10, 6}), (std::vector<int64_t>{}));
}

TEST_P(DocumentStoreConformance, ListRefusesNegativeLimitOrOffset) {
  EXPECT_EQ(documents()->ListDocuments({std::nullopt, -1, 0}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(documents()->ListDocuments({std::nullopt, 10, -1}).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(DocumentStoreConformance, ConcurrentSavePagesFromThreads) {
  constexpr int kThreads = 8;
  constexpr int kDocumentsPerThread = 6;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int d = 0; d < kDocumentsPerThread; ++d) {
        Result<int64_t> id = documents()->AddDocument(Record(Sha("", t * 100 + d + 1)));
        if (!id.ok()) {
          ++failures;
          continue;
        }
        if (!documents()->SavePages(*id, {MakePage(1, 40), MakePage(2, 40), MakePage(3, 40)}).ok()) ++failures;
        Result<std::vector<Page>> loaded = documents()->LoadPages(*id);
        if (!loaded.ok() || loaded->size() != 3u || (*loaded)[2].words.size() != 40u) ++failures;
        if (!documents()->ListDocuments({DocumentStatus::kProcessed, 5, 0}).ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);

  Result<std::vector<DocumentRecord>> processed = documents()->ListDocuments({DocumentStatus::kProcessed, 1000, 0});
  ASSERT_TRUE(processed.ok());
  EXPECT_EQ(processed->size(), static_cast<size_t>(kThreads * kDocumentsPerThread));
}

TEST_P(DocumentStoreConformance, TwoConnectionsShareWrites) {
  std::unique_ptr<StoreUnderTest> other = Connect();
  ASSERT_NE(other, nullptr);
  std::thread writer([&] {
    for (int i = 0; i < 20; ++i) EXPECT_TRUE(other->documents()->AddDocument(Record(Sha("b", i + 1))).ok());
  });
  for (int i = 0; i < 20; ++i) Add(Sha("a", i + 1));
  writer.join();
  Result<std::vector<DocumentRecord>> all = documents()->ListDocuments({std::nullopt, 100, 0});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 40u);
  Result<std::optional<DocumentRecord>> seen = documents()->FindDocumentBySha256(Sha("b", 20));
  ASSERT_TRUE(seen.ok());
  EXPECT_TRUE(seen->has_value());
}

TEST_P(DocumentStoreConformance, SavesExtractionFieldsAsGivenWithClockTimestamp) {
  int64_t id = Add(Sha("e1", 1));
  const std::string json = "{\"fields\":{\"total\":\"1 234,50 \\u20ac\",\"note\":\"l'\\\"été\\\"\"},\"lines\":[]}";
  StoredExtraction extraction = Extraction(id, "classifier-ab12+field-scorer-cd34", json, "receipt", false);
  extraction.created_at = "1999-01-01T00:00:00Z";  // ignored: the store stamps the time
  ASSERT_TRUE(documents()->SaveExtraction(extraction).ok());

  Result<std::optional<StoredExtraction>> latest = documents()->LatestExtraction(id);
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->document_id, id);
  EXPECT_EQ((*latest)->model_version, "classifier-ab12+field-scorer-cd34");
  EXPECT_EQ((*latest)->result_json, json);
  EXPECT_EQ((*latest)->document_type, "receipt");
  EXPECT_FALSE((*latest)->review_required);
  EXPECT_EQ((*latest)->created_at, "2026-11-21T10:04:05Z");
}

TEST_P(DocumentStoreConformance, SavesAndReplacesExtractionPerModelVersion) {
  int64_t id = Add(Sha("e2", 1));
  ASSERT_TRUE(documents()->SaveExtraction(Extraction(id, "model-a", "{\"run\":1}", "invoice", true)).ok());
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(documents()->SaveExtraction(Extraction(id, "model-b", "{\"run\":2}")).ok());
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(documents()->SaveExtraction(Extraction(id, "model-a", "{\"run\":3}", "receipt", false)).ok());

  Result<std::vector<StoredExtraction>> listed = documents()->ListExtractions(id);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 2u);
  // The replacement is the newest; model-b is untouched.
  EXPECT_EQ((*listed)[0].model_version, "model-a");
  EXPECT_EQ((*listed)[0].result_json, "{\"run\":3}");
  EXPECT_EQ((*listed)[0].document_type, "receipt");
  EXPECT_FALSE((*listed)[0].review_required);
  EXPECT_EQ((*listed)[0].created_at, "2026-11-21T10:06:05Z");
  EXPECT_EQ((*listed)[1].model_version, "model-b");
  EXPECT_EQ((*listed)[1].result_json, "{\"run\":2}");
  EXPECT_EQ((*listed)[1].created_at, "2026-11-21T10:05:05Z");
}

TEST_P(DocumentStoreConformance, LatestExtractionIsTheNewest) {
  int64_t id = Add(Sha("e3", 1));
  int64_t other = Add(Sha("e3", 2));
  ASSERT_TRUE(documents()->SaveExtraction(Extraction(id, "v1")).ok());
  clock_.Advance(std::chrono::hours(1));
  ASSERT_TRUE(documents()->SaveExtraction(Extraction(id, "v2")).ok());
  ASSERT_TRUE(documents()->SaveExtraction(Extraction(other, "v9")).ok());

  Result<std::optional<StoredExtraction>> latest = documents()->LatestExtraction(id);
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->model_version, "v2");
  EXPECT_EQ(ModelVersions(documents()->ListExtractions(id)), (std::vector<std::string>{"v2", "v1"}));
  EXPECT_EQ(ModelVersions(documents()->ListExtractions(other)), (std::vector<std::string>{"v9"}));
}

TEST_P(DocumentStoreConformance, LatestExtractionBreaksTimestampTiesByInsertionOrder) {
  int64_t id = Add(Sha("e4", 1));
  for (const char* version : {"v1", "v3", "v2"}) ASSERT_TRUE(documents()->SaveExtraction(Extraction(id, version)).ok());
  Result<std::optional<StoredExtraction>> latest = documents()->LatestExtraction(id);
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->model_version, "v2");
  EXPECT_EQ(ModelVersions(documents()->ListExtractions(id)), (std::vector<std::string>{"v2", "v3", "v1"}));

  // Replacing within the same second still makes the replacement the newest.
  ASSERT_TRUE(documents()->SaveExtraction(Extraction(id, "v1", "{\"again\":true}")).ok());
  EXPECT_EQ(ModelVersions(documents()->ListExtractions(id)), (std::vector<std::string>{"v1", "v2", "v3"}));
}

TEST_P(DocumentStoreConformance, LatestExtractionOrdersByTimestampBeforeInsertionOrder) {
  int64_t id = Add(Sha("e5", 1));
  clock_.Advance(std::chrono::hours(1));
  ASSERT_TRUE(documents()->SaveExtraction(Extraction(id, "later-clock")).ok());
  clock_.Advance(std::chrono::hours(-2));  // the wall clock was set back
  ASSERT_TRUE(documents()->SaveExtraction(Extraction(id, "earlier-clock")).ok());
  Result<std::optional<StoredExtraction>> latest = documents()->LatestExtraction(id);
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->model_version, "later-clock");
  EXPECT_EQ(ModelVersions(documents()->ListExtractions(id)),
            (std::vector<std::string>{"later-clock", "earlier-clock"}));
}

TEST_P(DocumentStoreConformance, DocumentWithoutExtractionsHasNoLatestAndAnEmptyList) {
  int64_t id = Add(Sha("e6", 1));
  Result<std::optional<StoredExtraction>> latest = documents()->LatestExtraction(id);
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_FALSE(latest->has_value());
  Result<std::vector<StoredExtraction>> listed = documents()->ListExtractions(id);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_TRUE(listed->empty());
}

TEST_P(DocumentStoreConformance, ExtractionOfUnknownDocumentIsNotFound) {
  Add(Sha("e7", 1));
  Status saved = documents()->SaveExtraction(Extraction(424242, "v1"));
  EXPECT_EQ(saved.code(), StatusCode::kNotFound);
  EXPECT_NE(saved.message().find("424242"), std::string::npos) << saved.message();
  EXPECT_EQ(documents()->LatestExtraction(424242).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(documents()->ListExtractions(424242).status().code(), StatusCode::kNotFound);
}

TEST_P(DocumentStoreConformance, SaveExtractionRefusesEmptyModelVersion) {
  int64_t id = Add(Sha("e8", 1));
  EXPECT_EQ(documents()->SaveExtraction(Extraction(id, "")).code(), StatusCode::kInvalidArgument);
}

TEST_P(DocumentStoreConformance, ExtractionsSurviveReopen) {
  int64_t id = Add(Sha("ea", 1));
  ASSERT_TRUE(documents()->SaveExtraction(Extraction(id, "v1", "{\"kept\":true}")).ok());
  ASSERT_TRUE(store_->Reopen());
  Result<std::optional<StoredExtraction>> latest = documents()->LatestExtraction(id);
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->result_json, "{\"kept\":true}");
}

TEST_P(DocumentStoreConformance, ConcurrentSaveExtractionsFromThreads) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 10;
  int64_t id = Add(Sha("eb", 1));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        // Every thread replaces its own model version again and again.
        StoredExtraction extraction = Extraction(id, "model-" + std::to_string(t), "{\"round\":" +
                                                                                   std::to_string(round) + "}");
        if (!documents()->SaveExtraction(extraction).ok()) ++failures;
        Result<std::optional<StoredExtraction>> latest = documents()->LatestExtraction(id);
        if (!latest.ok() || !latest->has_value()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  Result<std::vector<StoredExtraction>> listed = documents()->ListExtractions(id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), static_cast<size_t>(kThreads));
  for (const StoredExtraction& extraction : *listed) {
    EXPECT_EQ(extraction.result_json, "{\"round\":" + std::to_string(kRounds - 1) + "}") << extraction.model_version;
  }
}

// One file given to two processes at once (an upload and `quai ingest`): it
// is added once, with one read job, and the other is told it exists.
TEST_P(DocumentStoreConformance, TwoConnectionsAddingTheSameFilesAtOnceAddEachOnce) {
  std::unique_ptr<StoreUnderTest> other = Connect();
  ASSERT_NE(other, nullptr);
  constexpr int kFiles = 30;
  std::atomic<int> added{0}, exists{0}, failed{0};
  auto add_all = [&](DocumentStore* store) {
    for (int i = 0; i < kFiles; ++i) {
      Result<int64_t> id = store->AddDocument(Record(Sha("d0", i + 1)));
      if (id.ok()) {
        ++added;
      } else if (id.status().code() == StatusCode::kAlreadyExists) {
        ++exists;
      } else {
        ++failed;
      }
    }
  };
  std::thread first(add_all, documents());
  std::thread second(add_all, other->documents());
  first.join();
  second.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(added.load(), kFiles);
  EXPECT_EQ(exists.load(), kFiles);
  Result<std::vector<DocumentRecord>> all = documents()->ListDocuments({std::nullopt, 1000, 0});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), static_cast<size_t>(kFiles));
  Result<JobCounts> jobs = store_->jobs()->CountJobs();
  ASSERT_TRUE(jobs.ok());
  EXPECT_EQ(jobs->read.queued, kFiles);  // no job left behind by a refused add
}

}  // namespace quai
