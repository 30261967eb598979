// LineItemExtractor: finds a document's tables by their header row (cells that
// read as the schema's line-field labels, "Désignation", "Qté", "Lot"...) and
// reads the rows below, with or without rules: a row with a quantity or an
// amount in its column starts a line item; rows without one continue it (a
// description on two lines, "Lot ... DLUO ..." under the row, a small header of
// its own over sub-values). Tables that run onto the next page continue there,
// with the header repeated or not. Thread-safe; stateless apart from the schema.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/candidate_generator.h"
#include "extract/document_view.h"
#include "extract/field_candidate.h"

namespace quai {

struct LineItem {
  std::map<std::string, FieldCandidate> fields;  // by line-field name; value, box, confidence, evidence
};

class LineItemExtractor {
 public:
  explicit LineItemExtractor(const SchemaLexicons& lexicons)
      : lexicons_(lexicons), table_end_(lexicons.schema->table_end_labels) {}
  // `unread_rows`, when given, receives how many rows look like items the
  // table reader did not read: the row that ended a table, or the next one
  // after it on the page, printing numbers under two of its value columns
  // (a line lost this way would let a document be accepted without it).
  std::vector<LineItem> Extract(const DocumentView& view, const RecognizerContext& context,
                                int* unread_rows = nullptr) const;

 private:
  struct Column {
    const FieldSpec* field;  // null for a column the schema does not read (a VAT rate, a discount)
    double x0, x1;     // the header cell's extent
    double score;      // how well the header read as the field's label
    std::string label;
  };
  std::vector<Column> HeaderColumns(const DocumentView& view, int row) const;
  bool IsStopRow(const DocumentView& view, int row) const;
  // How many numbers of `row` lie under value columns (not text) of `columns`.
  static int NumbersUnderValueColumns(const ViewRow& row, const std::vector<Column>& columns);
  // A sentence running across the page (a legal footer "SARL au capital de
  // 60 000 € – RCS ... – SIRET ..."): many words, none far from the next. Its
  // numbers fall under value columns by chance; it is not an item.
  static bool IsRunningText(const ViewRow& row);
  static int FieldColumns(const std::vector<Column>& columns);
  const SchemaLexicons& lexicons_;
  LabelLexicon table_end_;
};

}  // namespace quai
