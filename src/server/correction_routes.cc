// What a reviewer changes (reviewer, admin): a field, a line's field, lines
// added and removed, the document type, validation and rejection. Each answers
// the updated document; the review desk records each change as an event.
// Validation also teaches the learning loop at once (Learner), and a change
// that takes a validated document out of `validated` withdraws its layout
// example, so the supplier's next document is not read with a lesson no
// person stands behind any more.
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>

#include "learn/learner.h"
#include "pipeline/workspace_internals.h"
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

// The learning loop as the review routes drive it. Learning from a validation
// and withdrawing a reopened document's layout example are serialised, so an
// example learned from a validation that a correction has just undone never
// outlives that correction, and two documents of one new supplier validated at
// once do not both add it. Learning never fails the review action: the change
// is stored by then; a failure is logged and the answer says nothing was learned.
class LearningHook {
 public:
  explicit LearningHook(Workspace* workspace) : workspace_(workspace) {}

  // {"supplier": {"id", "name", "new"} | null, "anchors", "fields", "corrected"},
  // or null when nothing was learned (no models loaded, or learning failed).
  nlohmann::json LearnFromValidation(int64_t document_id) {
    Learner* learner = WorkspaceInternals::learner(*workspace_);
    if (learner == nullptr) return nullptr;  // no models: its training example still feeds `quai train --data`
    std::lock_guard<std::mutex> lock(mutex_);
    Result<LearnedDocument> learned = Status::Internal("no answer");
    try {
      learned = learner->LearnFromValidation(document_id);
    } catch (const std::exception& error) {  // the validation is stored: it must not look failed
      learned = Status::Internal(error.what());
    }
    if (!learned.ok()) {
      std::fprintf(stderr, "quai serve: document %lld is validated, but learning from it failed: %s\n",
                   static_cast<long long>(document_id), learned.status().ToString().c_str());
      return nullptr;
    }
    nlohmann::json supplier = nullptr;
    if (learned->supplier_id != 0)
      supplier = {{"id", learned->supplier_id}, {"name", learned->supplier_name}, {"new", learned->new_supplier}};
    return {{"supplier", supplier},
            {"anchors", learned->anchors},
            {"fields", learned->fields},
            {"corrected", learned->corrected}};
  }

  // After a successful change answered with `document`: a document no longer
  // validated keeps no layout example (nothing to remove is no change).
  void AfterChange(int64_t document_id, const nlohmann::json& document) {
    if (document.value("status", "") == "validated") return;
    std::lock_guard<std::mutex> lock(mutex_);
    Status removed = WorkspaceInternals::learning(*workspace_)->RemoveLayoutExample(document_id);
    if (!removed.ok())
      std::fprintf(stderr, "quai serve: cannot withdraw the layout example of document %lld: %s\n",
                   static_cast<long long>(document_id), removed.ToString().c_str());
  }

 private:
  Workspace* workspace_;
  std::mutex mutex_;
};

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
void Answer(Call& call, LearningHook& learning, const Result<nlohmann::json>& document) {
  if (!document.ok()) return SendStatus(call.response, document.status());
  learning.AfterChange(call.Number("id"), *document);
  SendJson(call.response, 200, *document);
}

int LineIndex(const Call& call) { return static_cast<int>(std::min<int64_t>(call.Number("i"), 1'000'000)); }

}  // namespace

void AddCorrectionRoutes(Router& router, ServerContext& context) {
  ReviewDesk* desk = context.review_desk;
  auto learning = std::make_shared<LearningHook>(context.workspace);

  router.Add(Method::kPut, "/api/v1/documents/{id}/fields/{name}", Permission::kReview,
             [desk, learning](Call& call) {
               Correction correction;
               if (!ParseCorrection(call, &correction)) return;
               Answer(call, *learning,
                      desk->CorrectField(call.Number("id"), call.Param("name"), correction, call.caller->user.name));
             });

  router.Add(Method::kPut, "/api/v1/documents/{id}/lines/{i}/{name}", Permission::kReview,
             [desk, learning](Call& call) {
               Correction correction;
               if (!ParseCorrection(call, &correction)) return;
               Answer(call, *learning,
                      desk->CorrectLineField(call.Number("id"), LineIndex(call), call.Param("name"), correction,
                                             call.caller->user.name));
             });

  router.Add(Method::kPost, "/api/v1/documents/{id}/lines", Permission::kReview, [desk, learning](Call& call) {
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
    Answer(call, *learning, desk->AddLine(call.Number("id"), values, call.caller->user.name));
  });

  router.Add(Method::kDelete, "/api/v1/documents/{id}/lines/{i}", Permission::kReview, [desk, learning](Call& call) {
    Answer(call, *learning, desk->RemoveLine(call.Number("id"), LineIndex(call), call.caller->user.name));
  });

  router.Add(Method::kPut, "/api/v1/documents/{id}/type", Permission::kReview, [desk, learning](Call& call) {
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    if (!body.contains("document_type") || !body["document_type"].is_string())
      return SendError(call.response, 400, "invalid_argument", "give the \"document_type\"");
    Answer(call, *learning,
           desk->ChangeType(call.Number("id"), body["document_type"].get<std::string>(), call.caller->user.name));
  });

  router.Add(Method::kPost, "/api/v1/documents/{id}/validate", Permission::kReview, [desk, learning](Call& call) {
    const int64_t id = call.Number("id");
    auto document = desk->Validate(id, call.caller->user.name);
    if (!document.ok()) return SendStatus(call.response, document.status());
    nlohmann::json answer = std::move(document).value();
    answer["learned"] = learning->LearnFromValidation(id);
    SendJson(call.response, 200, answer);
  });

  router.Add(Method::kPost, "/api/v1/documents/{id}/reject", Permission::kReview, [desk, learning](Call& call) {
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    std::string reason = body.contains("reason") && body["reason"].is_string() ? body["reason"].get<std::string>() : "";
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
      return SendError(call.response, 400, "invalid_argument", "give the \"reason\" for rejecting the document");
    Answer(call, *learning, desk->Reject(call.Number("id"), reason, call.caller->user.name));
  });
}

}  // namespace quai::server
