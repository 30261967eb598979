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

TEST(TypeSniffer, RecognisesBigTiffInBothByteOrders) {
  EXPECT_EQ(SniffMediaType(std::string("II+\0\x08\0\0\0", 8)), MediaType::kTiff);
  EXPECT_EQ(SniffMediaType(std::string("MM\0+\0\x08\0\0", 8)), MediaType::kTiff);
}

TEST(TypeSniffer, RecognisesAPdfWithoutHeaderByItsObjectsAndCrossReference) {
  // As pdf.js's bug1606566.pdf: a binary comment, then objects; poppler opens it.
  EXPECT_EQ(SniffMediaType(std::string("%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                                       "startxref\n449\n%%EOF\n")),
            MediaType::kPdf);
  EXPECT_EQ(SniffMediaType(std::string("   5 0 obj <</Type/XRef>> stream\nendobj\nstartxref\r116\r%%EOF\r")),
            MediaType::kPdf);
  // Text that merely talks about objects is not a PDF.
  EXPECT_EQ(SniffMediaType(std::string("1 0 obj is how a PDF object starts\n")), MediaType::kUnknown);
  EXPECT_EQ(SniffMediaType(std::string("Notes: startxref points at the xref\n")), MediaType::kUnknown);
}

TEST(TypeSniffer, DescribesWhatUnsupportedContentLooksLike) {
  EXPECT_STREQ(DescribeUnsupportedContent("PK\x03\x04rest"), "a ZIP archive (an Office document?)");
  EXPECT_STREQ(DescribeUnsupportedContent("hello world\n"), "plain text");
  EXPECT_EQ(SniffMediaType(""), MediaType::kUnknown);
}

}  // namespace
}  // namespace quai
