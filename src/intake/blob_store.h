// BlobStore: originals kept content-addressed by SHA-256 under
// <root>/originals/<first two hex digits>/<sha256>. Put is durable before it
// returns (temporary file, fsync, rename, fsync of the directory), so a crash at
// any point leaves either the whole original or nothing under its name; a
// leftover temporary file is never mistaken for an original.
// Thread-safe (the FileSystem is); the FileSystem is not owned.
#pragma once

#include <string>
#include <string_view>

#include "core/file_system.h"
#include "quai/status.h"

namespace quai {

class BlobStore {
 public:
  BlobStore(FileSystem* file_system, std::string root);

  // Creates the folders. Removes temporary files a crash left behind: those
  // of processes that no longer run (not another's being written). On the
  // machine of the data directory, like the job leases (pid liveness).
  Status Open();
  // Stores `bytes` (whose SHA-256 hex is `sha256`) unless already present.
  Status Put(const std::string& sha256, std::string_view bytes);
  bool Contains(const std::string& sha256);
  Result<std::string> Get(const std::string& sha256, int64_t max_bytes);
  std::string PathFor(const std::string& sha256) const;
  // Deletes the original (a refused document deleted, no other document
  // holding its bytes); Ok when it is already gone.
  Status Remove(const std::string& sha256);

 private:
  FileSystem* file_system_;
  std::string root_;
};

}  // namespace quai
