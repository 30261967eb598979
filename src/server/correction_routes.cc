// What a reviewer changes (reviewer, admin): a field, a line's field, lines
// added and removed, the document type, validation and rejection. Each answers
// the updated document; the review desk records each change as an event.
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

// {"value": string|number|null, "page"?: n, "box"?: [x0,y0,x1,y1]}; null removes the value.
bool ParseCorrection(Call& call, Correction* correction) {
  nlohmann::json body;
  if (!ParseJsonObject(call.request, call.response, &body)) return false;
  if (!body.contains("value")) {
    SendError(call.response, 400, "invalid_argument", "give the \"value\" (null removes it)");
    return false;
  }
  const nlohmann::json& value = body["value"];
  if (value.is_string()) {
    correction->value = value.get<std::string>();
  } else if (value.is_number()) {
    correction->value = value.dump();
  } else if (!value.is_null()) {
    SendError(call.response, 400, "invalid_argument", "\"value\" must be a string or null");
    return false;
  }
  if (body.contains("page") && !body["page"].is_null()) {
    if (!body["page"].is_number_integer() || body["page"].get<int64_t>() < 1 || body["page"].get<int64_t>() > 100000) {
      SendError(call.response, 400, "invalid_argument", "\"page\" must be a page number from 1");
      return false;
    }
    correction->page = body["page"].get<int>();
  }
  if (body.contains("box") && !body["box"].is_null()) {
    const nlohmann::json& box = body["box"];
    bool four_numbers = box.is_array() && box.size() == 4;
    for (size_t k = 0; four_numbers && k < 4; ++k) four_numbers = box[k].is_number();
    if (!four_numbers || box[0].get<double>() > box[2].get<double>() || box[1].get<double>() > box[3].get<double>()) {
      SendError(call.response, 400, "invalid_argument", "\"box\" must be [x0, y0, x1, y1] with x0 <= x1 and y0 <= y1");
      return false;
    }
    correction->box = Box{box[0].get<double>(), box[1].get<double>(), box[2].get<double>(), box[3].get<double>()};
  }
  return true;
}

void Answer(Call& call, const Result<nlohmann::json>& document) {
  if (!document.ok()) return SendStatus(call.response, document.status());
  SendJson(call.response, 200, *document);
}

int LineIndex(const Call& call) { return static_cast<int>(std::min<int64_t>(call.Number("i"), 1'000'000)); }

}  // namespace

void AddCorrectionRoutes(Router& router, ServerContext& context) {
  ReviewDesk* desk = context.review_desk;

  router.Add(Method::kPut, "/api/v1/documents/{id}/fields/{name}", Permission::kReview, [desk](Call& call) {
    Correction correction;
    if (!ParseCorrection(call, &correction)) return;
    Answer(call, desk->CorrectField(call.Number("id"), call.Param("name"), correction, call.caller->user.name));
  });

  router.Add(Method::kPut, "/api/v1/documents/{id}/lines/{i}/{name}", Permission::kReview, [desk](Call& call) {
    Correction correction;
    if (!ParseCorrection(call, &correction)) return;
    Answer(call, desk->CorrectLineField(call.Number("id"), LineIndex(call), call.Param("name"), correction,
                                        call.caller->user.name));
  });

  router.Add(Method::kPost, "/api/v1/documents/{id}/lines", Permission::kReview, [desk](Call& call) {
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    std::map<std::string, std::string> values;
    if (body.contains("values")) {
      if (!body["values"].is_object())
        return SendError(call.response, 400, "invalid_argument", "\"values\" must be an object of field: value");
      for (const auto& [name, value] : body["values"].items()) {
        if (value.is_null()) continue;
        if (!value.is_string() && !value.is_number())
          return SendError(call.response, 400, "invalid_argument", "the value of " + name + " must be a string");
        values[name] = value.is_string() ? value.get<std::string>() : value.dump();
      }
    }
    Answer(call, desk->AddLine(call.Number("id"), values, call.caller->user.name));
  });

  router.Add(Method::kDelete, "/api/v1/documents/{id}/lines/{i}", Permission::kReview, [desk](Call& call) {
    Answer(call, desk->RemoveLine(call.Number("id"), LineIndex(call), call.caller->user.name));
  });

  router.Add(Method::kPut, "/api/v1/documents/{id}/type", Permission::kReview, [desk](Call& call) {
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    if (!body.contains("document_type") || !body["document_type"].is_string())
      return SendError(call.response, 400, "invalid_argument", "give the \"document_type\"");
    Answer(call, desk->ChangeType(call.Number("id"), body["document_type"].get<std::string>(), call.caller->user.name));
  });

  router.Add(Method::kPost, "/api/v1/documents/{id}/validate", Permission::kReview, [desk](Call& call) {
    Answer(call, desk->Validate(call.Number("id"), call.caller->user.name));
  });

  router.Add(Method::kPost, "/api/v1/documents/{id}/reject", Permission::kReview, [desk](Call& call) {
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    std::string reason = body.contains("reason") && body["reason"].is_string() ? body["reason"].get<std::string>() : "";
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
      return SendError(call.response, 400, "invalid_argument", "give the \"reason\" for rejecting the document");
    Answer(call, desk->Reject(call.Number("id"), reason, call.caller->user.name));
  });
}

}  // namespace quai::server
