#include "extract/extractor.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "core/shipped_files.h"
#include "extract/article_memory.h"
#include "extract/recognizers/date_recognizer.h"
#include "extract/recognizers/word_text.h"
#include "extract/barcode_candidates.h"
#include "extract/corroboration.h"
#include "extract/line_arithmetic.h"
#include "extract/line_item_extractor.h"
#include "extract/line_shape_repair.h"
#include "extract/number_columns.h"
#include "extract/type_evidence.h"
#include "extract/unlabelled_cells.h"
#include "extract/recognizers/date_recognizer.h"
#include "extract/usual_fields.h"

namespace quai {
namespace {

// Codes, PO and VAT numbers: identifiers a supplier prints in one shape.
bool IsIdentifier(const FieldSpec& field) {
  return field.type == ValueType::kCode || field.type == ValueType::kPoNumber || field.type == ValueType::kVatNumber;
}

// A field is reported when its best candidate is at least this likely; below,
// it is absent and the review screen asks for it. A required field is worth a
// weaker suggestion: the document goes to review anyway (its confidence is
// low), and a suggestion to confirm is quicker than a value to find.
constexpr double kMinReportedProbability = 0.35;
constexpr double kMinReportedProbabilityRequired = 0.1;
// Added to the raw score of a line cell that something beyond its reading
// backs (an article the supplier delivered before; a line that adds up): above
// every other cell's raw score (at most 2), so the calibration map gives such
// cells their own share right. (A code in its column's learned shape is
// corroborated too, but gets no boost: the shape says nothing of its digits,
// so only its threshold, chosen on such cells, differs.)
constexpr double kCorroboratedCellScore = 2;

ExtractedValue ToValue(const FieldCandidate& c) {
  ExtractedValue v;
  v.value = c.value;
  v.confidence = c.confidence;
  v.page = c.page + 1;
  v.box = c.box;
  v.evidence = c.evidence;
  return v;
}

// A line whose lot (and expiry) a GS1 label on the document repeats is
// confirmed by it; a line missing its expiry takes it from the label of its lot.
void ConfirmLinesWithGs1(const std::vector<Gs1Value>& gs1, Extraction* extraction) {
  for (auto& line : extraction->lines) {
    auto lot = line.find("lot_number");
    if (lot == line.end()) continue;
    for (const Gs1Value& v : gs1) {
      if (v.field != "lot_number" || v.value != lot->second.value) continue;
      lot->second.confidence = std::max(lot->second.confidence, 0.99);
      lot->second.doubted = false;  // the bars read it the same: not a slip of the print
      lot->second.evidence += v.from_bars ? ", confirmed by barcode" : ", confirmed by GS1 text";
      // The expiry printed in the same GS1 string.
      for (const Gs1Value& e : gs1) {
        if (e.field != "expiry_date" || e.page != v.page || e.row != v.row || !(e.box.x0 == v.box.x0)) continue;
        auto expiry = line.find("expiry_date");
        if (expiry == line.end()) {
          ExtractedValue value;
          value.value = e.value;
          value.confidence = 0.95;
          value.page = e.page + 1;
          value.box = e.box;
          value.evidence = v.from_bars ? "barcode GS1 (17)" : "GS1 text (17)";
          line["expiry_date"] = value;
        } else if (expiry->second.value == e.value) {
          expiry->second.confidence = std::max(expiry->second.confidence, 0.99);
        }
      }
      break;
    }
  }
}

// Whether the candidate's page was read by OCR (barcodes are decoded, not read).
void MarkReadByOcr(const std::vector<Page>& pages, FieldCandidate& c) {
  c.from_ocr = c.row >= 0 && c.page >= 0 && c.page < static_cast<int>(pages.size()) &&
               pages[c.page].text_source == TextSource::kOcr;
}

}  // namespace

// A recognised supplier's name as the supplier table has it (validated by a
// person) replaces a close reading of it: "Chimirh0ne SAS" read off a scan is
// "Chimirhône SAS" (repaired); "CHIMIRHONE SAS" is written as validated.
void RepairSupplierName(const std::string& known, std::vector<FieldCandidate>* candidates) {
  const std::string target = FoldOcrLookalikes(FoldSupplierName(known));
  if (target.size() < 4) return;
  for (FieldCandidate& c : *candidates) {
    std::string read = FoldOcrLookalikes(FoldSupplierName(c.value));
    if (read.empty() || (read != target && Similarity(target, read) < 0.8)) continue;
    c.repaired = c.repaired || FoldSupplierName(c.value) != FoldSupplierName(known);
    c.value = known;
  }
}

Result<std::vector<ClassificationRule>> LoadClassificationRules(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::vector<ClassificationRule>{};  // no rules configured
  nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.value("rules", nlohmann::json::array()).is_array())
    return Status::InvalidArgument(path + ": expected {\"rules\": [{\"document_type\": ..., \"phrases\": [...]}]}");
  std::vector<ClassificationRule> rules;
  for (const auto& r : json.value("rules", nlohmann::json::array())) {
    ClassificationRule rule;
    rule.document_type = r.value("document_type", "");
    for (const auto& phrase : r.value("phrases", nlohmann::json::array()))
      if (phrase.is_string()) rule.phrases.push_back(phrase);
    if (rule.document_type.empty() || rule.phrases.empty())
      return Status::InvalidArgument(path + ": every rule needs a document_type and phrases");
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::string DefaultModelDirectory() {
  if (const char* models = std::getenv("QUAI_MODELS"); models != nullptr && *models != '\0') return models;
  return ShippedFiles().models;
}

Result<std::unique_ptr<Extractor>> Extractor::LoadSchemasOnly(const ExtractorOptions& options) {
  auto schemas = SchemaSet::LoadDirectory(options.schema_dir.empty() ? DefaultSchemaDirectory() : options.schema_dir);
  if (!schemas.ok()) return schemas.status();
  auto extractor = std::unique_ptr<Extractor>(new Extractor());
  extractor->schemas_ = std::move(schemas).value();
  extractor->type_evidence_ = std::make_shared<const TypeEvidenceFinder>(extractor->schemas_);
  std::string schema_dir = options.schema_dir.empty() ? DefaultSchemaDirectory() : options.schema_dir;
  auto rules = LoadClassificationRules(schema_dir + "/../rules.json");
  if (!rules.ok()) return rules.status();
  extractor->rules_ = std::move(rules).value();
  extractor->features_ = std::make_unique<CandidateFeatures>(extractor->schemas_.AllFieldNames());
  return extractor;
}

Result<std::unique_ptr<Extractor>> Extractor::Load(const ExtractorOptions& options) {
  auto extractor = LoadSchemasOnly(options);
  if (!extractor.ok()) return extractor.status();
  std::string model_dir = options.model_dir.empty() ? DefaultModelDirectory() : options.model_dir;
  auto classifier = DocumentClassifier::Load(model_dir + "/" + kClassifierFile);
  if (!classifier.ok()) return classifier.status();
  auto scorer = FieldScorer::Load(model_dir + "/" + kScorerFile);
  if (!scorer.ok()) return scorer.status();
  if ((*scorer)->feature_names() != CandidateFeatures::Names())
    return Status::InvalidArgument(model_dir + "/" + kScorerFile +
                                   ": trained with other features than this quai computes; retrain it (quai train)");
  auto calibration = LoadExtractorCalibration(model_dir + "/" + kCalibrationFile);
  if (calibration.ok())
    (*extractor)->calibration_ = std::move(calibration).value();
  else if (calibration.status().code() != StatusCode::kNotFound)
    return calibration.status();
  (*extractor)->raw_line_scores_ = options.raw_line_scores;
  (*extractor)->classifier_ = std::move(classifier).value();
  (*extractor)->scorer_ = std::move(scorer).value();
  (*extractor)->features_ = std::make_unique<CandidateFeatures>((*extractor)->scorer_->field_names());
  return extractor;
}

std::map<std::string, std::vector<FieldCandidate>> Extractor::Candidates(const std::vector<Page>& pages,
                                                                        const std::string& document_type,
                                                                        const LearnedInputs& learned) const {
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  const DocumentSchema* schema = schemas_.Find(document_type);
  if (schema == nullptr) return candidates;
  DocumentView view(pages);
  RecognizerContext context;
  const std::vector<std::string> words = view.AllWords();
  context.number_style = GuessNumberStyle(words);
  context.date_order = learned.date_order != DateOrder::kUnknown ? learned.date_order : GuessDateOrder(words);
  SchemaLexicons lexicons(*schema, learned.labels);
  candidates = GenerateCandidates(view, lexicons, context);
  AddGs1Candidates(FindGs1Values(view), *schema, &candidates);
  features_->Compute(view, lexicons, &candidates);
  return candidates;
}

std::vector<LineItem> Extractor::LineItems(const std::vector<Page>& pages, const std::string& document_type,
                                          const LearnedInputs& learned) const {
  const DocumentSchema* schema = schemas_.Find(document_type);
  if (schema == nullptr || schema->lines.empty()) return {};
  DocumentView view(pages);
  RecognizerContext context;
  const std::vector<std::string> words = view.AllWords();
  context.number_style = GuessNumberStyle(words);
  context.date_order = learned.date_order != DateOrder::kUnknown ? learned.date_order : GuessDateOrder(words);
  SchemaLexicons lexicons(*schema, learned.labels);
  std::vector<LineItem> items = LineItemExtractor(lexicons).Extract(view, context);
  ReadNumberColumns(*schema, {}, &items);
  ReadUnlabelledCells(view, *schema, context, &items);
  return items;
}

namespace {

// True for a type whose schema names no title words and no label for any
// field: only its examples describe it.
bool TaughtByExamplesOnly(const DocumentSchema* schema) {
  if (schema == nullptr || !schema->keywords.empty()) return false;
  for (const auto* fields : {&schema->fields, &schema->lines})
    for (const FieldSpec& field : *fields)
      if (!field.labels.empty()) return false;
  return true;
}

}  // namespace

std::string TitleType(const DocumentView& view, const SchemaSet& schemas, std::string* title, bool* prominent) {
  const PrintedTitle printed = TypeEvidenceFinder(schemas).FindTitle(view);
  *title = printed.keyword;
  if (prominent != nullptr) *prominent = printed.prominent;
  return printed.document_type;
}

Result<TypePrediction> Extractor::Classify(const std::vector<Page>& pages) const {
  if (!classifier_) return Status::Internal("no classifier loaded");
  if (auto rule = DocumentClassifier::MatchRule(pages, rules_)) return *rule;
  // The model runs once: its answer, and its probabilities weighed below.
  const auto probabilities = classifier_->Probabilities(pages);
  TypePrediction type = DocumentClassifier::FromProbabilities(probabilities);
  // A type a company taught by examples alone (no title words, no labels: a
  // custom `receipt`) leaves the evidence nothing to find, while the types it
  // resembles collect votes ("TAX INVOICE", totals); the classifier trained on
  // the company's examples is that type's only voice, so its reading stands.
  if (!probabilities.empty() && TaughtByExamplesOnly(schemas_.Find(probabilities[0].first))) return type;
  // What the classifier read is weighed against the printed title, the fields
  // found and the layout (extract/type_evidence.h): a delivery note titled in
  // words it never saw still has a delivery-note number, a lot column and no
  // VAT totals; a title printed larger than the text is the document naming
  // itself, and a supplier's wording the classifier never saw ("Certificat
  // d'analyse") can make it sure of the wrong type.
  DocumentView view(pages);
  const TypeEvidenceFinder& finder = *type_evidence_;
  const PrintedTitle printed = finder.FindTitle(view);
  TypeEvidence evidence = finder.Find(view);
  AddPrintedTitle(printed.document_type, printed.keyword, printed.prominent, &evidence);
  const CombinedType combined = CombineTypeEvidence(probabilities, evidence);
  // Out of `other` only on strong evidence when the classifier reads `other`:
  // orders, quotations and statements print totals and columns too.
  const bool classifier_other = !probabilities.empty() && probabilities[0].first == "other";
  const bool strong = combined.probability >= (classifier_other ? 0.8 : 0.5);
  const std::string decided = strong ? combined.document_type : "other";
  if (decided != type.document_type) {
    type.document_type = decided;
    type.confidence = strong ? combined.probability : 1.0 - combined.probability;
    type.evidence = "fields and layout";
    if (auto it = evidence.reasons.find(decided); it != evidence.reasons.end())
      for (size_t i = 0; i < it->second.size() && i < 4; ++i) type.evidence += (i == 0 ? ": " : ", ") + it->second[i];
  }
  return type;
}

Result<Extraction> Extractor::ExtractAs(const std::vector<Page>& pages, const TypePrediction& type,
                                        const SupplierKnowledge* knowledge) const {
  if (!scorer_) return Status::Internal("no field scorer loaded");
  Extraction extraction;
  const std::string& document_type = type.document_type;
  extraction.document_type = document_type;
  extraction.type_confidence = type.confidence;
  extraction.type_evidence = type.evidence;
  extraction.model_version = (classifier_ ? classifier_->version() : "") + "+" + scorer_->version();
  for (const Page& page : pages) extraction.page_sources.push_back(page.text_source);
  const DocumentSchema* schema = schemas_.Find(document_type);
  // Nothing to read: the decide stage says why a person must look.
  if (schema == nullptr || (schema->fields.empty() && schema->lines.empty())) return extraction;
  DocumentView view(pages);
  for (const SupplierIdentity& id : FindSupplierIdentifiers(view))
    extraction.printed_identifiers.push_back({id.kind, id.value});
  RecognizerContext context;
  const std::vector<std::string> words = view.AllWords();
  context.number_style = GuessNumberStyle(words);
  // What validated documents taught: the supplier, its layout, learned labels.
  LayoutMemory memory;
  std::map<std::string, std::vector<std::string>> learned_labels;
  bool supplier_by_identifier = false;
  if (knowledge != nullptr) {
    SupplierMatch supplier = knowledge->Recognize(view);
    supplier_by_identifier = supplier.by_identifier;
    extraction.supplier.name = supplier.name;
    extraction.supplier.known = supplier.known;
    extraction.supplier.id = supplier.id;
    extraction.supplier.evidence = supplier.evidence;
    if (supplier.known) memory = knowledge->Memory(supplier.id, document_type);
    extraction.supplier.learned_documents = static_cast<int>(
        std::min<size_t>(memory.examples.size(), static_cast<size_t>(kLayoutMemoryDocuments)));
    extraction.supplier.usual_fields = UsualFields(memory);
    learned_labels = knowledge->LearnedLabels(document_type);
    // The supplier's own wording of its labels, from its validated documents.
    for (auto& [field, labels] : SupplierLabels(memory))
      learned_labels[field].insert(learned_labels[field].end(), labels.begin(), labels.end());
  }
  // Day and month: in the order the page's own dates show, else the one the
  // supplier's validated documents showed.
  context.date_order = GuessDateOrder(words);
  const DateOrder learned_order = LearnedDateOrder(memory);
  const bool date_order_learned = context.date_order == DateOrder::kUnknown && learned_order != DateOrder::kUnknown;
  if (date_order_learned) context.date_order = learned_order;
  // The units the supplier printed on its validated documents are units on its next ones.
  for (const FieldSpec& field : schema->lines)
    if (field.type == ValueType::kUnit)
      for (const LayoutExample& example : memory.examples)
        for (const auto& line : example.lines)
          if (auto unit = line.find(field.name); unit != line.end() && !unit->second.empty())
            context.learned_units.insert(FoldForLookup(unit->second));
  SchemaLexicons lexicons(*schema, learned_labels);
  auto candidates = GenerateCandidates(view, lexicons, context);
  std::vector<Gs1Value> gs1 = FindGs1Values(view);
  AddGs1Candidates(gs1, *schema, &candidates);
  features_->Compute(view, lexicons, &candidates);
  for (auto& [field, list] : candidates)
    for (FieldCandidate& c : list) MarkReadByOcr(pages, c);
  if (extraction.supplier.known)
    if (auto it = candidates.find(schema->supplier_field); it != candidates.end())
      RepairSupplierName(extraction.supplier.name, &it->second);
  std::vector<std::string> identifiers;
  for (const FieldSpec& field : schema->fields)
    if (IsIdentifier(field)) identifiers.push_back(field.name);
  RepairByLearnedShapes(memory, identifiers, &candidates);
  RepairByRememberedValues(memory, *schema, &candidates);
  ApplyLayoutMemory(memory, pages, &candidates);

  // Score every candidate in one batch.
  std::vector<FieldCandidate*> all;
  std::vector<std::vector<float>> rows;
  for (auto& [field, list] : candidates)
    for (auto& c : list) {
      all.push_back(&c);
      rows.push_back(c.features);
    }
  auto scores = scorer_->Predict(rows);
  if (!scores.ok()) return scores.status();
  for (size_t i = 0; i < all.size(); ++i) {
    all[i]->probability = (*scores)[i];
    const std::vector<CalibrationPoint>* map =
        calibration_.FieldMap(pages[all[i]->page].text_source == TextSource::kOcr);
    all[i]->confidence = map != nullptr ? ApplyCalibration(*map, (*scores)[i]) : scorer_->Calibrate((*scores)[i]);
  }
  // Best first; a place on the page serves one field of a value type.
  std::sort(all.begin(), all.end(), [](const FieldCandidate* a, const FieldCandidate* b) {
    return a->probability > b->probability;
  });
  std::set<std::tuple<int, int, int>> used;  // (value type, row, first word)
  std::map<std::string, std::string> printed;  // field -> the chosen value as printed
  for (FieldCandidate* c : all) {
    if (c->probability < kMinReportedProbabilityRequired) break;
    if (extraction.fields.count(c->field)) continue;
    const FieldSpec* spec = schema->FindField(c->field);
    if (c->probability < kMinReportedProbability && !spec->required) continue;
    // Decoded bars have no row: each GS1 value is its own place.
    auto place = c->row >= 0 ? std::make_tuple(static_cast<int>(spec->type), c->row, c->first_word)
                             : std::make_tuple(static_cast<int>(spec->type), -1, static_cast<int>(std::hash<std::string>()(c->value) & 0x7fffffff));
    if (used.count(place)) continue;
    used.insert(place);
    extraction.fields[c->field] = ToValue(*c);
    printed[c->field] = c->printed;
  }
  if (!extraction.fields.count("currency")) {
    // A currency printed with the amounts stands for the document's currency.
    for (const char* amount : {"total_incl_tax", "total_excl_tax"}) {
      auto it = candidates.find(amount);
      if (it == candidates.end() || !extraction.fields.count(amount)) continue;
      for (const auto& c : it->second)
        if (c.value == extraction.fields[amount].value && !c.currency.empty()) {
          ExtractedValue v = ToValue(c);
          v.value = c.currency;
          v.evidence = "currency printed with " + std::string(amount);
          extraction.fields["currency"] = v;
          break;
        }
      if (extraction.fields.count("currency")) break;
    }
  }
  if (!schema->lines.empty()) {
    std::vector<LineItem> items = LineItemExtractor(lexicons).Extract(view, context, &extraction.unread_line_rows);
    for (LineItem& item : items)
      for (auto& [field, cell] : item.fields) MarkReadByOcr(pages, cell);
    RepairByRememberedArticles(memory, *schema, &items);
    RepairLineCodesByLearnedShapes(memory, *schema, &items);
    ReadNumberColumns(*schema, LearnedColumnDecimals(memory, *schema), &items);
    ReadUnlabelledCells(view, *schema, context, &items);
    for (LineItem& item : items)
      for (auto& [field, cell] : item.fields) MarkReadByOcr(pages, cell);
    CheckLineArithmetic(&items);
    // Code line field -> the shape most of its remembered values share, and the one all of them do.
    std::map<std::string, std::string> column_shapes, unanimous_shapes;
    for (const FieldSpec& field : schema->lines)
      if (field.type == ValueType::kCode) {
        column_shapes[field.name] = ColumnShape(memory, field.name);
        unanimous_shapes[field.name] = UnanimousShape(memory, field.name, true);
      }
    for (auto& item : items) {
      std::map<std::string, ExtractedValue> line;
      for (auto& [name, cell] : item.fields) {
        // A column where the supplier's validated documents had this field's
        // values, and an article it delivered before, raise the cell's score;
        // the calibration says what they are worth.
        double share = ColumnShare(memory, name, cell, pages);
        const double read = cell.confidence * (1 + share);
        const double raw = read + (cell.remembered || cell.adds_up ? kCorroboratedCellScore : 0);
        // Without a calibration (models older than it), the reading's own score.
        cell.confidence = raw_line_scores_           ? raw
                          : calibration_.lines.empty() ? std::min(read, 0.99)
                                                       : ApplyCalibration(calibration_.LineMap(
                                                             name, pages[cell.page].text_source == TextSource::kOcr),
                                                         raw);
        if (2 * share >= 1)
          cell.evidence += ", column learned from " + std::to_string(extraction.supplier.learned_documents) +
                           " validated document" + (extraction.supplier.learned_documents > 1 ? "s" : "") +
                           " of this supplier";
        if (cell.remembered)
          cell.evidence += cell.repaired ? ", read as an article this supplier delivered before"
                                         : ", an article this supplier delivered before";
        line[name] = ToValue(cell);
        auto shape = column_shapes.find(name);
        line[name].corroborated = CellCorroborated(cell, shape != column_shapes.end() ? shape->second : "");
        if (line[name].corroborated && !cell.remembered && !cell.adds_up)
          line[name].evidence += ", printed in the shape of this supplier's " + name + " values";
        if (auto unanimous = unanimous_shapes.find(name);
            !line[name].corroborated && unanimous != unanimous_shapes.end() &&
            BreaksShape(line[name].value, unanimous->second)) {
          // Raw scores (training) stay as read: the trainer lowers doubted cells after its maps.
          line[name].doubted = true;
          if (!raw_line_scores_) line[name].confidence = std::min(line[name].confidence, kDoubtedConfidence);
          line[name].evidence += ", not in the shape of every " + name + " of this supplier (" + unanimous->second + ")";
        }
      }
      extraction.lines.push_back(std::move(line));
    }
    ConfirmLinesWithGs1(gs1, &extraction);
  }
  LowerLinesNotAddingUp(&extraction);
  if (auto it = extraction.fields.find("supplier_name"); it != extraction.fields.end() && !extraction.supplier.known)
    extraction.supplier.name = it->second.value;

  // The supplier field of a supplier recognised by an identifier that is its
  // alone, read as the name its validated documents have (RepairSupplierName
  // wrote it as validated): two readings of the page agree with what a person
  // validated, so its confidence is not what decides (decide/decide.h).
  if (auto it = extraction.fields.find(schema->supplier_field); it != extraction.fields.end() &&
                                                                 supplier_by_identifier &&
                                                                 it->second.value == extraction.supplier.name) {
    it->second.evidence += ", the name of the supplier recognised by " + extraction.supplier.evidence;
    extraction.supplier.name_confirmed = true;
  }
  // What confirms or contradicts each header value beyond its reading.
  for (const FieldSpec& field : schema->fields) {
    auto it = extraction.fields.find(field.name);
    const bool confirmed = field.name == schema->supplier_field && extraction.supplier.name_confirmed;
    if (it == extraction.fields.end() || confirmed) continue;
    const bool ocr = pages[it->second.page - 1].text_source == TextSource::kOcr;
    // Something beyond its reading confirms it: it takes the confidence such
    // values earned in training.
    const std::string corroboration = Corroboration(extraction, field.name, memory);
    auto doubt = [&](const std::string& why) {
      it->second.doubted = true;
      it->second.confidence = std::min(it->second.confidence, kDoubtedConfidence);
      it->second.evidence += ", " + why;
    };
    if (!corroboration.empty()) {
      it->second.corroborated = true;
      it->second.evidence += ", " + corroboration;
      it->second.confidence = calibration_.CorroboratedConfidence(ocr, it->second.confidence);
    } else if (field.company_number) {
      // The company's own numbers: its shapes, whichever supplier printed them.
      if (knowledge != nullptr && OutsideCompanyShapes(it->second.value, knowledge->CompanyShapes(field.name)))
        doubt("in no shape of the " + field.name + " values the company validated");
    } else if (IsIdentifier(field)) {
      if (const std::string shape = UnanimousShape(memory, field.name, false); BreaksShape(it->second.value, shape))
        doubt("not in the shape of every " + field.name + " of this supplier (" + shape + ")");
    }
    if ((field.type == ValueType::kDate || field.type == ValueType::kExpiryDate) &&
        PrintedInEitherOrder(printed[field.name])) {
      if (date_order_learned) {
        it->second.evidence += context.date_order == DateOrder::kMonthFirst
                                   ? ", month before day as this supplier's validated documents print their dates"
                                   : ", day before month as this supplier's validated documents print their dates";
      } else if (context.date_order == DateOrder::kUnknown && context.number_style != NumberStyle::kDecimalComma) {
        // A page with a decimal comma prints day first; with a point, both are in use.
        doubt("day and month could be either way round: no date on the page or of this supplier says which comes first");
      }
    }
  }
  return extraction;
}

}  // namespace quai
