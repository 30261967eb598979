// The public API (include/quai/) must not leak third-party types: this file
// includes every public header and then checks that no library's include guard
// or namespace came in with them.
#include "quai/document.h"
#include "quai/options.h"
#include "quai/pipeline.h"
#include "quai/status.h"
#include "quai/workspace.h"

#include <gtest/gtest.h>

#if defined(LEPTONICA_ALLHEADERS_H) || defined(TESSERACT_API_BASEAPI_H_) || defined(SQLITE3_H) || \
    defined(POPPLER_DOCUMENT_H) || defined(NLOHMANN_JSON_HPP) || defined(sodium_H)
#error "a public header pulls in a third-party header"
#endif

namespace quai {
namespace {

TEST(PublicHeaders, CompileAloneWithoutThirdPartyHeaders) {
  Result<int> value(42);
  EXPECT_TRUE(value.ok());
  Result<int> error(Status::NotFound("x"));
  EXPECT_FALSE(error.ok());
  EXPECT_EQ(error.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace quai
