#include "core/shipped_files.h"

#include <filesystem>
#include <system_error>

namespace quai {

namespace fs = std::filesystem;

ShippedFolders InstalledFolders(const std::string& executable) {
  const fs::path prefix = fs::path(executable).parent_path().parent_path();
  ShippedFolders folders;
  folders.installed = true;
  folders.models = (prefix / "share" / "quai" / "models").string();
  folders.web = (prefix / "share" / "quai" / "web").string();
  // The file-system standard's rule (and GNUInstallDirs'): /usr's configuration is in /etc.
  const fs::path sysconf = prefix == fs::path("/usr") ? fs::path("/etc") : prefix / "etc";
  folders.schemas = (sysconf / "quai" / "schemas").string();
  return folders;
}

ShippedFolders SourceTreeFolders(const std::string& source_dir) {
  const fs::path source(source_dir);
  ShippedFolders folders;
  folders.models = (source / "models").string();
  folders.schemas = (source / "config" / "schemas").string();
  folders.web = (source / "web" / "dist").string();
  return folders;
}

ShippedFolders ShippedFiles() {
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error && executable.parent_path().filename() == "bin") {
    ShippedFolders installed = InstalledFolders(executable.string());
    if (fs::is_directory(installed.models, error)) return installed;
  }
#ifdef QUAI_SOURCE_DIR
  return SourceTreeFolders(QUAI_SOURCE_DIR);
#else
  return SourceTreeFolders(".");
#endif
}

}  // namespace quai
