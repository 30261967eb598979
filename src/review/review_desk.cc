#include "review/review_desk.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/clock.h"
#include "check/finding_codes.h"
#include "core/match_text.h"
#include "decide/extract_and_decide.h"
#include "extract/extraction_json.h"
#include "learn/canonical_document.h"
#include "receive/acceptance.h"
#include "review/field_value_normalizer.h"
#include "review/review_document.h"
#include "storage/document_store.h"
#include "storage/review_store.h"
#include "storage/search_values.h"

namespace quai {

namespace {

using Json = nlohmann::json;

constexpr size_t kMaxReasonBytes = 2000;

Json BoxToJson(const Box& box) { return Json::array({box.x0, box.y0, box.x1, box.y1}); }

std::string LineFieldName(int line, const std::string& field) {
  return "lines[" + std::to_string(line) + "]" + (field.empty() ? "" : "." + field);
}

// The value of one field object, or null.
Json ValueOf(const Json& container, const std::string& name) {
  const auto found = container.find(name);
  if (found == container.end() || !found->is_object()) return nullptr;
  return found->value("value", Json(nullptr));
}

// {name: value} of one line, for events about whole lines.
Json LineValues(const Json& line) {
  Json values = Json::object();
  if (!line.is_object()) return values;
  for (const auto& [name, field] : line.items()) {
    if (field.is_object() && field.contains("value")) values[name] = field["value"];
  }
  return values;
}

const FieldSpec* FindSpec(const std::vector<FieldSpec>& specs, const std::string& name) {
  for (const FieldSpec& spec : specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace

const char* ReviewStatusName(ReviewStatus status) {
  switch (status) {
    case ReviewStatus::kReceived:
      return "received";
    case ReviewStatus::kRefused:
      return "refused";
    case ReviewStatus::kNeedsReview:
      return "needs_review";
    case ReviewStatus::kAutoAccepted:
      return "auto_accepted";
    case ReviewStatus::kValidated:
      return "validated";
    case ReviewStatus::kRejected:
      return "rejected";
  }
  return "needs_review";
}

bool ParseReviewStatus(const std::string& name, ReviewStatus* status) {
  for (ReviewStatus candidate : {ReviewStatus::kReceived, ReviewStatus::kRefused, ReviewStatus::kNeedsReview,
                                 ReviewStatus::kAutoAccepted, ReviewStatus::kValidated, ReviewStatus::kRejected}) {
    if (name == ReviewStatusName(candidate)) {
      *status = candidate;
      return true;
    }
  }
  return false;
}

Json ReviewEventToJson(const ReviewEvent& event) {
  return {{"id", event.id},
          {"user", event.user},
          {"at", event.at},
          {"action", event.action},
          {"field", event.field.empty() ? Json(nullptr) : Json(event.field)},
          {"before", event.before},
          {"after", event.after},
          {"page", event.page ? Json(*event.page) : Json(nullptr)},
          {"box", event.box ? BoxToJson(*event.box) : Json(nullptr)},
          {"reason", event.reason.empty() ? Json(nullptr) : Json(event.reason)}};
}

// One change in the making: the current values to edit, the state to write
// and the events to append, all inside the store's transaction.
struct ReviewDesk::Edit {
  const ReviewDocumentRecord& current;
  Json values;
  ReviewStatus status;
  ReviewUpdate* update;
  std::string user;
  std::string now;
  const DocumentSchema* schema = nullptr;  // of values["document_type"]; null when unknown
  bool values_changed = false;             // the checks' inputs changed: check and decide again
  bool reopened = false;                   // was validated or rejected; a person must validate again
  bool unchanged = false;                  // the change changes nothing: nothing is written

  StoredReviewEvent& AddEvent(const std::string& action, const std::string& field) {
    StoredReviewEvent& event = update->events.emplace_back();
    event.user = user;
    event.at = now;
    event.action = action;
    event.field = field;
    return event;
  }

  // Every edit of values: check and decide run again on them; a validated or
  // rejected document that a person changes needs validating again.
  void ValuesChanged() {
    values_changed = true;
    if (status != ReviewStatus::kValidated && status != ReviewStatus::kRejected) return;
    reopened = true;
    status = ReviewStatus::kNeedsReview;
    update->state.validated_by.clear();
    update->state.validated_at.clear();
    update->state.rejected_reason.clear();
    update->remove_training_example = true;
  }

  std::string Type() const {
    const Json& type = values["document_type"];
    return type.is_string() ? type.get<std::string>() : "";
  }

  Status NoSuchField(const std::string& field) const {
    return Status::NotFound("document " + std::to_string(current.document.id) + ": '" + field + "' is not a field of " +
                            (Type().empty() ? "unknown" : Type()) + " documents");
  }

  // Where the person pointed, checked against the document's pages.
  Status CheckPointer(const Correction& correction) const {
    if (correction.page && (*correction.page < 1 || *correction.page > current.document.page_count)) {
      return Status::InvalidArgument("page " + std::to_string(*correction.page) + " is not a page of document " +
                                     std::to_string(current.document.id) + " (it has " +
                                     std::to_string(current.document.page_count) + ")");
    }
    if (correction.box) {
      const Box& box = *correction.box;
      const bool finite =
          std::isfinite(box.x0) && std::isfinite(box.y0) && std::isfinite(box.x1) && std::isfinite(box.y1);
      if (!finite || box.x0 < 0 || box.y0 < 0 || box.x1 < box.x0 || box.y1 < box.y0) {
        return Status::InvalidArgument("box must be [x0, y0, x1, y1] in points with x0 <= x1 and y0 <= y1");
      }
    }
    return Status::Ok();
  }

  // Sets `*slot` to the corrected value (or erases `name` from `container`)
  // and records the event. `field_label` names it in messages and events.
  Status Correct(Json* container, const std::string& name, const FieldSpec& spec, const Correction& correction,
                 const std::string& action, const std::string& field_label) {
    QUAI_RETURN_IF_ERROR(CheckPointer(correction));
    Json before = ValueOf(*container, name);
    Json after = nullptr;
    if (!correction.value && before.is_null()) {
      unchanged = true;  // removing a value that is not there
      return Status::Ok();
    }
    if (correction.value) {
      Result<std::string> normalised = NormalizeFieldValue(spec, *correction.value);
      if (!normalised.ok()) {
        return Status::InvalidArgument(field_label + normalised.status().message().substr(spec.name.size()));
      }
      if (before.is_string() && before.get<std::string>() == *normalised) {
        // The same value: nothing to record unless the person pointed somewhere new.
        const Json& stored = (*container)[name];
        const bool same_page = !correction.page || stored.value("page", Json(nullptr)) == Json(*correction.page);
        const bool same_box = !correction.box || stored.value("box", Json(nullptr)) == BoxToJson(*correction.box);
        if (same_page && same_box) {
          unchanged = true;
          return Status::Ok();
        }
      }
      Json value = {
          {"value", *normalised}, {"confidence", 1}, {"evidence", "corrected by " + user}, {"corrected", true}};
      if (correction.page) value["page"] = *correction.page;
      if (correction.box) value["box"] = BoxToJson(*correction.box);
      (*container)[name] = std::move(value);
      after = *normalised;
    } else {
      container->erase(name);
    }
    StoredReviewEvent& event = AddEvent(action, field_label);
    event.before_json = before.dump();
    event.after_json = after.dump();
    event.page = correction.page;
    if (correction.box) event.box_json = BoxToJson(*correction.box).dump();
    ValuesChanged();
    return Status::Ok();
  }

  Result<size_t> Line(int line) {
    Json& lines = values["lines"];
    if (line < 0 || static_cast<size_t>(line) >= lines.size()) {
      return Status::NotFound("document " + std::to_string(current.document.id) + " has no line " +
                              std::to_string(line) + " (it has " + std::to_string(lines.size()) + ")");
    }
    return static_cast<size_t>(line);
  }
};

ReviewDesk::ReviewDesk(DocumentStore* documents, ReviewStore* reviews, Clock* clock)
    : documents_(documents), reviews_(reviews), clock_(clock != nullptr ? clock : SystemClock()) {
  Result<SchemaSet> loaded = SchemaSet::LoadDirectory(DefaultSchemaDirectory());
  if (loaded.ok()) {
    schemas_ = std::move(loaded).value();
  } else {
    schemas_status_ = loaded.status().WithContext("cannot load the document schemas");
  }
}

ReviewDesk::ReviewDesk(DocumentStore* documents, ReviewStore* reviews, SchemaSet schemas, Clock* clock)
    : documents_(documents),
      reviews_(reviews),
      clock_(clock != nullptr ? clock : SystemClock()),
      schemas_(std::move(schemas)) {}

ReviewDesk::~ReviewDesk() = default;

Result<Json> ReviewDesk::Document(int64_t id) {
  Result<ReviewDocumentRecord> record = reviews_->LoadReviewDocument(id);
  if (!record.ok()) return record.status();
  Result<Json> values = CurrentValues(*record);
  if (!values.ok()) return values.status();
  return DocumentJson(*record, *values, CurrentStatus(*record));
}

Result<Json> ReviewDesk::Search(const DocumentSearch& search) {
  ReviewSearchFilter filter;
  if (search.status) filter.status = ReviewStatusName(*search.status);
  filter.document_type = search.document_type;
  filter.supplier = search.supplier;
  filter.text = search.text;
  filter.sort = search.sort;
  filter.descending = search.descending;
  filter.oldest_first = !search.descending;
  filter.limit = search.limit;
  filter.offset = search.offset;
  Result<ReviewSearchPage> page = reviews_->SearchReviews(filter);
  if (!page.ok()) return page.status();
  Json documents = Json::array();
  for (const ReviewSummaryRecord& summary : page->documents) documents.push_back(SummaryJson(summary));
  return Json{
      {"documents", std::move(documents)}, {"total", page->total}, {"limit", search.limit}, {"offset", search.offset}};
}

Result<Json> ReviewDesk::ReviewQueue(int limit, int offset) {
  ReviewSearchFilter filter;
  filter.status = ReviewStatusName(ReviewStatus::kNeedsReview);
  filter.oldest_first = true;
  filter.limit = limit;
  filter.offset = offset;
  Result<ReviewSearchPage> page = reviews_->SearchReviews(filter);
  if (!page.ok()) return page.status();
  Json documents = Json::array();
  for (const ReviewSummaryRecord& summary : page->documents) documents.push_back(SummaryJson(summary));
  return Json{{"documents", std::move(documents)}, {"total", page->total}, {"limit", limit}, {"offset", offset}};
}

Result<Json> ReviewDesk::Apply(int64_t id, const std::string& user, const std::function<Status(Edit*)>& change) {
  QUAI_RETURN_IF_ERROR(schemas_status_);
  if (TrimSpaces(user).empty()) return Status::InvalidArgument("a review action needs the name of the person doing it");
  const std::string now = FormatUtcTimestamp(clock_->Now());
  Json response;
  bool nothing_to_write = false;
  Status status = reviews_->EditReview(id, [&](const ReviewDocumentRecord& current, ReviewUpdate* update) -> Status {
    const ReviewStatus before = CurrentStatus(current);
    if (before == ReviewStatus::kReceived) {
      return Status::InvalidArgument("document " + std::to_string(id) + " is not read yet; review it once it is");
    }
    if (before == ReviewStatus::kRefused) {
      return Status::InvalidArgument("document " + std::to_string(id) + " was refused (" + current.document.error +
                                     "); there is nothing to review");
    }
    Result<Json> values = CurrentValues(current);
    if (!values.ok()) return values.status();
    if (current.state) update->state = *current.state;
    update->state.document_id = id;
    Edit edit{current, std::move(values).value(), before, update, user, now};
    edit.schema = schemas_.Find(edit.Type());
    QUAI_RETURN_IF_ERROR(change(&edit));
    if (edit.unchanged && update->events.empty()) {
      response = DocumentJson(current, edit.values, before);
      nothing_to_write = true;
      return Status::AlreadyExists("unchanged");  // rolls the transaction back: nothing is written
    }
    if (edit.values_changed) QUAI_RETURN_IF_ERROR(CheckAndDecideAgain(&edit));

    ReviewState& state = update->state;
    state.status = ReviewStatusName(edit.status);
    state.document_type = edit.Type();
    state.supplier = SupplierOf(edit.values);
    state.values_json = edit.values.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (Result<Extraction> typed = ExtractionFromJson(edit.values); typed.ok())
      state.search_values = SearchValuesOf(*typed);
    state.updated_by = user;
    state.updated_at = now;
    ReviewDocumentRecord after = current;
    after.state = state;
    after.extraction.reset();
    response = DocumentJson(after, edit.values, edit.status);
    return Status::Ok();
  });
  if (nothing_to_write) return response;
  if (!status.ok()) return status;
  return response;
}

Status ReviewDesk::CheckAndDecideAgain(Edit* edit) const {
  Result<Extraction> current = ExtractionFromJson(edit->values);
  if (!current.ok()) {
    return Status::Internal("document " + std::to_string(edit->current.document.id) + ": " +
                            current.status().message());
  }
  static const ExtractorCalibration kSchemaThresholds;
  const ExtractorCalibration* calibration = calibration_source_ ? calibration_source_() : nullptr;
  CheckContext context{erp_, edit->current.document.id, today_ ? today_() : ""};
  CheckAndDecide(edit->schema, calibration != nullptr ? *calibration : kSchemaThresholds, &*current, context);
  edit->values["findings"] = FindingsToJson(current->findings);
  edit->values["review_required"] = current->review_required;
  edit->values["review_reasons"] = current->review_reasons;
  if (!edit->reopened && (edit->status == ReviewStatus::kNeedsReview || edit->status == ReviewStatus::kAutoAccepted))
    edit->status = current->review_required ? ReviewStatus::kNeedsReview : ReviewStatus::kAutoAccepted;
  return Status::Ok();
}

Result<Json> ReviewDesk::CorrectField(int64_t id, const std::string& field, const Correction& correction,
                                      const std::string& user) {
  return Apply(id, user, [&](Edit* edit) -> Status {
    const FieldSpec* spec = edit->schema != nullptr ? FindSpec(edit->schema->fields, field) : nullptr;
    if (spec == nullptr) return edit->NoSuchField(field);
    QUAI_RETURN_IF_ERROR(edit->Correct(&edit->values["fields"], field, *spec, correction, "field_corrected", field));
    if (edit->unchanged) return Status::Ok();
    if (field == "supplier_name") {
      // The supplier shown and searched follows the person's correction.
      Json& supplier = edit->values["supplier"];
      if (!supplier.is_object()) supplier = Json{{"known", false}};
      supplier["name"] = correction.value ? edit->values["fields"][field]["value"] : Json("");
    }
    return Status::Ok();
  });
}

Result<Json> ReviewDesk::CorrectLineField(int64_t id, int line, const std::string& field, const Correction& correction,
                                          const std::string& user) {
  return Apply(id, user, [&](Edit* edit) -> Status {
    const FieldSpec* spec = edit->schema != nullptr ? FindSpec(edit->schema->lines, field) : nullptr;
    if (spec == nullptr) return edit->NoSuchField(LineFieldName(line, field));
    Result<size_t> index = edit->Line(line);
    if (!index.ok()) return index.status();
    Json& row = edit->values["lines"][*index];
    if (!row.is_object()) row = Json::object();
    return edit->Correct(&row, field, *spec, correction, "line_corrected", LineFieldName(line, field));
  });
}

Result<Json> ReviewDesk::AddLine(int64_t id, const std::map<std::string, std::string>& values,
                                 const std::string& user) {
  return Apply(id, user, [&](Edit* edit) -> Status {
    if (edit->schema == nullptr || edit->schema->lines.empty()) {
      return Status::InvalidArgument("document " + std::to_string(id) + ": " +
                                     (edit->Type().empty() ? "this type" : edit->Type()) +
                                     " documents have no line items");
    }
    Json& lines = edit->values["lines"];
    const int line = static_cast<int>(lines.size());
    Json row = Json::object();
    Json after = Json::object();
    for (const auto& [name, typed] : values) {
      const FieldSpec* spec = FindSpec(edit->schema->lines, name);
      if (spec == nullptr) return edit->NoSuchField(LineFieldName(line, name));
      Result<std::string> normalised = NormalizeFieldValue(*spec, typed);
      if (!normalised.ok()) {
        return Status::InvalidArgument("lines[" + std::to_string(line) + "]." + normalised.status().message());
      }
      row[name] = {
          {"value", *normalised}, {"confidence", 1}, {"evidence", "corrected by " + edit->user}, {"corrected", true}};
      after[name] = *normalised;
    }
    lines.push_back(std::move(row));
    // A person who adds a line has read the table: rows it left unread are answered.
    edit->values.erase("unread_line_rows");
    StoredReviewEvent& event = edit->AddEvent("line_added", LineFieldName(line, ""));
    event.after_json = after.dump();
    edit->ValuesChanged();
    return Status::Ok();
  });
}

Result<Json> ReviewDesk::RemoveLine(int64_t id, int line, const std::string& user) {
  return Apply(id, user, [&](Edit* edit) -> Status {
    Result<size_t> index = edit->Line(line);
    if (!index.ok()) return index.status();
    Json& lines = edit->values["lines"];
    StoredReviewEvent& event = edit->AddEvent("line_removed", LineFieldName(line, ""));
    event.before_json = LineValues(lines[*index]).dump();
    lines.erase(*index);
    edit->ValuesChanged();
    return Status::Ok();
  });
}

Result<Json> ReviewDesk::ChangeType(int64_t id, const std::string& document_type, const std::string& user) {
  return Apply(id, user, [&](Edit* edit) -> Status {
    const DocumentSchema* schema = schemas_.Find(document_type);
    if (schema == nullptr) {
      std::string known;
      for (const std::string& type : schemas_.DocumentTypes()) known += (known.empty() ? "" : ", ") + type;
      return Status::InvalidArgument("unknown document type '" + document_type + "' (known: " + known + ")");
    }
    const std::string before = edit->Type();
    if (before == document_type) return Status::Ok();
    // Values the new type has no place for are dropped; the event keeps them.
    std::string dropped;
    auto note = [&dropped](const std::string& name, const Json& value) {
      dropped +=
          (dropped.empty() ? "" : ", ") + name + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
    };
    Json& fields = edit->values["fields"];
    for (auto it = fields.begin(); it != fields.end();) {
      if (FindSpec(schema->fields, it.key()) == nullptr) {
        note(it.key(), it->is_object() ? it->value("value", Json(nullptr)) : *it);
        it = fields.erase(it);
      } else {
        ++it;
      }
    }
    Json& lines = edit->values["lines"];
    Json kept_lines = Json::array();
    for (size_t i = 0; i < lines.size(); ++i) {
      Json kept = Json::object();
      for (const auto& [name, value] : lines[i].items()) {
        if (FindSpec(schema->lines, name) != nullptr) {
          kept[name] = value;
        } else {
          note(LineFieldName(static_cast<int>(i), name),
               value.is_object() ? value.value("value", Json(nullptr)) : value);
        }
      }
      if (!schema->lines.empty()) kept_lines.push_back(std::move(kept));
    }
    lines = std::move(kept_lines);
    edit->values["document_type"] = document_type;
    edit->values["type_confidence"] = 1;
    edit->values["type_evidence"] = "changed by " + edit->user;
    edit->schema = schema;
    StoredReviewEvent& event = edit->AddEvent("type_changed", "");
    event.before_json = before.empty() ? "null" : Json(before).dump();
    event.after_json = Json(document_type).dump();
    if (!dropped.empty()) event.reason = "dropped: " + dropped;
    edit->ValuesChanged();
    return Status::Ok();
  });
}

Result<Json> ReviewDesk::Validate(int64_t id, const std::string& user, const std::string& override_reason,
                                  Json* blockers) {
  const std::string reason = TrimSpaces(override_reason);
  if (reason.size() > kMaxReasonBytes)
    return Status::InvalidArgument("the reason is longer than " + std::to_string(kMaxReasonBytes) + " bytes");
  return Apply(id, user, [&](Edit* edit) -> Status {
    // The checks as of now (the ERP's answer too: another delivery on the
    // same order may have been validated meanwhile): a blocking finding, or a
    // required value missing or not one its type can hold, must be corrected
    // or overridden with a reason first.
    QUAI_RETURN_IF_ERROR(CheckAndDecideAgain(edit));
    Json found = Json::array();
    std::string first;
    for (const Json& finding : edit->values["findings"])
      if (finding.value("blocking", false)) {
        found.push_back({{"code", finding.value("code", "")},
                         {"field", finding.value("field", "")},
                         {"message", finding.value("message", "")}});
        if (first.empty())
          first = finding.value("message", "") + " (" + finding.value("code", "") + ")";
      }
    if (edit->schema != nullptr) {
      for (const FieldSpec& spec : edit->schema->fields) {
        if (!spec.required) continue;
        const Json value = ValueOf(edit->values["fields"], spec.name);
        if (!value.is_string() || value.get<std::string>().empty()) {
          bool listed = false;
          for (const Json& b : found) listed = listed || b.value("field", "") == spec.name;
          if (!listed) {
            found.push_back({{"code", finding_codes::kRequiredFieldMissing},
                             {"field", spec.name},
                             {"message", spec.name + " is required and has no value"}});
            if (first.empty()) first = spec.name + " is required and has no value (required_field_missing)";
          }
          continue;
        }
        if (Result<std::string> normalised = NormalizeFieldValue(spec, value.get<std::string>()); !normalised.ok()) {
          found.push_back({{"code", "invalid_value"}, {"field", spec.name}, {"message", normalised.status().message()}});
          if (first.empty()) first = normalised.status().message() + " (invalid_value)";
        }
      }
    }
    if (!found.empty()) {
      if (blockers != nullptr) *blockers = found;
      if (reason.empty())
        return Status::FailedPrecondition("document " + std::to_string(id) + ": " + first +
                                          "; correct the values or validate with a reason to override");
      Json codes = Json::array();
      for (const Json& b : found) codes.push_back({{"code", b["code"]}, {"field", b["field"]}});
      StoredReviewEvent& event = edit->AddEvent("validation_overridden", "");
      event.reason = reason;
      event.after_json = codes.dump();
    }
    CanonicalDocument canonical;
    canonical.document_type = edit->Type().empty() ? "other" : edit->Type();
    Json pointers = Json::array();
    auto pointed = [&pointers](const std::string& name, const Json& field) {
      if (field.is_object() && field.value("corrected", false) && field.contains("page")) {
        Json pointer = {{"field", name}, {"page", field["page"]}};
        pointer["box"] = field.contains("box") ? field["box"] : Json(nullptr);
        pointers.push_back(std::move(pointer));
      }
    };
    for (const auto& [name, field] : edit->values["fields"].items()) {
      const Json value = field.is_object() ? field.value("value", Json(nullptr)) : Json(nullptr);
      if (value.is_string() && !value.get<std::string>().empty()) canonical.fields[name] = value.get<std::string>();
      pointed(name, field);
    }
    const Json& lines = edit->values["lines"];
    for (size_t i = 0; i < lines.size(); ++i) {
      std::map<std::string, std::string>& line = canonical.lines.emplace_back();
      if (!lines[i].is_object()) continue;
      for (const auto& [name, field] : lines[i].items()) {
        const Json value = field.is_object() ? field.value("value", Json(nullptr)) : Json(nullptr);
        if (value.is_string() && !value.get<std::string>().empty()) line[name] = value.get<std::string>();
        pointed(LineFieldName(static_cast<int>(i), name), field);
      }
    }
    TrainingExample example;
    example.document_id = id;
    example.document_type = canonical.document_type;
    example.canonical_json = CanonicalDocumentToJson(canonical).dump(-1, ' ', false, Json::error_handler_t::replace);
    example.pointers_json = pointers.dump();
    const Json& model = edit->values["model_version"];
    example.model_version = model.is_string() ? model.get<std::string>() : "";
    example.validated_by = edit->user;
    example.validated_at = edit->now;
    edit->update->training_example = std::move(example);
    edit->update->remove_training_example = false;
    // The version it accepts, booked with its lots and sent to the export
    // targets, in this transaction.
    auto values = ExtractionFromJson(edit->values);
    if (!values.ok()) return values.status();
    auto accepted = BuildAcceptedVersion(*values, erp_, id, "validated", edit->user);
    if (!accepted.ok()) return accepted.status();
    edit->update->accepted = std::move(accepted).value();
    edit->status = ReviewStatus::kValidated;
    edit->update->state.validated_by = edit->user;
    edit->update->state.validated_at = edit->now;
    edit->update->state.rejected_reason.clear();
    edit->AddEvent("validated", "");
    return Status::Ok();
  });
}

Result<Json> ReviewDesk::OverrideFinding(int64_t id, const std::string& code, const std::string& field,
                                         const std::string& reason, const std::string& user) {
  const std::string trimmed = TrimSpaces(reason);
  if (trimmed.empty())
    return Status::InvalidArgument("a reason is required to override finding " + code + " of document " +
                                   std::to_string(id));
  if (trimmed.size() > kMaxReasonBytes)
    return Status::InvalidArgument("the reason is longer than " + std::to_string(kMaxReasonBytes) + " bytes");
  return Apply(id, user, [&](Edit* edit) -> Status {
    bool blocking = false;
    for (const Json& finding : edit->values["findings"])
      if (finding.value("code", "") == code && finding.value("field", "") == field && finding.value("blocking", false))
        blocking = true;
    if (!blocking)
      return Status::NotFound("document " + std::to_string(id) + " has no blocking finding " + code +
                              (field.empty() ? "" : " on " + field));
    Json& overrides = edit->values["finding_overrides"];
    if (!overrides.is_array()) overrides = Json::array();
    overrides.push_back({{"code", code}, {"field", field}, {"reason", trimmed}, {"user", edit->user}, {"at", edit->now}});
    StoredReviewEvent& event = edit->AddEvent("finding_overridden", field);
    event.reason = trimmed;
    event.after_json = Json(code).dump();
    edit->values_changed = true;  // checked again: the override lifts it
    return Status::Ok();
  });
}

Result<Json> ReviewDesk::Recheck(int64_t id) {
  return Apply(id, "quai", [](Edit* edit) -> Status {
    edit->values_changed = true;
    return Status::Ok();
  });
}

Result<Json> ReviewDesk::Reject(int64_t id, const std::string& reason, const std::string& user) {
  const std::string trimmed = TrimSpaces(reason);
  if (trimmed.empty()) return Status::InvalidArgument("a reason is required to reject document " + std::to_string(id));
  if (trimmed.size() > kMaxReasonBytes) {
    return Status::InvalidArgument("the reason is longer than " + std::to_string(kMaxReasonBytes) + " bytes");
  }
  return Apply(id, user, [&](Edit* edit) -> Status {
    edit->status = ReviewStatus::kRejected;
    edit->update->state.rejected_reason = trimmed;
    edit->update->state.validated_by.clear();
    edit->update->state.validated_at.clear();
    edit->update->remove_training_example = true;
    edit->AddEvent("rejected", "").reason = trimmed;
    return Status::Ok();
  });
}

Result<std::vector<ReviewEvent>> ReviewDesk::Events(int64_t id) {
  Result<std::optional<DocumentRecord>> document = documents_->FindDocument(id);
  if (!document.ok()) return document.status();
  if (!document->has_value()) return Status::NotFound("no document with id " + std::to_string(id));
  Result<std::vector<StoredExtraction>> extractions = documents_->ListExtractions(id);
  if (!extractions.ok()) return extractions.status();
  Result<std::vector<StoredReviewEvent>> stored = reviews_->ListReviewEvents(id);
  if (!stored.ok()) return stored.status();

  std::vector<ReviewEvent> events;
  ReviewEvent& received = events.emplace_back();
  received.document_id = id;
  received.user = "system";
  received.at = (*document)->created_at;
  received.action = "received";
  received.after = (*document)->original_name;
  if ((*document)->status == DocumentStatus::kRefused) {
    ReviewEvent& refused = events.emplace_back();
    refused.document_id = id;
    refused.user = "system";
    refused.at = (*document)->updated_at;
    refused.action = "refused";
    refused.reason = (*document)->error;
  }
  for (auto it = extractions->rbegin(); it != extractions->rend(); ++it) {  // stored newest first
    ReviewEvent& extracted = events.emplace_back();
    extracted.document_id = id;
    extracted.user = "system";
    extracted.at = it->created_at;
    extracted.action = "extracted";
    extracted.after = {{"document_type", it->document_type},
                       {"model_version", it->model_version},
                       {"review_required", it->review_required}};
  }
  for (const StoredReviewEvent& row : *stored) {
    ReviewEvent& event = events.emplace_back();
    event.id = row.id;
    event.document_id = row.document_id;
    event.user = row.user;
    event.at = row.at;
    event.action = row.action;
    event.field = row.field;
    event.before = Json::parse(row.before_json, nullptr, /*allow_exceptions=*/false);
    event.after = Json::parse(row.after_json, nullptr, /*allow_exceptions=*/false);
    if (event.before.is_discarded()) event.before = nullptr;
    if (event.after.is_discarded()) event.after = nullptr;
    event.page = row.page;
    if (!row.box_json.empty()) {
      const Json box = Json::parse(row.box_json, nullptr, /*allow_exceptions=*/false);
      if (box.is_array() && box.size() == 4) {
        event.box = Box{box[0].get<double>(), box[1].get<double>(), box[2].get<double>(), box[3].get<double>()};
      }
    }
    event.reason = row.reason;
  }
  // Timestamps are fixed-width UTC text; a stable sort keeps each kind's own order.
  std::stable_sort(events.begin(), events.end(),
                   [](const ReviewEvent& a, const ReviewEvent& b) { return a.at < b.at; });
  return events;
}

}  // namespace quai
