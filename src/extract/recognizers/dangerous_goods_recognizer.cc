#include "extract/recognizers/dangerous_goods_recognizer.h"

#include <algorithm>

#include "extract/recognizers/ocr_repair.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

constexpr size_t kMaxWordBytes = 64;

// Three digits, OCR confusions repaired when at least two are real digits.
bool ReadThreeDigits(std::string_view text, std::string* digits, bool* repaired) {
  if (text.size() != 3) return false;
  int real = 0;
  digits->clear();
  for (char c : text) {
    if (IsAsciiDigit(c)) {
      ++real;
      digits->push_back(c);
    } else if (char digit = DigitForConfusable(c); digit != '\0') {
      digits->push_back(digit);
      *repaired = true;
    } else {
      return false;
    }
  }
  return real >= 2;
}

// One hazard code: "H225", "EUH066", "H360FD", "H350i", "h319".
bool ReadHazardCode(std::string_view text, std::string* code, bool* repaired) {
  std::string prefix;
  if (text.size() >= 4 && (text.substr(0, 3) == "EUH" || text.substr(0, 3) == "euh")) {
    prefix = "EUH";
  } else if (!text.empty() && (text[0] == 'H' || text[0] == 'h')) {
    prefix = "H";
  } else {
    return false;
  }
  text.remove_prefix(prefix.size());
  if (!text.empty() && text[0] == ' ') text.remove_prefix(1);
  if (text.size() < 3) return false;
  std::string digits;
  bool fixed = false;
  if (!ReadThreeDigits(text.substr(0, 3), &digits, &fixed)) return false;
  std::string_view suffix = text.substr(3);
  if (suffix.size() > 2 || !std::all_of(suffix.begin(), suffix.end(), [](char c) {
        return c == 'F' || c == 'f' || c == 'D' || c == 'd' || c == 'i';
      })) {
    return false;
  }
  // CLP: physical H2xx, health H3xx, environment H4xx; EUH statements are any three digits.
  if (prefix == "H" && (digits[0] < '2' || digits[0] > '4')) return false;
  *code = prefix + digits + std::string(suffix);
  *repaired = *repaired || fixed;
  return true;
}

// The statements of one word: "H225", "H302+H312", "H225,H319", "H302+" (continues).
struct HazardWord {
  std::vector<std::string> statements;
  bool continues = false;  // ends with '+': the next code joins the last statement
  bool repaired = false;
};

bool ReadHazardWord(std::string_view word, HazardWord* hazard) {
  std::string_view text = TrimPunctuation(word);
  if (text.empty() || text.size() > kMaxWordBytes) return false;
  if (text.back() == '+') {
    hazard->continues = true;
    text.remove_suffix(1);
  }
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of(",;/", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view statement = text.substr(start, end - start);
    std::string combined;
    size_t piece_start = 0;
    while (piece_start <= statement.size()) {
      size_t plus = statement.find('+', piece_start);
      if (plus == std::string_view::npos) plus = statement.size();
      std::string code;
      if (!ReadHazardCode(statement.substr(piece_start, plus - piece_start), &code, &hazard->repaired)) return false;
      if (!combined.empty()) combined += "+";
      combined += code;
      piece_start = plus + 1;
    }
    hazard->statements.push_back(combined);
    start = end + 1;
  }
  return !hazard->statements.empty();
}

bool IsConnector(std::string_view word) {
  return word == "+" || word == "," || word == ";" || word == "/" || word == "-" || word == "\xE2\x80\x93";
}

bool ReadFourDigits(std::string_view text, std::string* digits, bool* repaired) {
  if (text.size() != 4) return false;
  digits->assign(text);
  if (std::all_of(text.begin(), text.end(), [](char c) { return IsAsciiDigit(c); })) return true;
  std::string fixed;
  if (!RepairDigitConfusions(text, RepairScope::kDigitRun, &fixed)) return false;
  if (!std::all_of(fixed.begin(), fixed.end(), [](char c) { return IsAsciiDigit(c); })) return false;
  *digits = fixed;
  *repaired = true;
  return true;
}

// Label words between "UN" and its number: "Nr.", "No", "N°", "number", "nummer", "numéro", ":".
bool IsNumberLabel(std::string_view word) {
  std::string folded = FoldForLookup(TrimPunctuation(word));
  while (!folded.empty() && (folded.back() == '.' || folded.back() == ':')) folded.pop_back();
  for (std::string_view label : {"", "nr", "no", "n\xC2\xB0", "n\xC2\xBA", "n", "number", "nummer", "numero", "num"}) {
    if (folded == label) return true;
  }
  return false;
}

// "UN", "ONU", "VN", alone or with a glued label ("UN-Nr.", "UN-No.", "VN-nummer").
bool IsUnLabel(std::string_view word) {
  std::string_view text = TrimPunctuation(word, /*keep_final_dot=*/true);
  for (std::string_view name : {"UN", "ONU", "VN"}) {
    if (text.substr(0, name.size()) != name) continue;
    std::string_view rest = text.substr(name.size());
    if (rest.empty()) return true;
    if (rest[0] != '-') return false;
    return IsNumberLabel(rest.substr(1));
  }
  return false;
}

}  // namespace

std::vector<ValueMatch> FindHazardStatements(const std::vector<std::string>& words) {
  std::vector<ValueMatch> matches;
  const int count = static_cast<int>(words.size());
  int i = 0;
  while (i < count) {
    HazardWord first;
    if (!ReadHazardWord(words[i], &first)) {
      ++i;
      continue;
    }
    std::vector<std::string> statements = first.statements;
    bool continues = first.continues;
    bool repaired = first.repaired;
    int end = i + 1;
    for (int j = i + 1; j < count; ++j) {
      std::string_view word = TrimPunctuation(words[j]);
      if (words[j] == "+" || word == "+") {
        continues = true;
        continue;
      }
      if (IsConnector(words[j]) || (word.empty() && !words[j].empty())) continue;
      HazardWord next;
      if (!ReadHazardWord(words[j], &next)) break;
      size_t from = 0;
      if (continues) {
        statements.back() += "+" + next.statements[0];
        from = 1;
      }
      statements.insert(statements.end(), next.statements.begin() + from, next.statements.end());
      continues = next.continues;
      repaired = repaired || next.repaired;
      end = j + 1;
    }
    ValueMatch match;
    match.first_word = i;
    match.end_word = end;
    for (const std::string& statement : statements) {
      if (!match.value.empty()) match.value += ", ";
      match.value += statement;
    }
    match.printed = JoinWords(words, i, end);
    match.repaired = repaired;
    match.shape_score = repaired ? 0.7 : 1.0;
    matches.push_back(std::move(match));
    i = end;
  }
  return matches;
}

std::vector<ValueMatch> FindUnNumbers(const std::vector<std::string>& words) {
  std::vector<ValueMatch> matches;
  const int count = static_cast<int>(words.size());
  for (int i = 0; i < count; ++i) {
    if (words[i].size() > kMaxWordBytes) continue;
    std::string_view text = TrimPunctuation(words[i]);
    std::string digits;
    bool repaired = false;
    ValueMatch match;
    match.first_word = i;
    // "UN1824", "UN-1824": one word, kept as printed.
    if (text.size() >= 6 && text.substr(0, 2) == "UN") {
      std::string_view number = text.substr(2);
      if (number[0] == '-' || number[0] == ' ') number.remove_prefix(1);
      if (ReadFourDigits(number, &digits, &repaired)) {
        match.end_word = i + 1;
        match.value = std::string(text.substr(0, text.size() - 4)) + digits;
      }
    }
    // "UN 1824", "UN-Nr. 1824", "UN number : 1824", "ONU 1824".
    if (match.end_word == 0 && IsUnLabel(words[i])) {
      int at = i + 1;
      while (at < count && at - i <= 3 && words[at].size() <= kMaxWordBytes && IsNumberLabel(words[at])) {
        ++at;
      }
      if (at < count && ReadFourDigits(TrimPunctuation(words[at]), &digits, &repaired)) {
        match.end_word = at + 1;
        match.value = "UN " + digits;
      }
    }
    if (match.end_word == 0) continue;
    match.printed = JoinWords(words, i, match.end_word);
    match.repaired = repaired;
    match.shape_score = repaired ? 0.7 : 1.0;
    matches.push_back(std::move(match));
  }
  return matches;
}

}  // namespace quai
