#include "extract/type_evidence.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "extract/extractor.h"

namespace quai {
namespace {

// A row of cells: each cell's words 5 points apart, cells 60 points apart (a
// gap wider than one and a half line heights, as between table cells).
struct Row {
  double y;
  std::vector<std::string> cells;
  double size = 10;  // the words' height: a title may be printed larger
};

std::vector<Page> PageOfCells(const std::vector<Row>& rows) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  for (const Row& row : rows) {
    double x = 40;
    for (const std::string& cell : row.cells) {
      std::istringstream words(cell);
      const double width = 0.6 * row.size;
      for (std::string w; words >> w; x += width * w.size() + 5) {
        Word word;
        word.text = w;
        word.box = {x, row.y, x + width * w.size(), row.y + row.size};
        pages[0].words.push_back(word);
      }
      x += 60;
    }
  }
  return pages;
}

const SchemaSet& Schemas() {
  static const SchemaSet schemas = [] {
    auto loaded = SchemaSet::LoadDirectory(DefaultSchemaDirectory());
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return loaded.ok() ? std::move(loaded).value() : SchemaSet{};
  }();
  return schemas;
}

double Score(const TypeEvidence& evidence, const std::string& type) {
  auto it = evidence.score.find(type);
  return it == evidence.score.end() ? 0 : it->second;
}

std::string Describe(const TypeEvidence& evidence) {
  std::string text;
  for (const auto& [type, score] : evidence.score) {
    text += type + " " + std::to_string(score) + ":";
    if (auto it = evidence.reasons.find(type); it != evidence.reasons.end())
      for (const std::string& reason : it->second) text += " " + reason + ";";
    text += "\n";
  }
  return text;
}

// A delivery note titled in words no schema knows ("Warenausgang"), read from
// its fields: a delivery-note number, the order, a table of quantities and lots.
std::vector<Page> DeliveryNoteWithAnUnknownTitle() {
  return PageOfCells({
      {40, {"Hoffmann Verpackung GmbH"}},
      {70, {"WARENAUSGANG 2026/118"}},
      {110, {"Lieferschein-Nr.", "LS-778812"}},
      {125, {"Ihre Bestellung", "4500123456"}},
      {140, {"Lieferdatum", "12.03.2026"}},
      {200, {"Artikelnummer", "Bezeichnung", "Menge", "Einheit", "Charge"}},
      {215, {"HV-1200", "Stretchfolie 23 my", "24", "Rolle", "CH240311"}},
      {230, {"HV-1310", "Kartonage 600x400", "150", "Stk", "CH240298"}},
      {300, {"Anzahl Packstücke", "3"}},
  });
}

TEST(TypeEvidence, ADeliveryNoteWithAnUnknownTitleIsTypedFromItsFields) {
  const TypeEvidence evidence = FindTypeEvidence(DocumentView(DeliveryNoteWithAnUnknownTitle()), Schemas());
  const double note = Score(evidence, "delivery_note");
  EXPECT_GT(note, Score(evidence, "invoice") + 1);
  EXPECT_GT(note, Score(evidence, "certificate_of_conformity") + 1);
  EXPECT_GT(note, Score(evidence, "safety_data_sheet") + 1);
  std::string reasons;
  for (const std::string& reason : evidence.reasons.at("delivery_note")) reasons += reason + "; ";
  EXPECT_NE(reasons.find("(delivery_note_number)"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("(lot_number)"), std::string::npos) << reasons;

  // A classifier that never saw the title leans to invoice: the fields win.
  const CombinedType combined =
      CombineTypeEvidence({{"invoice", 0.80}, {"delivery_note", 0.12}, {"other", 0.08}}, evidence);
  EXPECT_EQ(combined.document_type, "delivery_note");
  EXPECT_GT(combined.probability, 0.5);
}

TEST(TypeEvidence, TheExtractorTypesTheUnknownTitleFromItsFields) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  auto type = (*extractor)->Classify(DeliveryNoteWithAnUnknownTitle());
  ASSERT_TRUE(type.ok());
  EXPECT_EQ(type->document_type, "delivery_note") << type->evidence;
}

TEST(TypeEvidence, AnInvoiceReadsAsAnInvoice) {
  const auto pages = PageOfCells({
      {40, {"Ferretti Forniture S.r.l."}},
      {70, {"Documento", "FT 2026/0412"}},
      {110, {"Data", "04/03/2026"}},
      {125, {"Partita IVA", "IT01234567890"}},
      {200, {"Codice", "Descrizione", "Quantità", "Prezzo unitario", "Importo"}},
      {215, {"A-100", "Viti M8", "100", "0,12", "12,00"}},
      {300, {"Imponibile", "12,00"}},
      {315, {"IVA 22 %", "2,64"}},
      {330, {"Totale documento", "14,64"}},
      {345, {"Scadenza", "30/04/2026"}},
  });
  const TypeEvidence evidence = FindTypeEvidence(DocumentView(pages), Schemas());
  EXPECT_GT(Score(evidence, "invoice"), Score(evidence, "delivery_note") + 1);
  // Even a classifier leaning to delivery note is outweighed.
  EXPECT_EQ(CombineTypeEvidence({{"delivery_note", 0.7}, {"invoice", 0.3}}, evidence).document_type, "invoice");
}

TEST(TypeEvidence, HazardCodesAndSectionsMakeASafetyDataSheet) {
  const auto pages = PageOfCells({
      {40, {"FICHA DE DATOS DE SEGURIDAD"}},
      {80, {"SECCIÓN 1: Identificación de la sustancia"}},
      {120, {"SECCIÓN 2: Identificación de los peligros"}},
      {140, {"H225", "Líquido y vapores muy inflamables."}},
      {155, {"H319", "Provoca irritación ocular grave."}},
      {200, {"SECCIÓN 3: Composición"}},
  });
  const TypeEvidence evidence = FindTypeEvidence(DocumentView(pages), Schemas());
  EXPECT_GE(Score(evidence, "safety_data_sheet"), 3);
  EXPECT_EQ(CombineTypeEvidence({{"invoice", 0.6}, {"other", 0.4}}, evidence).document_type, "safety_data_sheet");
}

TEST(TypeEvidence, RunningTextIsNoEvidenceAndASureClassifierStands) {
  // A letter: its sentences hold label words, but no segment is a label.
  const auto pages = PageOfCells({
      {40, {"Madame, Monsieur,"}},
      {70, {"nous vous informons que la date de livraison de votre commande et le numéro de lot seront communiqués"}},
      {85, {"par notre service client avec la facture correspondante dans les meilleurs délais possibles."}},
  });
  const TypeEvidence evidence = FindTypeEvidence(DocumentView(pages), Schemas());
  for (const auto& [type, score] : evidence.score) EXPECT_LT(score, 0.5) << type;
  EXPECT_EQ(CombineTypeEvidence({{"other", 0.9}, {"invoice", 0.1}}, evidence).document_type, "other");
  // Nothing found: the classifier's answer, unchanged.
  EXPECT_EQ(CombineTypeEvidence({{"invoice", 0.95}, {"other", 0.05}}, TypeEvidence{}).document_type, "invoice");
}

// The body of a page every title test shares: a supplier, an address block,
// a few key values, in 10-point text.
std::vector<Row> Body(double from) {
  return {{from, {"Verdier Industrie SAS"}},     {from + 12, {"14 rue des Forges"}},
          {from + 24, {"69100 Villeurbanne"}},    {from + 60, {"Date", "08/05/2026"}},
          {from + 75, {"Code client", "K832484"}}};
}

std::vector<Row> With(std::vector<Row> rows, const std::vector<Row>& more) {
  rows.insert(rows.end(), more.begin(), more.end());
  return rows;
}

TEST(PrintedTitle, ATitlePrintedLargeBesideTheSuppliersNameNamesTheType) {
  TypeEvidenceFinder finder(Schemas());
  const auto pages = PageOfCells(With({{40, {"Bramwell Fasteners plc", "Certificate of Analysis"}, 14}}, Body(80)));
  const PrintedTitle title = finder.FindTitle(DocumentView(pages));
  EXPECT_EQ(title.document_type, "certificate_of_conformity");
  EXPECT_EQ(title.keyword, "certificate of analysis");
  EXPECT_TRUE(title.prominent);
}

TEST(PrintedTitle, APartyHeadingIsNoTitleAndAQuotationsTitleIsOther) {
  TypeEvidenceFinder finder(Schemas());
  // "Facturé à" heads the address the invoice of a later order will go to.
  const auto heading = With({{40, {"Chimie Durance SAS"}}, {66, {"Facturé à"}}}, Body(80));
  EXPECT_EQ(finder.FindTitle(DocumentView(PageOfCells(heading))).document_type, "");
  for (const char* phrase : {"Invoice to", "Fattura a"}) {
    const auto party = With({{40, {"Chimie Durance SAS"}}, {66, {phrase}}}, Body(80));
    EXPECT_EQ(finder.FindTitle(DocumentView(PageOfCells(party))).document_type, "") << phrase;
  }
  // The title printed large names a document of no schema.
  const auto quotation = With(heading, {{200, {"DEVIS"}, 16}});
  const PrintedTitle title = finder.FindTitle(DocumentView(PageOfCells(quotation)));
  EXPECT_EQ(title.document_type, "other");
  EXPECT_TRUE(title.prominent);
  // Printed as large as the text, the highest keyword is the title.
  const auto plain = With({{40, {"Offerte"}}}, Body(80));
  EXPECT_EQ(finder.FindTitle(DocumentView(PageOfCells(plain))).document_type, "other");
}

TEST(PrintedTitle, AnotherDocumentsNumberOrATableRowIsNoTitle) {
  TypeEvidenceFinder finder(Schemas());
  // A certificate gives the number of the delivery note its goods came with.
  const auto reference = PageOfCells(With({{40, {"Química del Segura S.A."}},
                                           {70, {"Certificado n.º", "CQ-26-90144"}},
                                           {85, {"Nota de entrega n.º", "LS-96962052"}}},
                                          Body(120)));
  EXPECT_EQ(finder.FindTitle(DocumentView(reference)).document_type, "");
  const TypeEvidence evidence = finder.Find(DocumentView(reference));
  if (auto it = evidence.reasons.find("delivery_note"); it != evidence.reasons.end())
    for (const std::string& reason : it->second) EXPECT_EQ(reason.find("title"), std::string::npos) << reason;
  // A statement's table lists invoices.
  const auto statement = PageOfCells(
      With({{40, {"Brightwater Chemicals Inc."}}},
           {{200, {"05/04/2026", "3379551", "Invoice – PO 17389", "05/05/2026", "236,22", "1.330,47"}}}));
  EXPECT_EQ(finder.FindTitle(DocumentView(statement)).document_type, "");
}

TEST(PrintedTitle, ATitlePrintedLargeMayEndWithItsKeywordAndTheLongestKeywordDecides) {
  TypeEvidenceFinder finder(Schemas());
  const auto credit = PageOfCells(With({{40, {"Northfield Ingredients Inc."}}, {60, {"CREDIT INVOICE"}, 14}}, Body(80)));
  EXPECT_EQ(finder.FindTitle(DocumentView(credit)).document_type, "invoice");
  // Not in the text's size: a keyword must open its segment.
  const auto sentence = PageOfCells(With({{40, {"Northfield Ingredients Inc."}}, {60, {"Your credit invoice"}}}, Body(80)));
  EXPECT_EQ(finder.FindTitle(DocumentView(sentence)).document_type, "");
  const auto statement = PageOfCells(With({{40, {"Relevé de compte"}, 14}}, Body(80)));
  EXPECT_EQ(finder.FindTitle(DocumentView(statement)).document_type, "other");
}

TEST(TypeEvidence, AddPrintedTitleWeighsATitlePrintedLargeMost) {
  TypeEvidence plain, large;
  AddPrintedTitle("other", "devis", false, &plain);
  AddPrintedTitle("other", "devis", true, &large);
  AddPrintedTitle("", "", true, &large);  // no title: nothing
  EXPECT_GT(Score(large, "other"), Score(plain, "other"));
  EXPECT_EQ(large.score.size(), 1u);
  // A classifier sure of `invoice` (a quotation prints totals) is outweighed.
  TypeEvidence priced;
  priced.score["invoice"] = 2;
  AddPrintedTitle("other", "devis", true, &priced);
  EXPECT_EQ(CombineTypeEvidence({{"invoice", 0.95}, {"other", 0.05}}, priced).document_type, "other");
}

// A certificate titled in words no schema knows, which names the delivery note
// its goods came with: its tests by standard and its statement tell it.
std::vector<Page> CertificateWithAnUnknownTitle() {
  return PageOfCells({
      {40, {"Vogtland Schmierstoffe GmbH"}},
      {70, {"Qualitätsbericht"}},
      {100, {"Zertifikat-Nr.", "CQ-26-93568"}},
      {115, {"Ihre Bestellung", "PO-26-21049"}},
      {130, {"Materialnummer", "36804.61"}},
      {145, {"Charge", "78779-70"}},
      {160, {"Menge", "500 m"}},
      {175, {"Lieferscheinnummer", "9335758"}},
      {220, {"Merkmal", "Methode", "Sollwert", "Istwert"}},
      {235, {"Härte", "ISO 6508", "58 - 62 HRC", "i.O."}},
      {250, {"Viskosität", "ISO 3104", "41,4 - 50,6 mm²/s", "i.O."}},
      {300, {"Hiermit bescheinigen wir, dass die gelieferten Produkte den Vorgaben entsprechen."}},
  });
}

TEST(TypeEvidence, TestsByStandardATableOfTestsAndACertifyingSentenceMakeACertificate) {
  const TypeEvidence evidence = FindTypeEvidence(DocumentView(CertificateWithAnUnknownTitle()), Schemas());
  const auto& reasons = evidence.reasons.at("certificate_of_conformity");
  auto has = [&](const std::string& reason) { return std::find(reasons.begin(), reasons.end(), reason) != reasons.end(); };
  EXPECT_TRUE(has("test methods by standard"));
  EXPECT_TRUE(has("a table of tests (method, specification, result)"));
  EXPECT_TRUE(has("a statement of conformity"));
  EXPECT_GT(Score(evidence, "certificate_of_conformity"), Score(evidence, "delivery_note") + 1);
  // A classifier trained on other wordings leans to invoice: outweighed.
  EXPECT_EQ(CombineTypeEvidence({{"invoice", 0.86}, {"other", 0.11}, {"delivery_note", 0.03}}, evidence).document_type,
            "certificate_of_conformity");
  // One standard (a footer's "ISO 9001") is no test method.
  const TypeEvidence footer = FindTypeEvidence(
      DocumentView(PageOfCells({{40, {"Zertifiziert nach ISO 9001"}}, {60, {"Rechnung", "R-1"}}})), Schemas());
  EXPECT_EQ(footer.reasons.count("certificate_of_conformity"), 0u);
}

TEST(TypeEvidence, QuantitiesListedWithoutPricesMakeADeliveryNote) {
  const auto goods = std::vector<Row>{
      {40, {"Établissements Perrichon & Fils"}},
      {70, {"N° de bon", "0685993"}},
      {200, {"Code article", "Description", "Quantité", "N° de lot"}},
      {215, {"ZW49903", "Vis tête hexagonale M8x40", "271 PCE", "B2603051"}},
  };
  const TypeEvidence listed = FindTypeEvidence(DocumentView(PageOfCells(goods)), Schemas());
  const auto& reasons = listed.reasons.at("delivery_note");
  EXPECT_NE(std::find(reasons.begin(), reasons.end(), "quantities without prices"), reasons.end());
  EXPECT_EQ(CombineTypeEvidence({{"delivery_note", 0.4}, {"other", 0.39}, {"invoice", 0.21}}, listed).document_type,
            "delivery_note") << Describe(listed);
  // The same goods priced: an invoice, an order or a quotation.
  const auto priced = std::vector<Row>{
      {40, {"Établissements Perrichon & Fils"}},
      {200, {"Code article", "Description", "Quantité", "Prix unitaire", "Montant"}},
      {215, {"ZW49903", "Vis tête hexagonale M8x40", "271", "0,12", "32,52"}},
  };
  const TypeEvidence sold = FindTypeEvidence(DocumentView(PageOfCells(priced)), Schemas());
  if (auto it = sold.reasons.find("delivery_note"); it != sold.reasons.end())
    EXPECT_EQ(std::find(it->second.begin(), it->second.end(), "quantities without prices"), it->second.end());
}

// Priced lines and totals: an invoice only with its number or a due date.
std::vector<Row> PricedPage() {
  return {
      {40, {"Bramwell Fasteners plc"}},
      {70, {"Our ref.", "PB-82400"}},
      {200, {"Item", "Description", "Quantity", "Price", "Total"}},
      {215, {"Z77-5138-5", "Epoxy powder coating", "320.00", "3.55", "1,136.00"}},
      {300, {"Subtotal", "1,136.00"}},
      {315, {"VAT 20%", "227.20"}},
      {330, {"Amount due", "1,363.20"}},
  };
}

TEST(TypeEvidence, PricesAndTotalsWithoutAnInvoiceNumberOrDueDateAreOther) {
  const TypeEvidence quotation = FindTypeEvidence(DocumentView(PageOfCells(PricedPage())), Schemas());
  EXPECT_GT(Score(quotation, "other"), 0);
  // A classifier leaning to `other` is confirmed...
  EXPECT_EQ(CombineTypeEvidence({{"other", 0.5}, {"invoice", 0.3}, {"delivery_note", 0.2}}, quotation).document_type,
            "other") << Describe(quotation);
  const TypeEvidence invoice = FindTypeEvidence(
      DocumentView(PageOfCells(With(PricedPage(), {{85, {"Invoice no.", "INV-2231"}}, {100, {"Due date", "30/06/2026"}}}))),
      Schemas());
  EXPECT_EQ(Score(invoice, "other"), 0);
  EXPECT_GT(Score(invoice, "invoice"), 2 * Score(quotation, "invoice"));
  // ... and outweighed once the page has an invoice's number and due date.
  EXPECT_EQ(CombineTypeEvidence({{"other", 0.5}, {"invoice", 0.3}, {"delivery_note", 0.2}}, invoice).document_type,
            "invoice") << Describe(invoice);
}

TEST(TypeEvidence, TheExtractorReadsAQuotationTitledLargeAsOtherAndAnUnknownCertificateAsACertificate) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  auto quotation = (*extractor)->Classify(PageOfCells(With({{20, {"OFFERTE"}, 16}}, PricedPage())));
  ASSERT_TRUE(quotation.ok());
  EXPECT_EQ(quotation->document_type, "other") << quotation->evidence;
  auto certificate = (*extractor)->Classify(CertificateWithAnUnknownTitle());
  ASSERT_TRUE(certificate.ok());
  EXPECT_EQ(certificate->document_type, "certificate_of_conformity") << certificate->evidence;
}

// Labels of the six languages, each on a page of its own, read by the shipped
// models as the field they name.
struct LabelCase {
  const char* language;
  const char* number_label;
  const char* number;
  const char* order_label;
  const char* order;
};

TEST(TypeEvidence, DeliveryNoteLabelsInGermanItalianSpanishAndDutchAreRead) {
  auto extractor = Extractor::Load(ExtractorOptions{});
  ASSERT_TRUE(extractor.ok()) << extractor.status().message();
  const LabelCase cases[] = {
      {"de", "Lieferscheinnummer:", "LS-40781", "Ihre Bestellnummer:", "4500071234"},
      {"it", "DDT n.", "DDT-2231", "Vs. ordine", "4500084411"},
      {"es", "Albarán nº", "AL-99120", "Su pedido", "4500095577"},
      {"nl", "Pakbonnummer", "PB-66120", "Uw bestelling", "4500062290"},
  };
  for (const LabelCase& c : cases) {
    const auto pages = PageOfCells({
        {40, {"Leverancier Lieferant Proveedor Fornitore"}},
        {110, {c.number_label, c.number}},
        {140, {c.order_label, c.order}},
    });
    auto read = (*extractor)->ExtractAs(pages, TypePrediction{"delivery_note", 1.0, "given"});
    ASSERT_TRUE(read.ok());
    auto number = read->fields.find("delivery_note_number");
    auto order = read->fields.find("po_number");
    ASSERT_NE(number, read->fields.end()) << c.language;
    ASSERT_NE(order, read->fields.end()) << c.language;
    EXPECT_EQ(number->second.value, c.number) << c.language << ": " << number->second.evidence;
    EXPECT_EQ(order->second.value, c.order) << c.language << ": " << order->second.evidence;
  }
}

TEST(TypeEvidence, LotAndQuantityLabelsOfEveryLanguageAreTheirFields) {
  // The label words as printed in column headers, each found as its field.
  const std::pair<const char*, const char*> headers[] = {
      {"Chargennummer", "lot_number"}, {"Lotto", "lot_number"},      {"Lote", "lot_number"},
      {"Partijnummer", "lot_number"},  {"Cantidad", "quantity"},     {"Quantità", "quantity"},
      {"Aantal", "quantity"},          {"Menge", "quantity"},        {"Fecha de caducidad", "expiry_date"},
      {"Descripción", "description"},  {"Omschrijving", "description"}, {"Código", "supplier_article_code"},
  };
  const DocumentSchema* note = Schemas().Find("delivery_note");
  ASSERT_NE(note, nullptr);
  for (const auto& [header, field] : headers) {
    const DocumentView view(PageOfCells({{100, {header}}}));
    std::string best;
    double best_score = 0;
    for (const FieldSpec& spec : note->lines) {
      LabelHit hit = LabelLexicon(spec.labels).MatchSpan(view.rows()[0].tokens, 0,
                                                         static_cast<int>(view.rows()[0].tokens.size()));
      if (hit.score > best_score) best_score = hit.score, best = spec.name;
    }
    EXPECT_EQ(best, field) << header;
    EXPECT_GE(best_score, 0.95) << header;
  }
}

}  // namespace
}  // namespace quai
