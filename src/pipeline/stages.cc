#include "pipeline/stages.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "check/document_checks.h"
#include "check/finding_codes.h"
#include "monitor/process_metrics.h"
#include "core/sha256.h"
#include "decide/decide.h"
#include "einvoice/einvoice_extraction.h"
#include "einvoice/einvoice_reader.h"
#include "intake/type_sniffer.h"
#include "pipeline/page_json.h"
#include "receive/acceptance.h"
#include "storage/search_values.h"

namespace quai {
namespace {

void Refuse(DocumentJob& job, const std::string& cause) {
  job.report.outcome = IngestOutcome::kRefused;
  job.report.error = job.path + ": " + cause;
  job.finished = true;
}

// Sizes in MiB with one decimal ("105.0 MiB, over the limit of 100.0 MiB"),
// in bytes when the two would read the same.
std::string OverSizeLimit(int64_t size, const IntakeLimits& limits) {
  auto mebibytes = [](int64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return std::string(text);
  };
  std::string file = mebibytes(size), limit = mebibytes(limits.max_file_bytes);
  if (file == limit) file = std::to_string(size) + " bytes", limit = std::to_string(limits.max_file_bytes) + " bytes";
  return "file is " + file + ", over the limit of " + limit;
}

// Opens the job's original in this worker's reader, unless it is open already
// (the pages of one file follow each other); its page count.
Result<int> OpenInWorker(const PipelineContext& context, WorkerState& worker, DocumentJob& job) {
  if (!worker.reader) worker.reader = NewDocumentReader(context.options, nullptr);
  if (worker.open_sequence == job.sequence) return job.page_count;
  worker.open_sequence = -1;
  auto pages = worker.reader->Open(job.bytes, job.report.media_type, BaseName(job.path));
  if (pages.ok()) worker.open_sequence = job.sequence;
  return pages;
}

// Opens the stored original within the limits and sizes the job's page slots. A
// document that does not open is kept and marked refused with the cause.
void OpenAndCountPages(const PipelineContext& context, WorkerState& worker, DocumentJob& job) {
  auto pages = OpenInWorker(context, worker, job);
  if (!pages.ok()) {
    Refuse(job, pages.status().message());
    if (context.repository != nullptr) (void)context.repository->MarkRefused(job.report.document_id, job.report.error);
    return;
  }
  job.page_count = *pages;
  job.pages.resize(job.page_count);
  job.page_errors.resize(job.page_count);
  job.unreadable_pages.assign(job.page_count, "");
}

// `quai ingest` reads in its own process: it holds the document's read job,
// so a worker sharing the data directory does not read it too. False when the
// job ends here (another process is reading the document, or the store failed).
bool ClaimReadJob(const PipelineContext& context, DocumentJob& job) {
  if (context.jobs == nullptr || context.read_holder.empty()) return true;
  auto claimed = context.jobs->ClaimDocumentJob(JobKind::kRead, job.report.document_id, context.read_holder,
                                                context.read_lease);
  if (!claimed.ok()) {
    Refuse(job, "cannot claim its reading (" + claimed.status().message() + ")");
    job.retry_later = true;
    return false;
  }
  if (!claimed->has_value()) {
    // Stored and queued: the worker that holds it reads it.
    job.report.outcome = IngestOutcome::kStored;
    job.finished = true;
    return false;
  }
  return true;
}

// Reads the file (unless the job already holds its bytes: an upload),
// recognises its type, stores the original durably (before any parsing) and
// checks it opens within the limits. Cheap refusals (empty,
// oversized, unsupported) store nothing; a file that is stored and then fails
// to open is kept and marked refused, so nothing given is lost.
void RunIntake(const PipelineContext& context, WorkerState& worker, DocumentJob& job, int) {
  const IntakeLimits& limits = context.options.limits;
  if (job.bytes == nullptr) {
    auto size = context.file_system->FileSize(job.path);
    if (!size.ok()) return Refuse(job, "cannot be read (" + size.status().message() + ")");
    // A FIFO or a device reports size 0 and would block the read: named for what it is.
    FileKind kind = context.file_system->KindOf(job.path);
    if (kind == FileKind::kDirectory) return Refuse(job, "is a directory");
    if (kind != FileKind::kRegular && kind != FileKind::kMissing)
      return Refuse(job, std::string("not a regular file (") + DescribeFileKind(kind) + ")");
    if (*size == 0) return Refuse(job, "empty file (0 bytes)");
    if (*size > limits.max_file_bytes) return Refuse(job, OverSizeLimit(*size, limits));
    auto bytes = context.file_system->ReadFile(job.path, limits.max_file_bytes);
    if (!bytes.ok()) return Refuse(job, "cannot be read (" + bytes.status().message() + ")");
    job.bytes = std::make_shared<const std::string>(std::move(bytes).value());
  } else if (static_cast<int64_t>(job.bytes->size()) > limits.max_file_bytes) {
    return Refuse(job, OverSizeLimit(static_cast<int64_t>(job.bytes->size()), limits));
  }
  const std::string& original = *job.bytes;
  if (original.empty()) return Refuse(job, "empty file (0 bytes)");

  job.report.media_type = SniffMediaType(original);
  if (job.report.media_type == MediaType::kUnknown)
    return Refuse(job, std::string("unsupported file type: the content is ") + DescribeUnsupportedContent(original) +
                           ", not PDF, PNG, JPEG, TIFF or an XML e-invoice (UBL, CII)");
  job.report.sha256 = Sha256Hex(original);

  if (context.repository != nullptr) {
    auto existing = context.repository->FindDocumentBySha256(job.report.sha256);
    if (!existing.ok()) return Refuse(job, existing.status().message());
    bool claimed = context.in_progress->Claim(job.report.sha256);
    if (!claimed || (existing->has_value() && ((*existing)->status == DocumentStatus::kProcessed ||
                                                context.any_stored_is_duplicate))) {
      // Already stored, or the same bytes are being read by another job of this batch.
      if (!existing->has_value()) existing = context.repository->FindDocumentBySha256(job.report.sha256);
      job.report.outcome = IngestOutcome::kDuplicate;
      job.report.document_id = existing.ok() && existing->has_value() ? (*existing)->id : 0;
      job.finished = true;
      return;
    }
    Status stored = context.blob_store->Put(job.report.sha256, original);
    if (!stored.ok()) return Refuse(job, "cannot store the original (" + stored.message() + ")");
    if (existing->has_value()) {
      // Received earlier but never finished (a crash), or refused under other limits: read it again.
      job.report.document_id = (*existing)->id;
    } else {
      DocumentRecord record;
      record.sha256 = job.report.sha256;
      record.original_name = BaseName(job.path);
      record.source = job.source;
      record.origin_json = job.origin_json;
      record.media_type = job.report.media_type;
      record.size_bytes = static_cast<int64_t>(original.size());
      auto id = context.repository->AddDocument(record);
      if (!id.ok() && id.status().code() == StatusCode::kAlreadyExists) {
        // The same bytes appeared twice in this batch and the other copy got there first.
        auto other = context.repository->FindDocumentBySha256(job.report.sha256);
        job.report.outcome = IngestOutcome::kDuplicate;
        job.report.document_id = other.ok() && other->has_value() ? (*other)->id : 0;
        job.finished = true;
        return;
      }
      if (!id.ok()) return Refuse(job, "cannot record the document (" + id.status().message() + ")");
      job.report.document_id = *id;
    }
    if (!ClaimReadJob(context, job)) return;
  }

  OpenAndCountPages(context, worker, job);
}

// A document received earlier (an upload, or one left `received` by a stop or
// a crash; or a refused one given again): its original comes back from the
// blob store. A document already processed (read meanwhile by another
// process) is left alone.
void RunReopen(const PipelineContext& context, WorkerState& worker, DocumentJob& job, int) {
  auto found = context.repository->FindDocument(job.report.document_id);
  if (!found.ok()) {
    Refuse(job, found.status().message());
    job.retry_later = true;
    return;
  }
  if (!found->has_value()) return Refuse(job, "document #" + std::to_string(job.report.document_id) + " is gone");
  const DocumentRecord& record = **found;
  job.origin_json = record.origin_json;
  job.path = record.original_name;
  job.report.path = record.original_name;
  job.report.sha256 = record.sha256;
  job.report.media_type = record.media_type;
  if (record.status == DocumentStatus::kProcessed) {
    job.report.outcome = IngestOutcome::kDuplicate;
    job.finished = true;
    return;
  }
  auto bytes = context.blob_store->Get(record.sha256, std::max(record.size_bytes, context.options.limits.max_file_bytes));
  if (!bytes.ok()) {
    Refuse(job, "the stored original cannot be read (" + bytes.status().message() + ")");
    (void)context.repository->MarkRefused(job.report.document_id, job.report.error);
    return;
  }
  job.bytes = std::make_shared<const std::string>(std::move(bytes).value());
  OpenAndCountPages(context, worker, job);
}

// Words of one page, from its text layer or by OCR.
void RunPageText(const PipelineContext& context, WorkerState& worker, DocumentJob& job, int page) {
  auto opened = OpenInWorker(context, worker, job);
  if (!opened.ok()) {
    job.page_errors[page] = opened.status().message();
    return;
  }
  auto read = worker.reader->ReadPage(page);
  if (!read.ok() && read.status().code() == StatusCode::kNotFound && job.page_count > 1) {
    // One broken page of several: that page is kept empty and named, the others read.
    Page empty;
    empty.number = page + 1;
    empty.text_source = TextSource::kTextLayer;  // no OCR ran on it
    job.pages[page] = std::move(empty);
    job.unreadable_pages[page] = read.status().message();
    return;
  }
  if (!read.ok()) {
    job.page_errors[page] = read.status().message();
    return;
  }
  job.pages[page] = std::move(read).value();
}

// The models (schemas, classifier, scorer) every later stage of the document
// uses, taken once by the first stage that needs them: the server may switch
// models meanwhile.
void TakeModels(const PipelineContext& context, DocumentJob& job) {
  if (job.extractor != nullptr) return;
  std::shared_ptr<const Extractor> current = context.current_extractor ? context.current_extractor() : nullptr;
  job.extractor = current ? current.get() : context.extractor;
  job.models = std::move(current);
}

// A document that carries its data (einvoice/): an XML e-invoice (UBL, CII),
// or a PDF with its invoice XML embedded (Factur-X, ZUGFeRD, XRechnung). Its
// values come from the XML, each with confidence 1, and classify and extract
// have nothing left to do. For a PDF, the key values its visible pages do not
// show as the XML says are kept for the einvoice_text check, with what a
// reading of the pages gives (only then are they read). A PDF whose embedded
// XML cannot be read is read from its pages like any other; without models
// (no schemas) the document is stored with its pages only, as any other.
void RunEInvoice(const PipelineContext& context, WorkerState& worker, DocumentJob& job, int) {
  if (job.report.media_type != MediaType::kXml && job.report.media_type != MediaType::kPdf) return;
  for (const std::string& error : job.page_errors)
    if (!error.empty()) return;  // the store stage refuses the document
  if (!OpenInWorker(context, worker, job).ok()) return;
  auto file = worker.reader->ReadEInvoiceFile();
  if (!file.ok() || file->xml.empty()) return;
  auto invoice = ReadEInvoice(file->xml);
  if (!invoice.ok()) return;
  TakeModels(context, job);
  if (job.extractor == nullptr) return;
  Extraction extraction = ExtractionFromEInvoice(*invoice, job.pages, file->name);
  if (job.report.media_type == MediaType::kPdf) {
    extraction.einvoice.page_disagreements = FindPageDisagreements(extraction, job.pages);
    if (!extraction.einvoice.page_disagreements.empty()) {
      auto read = job.extractor->ExtractAs(job.pages, TypePrediction{"invoice", 1.0, "e-invoice"}, context.knowledge);
      if (read.ok())
        for (PageDisagreement& d : extraction.einvoice.page_disagreements)
          if (auto shown = read->fields.find(d.field); shown != read->fields.end()) d.page_shows = shown->second.value;
    }
  }
  job.extraction = std::move(extraction);
}

// The default document type a watched folder gives its files (DocumentRecord::origin_json).
std::string DefaultDocumentType(const std::string& origin_json) {
  if (origin_json.empty()) return "";
  nlohmann::json origin = nlohmann::json::parse(origin_json, nullptr, false);
  if (!origin.is_object() || !origin.contains("document_type") || !origin["document_type"].is_string()) return "";
  return origin["document_type"].get<std::string>();
}

// The document type (the classifier, a keyword rule or the printed title),
// with the models every later stage uses. A document no model can read is
// still stored (pages only) so a person can read it: the manual path always
// exists. Skipped when the einvoice stage gave the values.
void RunClassify(const PipelineContext& context, WorkerState&, DocumentJob& job, int) {
  if (job.extraction) return;
  TakeModels(context, job);
  if (job.extractor == nullptr) return;
  for (const std::string& error : job.page_errors)
    if (!error.empty()) return;  // the store stage refuses the document
  auto type = job.extractor->Classify(job.pages);
  if (type.ok()) job.type = std::move(type).value();
  // A document the classifier cannot place takes the default type of the
  // folder it came from, if it has one, as a guess a person confirms.
  if (job.type && job.type->document_type == "other") {
    const std::string fallback = DefaultDocumentType(job.origin_json);
    if (!fallback.empty() && job.extractor->schemas().Find(fallback) != nullptr)
      *job.type = TypePrediction{fallback, 0.5, "the default type of the folder it came from"};
  }
}

// Fields and line items of the classified type, each with its confidence.
void RunExtract(const PipelineContext& context, WorkerState&, DocumentJob& job, int) {
  if (!job.type || job.extraction) return;
  auto extraction = job.extractor->ExtractAs(job.pages, *job.type, context.knowledge);
  if (extraction.ok()) job.extraction = std::move(extraction).value();
}

// The supplier's name as printed (its field), else as recognised.
std::string SupplierAsRead(const Extraction& extraction) {
  auto field = extraction.fields.find("supplier_name");
  if (field != extraction.fields.end() && !field->second.value.empty()) return field->second.value;
  return extraction.supplier.name;
}

std::optional<double> MeanFieldConfidence(const Extraction& extraction) {
  if (extraction.fields.empty()) return std::nullopt;
  double sum = 0;
  for (const auto& [name, value] : extraction.fields) sum += value.confidence;
  return sum / static_cast<double>(extraction.fields.size());
}

// The findings of the values read (check/document_checks.h).
void RunCheck(const PipelineContext& context, WorkerState&, DocumentJob& job, int) {
  if (!job.extraction) return;
  CheckContext check{context.erp, job.report.document_id, context.today ? context.today() : ""};
  RunChecks(job.extractor->schemas().Find(job.extraction->document_type), &*job.extraction, check);
  for (const std::string& page : job.unreadable_pages)
    if (!page.empty()) job.extraction->findings.push_back({finding_codes::kPageUnreadable, "", true, page});
}

// Auto-accepted, or why a person must look (decide/decide.h).
void RunDecide(const PipelineContext&, WorkerState&, DocumentJob& job, int) {
  if (!job.extraction) return;
  const DocumentSchema* schema = job.extractor->schemas().Find(job.extraction->document_type);
  RecordDecision(Decide(*job.extraction, schema, job.extractor->calibration()), &*job.extraction);
}

// Pages and words in one transaction; the document becomes processed. A page
// that could not be read refuses the whole document: half a document is never
// stored.
void RunStore(const PipelineContext& context, WorkerState&, DocumentJob& job, int) {
  for (const std::string& error : job.page_errors) {
    if (error.empty()) continue;
    Refuse(job, error);
    if (context.repository != nullptr) (void)context.repository->MarkRefused(job.report.document_id, job.report.error);
    return;
  }
  for (const Page& page : job.pages) {
    if (page.text_source == TextSource::kOcr)
      ++job.report.pages_from_ocr;
    else
      ++job.report.pages_from_text_layer;
  }
  if (context.repository != nullptr) {
    // The extraction first, then the pages, which make the document processed
    // and finish its read job in one transaction: a reader killed in between
    // leaves the job to be run again, and the extraction of the same model is
    // replaced, never doubled.
    if (job.extraction) {
      StoredExtraction stored;
      stored.document_id = job.report.document_id;
      stored.model_version = job.extraction->model_version;
      stored.document_type = job.extraction->document_type;
      stored.review_required = job.extraction->review_required;
      stored.result_json = ExtractionToJson(*job.extraction).dump();
      stored.supplier = SupplierAsRead(*job.extraction);
      stored.mean_confidence = MeanFieldConfidence(*job.extraction);
      stored.search_values = SearchValuesOf(*job.extraction);
      if (!job.extraction->review_required) {
        // Straight through: accepted in the extraction's transaction, with its exports.
        auto accepted = BuildAcceptedVersion(*job.extraction, context.erp, job.report.document_id, "auto_accepted",
                                             "quai", stored.result_json);
        if (!accepted.ok()) {
          Refuse(job, "cannot book the accepted document (" + accepted.status().message() + ")");
          job.retry_later = true;
          return;
        }
        stored.accepted = std::move(accepted).value();
      }
      Status saved = context.repository->SaveExtraction(stored);
      if (!saved.ok()) {
        Refuse(job, "cannot store the extraction (" + saved.message() + ")");
        job.retry_later = true;
        return;
      }
    }
    Status saved = context.repository->SavePages(job.report.document_id, job.pages);
    if (!saved.ok()) {
      Refuse(job, "cannot store the pages (" + saved.message() + ")");
      job.retry_later = true;
      return;
    }
    if (job.extraction && context.on_extracted) context.on_extracted(job.report.document_id, *job.extraction);
  }
  if (job.extraction) {
    job.report.document_type = job.extraction->document_type;
    job.report.review_required = job.extraction->review_required;
  }
  job.report.outcome = IngestOutcome::kStored;
}

}  // namespace

const std::vector<Stage>& IngestStages() {
  static const std::vector<Stage> stages = {
      {"intake", StageScope::kDocument, RunIntake},
      {"page_text", StageScope::kPage, RunPageText},
      {"einvoice", StageScope::kDocument, RunEInvoice},
      {"classify", StageScope::kDocument, RunClassify},
      {"extract", StageScope::kDocument, RunExtract},
      {"check", StageScope::kDocument, RunCheck},
      {"decide", StageScope::kDocument, RunDecide},
      {"store", StageScope::kDocument, RunStore},
  };
  return stages;
}

const std::vector<Stage>& PageReadingStages() {
  static const std::vector<Stage> stages = {
      {"intake", StageScope::kDocument, RunIntake},
      {"page_text", StageScope::kPage, RunPageText},
      {"einvoice", StageScope::kDocument, RunEInvoice},
      {"store", StageScope::kDocument, RunStore},
  };
  return stages;
}

const std::vector<Stage>& ReadStages() {
  static const std::vector<Stage> stages = {
      {"reopen", StageScope::kDocument, RunReopen},
      {"page_text", StageScope::kPage, RunPageText},
      {"einvoice", StageScope::kDocument, RunEInvoice},
      {"classify", StageScope::kDocument, RunClassify},
      {"extract", StageScope::kDocument, RunExtract},
      {"check", StageScope::kDocument, RunCheck},
      {"decide", StageScope::kDocument, RunDecide},
      {"store", StageScope::kDocument, RunStore},
  };
  return stages;
}

void RunIntakeOnly(const PipelineContext& context, DocumentJob& job) {
  WorkerState worker;
  if (context.readers) worker.reader = context.readers->Take();
  auto start = std::chrono::steady_clock::now();
  RunIntake(context, worker, job, -1);
  if (context.readers) context.readers->Give(std::move(worker.reader));
  const double milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  job.report.timings.push_back({"intake", milliseconds});
  monitor::ProcessMetrics::Global().ObserveStage("intake", milliseconds / 1000);
  if (!job.finished && job.report.document_id != 0) job.report.outcome = IngestOutcome::kStored;
}

}  // namespace quai
