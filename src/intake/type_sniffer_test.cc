#include "intake/type_sniffer.h"

#include <gtest/gtest.h>

#include "fixtures/fixtures.h"

namespace quai {
namespace {

using testing::ReadFixture;

TEST(TypeSniffer, RecognisesEachSupportedTypeByContent) {
  EXPECT_EQ(SniffMediaType(ReadFixture("text-layer.pdf")), MediaType::kPdf);
  EXPECT_EQ(SniffMediaType(ReadFixture("scan-200dpi.png")), MediaType::kPng);
  EXPECT_EQ(SniffMediaType(ReadFixture("scan-200dpi.jpg")), MediaType::kJpeg);
  EXPECT_EQ(SniffMediaType(ReadFixture("two-pages-g4.tif")), MediaType::kTiff);
}

TEST(TypeSniffer, IgnoresTheFileName) {
  EXPECT_EQ(SniffMediaType(ReadFixture("scan-named-as.txt")), MediaType::kPng);
  EXPECT_EQ(SniffMediaType(ReadFixture("not-a-pdf.pdf")), MediaType::kUnknown);
}

TEST(TypeSniffer, FindsPdfHeaderAfterLeadingJunk) {
  EXPECT_EQ(SniffMediaType(std::string("\r\n\r\n%PDF-1.7\n")), MediaType::kPdf);
}

TEST(TypeSniffer, DescribesWhatUnsupportedContentLooksLike) {
  EXPECT_STREQ(DescribeUnsupportedContent("PK\x03\x04rest"), "a ZIP archive (an Office document?)");
  EXPECT_STREQ(DescribeUnsupportedContent("hello world\n"), "plain text");
  EXPECT_EQ(SniffMediaType(""), MediaType::kUnknown);
}

}  // namespace
}  // namespace quai
