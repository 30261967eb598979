#include "isolate/isolated_reader.h"

#include <gtest/gtest.h>

#include <chrono>

#include "fixtures/fixtures.h"
#include "intake/type_sniffer.h"
#include "isolate/in_process_reader.h"
#include "isolate/reader_pool.h"
#include "ocr/ocr_engine.h"
#include "support/hostile_pdf.h"

namespace quai {
namespace {

using testing::FieldTreeBombPdf;
using testing::ReadFixture;

Options ReaderOptions() {
  Options options;
  options.reader_program = QUAI_TEST_READER;
  return options;
}

std::shared_ptr<const std::string> Fixture(const std::string& name) {
  return std::make_shared<const std::string>(ReadFixture(name));
}

std::string Text(const Page& page) {
  std::string text;
  for (const Word& word : page.words) text += word.text + " ";
  return text;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(IsolatedReader, ReadsWhatTheInProcessReaderReads) {
  IsolatedReader isolated(ReaderOptions());
  OcrOptions ocr;
  InProcessReader local([ocr] { return NewTesseractEngine(ocr); }, PagePreparation{}, IntakeLimits{});
  for (const char* name : {"text-layer.pdf", "three-pages.pdf", "scan-200dpi.png"}) {
    SCOPED_TRACE(name);
    auto bytes = Fixture(name);
    auto pages = isolated.Open(bytes, SniffMediaType(*bytes), name);
    ASSERT_TRUE(pages.ok()) << pages.status().message();
    auto expected_pages = local.Open(bytes, SniffMediaType(*bytes), name);
    ASSERT_TRUE(expected_pages.ok());
    ASSERT_EQ(*pages, *expected_pages);
    for (int i = 0; i < *pages; ++i) {
      auto page = isolated.ReadPage(i);
      auto expected = local.ReadPage(i);
      ASSERT_TRUE(page.ok()) << page.status().message();
      ASSERT_TRUE(expected.ok());
      EXPECT_EQ(Text(*page), Text(*expected));
      EXPECT_EQ(page->text_source, expected->text_source);
      EXPECT_EQ(page->number, i + 1);
      ASSERT_EQ(page->words.size(), expected->words.size());
      EXPECT_NEAR(page->words.front().box.x0, expected->words.front().box.x0, 0.01);
    }
  }
}

TEST(IsolatedReader, RefusesWhatCannotBeOpenedWithTheSameCause) {
  IsolatedReader isolated(ReaderOptions());
  OcrOptions ocr;
  InProcessReader local([ocr] { return NewTesseractEngine(ocr); }, PagePreparation{}, IntakeLimits{});
  for (const char* name : {"corrupt.pdf", "password-is-test.pdf", "truncated.png"}) {
    SCOPED_TRACE(name);
    auto bytes = Fixture(name);
    auto expected = local.Open(bytes, SniffMediaType(*bytes), name);
    auto opened = isolated.Open(bytes, SniffMediaType(*bytes), name);
    if (!expected.ok()) {
      ASSERT_FALSE(opened.ok());
      EXPECT_EQ(opened.status().code(), expected.status().code());
      EXPECT_EQ(opened.status().message(), expected.status().message());
    } else {
      ASSERT_TRUE(opened.ok());
      auto page = isolated.ReadPage(0);
      auto local_page = local.ReadPage(0);
      EXPECT_EQ(page.ok(), local_page.ok());
      if (!page.ok()) EXPECT_EQ(page.status().message(), local_page.status().message());
    }
  }
}

TEST(IsolatedReader, RepeatsLibraryMessagesWithTheFilesName) {
  IsolatedReader reader(ReaderOptions());
  ::testing::internal::CaptureStderr();
  auto opened = reader.Open(Fixture("truncated.png"), MediaType::kPng, "scanner-042.png");
  Status read = opened.ok() ? reader.ReadPage(0).status() : opened.status();
  std::string messages = ::testing::internal::GetCapturedStderr();
  EXPECT_FALSE(read.ok());
  EXPECT_NE(messages.find("quai: scanner-042.png: libpng error"), std::string::npos) << messages;
}

TEST(IsolatedReader, StopsAFileThatNeverEndsAndGoesOnWithTheNext) {
  Options options = ReaderOptions();
  options.limits.max_seconds_per_page = 3;
  options.limits.max_seconds_to_open = 3;
  IsolatedReader reader(options);
  auto hostile = std::make_shared<const std::string>(FieldTreeBombPdf());
  ASSERT_LT(hostile->size(), 3000u);
  auto start = std::chrono::steady_clock::now();
  auto pages = reader.Open(hostile, MediaType::kPdf, "fields.pdf");
  Status failure = pages.ok() ? reader.ReadPage(0).status() : pages.status();
  ASSERT_FALSE(failure.ok());
  // Stopped by the clock, or by the memory limit if that comes first.
  EXPECT_TRUE(failure.message().find("longer than the limit of 3 s") != std::string::npos ||
              failure.message().find("memory") != std::string::npos)
      << failure.message();
  EXPECT_LT(SecondsSince(start), 15);

  auto good = Fixture("text-layer.pdf");
  auto next = reader.Open(good, MediaType::kPdf, "text-layer.pdf");
  ASSERT_TRUE(next.ok()) << next.status().message();
  auto page = reader.ReadPage(0);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_NE(Text(*page).find("4500012345"), std::string::npos);
}

// A page of 70 megapixels is under the pixel limit, but reading it needs far
// more than a child allowed 300 MiB has: refused for its memory, and the
// reader goes on.
TEST(IsolatedReader, RefusesAFileThatNeedsMoreMemoryThanAllowed) {
  Options options = ReaderOptions();
  options.limits.max_reader_memory_mib = 300;
  IsolatedReader reader(options);
  PixPtr big(pixCreate(8300, 8300, 8));
  pixSetAllArbitrary(big.get(), 255);
  l_uint8* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(pixWriteMemPng(&data, &size, big.get(), 0), 0);
  auto png = std::make_shared<const std::string>(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  auto pages = reader.Open(png, MediaType::kPng, "big.png");
  Status failure = pages.ok() ? reader.ReadPage(0).status() : pages.status();
  ASSERT_FALSE(failure.ok());
  EXPECT_NE(failure.message().find("memory"), std::string::npos) << failure.message();

  auto good = Fixture("text-layer.pdf");
  ASSERT_TRUE(reader.Open(good, MediaType::kPdf, "text-layer.pdf").ok());
  EXPECT_TRUE(reader.ReadPage(0).ok());
}

TEST(IsolatedReader, DrawsPagesAtTheAskedResolution) {
  IsolatedReader reader(ReaderOptions());
  auto bytes = Fixture("text-layer.pdf");
  ASSERT_TRUE(reader.Open(bytes, MediaType::kPdf, "text-layer.pdf").ok());
  auto image = reader.RenderPage(0, 72);
  ASSERT_TRUE(image.ok()) << image.status().message();
  EXPECT_NEAR(pixGetWidth(image->pix.get()), 595, 2);
  EXPECT_NEAR(pixGetHeight(image->pix.get()), 842, 2);
  EXPECT_EQ(image->dpi, 72);
  // Not blank: the text is drawn.
  l_float32 mean = 255;
  pixGetAverageMasked(image->pix.get(), nullptr, 0, 0, 1, L_MEAN_ABSVAL, &mean);
  EXPECT_LT(mean, 254.5);
  EXPECT_FALSE(reader.RenderPage(5, 72).ok());
}

TEST(IsolatedReader, NamesAProgramThatDoesNotStart) {
  Options options;
  options.reader_program = "/nonexistent/quai";
  IsolatedReader reader(options);
  auto opened = reader.Open(Fixture("text-layer.pdf"), MediaType::kPdf, "text-layer.pdf");
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("/nonexistent/quai"), std::string::npos) << opened.status().message();
  EXPECT_EQ(opened.status().code(), StatusCode::kInternal);
}

TEST(ReaderPool, KeepsReadersBetweenUses) {
  int made = 0;
  ReaderPool pool(
      [&] {
        ++made;
        return std::make_unique<IsolatedReader>(ReaderOptions());
      },
      1);
  for (int i = 0; i < 3; ++i) {
    ReaderPool::Lease reader(&pool);
    ASSERT_TRUE(reader->Open(Fixture("text-layer.pdf"), MediaType::kPdf, "text-layer.pdf").ok());
  }
  EXPECT_EQ(made, 1);
  {
    ReaderPool::Lease first(&pool);
    ReaderPool::Lease second(&pool);
  }
  EXPECT_EQ(made, 2);
}

}  // namespace
}  // namespace quai
