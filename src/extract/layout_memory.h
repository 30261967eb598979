// LayoutMemory: what the validated documents of one supplier (and one document
// type) taught about where that supplier prints each value: the label words
// beside it, its place on the page and the value itself. It is data, not a
// model: it grows with every validation and applies to the supplier's next
// document at once, as four candidate features the scorer weighs against the
// others (how many documents it has seen; the share of them whose label, place
// or value the candidate repeats), so confidences stay calibrated. A candidate
// the memory backs says so in its evidence. Plain value types; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "extract/field_candidate.h"
#include "extract/recognizers/value_type.h"
#include "quai/document.h"
#include "quai/status.h"

namespace quai {

// Where one field's value was on one validated document.
struct FieldAnchor {
  std::string field;
  int page = 0;   // index, 0 = the first page
  int pages = 1;  // the document's page count (a last-page value stays on the last page)
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // the value's box as fractions of the page
  std::string left;   // FieldCandidate::left_context
  std::string above;  // FieldCandidate::above_context
  std::string value;  // normalised
};

// What one validated document teaches.
struct LayoutExample {
  int64_t document_id = 0;
  std::vector<FieldAnchor> anchors;
  // The validated line items (field -> value): the articles the supplier
  // delivered, which RepairByRememberedArticles reads.
  std::vector<std::map<std::string, std::string>> lines;
  // Every validated header value (field -> value), found on the page or not:
  // an OCR slip the supplier's print always causes leaves no anchor, but the
  // value still teaches its shape and its article. Empty in examples stored
  // before it was kept (HeaderValues then reads the anchors).
  std::map<std::string, std::string> values;
  // How the document printed its ambiguous numeric dates, as its validated
  // values showed (05/12/2026 validated as 12 May: month first); kUnknown when
  // none told.
  DateOrder date_order = DateOrder::kUnknown;
};

// The validated header values of `example`: `values`, or its anchors' values
// when it has none.
std::map<std::string, std::string> HeaderValues(const LayoutExample& example);

struct LayoutMemory {
  int64_t supplier_id = 0;
  std::string supplier_name;
  std::vector<LayoutExample> examples;  // newest first
  // The supplier's articles as this type's fields name them (field -> values),
  // from its validated documents of every type (AddArticles): the codes its
  // delivery notes list are the article codes its certificates may carry.
  std::map<std::string, std::set<std::string>> articles;
  bool empty() const { return examples.empty(); }  // articles alone teach no layout
};

// The order the supplier prints its numeric dates in: what its remembered
// documents that told say, when they agree; kUnknown otherwise.
DateOrder LearnedDateOrder(const LayoutMemory& memory);

// The supplier's own label of each header field: the words it printed beside
// the field's value (left of it or in the cell above) on at least two of its
// remembered documents and on at least half of those where the value was
// found, and beside no other field. Its next document reads them as labels of
// the field, whatever wording the lexicon knows ("N° de bon", "Net total").
std::map<std::string, std::vector<std::string>> SupplierLabels(const LayoutMemory& memory);

// Memory beyond this many documents adds nothing: the newest ones are used.
inline constexpr int kLayoutMemoryDocuments = 10;

nlohmann::json LayoutExampleToJson(const LayoutExample& example);
Result<LayoutExample> ParseLayoutExample(const std::string& json_text);

// The anchor of a candidate on `pages` (its box as fractions of its page).
FieldAnchor AnchorOf(const FieldCandidate& candidate, const std::vector<Page>& pages);

// Fills the memory features of every candidate (they stay 0 without memory)
// and, where the memory backs a candidate, says so in its evidence.
void ApplyLayoutMemory(const LayoutMemory& memory, const std::vector<Page>& pages,
                       std::map<std::string, std::vector<FieldCandidate>>* candidates);

// Line items: a validated document's column for a line field is kept as an
// anchor named "lines.<field>" whose box spans the field's validated cells.
inline constexpr const char* kLineAnchorPrefix = "lines.";
// Share of the remembered documents whose column for `line_field` lies over
// the cell (half its width or more, horizontally; columns do not move between
// pages).
double ColumnShare(const LayoutMemory& memory, const std::string& line_field, const FieldCandidate& cell,
                   const std::vector<Page>& pages);

// A supplier's identifiers keep one shape ("CA/99/9999": 9 a digit, A an
// upper-case letter, a lower-case, anything else itself). When most of the
// remembered values of a field share a shape, a candidate of the same length
// that fits it once OCR confusions are undone (O/0, I/1, S/5, B/8, "/" read
// as "I", letter case) is read as it fits, marked repaired. `fields`: the
// names to repair (identifier fields: codes, numbers).
void RepairByLearnedShapes(const LayoutMemory& memory, const std::vector<std::string>& fields,
                           std::map<std::string, std::vector<FieldCandidate>>* candidates);
// `read` written into `shape` (a ValueShape) by undoing the confusions above:
// false when the lengths differ or a character no confusion explains differs.
bool FitToShape(const std::string& read, const std::string& shape, std::string* fitted);
// Whether `read` is `value` as OCR may have read it: the same length, and every
// character that differs one of the confusions above ("K-7381B" for "K-73818").
bool ReadWithConfusions(const std::string& read, const std::string& value);
// The shape of a value as above; exposed for tests.
std::string ValueShape(const std::string& value);

// Whether two label contexts are the same label (one OCR slip allowed in long ones).
bool SameContext(const std::string& a, const std::string& b);

}  // namespace quai
