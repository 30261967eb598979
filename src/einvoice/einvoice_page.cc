#include "einvoice/einvoice_page.h"

#include <algorithm>
#include <string>

namespace quai {
namespace {

constexpr double kMargin = 42;
constexpr double kLineStep = 14;
// Every glyph is given the same advance: a fixed-pitch page, so the boxes hold
// whatever the drawing's font (intake/xml_invoice_document.cc) makes of them.
constexpr double kCharWidth = kEInvoiceFontPoints * 0.6;

size_t Utf8Length(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

class PageWriter {
 public:
  void Text(double x, const std::string& text) {
    Page& page = Current();
    size_t start = 0;
    while (start < text.size()) {
      size_t space = text.find(' ', start);
      std::string word = text.substr(start, space == std::string::npos ? std::string::npos : space - start);
      if (!word.empty()) {
        Word w;
        w.text = word;
        const double width = static_cast<double>(Utf8Length(word)) * kCharWidth;
        w.box = {x, y_, std::min(x + width, kEInvoicePageWidth - 1), y_ + kEInvoiceFontPoints};
        w.line = line_;
        page.words.push_back(std::move(w));
        x += width + kCharWidth;
      } else {
        x += kCharWidth;
      }
      if (space == std::string::npos) break;
      start = space + 1;
    }
  }
  // A label and its value on one row; nothing when the value is absent.
  void Row(const std::string& label, const EInvoiceValue& value) {
    if (value.empty()) return;
    Text(kMargin, label);
    Text(kMargin + 150, value.value);
    NextLine();
  }
  void NextLine() {
    y_ += kLineStep;
    ++line_;
    if (y_ > kEInvoicePageHeight - 3 * kMargin) NewPage();
  }
  void Skip() { y_ += kLineStep / 2; }
  std::vector<Page> Finish() {
    Current();
    return std::move(pages_);
  }

 private:
  Page& Current() {
    if (pages_.empty()) NewPage();
    return pages_.back();
  }
  void NewPage() {
    Page page;
    page.number = static_cast<int>(pages_.size()) + 1;
    page.width = kEInvoicePageWidth;
    page.height = kEInvoicePageHeight;
    page.text_source = TextSource::kTextLayer;
    pages_.push_back(std::move(page));
    y_ = kMargin;
    line_ = 0;
  }
  std::vector<Page> pages_;
  double y_ = kMargin;
  int line_ = 0;
};

}  // namespace

std::vector<Page> LayOutEInvoicePages(const EInvoice& invoice) {
  PageWriter page;
  page.Text(kMargin, std::string(invoice.credit_note ? "CREDIT NOTE" : "INVOICE") + " (e-invoice, " +
                         EInvoiceSyntaxName(invoice.syntax) + ")");
  page.NextLine();
  page.Skip();
  page.Row("Invoice number", invoice.number);
  page.Row("Invoice date", invoice.issue_date);
  page.Row("Due date", invoice.due_date);
  page.Row("Supplier", invoice.supplier_name);
  page.Row("Supplier VAT number", invoice.supplier_vat_number);
  page.Row("Supplier registration", invoice.supplier_siret);
  page.Row("Buyer", invoice.buyer_name);
  page.Row("Buyer VAT number", invoice.buyer_vat_number);
  page.Row("Order number", invoice.order_reference);
  page.Row("Buyer reference", invoice.buyer_reference);
  page.Row("Delivery note", invoice.delivery_note_reference);
  page.Row("Currency", invoice.currency);
  page.Skip();
  // The line table: fixed columns, the description cut to its column.
  const double code = kMargin, description = kMargin + 80, quantity = kMargin + 300, unit = kMargin + 350,
               price = kMargin + 390, amount = kMargin + 450;
  page.Text(code, "Code");
  page.Text(description, "Description");
  page.Text(quantity, "Qty");
  page.Text(unit, "Unit");
  page.Text(price, "Price");
  page.Text(amount, "Amount");
  page.NextLine();
  for (const EInvoiceLine& line : invoice.lines) {
    page.Text(code, line.article_code.value.substr(0, 13));
    std::string text = line.description.value;
    if (Utf8Length(text) > 38) {
      size_t cut = 36;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text = text.substr(0, cut) + "..";
    }
    page.Text(description, text);
    page.Text(quantity, line.quantity.value);
    page.Text(unit, line.unit.value);
    page.Text(price, line.unit_price.value);
    page.Text(amount, line.amount.value);
    page.NextLine();
  }
  page.Skip();
  page.Row("Total excl. tax", invoice.total_excl_tax);
  page.Row("Total VAT", invoice.total_tax);
  page.Row("Total incl. tax", invoice.total_incl_tax);
  page.Row("Amount due", invoice.amount_due);
  for (const EInvoiceVat& vat : invoice.vat_breakdown)
    page.Row("VAT " + vat.category.value + " " + vat.rate.value + " %",
             {vat.taxable_amount.value + " -> " + vat.tax_amount.value, vat.tax_amount.path});
  page.Skip();
  page.Text(kMargin, "Drawn by quai from the e-invoice's data; not the supplier's layout.");
  return page.Finish();
}

}  // namespace quai
