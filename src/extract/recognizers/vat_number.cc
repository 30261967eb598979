#include "extract/recognizers/vat_number.h"

#include <algorithm>
#include <cstdint>

#include "extract/recognizers/ocr_repair.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

constexpr int kMaxWords = 7;          // "GB 287 4410 41", "CHE - 114 567 897 MWST"
constexpr size_t kMaxWordBytes = 40;
constexpr size_t kMaxNationalLength = 13;
constexpr int kMaxRepairs = 2;        // more misread digits than this is not a VAT number

// National parts, one pattern per allowed shape: 'd' digit, 'L' letter,
// 'X' letter or digit, anything else that letter itself. Lengths from 2 to
// 10 digits (Romania) are listed one by one.
struct CountryFormat {
  std::string_view prefix;
  std::initializer_list<const char*> patterns;
};

const CountryFormat kCountryFormats[] = {
    {"AT", {"Udddddddd"}},
    {"BE", {"dddddddddd", "ddddddddd"}},
    {"BG", {"ddddddddd", "dddddddddd"}},
    {"CY", {"ddddddddL"}},
    {"CZ", {"dddddddd", "ddddddddd", "dddddddddd"}},
    {"DE", {"ddddddddd"}},
    {"DK", {"dddddddd"}},
    {"EE", {"ddddddddd"}},
    {"EL", {"ddddddddd"}},
    {"GR", {"ddddddddd"}},
    {"ES", {"XdddddddX"}},
    {"FI", {"dddddddd"}},
    {"FR", {"XXddddddddd"}},
    {"HR", {"ddddddddddd"}},
    {"HU", {"dddddddd"}},
    {"IE", {"dddddddL", "dddddddLL", "dXdddddL"}},
    {"IT", {"ddddddddddd"}},
    {"LT", {"ddddddddd", "dddddddddddd"}},
    {"LU", {"dddddddd"}},
    {"LV", {"ddddddddddd"}},
    {"MT", {"dddddddd"}},
    {"NL", {"dddddddddBdd"}},
    {"PL", {"dddddddddd"}},
    {"PT", {"ddddddddd"}},
    {"RO", {"dd", "ddd", "dddd", "ddddd", "dddddd", "ddddddd", "dddddddd", "ddddddddd", "dddddddddd"}},
    {"SE", {"dddddddddddd"}},
    {"SI", {"dddddddd"}},
    {"SK", {"dddddddddd"}},
    {"GB", {"ddddddddd", "dddddddddddd", "GDddd", "HAddd"}},
    {"XI", {"ddddddddd", "dddddddddddd", "GDddd", "HAddd"}},
    {"CHE", {"ddddddddd"}},
};

const CountryFormat* FindCountry(std::string_view prefix) {
  for (const CountryFormat& format : kCountryFormats) {
    if (prefix == format.prefix) return &format;
  }
  return nullptr;
}

char ToUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Fits `national` to `pattern`, repairing confusables where a digit must be.
bool FitPattern(std::string_view national, std::string_view pattern, std::string* fitted, bool* repaired) {
  if (national.size() != pattern.size()) return false;
  fitted->assign(national);
  *repaired = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = national[i];
    switch (pattern[i]) {
      case 'd':
        if (!IsAsciiDigit(c)) {
          char digit = DigitForConfusable(c);
          if (digit == '\0') return false;
          (*fitted)[i] = digit;
          *repaired = true;
        }
        break;
      case 'L':
        if (!IsAsciiLetter(c)) return false;
        break;
      case 'X':
        if (!IsAsciiAlnum(c)) return false;
        break;
      default:
        if (ToUpper(c) != pattern[i]) return false;
    }
  }
  return true;
}

int Digit(std::string_view text, size_t i) { return text[i] - '0'; }

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return IsAsciiDigit(c); });
}

int64_t Value(std::string_view digits) {
  int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// Weighted sum of the first weights.size() digits.
int WeightedSum(std::string_view digits, std::initializer_list<int> weights) {
  int sum = 0;
  size_t i = 0;
  for (int weight : weights) sum += weight * Digit(digits, i++);
  return sum;
}

bool Luhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = Digit(digits, i);
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// ISO 7064 MOD 11,10 (Germany, Croatia).
bool Mod11_10(std::string_view digits) {
  int product = 10;
  for (size_t i = 0; i + 1 < digits.size(); ++i) {
    int sum = (Digit(digits, i) + product) % 10;
    if (sum == 0) sum = 10;
    product = (2 * sum) % 11;
  }
  int check = (11 - product) % 10;
  return check == Digit(digits, digits.size() - 1);
}

// Remainder of a long decimal string modulo `divisor`.
int Mod(std::string_view digits, int divisor) {
  int remainder = 0;
  for (char c : digits) remainder = (remainder * 10 + (c - '0')) % divisor;
  return remainder;
}

VatCheck Verdict(bool valid) { return valid ? VatCheck::kValid : VatCheck::kInvalid; }

VatCheck CheckAustria(std::string_view n) {  // U + 8 digits
  std::string_view digits = n.substr(1);
  int sum = 0;
  for (size_t i = 0; i < 7; ++i) {
    int d = Digit(digits, i);
    sum += i % 2 == 1 ? (d * 2) / 10 + (d * 2) % 10 : d;
  }
  return Verdict((10 - (sum + 4) % 10) % 10 == Digit(digits, 7));
}

VatCheck CheckBelgium(std::string_view n) {
  std::string digits = n.size() == 9 ? "0" + std::string(n) : std::string(n);
  if (digits[0] > '1') return VatCheck::kInvalid;
  return Verdict(97 - Value(std::string_view(digits).substr(0, 8)) % 97 == Value(std::string_view(digits).substr(8)));
}

VatCheck CheckSpain(std::string_view n) {
  static constexpr char kLetters[] = "TRWAGMYFPDXBNJZSQVHLCKE";
  char first = n[0];
  char last = ToUpper(n[8]);
  std::string_view middle = n.substr(1, 7);
  if (IsAsciiDigit(first) && IsAsciiDigit(last)) return VatCheck::kInvalid;  // no letter: not Spanish
  if (IsAsciiDigit(first)) {  // DNI: 8 digits and a letter
    if (!AllDigits(n.substr(0, 8))) return VatCheck::kInvalid;
    return Verdict(kLetters[Value(n.substr(0, 8)) % 23] == last);
  }
  first = ToUpper(first);
  if (first == 'X' || first == 'Y' || first == 'Z') {  // NIE
    std::string digits = std::string(1, static_cast<char>('0' + (first - 'X'))) + std::string(middle);
    return Verdict(kLetters[Value(digits) % 23] == last);
  }
  if (first == 'K' || first == 'L' || first == 'M') return Verdict(kLetters[Value(middle) % 23] == last);
  if (std::string_view("ABCDEFGHJNPQRSUVW").find(first) == std::string_view::npos) return VatCheck::kInvalid;
  int sum = 0;
  for (size_t i = 0; i < 7; ++i) {
    int d = Digit(middle, i);
    sum += i % 2 == 0 ? (d * 2) / 10 + (d * 2) % 10 : d;
  }
  int check = (10 - sum % 10) % 10;
  return Verdict(last == '0' + check || last == "JABCDEFGHI"[check]);
}

VatCheck CheckFrance(std::string_view n) {
  if (!AllDigits(n.substr(0, 2))) return VatCheck::kNotDefined;  // the newer alphanumeric keys
  return Verdict(Value(n.substr(0, 2)) == (12 + 3 * (Value(n.substr(2)) % 97)) % 97);
}

VatCheck CheckNetherlands(std::string_view n) {  // 9 digits, 'B', 2 digits
  std::string_view digits = n.substr(0, 9);
  int sum = WeightedSum(digits, {9, 8, 7, 6, 5, 4, 3, 2}) - Digit(digits, 8);
  if (sum % 11 == 0) return VatCheck::kValid;  // the older scheme (BSN-like)
  // Since 2020: ISO 7064 MOD 97-10 over "NL" + number, letters as N=23, L=21, B=11.
  std::string text = "2321" + std::string(digits) + "11" + std::string(n.substr(10));
  return Verdict(Mod(text, 97) == 1);
}

VatCheck CheckUnitedKingdom(std::string_view n) {
  if (!AllDigits(n)) return VatCheck::kNotDefined;  // government departments and health authorities
  int total = WeightedSum(n, {8, 7, 6, 5, 4, 3, 2}) + static_cast<int>(Value(n.substr(7, 2)));
  return Verdict(total % 97 == 0 || (total + 55) % 97 == 0);
}

VatCheck CheckSwitzerland(std::string_view n) {
  int check = 11 - WeightedSum(n, {5, 4, 3, 2, 7, 6, 5, 4}) % 11;
  if (check == 11) check = 0;
  return Verdict(check != 10 && check == Digit(n, 8));
}

VatCheck CheckNational(std::string_view country, std::string_view n) {
  if (country == "AT") return CheckAustria(n);
  if (country == "BE") return CheckBelgium(n);
  if (country == "DE") return Verdict(n[0] != '0' && Mod11_10(n));
  if (country == "DK") return Verdict(WeightedSum(n, {2, 7, 6, 5, 4, 3, 2, 1}) % 11 == 0);
  if (country == "EE") return Verdict((10 - WeightedSum(n, {3, 7, 1, 3, 7, 1, 3, 7}) % 10) % 10 == Digit(n, 8));
  if (country == "EL" || country == "GR") {
    return Verdict(WeightedSum(n, {256, 128, 64, 32, 16, 8, 4, 2}) % 11 % 10 == Digit(n, 8));
  }
  if (country == "ES") return CheckSpain(n);
  if (country == "FI") return Verdict((WeightedSum(n, {7, 9, 10, 5, 8, 4, 2, 1})) % 11 == 0);
  if (country == "FR") return CheckFrance(n);
  if (country == "HR") return Verdict(Mod11_10(n));
  if (country == "IT") return Verdict(Luhn(n) && Value(n.substr(0, 7)) != 0);
  if (country == "LU") return Verdict(Value(n.substr(0, 6)) % 89 == Value(n.substr(6)));
  if (country == "NL") return CheckNetherlands(n);
  if (country == "PL") {
    int check = WeightedSum(n, {6, 5, 7, 2, 3, 4, 5, 6, 7}) % 11;
    return Verdict(check != 10 && check == Digit(n, 9));
  }
  if (country == "PT") {
    int check = 11 - WeightedSum(n, {9, 8, 7, 6, 5, 4, 3, 2}) % 11;
    return Verdict((check >= 10 ? 0 : check) == Digit(n, 8));
  }
  if (country == "SE") return Verdict(Luhn(n.substr(0, 10)) && Value(n.substr(10)) >= 1 && Value(n.substr(10)) <= 94);
  if (country == "SI") {
    int check = 11 - WeightedSum(n, {8, 7, 6, 5, 4, 3, 2}) % 11;
    if (check == 10) check = 0;
    return Verdict(n[0] != '0' && check != 11 && check == Digit(n, 7));
  }
  if (country == "SK") return Verdict(Mod(n, 11) == 0);
  if (country == "GB" || country == "XI") return CheckUnitedKingdom(n);
  if (country == "CHE") return CheckSwitzerland(n);
  return VatCheck::kNotDefined;
}

// The country prefix at the start of `text`, upper case as printed.
const CountryFormat* PrefixOf(std::string_view text, size_t* length) {
  for (size_t size : {3, 2}) {
    if (text.size() < size) continue;
    std::string_view prefix = text.substr(0, size);
    if (!std::all_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) continue;
    if (const CountryFormat* format = FindCountry(prefix)) {
      *length = size;
      return format;
    }
  }
  return nullptr;
}

int CountDifferences(std::string_view a, std::string_view b) {
  int differences = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) differences += a[i] != b[i];
  return differences;
}

bool IsVatSeparator(char c) { return c == ' ' || c == '.' || c == '-' || c == '/'; }

// "MWST", "TVA", "IVA", "TPV" and combinations like "TVA/MWST" after a Swiss number.
bool IsSwissSuffix(std::string_view word) {
  if (word.empty()) return false;
  size_t start = 0;
  while (start <= word.size()) {
    size_t end = word.find('/', start);
    if (end == std::string_view::npos) end = word.size();
    std::string part = FoldForLookup(word.substr(start, end - start));
    if (part != "mwst" && part != "tva" && part != "iva" && part != "tpv") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

VatCheck CheckVatNumber(std::string_view compact) {
  size_t prefix_length = 0;
  const CountryFormat* format = PrefixOf(compact, &prefix_length);
  if (format == nullptr) return VatCheck::kInvalid;
  std::string_view national = compact.substr(prefix_length);
  for (const char* pattern : format->patterns) {
    std::string fitted;
    bool repaired = false;
    if (FitPattern(national, pattern, &fitted, &repaired) && !repaired) {
      return CheckNational(format->prefix, fitted);
    }
  }
  return VatCheck::kInvalid;
}

std::vector<ValueMatch> FindVatNumbers(const std::vector<std::string>& words) {
  std::vector<ValueMatch> matches;
  const int count = static_cast<int>(words.size());
  for (int i = 0; i < count; ++i) {
    if (words[i].size() > kMaxWordBytes) continue;
    std::string_view first = StripAttachedLabel(TrimPunctuation(words[i]));
    size_t prefix_length = 0;
    const CountryFormat* format = PrefixOf(first, &prefix_length);
    if (format == nullptr) continue;
    // The value as printed, and where each character of the national part sits in it.
    std::string value(first.substr(0, prefix_length));
    std::string national;
    std::vector<size_t> positions;
    std::vector<ValueMatch> found;  // for this start, shortest first
    for (int j = i; j < count && j - i < kMaxWords; ++j) {
      std::string_view text = j == i ? first.substr(prefix_length) : TrimPunctuation(words[j]);
      if (j > i) {
        if (words[j].size() > kMaxWordBytes) break;
        value.push_back(' ');
      }
      bool ok = true;
      size_t national_before = national.size();
      for (char c : text) {
        if (IsAsciiAlnum(c)) {
          positions.push_back(value.size());
          national.push_back(c);
        } else if (!IsVatSeparator(c)) {
          ok = false;
          break;
        }
        value.push_back(c);
      }
      if (!ok || national.size() > kMaxNationalLength) break;
      if (j > i && national.size() == national_before) continue;  // a lone "-": the number does not end there
      for (const char* pattern : format->patterns) {
        std::string fitted;
        bool repaired = false;
        if (!FitPattern(national, pattern, &fitted, &repaired)) continue;
        if (repaired && CountDifferences(national, fitted) > kMaxRepairs) continue;  // "DEBIT...": a word
        VatCheck check = CheckNational(format->prefix, fitted);
        // A letter where a key may be a letter or a digit ("FRO4…") is more
        // likely a misread digit when reading it as one makes the key valid.
        if (check != VatCheck::kValid && std::string_view(pattern).find('X') != std::string_view::npos) {
          std::string digits_pattern(pattern);
          std::replace(digits_pattern.begin(), digits_pattern.end(), 'X', 'd');
          std::string as_digits;
          bool digits_repaired = false;
          if (FitPattern(national, digits_pattern, &as_digits, &digits_repaired) && digits_repaired &&
              CountDifferences(national, as_digits) <= kMaxRepairs &&
              CheckNational(format->prefix, as_digits) == VatCheck::kValid) {
            fitted = as_digits;
            repaired = true;
            check = VatCheck::kValid;
          }
        }
        ValueMatch match;
        match.first_word = i;
        match.end_word = j + 1;
        match.value = value;
        for (size_t k = 0; k < fitted.size(); ++k) match.value[positions[k]] = fitted[k];
        match.printed = JoinWords(words, i, j + 1);
        match.repaired = repaired;
        match.shape_score = check == VatCheck::kValid ? 1.0 : (check == VatCheck::kNotDefined ? 0.7 : 0.2);
        if (repaired) match.shape_score *= 0.8;
        if (format->prefix == "CHE" && j + 1 < count &&
            IsSwissSuffix(TrimPunctuation(words[j + 1]))) {
          ValueMatch with_suffix = match;
          with_suffix.end_word = j + 2;
          with_suffix.value += " " + std::string(TrimPunctuation(words[j + 1]));
          with_suffix.printed = JoinWords(words, i, j + 2);
          found.push_back(match);
          found.push_back(std::move(with_suffix));
        } else {
          found.push_back(std::move(match));
        }
        break;
      }
    }
    matches.insert(matches.end(), found.rbegin(), found.rend());
  }
  return matches;
}

}  // namespace quai
