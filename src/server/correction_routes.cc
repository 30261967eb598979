// What a reviewer changes (reviewer, admin): a field, a line's field, lines
// added and removed, the document type, validation and rejection. Each answers
// the updated document; the review desk records each change as an event.
// Validation also teaches the learning loop at once (its learn job), and a
// change that takes a validated document out of `validated` withdraws its
// layout example (in the store, with the change), so the supplier's next
// document is not read with a lesson no person stands behind any more.
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>

#include "pipeline/learning_jobs.h"
#include "core/log.h"
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

// Learning from a validation, as the validate route drives it: the validation
// queued its learn job in its own transaction; the request runs it at once so
// its answer says what was learned (a worker runs it should this process end
// first). Withdrawing a reopened document's layout example happens in the
// reopening transaction itself (the store). Learning never fails the review
// action: the change is stored by then; a failure is logged, the job retried
// by a worker, and the answer says nothing was learned.
nlohmann::json LearnFromValidation(Workspace& workspace, int64_t document_id) {
  auto learned = LearnNow(workspace, document_id, std::chrono::seconds(10));
  if (!learned.ok()) {
    if (learned.status().code() != StatusCode::kFailedPrecondition)  // no models: the example still feeds training
      Logf(LogLevel::kError, LogFields{document_id, "learn", "", 0}, "quai serve: document %lld is validated, but learning from it failed: %s\n",
                   static_cast<long long>(document_id), learned.status().ToString().c_str());
    return nullptr;
  }
  nlohmann::json parsed = nlohmann::json::parse(*learned, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json(nullptr) : parsed;
}

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

// Answers a change: the updated document, or the error.
void Answer(Call& call, const Result<nlohmann::json>& document) {
  if (!document.ok()) return SendStatus(call.response, document.status());
  SendJson(call.response, 200, *document);
}

int LineIndex(const Call& call) { return static_cast<int>(std::min<int64_t>(call.Number("i"), 1'000'000)); }

}  // namespace

void AddCorrectionRoutes(Router& router, ServerContext& context) {
  ReviewDesk* desk = context.review_desk;
  Workspace* workspace = context.workspace;

  router.Add(Method::kPut, "/api/v1/documents/{id}/fields/{name}", Permission::kReview,
             [desk](Call& call) {
               Correction correction;
               if (!ParseCorrection(call, &correction)) return;
               Answer(call,
                      desk->CorrectField(call.Number("id"), call.Param("name"), correction, call.caller->user.name));
             });

  router.Add(Method::kPut, "/api/v1/documents/{id}/lines/{i}/{name}", Permission::kReview,
             [desk](Call& call) {
               Correction correction;
               if (!ParseCorrection(call, &correction)) return;
               Answer(call,
                      desk->CorrectLineField(call.Number("id"), LineIndex(call), call.Param("name"), correction,
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
    Answer(call,
           desk->ChangeType(call.Number("id"), body["document_type"].get<std::string>(), call.caller->user.name));
  });

  router.Add(Method::kPost, "/api/v1/documents/{id}/validate", Permission::kReview, [desk, workspace](Call& call) {
    const int64_t id = call.Number("id");
    // An optional body {"override_reason": "..."}: validate although values
    // are missing or invalid or a finding blocks, with the person's reason.
    std::string override_reason;
    if (call.request.body.find_first_not_of(" \t\r\n") != std::string::npos) {
      nlohmann::json body;
      if (!ParseJsonObject(call.request, call.response, &body)) return;
      if (body.contains("override_reason") && !body["override_reason"].is_null()) {
        if (!body["override_reason"].is_string())
          return SendError(call.response, 400, "invalid_argument", "\"override_reason\" must be a string");
        override_reason = body["override_reason"].get<std::string>();
      }
    }
    nlohmann::json blockers;
    auto document = desk->Validate(id, call.caller->user.name, override_reason, &blockers);
    if (!document.ok()) {
      if (document.status().code() == StatusCode::kFailedPrecondition && blockers.is_array()) {
        // What stops it, each with a code the desk translates.
        return SendJson(call.response, 409,
                        {{"error", {{"code", "conflict"}, {"message", document.status().message()}}},
                         {"blockers", blockers}});
      }
      return SendStatus(call.response, document.status());
    }
    nlohmann::json answer = std::move(document).value();
    workspace->WakeExporters();  // its exports go out now, not at the next poll
    answer["learned"] = LearnFromValidation(*workspace, id);
    SendJson(call.response, 200, answer);
  });

  // A value the decision doubts, said right as read: {"field": "po_number" | "lines[2].quantity"}.
  router.Add(Method::kPost, "/api/v1/documents/{id}/confirm", Permission::kReview, [desk](Call& call) {
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    if (!body.contains("field") || !body["field"].is_string() || body["field"].get<std::string>().empty())
      return SendError(call.response, 400, "invalid_argument", "give the \"field\" to confirm");
    Answer(call, desk->ConfirmValue(call.Number("id"), body["field"].get<std::string>(), call.caller->user.name));
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
