#include "einvoice/einvoice_extraction.h"

#include <gtest/gtest.h>

#include "check/einvoice_text_check.h"
#include "check/finding_codes.h"
#include "einvoice/einvoice_reader.h"
#include "einvoice/einvoice_samples.h"
#include "intake/source_document.h"
#include "intake/type_sniffer.h"

namespace quai {
namespace {

using samples::SampleInvoice;

// The pages as the page_text stage gets them from a text layer.
std::vector<Page> PagesOf(SourceDocument& document) {
  std::vector<Page> pages;
  for (int i = 0; i < document.page_count(); ++i) {
    auto layer = document.ReadTextLayer(i);
    EXPECT_TRUE(layer.ok());
    Page page;
    page.number = i + 1;
    page.width = layer->width;
    page.height = layer->height;
    page.words = layer->words;
    pages.push_back(std::move(page));
  }
  return pages;
}

struct Opened {
  std::unique_ptr<SourceDocument> document;
  std::vector<Page> pages;
  Extraction extraction;
};

Opened Open(const std::string& bytes) {
  Opened opened;
  MediaType type = SniffMediaType(bytes);
  auto document = OpenSourceDocument(bytes, type, IntakeLimits{}, 150);
  EXPECT_TRUE(document.ok()) << document.status().message();
  if (!document.ok()) return opened;
  opened.document = std::move(document).value();
  opened.pages = PagesOf(*opened.document);
  auto file = opened.document->ReadEInvoiceFile();
  EXPECT_TRUE(file.ok());
  auto invoice = ReadEInvoice(file->xml);
  EXPECT_TRUE(invoice.ok()) << invoice.status().message();
  if (invoice.ok()) opened.extraction = ExtractionFromEInvoice(*invoice, opened.pages, file->name);
  return opened;
}

void ExpectFromEInvoice(const ExtractedValue& value, const std::string& expected) {
  EXPECT_EQ(value.value, expected);
  EXPECT_EQ(value.confidence, 1.0);
  EXPECT_EQ(value.evidence.rfind("from the e-invoice (", 0), 0u) << value.evidence;
}

TEST(EInvoiceExtraction, AnXmlInvoiceGivesTheSchemaFieldsOnItsOwnDrawnPage) {
  SampleInvoice s;
  std::string xml = samples::UblInvoiceXml(s);
  ASSERT_EQ(SniffMediaType(xml), MediaType::kXml);
  Opened opened = Open(xml);
  const Extraction& e = opened.extraction;
  EXPECT_EQ(e.document_type, "invoice");
  EXPECT_EQ(e.einvoice.syntax, "UBL");
  EXPECT_EQ(e.einvoice.embedded_file, "");
  ExpectFromEInvoice(e.fields.at("supplier_name"), s.supplier_name);
  ExpectFromEInvoice(e.fields.at("invoice_number"), s.number);
  ExpectFromEInvoice(e.fields.at("invoice_date"), s.issue_date);
  ExpectFromEInvoice(e.fields.at("due_date"), s.due_date);
  ExpectFromEInvoice(e.fields.at("po_number"), s.po_number);
  ExpectFromEInvoice(e.fields.at("supplier_vat_number"), s.supplier_vat);
  ExpectFromEInvoice(e.fields.at("currency"), s.currency);
  ExpectFromEInvoice(e.fields.at("total_excl_tax"), s.total_excl_tax);
  ExpectFromEInvoice(e.fields.at("total_tax"), s.total_tax);
  ExpectFromEInvoice(e.fields.at("total_incl_tax"), s.total_incl_tax);
  ExpectFromEInvoice(e.fields.at("amount_due"), s.amount_due);
  ExpectFromEInvoice(e.fields.at("buyer_name"), s.buyer_name);
  ExpectFromEInvoice(e.fields.at("delivery_note_number"), s.delivery_note);
  ExpectFromEInvoice(e.fields.at("supplier_registration"), s.supplier_siret);
  EXPECT_NE(e.fields.at("total_incl_tax").evidence.find("cbc:TaxInclusiveAmount"), std::string::npos);
  ASSERT_EQ(e.lines.size(), s.lines.size());
  ExpectFromEInvoice(e.lines[0].at("supplier_article_code"), s.lines[0].code);
  ExpectFromEInvoice(e.lines[0].at("description"), s.lines[0].description);
  ExpectFromEInvoice(e.lines[0].at("quantity"), s.lines[0].quantity);
  ExpectFromEInvoice(e.lines[0].at("unit"), s.lines[0].unit);
  ExpectFromEInvoice(e.lines[0].at("unit_price"), s.lines[0].unit_price);
  ExpectFromEInvoice(e.lines[0].at("amount"), s.lines[0].amount);
  // The evidence box points at the value on quai's drawn page.
  const Box& box = e.fields.at("invoice_number").box;
  EXPECT_GT(box.x1, box.x0);
  EXPECT_GT(box.y1, box.y0);
  // The page is drawn with ink for the review desk.
  auto image = opened.document->RenderPage(0, 100);
  ASSERT_TRUE(image.ok()) << image.status().message();
  l_float32 mean = 255;
  pixGetAverageMasked(image->pix.get(), nullptr, 0, 0, 1, L_MEAN_ABSVAL, &mean);
  EXPECT_LT(mean, 254.5) << "a blank page";
}

TEST(EInvoiceExtraction, ACreditNoteIsAnInvoiceWithNegativeAmounts) {
  SampleInvoice s;
  Opened opened = Open(samples::UblCreditNoteXml(s));
  const Extraction& e = opened.extraction;
  EXPECT_EQ(e.document_type, "invoice");
  EXPECT_TRUE(e.einvoice.credit_note);
  EXPECT_EQ(e.fields.at("total_incl_tax").value, "-" + s.total_incl_tax);
  EXPECT_EQ(e.fields.at("total_excl_tax").value, "-" + s.total_excl_tax);
  EXPECT_EQ(e.lines[0].at("quantity").value, "-" + s.lines[0].quantity);
  EXPECT_EQ(e.lines[0].at("unit_price").value, s.lines[0].unit_price);
  EXPECT_EQ(e.lines[0].at("amount").value, "-" + s.lines[0].amount);
  EXPECT_EQ(e.einvoice.vat_breakdown.at(0).tax_amount, "-" + s.total_tax);
}

std::vector<Finding> TextFindings(const Extraction& extraction) {
  std::vector<Finding> findings;
  EInvoiceTextCheck().Run(extraction, DocumentSchema{}, &findings);
  return findings;
}

TEST(EInvoiceExtraction, AFacturXPdfCarriesItsXmlAndAgreesWithItsPage) {
  SampleInvoice s = samples::NumberedSample(3);
  std::string pdf = samples::PdfWithEmbeddedXml(samples::PrintedLines(s), samples::CiiInvoiceXml(s));
  ASSERT_EQ(SniffMediaType(pdf), MediaType::kPdf);
  Opened opened = Open(pdf);
  Extraction& e = opened.extraction;
  EXPECT_EQ(e.einvoice.syntax, "CII");
  EXPECT_EQ(e.einvoice.embedded_file, "factur-x.xml");
  ExpectFromEInvoice(e.fields.at("total_incl_tax"), s.total_incl_tax);
  // The page prints "Total TTC 1 234,50 EUR": found, with its box.
  EXPECT_GT(e.fields.at("total_incl_tax").box.x1, 0);
  e.einvoice.page_disagreements = FindPageDisagreements(e, opened.pages);
  EXPECT_TRUE(e.einvoice.page_disagreements.empty());
  EXPECT_TRUE(TextFindings(e).empty());
}

TEST(EInvoiceExtraction, ADoctoredFacturXPdfGetsAFindingPerDisagreeingField) {
  SampleInvoice s = samples::NumberedSample(5);
  SampleInvoice shown = s;
  shown.number = "F-2026-99999";
  shown.total_incl_tax = "9999.99";
  std::string pdf = samples::PdfWithEmbeddedXml(samples::PrintedLines(shown), samples::UblInvoiceXml(s),
                                                "zugferd-invoice.xml");
  Opened opened = Open(pdf);
  Extraction& e = opened.extraction;
  EXPECT_EQ(e.einvoice.embedded_file, "zugferd-invoice.xml");
  e.einvoice.page_disagreements = FindPageDisagreements(e, opened.pages);
  ASSERT_EQ(e.einvoice.page_disagreements.size(), 2u);
  e.einvoice.page_disagreements[1].page_shows = "9999.99";  // what a reading would give
  std::vector<Finding> findings = TextFindings(e);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].code, finding_codes::kEinvoiceTextDisagrees);
  EXPECT_EQ(findings[0].field, "invoice_number");
  EXPECT_TRUE(findings[0].blocking);
  EXPECT_NE(findings[0].message.find(s.number), std::string::npos) << findings[0].message;
  EXPECT_NE(findings[0].message.find("does not show it"), std::string::npos);
  EXPECT_EQ(findings[1].field, "total_incl_tax");
  EXPECT_NE(findings[1].message.find("shows 9999.99"), std::string::npos) << findings[1].message;
  // A person who corrects the value has decided: the finding goes.
  e.fields["total_incl_tax"].value = "9999.99";
  EXPECT_EQ(TextFindings(e).size(), 1u);
}

TEST(EInvoiceExtraction, APdfWithoutAnInvoiceAttachmentCarriesNothing) {
  std::string pdf = samples::PdfWithEmbeddedXml({"Bon de livraison"}, "<?xml version=\"1.0\"?><notes/>", "notes.xml");
  auto document = OpenSourceDocument(pdf, MediaType::kPdf, IntakeLimits{}, 150);
  ASSERT_TRUE(document.ok());
  auto file = (*document)->ReadEInvoiceFile();
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(file->xml.empty());
}

TEST(EInvoiceIntake, OtherXmlIsRefusedNamingWhatItIs) {
  std::string xml = "<?xml version=\"1.0\"?><order><id>1</id></order>";
  EXPECT_EQ(SniffMediaType(xml), MediaType::kUnknown);
  EXPECT_STREQ(DescribeUnsupportedContent(xml), "an XML file that is not a UBL or CII invoice");
}

TEST(EInvoiceIntake, HostileXmlIsRefusedWhenOpened) {
  std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">&x;</Invoice>";
  ASSERT_EQ(SniffMediaType(xxe), MediaType::kXml);
  auto opened = OpenSourceDocument(xxe, MediaType::kXml, IntakeLimits{}, 150);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.status().message().find("document type declaration"), std::string::npos);
  EXPECT_EQ(opened.status().message().find("root:x:0:0"), std::string::npos);
}

}  // namespace
}  // namespace quai
