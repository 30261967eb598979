// Sample e-invoices for tests and bench/einvoice.sh (never shipped): UBL 2.1
// Invoice and CreditNote, CII CrossIndustryInvoice written from plain string
// templates in the order the standards' XSDs require, and a Factur-X PDF (one
// page of text, the XML embedded through an /EmbeddedFiles name tree) written
// byte by byte. Values are given, so tests know what must come out. Pure.
#pragma once

#include <string>
#include <vector>

namespace quai::samples {

struct SampleLine {
  std::string code, description, quantity, unit, unit_price, amount;
};

struct SampleInvoice {
  std::string number = "F-2026-0001";
  std::string issue_date = "2026-01-15";
  std::string due_date = "2026-02-14";
  std::string currency = "EUR";
  std::string supplier_name = "Acier Dupont SARL";
  std::string supplier_vat = "FR40303265045";
  std::string supplier_siret = "30326504500017";
  std::string buyer_name = "Quai Industries SA";
  std::string buyer_vat = "FR83404833048";
  std::string po_number = "4500012345";
  std::string buyer_reference = "SERVICE-ACHATS";
  std::string delivery_note = "BL-2026-118";
  std::vector<SampleLine> lines = {{"AC-316-08", "Tole inox 316L 8 mm", "12", "KGM", "25.00", "300.00"},
                                   {"VIS-M8-50", "Vis CHC M8x50 inox A4", "100", "C62", "0.35", "35.00"}};
  std::string vat_rate = "20";
  std::string total_excl_tax = "335.00";
  std::string total_tax = "67.00";
  std::string total_incl_tax = "402.00";
  std::string amount_due = "402.00";
};

// The i-th of a varied set (numbers, dates, lines and totals that add up).
SampleInvoice NumberedSample(int i);

std::string UblInvoiceXml(const SampleInvoice& invoice);
std::string UblCreditNoteXml(const SampleInvoice& invoice);
std::string CiiInvoiceXml(const SampleInvoice& invoice);

// What a Factur-X invoice's page prints, French style ("Total TTC 402,00 EUR",
// "Date 15/01/2026").
std::vector<std::string> PrintedLines(const SampleInvoice& invoice);
// A one-page PDF showing `lines` (Helvetica) with `xml` embedded as `name`.
std::string PdfWithEmbeddedXml(const std::vector<std::string>& lines, const std::string& xml,
                               const std::string& name = "factur-x.xml");

}  // namespace quai::samples
