#include "export/export_target.h"

#include <algorithm>
#include <cstdlib>

namespace quai {

const std::vector<std::string>& ExportTargetKinds() {
  static const std::vector<std::string> kinds = {"tryton", "webhook", "files"};
  return kinds;
}

bool IsSecretExportSetting(const std::string& name) {
  for (const char* secret : {"password", "secret", "token", "api_key"})
    if (name.find(secret) != std::string::npos) return true;
  return false;
}

namespace {

Status Need(const ExportTarget& target, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto it = target.settings.find(name);
    if (it == target.settings.end() || it->second.empty())
      return Status::InvalidArgument("export target '" + target.name + "' (" + target.kind + ") needs the setting " +
                                     name);
  }
  return Status::Ok();
}

bool IsHttpUrl(const std::string& url) { return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0; }

}  // namespace

Status ValidateExportTarget(const ExportTarget& target) {
  if (target.name.empty() || target.name.size() > 64)
    return Status::InvalidArgument("an export target needs a name of 1 to 64 characters");
  for (unsigned char c : target.name)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.')
      return Status::InvalidArgument("export target name '" + target.name +
                                     "' may hold only letters, digits, '-', '_' and '.'");
  const auto& kinds = ExportTargetKinds();
  if (std::find(kinds.begin(), kinds.end(), target.kind) == kinds.end())
    return Status::InvalidArgument("export target '" + target.name + "': kind must be tryton, webhook or files, not '" +
                                   target.kind + "'");
  if (target.max_attempts < 1 || target.max_attempts > 100)
    return Status::InvalidArgument("export target '" + target.name + "': max_attempts must be 1 to 100");
  if (target.kind == "webhook") {
    QUAI_RETURN_IF_ERROR(Need(target, {"url", "secret"}));
    if (!IsHttpUrl(target.settings.at("url")))
      return Status::InvalidArgument("export target '" + target.name + "': url must start with http:// or https://");
    if (target.settings.at("secret").rfind("whsec_", 0) != 0 || target.settings.at("secret").size() < 6 + 24)
      return Status::InvalidArgument("export target '" + target.name +
                                     "': secret must be 'whsec_' and the base64 of at least 18 random bytes "
                                     "(Standard Webhooks), e.g. from `quai export secret`");
  } else if (target.kind == "files") {
    QUAI_RETURN_IF_ERROR(Need(target, {"folder"}));
    auto formats = target.settings.find("formats");
    const std::string list = formats == target.settings.end() ? "json" : formats->second;
    size_t start = 0;
    while (start <= list.size()) {
      size_t end = list.find(',', start);
      if (end == std::string::npos) end = list.size();
      const std::string format = list.substr(start, end - start);
      if (format != "json" && format != "csv" && format != "xml" && format != "recadv")
        return Status::InvalidArgument("export target '" + target.name + "': format '" + format +
                                       "' is not one of json, csv, xml, recadv");
      start = end + 1;
    }
  } else if (target.kind == "tryton") {
    QUAI_RETURN_IF_ERROR(Need(target, {"url", "database", "user", "password"}));
    if (!IsHttpUrl(target.settings.at("url")))
      return Status::InvalidArgument("export target '" + target.name + "': url must start with http:// or https://");
  }
  auto timeout = target.settings.find("timeout_seconds");
  if (timeout != target.settings.end()) {
    char* end = nullptr;
    const double seconds = std::strtod(timeout->second.c_str(), &end);
    if (end == timeout->second.c_str() || *end != '\0' || seconds <= 0 || seconds > 600)
      return Status::InvalidArgument("export target '" + target.name + "': timeout_seconds must be 1 to 600");
  }
  return Status::Ok();
}

ExportTarget RedactedExportTarget(const ExportTarget& target) {
  ExportTarget redacted = target;
  for (auto& [name, value] : redacted.settings)
    if (IsSecretExportSetting(name) && !value.empty()) value = "********";
  return redacted;
}

bool TargetTakes(const ExportTarget& target, const std::string& document_type, const std::string& source) {
  if (!target.enabled) return false;
  if (source != "validated" && !target.include_auto_accepted) return false;
  return target.document_types.empty() ||
         std::find(target.document_types.begin(), target.document_types.end(), document_type) !=
             target.document_types.end();
}

}  // namespace quai
