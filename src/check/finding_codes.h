// Every finding code quai reports, in one place: the `code` of a Finding (and
// of `quai extract --json`'s findings, the API's and the UI's). A code is part
// of the contract: renaming one breaks integrations that act on it. Each names
// the check that reports it (check/document_checks.h).
#pragma once

#include <string_view>

namespace quai::finding_codes {

// UnreadLinesCheck: a row under the table looks like a line item that was not read. Blocking.
inline constexpr char kLineNotRead[] = "line_not_read";
// TotalsCheck: total excluding tax + tax ≠ total including tax. Blocking.
inline constexpr char kTotalsMismatch[] = "totals_mismatch";
// TotalsCheck: two totals read and the third not, so they cannot be checked. Blocking.
inline constexpr char kTotalsIncomplete[] = "totals_incomplete";
// LineAmountsCheck: a line's quantity × unit price is not its amount. Not blocking
// (the line's cells are under any threshold already).
inline constexpr char kLineAmountMismatch[] = "line_amount_mismatch";
// LineAmountsCheck: the line amounts do not add up to the total excluding tax. Blocking.
inline constexpr char kLinesTotalMismatch[] = "lines_total_mismatch";
// RequiredFieldsCheck: a required header field was not found. Blocking.
inline constexpr char kRequiredFieldMissing[] = "required_field_missing";
// The page stage: a page of the file could not be built by the PDF library (a
// broken object in its page tree); it is stored empty, the others are read. Blocking.
inline constexpr char kPageUnreadable[] = "page_unreadable";
// EInvoiceTextCheck: a PDF that carries an e-invoice (Factur-X, ZUGFeRD) shows
// another invoice number, total, PO number or date on its pages than its XML
// says. Blocking: which one the supplier meant is a person's call.
inline constexpr char kEinvoiceTextDisagrees[] = "einvoice_text_disagrees";


// The ERP checks (check/erp_checks.h); their severity is configured (check/erp_rules.h).
// The document's PO number is not an order of the ERP.
inline constexpr char kPoNotFound[] = "po_not_found";
// The order is closed or cancelled in the ERP.
inline constexpr char kPoClosed[] = "po_closed";
// The order belongs to another supplier than the one that sent the document.
inline constexpr char kSupplierMismatch[] = "supplier_mismatch";
// No supplier of the ERP is the document's (nor clearly one of several).
inline constexpr char kSupplierNotFound[] = "supplier_not_found";
// A line pairs with no line of the document's orders.
inline constexpr char kArticleNotOnPo[] = "article_not_on_po";
// Delivered more than the order line still has open (cumulative over earlier receipts, after unit conversion).
inline constexpr char kQuantityOverOpen[] = "quantity_over_open";
// The line's unit cannot be converted to the order line's.
inline constexpr char kUnitMismatch[] = "unit_mismatch";
// The lot expired before today.
inline constexpr char kExpired[] = "expired";
// The lot expires before today plus the article's minimum remaining shelf life.
inline constexpr char kShelfLifeShort[] = "shelf_life_short";
// The article is lot-managed and the line gives no lot number.
inline constexpr char kLotMissing[] = "lot_missing";
// An invoice line's unit price is not the order line's.
inline constexpr char kPriceMismatch[] = "price_mismatch";
// Invoiced more than was received (three-way match).
inline constexpr char kQuantityNotReceived[] = "quantity_not_received";
// Another invoice of the supplier has this number, or this total and date.
inline constexpr char kDuplicateInvoice[] = "duplicate_invoice";
// The VAT number printed is not the supplier's in the ERP.
inline constexpr char kVatNumberMismatch[] = "vat_number_mismatch";
// The IBAN printed is not the supplier's in the ERP: a classic fraud signal.
inline constexpr char kIbanChanged[] = "iban_changed";
// A lot of this article or supplier needs a certificate before it is used
// (a rule: its severity "off" unless set; the ERP's article flag forces it):
// the lot is held until one is linked.
inline constexpr char kCertificateMissing[] = "certificate_missing";
// An accepted certificate names a lot, article or order no delivery matches (yet).
inline constexpr char kCertificateUnmatched[] = "certificate_unmatched";
// The ERP did not answer at the last sync: checked against the copy quai has, again when it answers.
inline constexpr char kErpUnavailable[] = "erp_unavailable";


// Whether `code` is one of the ERP checks' (above, from kPoNotFound on).
inline bool IsErpCode(std::string_view code) {
  for (const char* erp : {kPoNotFound, kPoClosed, kSupplierMismatch, kSupplierNotFound, kArticleNotOnPo,
                          kQuantityOverOpen, kUnitMismatch, kExpired, kShelfLifeShort, kLotMissing, kPriceMismatch,
                          kQuantityNotReceived, kDuplicateInvoice, kVatNumberMismatch, kIbanChanged, kErpUnavailable,
                          kCertificateUnmatched})
    if (code == erp) return true;
  return false;
}

}  // namespace quai::finding_codes
