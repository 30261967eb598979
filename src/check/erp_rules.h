// ErpRules: the business rules checked against the ERP, as configuration: for
// each finding code a severity (block, warn, info, or off) and tolerances,
// set for the company and overridden per supplier and per article (article
// over supplier over company). A tolerance has an upper and a lower side,
// each in percent of the ERP's quantity or price and in absolute value: 0
// allows nothing, unset allows anything, and a value passes only within every
// limit that is set. The file (config/erp_rules.json, or erp_rules.json in
// the data directory; docs/erp.md):
//   {"rules": {"quantity_over_open": {"severity": "block", "over": {"percent": 5, "absolute": 10}}},
//    "suppliers": {"S042": {"quantity_over_open": {"over": {"percent": 10}}}},
//    "articles": {"MP-71333": {"shelf_life_short": {"severity": "warn"}}}}
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "quai/status.h"

namespace quai {

struct ToleranceLimit {
  std::optional<double> percent;   // of the reference (ordered quantity, PO price)
  std::optional<double> absolute;  // in the reference's unit or currency
};

struct RuleSetting {
  std::string severity = "block";  // "block", "warn", "info", "off"
  ToleranceLimit over;   // how far above the reference a value may go
  ToleranceLimit under;  // how far below
};

// Whether `excess` (>= 0) over `reference` is within `limit`.
bool WithinLimit(double excess, double reference, const ToleranceLimit& limit);

class ErpRules {
 public:
  // The built-in company defaults (every rule at its default severity).
  ErpRules();
  // Defaults, then `json`'s settings over them; kInvalidArgument naming what is wrong.
  static Result<ErpRules> FromJson(const nlohmann::json& json);
  // The setting of `code` for this supplier and article (either may be empty).
  RuleSetting For(const std::string& code, const std::string& supplier_id = "",
                  const std::string& article_code = "") const;
  nlohmann::json ToJson() const;

 private:
  std::map<std::string, nlohmann::json> company_;
  std::map<std::string, std::map<std::string, nlohmann::json>> suppliers_, articles_;
};

}  // namespace quai
