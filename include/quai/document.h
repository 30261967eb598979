// The document model shared by every stage: a document is an original file
// (identified by the SHA-256 of its bytes) split into pages of words with boxes.
// Boxes are in PDF points (1/72 inch) from the top-left corner of the page as a
// person sees it upright, whatever the source (text layer or OCR).
// Plain value types; no behaviour beyond naming.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace quai {

// The real type of a file, recognised from its content, never from its name.
// kXml: an e-invoice as XML alone (UBL or CII, by its root element).
enum class MediaType { kUnknown, kPdf, kPng, kJpeg, kTiff, kXml };
const char* MediaTypeName(MediaType type);  // "application/pdf", "image/png", ..., "application/xml"

// Where a page's words came from.
enum class TextSource { kTextLayer, kOcr };
const char* TextSourceName(TextSource source);  // "layer" or "ocr"

// A document's place in the flow.
//   received:  the original is stored; its pages are not (yet) read.
//   processed: every page has been read and stored.
//   refused:   the original could not be read (corrupt, encrypted, over a limit);
//              `error` says why. The original is kept so nothing given is lost.
enum class DocumentStatus { kReceived, kProcessed, kRefused };
const char* DocumentStatusName(DocumentStatus status);
bool ParseDocumentStatus(const std::string& name, DocumentStatus* status);

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // points, top-left origin, x1 >= x0, y1 >= y0
};

struct Word {
  std::string text;
  Box box;
  double confidence = 1.0;  // 0..1; 1.0 for words from a text layer
  int block = 0;            // block number on the page, from 0
  int line = 0;             // line number on the page, from 0, increasing in reading order
};

// A barcode found on a page (src/barcode decodes them).
struct Barcode {
  std::string format;  // "Code128", "DataMatrix", "QRCode", "EAN13", "EAN8", "UPCA", "UPCE", "Code39", "ITF"
  std::string text;    // decoded text; for GS1 symbols the element string with <GS> (\x1d)
                       // separators, without the leading FNC1 / symbology identifier
  bool gs1 = false;    // FNC1 in first position: symbology identifier ]C1, ]d2 or ]Q3
  Box box;             // points from the page's top-left corner
};

struct Page {
  int number = 1;              // from 1
  double width = 0;            // points, upright
  double height = 0;           // points, upright
  int dpi = 0;                 // resolution OCR ran at; 0 for text-layer pages
  int rotation = 0;            // degrees clockwise applied to make the page upright: 0/90/180/270
  double skew_degrees = 0;     // small-angle correction applied after rotation
  TextSource text_source = TextSource::kTextLayer;
  std::vector<Word> words;
  std::vector<Barcode> barcodes;  // decoded from the page image (pages read by OCR)
};

// A document as recorded in the store.
struct DocumentRecord {
  int64_t id = 0;
  std::string sha256;          // lowercase hex of the original's bytes
  std::string original_name;   // file name as given (base name)
  std::string source;          // where it came from: "cli", "upload", "folder:NAME", "mail:NAME"
  // What a watched source knows of it, as a JSON object: a mail's "sender",
  // "subject", "date" and "message_id", a folder's "path"; empty otherwise.
  std::string origin_json;
  MediaType media_type = MediaType::kUnknown;
  int64_t size_bytes = 0;
  int page_count = 0;
  DocumentStatus status = DocumentStatus::kReceived;
  std::string error;           // why it was refused; empty otherwise
  std::string created_at;      // ISO 8601 UTC
  std::string updated_at;
};

}  // namespace quai
