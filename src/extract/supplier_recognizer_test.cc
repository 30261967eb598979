#include "extract/supplier_recognizer.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "fixtures/pages.h"

namespace quai {
namespace {

using testing::PageWithRows;

std::vector<SupplierIdentity> IdentifiersOf(const std::vector<Page>& pages, const std::string& kind) {
  DocumentView view(pages);
  std::vector<SupplierIdentity> of_kind;
  for (const SupplierIdentity& id : FindSupplierIdentifiers(view))
    if (id.kind == kind) of_kind.push_back(id);
  return of_kind;
}

KnownSupplier Supplier(int64_t id, const std::string& name, std::vector<SupplierIdentity> identifiers = {},
                       const std::string& letterhead = "") {
  KnownSupplier s;
  s.id = id;
  s.name = name;
  s.identifiers = std::move(identifiers);
  s.letterhead = letterhead;
  return s;
}

SupplierMatch RecognizeOn(const SupplierRecognizer& recognizer, const std::vector<Page>& pages) {
  DocumentView view(pages);
  return recognizer.Recognize(view);
}

// FR VAT numbers: key = (12 + 3 × (SIREN mod 97)) mod 97.
constexpr const char* kAcmeVat = "FR40123456824";
constexpr const char* kBetaVat = "FR96552100554";
constexpr const char* kCustomerVat = "FR44732829320";

TEST(FindSupplierIdentifiers, FindsAValidFrenchVatNumberWrittenWithSpaces) {
  auto pages = PageWithRows({{700, "N° TVA intracom : FR 40 123 456 824"}});
  EXPECT_EQ(IdentifiersOf(pages, "vat"), (std::vector<SupplierIdentity>{{"vat", kAcmeVat}}));
}

TEST(FindSupplierIdentifiers, IgnoresAVatNumberWhoseCheckDigitsAreWrong) {
  auto pages = PageWithRows({{700, "N° TVA intracom : FR 41 123 456 824"}});
  EXPECT_TRUE(IdentifiersOf(pages, "vat").empty());
}

TEST(FindSupplierIdentifiers, FindsAValidIbanPrintedInGroupsOfFourAfterTheWordIban) {
  auto pages = PageWithRows({{760, "IBAN : FR76 3000 6000 0112 3456 7890 189 BIC : AGRIFRPP"}});
  EXPECT_EQ(IdentifiersOf(pages, "iban"),
            (std::vector<SupplierIdentity>{{"iban", "FR7630006000011234567890189"}}));
}

TEST(FindSupplierIdentifiers, FindsAGermanIbanOfItsOwnLength) {
  auto pages = PageWithRows({{760, "IBAN DE89 3704 0044 0532 0130 00"}});
  EXPECT_EQ(IdentifiersOf(pages, "iban"), (std::vector<SupplierIdentity>{{"iban", "DE89370400440532013000"}}));
}

TEST(FindSupplierIdentifiers, ARunWhoseModulo97IsOneIsNoIbanWithoutAnIbanCountryAndLength) {
  // Both runs pass the ISO 13616 mod-97 check: the first names no IBAN
  // country, the second is two characters short of a French IBAN.
  auto unknown_country = PageWithRows({{760, "IBAN ZZ38 1234 5678 9012 3456 7890 123"}});
  EXPECT_TRUE(IdentifiersOf(unknown_country, "iban").empty());
  auto short_french = PageWithRows({{760, "IBAN FR04 3000 6000 0112 3456 7890 1"}});
  EXPECT_TRUE(IdentifiersOf(short_french, "iban").empty());
}

TEST(FindSupplierIdentifiers, AnIbanWithOneDigitMisreadIsNotFound) {
  auto pages = PageWithRows({{760, "IBAN FR76 3000 6000 0112 3456 7890 188"}});
  EXPECT_TRUE(IdentifiersOf(pages, "iban").empty());
}

TEST(FindSupplierIdentifiers, FindsASiretOnlyOnARowThatNamesIt) {
  auto named = PageWithRows({{780, "SIRET : 732 829 320 00074 - APE 2030Z"}});
  EXPECT_EQ(IdentifiersOf(named, "siret"), (std::vector<SupplierIdentity>{{"siret", "73282932000074"}}));
  auto unnamed = PageWithRows({{780, "Client : 732 829 320 00074"}});
  EXPECT_TRUE(IdentifiersOf(unnamed, "siret").empty());
}

TEST(FindSupplierIdentifiers, IgnoresASiretWhoseLuhnCheckFails) {
  auto pages = PageWithRows({{780, "SIRET : 732 829 320 00075"}});
  EXPECT_TRUE(IdentifiersOf(pages, "siret").empty());
}

TEST(LetterheadWords, TakesTheDistinctLetterWordsOfTheTopFifthOfTheFirstPageSorted) {
  auto pages = PageWithRows({{30, "ACME Chimie"},
                             {50, "12 rue des Lilas 69003 Lyon"},
                             {65, "Tél. 04 78 00 00 00 - Lyon"},
                             {400, "Facture Désignation"}});
  Page second = PageWithRows({{30, "Conditions Générales"}})[0];
  second.number = 2;
  pages.push_back(second);
  DocumentView view(pages);
  // Numbers, words under three letters, everything below 20 % of the page
  // height and the other pages are left out; "Tél." is folded.
  EXPECT_EQ(LetterheadWords(view), "acme chimie des lilas lyon rue tel");
}

TEST(LetterheadWords, IsEmptyWithoutPages) {
  std::vector<Page> none;
  DocumentView view(none);
  EXPECT_EQ(LetterheadWords(view), "");
}

TEST(LetterheadSimilarity, IsTheShareOfWordsInCommon) {
  EXPECT_DOUBLE_EQ(LetterheadSimilarity("acme chimie lyon", "acme chimie lyon"), 1.0);
  EXPECT_DOUBLE_EQ(LetterheadSimilarity("acme chimie lyon", "chimie lyon rue"), 0.5);  // 2 of 4
  EXPECT_DOUBLE_EQ(LetterheadSimilarity("acme", "beta"), 0.0);
  EXPECT_DOUBLE_EQ(LetterheadSimilarity("", "acme"), 0.0);
  EXPECT_DOUBLE_EQ(LetterheadSimilarity("acme", ""), 0.0);
}

TEST(SupplierRecognizer, AnIdentifierOwnedByOneSupplierWinsOverAnotherSuppliersName) {
  SupplierRecognizer recognizer({Supplier(1, "Beta Industries", {{"vat", kBetaVat}}),
                                 Supplier(2, "ACME Chimie", {{"vat", kAcmeVat}})});
  // Beta's name appears (as the customer, say), but Acme's VAT number is printed.
  auto pages = PageWithRows({{30, "Livré à : Beta Industries"}, {700, "TVA FR40123456824"}});
  SupplierMatch match = RecognizeOn(recognizer, pages);
  EXPECT_TRUE(match.known);
  EXPECT_EQ(match.id, 2);
  EXPECT_EQ(match.name, "ACME Chimie");
  EXPECT_EQ(match.evidence, "vat FR40123456824");
  EXPECT_TRUE(match.by_identifier);
}

TEST(SupplierRecognizer, AnIdentifierOfSeveralSuppliersIdentifiesNoneOfThem) {
  // The customer's own VAT number, printed on every supplier's invoice.
  SupplierRecognizer recognizer({Supplier(1, "Beta Industries", {{"vat", kCustomerVat}}),
                                 Supplier(2, "ACME Chimie", {{"vat", kCustomerVat}})});
  auto only_shared = PageWithRows({{30, "Facture"}, {700, "Votre TVA FR44732829320"}});
  SupplierMatch none = RecognizeOn(recognizer, only_shared);
  EXPECT_FALSE(none.known);
  EXPECT_EQ(none.id, 0);

  // With the shared number and a name, the name decides.
  auto with_name = PageWithRows({{30, "ACME Chimie"}, {700, "Votre TVA FR44732829320"}});
  SupplierMatch by_name = RecognizeOn(recognizer, with_name);
  EXPECT_TRUE(by_name.known);
  EXPECT_EQ(by_name.id, 2);
  EXPECT_EQ(by_name.evidence, "name");
  EXPECT_FALSE(by_name.by_identifier);
}

TEST(SupplierRecognizer, AnIbanOrSiretOwnedByOneSupplierIdentifiesIt) {
  SupplierRecognizer recognizer({Supplier(1, "Beta Industries", {{"iban", "FR7630006000011234567890189"}}),
                                 Supplier(2, "ACME Chimie", {{"siret", "73282932000074"}})});
  SupplierMatch by_iban = RecognizeOn(recognizer, PageWithRows({{760, "IBAN FR76 3000 6000 0112 3456 7890 189"}}));
  EXPECT_EQ(by_iban.id, 1);
  EXPECT_EQ(by_iban.evidence, "iban FR7630006000011234567890189");
  SupplierMatch by_siret = RecognizeOn(recognizer, PageWithRows({{780, "SIRET 732 829 320 00074"}}));
  EXPECT_EQ(by_siret.id, 2);
  EXPECT_EQ(by_siret.evidence, "siret 73282932000074");
}

TEST(SupplierRecognizer, NamesMatchWhateverTheirAccentsCaseAndPunctuation) {
  SupplierRecognizer recognizer({Supplier(1, "Beta Industries"), Supplier(7, "Chimirhône S.A.S.")});
  SupplierMatch match = RecognizeOn(recognizer, PageWithRows({{30, "CHIMIRHONE SAS"}, {60, "Lyon"}}));
  EXPECT_TRUE(match.known);
  EXPECT_EQ(match.id, 7);
  EXPECT_EQ(match.name, "Chimirhône S.A.S.");
  EXPECT_EQ(match.evidence, "name");
}

TEST(SupplierRecognizer, AMergedSuppliersNameIsRecognisedAsTheKeptOneUnderItsOwnName) {
  KnownSupplier kept = Supplier(7, "Chimirhone");
  kept.aliases = {"Solvants de l'Isere SAS"};
  SupplierRecognizer recognizer({Supplier(1, "Beta Industries"), kept});
  SupplierMatch match = RecognizeOn(recognizer, PageWithRows({{30, "SOLVANTS DE L'ISERE SAS"}, {60, "Grenoble"}}));
  EXPECT_TRUE(match.known);
  EXPECT_EQ(match.id, 7);
  EXPECT_EQ(match.name, "Chimirhone");  // the kept name, not the alias
  EXPECT_FALSE(RecognizeOn(SupplierRecognizer({Supplier(7, "Chimirhone")}),
                           PageWithRows({{30, "SOLVANTS DE L'ISERE SAS"}}))
                   .known);
}

TEST(SupplierRecognizer, TheLongestKnownNameThatAppearsWins) {
  auto pages = PageWithRows({{30, "Acme Chimie Lyon"}});
  EXPECT_EQ(RecognizeOn(SupplierRecognizer({Supplier(1, "ACME"), Supplier(2, "ACME Chimie Lyon")}), pages).id, 2);
  EXPECT_EQ(RecognizeOn(SupplierRecognizer({Supplier(2, "ACME Chimie Lyon"), Supplier(1, "ACME")}), pages).id, 2);
}

TEST(SupplierRecognizer, OneOcrSlipInALongNameStillMatchesButNotInAShortOne) {
  SupplierRecognizer recognizer({Supplier(3, "Laboratoires Durand")});
  SupplierMatch slipped = RecognizeOn(recognizer, PageWithRows({{30, "LABORATOIRES DVRAND"}}));
  EXPECT_TRUE(slipped.known);
  EXPECT_EQ(slipped.id, 3);
  EXPECT_EQ(slipped.evidence, "name");

  SupplierRecognizer short_name({Supplier(4, "Acme SA")});
  SupplierMatch short_slipped = RecognizeOn(short_name, PageWithRows({{30, "Acne SA"}}));
  EXPECT_FALSE(short_slipped.known);

  // More than one slip in the long name is another name.
  SupplierMatch far = RecognizeOn(recognizer, PageWithRows({{30, "LABORATORIOS DVRANT"}}));
  EXPECT_FALSE(far.known);
}

TEST(SupplierRecognizer, DigitsShapedLikeLettersInAScannedNameAreNotSlips) {
  // "D.1.Y" and "BH0" are OCR's shapes of "D.I.Y" and "BHO": with one real slip
  // left ("BHI" for "BHD") the name is still its own.
  SupplierRecognizer recognizer({Supplier(5, "MR. D.I.Y. (KUCHAI) SDN BHD")});
  SupplierMatch match = RecognizeOn(recognizer, PageWithRows({{30, "MR. D.1.Y, (KUCHAI) SDN BHI"}}));
  EXPECT_TRUE(match.known);
  EXPECT_EQ(match.name, "MR. D.I.Y. (KUCHAI) SDN BHD");
  EXPECT_FALSE(RecognizeOn(recognizer, PageWithRows({{30, "MR. D.1.Y, (KEPONG) SDN BHI"}})).known);
  EXPECT_EQ(FoldOcrLookalikes("d1y0l58|"), "diyoisbi");
}

TEST(SupplierRecognizer, FallsBackToTheLetterheadWhenNoIdentifierOrNameIsPrinted) {
  const std::string letterhead = "chimie des lilas lyon produits rue";
  SupplierRecognizer recognizer({Supplier(1, "Beta Industries", {}, "beta industries lille"),
                                 Supplier(5, "Société Rhodanienne", {}, letterhead)});
  // The logo (the name) is an image: only the address lines were read.
  auto pages = PageWithRows({{30, "Produits Chimie"}, {50, "12 rue des Lilas 69003 Lyon"}, {400, "Facture"}});
  SupplierMatch match = RecognizeOn(recognizer, pages);
  EXPECT_TRUE(match.known);
  EXPECT_EQ(match.id, 5);
  EXPECT_EQ(match.evidence, "letterhead");
  EXPECT_FALSE(match.by_identifier);

  // Half the words in common (4 of 8) is not enough.
  auto other = PageWithRows({{30, "Produits Chimie"}, {50, "Avenue des Lilas Paris"}});
  EXPECT_FALSE(RecognizeOn(recognizer, other).known);
}

TEST(SupplierRecognizer, ADocumentThatMatchesNobodyIsFromAnUnknownSupplier) {
  SupplierRecognizer recognizer({Supplier(1, "Beta Industries", {{"vat", kBetaVat}}, "beta industries lille")});
  SupplierMatch match = RecognizeOn(recognizer, PageWithRows({{30, "Gamma Logistique"}, {700, "TVA FR40123456824"}}));
  EXPECT_FALSE(match.known);
  EXPECT_EQ(match.id, 0);
  EXPECT_EQ(match.name, "");

  SupplierRecognizer nobody({});
  EXPECT_FALSE(RecognizeOn(nobody, PageWithRows({{30, "Beta Industries"}})).known);
}

}  // namespace
}  // namespace quai
