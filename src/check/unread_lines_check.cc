#include "check/unread_lines_check.h"

#include "check/finding_codes.h"

namespace quai {

void UnreadLinesCheck::Run(const Extraction& extraction, const DocumentSchema&, std::vector<Finding>* findings) const {
  if (extraction.unread_line_rows > 0)
    findings->push_back({finding_codes::kLineNotRead, "lines", true,
                         "a row under the table looks like a line item that was not read"});
}

}  // namespace quai
