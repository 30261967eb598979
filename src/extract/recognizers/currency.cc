#include "extract/recognizers/currency.h"

#include "extract/recognizers/number_parser.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

struct CurrencyName {
  std::string_view folded;  // lower case; the names have no accents
  const char* iso;
  double score;
  bool glues;          // may be glued before a number
};

constexpr CurrencyName kCurrencyNames[] = {
    {"\xE2\x82\xAC", "EUR", 1.0, true},  // €
    {"eur", "EUR", 1.0, true},
    {"euro", "EUR", 0.9, false},
    {"euros", "EUR", 0.9, false},
    {"us$", "USD", 1.0, true},
    {"$", "USD", 0.8, true},
    {"usd", "USD", 1.0, true},
    {"\xC2\xA3", "GBP", 1.0, true},  // £
    {"gbp", "GBP", 1.0, true},
    {"chf", "CHF", 1.0, true},
    {"sfr.", "CHF", 0.8, true},
    {"sfr", "CHF", 0.7, false},
    {"fr.", "CHF", 0.5, true},
    {"frs.", "CHF", 0.5, false},
    {"\xC2\xA5", "JPY", 0.7, true},  // ¥
    {"jpy", "JPY", 1.0, true},
    {"sek", "SEK", 1.0, true},
    {"nok", "NOK", 1.0, true},
    {"dkk", "DKK", 1.0, true},
    {"pln", "PLN", 1.0, true},
    {"czk", "CZK", 1.0, true},
    {"huf", "HUF", 1.0, true},
    {"ron", "RON", 1.0, true},
    {"bgn", "BGN", 1.0, true},
    {"cad", "CAD", 1.0, true},
    {"aud", "AUD", 1.0, true},
    {"cny", "CNY", 1.0, true},
    {"inr", "INR", 1.0, true},
    {"\xE2\x82\xB9", "INR", 1.0, true},  // ₹
    {"rs.", "INR", 0.7, true},
    {"rs", "INR", 0.6, true},
    {"zl", "PLN", 0.6, false},
    {"kc", "CZK", 0.6, false},
};

bool IsAllUpper(std::string_view text) {
  for (char c : text) {
    if (c >= 'a' && c <= 'z') return false;
  }
  return true;
}

// A three-letter code counts in upper case only when glued ("eur12" is not an amount).
bool IsLetterCode(std::string_view folded) {
  return folded.size() == 3 && IsAsciiLetter(folded[0]) && IsAsciiLetter(folded[1]) && IsAsciiLetter(folded[2]);
}

// Only these can start a currency glued before a number.
bool MayStartCurrency(char c) {
  return std::string_view("\xE2\xC2$EeUuCcSsFfJjNnDdPpHhRrBbAa").find(c) != std::string_view::npos;
}

}  // namespace

bool LookupCurrency(std::string_view token, std::string* iso, double* score) {
  if (token.empty() || token.size() > 8) return false;
  for (const CurrencyName& name : kCurrencyNames) {
    if (!EqualsIgnoringAsciiCase(token, name.folded)) continue;
    *iso = name.iso;
    *score = name.score;
    // "EUR" and "Euro" are how currencies are printed; "eur" or "chf" less so.
    if (IsLetterCode(name.folded) && !IsAllUpper(token)) *score *= 0.8;
    return true;
  }
  return false;
}

size_t CurrencyPrefixLength(std::string_view text, std::string* iso) {
  if (text.empty() || !MayStartCurrency(text[0])) return 0;
  size_t best = 0;
  for (const CurrencyName& name : kCurrencyNames) {
    if (!name.glues) continue;
    std::string_view folded_name = name.folded;  // no strlen: a string_view table
    if (text.size() <= folded_name.size()) continue;
    std::string_view head = text.substr(0, folded_name.size());
    if (!EqualsIgnoringAsciiCase(head, folded_name)) continue;
    if (IsLetterCode(folded_name) && !IsAllUpper(head)) continue;
    if (head.size() > best) {
      best = head.size();
      *iso = name.iso;
    }
  }
  return best;
}

std::vector<ValueMatch> FindCurrencies(const std::vector<std::string>& words) {
  std::vector<ValueMatch> matches;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word.size() > 64) continue;
    ValueMatch match;
    match.first_word = static_cast<int>(i);
    match.end_word = static_cast<int>(i) + 1;
    match.printed = word;
    double score = 0;
    if (LookupCurrency(TrimPunctuation(word, /*keep_final_dot=*/true), &match.value, &score) ||
        LookupCurrency(TrimPunctuation(word), &match.value, &score)) {
      match.shape_score = score;
      matches.push_back(std::move(match));
      continue;
    }
    NumberWord number;
    if (SplitNumberWord(word, &number) && !number.currency.empty()) {
      match.value = number.currency;
      match.shape_score = 0.7;
      matches.push_back(std::move(match));
    }
  }
  return matches;
}

}  // namespace quai
