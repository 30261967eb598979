// The values of an extraction that a user searches documents by: every
// header field and every line cell that has a value, named as the API names
// them ("po_number", "lines[2].lot"). One definition for the store stage and
// the review desk, so a document is found the same way before and after a
// person edits it.
#pragma once

#include <string>
#include <vector>

#include "quai/extraction.h"
#include "storage/document_store.h"

namespace quai {

std::vector<SearchValue> SearchValuesOf(const Extraction& extraction);

// An identifier as the stores compare it: letters and digits only, upper
// case ("FR 40 303" -> "FR40303"; order numbers, VAT numbers, IBANs).
std::string CompactKey(const std::string& identifier);

}  // namespace quai
