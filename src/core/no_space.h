// A full disk, told apart from other I/O errors. Every layer that meets one
// says so in the message of the IoError it returns (the file system from
// ENOSPC or EDQUOT, the SQLite store from SQLITE_FULL or an I/O error whose
// errno is ENOSPC), with the words of kNoSpace, so that a person reads the
// cause and callers can answer it apart (the server: 507, nothing stored).
// Why not a status code of its own: quai/status.h is the public API's, and a
// full disk is an I/O error there; this only names which one.
#pragma once

#include <string>

#include "quai/status.h"

namespace quai {

inline constexpr char kNoSpace[] = "disk is full";

// True when `status` failed because the disk holding the data is full.
inline bool IsNoSpace(const Status& status) {
  return !status.ok() && status.message().find(kNoSpace) != std::string::npos;
}

}  // namespace quai
