// FolderSettings: what a watched folder's SourceRecord::settings_json says,
// with its defaults. Parsing names the setting that is wrong.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "quai/status.h"

namespace quai {

struct FolderSettings {
  std::string path;                  // the folder watched (absolute)
  std::string document_type;         // used when the classifier cannot tell; empty: none
  double stable_seconds = 5;         // a file is taken once its size and time stay unchanged this long
  double poll_seconds = 0;           // >0: look every this many seconds and ignore file events (network shares)
  double rescan_seconds = 60;        // with file events: look anyway this often (events can be missed)
  bool subfolders = false;           // take files in subfolders too (their paths kept under done/ and refused/)
  std::vector<std::string> ignore;   // glob patterns on file names: office and OS debris by default
  bool delete_after = false;         // false: a stored file is moved to done/; true: deleted
  std::string done_folder;           // default <path>/done
  std::string refused_folder;        // default <path>/refused

  static Result<FolderSettings> Parse(const std::string& settings_json);
  nlohmann::json ToJson() const;
};

// Office and OS debris never taken: lock and temporary files, partial downloads, thumbnails.
const std::vector<std::string>& DefaultIgnorePatterns();

}  // namespace quai
