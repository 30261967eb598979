// libFuzzer entry for the e-invoice reader: what a supplier's XML file (or the
// XML a PDF embeds) goes through before any person sees it. The syntax sniffer
// the type sniffer calls on every file, then the hardened parse and the UBL or
// CII mapping (ReadEInvoice), and for what reads: the page quai draws for an
// XML file, the Extraction the einvoice stage makes and the page comparison a
// Factur-X PDF gets. A crash, a sanitizer report, a leak or a timeout is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "einvoice/einvoice_extraction.h"
#include "einvoice/einvoice_page.h"
#include "einvoice/einvoice_reader.h"
#include "einvoice/einvoice_syntax.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)quai::SniffEInvoiceSyntax(bytes);
  (void)quai::LooksLikeXml(bytes);
  (void)quai::XmlRootElementName(bytes);
  auto invoice = quai::ReadEInvoice(bytes);
  if (!invoice.ok()) return 0;
  const std::vector<quai::Page> pages = quai::LayOutEInvoicePages(*invoice);
  const quai::Extraction extraction = quai::ExtractionFromEInvoice(*invoice, pages, "");
  (void)quai::FindPageDisagreements(extraction, pages);
  return 0;
}
