// The messages between an isolated reader and its child: one JSON object per
// line, followed by `size` raw bytes when the object has a "size". Requests:
//   {"op":"setup", "preparation":…, "limits":…, "ocr":…}   → {"ok":true}
//   {"op":"open", "type":N, "name":…, "size":N} + the file → {"ok":true,"pages":N}
//   {"op":"read", "page":I}                                → {"ok":true,"page":{…}}
//   {"op":"render", "page":I, "dpi":D}                    → {"ok":true,"width","height","dpi","size"} + gray rows
//   {"op":"einvoice"}                                      → {"ok":true,"name","size"} + the e-invoice XML (size 0: none)
// A failure is {"ok":false,"code":N,"error":"…"}; with "fatal":true the child
// exits after it. Parent and child are the same build: codes are StatusCode's.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "quai/options.h"
#include "quai/status.h"

namespace quai {

std::string EncodeMessage(const nlohmann::json& header, std::string_view payload = {});
nlohmann::json StatusToJson(const Status& status);
// The Status a failure reply stands for; Ok for {"ok":true,…}.
Status StatusFromJson(const nlohmann::json& reply);
// What the child reads with: page preparation, limits and OCR options.
nlohmann::json ReaderSetupToJson(const Options& options);
Options ReaderSetupFromJson(const nlohmann::json& setup);

}  // namespace quai
