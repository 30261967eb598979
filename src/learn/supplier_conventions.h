// SupplierConventions: what a supplier's validated documents taught, in the
// words of the Suppliers screen, so a clerk can see it and forget one lesson
// that was wrong: where each header value is printed and the label beside it
// ("label"), where each line column is ("column"), the units its lines use
// ("unit"). Read from and removed from its layout examples
// (extract/layout_memory.h); identifiers and aliases are the supplier table's
// and are listed by the caller. Plain functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "extract/layout_memory.h"
#include "quai/status.h"

namespace quai {

struct LearnedConvention {
  // "label/<type>/<field>", "column/<type>/<field>", "unit/<type>/<field>/<unit>",
  // "identifier/<kind>/<value>" (an alias is the identifier kind "alias").
  std::string key;
  std::string kind;           // "label", "column", "unit", "identifier"
  std::string document_type;  // "" for an identifier
  std::string field;          // the field; an identifier's kind
  std::string value;          // the label words, the unit, the identifier
  int page = 0;               // label and column: the page it is most often on, 1 = the first
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // label and column: the mean box, fractions of the page
  int documents = 0;          // the validated documents that teach it
};

// What `examples` (one supplier's, of `document_type`) teach. `unit_fields`:
// the line fields holding units. Labels, then columns, then units; each by field.
std::vector<LearnedConvention> ConventionsOf(const std::string& document_type,
                                             const std::vector<LayoutExample>& examples,
                                             const std::vector<std::string>& unit_fields);

// The convention a key names (only key, kind, document_type, field and value
// are set). InvalidArgument for a key of no known shape.
Result<LearnedConvention> ParseConventionKey(const std::string& key);

// Removes from `example` what a label, column or unit convention taught; whether it changed.
bool ForgetConvention(const LearnedConvention& convention, LayoutExample* example);

}  // namespace quai
