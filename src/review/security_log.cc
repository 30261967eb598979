#include "review/security_log.h"
#include "core/log.h"

#include <cstdio>

#include "core/clock.h"

namespace quai {

SecurityLog::SecurityLog(AccountStore* store, Clock* clock) : store_(store), clock_(clock) {}

void SecurityLog::Record(const std::string& kind, const std::string& actor, const std::string& client,
                         const std::string& detail) {
  SecurityEvent event;
  event.at = FormatUtcTimestamp(clock_->Now());
  event.kind = kind;
  event.actor = actor.substr(0, 64);
  event.client = client.substr(0, 64);
  event.detail = detail.substr(0, 500);
  Result<SecurityEvent> stored = store_->AppendSecurityEvent(std::move(event));
  if (!stored.ok())
    Logf(LogLevel::kError, {}, "quai: the security event '%s' could not be recorded: %s\n", kind.c_str(),
                 stored.status().message().c_str());
}

Result<SecurityLog::Verification> SecurityLog::Verify() {
  Verification verification;
  std::string previous = FirstPreviousHash();
  int64_t after = 0;
  while (true) {
    Result<std::vector<SecurityEvent>> page = store_->ListSecurityEvents(after, 1000);
    if (!page.ok()) return page.status();
    for (const SecurityEvent& event : *page) {
      std::string problem;
      if (event.id != after + 1)
        problem = "entries " + std::to_string(after + 1) + " to " + std::to_string(event.id - 1) + " are missing";
      else if (event.previous_hash != previous)
        problem = "it does not follow the entry before it (changed or inserted)";
      else if (SecurityEventHash(event) != event.hash)
        problem = "its content does not match its hash (changed)";
      if (!problem.empty()) {
        verification.first_broken_id = event.id;
        verification.problem = problem;
        return verification;
      }
      ++verification.events;
      previous = event.hash;
      after = event.id;
    }
    if (page->size() < 1000) break;
  }
  verification.last_hash = previous;
  return verification;
}

Result<std::vector<SecurityEvent>> SecurityLog::List(int64_t after_id, int limit) {
  return store_->ListSecurityEvents(after_id, limit);
}

}  // namespace quai
