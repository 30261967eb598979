#include "extract/recognizers/number_parser.h"

#include "extract/recognizers/currency.h"
#include "extract/recognizers/unit_lexicon.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

constexpr size_t kMaxNumberBytes = 64;

// Separator kinds in the compact form ParseNumberCore works on.
constexpr char kSpace = 'S';
constexpr char kApostrophe = 'A';

bool IsSeparatorKind(char c) { return c == '.' || c == ',' || c == kSpace || c == kApostrophe; }

bool IsNumberCharacter(char32_t c) {
  return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '\'' || c == 0x2019 || IsGroupSpace(c);
}

bool IsMinus(char32_t c) { return c == '-' || c == 0x2212 || c == 0x2013; }

bool IsTrailingPunctuation(char32_t c) {
  switch (c) {
    case '.': case ',': case ';': case ':': case '!': case '?': case '"': case '\'':
    case 0xBB: case 0x201D: case 0x2019:
      return true;
    default:
      return false;
  }
}

// Digits of `text` with leading zeros removed ("" stays "0").
std::string WithoutLeadingZeros(std::string_view digits) {
  size_t first = 0;
  while (first + 1 < digits.size() && digits[first] == '0') ++first;
  std::string result(digits.substr(first));
  return result.empty() ? "0" : result;
}

}  // namespace

bool NumberWord::HasPrefix() const { return sign_before || open_paren || times || currency_before; }

bool NumberWord::HasSuffix() const {
  return !unit.empty() || (!currency.empty() && !currency_before) || percent || close_paren || dash_integer ||
         minus_after;
}

bool ParseNumberCore(std::string_view core, NumberStyle style, ParsedNumber* number) {
  if (core.empty() || core.size() > kMaxNumberBytes) return false;
  std::string seq;  // digits and separator kinds
  size_t pos = 0;
  while (pos < core.size()) {
    char32_t c = NextCodePoint(core, &pos);
    if (c >= '0' && c <= '9') {
      seq.push_back(static_cast<char>(c));
    } else if (c == '.' || c == ',') {
      seq.push_back(static_cast<char>(c));
    } else if (c == '\'' || c == 0x2019) {
      seq.push_back(kApostrophe);
    } else if (IsGroupSpace(c)) {
      seq.push_back(kSpace);
    } else {
      return false;
    }
  }
  if (!IsAsciiDigit(seq.back())) return false;
  for (size_t i = 1; i < seq.size(); ++i) {
    if (IsSeparatorKind(seq[i]) && IsSeparatorKind(seq[i - 1])) return false;
  }
  if (!IsAsciiDigit(seq[0]) && seq[0] != '.' && seq[0] != ',') return false;

  int count[256] = {};
  size_t last_dot = std::string::npos, last_comma = std::string::npos, last_group_space = std::string::npos;
  for (size_t i = 0; i < seq.size(); ++i) {
    ++count[static_cast<unsigned char>(seq[i])];
    if (seq[i] == '.') last_dot = i;
    if (seq[i] == ',') last_comma = i;
    if (seq[i] == kSpace || seq[i] == kApostrophe) last_group_space = i;
  }
  bool spaces = count[static_cast<unsigned char>(kSpace)] > 0;
  bool apostrophes = count[static_cast<unsigned char>(kApostrophe)] > 0;
  if (spaces && apostrophes) return false;
  char group = spaces ? kSpace : (apostrophes ? kApostrophe : '\0');
  char decimal = '\0';
  bool ambiguous = false;
  int dots = count[static_cast<unsigned char>('.')];
  int commas = count[static_cast<unsigned char>(',')];
  if (dots > 0 && commas > 0) {
    if (group != '\0') return false;
    decimal = last_dot > last_comma ? '.' : ',';
    group = decimal == '.' ? ',' : '.';
    if (count[static_cast<unsigned char>(decimal)] != 1) return false;
  } else if (dots > 0 || commas > 0) {
    char separator = dots > 0 ? '.' : ',';
    size_t at = dots > 0 ? last_dot : last_comma;
    if (dots + commas >= 2) {
      if (group != '\0') return false;
      group = separator;
    } else if (group != '\0') {
      if (at < last_group_space) return false;  // "1,250 000"
      decimal = separator;
    } else {
      size_t after = seq.size() - at - 1;
      bool leading_zero = at == 0 || seq[0] == '0';
      if (after != 3 || leading_zero || at > 3) {
        decimal = separator;
      } else if (style == NumberStyle::kDecimalComma) {
        (separator == ',' ? decimal : group) = separator;
      } else if (style == NumberStyle::kDecimalPoint) {
        (separator == '.' ? decimal : group) = separator;
      } else {
        group = separator;
        ambiguous = true;
      }
    }
  }

  size_t decimal_at = decimal == '\0' ? seq.size() : seq.find(decimal);
  std::string integer_digits;
  int group_length = 0;
  bool first_group = true;
  for (size_t i = 0; i < decimal_at; ++i) {
    if (IsAsciiDigit(seq[i])) {
      integer_digits.push_back(seq[i]);
      ++group_length;
      continue;
    }
    if (seq[i] != group) return false;
    if (first_group ? (group_length < 1 || group_length > 3) : group_length != 3) return false;
    first_group = false;
    group_length = 0;
  }
  if (!first_group && group_length != 3) return false;
  std::string decimals;
  for (size_t i = decimal_at + 1; i < seq.size(); ++i) {
    if (!IsAsciiDigit(seq[i])) return false;
    decimals.push_back(seq[i]);
  }
  number->value = WithoutLeadingZeros(integer_digits);
  number->integer_digits = number->value == "0" ? 0 : static_cast<int>(number->value.size());
  number->decimals = static_cast<int>(decimals.size());
  if (!decimals.empty()) number->value += "." + decimals;
  number->grouped = !first_group;
  number->ambiguous = ambiguous;
  return true;
}

bool SplitNumberWord(std::string_view word, NumberWord* parts) {
  *parts = NumberWord();
  if (word.empty() || word.size() > kMaxNumberBytes) return false;
  size_t pos = 0;
  // Opening punctuation and the prefixes, each at most once, in any order: "(€-12", "-€12", "x100".
  bool sign_seen = false;
  while (pos < word.size()) {
    size_t next = pos;
    char32_t c = NextCodePoint(word, &next);
    if (c == '(' && !parts->open_paren && !sign_seen) {
      parts->open_paren = true;
      pos = next;
    } else if ((c == '"' || c == '[' || c == 0xAB || c == 0x201C) && pos == 0) {
      pos = next;
    } else if ((IsMinus(c) || c == '+') && !sign_seen) {
      sign_seen = true;
      parts->sign_before = true;
      parts->negative = c != '+';
      pos = next;
    } else if ((c == 'x' || c == 'X' || c == 0xD7) && !parts->times && next < word.size() &&
               IsAsciiDigit(word[next])) {
      parts->times = true;
      pos = next;
    } else if (size_t length = parts->currency.empty() ? CurrencyPrefixLength(word.substr(pos), &parts->currency) : 0;
               length > 0) {
      parts->currency_before = true;
      pos += length;
      while (pos < word.size()) {  // "€ 12" inside one word
        size_t after_space = pos;
        if (!IsGroupSpace(NextCodePoint(word, &after_space))) break;
        pos = after_space;
      }
    } else {
      break;
    }
  }

  size_t core_start = pos;
  size_t core_end = pos;  // one past the last digit
  while (pos < word.size()) {
    size_t next = pos;
    char32_t c = NextCodePoint(word, &next);
    if (!IsNumberCharacter(c)) break;
    if (c >= '0' && c <= '9') core_end = next;
    pos = next;
  }
  if (core_end == core_start) return false;
  std::string_view core = word.substr(core_start, core_end - core_start);
  if (!IsAsciiDigit(core[0]) && !((core[0] == '.' || core[0] == ',') && core.size() > 1 && IsAsciiDigit(core[1]))) {
    return false;
  }
  parts->core = std::string(core);

  std::string_view rest = word.substr(core_end);
  // "12,-" and "12.–": a whole amount.
  if (rest.size() >= 2 && (rest[0] == ',' || rest[0] == '.')) {
    size_t after = 1;
    bool dashes = false;
    while (after < rest.size()) {
      size_t next = after;
      if (!IsMinus(NextCodePoint(rest, &next))) break;
      dashes = true;
      after = next;
    }
    if (dashes) {
      parts->dash_integer = true;
      rest.remove_prefix(after);
    }
  }
  if (!parts->dash_integer && !rest.empty()) {
    size_t next = 0;
    if (IsMinus(NextCodePoint(rest, &next)) && !sign_seen) {  // SAP prints "1.250,00-"
      parts->negative = true;
      parts->minus_after = true;
      rest.remove_prefix(next);
    }
  }
  // Closing punctuation at the end, then what is glued in between.
  std::string_view removed_dot;
  while (!rest.empty()) {
    size_t length = 1;
    while (length < rest.size() && length < 4 && (static_cast<unsigned char>(rest[rest.size() - length]) & 0xC0) == 0x80) {
      ++length;
    }
    size_t probe = rest.size() - length;
    char32_t c = NextCodePoint(rest, &probe);
    if (c == ')' && !parts->close_paren) {
      parts->close_paren = true;
    } else if (IsTrailingPunctuation(c)) {
      if (c == '.' && removed_dot.empty()) removed_dot = rest.substr(rest.size() - 1);
    } else {
      break;
    }
    rest.remove_suffix(length);
  }
  if (!rest.empty() && rest[0] == ')' && !parts->close_paren) {
    parts->close_paren = true;
    rest.remove_prefix(1);
  }
  while (!rest.empty()) {
    size_t next = 0;
    if (!IsGroupSpace(NextCodePoint(rest, &next))) break;
    rest.remove_prefix(next);
  }
  if (!rest.empty()) {
    std::string iso;
    double score = 0;
    std::string with_dot = std::string(rest) + ".";
    if (rest == "%") {
      parts->percent = true;
    } else if (LookupCurrency(rest, &iso, &score) || (!removed_dot.empty() && LookupCurrency(with_dot, &iso, &score))) {
      if (!parts->currency.empty()) return false;
      parts->currency = iso;
    } else if (LookupUnit(rest, &score)) {
      parts->unit = std::string(rest);
    } else if (!removed_dot.empty() && LookupUnit(with_dot, &score)) {
      parts->unit = with_dot;
    } else {
      return false;
    }
  }
  if (parts->open_paren && parts->close_paren) parts->negative = true;
  return true;
}

}  // namespace quai
