#include "einvoice/einvoice_samples.h"

#include <cstdio>

namespace quai::samples {
namespace {

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

std::string Tag(const std::string& name, const std::string& value, const std::string& attributes = "") {
  return "<" + name + attributes + ">" + Escape(value) + "</" + name + ">";
}

std::string Compact(const std::string& iso_date) {  // CII format 102
  return iso_date.substr(0, 4) + iso_date.substr(5, 2) + iso_date.substr(8, 2);
}

std::string Money(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::string UblParty(const std::string& name, const std::string& vat, const std::string& registration) {
  std::string party = "<cac:Party><cac:PartyName>" + Tag("cbc:Name", name) + "</cac:PartyName>";
  party += "<cac:PostalAddress><cac:Country>" + Tag("cbc:IdentificationCode", "FR") + "</cac:Country></cac:PostalAddress>";
  party += "<cac:PartyTaxScheme>" + Tag("cbc:CompanyID", vat) + "<cac:TaxScheme>" + Tag("cbc:ID", "VAT") +
           "</cac:TaxScheme></cac:PartyTaxScheme>";
  party += "<cac:PartyLegalEntity>" + Tag("cbc:RegistrationName", name);
  if (!registration.empty()) party += Tag("cbc:CompanyID", registration, " schemeID=\"0009\"");
  return party + "</cac:PartyLegalEntity></cac:Party>";
}

std::string Ubl(const SampleInvoice& s, bool credit_note) {
  const std::string root = credit_note ? "CreditNote" : "Invoice";
  const std::string cur = " currencyID=\"" + s.currency + "\"";
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + root +
                  " xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:" + root + "-2\"" +
                  " xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"" +
                  " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n";
  x += Tag("cbc:CustomizationID", "urn:cen.eu:en16931:2017");
  x += Tag("cbc:ID", s.number) + Tag("cbc:IssueDate", s.issue_date);
  if (!credit_note) x += Tag("cbc:DueDate", s.due_date) + Tag("cbc:InvoiceTypeCode", "380");
  else x += Tag("cbc:CreditNoteTypeCode", "381");
  x += Tag("cbc:DocumentCurrencyCode", s.currency) + Tag("cbc:BuyerReference", s.buyer_reference);
  x += "<cac:OrderReference>" + Tag("cbc:ID", s.po_number) + "</cac:OrderReference>";
  x += "<cac:DespatchDocumentReference>" + Tag("cbc:ID", s.delivery_note) + "</cac:DespatchDocumentReference>\n";
  x += "<cac:AccountingSupplierParty>" + UblParty(s.supplier_name, s.supplier_vat, s.supplier_siret) +
       "</cac:AccountingSupplierParty>\n";
  x += "<cac:AccountingCustomerParty>" + UblParty(s.buyer_name, s.buyer_vat, "") + "</cac:AccountingCustomerParty>\n";
  x += "<cac:PaymentMeans>" + Tag("cbc:PaymentMeansCode", "30");
  if (credit_note) x += Tag("cbc:PaymentDueDate", s.due_date);
  x += "</cac:PaymentMeans>\n";
  x += "<cac:TaxTotal>" + Tag("cbc:TaxAmount", s.total_tax, cur) + "<cac:TaxSubtotal>" +
       Tag("cbc:TaxableAmount", s.total_excl_tax, cur) + Tag("cbc:TaxAmount", s.total_tax, cur) +
       "<cac:TaxCategory>" + Tag("cbc:ID", "S") + Tag("cbc:Percent", s.vat_rate) + "<cac:TaxScheme>" +
       Tag("cbc:ID", "VAT") + "</cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>\n";
  x += "<cac:LegalMonetaryTotal>" + Tag("cbc:LineExtensionAmount", s.total_excl_tax, cur) +
       Tag("cbc:TaxExclusiveAmount", s.total_excl_tax, cur) + Tag("cbc:TaxInclusiveAmount", s.total_incl_tax, cur) +
       Tag("cbc:PayableAmount", s.amount_due, cur) + "</cac:LegalMonetaryTotal>\n";
  for (size_t i = 0; i < s.lines.size(); ++i) {
    const SampleLine& l = s.lines[i];
    const std::string line = credit_note ? "cac:CreditNoteLine" : "cac:InvoiceLine";
    x += "<" + line + ">" + Tag("cbc:ID", std::to_string(i + 1)) +
         Tag(credit_note ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", l.quantity, " unitCode=\"" + l.unit + "\"") +
         Tag("cbc:LineExtensionAmount", l.amount, cur) + "<cac:Item>" + Tag("cbc:Name", l.description) +
         "<cac:SellersItemIdentification>" + Tag("cbc:ID", l.code) + "</cac:SellersItemIdentification>" +
         "<cac:ClassifiedTaxCategory>" + Tag("cbc:ID", "S") + Tag("cbc:Percent", s.vat_rate) + "<cac:TaxScheme>" +
         Tag("cbc:ID", "VAT") + "</cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item><cac:Price>" +
         Tag("cbc:PriceAmount", l.unit_price, cur) + "</cac:Price></" + line + ">\n";
  }
  return x + "</" + root + ">\n";
}

}  // namespace

SampleInvoice NumberedSample(int i) {
  SampleInvoice s;
  char text[64];
  std::snprintf(text, sizeof text, "F-2026-%05d", 100 + i);
  s.number = text;
  std::snprintf(text, sizeof text, "2026-%02d-%02d", 1 + i % 12, 1 + i % 28);
  s.issue_date = text;
  std::snprintf(text, sizeof text, "2026-%02d-%02d", 1 + (i + 1) % 12, 1 + (i * 7) % 28);
  s.due_date = text;
  s.po_number = std::to_string(4500010000 + i * 37);
  std::snprintf(text, sizeof text, "BL-%04d", 7000 + i);
  s.delivery_note = text;
  const char* suppliers[] = {"Acier Dupont SARL", "Visserie Martin & Fils", "Plastiques du Rhone SAS",
                             "Emballages Leroy"};
  s.supplier_name = suppliers[i % 4];
  s.lines.clear();
  double net = 0;
  for (int l = 0; l < 1 + i % 4; ++l) {
    const int quantity = 1 + (i * 3 + l * 5) % 40;
    const double price = 0.25 * (1 + (i * 11 + l * 13) % 400);
    const double amount = quantity * price;
    net += amount;
    s.lines.push_back({"ART-" + std::to_string(1000 + (i * 7 + l) % 900), "Article " + std::to_string(l + 1) + " lot " +
                       std::to_string(i), std::to_string(quantity), l % 2 ? "KGM" : "C62", Money(price), Money(amount)});
  }
  const double tax = static_cast<double>(static_cast<long long>(net * 20 + 0.5)) / 100;
  s.total_excl_tax = Money(net);
  s.total_tax = Money(tax);
  s.total_incl_tax = Money(net + tax);
  s.amount_due = s.total_incl_tax;
  return s;
}

std::string UblInvoiceXml(const SampleInvoice& invoice) { return Ubl(invoice, false); }
std::string UblCreditNoteXml(const SampleInvoice& invoice) { return Ubl(invoice, true); }

std::string CiiInvoiceXml(const SampleInvoice& s) {
  const std::string date102 = " format=\"102\"";
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rsm:CrossIndustryInvoice"
      " xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\""
      " xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\""
      " xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">\n";
  x += "<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>" +
       Tag("ram:ID", "urn:cen.eu:en16931:2017") + "</ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>\n";
  x += "<rsm:ExchangedDocument>" + Tag("ram:ID", s.number) + Tag("ram:TypeCode", "380") + "<ram:IssueDateTime>" +
       Tag("udt:DateTimeString", Compact(s.issue_date), date102) + "</ram:IssueDateTime></rsm:ExchangedDocument>\n";
  x += "<rsm:SupplyChainTradeTransaction>\n";
  for (size_t i = 0; i < s.lines.size(); ++i) {
    const SampleLine& l = s.lines[i];
    x += "<ram:IncludedSupplyChainTradeLineItem><ram:AssociatedDocumentLineDocument>" +
         Tag("ram:LineID", std::to_string(i + 1)) + "</ram:AssociatedDocumentLineDocument><ram:SpecifiedTradeProduct>" +
         Tag("ram:SellerAssignedID", l.code) + Tag("ram:Name", l.description) +
         "</ram:SpecifiedTradeProduct><ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice>" +
         Tag("ram:ChargeAmount", l.unit_price) +
         "</ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement><ram:SpecifiedLineTradeDelivery>" +
         Tag("ram:BilledQuantity", l.quantity, " unitCode=\"" + l.unit + "\"") +
         "</ram:SpecifiedLineTradeDelivery><ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax>" +
         Tag("ram:TypeCode", "VAT") + Tag("ram:CategoryCode", "S") + Tag("ram:RateApplicablePercent", s.vat_rate) +
         "</ram:ApplicableTradeTax><ram:SpecifiedTradeSettlementLineMonetarySummation>" +
         Tag("ram:LineTotalAmount", l.amount) +
         "</ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>"
         "</ram:IncludedSupplyChainTradeLineItem>\n";
  }
  x += "<ram:ApplicableHeaderTradeAgreement>" + Tag("ram:BuyerReference", s.buyer_reference) +
       "<ram:SellerTradeParty>" + Tag("ram:Name", s.supplier_name) + "<ram:SpecifiedLegalOrganization>" +
       Tag("ram:ID", s.supplier_siret, " schemeID=\"0009\"") + "</ram:SpecifiedLegalOrganization>" +
       "<ram:PostalTradeAddress>" + Tag("ram:CountryID", "FR") + "</ram:PostalTradeAddress>" +
       "<ram:SpecifiedTaxRegistration>" + Tag("ram:ID", s.supplier_vat, " schemeID=\"VA\"") +
       "</ram:SpecifiedTaxRegistration></ram:SellerTradeParty><ram:BuyerTradeParty>" + Tag("ram:Name", s.buyer_name) +
       "<ram:SpecifiedTaxRegistration>" + Tag("ram:ID", s.buyer_vat, " schemeID=\"VA\"") +
       "</ram:SpecifiedTaxRegistration></ram:BuyerTradeParty><ram:BuyerOrderReferencedDocument>" +
       Tag("ram:IssuerAssignedID", s.po_number) + "</ram:BuyerOrderReferencedDocument></ram:ApplicableHeaderTradeAgreement>\n";
  x += "<ram:ApplicableHeaderTradeDelivery><ram:DespatchAdviceReferencedDocument>" +
       Tag("ram:IssuerAssignedID", s.delivery_note) +
       "</ram:DespatchAdviceReferencedDocument></ram:ApplicableHeaderTradeDelivery>\n";
  x += "<ram:ApplicableHeaderTradeSettlement>" + Tag("ram:InvoiceCurrencyCode", s.currency) +
       "<ram:ApplicableTradeTax>" + Tag("ram:CalculatedAmount", s.total_tax) + Tag("ram:TypeCode", "VAT") +
       Tag("ram:BasisAmount", s.total_excl_tax) + Tag("ram:CategoryCode", "S") +
       Tag("ram:RateApplicablePercent", s.vat_rate) + "</ram:ApplicableTradeTax><ram:SpecifiedTradePaymentTerms>" +
       "<ram:DueDateDateTime>" + Tag("udt:DateTimeString", Compact(s.due_date), date102) +
       "</ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms><ram:SpecifiedTradeSettlementHeaderMonetarySummation>" +
       Tag("ram:LineTotalAmount", s.total_excl_tax) + Tag("ram:TaxBasisTotalAmount", s.total_excl_tax) +
       Tag("ram:TaxTotalAmount", s.total_tax, " currencyID=\"" + s.currency + "\"") +
       Tag("ram:GrandTotalAmount", s.total_incl_tax) + Tag("ram:DuePayableAmount", s.amount_due) +
       "</ram:SpecifiedTradeSettlementHeaderMonetarySummation></ram:ApplicableHeaderTradeSettlement>\n";
  return x + "</rsm:SupplyChainTradeTransaction>\n</rsm:CrossIndustryInvoice>\n";
}

std::vector<std::string> PrintedLines(const SampleInvoice& s) {
  auto french_date = [](const std::string& iso) { return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4); };
  auto french_amount = [](std::string amount) {
    amount[amount.find('.')] = ',';
    return amount;
  };
  std::vector<std::string> lines = {s.supplier_name, "FACTURE", "Facture N " + s.number,
                                    "Date " + french_date(s.issue_date), "Votre commande " + s.po_number,
                                    "TVA " + s.supplier_vat};
  for (const SampleLine& l : s.lines)
    lines.push_back(l.code + "  " + l.description + "  " + l.quantity + "  " + french_amount(l.unit_price) + "  " +
                    french_amount(l.amount));
  lines.push_back("Total HT " + french_amount(s.total_excl_tax) + " EUR");
  lines.push_back("TVA 20 % " + french_amount(s.total_tax) + " EUR");
  lines.push_back("Total TTC " + french_amount(s.total_incl_tax) + " EUR");
  return lines;
}

std::string PdfWithEmbeddedXml(const std::vector<std::string>& lines, const std::string& xml,
                               const std::string& name) {
  std::string content = "BT /F1 11 Tf 50 780 Td 14 TL\n";
  for (const std::string& line : lines) {
    std::string escaped;
    for (char c : line) {
      if (c == '(' || c == ')' || c == '\\') escaped += '\\';
      escaped += c;
    }
    content += "(" + escaped + ") Tj T*\n";
  }
  content += "ET\n";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(" + name +
          ") 6 0 R] >> >> /AF [6 0 R] >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Type /Filespec /F (" + name + ") /UF (" + name + ") /AFRelationship /Data /EF << /F 7 0 R >> >>",
      "<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length " + std::to_string(xml.size()) + " >>\nstream\n" + xml +
          "\nendstream",
  };
  std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace quai::samples
