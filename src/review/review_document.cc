#include "review/review_document.h"

#include <algorithm>
#include <map>

namespace quai {

namespace {

using Json = nlohmann::json;

Json NullIfEmpty(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Result<Json> ParseStored(const std::string& text, const DocumentRecord& document, const char* what) {
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Status::Internal("document " + std::to_string(document.id) + ": the stored " + what +
                            " is not a JSON object");
  }
  return parsed;
}

void EnsureShape(Json* values) {
  if (!values->contains("fields") || !(*values)["fields"].is_object()) (*values)["fields"] = Json::object();
  if (!values->contains("lines") || !(*values)["lines"].is_array()) (*values)["lines"] = Json::array();
  if (!values->contains("findings") || !(*values)["findings"].is_array()) (*values)["findings"] = Json::array();
  if (!values->contains("document_type")) (*values)["document_type"] = nullptr;
}

}  // namespace

ReviewStatus CurrentStatus(const ReviewDocumentRecord& record) {
  if (record.document.status == DocumentStatus::kReceived) return ReviewStatus::kReceived;
  if (record.document.status == DocumentStatus::kRefused) return ReviewStatus::kRefused;
  ReviewStatus status;
  if (record.state && ParseReviewStatus(record.state->status, &status)) return status;
  if (record.extraction && !record.extraction->review_required) return ReviewStatus::kAutoAccepted;
  return ReviewStatus::kNeedsReview;
}

Result<Json> CurrentValues(const ReviewDocumentRecord& record) {
  Json values;
  if (record.state) {
    Result<Json> parsed = ParseStored(record.state->values_json, record.document, "review state");
    if (!parsed.ok()) return parsed.status();
    values = std::move(parsed).value();
  } else if (record.extraction && record.document.status == DocumentStatus::kProcessed) {
    Result<Json> parsed = ParseStored(record.extraction->result_json, record.document, "extraction");
    if (!parsed.ok()) return parsed.status();
    values = std::move(parsed).value();
    if (!values.contains("model_version")) values["model_version"] = record.extraction->model_version;
  } else {
    values = Json::object();
    // Read but not extracted (models missing): a person may still type everything in.
    values["document_type"] = record.document.status == DocumentStatus::kProcessed ? Json("other") : Json(nullptr);
    values["type_confidence"] = 0;
    values["supplier"] = nullptr;
    values["review_required"] = true;
  }
  EnsureShape(&values);
  return values;
}

std::vector<std::string> ReviewReasons(const DocumentRecord& document, ReviewStatus status, const Json& values,
                                       bool has_values) {
  std::vector<std::string> reasons;
  auto add = [&reasons](const std::string& reason) {
    if (!reason.empty() && std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
      reasons.push_back(reason);
    }
  };
  if (status == ReviewStatus::kRefused) {
    add(document.error);
    return reasons;
  }
  if (status == ReviewStatus::kReceived) return reasons;
  if (!has_values) add("no values were extracted (the models did not run); enter them by hand");
  if (const auto found = values.find("review_reasons"); found != values.end() && found->is_array()) {
    for (const Json& reason : *found) {
      if (reason.is_string()) add(reason.get<std::string>());
    }
  }
  if (const auto found = values.find("findings"); found != values.end() && found->is_array()) {
    for (const Json& finding : *found) {
      if (finding.is_object() && finding.value("blocking", false)) add(finding.value("message", ""));
    }
  }
  return reasons;
}

Json ReasonCodes(const DocumentRecord& document, ReviewStatus status, const Json& values, bool has_values) {
  Json codes = Json::array();
  if (status == ReviewStatus::kRefused) {
    codes.push_back({{"code", "refused"}, {"text", document.error}});
    return codes;
  }
  if (status == ReviewStatus::kReceived) return codes;
  if (!has_values) codes.push_back({{"code", "no_values"}});
  auto starts = [](const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; };
  if (const auto found = values.find("review_reasons"); found != values.end() && found->is_array()) {
    for (const Json& reason : *found) {
      if (!reason.is_string()) continue;
      const std::string text = reason.get<std::string>();
      if (starts(text, "low confidence: ")) {
        codes.push_back({{"code", "low_confidence"}, {"field", text.substr(16)}});
      } else if (starts(text, "doubted: ")) {
        codes.push_back({{"code", "doubted"}, {"field", text.substr(9)}});
      } else if (starts(text, "missing: ")) {
        codes.push_back({{"code", "missing"}, {"field", text.substr(9)}});
      } else if (text == "not a known document type" || starts(text, "no schema for ")) {
        codes.push_back({{"code", "unknown_type"}});
      } else if (text == "no line items found") {
        codes.push_back({{"code", "no_lines"}});
      } else if (text == "document type uncertain") {
        codes.push_back({{"code", "uncertain_type"}});
      } else if (!text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") ==
                                      text.find(':')) {  // "<finding code>: <field>" or "<finding code>"
        const size_t colon = text.find(':');
        Json code = {{"code", "blocking_finding"}, {"finding", text.substr(0, colon)}};
        if (colon != std::string::npos && colon + 2 <= text.size()) code["field"] = text.substr(colon + 2);
        codes.push_back(std::move(code));
      } else {
        codes.push_back({{"code", "other"}, {"text", text}});
      }
    }
  }
  return codes;
}

void MarkDoubts(Json* values, ReviewStatus status) {
  std::map<std::string, std::string> doubted;  // path -> why
  const bool decided = status == ReviewStatus::kNeedsReview || status == ReviewStatus::kAutoAccepted;
  if (const auto found = values->find("review_reasons"); decided && found != values->end() && found->is_array()) {
    for (const Json& reason : *found) {
      if (!reason.is_string()) continue;
      const std::string text = reason.get<std::string>();
      if (text.rfind("low confidence: ", 0) == 0) doubted.emplace(text.substr(16), "low_confidence");
      if (text.rfind("doubted: ", 0) == 0) doubted[text.substr(9)] = "doubted";
    }
  }
  auto mark = [&doubted](const std::string& path, Json& value) {
    if (!value.is_object()) return;
    const auto why = doubted.find(path);
    value["doubt"] = why != doubted.end();
    value["doubt_reason"] = why != doubted.end() ? Json(why->second) : Json(nullptr);
  };
  if (auto fields = values->find("fields"); fields != values->end() && fields->is_object())
    for (auto& [name, value] : fields->items()) mark(name, value);
  if (auto lines = values->find("lines"); lines != values->end() && lines->is_array())
    for (size_t i = 0; i < lines->size(); ++i)
      if ((*lines)[i].is_object())
        for (auto& [name, value] : (*lines)[i].items()) mark("lines[" + std::to_string(i) + "]." + name, value);
}

std::string SupplierOf(const Json& values) {
  if (const auto fields = values.find("fields"); fields != values.end() && fields->is_object()) {
    if (const auto name = fields->find("supplier_name"); name != fields->end() && name->is_object()) {
      const Json& value = (*name)["value"];
      if (value.is_string() && !value.get<std::string>().empty()) return value.get<std::string>();
    }
  }
  if (const auto supplier = values.find("supplier"); supplier != values.end() && supplier->is_object()) {
    const auto name = supplier->find("name");
    if (name != supplier->end() && name->is_string()) return name->get<std::string>();
  }
  return "";
}

Json DocumentJson(const ReviewDocumentRecord& record, const Json& values, ReviewStatus status) {
  const DocumentRecord& document = record.document;
  Json out = values;
  const bool has_values = record.state.has_value() || record.extraction.has_value();
  out["id"] = document.id;
  out["file"] = document.original_name;
  out["sha256"] = document.sha256;
  out["pages"] = document.page_count;
  out["status"] = ReviewStatusName(status);
  out["error"] = NullIfEmpty(document.error);
  out["reasons"] = ReviewReasons(document, status, values, has_values);
  out["reason_codes"] = ReasonCodes(document, status, values, has_values);
  MarkDoubts(&out, status);
  Json page_sizes = Json::array();
  for (const auto& [width, height] : record.page_sizes) page_sizes.push_back({{"width", width}, {"height", height}});
  out["page_sizes"] = std::move(page_sizes);
  out["source"] = document.source;
  // Where it came from: a mail's sender, subject and date, a folder's path.
  Json origin = document.origin_json.empty() ? Json::object() : Json::parse(document.origin_json, nullptr, false);
  out["origin"] = origin.is_object() ? origin : Json::object();
  out["created_at"] = document.created_at;
  out["updated_at"] = record.state ? record.state->updated_at : document.updated_at;
  out["validated_by"] = record.state ? NullIfEmpty(record.state->validated_by) : Json(nullptr);
  out["validated_at"] = record.state ? NullIfEmpty(record.state->validated_at) : Json(nullptr);
  out["rejected_reason"] = record.state ? NullIfEmpty(record.state->rejected_reason) : Json(nullptr);
  if (!out.contains("timings_ms")) out["timings_ms"] = Json::object();  // not kept after ingest
  return out;
}

Json SummaryJson(const ReviewSummaryRecord& summary) {
  const DocumentRecord& document = summary.document;
  ReviewStatus status = ReviewStatus::kNeedsReview;
  ParseReviewStatus(summary.status, &status);
  Json values = summary.values_json.empty() ? Json::object()
                                            : Json::parse(summary.values_json, nullptr, /*allow_exceptions=*/false);
  if (values.is_discarded() || !values.is_object()) values = Json::object();
  const bool has_values = !summary.values_json.empty();
  const Json review_required = values.value("review_required", Json(status == ReviewStatus::kNeedsReview));
  return {{"id", document.id},
          {"file", document.original_name},
          {"sha256", document.sha256},
          {"status", summary.status},
          {"document_type", NullIfEmpty(summary.document_type)},
          {"supplier", NullIfEmpty(summary.supplier)},
          {"pages", document.page_count},
          {"source", document.source},
          {"review_required", review_required},
          {"reasons", ReviewReasons(document, status, values, has_values)},
          {"reason_codes", ReasonCodes(document, status, values, has_values)},
          {"po_number", NullIfEmpty(summary.po_number)},
          {"document_number", NullIfEmpty(summary.document_number)},
          {"created_at", document.created_at},
          {"updated_at", summary.updated_at}};
}

}  // namespace quai
