// Writes N sample e-invoices for bench/einvoice.sh: a mix of UBL invoices, UBL
// credit notes, CII invoices and Factur-X PDFs (CII embedded), and
// truth.jsonl with the values each must give. With --plain, the Factur-X
// PDFs' visible page alone (no XML): the reading path's reference.
//   einvoice_samples OUT_DIR N [--plain]
#include <cstdio>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "einvoice/einvoice_samples.h"

using namespace quai::samples;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: einvoice_samples OUT_DIR N [--plain]\n");
    return 2;
  }
  const std::string out = argv[1];
  const int count = std::stoi(argv[2]);
  const bool plain = argc > 3 && std::string(argv[3]) == "--plain";
  std::ofstream truth(out + "/truth.jsonl");
  for (int i = 0; i < count; ++i) {
    SampleInvoice s = NumberedSample(i);
    const int kind = plain ? 3 : i % 4;
    char name[64];
    const char* extension = kind == 3 ? "pdf" : "xml";
    std::snprintf(name, sizeof name, "einvoice-%04d.%s", i, extension);
    std::string bytes = kind == 0   ? UblInvoiceXml(s)
                        : kind == 1 ? UblCreditNoteXml(s)
                        : kind == 2 ? CiiInvoiceXml(s)
                                    : PdfWithEmbeddedXml(PrintedLines(s), plain ? "" : CiiInvoiceXml(s));
    if (plain) bytes = PdfWithEmbeddedXml(PrintedLines(s), "<?xml version=\"1.0\"?><none/>", "notes.xml");
    std::ofstream(out + "/" + name, std::ios::binary) << bytes;
    const std::string sign = kind == 1 ? "-" : "";
    nlohmann::json fields = {{"invoice_number", s.number},       {"invoice_date", s.issue_date},
                             {"due_date", s.due_date},           {"po_number", s.po_number},
                             {"supplier_name", s.supplier_name}, {"supplier_vat_number", s.supplier_vat},
                             {"currency", s.currency},           {"total_excl_tax", sign + s.total_excl_tax},
                             {"total_tax", sign + s.total_tax},  {"total_incl_tax", sign + s.total_incl_tax},
                             {"amount_due", sign + s.amount_due}, {"delivery_note_number", s.delivery_note}};
    nlohmann::json lines = nlohmann::json::array();
    for (const SampleLine& l : s.lines)
      lines.push_back({{"supplier_article_code", l.code}, {"description", l.description},
                       {"quantity", sign + l.quantity}, {"unit", l.unit}, {"unit_price", l.unit_price},
                       {"amount", sign + l.amount}});
    truth << nlohmann::json{{"file", name}, {"fields", fields}, {"lines", lines}}.dump() << "\n";
  }
  return 0;
}
