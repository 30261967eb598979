#include "learn/learner.h"

#include <algorithm>
#include <numeric>

#include <nlohmann/json.hpp>

#include "extract/recognizers/date_recognizer.h"
#include "extract/recognizers/vat_number.h"
#include "learn/layout_learning.h"
#include "learn/text_folding.h"
#include "learn/value_comparison.h"

namespace quai {
namespace {

using Json = nlohmann::json;

// Drift: the latest documents of a supplier needing clearly more corrections
// than its earlier ones.
constexpr int kRecentOutcomes = 3;
constexpr int kMinOutcomes = 6;
constexpr double kCorrectionRise = 0.15;
// Drift: the mean confidence of the latest documents read against the ones before.
constexpr size_t kRecentConfidences = 25;
constexpr size_t kBaselineConfidences = 100;
constexpr double kConfidenceShift = 0.08;

std::vector<ValuePointer> ParsePointers(const std::string& json_text) {
  std::vector<ValuePointer> pointers;
  Json json = Json::parse(json_text, nullptr, false);
  if (!json.is_array()) return pointers;
  for (const Json& p : json) {
    if (!p.is_object() || !p.value("box", Json()).is_array() || p["box"].size() != 4) continue;
    ValuePointer pointer;
    pointer.field = p.value("field", "");
    if (pointer.field.empty() || pointer.field.rfind("lines[", 0) == 0) continue;  // header fields only
    pointer.page = p.value("page", 1);
    pointer.box = {p["box"][0].get<double>(), p["box"][1].get<double>(), p["box"][2].get<double>(),
                   p["box"][3].get<double>()};
    pointers.push_back(std::move(pointer));
  }
  return pointers;
}

// Rate of corrected fields over a run of outcomes.
double CorrectionRate(std::vector<SupplierOutcome>::const_iterator first,
                      std::vector<SupplierOutcome>::const_iterator last) {
  int fields = 0, corrected = 0;
  for (auto it = first; it != last; ++it) {
    fields += it->fields;
    corrected += it->corrected;
  }
  return fields > 0 ? static_cast<double>(corrected) / fields : 0;
}

bool CorrectionsRose(const std::vector<SupplierOutcome>& newest_first, size_t from) {
  if (newest_first.size() < from + kMinOutcomes) return false;
  double recent = CorrectionRate(newest_first.begin() + from, newest_first.begin() + from + kRecentOutcomes);
  double earlier = CorrectionRate(newest_first.begin() + from + kRecentOutcomes, newest_first.end());
  return recent >= earlier + kCorrectionRise;
}

}  // namespace

std::string LearnedDocumentJson(const LearnedDocument& learned) {
  Json supplier = nullptr;
  if (learned.supplier_id != 0)
    supplier = {{"id", learned.supplier_id}, {"name", learned.supplier_name}, {"new", learned.new_supplier}};
  return Json{{"supplier", supplier},
              {"anchors", learned.anchors},
              {"fields", learned.fields},
              {"corrected", learned.corrected}}
      .dump(-1, ' ', false, Json::error_handler_t::replace);
}

Learner::Learner(DocumentStore* documents, ReviewStore* reviews, LearningStore* learning,
                 const Extractor* extractor, const StoredKnowledge* knowledge, Clock* clock)
    : documents_(documents),
      reviews_(reviews),
      learning_(learning),
      extractor_(extractor),
      knowledge_(knowledge),
      clock_(clock) {}

Result<LearnedDocument> Learner::LearnFromValidation(int64_t document_id) {
  std::lock_guard<std::mutex> serial(learning_mutex_);
  const std::string context = "learning from document " + std::to_string(document_id);
  auto example = reviews_->FindTrainingExample(document_id);
  if (!example.ok()) return example.status().WithContext(context);
  if (!example->has_value()) return Status::NotFound(context + ": it has not been validated");
  auto canonical = ParseCanonicalDocument((*example)->canonical_json);
  if (!canonical.ok()) return canonical.status().WithContext(context);
  auto pages = documents_->LoadPages(document_id);
  if (!pages.ok()) return pages.status().WithContext(context);
  if (pages->empty()) return Status::InvalidArgument(context + ": it has no pages");

  LearnedDocument learned;
  // Where each validated value is on the page.
  LearnedInputs inputs;
  inputs.labels = knowledge_->LearnedLabels(canonical->document_type);
  auto candidates = extractor_->Candidates(*pages, canonical->document_type, inputs);
  // The order its dates were printed in: what its own dates show (12/17/2026),
  // else what its validated values show: read each way, which one finds them
  // (05/12/2026 validated as 12 May: month first).
  const std::vector<std::string> words = DocumentView(*pages).AllWords();
  DateOrder date_order = GuessDateOrder(words);  // Candidates read with it already
  if (const DocumentSchema* typed = extractor_->schemas().Find(canonical->document_type);
      date_order == DateOrder::kUnknown && typed != nullptr &&
      std::any_of(words.begin(), words.end(), PrintedInEitherOrder)) {
    // `candidates` read them day first (the page said neither).
    LearnedInputs month_first = inputs;
    month_first.date_order = DateOrder::kMonthFirst;
    auto month_candidates = extractor_->Candidates(*pages, canonical->document_type, month_first);
    date_order = ValidatedDateOrder(*typed, canonical->fields, candidates, month_candidates);
    if (date_order == DateOrder::kMonthFirst) {
      candidates = std::move(month_candidates);
      inputs = month_first;
    }
  }
  LayoutExample layout =
      LearnLayoutExample(candidates, *pages, canonical->fields, ParsePointers((*example)->pointers_json),
                         extractor_->LineItems(*pages, canonical->document_type, inputs), canonical->lines);
  layout.document_id = document_id;
  layout.date_order = date_order;
  learned.anchors = static_cast<int>(layout.anchors.size());

  // Its supplier: recognised, found by the validated name, or new.
  DocumentView view(*pages);
  SupplierMatch match = knowledge_->Recognize(view);
  const DocumentSchema* schema = extractor_->schemas().Find(canonical->document_type);
  auto validated_name = canonical->fields.find(schema != nullptr ? schema->supplier_field : "supplier_name");
  std::string name = validated_name != canonical->fields.end() ? validated_name->second : "";
  auto suppliers = learning_->ListSuppliers();
  if (!suppliers.ok()) return suppliers.status().WithContext(context);
  // The person has the last word: a validated name that is not the recognised
  // supplier's names another supplier.
  if (match.known && !name.empty() && !ValuesMatch("supplier_name", match.name, name)) match = SupplierMatch{};
  std::optional<StoredSupplier> supplier;
  for (const StoredSupplier& s : *suppliers) {
    bool same = match.known ? s.id == match.id : !name.empty() && ValuesMatch("supplier_name", s.name, name);
    // A name seen first with other documents (recognised by its letterhead) is the same supplier.
    if (same) supplier = s;
  }
  // The identifiers that belong to the supplier: its validated VAT number and
  // the IBANs it prints (a customer's own numbers are never taken).
  std::vector<SupplierIdentifier> identifiers;
  if (auto vat = canonical->fields.find("supplier_vat_number"); vat != canonical->fields.end()) {
    std::string compact = CompactIdentifier(vat->second);
    if (!compact.empty()) identifiers.push_back({"vat", compact});
  }
  for (const SupplierIdentity& id : FindSupplierIdentifiers(view))
    if (id.kind == "iban") identifiers.push_back({id.kind, id.value});
  std::string letterhead = LetterheadWords(view);
  if (!supplier && !name.empty()) {
    StoredSupplier added;
    added.name = name;
    added.identifiers = identifiers;
    added.letterhead = letterhead;
    auto id = learning_->AddSupplier(added);
    if (!id.ok()) return id.status().WithContext(context);
    added.id = *id;
    supplier = added;
    learned.new_supplier = true;
    DriftSignal signal;
    signal.kind = "new_supplier";
    signal.supplier_id = added.id;
    signal.document_id = document_id;
    signal.detail_json = Json{{"supplier", name}}.dump(-1, ' ', false, Json::error_handler_t::replace);
    QUAI_RETURN_IF_ERROR(learning_->AddDriftSignal(signal).status().WithContext(context));
  }
  if (supplier) {
    learned.supplier_id = supplier->id;
    learned.supplier_name = supplier->name;
    for (const SupplierIdentifier& id : identifiers)
      if (std::find(supplier->identifiers.begin(), supplier->identifiers.end(), id) == supplier->identifiers.end())
        supplier->identifiers.push_back(id);
    if (!letterhead.empty()) supplier->letterhead = letterhead;
  }

  LayoutExampleRecord record;
  record.document_id = document_id;
  record.supplier_id = learned.supplier_id;
  record.document_type = canonical->document_type;
  record.anchors_json = LayoutExampleToJson(layout).dump(-1, ' ', false, Json::error_handler_t::replace);
  QUAI_RETURN_IF_ERROR(learning_->SaveLayoutExample(record).WithContext(context));

  // How much a person had to correct: validated fields that quai had not read so.
  std::map<std::string, std::string> read;
  if (auto stored = documents_->LatestExtraction(document_id); stored.ok() && stored->has_value()) {
    Json json = Json::parse((*stored)->result_json, nullptr, false);
    if (json.is_object() && json.value("fields", Json()).is_object())
      for (const auto& [field, value] : json["fields"].items())
        if (value.is_object() && value.value("value", Json()).is_string()) read[field] = value["value"];
  }
  for (const auto& [field, value] : canonical->fields) {
    ++learned.fields;
    auto it = read.find(field);
    learned.corrected += it == read.end() || !ValuesMatch(field, value, it->second);
  }
  for (const auto& [field, value] : read) learned.corrected += canonical->fields.count(field) == 0;
  if (supplier) {
    SupplierOutcome outcome;
    outcome.supplier_id = supplier->id;
    outcome.document_id = document_id;
    outcome.fields = learned.fields;
    outcome.corrected = learned.corrected;
    QUAI_RETURN_IF_ERROR(learning_->RecordSupplierOutcome(outcome).WithContext(context));
    // The count is the supplier's outcomes (one per document), recounted after
    // this one is recorded, not an increment: learning is run again whole
    // after a kill at any call, and an increment made before the kill would
    // count the document twice (the crash campaign found suppliers counting 2
    // validated documents of which 1 was learned).
    auto outcomes = learning_->ListSupplierOutcomes(supplier->id, 1000000);
    if (!outcomes.ok()) return outcomes.status().WithContext(context);
    supplier->documents_validated = static_cast<int>(outcomes->size());
    QUAI_RETURN_IF_ERROR(learning_->UpdateSupplier(*supplier).WithContext(context));
    QUAI_RETURN_IF_ERROR(WatchCorrections(supplier->id, document_id).WithContext(context));
  }
  return learned;
}

Status Learner::WatchCorrections(int64_t supplier_id, int64_t document_id) {
  auto outcomes = learning_->ListSupplierOutcomes(supplier_id, 20);
  if (!outcomes.ok()) return outcomes.status();
  // Signalled once when it starts: not again while the rise lasts.
  if (!CorrectionsRose(*outcomes, 0) || CorrectionsRose(*outcomes, 1)) return Status::Ok();
  DriftSignal signal;
  signal.kind = "supplier_corrections_up";
  signal.supplier_id = supplier_id;
  signal.document_id = document_id;
  signal.detail_json = Json{{"recent_correction_rate", CorrectionRate(outcomes->begin(), outcomes->begin() + kRecentOutcomes)},
                            {"earlier_correction_rate", CorrectionRate(outcomes->begin() + kRecentOutcomes, outcomes->end())},
                            {"recent_documents", kRecentOutcomes},
                            {"earlier_documents", static_cast<int>(outcomes->size()) - kRecentOutcomes}}
                           .dump();
  return learning_->AddDriftSignal(signal).status();
}

Status Learner::NoteExtraction(int64_t document_id, const Extraction& extraction) {
  if (extraction.supplier.known) QUAI_RETURN_IF_ERROR(learning_->CountSupplierDocument(extraction.supplier.id));
  if (extraction.fields.empty()) return Status::Ok();
  // The window is the store's latest extractions, whichever process read
  // them, so several workers watch one stream and signal a shift once.
  auto latest = documents_->RecentConfidences(static_cast<int>(kRecentConfidences + kBaselineConfidences));
  if (!latest.ok()) return latest.status();
  if (latest->size() < kRecentConfidences + kBaselineConfidences) return Status::Ok();
  double recent = 0, baseline = 0;
  for (size_t i = 0; i < latest->size(); ++i) ((i < kRecentConfidences) ? recent : baseline) += (*latest)[i].mean_confidence;
  recent /= static_cast<double>(kRecentConfidences);
  baseline /= static_cast<double>(kBaselineConfidences);
  if (std::fabs(recent - baseline) < kConfidenceShift) return Status::Ok();
  // Once per shift: not again while the last signal's document is still in
  // the window (by then the baseline has moved with the shift).
  std::lock_guard<std::mutex> lock(mutex_);  // this process's workers signal one at a time
  auto signals = learning_->ListDriftSignals(20, 0);
  if (!signals.ok()) return signals.status();
  for (const DriftSignal& earlier : *signals) {
    if (earlier.kind != "confidence_shift") continue;
    for (const ReadConfidence& read : *latest)
      if (read.document_id == earlier.document_id) return Status::Ok();
    break;
  }
  DriftSignal signal;
  signal.kind = "confidence_shift";
  signal.document_id = document_id;
  signal.detail_json = Json{{"recent_mean_confidence", recent},
                            {"baseline_mean_confidence", baseline},
                            {"recent_documents", kRecentConfidences},
                            {"baseline_documents", kBaselineConfidences}}
                           .dump();
  return learning_->AddDriftSignal(signal).status();
}

}  // namespace quai
