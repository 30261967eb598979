#include "isolate/reader_protocol.h"

namespace quai {

std::string EncodeMessage(const nlohmann::json& header, std::string_view payload) {
  std::string message = header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  message += '\n';
  message.append(payload);
  return message;
}

nlohmann::json StatusToJson(const Status& status) {
  if (status.ok()) return {{"ok", true}};
  return {{"ok", false}, {"code", static_cast<int>(status.code())}, {"error", status.message()}};
}

Status StatusFromJson(const nlohmann::json& reply) {
  if (!reply.is_object()) return Status::Internal("the reader's answer is not a JSON object");
  if (reply.value("ok", false)) return Status::Ok();
  std::string error = reply.value("error", std::string("the reader failed without saying why"));
  switch (static_cast<StatusCode>(reply.value("code", static_cast<int>(StatusCode::kInternal)))) {
    case StatusCode::kInvalidArgument: return Status::InvalidArgument(error);
    case StatusCode::kLimitExceeded: return Status::LimitExceeded(error);
    case StatusCode::kNotFound: return Status::NotFound(error);
    case StatusCode::kFailedPrecondition: return Status::FailedPrecondition(error);
    case StatusCode::kIoError: return Status::IoError(error);
    case StatusCode::kUnavailable: return Status::Unavailable(error);
    default: return Status::Internal(error);
  }
}

nlohmann::json ReaderSetupToJson(const Options& options) {
  const PagePreparation& p = options.preparation;
  const IntakeLimits& l = options.limits;
  return {{"op", "setup"},
          {"preparation",
           {{"detect_orientation", p.detect_orientation},
            {"deskew", p.deskew},
            {"remove_lines", p.remove_lines},
            {"render_dpi", p.render_dpi},
            {"min_ocr_dpi", p.min_ocr_dpi}}},
          {"limits",
           {{"max_file_bytes", l.max_file_bytes},
            {"max_pages", l.max_pages},
            {"max_page_pixels", l.max_page_pixels},
            {"max_seconds_per_page", l.max_seconds_per_page},
            {"max_seconds_to_open", l.max_seconds_to_open},
            {"max_reader_memory_mib", l.max_reader_memory_mib}}},
          {"ocr", {{"languages", options.ocr.languages}, {"tessdata_dir", options.ocr.tessdata_dir}}}};
}

Options ReaderSetupFromJson(const nlohmann::json& setup) {
  Options options;
  const nlohmann::json none = nlohmann::json::object();
  const nlohmann::json& p = setup.contains("preparation") ? setup["preparation"] : none;
  options.preparation.detect_orientation = p.value("detect_orientation", options.preparation.detect_orientation);
  options.preparation.deskew = p.value("deskew", options.preparation.deskew);
  options.preparation.remove_lines = p.value("remove_lines", options.preparation.remove_lines);
  options.preparation.render_dpi = p.value("render_dpi", options.preparation.render_dpi);
  options.preparation.min_ocr_dpi = p.value("min_ocr_dpi", options.preparation.min_ocr_dpi);
  const nlohmann::json& l = setup.contains("limits") ? setup["limits"] : none;
  options.limits.max_file_bytes = l.value("max_file_bytes", options.limits.max_file_bytes);
  options.limits.max_pages = l.value("max_pages", options.limits.max_pages);
  options.limits.max_page_pixels = l.value("max_page_pixels", options.limits.max_page_pixels);
  options.limits.max_seconds_per_page = l.value("max_seconds_per_page", options.limits.max_seconds_per_page);
  options.limits.max_seconds_to_open = l.value("max_seconds_to_open", options.limits.max_seconds_to_open);
  options.limits.max_reader_memory_mib = l.value("max_reader_memory_mib", options.limits.max_reader_memory_mib);
  const nlohmann::json& o = setup.contains("ocr") ? setup["ocr"] : none;
  options.ocr.languages = o.value("languages", options.ocr.languages);
  options.ocr.tessdata_dir = o.value("tessdata_dir", options.ocr.tessdata_dir);
  return options;
}

}  // namespace quai
