#include "source/folder_settings.h"

#include <nlohmann/json.hpp>

namespace quai {
namespace {

Status Wrong(const std::string& setting, const std::string& what) {
  return Status::InvalidArgument("folder setting '" + setting + "' " + what);
}

Status ReadSeconds(const nlohmann::json& settings, const char* name, double minimum, double* value) {
  if (!settings.contains(name)) return Status::Ok();
  const nlohmann::json& given = settings.at(name);
  if (!given.is_number() || given.get<double>() < minimum || given.get<double>() > 86400)
    return Wrong(name, "must be a number of seconds from " + std::to_string(static_cast<int>(minimum)) +
                           " to 86400");
  *value = given.get<double>();
  return Status::Ok();
}

Status ReadText(const nlohmann::json& settings, const char* name, std::string* value) {
  if (!settings.contains(name)) return Status::Ok();
  if (!settings.at(name).is_string()) return Wrong(name, "must be text");
  *value = settings.at(name).get<std::string>();
  return Status::Ok();
}

}  // namespace

const std::vector<std::string>& DefaultIgnorePatterns() {
  static const std::vector<std::string>* patterns = new std::vector<std::string>{
      ".*", "~$*", "~*", "*~", "*.tmp", "*.temp", "*.part", "*.partial", "*.crdownload", "*.download",
      "*.swp", "*.lock", "*.lck", "Thumbs.db", "desktop.ini", "*.ini", "*.lnk", "*.url", "*.DS_Store"};
  return *patterns;
}

Result<FolderSettings> FolderSettings::Parse(const std::string& settings_json) {
  nlohmann::json settings = nlohmann::json::parse(settings_json, nullptr, false);
  if (!settings.is_object()) return Status::InvalidArgument("folder settings are not a JSON object");
  FolderSettings folder;
  QUAI_RETURN_IF_ERROR(ReadText(settings, "path", &folder.path));
  if (folder.path.empty() || folder.path[0] != '/') return Wrong("path", "must be an absolute folder path");
  while (folder.path.size() > 1 && folder.path.back() == '/') folder.path.pop_back();
  QUAI_RETURN_IF_ERROR(ReadText(settings, "document_type", &folder.document_type));
  QUAI_RETURN_IF_ERROR(ReadSeconds(settings, "stable_seconds", 0, &folder.stable_seconds));
  QUAI_RETURN_IF_ERROR(ReadSeconds(settings, "poll_seconds", 0, &folder.poll_seconds));
  if (folder.poll_seconds > 0 && folder.poll_seconds < 0.1) return Wrong("poll_seconds", "must be at least 0.1");
  QUAI_RETURN_IF_ERROR(ReadSeconds(settings, "rescan_seconds", 1, &folder.rescan_seconds));
  if (settings.contains("subfolders")) {
    if (!settings["subfolders"].is_boolean()) return Wrong("subfolders", "must be true or false");
    folder.subfolders = settings["subfolders"].get<bool>();
  }
  folder.ignore = DefaultIgnorePatterns();
  if (settings.contains("ignore")) {
    if (!settings["ignore"].is_array()) return Wrong("ignore", "must be a list of file name patterns");
    folder.ignore.clear();
    for (const auto& pattern : settings["ignore"]) {
      if (!pattern.is_string() || pattern.get<std::string>().empty())
        return Wrong("ignore", "must be a list of file name patterns");
      folder.ignore.push_back(pattern.get<std::string>());
    }
  }
  std::string after = "move";
  QUAI_RETURN_IF_ERROR(ReadText(settings, "after", &after));
  if (after != "move" && after != "delete") return Wrong("after", "must be \"move\" or \"delete\"");
  folder.delete_after = after == "delete";
  QUAI_RETURN_IF_ERROR(ReadText(settings, "done_folder", &folder.done_folder));
  QUAI_RETURN_IF_ERROR(ReadText(settings, "refused_folder", &folder.refused_folder));
  if (folder.done_folder.empty()) folder.done_folder = folder.path + "/done";
  if (folder.refused_folder.empty()) folder.refused_folder = folder.path + "/refused";
  if (folder.done_folder[0] != '/') return Wrong("done_folder", "must be an absolute folder path");
  if (folder.refused_folder[0] != '/') return Wrong("refused_folder", "must be an absolute folder path");
  return folder;
}

nlohmann::json FolderSettings::ToJson() const {
  return {{"path", path},
          {"document_type", document_type},
          {"stable_seconds", stable_seconds},
          {"poll_seconds", poll_seconds},
          {"rescan_seconds", rescan_seconds},
          {"subfolders", subfolders},
          {"ignore", ignore},
          {"after", delete_after ? "delete" : "move"},
          {"done_folder", done_folder},
          {"refused_folder", refused_folder}};
}

}  // namespace quai
