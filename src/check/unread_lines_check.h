// UnreadLinesCheck: rows under a table that look like line items the table
// reader could not read (Extraction::unread_line_rows) make the lines
// incomplete: line_not_read, blocking.
#pragma once

#include "check/document_check.h"

namespace quai {

class UnreadLinesCheck final : public DocumentCheck {
 public:
  std::string_view name() const override { return "unread_lines"; }
  void Run(const Extraction& extraction, const DocumentSchema& schema, std::vector<Finding>* findings) const override;
};

}  // namespace quai
