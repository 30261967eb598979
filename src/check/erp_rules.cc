#include "check/erp_rules.h"

#include "check/finding_codes.h"

namespace quai {
namespace fc = finding_codes;
using Json = nlohmann::json;

namespace {

// The company defaults: what blocks out of the box.
std::map<std::string, Json> Defaults() {
  return {
      {fc::kPoNotFound, {{"severity", "block"}}},
      {fc::kPoClosed, {{"severity", "block"}}},
      {fc::kSupplierMismatch, {{"severity", "block"}}},
      {fc::kSupplierNotFound, {{"severity", "warn"}}},
      {fc::kArticleNotOnPo, {{"severity", "block"}}},
      {fc::kQuantityOverOpen, {{"severity", "block"}, {"over", {{"percent", 0}}}}},
      {fc::kUnitMismatch, {{"severity", "block"}}},
      {fc::kExpired, {{"severity", "block"}}},
      {fc::kShelfLifeShort, {{"severity", "block"}}},
      {fc::kLotMissing, {{"severity", "block"}}},
      {fc::kPriceMismatch, {{"severity", "block"}, {"over", {{"percent", 0.5}}}, {"under", {{"percent", 0.5}}}}},
      {fc::kQuantityNotReceived, {{"severity", "block"}, {"over", {{"percent", 0}}}}},
      {fc::kDuplicateInvoice, {{"severity", "block"}}},
      {fc::kVatNumberMismatch, {{"severity", "block"}}},
      {fc::kIbanChanged, {{"severity", "block"}}},
      {fc::kErpUnavailable, {{"severity", "info"}}},
      // Not a document finding: whether lots are held until their certificate comes.
      {fc::kCertificateMissing, {{"severity", "off"}}},
      // A certificate that matches no delivered lot (yet): a person looks, nothing is held.
      {fc::kCertificateUnmatched, {{"severity", "warn"}}},
  };
}

Status CheckSetting(const std::string& where, const Json& setting) {
  if (!setting.is_object()) return Status::InvalidArgument(where + " must be an object");
  for (const auto& [key, value] : setting.items()) {
    if (key == "severity") {
      if (!value.is_string() || (value != "block" && value != "warn" && value != "info" && value != "off"))
        return Status::InvalidArgument(where + ".severity must be block, warn, info or off");
    } else if (key == "over" || key == "under") {
      if (!value.is_object()) return Status::InvalidArgument(where + "." + key + " must be an object");
      for (const auto& [limit, number] : value.items()) {
        if (limit != "percent" && limit != "absolute")
          return Status::InvalidArgument(where + "." + key + " knows percent and absolute, not " + limit);
        if (!number.is_null() && (!number.is_number() || number.get<double>() < 0))
          return Status::InvalidArgument(where + "." + key + "." + limit + " must be a number >= 0 or null");
      }
    } else {
      return Status::InvalidArgument(where + " has an unknown setting '" + key + "'");
    }
  }
  return Status::Ok();
}

Status ReadLevel(const Json& json, const std::string& name, std::map<std::string, Json>* level) {
  if (!json.is_object()) return Status::InvalidArgument(name + " must be an object of rules");
  for (const auto& [code, setting] : json.items()) {
    if (!Defaults().count(code)) return Status::InvalidArgument(name + ": unknown rule '" + code + "'");
    QUAI_RETURN_IF_ERROR(CheckSetting(name + "." + code, setting));
    (*level)[code] = setting;
  }
  return Status::Ok();
}

void Apply(const Json& setting, RuleSetting* rule) {
  if (auto severity = setting.find("severity"); severity != setting.end()) rule->severity = *severity;
  for (auto [side, limit] : {std::pair{"over", &rule->over}, std::pair{"under", &rule->under}}) {
    auto found = setting.find(side);
    if (found == setting.end()) continue;
    for (auto [key, target] : {std::pair{"percent", &limit->percent}, std::pair{"absolute", &limit->absolute}}) {
      auto value = found->find(key);
      if (value == found->end()) continue;
      *target = value->is_number() ? std::optional<double>(value->get<double>()) : std::nullopt;
    }
  }
}

}  // namespace

bool WithinLimit(double excess, double reference, const ToleranceLimit& limit) {
  constexpr double kRounding = 1e-9;
  if (excess <= kRounding) return true;
  if (limit.percent && excess > reference * *limit.percent / 100 + kRounding) return false;
  if (limit.absolute && excess > *limit.absolute + kRounding) return false;
  return true;
}

ErpRules::ErpRules() : company_(Defaults()) {}

Result<ErpRules> ErpRules::FromJson(const Json& json) {
  ErpRules rules;
  if (!json.is_object()) return Status::InvalidArgument("ERP rules must be a JSON object");
  for (const auto& [key, value] : json.items()) {
    if (key == "rules") {
      std::map<std::string, Json> level;
      QUAI_RETURN_IF_ERROR(ReadLevel(value, "rules", &level));
      for (auto& [code, setting] : level) rules.company_[code].merge_patch(setting);
    } else if (key == "suppliers" || key == "articles") {
      if (!value.is_object()) return Status::InvalidArgument(key + " must be an object keyed by id");
      auto& target = key == "suppliers" ? rules.suppliers_ : rules.articles_;
      for (const auto& [id, level] : value.items())
        QUAI_RETURN_IF_ERROR(ReadLevel(level, key + "." + id, &target[id]));
    } else if (key != "_comment") {
      return Status::InvalidArgument("ERP rules: unknown key '" + key + "' (rules, suppliers, articles)");
    }
  }
  return rules;
}

RuleSetting ErpRules::For(const std::string& code, const std::string& supplier_id,
                          const std::string& article_code) const {
  RuleSetting rule;
  if (auto it = company_.find(code); it != company_.end()) Apply(it->second, &rule);
  for (const auto* level : {&suppliers_, &articles_}) {
    const std::string& id = level == &suppliers_ ? supplier_id : article_code;
    if (id.empty()) continue;
    auto owner = level->find(id);
    if (owner == level->end()) continue;
    if (auto it = owner->second.find(code); it != owner->second.end()) Apply(it->second, &rule);
  }
  return rule;
}

Json ErpRules::ToJson() const {
  Json out = {{"rules", Json(company_)}, {"suppliers", Json::object()}, {"articles", Json::object()}};
  for (const auto& [id, level] : suppliers_) out["suppliers"][id] = Json(level);
  for (const auto& [id, level] : articles_) out["articles"][id] = Json(level);
  return out;
}

}  // namespace quai
