// Text as the document search compares it (storage/review_store.h's supplier
// and text filters). Pure function; thread-safe. Defined in match_text.cc,
// beside the label matching it shares its accent table with.
#pragma once

#include <string>
#include <string_view>

namespace quai {

// Lower case with Latin accents folded ("Isère" -> "isere", "ŒUVRE" ->
// "oeuvre"), everything else kept as it is (punctuation, spaces, other
// scripts, a cut UTF-8 sequence). The store applies it to the stored values
// and to the query alike.
std::string FoldForSearch(std::string_view text);

}  // namespace quai
