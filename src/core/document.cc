// Names of the document model's enums, as stored and printed.
#include "quai/document.h"
#include "quai/pipeline.h"

namespace quai {

const char* MediaTypeName(MediaType type) {
  switch (type) {
    case MediaType::kPdf: return "application/pdf";
    case MediaType::kPng: return "image/png";
    case MediaType::kJpeg: return "image/jpeg";
    case MediaType::kTiff: return "image/tiff";
    case MediaType::kXml: return "application/xml";
    case MediaType::kUnknown: break;
  }
  return "application/octet-stream";
}

const char* TextSourceName(TextSource source) { return source == TextSource::kOcr ? "ocr" : "layer"; }

const char* DocumentStatusName(DocumentStatus status) {
  switch (status) {
    case DocumentStatus::kReceived: return "received";
    case DocumentStatus::kProcessed: return "processed";
    case DocumentStatus::kRefused: return "refused";
  }
  return "unknown";
}

bool ParseDocumentStatus(const std::string& name, DocumentStatus* status) {
  for (DocumentStatus s : {DocumentStatus::kReceived, DocumentStatus::kProcessed, DocumentStatus::kRefused}) {
    if (name == DocumentStatusName(s)) {
      *status = s;
      return true;
    }
  }
  return false;
}

const char* IngestOutcomeName(IngestOutcome outcome) {
  switch (outcome) {
    case IngestOutcome::kStored: return "stored";
    case IngestOutcome::kDuplicate: return "duplicate";
    case IngestOutcome::kRefused: return "refused";
  }
  return "unknown";
}

int IngestReport::stored() const {
  int n = 0;
  for (const auto& f : files) n += f.outcome == IngestOutcome::kStored;
  return n;
}
int IngestReport::duplicates() const {
  int n = 0;
  for (const auto& f : files) n += f.outcome == IngestOutcome::kDuplicate;
  return n;
}
int IngestReport::refused() const {
  int n = 0;
  for (const auto& f : files) n += f.outcome == IngestOutcome::kRefused;
  return n;
}
int IngestReport::pages_from_text_layer() const {
  int n = 0;
  for (const auto& f : files) n += f.pages_from_text_layer;
  return n;
}
int IngestReport::pages_from_ocr() const {
  int n = 0;
  for (const auto& f : files) n += f.pages_from_ocr;
  return n;
}

}  // namespace quai
