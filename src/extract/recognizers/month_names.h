// Month names and abbreviations in French, English, German, Dutch and Italian
// ("mars", "March", "März", "maart", "marzo", "MAR", "Feb.", "févr."),
// accents and case optional. Pure function over a static table.
#pragma once

#include <string_view>

namespace quai {

// The month (1..12) `word` names, or 0. Surrounding punctuation and a final
// '.' are ignored ("Feb.", "(mars", "Sept.,").
int MonthFromName(std::string_view word);

}  // namespace quai
