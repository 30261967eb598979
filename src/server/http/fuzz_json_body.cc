// libFuzzer entry for JSON request bodies as every route reads them
// (ParseJsonObject): any client may send any bytes. A crash or a sanitizer
// report is a bug; so is an accepted body that is not an object.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "server/api_response.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  quai::server::HttpRequest request;
  request.headers = {{"Content-Type", "application/json"}};
  request.body.assign(reinterpret_cast<const char*>(data), size);
  quai::server::HttpResponse response;
  nlohmann::json body;
  if (quai::server::ParseJsonObject(request, response, &body) && !body.is_object()) std::abort();
  if (!response.body.empty() && !nlohmann::json::accept(response.body)) std::abort();
  return 0;
}
