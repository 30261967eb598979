// An e-invoice that came as XML alone (UBL or CII): opening parses it with the
// hardened reader (einvoice/einvoice_reader.h), so a hostile or broken file is
// refused here with its cause; its pages are quai's own layout of the values
// (einvoice/einvoice_page.h) as a text layer, drawn for the review desk with
// leptonica's built-in bitmap font (ASCII; other characters drawn as '?').
#include <algorithm>
#include <cmath>

#include "einvoice/einvoice_page.h"
#include "einvoice/einvoice_reader.h"
#include "intake/source_document.h"

namespace quai {
namespace {

class XmlInvoiceDocument final : public SourceDocument {
 public:
  XmlInvoiceDocument(std::string_view xml, std::vector<Page> pages) : xml_(xml), pages_(std::move(pages)) {}

  int page_count() const override { return static_cast<int>(pages_.size()); }

  Result<TextLayerPage> ReadTextLayer(int index) override {
    if (index < 0 || index >= page_count()) return Status::NotFound("no page " + std::to_string(index + 1));
    const Page& page = pages_[index];
    return TextLayerPage{page.width, page.height, 0, page.words};
  }

  Result<PageImage> RenderPage(int index, int dpi) override {
    if (index < 0 || index >= page_count()) return Status::NotFound("no page " + std::to_string(index + 1));
    dpi = std::clamp(dpi, 36, 300);
    const Page& page = pages_[index];
    const double scale = dpi / 72.0;
    PixPtr pix(pixCreate(static_cast<int>(page.width * scale), static_cast<int>(page.height * scale), 8));
    if (!pix) return Status::Internal("out of memory drawing page " + std::to_string(index + 1));
    pixSetAll(pix.get());  // white
    // The bitmap fonts are drawn at 300 ppi: size in points for that resolution.
    int font = static_cast<int>(std::lround(kEInvoiceFontPoints * dpi / 300.0 / 2)) * 2;
    L_BMF* bmf = bmfCreate(nullptr, std::clamp(font, 4, 20));
    if (bmf == nullptr) return Status::Internal("no bitmap font to draw page " + std::to_string(index + 1));
    for (const Word& word : page.words) {
      std::string ascii = word.text;
      for (char& c : ascii)
        if (static_cast<unsigned char>(c) >= 0x80 || c < 0x20) c = '?';
      l_int32 width = 0, overflow = 0;
      pixSetTextline(pix.get(), bmf, ascii.c_str(), 0, static_cast<l_int32>(word.box.x0 * scale),
                     static_cast<l_int32>(word.box.y1 * scale), &width, &overflow);
    }
    bmfDestroy(&bmf);
    pixSetResolution(pix.get(), dpi, dpi);
    return PageImage{std::move(pix), dpi};
  }

  Result<EInvoiceFile> ReadEInvoiceFile() override { return EInvoiceFile{"", xml_}; }

 private:
  std::string xml_;
  std::vector<Page> pages_;
};

}  // namespace

Result<std::unique_ptr<SourceDocument>> OpenXmlInvoiceDocument(std::string_view bytes, const IntakeLimits& limits) {
  QuietLeptonica();
  auto invoice = ReadEInvoice(bytes);
  if (!invoice.ok()) return invoice.status();
  std::vector<Page> pages = LayOutEInvoicePages(*invoice);
  if (static_cast<int>(pages.size()) > limits.max_pages)
    return Status::LimitExceeded("e-invoice of " + std::to_string(invoice->lines.size()) + " lines needs " +
                                 std::to_string(pages.size()) + " pages, over the limit of " +
                                 std::to_string(limits.max_pages));
  return std::unique_ptr<SourceDocument>(new XmlInvoiceDocument(bytes, std::move(pages)));
}

}  // namespace quai
