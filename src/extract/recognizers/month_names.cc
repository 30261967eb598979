#include "extract/recognizers/month_names.h"

#include <string>
#include <unordered_map>

#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

struct MonthName {
  const char* folded;  // as FoldForLookup writes it
  int month;
};

constexpr MonthName kMonthNames[] = {
    // January
    {"janvier", 1}, {"janv", 1}, {"jan", 1}, {"january", 1}, {"januar", 1}, {"janner", 1}, {"januari", 1},
    {"gennaio", 1}, {"gen", 1},
    // February
    {"fevrier", 2}, {"fevr", 2}, {"fev", 2}, {"february", 2}, {"feb", 2}, {"febr", 2}, {"februar", 2},
    {"februari", 2}, {"febbraio", 2},
    // March
    {"mars", 3}, {"mar", 3}, {"march", 3}, {"marz", 3}, {"maerz", 3}, {"maart", 3}, {"mrt", 3}, {"marzo", 3},
    // April
    {"avril", 4}, {"avr", 4}, {"april", 4}, {"apr", 4}, {"aprile", 4},
    // May
    {"mai", 5}, {"may", 5}, {"mei", 5}, {"maggio", 5}, {"mag", 5},
    // June
    {"juin", 6}, {"june", 6}, {"jun", 6}, {"juni", 6}, {"giugno", 6}, {"giu", 6},
    // July
    {"juillet", 7}, {"juil", 7}, {"july", 7}, {"jul", 7}, {"juli", 7}, {"luglio", 7}, {"lug", 7},
    // August
    {"aout", 8}, {"august", 8}, {"aug", 8}, {"augustus", 8}, {"agosto", 8}, {"ago", 8},
    // September
    {"septembre", 9}, {"sept", 9}, {"sep", 9}, {"september", 9}, {"settembre", 9}, {"set", 9},
    // October
    {"octobre", 10}, {"oct", 10}, {"october", 10}, {"oktober", 10}, {"okt", 10}, {"ottobre", 10}, {"ott", 10},
    // November
    {"novembre", 11}, {"nov", 11}, {"november", 11},
    // December
    {"decembre", 12}, {"dec", 12}, {"december", 12}, {"dezember", 12}, {"dez", 12}, {"dicembre", 12},
    {"dic", 12},
};

using MonthIndex = std::unordered_map<std::string_view, int>;

const MonthIndex& Months() {
  static const MonthIndex* index = [] {
    auto* months = new MonthIndex;
    for (const MonthName& name : kMonthNames) months->emplace(name.folded, name.month);
    return months;
  }();
  return *index;
}

}  // namespace

int MonthFromName(std::string_view word) {
  std::string_view trimmed = TrimPunctuation(word);
  // The longest names ("septembre", "décembre") take at most 10 bytes.
  if (trimmed.size() < 3 || trimmed.size() > 12 || IsAsciiDigit(trimmed[0])) return 0;
  auto found = Months().find(FoldForLookup(trimmed));
  return found == Months().end() ? 0 : found->second;
}

}  // namespace quai
