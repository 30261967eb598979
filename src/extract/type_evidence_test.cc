#include "extract/type_evidence.h"

#include <gtest/gtest.h>

#include <sstream>

#include "extract/extractor.h"

namespace quai {
namespace {

// A row of cells: each cell's words 5 points apart, cells 60 points apart (a
// gap wider than one and a half line heights, as between table cells).
struct Row {
  double y;
  std::vector<std::string> cells;
};

std::vector<Page> PageOfCells(const std::vector<Row>& rows) {
  std::vector<Page> pages(1);
  pages[0].width = 595;
  pages[0].height = 842;
  for (const Row& row : rows) {
    double x = 40;
    for (const std::string& cell : row.cells) {
      std::istringstream words(cell);
      for (std::string w; words >> w; x += 6.0 * w.size() + 5) {
        Word word;
        word.text = w;
        word.box = {x, row.y, x + 6.0 * w.size(), row.y + 10};
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
