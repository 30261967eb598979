// Value recognisers: find every candidate value of one ValueType in a line of
// words (dates, quantities, amounts, codes, VAT numbers, ...) and normalise it
// as the canonical schemas require (ISO dates, plain decimals, codes as
// printed). Input words are UTF-8 in reading order; results own their strings.
// Pure functions, thread-safe; they never throw and never fail on bad input.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "extract/recognizers/value_type.h"

namespace quai {

struct ValueMatch {
  int first_word = 0;        // index into the words given
  int end_word = 0;          // one past the last word used
  std::string value;         // normalised: "2026-03-12", "1250.00", "L240312"
  std::string printed;       // the words used, as printed, joined by single spaces
  bool repaired = false;     // OCR confusions (O/0, l/1, ...) were repaired to fit the shape
  double shape_score = 1.0;  // 0..1: how typical this shape is for the type (a scorer feature)
  std::string currency;      // amounts: ISO 4217 code when a sign or code is attached or adjacent
};

struct RecognizerContext {
  NumberStyle number_style = NumberStyle::kUnknown;  // document-level hint (GuessNumberStyle)
  // Units the supplier's validated documents had, folded (FoldForLookup):
  // read as units although the lexicon does not know them ("BID", "FUT200").
  std::set<std::string> learned_units;
  // The words were read by OCR: confusions (O/0, l/1, ...) may be repaired to
  // fit a value's shape. False for a text layer, whose characters are what the
  // supplier wrote: no repaired match is returned ("OO98470" stays no number).
  bool ocr_text = true;
  // The document's numeric dates are month first (GuessMonthFirst in date_recognizer.h).
  bool month_first_dates = false;
};

// Every match of `type` in one line of words. Matches may overlap ("12" and
// "12 mars 2026" are both quantities/dates); all plausible ones are returned,
// ordered by first word, longest first for the same start. kText returns none:
// the extractor builds text candidates itself.
std::vector<ValueMatch> FindValues(ValueType type, const std::vector<std::string>& words,
                                   const RecognizerContext& context);

// The number style a document uses, guessed from all its words: "1.250,00" and
// "1 250,00" vote for the comma, "1,250.00" for the point; when they do not
// say or disagree evenly, the language of the words decides (French, German,
// Italian, Spanish and Dutch print a decimal comma, English a point: "700,910
// kg" on a French page is 700.91). kUnknown when neither tells.
NumberStyle GuessNumberStyle(const std::vector<std::string>& document_words);

}  // namespace quai
