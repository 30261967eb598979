#include "erp/order_status.h"

#include <cctype>
#include <map>

namespace quai {

std::string NormalisedOrderStatus(std::string_view erp_status) {
  // Lower case, '_' and '-' as spaces, runs of spaces as one, none at the ends.
  std::string word;
  for (char c : erp_status) {
    char folded = (c == '_' || c == '-') ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::isspace(static_cast<unsigned char>(folded))) {
      if (!word.empty() && word.back() != ' ') word += ' ';
    } else {
      word += folded;
    }
  }
  if (!word.empty() && word.back() == ' ') word.pop_back();

  static const std::map<std::string, std::string, std::less<>> kStatuses = {
      {"open", "open"},         {"confirmed", "open"},        {"processing", "open"},
      {"partially received", "open"}, {"partial", "open"},   {"in progress", "open"},
      {"done", "closed"},       {"closed", "closed"},         {"received", "closed"},
      {"completed", "closed"},  {"cancel", "cancelled"},      {"cancelled", "cancelled"},
      {"canceled", "cancelled"},
  };
  auto known = kStatuses.find(word);
  return known != kStatuses.end() ? known->second : word;
}

}  // namespace quai
