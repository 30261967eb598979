// Where a page shows a value: the words a value of the e-invoice is printed
// as, on quai's own layout of an XML invoice (the same text) or on a Factur-X
// PDF's visible pages (any common printed form: "1 234,50 €" for 1234.50,
// "15/01/2026" or "15 janvier 2026" for 2026-01-15, through the value
// recognisers of extract/recognizers). Gives the evidence its page and box, and
// the disagreement finding its "the page does not show it". Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "quai/document.h"

namespace quai {

enum class PrintedKind { kText, kAmount, kDate };

struct PrintedAt {
  int page = 1;  // from 1
  Box box;       // the words' union
};

// The first place, page order then reading order, where `value` is printed:
// text as the same characters (case and spaces aside), amounts as the same
// number whatever the style and sign, dates as the same day. A value of one
// form only (a code) is looked for as text whatever `kind`.
std::optional<PrintedAt> FindPrinted(const std::vector<Page>& pages, const std::string& value, PrintedKind kind);

}  // namespace quai
