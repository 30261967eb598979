// PDF originals through poppler's C++ API: text layer with word boxes, page
// rendering in grayscale. Poppler's own error printing is silenced; failures come
// back as Status.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-embedded-file.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <string>

#include "einvoice/einvoice_syntax.h"
#include "einvoice/invoice_xml.h"
#include "intake/source_document.h"
#include "intake/text_layer_lines.h"
#include "intake/text_layer_quality.h"

namespace quai {
namespace {

void IgnorePopplerMessage(const std::string&, void*) {}

void QuietPoppler() {
  static const bool done = [] {
    poppler::set_debug_error_function(IgnorePopplerMessage, nullptr);
    return true;
  }();
  (void)done;
}

// A file cut short loses its trailer. Poppler rebuilds the cross reference of
// most such files and reads what is there; those it cannot open are named as
// truncated rather than corrupt.
bool HasEndOfFileMarker(std::string_view bytes) {
  std::string_view tail = bytes.substr(bytes.size() > 2048 ? bytes.size() - 2048 : 0);
  return tail.find("%%EOF") != std::string_view::npos;
}

std::string PageName(int index) { return "page " + std::to_string(index + 1); }

// kNotFound: the file does not hold this page in a form the library can build;
// the document's other pages are read (pipeline/stages.cc keeps it empty).
Status UnreadablePage(int index) {
  return Status::NotFound(PageName(index) + " cannot be read (a broken object in the PDF's page tree)");
}

bool IsQuarterTurn(poppler::page::orientation_enum orientation) {
  return orientation == poppler::page::landscape || orientation == poppler::page::seascape;
}

int RotationDegrees(poppler::page::orientation_enum orientation) {
  switch (orientation) {
    case poppler::page::landscape: return 90;
    case poppler::page::upside_down: return 180;
    case poppler::page::seascape: return 270;
    case poppler::page::portrait: break;
  }
  return 0;
}

// The names Factur-X (1.0), ZUGFeRD (1 and 2) and XRechnung give the embedded
// invoice XML; compared without case.
bool IsInvoiceFileName(std::string name) {
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name == "factur-x.xml" || name == "zugferd-invoice.xml" || name == "xrechnung.xml";
}

class PdfDocument final : public SourceDocument {
 public:
  PdfDocument(std::unique_ptr<poppler::document> document, const IntakeLimits& limits)
      : document_(std::move(document)), limits_(limits) {}

  int page_count() const override { return document_->pages(); }

  Result<TextLayerPage> ReadTextLayer(int index) override {
    std::unique_ptr<poppler::page> page(document_->create_page(index));
    if (!page) return UnreadablePage(index);
    TextLayerPage result;
    poppler::rectf rect = page->page_rect(poppler::media_box);
    bool quarter = IsQuarterTurn(page->orientation());
    result.width = quarter ? rect.height() : rect.width();
    result.height = quarter ? rect.width() : rect.height();
    result.rotation = RotationDegrees(page->orientation());
    for (const poppler::text_box& box : page->text_list()) {
      poppler::byte_array utf8 = box.text().to_utf8();
      std::string text(utf8.data(), utf8.size());
      if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      poppler::rectf b = box.bbox();
      Word word;
      word.text = std::move(text);
      word.box = {b.left(), b.top(), b.right(), b.bottom()};
      word.confidence = 1.0;
      result.words.push_back(std::move(word));
    }
    if (!IsUsableTextLayer(result.words)) {
      result.words.clear();
    } else {
      AssignLinesAndBlocks(&result.words);
    }
    return result;
  }

  // A Factur-X / ZUGFeRD PDF carries its invoice as an embedded file: the one
  // with a known name, else any embedded XML whose root is a UBL or CII
  // invoice. A file over the e-invoice size limit is not taken.
  Result<EInvoiceFile> ReadEInvoiceFile() override {
    if (!document_->has_embedded_files()) return EInvoiceFile{};
    EInvoiceFile found;
    for (poppler::embedded_file* file : document_->embedded_files()) {
      if (file == nullptr || !file->is_valid()) continue;
      const bool named = IsInvoiceFileName(file->name());
      if (!named && !found.xml.empty()) continue;
      if (file->size() > static_cast<int>(kMaxInvoiceXmlBytes)) continue;
      poppler::byte_array data = file->data();
      if (data.size() > kMaxInvoiceXmlBytes) continue;
      std::string_view bytes(data.data(), data.size());
      if (SniffEInvoiceSyntax(bytes) == EInvoiceSyntax::kNone && !named) continue;
      found = {file->name(), std::string(bytes)};
      if (named) break;
    }
    return found;
  }

  // The pixel limit applies here, to pages that are rendered: a born-digital
  // page with a huge media box keeps its text layer. A page a little over the
  // limit (a poster, a scan at A3+) is rendered at the resolution that fits, down
  // to 5/6 of the one asked for, the band page preparation reads without
  // enlarging; the PageImage says which resolution it got.
  Result<PageImage> RenderPage(int index, int dpi) override {
    std::unique_ptr<poppler::page> page(document_->create_page(index));
    if (!page) return UnreadablePage(index);
    poppler::rectf rect = page->page_rect(poppler::crop_box);
    // An empty crop box is ignored by poppler's renderer, which draws the media box.
    if (!(rect.width() > 0 && rect.height() > 0)) rect = page->page_rect(poppler::media_box);
    const double square_points = static_cast<double>(rect.width()) * rect.height();
    auto pixels_at = [&](int at_dpi) { return square_points * at_dpi * at_dpi / (72.0 * 72.0); };
    if (!(pixels_at(dpi) >= 1)) return Status::InvalidArgument(PageName(index) + " has no size");
    const double limit = static_cast<double>(limits_.max_page_pixels);
    if (pixels_at(dpi) > limit) {
      const int fitting = static_cast<int>(std::floor(dpi * std::sqrt(limit / pixels_at(dpi))));
      const int lowest = (dpi * 5 + 5) / 6;
      if (fitting < lowest)
        return Status::LimitExceeded(PageName(index) + " would be " +
                                     std::to_string(static_cast<int64_t>(pixels_at(dpi) / 1e6)) + " megapixels at " +
                                     std::to_string(dpi) + " dpi (" +
                                     std::to_string(static_cast<int64_t>(pixels_at(lowest) / 1e6)) + " at " +
                                     std::to_string(lowest) + " dpi), over the limit of " +
                                     std::to_string(limits_.max_page_pixels / 1'000'000) + " megapixels");
      dpi = fitting;
    }
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_gray8);
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    poppler::image image = renderer.render_page(page.get(), dpi, dpi);
    if (!image.is_valid() || image.width() <= 0 || image.height() <= 0)
      return Status::InvalidArgument(PageName(index) + " cannot be rendered");
    PixPtr pix(pixCreate(image.width(), image.height(), 8));
    if (!pix) return Status::Internal("out of memory rendering " + PageName(index));
    const char* data = image.const_data();
    for (int y = 0; y < image.height(); ++y) {
      const unsigned char* row = reinterpret_cast<const unsigned char*>(data + y * image.bytes_per_row());
      l_uint32* line = pixGetData(pix.get()) + y * pixGetWpl(pix.get());
      for (int x = 0; x < image.width(); ++x) SET_DATA_BYTE(line, x, row[x]);
    }
    pixSetResolution(pix.get(), dpi, dpi);
    return PageImage{std::move(pix), dpi};
  }

 private:
  std::unique_ptr<poppler::document> document_;
  IntakeLimits limits_;
};

}  // namespace

// Refuses only what poppler cannot open, or opens with no page. A page that
// cannot be read is that page's error, when it is read; the pixel limit is
// checked when a page is rendered.
Result<std::unique_ptr<SourceDocument>> OpenPdfDocument(std::string_view bytes, const IntakeLimits& limits,
                                                        int /*render_dpi*/) {
  QuietPoppler();
  QuietLeptonica();
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  const bool cut_short = !HasEndOfFileMarker(bytes);
  if (!document)
    return Status::InvalidArgument(cut_short ? "truncated PDF (no end-of-file marker, and poppler cannot open it)"
                                             : "corrupt PDF (poppler cannot open it)");
  if (document->is_locked())
    return Status::InvalidArgument("password-protected PDF (it does not open without a password)");
  int pages = document->pages();
  if (pages <= 0)
    return Status::InvalidArgument(cut_short ? "truncated PDF (no end-of-file marker, and no page can be found)"
                                             : "PDF has no pages");
  if (pages > limits.max_pages)
    return Status::LimitExceeded("PDF has " + std::to_string(pages) + " pages, over the limit of " +
                                 std::to_string(limits.max_pages));
  return std::unique_ptr<SourceDocument>(new PdfDocument(std::move(document), limits));
}

}  // namespace quai
