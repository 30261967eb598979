#include "source/open_watched_source.h"

#include "source/folder_settings.h"
#include "source/mailbox.h"
#include "source/watched_folder.h"

namespace quai {

Result<std::unique_ptr<WatchedSource>> OpenWatchedSource(const SourceRecord& record, const SourceServices& services) {
  if (record.kind == SourceKind::kFolder) {
    Result<FolderSettings> settings = FolderSettings::Parse(record.settings_json);
    if (!settings.ok()) return Status::InvalidArgument("source '" + record.name + "': " + settings.status().message());
    std::unique_ptr<FolderEvents> events;
    if (services.file_events && settings->poll_seconds <= 0) {
      Result<std::unique_ptr<FolderEvents>> opened = FolderEvents::Open();
      if (opened.ok()) events = std::move(opened).value();  // else the timer alone
    }
    return std::unique_ptr<WatchedSource>(new WatchedFolder(record.name, std::move(settings).value(),
                                                            *services.file_system, *services.clock,
                                                            services.max_file_bytes, std::move(events)));
  }
  return OpenMailbox(record, *services.store, *services.clock);
}

}  // namespace quai
