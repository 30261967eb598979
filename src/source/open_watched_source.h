// OpenWatchedSource: the WatchedSource a SourceRecord describes, by its kind
// (watched_folder.h, mailbox.h), with its settings checked.
#pragma once

#include <cstdint>
#include <memory>

#include "core/clock.h"
#include "core/file_system.h"
#include "source/watched_source.h"
#include "storage/source_store.h"

namespace quai {

struct SourceServices {
  SourceStore* store = nullptr;
  FileSystem* file_system = nullptr;
  Clock* clock = nullptr;
  int64_t max_file_bytes = 100LL * 1024 * 1024;  // Options::limits.max_file_bytes
  bool file_events = true;                        // folders use the kernel's file events (real file systems)
};

// InvalidArgument naming the setting when the settings are wrong.
Result<std::unique_ptr<WatchedSource>> OpenWatchedSource(const SourceRecord& record, const SourceServices& services);

}  // namespace quai
