// The sample e-invoices (einvoice_samples.h) against the standards' own XSDs,
// vendored in tests/fixtures/einvoice/xsd/ (OASIS UBL 2.1 runtime schemas,
// UN/CEFACT CII D16B as EN 16931 uses it; see the README there): every sample
// the tests and bench/einvoice.sh read must be one a real sender could send.
// The schemas are read from the source tree with libxml2's schema parser and
// an entity loader that refuses anything outside that folder (so no network);
// the instances with the reader's own hardened parse (InvoiceXml). A failure
// names the sample and libxml2's messages with their lines.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "einvoice/einvoice_reader.h"
#include "einvoice/einvoice_samples.h"
#include "einvoice/einvoice_syntax.h"
#include "einvoice/invoice_xml.h"
#include "intake/source_document.h"
#include "intake/type_sniffer.h"

namespace quai {
namespace {

const std::string kXsdDir = std::string(QUAI_SOURCE_DIR) + "/tests/fixtures/einvoice/xsd/";
const std::string kUblInvoiceXsd = kXsdDir + "ubl-2.1/maindoc/UBL-Invoice-2.1.xsd";
const std::string kUblCreditNoteXsd = kXsdDir + "ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd";
const std::string kCiiXsd = kXsdDir + "cii-d16b/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd";

// Loads only files under kXsdDir; anything else (a URL, a file elsewhere) is
// refused and remembered, so the test can say the schemas needed nothing more.
std::vector<std::string>& Refused() {
  static std::vector<std::string> refused;
  return refused;
}
std::vector<std::string>& Loaded() {
  static std::vector<std::string> loaded;
  return loaded;
}

xmlParserInputPtr LocalXsdOnly(const char* url, const char* id, xmlParserCtxtPtr context) {
  std::string path = url ? url : "";
  if (path.rfind("file://", 0) == 0) path = path.substr(7);
  path = std::filesystem::path(path).lexically_normal().string();  // "maindoc/../common/x.xsd"
  if (path.rfind(kXsdDir, 0) != 0) {
    Refused().push_back(url ? url : "(null)");
    return nullptr;
  }
  Loaded().push_back(path.substr(kXsdDir.size()));
  return xmlNoNetExternalEntityLoader(path.c_str(), id, context);
}

void Collect(void* messages, const xmlError* error) {
  std::string message = error->message ? error->message : "(no message)";
  while (!message.empty() && message.back() == '\n') message.pop_back();
  static_cast<std::vector<std::string>*>(messages)->push_back("line " + std::to_string(error->line) + ": " + message);
}

struct SchemaFree {
  void operator()(xmlSchema* schema) const { xmlSchemaFree(schema); }
};

// The compiled schema of `path` (parsed once per test binary), or null with
// libxml2's messages in `errors`.
xmlSchema* SchemaAt(const std::string& path, std::vector<std::string>* errors) {
  static std::map<std::string, std::unique_ptr<xmlSchema, SchemaFree>> schemas;
  auto found = schemas.find(path);
  if (found != schemas.end()) return found->second.get();
  const xmlExternalEntityLoader previous = xmlGetExternalEntityLoader();
  xmlSetExternalEntityLoader(LocalXsdOnly);
  xmlSchemaParserCtxtPtr context = xmlSchemaNewParserCtxt(path.c_str());
  xmlSchemaSetParserStructuredErrors(context, reinterpret_cast<xmlStructuredErrorFunc>(Collect), errors);
  xmlSchema* schema = xmlSchemaParse(context);
  xmlSchemaFreeParserCtxt(context);
  xmlSetExternalEntityLoader(previous);
  if (schema) schemas[path].reset(schema);
  return schema;
}

// Empty when `xml` is valid against the XSD at `xsd`; else the sample's name
// and libxml2's messages.
std::string Invalidity(const std::string& name, const std::string& xml, const std::string& xsd) {
  std::vector<std::string> messages;
  xmlSchema* schema = SchemaAt(xsd, &messages);
  if (!schema) {
    std::string out = name + ": the schema " + xsd + " did not load:";
    for (const std::string& m : messages) out += "\n  " + m;
    return out;
  }
  auto parsed = InvoiceXml::Parse(xml);
  if (!parsed.ok()) return name + ": not parsed: " + parsed.status().message();
  xmlSchemaValidCtxtPtr context = xmlSchemaNewValidCtxt(schema);
  xmlSchemaSetValidStructuredErrors(context, reinterpret_cast<xmlStructuredErrorFunc>(Collect), &messages);
  const int result = xmlSchemaValidateDoc(context, parsed->root()->doc);
  xmlSchemaFreeValidCtxt(context);
  if (result == 0) return "";
  std::string out = name + " is not valid against " + xsd.substr(kXsdDir.size()) + " (" + std::to_string(result) + "):";
  for (const std::string& m : messages) out += "\n  " + m;
  return out;
}

// The schema an e-invoice's root asks for.
std::string XsdFor(const std::string& xml) {
  if (SniffEInvoiceSyntax(xml) == EInvoiceSyntax::kCii) return kCiiXsd;
  return XmlRootElementName(xml).find("CreditNote") != std::string::npos ? kUblCreditNoteXsd : kUblInvoiceXsd;
}

std::string Without(std::string xml, const std::string& part) {
  const size_t at = xml.find(part);
  EXPECT_NE(at, std::string::npos) << part;
  if (at != std::string::npos) xml.erase(at, part.size());
  return xml;
}

TEST(EInvoiceSchema, TheVendoredSchemasLoadWithoutLeavingTheirFolder) {
  for (const std::string& xsd : {kUblInvoiceXsd, kUblCreditNoteXsd, kCiiXsd}) {
    std::vector<std::string> errors;
    EXPECT_NE(SchemaAt(xsd, &errors), nullptr) << xsd << (errors.empty() ? "" : "\n  " + errors.front());
  }
  EXPECT_TRUE(Refused().empty()) << "the schemas asked for " << Refused().front();
  // Every import went through that loader: the root schemas and the 19 files.
  std::sort(Loaded().begin(), Loaded().end());
  Loaded().erase(std::unique(Loaded().begin(), Loaded().end()), Loaded().end());
  EXPECT_EQ(Loaded().size(), 19u);
  EXPECT_TRUE(std::binary_search(Loaded().begin(), Loaded().end(), "ubl-2.1/common/UBL-xmldsig-core-schema-2.1.xsd"));
}

TEST(EInvoiceSchema, UblInvoiceSamplesAreValid) {
  EXPECT_EQ(Invalidity("UblInvoiceXml(default sample)", samples::UblInvoiceXml({}), kUblInvoiceXsd), "");
  for (int i = 0; i < 12; ++i)
    EXPECT_EQ(Invalidity("UblInvoiceXml(NumberedSample(" + std::to_string(i) + "))",
                         samples::UblInvoiceXml(samples::NumberedSample(i)), kUblInvoiceXsd),
              "");
}

TEST(EInvoiceSchema, UblCreditNoteSamplesAreValid) {
  EXPECT_EQ(Invalidity("UblCreditNoteXml(default sample)", samples::UblCreditNoteXml({}), kUblCreditNoteXsd), "");
  for (int i = 0; i < 12; ++i)
    EXPECT_EQ(Invalidity("UblCreditNoteXml(NumberedSample(" + std::to_string(i) + "))",
                         samples::UblCreditNoteXml(samples::NumberedSample(i)), kUblCreditNoteXsd),
              "");
}

TEST(EInvoiceSchema, CiiInvoiceSamplesAreValid) {
  EXPECT_EQ(Invalidity("CiiInvoiceXml(default sample)", samples::CiiInvoiceXml({}), kCiiXsd), "");
  for (int i = 0; i < 12; ++i)
    EXPECT_EQ(Invalidity("CiiInvoiceXml(NumberedSample(" + std::to_string(i) + "))",
                         samples::CiiInvoiceXml(samples::NumberedSample(i)), kCiiXsd),
              "");
}

// The XML as intake finds it in the Factur-X PDF (poppler's embedded files),
// CII as Factur-X carries it and UBL as some senders embed it.
TEST(EInvoiceSchema, TheXmlEmbeddedInFacturXSamplesIsValid) {
  const samples::SampleInvoice s = samples::NumberedSample(3);
  const std::pair<std::string, std::string> embedded[] = {{"factur-x.xml", samples::CiiInvoiceXml(s)},
                                                         {"xrechnung.xml", samples::UblInvoiceXml(s)}};
  for (const auto& [name, xml] : embedded) {
    const std::string pdf = samples::PdfWithEmbeddedXml(samples::PrintedLines(s), xml, name);
    auto document = OpenSourceDocument(pdf, SniffMediaType(pdf), IntakeLimits{}, 150);
    ASSERT_TRUE(document.ok()) << document.status().message();
    auto file = (*document)->ReadEInvoiceFile();
    ASSERT_TRUE(file.ok()) << file.status().message();
    EXPECT_EQ(file->name, name);
    EXPECT_EQ(Invalidity("PdfWithEmbeddedXml(" + name + ")", file->xml, XsdFor(file->xml)), "");
  }
}

// The validation can fail: a sample missing a mandatory element, or with two
// elements swapped, is reported invalid with the element libxml2 names.
TEST(EInvoiceSchema, BrokenSamplesAreReportedInvalid) {
  const samples::SampleInvoice s;
  const std::string ubl = samples::UblInvoiceXml(s);
  std::string no_issue_date = Without(ubl, "<cbc:IssueDate>" + s.issue_date + "</cbc:IssueDate>");
  std::string problem = Invalidity("UBL without IssueDate", no_issue_date, kUblInvoiceXsd);
  EXPECT_NE(problem.find("UBL without IssueDate is not valid"), std::string::npos) << problem;
  EXPECT_NE(problem.find("IssueDate"), std::string::npos) << problem;

  std::string swapped = Without(ubl, "<cbc:DueDate>" + s.due_date + "</cbc:DueDate>");
  swapped.insert(swapped.find("</cac:LegalMonetaryTotal>") + 25, "<cbc:DueDate>" + s.due_date + "</cbc:DueDate>");
  EXPECT_NE(Invalidity("UBL with DueDate after the totals", swapped, kUblInvoiceXsd), "");

  const std::string cii = samples::CiiInvoiceXml(s);
  const size_t context = cii.find("<rsm:ExchangedDocumentContext>");
  const size_t context_end = cii.find("</rsm:ExchangedDocumentContext>") + 31;
  std::string no_context = cii;
  no_context.erase(context, context_end - context);
  problem = Invalidity("CII without ExchangedDocumentContext", no_context, kCiiXsd);
  EXPECT_NE(problem.find("ExchangedDocument"), std::string::npos) << problem;

  std::string credit_as_invoice = samples::UblCreditNoteXml(s);
  EXPECT_NE(Invalidity("a credit note against the Invoice schema", credit_as_invoice, kUblInvoiceXsd), "");
  // The reader itself is lenient: it still reads what the schema refuses.
  EXPECT_TRUE(ReadEInvoice(no_issue_date).ok());
}

}  // namespace
}  // namespace quai
