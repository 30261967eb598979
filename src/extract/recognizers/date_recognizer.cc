#include "extract/recognizers/date_recognizer.h"

#include <algorithm>
#include <cstdio>

#include "extract/recognizers/month_names.h"
#include "extract/recognizers/ocr_repair.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

constexpr size_t kMaxDateBytes = 32;
constexpr int kMaxJoinedWords = 5;  // "12 / 03 / 2026"

// How a numeric date's day and month were told apart.
enum class NumericOrder {
  kNone,        // not numeric day/month/year (ISO, a month name)
  kAmbiguous,   // both could be the month: read day first unless told otherwise
  kDayFirst,    // only day first is possible (13 or more first)
  kMonthFirst,  // only month first is possible (13 or more second)
};

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  double score = 1.0;
  NumericOrder order = NumericOrder::kNone;
};

// The value of a short run of ASCII digits.
int DigitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool IsDateSeparator(char c) { return c == '/' || c == '.' || c == '-'; }

// Reads text[*pos..] as 1..max_digits digits.
bool ReadNumber(std::string_view text, size_t* pos, size_t max_digits, int* value, size_t* length) {
  size_t start = *pos;
  int result = 0;
  while (*pos < text.size() && IsAsciiDigit(text[*pos]) && *pos - start < max_digits) {
    result = result * 10 + (text[*pos] - '0');
    ++*pos;
  }
  *length = *pos - start;
  *value = result;
  return *length > 0 && (*pos == text.size() || !IsAsciiDigit(text[*pos]));
}

// A four-digit year in range, or a two-digit one read as 20xx.
bool ReadYear(int value, size_t length, int* year) {
  if (length == 4 && value >= 1900 && value <= 2199) {
    *year = value;
    return true;
  }
  if (length == 2) {
    *year = 2000 + value;
    return true;
  }
  return false;
}

bool IsValid(const Date& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= DaysInMonth(date.year, date.month);
}

std::string Format(const Date& date) {
  char text[16];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02d", date.year, date.month, date.day);
  return text;
}

// "12/03/2026", "12.03.26", "12-03-2026", "2026-03-12", "3/15/2026".
bool ParseNumericDate(std::string_view text, Date* date) {
  int parts[3];
  size_t lengths[3];
  size_t pos = 0;
  char separator = '\0';
  for (int i = 0; i < 3; ++i) {
    if (!ReadNumber(text, &pos, 4, &parts[i], &lengths[i])) return false;
    if (i == 2) break;
    if (pos >= text.size() || !IsDateSeparator(text[pos])) return false;
    if (separator != '\0' && text[pos] != separator) return false;
    separator = text[pos++];
  }
  if (pos != text.size()) return false;
  Date result;
  if (lengths[0] == 4) {
    if (lengths[1] > 2 || lengths[2] > 2 || !ReadYear(parts[0], 4, &result.year)) return false;
    result.month = parts[1];
    result.day = parts[2];
  } else {
    if (lengths[0] > 2 || lengths[1] > 2 || !ReadYear(parts[2], lengths[2], &result.year)) return false;
    result.day = parts[0];
    result.month = parts[1];
    if (parts[1] > 12 && parts[0] <= 12) {  // impossible day first: month first
      std::swap(result.day, result.month);
      result.score *= 0.7;
      result.order = NumericOrder::kMonthFirst;
    } else if (parts[0] > 12) {
      result.order = NumericOrder::kDayFirst;
    } else if (parts[0] != parts[1]) {
      result.order = NumericOrder::kAmbiguous;
    }
    if (lengths[2] == 2) result.score *= 0.8;
  }
  if (!IsValid(result)) return false;
  *date = result;
  return true;
}

// Splits "12-MAR-2026", "12MAR2026", "12.Mar.26", "MAR-2027", "Mar.2027"
// into an optional leading number, the month word and a trailing number.
struct AlphaParts {
  bool has_day = false;
  int day = 0;
  int month = 0;
  int number = 0;
  size_t number_length = 0;
};

bool SplitAlphaDate(std::string_view text, AlphaParts* parts) {
  if (text.size() < 5 || !IsAsciiDigit(text.back())) return false;
  size_t pos = 0;
  size_t length = 0;
  char separator = '\0';
  if (pos < text.size() && IsAsciiDigit(text[pos])) {
    if (!ReadNumber(text, &pos, 2, &parts->day, &length)) return false;
    parts->has_day = true;
    if (pos < text.size() && (IsDateSeparator(text[pos]) || text[pos] == ' ')) separator = text[pos++];
  }
  size_t month_start = pos;
  while (pos < text.size() && !IsAsciiDigit(text[pos]) && !IsDateSeparator(text[pos])) ++pos;
  size_t month_end = pos;
  if (pos < text.size() && text[pos] == '.' && pos + 1 < text.size() && !IsAsciiDigit(text[pos + 1])) ++pos;  // "Feb.-"
  parts->month = MonthFromName(text.substr(month_start, month_end - month_start));
  if (parts->month == 0) return false;
  if (pos < text.size() && (IsDateSeparator(text[pos]) || text[pos] == ' ')) {
    if (separator != '\0' && text[pos] != separator) return false;
    ++pos;
  } else if (separator != '\0') {
    return false;
  }
  if (!ReadNumber(text, &pos, 4, &parts->number, &parts->number_length)) return false;
  return pos == text.size();
}

// "12-MAR-2026", "12MAR26".
bool ParseAlphaDate(std::string_view text, Date* date) {
  AlphaParts parts;
  if (!SplitAlphaDate(text, &parts) || !parts.has_day) return false;
  Date result;
  if (!ReadYear(parts.number, parts.number_length, &result.year)) return false;
  result.month = parts.month;
  result.day = parts.day;
  if (parts.number_length == 2) result.score *= 0.8;
  if (!IsValid(result)) return false;
  *date = result;
  return true;
}

Date LastDayOf(int year, int month, double score) {
  Date date;
  date.year = year;
  date.month = month;
  date.day = DaysInMonth(year, month);
  date.score = score;
  return date;
}

// Expiry month and year: "03/2027", "3.2027", "2027-03", "03/27", "MAR-2027", "Mar.2027".
bool ParseMonthYear(std::string_view text, Date* date) {
  AlphaParts alpha;
  if (SplitAlphaDate(text, &alpha)) {
    if (alpha.has_day || alpha.number_length != 4) return false;
    int year = 0;
    if (!ReadYear(alpha.number, 4, &year)) return false;
    *date = LastDayOf(year, alpha.month, 0.9);
    return true;
  }
  int first = 0, second = 0;
  size_t first_length = 0, second_length = 0;
  size_t pos = 0;
  if (!ReadNumber(text, &pos, 4, &first, &first_length)) return false;
  if (pos >= text.size() || !IsDateSeparator(text[pos])) return false;
  char separator = text[pos++];
  if (!ReadNumber(text, &pos, 4, &second, &second_length) || pos != text.size()) return false;
  int year = 0, month = 0;
  double score = 0.9;
  if (first_length <= 2 && second_length == 4) {
    month = first;
    if (!ReadYear(second, 4, &year)) return false;
  } else if (first_length == 4 && second_length <= 2 && separator != '.') {
    month = second;
    if (!ReadYear(first, 4, &year)) return false;
  } else if (first_length == 2 && second_length == 2 && separator == '/') {
    month = first;  // "03/27" on packaging: March 2027
    year = 2000 + second;
    score = 0.6;
  } else {
    return false;
  }
  if (month < 1 || month > 12) return false;
  *date = LastDayOf(year, month, score);
  return true;
}

// Tries `parse` on the text, then on the text with OCR confusions repaired.
template <typename Parse>
bool ParseWithRepair(std::string_view text, Parse parse, Date* date, bool* repaired) {
  *repaired = false;
  if (parse(text, date)) return true;
  std::string fixed;
  if (!RepairDigitConfusions(text, RepairScope::kDigitRun, &fixed) || !parse(fixed, date)) return false;
  *repaired = true;
  date->score *= 0.7;
  return true;
}

// The day of a written date: "12", "12.", "1er", "1st", "2nd", "23rd", "4th", "1e", "1°".
bool ParseDayWord(std::string_view word, int* day, bool* repaired) {
  std::string_view text = TrimPunctuation(word, /*keep_final_dot=*/true);
  std::string_view suffix_found;
  for (std::string_view suffix : {".", "er", "st", "nd", "rd", "th", "e", "\xC2\xB0", "\xC2\xBA"}) {
    if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
      text.remove_suffix(suffix.size());
      suffix_found = suffix;
      break;
    }
  }
  if (text.empty() || text.size() > 2) return false;
  // "ler", "Ier": the "1" of "1er" read as a letter (alone, no digit run repairs it).
  if (suffix_found == "er" && (text == "l" || text == "I" || text == "i" || text == "|")) {
    *day = 1;
    *repaired = true;
    return true;
  }
  std::string fixed(text);
  *repaired = false;
  if (!std::all_of(fixed.begin(), fixed.end(), [](char c) { return IsAsciiDigit(c); })) {
    if (!RepairDigitConfusions(text, RepairScope::kDigitRun, &fixed)) return false;
    *repaired = true;
  }
  if (!std::all_of(fixed.begin(), fixed.end(), [](char c) { return IsAsciiDigit(c); })) return false;
  *day = DigitsValue(fixed);
  return *day >= 1 && *day <= 31;
}

// The year of a written date: "2026", "2026.", "2O26", "26".
bool ParseYearWord(std::string_view word, int* year, bool* two_digits, bool* repaired) {
  std::string_view text = TrimPunctuation(word);
  if (text.size() != 2 && text.size() != 4) return false;
  std::string fixed(text);
  *repaired = false;
  if (!std::all_of(fixed.begin(), fixed.end(), [](char c) { return IsAsciiDigit(c); })) {
    if (!RepairDigitConfusions(text, RepairScope::kDigitRun, &fixed)) return false;
    *repaired = true;
  }
  if (!std::all_of(fixed.begin(), fixed.end(), [](char c) { return IsAsciiDigit(c); })) return false;
  *two_digits = fixed.size() == 2;
  return ReadYear(DigitsValue(fixed), fixed.size(), year);
}

bool IsNumericDateWord(std::string_view word) {
  return !word.empty() && word.size() <= kMaxDateBytes &&
         std::all_of(word.begin(), word.end(), [](char c) { return IsAsciiDigit(c) || IsDateSeparator(c); });
}

class DateFinder {
 public:
  DateFinder(const std::vector<std::string>& words, DateKind kind, DateOrder order)
      : words_(words), kind_(kind), order_(order) {}

  std::vector<ValueMatch> Find() {
    const int count = static_cast<int>(words_.size());
    for (int i = 0; i < count; ++i) {
      FindWrittenDates(i);
      FindJoinedNumericDate(i);
      FindSingleWordDate(i);
    }
    if (kind_ == DateKind::kExpiryDate) {
      for (int i = 0; i < count; ++i) FindWrittenMonthYear(i);
    }
    return std::move(matches_);
  }

 private:
  void Add(int first, int end, Date date, bool repaired) {
    // "05/12/2026" on a page that prints its dates month first is 12 May.
    if (order_ == DateOrder::kMonthFirst && date.order == NumericOrder::kAmbiguous) std::swap(date.day, date.month);
    ValueMatch match;
    match.first_word = first;
    match.end_word = end;
    match.value = Format(date);
    match.printed = JoinWords(words_, first, end);
    match.repaired = repaired;
    match.shape_score = date.score;
    matches_.push_back(std::move(match));
  }

  bool Word(int index, std::string_view* word) const {
    if (index < 0 || index >= static_cast<int>(words_.size()) || words_[index].size() > kMaxDateBytes) return false;
    *word = words_[index];
    return true;
  }

  // "12 mars 2026", "1er mars 2026", "12. März 2026", "12th of March 2026", "March 12, 2026".
  void FindWrittenDates(int i) {
    std::string_view first, second, third;
    if (!Word(i, &first) || !Word(i + 1, &second)) return;
    Date date;
    bool day_repaired = false, year_repaired = false, two_digits = false;
    int year_at = i + 2;
    if (ParseDayWord(first, &date.day, &day_repaired)) {
      std::string_view of;
      if (Word(i + 1, &of) && EqualsIgnoringAsciiCase(of, "of")) {
        if (!Word(i + 2, &second)) return;
        year_at = i + 3;
      }
      date.month = MonthFromName(second);
    } else if ((date.month = MonthFromName(first)) != 0) {
      if (!ParseDayWord(second, &date.day, &day_repaired)) return;
      // "August 3 , 2014": a text layer may set the comma apart as a word.
      std::string_view comma;
      if (Word(i + 2, &comma) && comma == ",") year_at = i + 3;
    } else {
      return;
    }
    if (date.month == 0 || !Word(year_at, &third)) return;
    if (!ParseYearWord(third, &date.year, &two_digits, &year_repaired)) return;
    if (two_digits) date.score *= 0.7;
    bool repaired = day_repaired || year_repaired;
    if (repaired) date.score *= 0.7;
    if (!IsValid(date)) return;
    Add(i, year_at + 1, date, repaired);
    covered_.push_back({i, year_at + 1});
  }

  // "12 / 03 / 2026", "12/03/ 2026": a numeric date broken into words.
  void FindJoinedNumericDate(int i) {
    std::string_view word;
    if (!Word(i, &word) || !IsNumericDateWord(word)) return;
    std::string joined(word);
    for (int j = i + 1; j < static_cast<int>(words_.size()) && j - i < kMaxJoinedWords; ++j) {
      std::string_view next;
      if (!Word(j, &next)) return;
      next = TrimPunctuation(next, /*keep_final_dot=*/true);  // "12." "03." "2026"
      if (!IsNumericDateWord(next)) return;
      // Only a break at a separator joins: "12" "03" "2026" are three numbers.
      if (!IsDateSeparator(joined.back()) && !IsDateSeparator(next[0])) return;
      joined += next;
      std::string_view candidate = joined;
      if (candidate.back() == '.') candidate.remove_suffix(1);
      Date date;
      bool repaired = false;
      if (ParseWithRepair(candidate, ParseNumericDate, &date, &repaired)) {
        date.score *= 0.8;
        Add(i, j + 1, date, repaired);
        return;
      }
    }
  }

  // "12/03/2026", "12-MAR-2026", "Exp:03/2027", and for expiry "03/2027", "MAR-2027".
  void FindSingleWordDate(int i) {
    std::string_view word;
    if (!Word(i, &word)) return;
    std::string_view text = StripAttachedLabel(TrimPunctuation(word));
    Date date;
    bool repaired = false;
    if (ParseWithRepair(text, ParseNumericDate, &date, &repaired) ||
        ParseWithRepair(text, ParseAlphaDate, &date, &repaired)) {
      Add(i, i + 1, date, repaired);
      return;
    }
    if (kind_ == DateKind::kExpiryDate && ParseWithRepair(text, ParseMonthYear, &date, &repaired)) {
      Add(i, i + 1, date, repaired);
    }
  }

  // Expiry "mars 2027", "MAR 2027", "March 2027", unless part of a full date.
  void FindWrittenMonthYear(int i) {
    for (const auto& [first, end] : covered_) {
      if (i > first && i < end) return;
    }
    std::string_view month_word, year_word;
    if (!Word(i, &month_word) || !Word(i + 1, &year_word)) return;
    int month = MonthFromName(month_word);
    if (month == 0) return;
    int year = 0;
    bool two_digits = false, repaired = false;
    if (!ParseYearWord(year_word, &year, &two_digits, &repaired) || two_digits) return;
    Add(i, i + 2, LastDayOf(year, month, repaired ? 0.9 * 0.7 : 0.9), repaired);
  }

  const std::vector<std::string>& words_;
  DateKind kind_;
  DateOrder order_;
  std::vector<ValueMatch> matches_;
  std::vector<std::pair<int, int>> covered_;  // word ranges of full written dates
};

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::vector<ValueMatch> FindDates(const std::vector<std::string>& words, DateKind kind, DateOrder order) {
  return DateFinder(words, kind, order).Find();
}

DateOrder GuessDateOrder(const std::vector<std::string>& document_words) {
  int day_first = 0, month_first = 0;
  for (const std::string& word : document_words) {
    if (word.size() > kMaxDateBytes) continue;
    Date date;
    if (!ParseNumericDate(StripAttachedLabel(TrimPunctuation(word)), &date)) continue;
    day_first += date.order == NumericOrder::kDayFirst;
    month_first += date.order == NumericOrder::kMonthFirst;
  }
  if (day_first > 0 && month_first == 0) return DateOrder::kDayFirst;
  if (month_first > 0 && day_first == 0) return DateOrder::kMonthFirst;
  return DateOrder::kUnknown;
}

bool PrintedInEitherOrder(std::string_view printed) {
  size_t start = 0;
  while (start <= printed.size()) {
    size_t end = printed.find(' ', start);
    if (end == std::string_view::npos) end = printed.size();
    const std::string_view word = printed.substr(start, end - start);
    Date date;
    if (word.size() <= kMaxDateBytes && ParseNumericDate(StripAttachedLabel(TrimPunctuation(word)), &date) &&
        date.order == NumericOrder::kAmbiguous)
      return true;
    start = end + 1;
  }
  return false;
}

bool LooksLikeDate(std::string_view token) {
  if (token.size() > kMaxDateBytes) return false;
  Date date;
  return ParseNumericDate(token, &date) || ParseAlphaDate(token, &date);
}

}  // namespace quai
