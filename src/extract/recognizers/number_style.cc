// GuessNumberStyle (declared in recognizer.h): votes of the document's numbers
// for the decimal comma or the decimal point.
#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>

#include "extract/recognizers/number_parser.h"
#include "extract/recognizers/recognizer.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

// Clear evidence ("1.250,00", "1 250,00", "1.250.000") outweighs a bare
// "12,5" or "3.20", which versions and times can also print.
constexpr int kStrongVote = 3;
constexpr int kWeakVote = 1;

struct Votes {
  int comma = 0;
  int point = 0;
  void For(char decimal, int weight) { (decimal == ',' ? comma : point) += weight; }
};

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return IsAsciiDigit(c); });
}

// Votes of one number's core, printed without sign or currency.
void VoteForCore(std::string_view core, Votes* votes) {
  ParsedNumber number;
  if (!ParseNumberCore(core, NumberStyle::kUnknown, &number)) return;
  // "09356.68": a leading zero before more digits prints a code, not a number.
  if (core.size() > 1 && core[0] == '0' && IsAsciiDigit(core[1])) return;
  size_t dot = core.rfind('.');
  size_t comma = core.rfind(',');
  bool has_dot = dot != std::string_view::npos;
  bool has_comma = comma != std::string_view::npos;
  // A core holds only digits and separators, so any space, apostrophe or
  // multi-byte lead (U+00A0, U+202F, U+2009, U+2019) is a thousands group.
  bool grouped_by_space = core.find_first_of(" '\xC2\xE2") != std::string_view::npos;
  if (has_dot && has_comma) {
    votes->For(dot > comma ? '.' : ',', kStrongVote);
    return;
  }
  if (!has_dot && !has_comma) return;
  char separator = has_dot ? '.' : ',';
  size_t at = has_dot ? dot : comma;
  if (core.find(separator) != at) {  // "1.250.000": the separator groups
    votes->For(separator == '.' ? ',' : '.', kStrongVote);
    return;
  }
  if (grouped_by_space) {
    votes->For(separator, kStrongVote);
    return;
  }
  size_t after = core.size() - at - 1;
  if (after == 1 || after == 2) votes->For(separator, kWeakVote);
  // "1500,000" and "0,250": no thousands group has four digits before it or
  // starts with a lone zero, so the separator is the decimal one.
  if (after == 3 && (at > 3 || (at == 1 && core[0] == '0'))) votes->For(separator, kStrongVote);
}

// Common words of the languages that print a decimal comma (French, German,
// Italian, Spanish, Dutch) and of English, which prints a decimal point.
// Lower case as printed; words both sides share ("date", "total") are left out.
bool IsWordOf(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

bool IsCommaLanguageWord(std::string_view w) {
  return IsWordOf(w, {"le", "la", "les", "du", "des", "et", "pour", "avec", "sur", "au", "aux", "une", "nous", "vous",
                      "votre", "quantité", "désignation", "commande", "livraison", "prix", "der", "die", "das", "und",
                      "mit", "für", "von", "bei", "menge", "bezeichnung", "bestellung", "lieferung", "preis", "il",
                      "gli", "della", "del", "per", "con", "quantità", "descrizione", "ordine", "consegna", "prezzo",
                      "el", "los", "las", "y", "para", "cantidad", "descripción", "pedido", "entrega", "precio",
                      "het", "een", "en", "van", "voor", "met", "aantal", "omschrijving", "bestelling", "levering",
                      "prijs"});
}

bool IsEnglishWord(std::string_view w) {
  return IsWordOf(w, {"the", "and", "of", "for", "with", "to", "your", "our", "quantity", "description", "order",
                      "delivery", "price", "please", "shipped", "ship", "invoice", "amount", "due", "by", "from"});
}

// With no number to tell, the language the document is written in: three
// words of one side and twice as many as of the other.
NumberStyle StyleOfLanguage(const std::vector<std::string>& document_words) {
  int comma = 0, point = 0;
  for (const std::string& word : document_words) {
    std::string lower = word;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    comma += IsCommaLanguageWord(lower);
    point += IsEnglishWord(lower);
  }
  if (comma >= 3 && comma >= 2 * point) return NumberStyle::kDecimalComma;
  if (point >= 3 && point >= 2 * comma) return NumberStyle::kDecimalPoint;
  return NumberStyle::kUnknown;
}

NumberStyle GuessFromWords(const std::vector<std::string>& document_words) {
  Votes votes;
  bool previous_is_head = false;
  for (const std::string& word : document_words) {
    NumberWord parts;
    bool is_number = SplitNumberWord(word, &parts);
    if (is_number) {
      VoteForCore(parts.core, &votes);
      // "1" "250,00", "1" "250,000": a space-grouped number split into words
      // (a separator after a space group is the decimal one).
      if (previous_is_head && parts.core.size() >= 5 && AllDigits(std::string_view(parts.core).substr(0, 3)) &&
          (parts.core[3] == ',' || parts.core[3] == '.') && AllDigits(std::string_view(parts.core).substr(4)) &&
          parts.core.size() <= 7) {
        votes.For(parts.core[3], kStrongVote);
      }
    }
    previous_is_head = is_number && AllDigits(parts.core) && parts.core.size() <= 3 && !parts.HasSuffix();
  }
  if (votes.comma > votes.point) return NumberStyle::kDecimalComma;
  if (votes.point > votes.comma) return NumberStyle::kDecimalPoint;
  return StyleOfLanguage(document_words);
}

}  // namespace

NumberStyle GuessNumberStyle(const std::vector<std::string>& document_words) {
  try {
    return GuessFromWords(document_words);
  } catch (...) {  // only allocation can throw; not knowing the style is the safe answer
    return NumberStyle::kUnknown;
  }
}

}  // namespace quai
