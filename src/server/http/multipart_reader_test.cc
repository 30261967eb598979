#include "server/http/multipart_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace quai::server {
namespace {

namespace fs = std::filesystem;

class MultipartReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = (fs::temp_directory_path() / ("quai-multipart-" + std::to_string(::getpid()))).string();
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }

  static std::string Body() {
    std::string binary("%PDF-1.7\r\n--not-the-boundary\r\n\0\xff", 33);
    return "preamble\r\n--XyZ\r\n"
           "Content-Disposition: form-data; name=\"source\"\r\n\r\n"
           "scanner 2\r\n--XyZ\r\n"
           "Content-Disposition: form-data; name=\"file\"; filename=\"dn \\\"1\\\".pdf\"\r\n"
           "Content-Type: application/pdf\r\n\r\n" +
           binary +
           "\r\n--XyZ\r\n"
           "Content-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"; filename*=UTF-8''caf%C3%A9.pdf\r\n\r\n"
           "second\r\n--XyZ--\r\nepilogue";
  }

  static std::string Contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  std::string folder_;
};

TEST_F(MultipartReaderTest, WritesFilesToDiskAndKeepsFieldsWhateverThePieces) {
  const std::string body = Body();
  for (size_t piece : {body.size(), size_t{1}, size_t{7}}) {
    MultipartReader reader("XyZ", folder_);
    for (size_t at = 0; at < body.size(); at += piece)
      ASSERT_TRUE(reader.Feed(std::string_view(body).substr(at, piece)).ok()) << "piece " << piece;
    ASSERT_TRUE(reader.Finish().ok());
    EXPECT_EQ(reader.fields().at("source"), "scanner 2");
    auto uploads = reader.TakeUploads();
    ASSERT_EQ(uploads.size(), 2u);
    EXPECT_EQ(uploads[0].field, "file");
    EXPECT_EQ(uploads[0].file_name, "dn \"1\".pdf");
    EXPECT_EQ(uploads[0].content_type, "application/pdf");
    EXPECT_EQ(uploads[0].size, 33);
    EXPECT_EQ(Contents(uploads[0].path), std::string("%PDF-1.7\r\n--not-the-boundary\r\n\0\xff", 33));
    EXPECT_EQ(uploads[1].file_name, "café.pdf");
    EXPECT_EQ(Contents(uploads[1].path), "second");
    for (const auto& upload : uploads) fs::remove(upload.path);
  }
}

TEST_F(MultipartReaderTest, ABodyCutBeforeItsClosingBoundaryIsRefusedAndLeavesNoFile) {
  const std::string body = Body();
  {
    MultipartReader reader("XyZ", folder_);
    ASSERT_TRUE(reader.Feed(std::string_view(body).substr(0, body.size() / 2)).ok());
    EXPECT_EQ(reader.Finish().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_TRUE(fs::is_empty(folder_));
}

TEST_F(MultipartReaderTest, EndlessPartHeadersHitTheirLimit) {
  MultipartReader reader("XyZ", folder_);
  ASSERT_TRUE(reader.Feed("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").ok());
  Status fed;
  for (int i = 0; i < 100 && fed.ok(); ++i) fed = reader.Feed(std::string(1024, 'a'));
  EXPECT_EQ(fed.code(), StatusCode::kLimitExceeded);
}

TEST_F(MultipartReaderTest, TooManyTextFieldBytesAreRefused) {
  MultipartLimits limits;
  limits.max_field_bytes = 10;
  MultipartReader reader("XyZ", folder_, limits);
  Status fed = reader.Feed("--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n" + std::string(100, 'n') +
                           "\r\n--XyZ--");
  EXPECT_EQ(fed.code(), StatusCode::kLimitExceeded);
}

TEST(MultipartBoundary, IsReadFromTheContentType) {
  EXPECT_EQ(MultipartReader::BoundaryOf("multipart/form-data; boundary=----abc123"), "----abc123");
  EXPECT_EQ(MultipartReader::BoundaryOf("multipart/form-data; charset=utf-8; boundary=\"q r\""), "q r");
  EXPECT_EQ(MultipartReader::BoundaryOf("multipart/form-data"), "");
}

}  // namespace
}  // namespace quai::server
