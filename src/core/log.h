// The log of the long-running processes (`quai serve`, `quai worker`): one
// line per event on stderr, either as today's text (the message as written,
// "quai serve: listening ...") or as JSON lines (--log-format json): one
// object per line with time (UTC, ISO 8601 with milliseconds), level,
// process, message (without its "quai serve: " prefix) and, when known, the
// document id, the stage, the request's route template and status. Lines are
// written whole (one write per line), from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quai {

enum class LogFormat { kText, kJson };
enum class LogLevel { kInfo, kWarning, kError };

struct LogFields {
  int64_t document_id = 0;  // 0: none
  std::string stage;
  std::string route;  // the route template, never the raw path
  int status = 0;     // the HTTP status answered; 0: none
};

// Set once at start, before other threads log. Defaults: text, "quai".
void SetLogFormat(LogFormat format);
void SetLogProcess(std::string process);  // "serve", "worker"
// "text" or "json"; false for anything else.
bool ParseLogFormat(std::string_view name, LogFormat* format);

// `message` as the text log shows it, with its prefix ("quai: ", "quai worker: ").
void Log(LogLevel level, std::string_view message, const LogFields& fields = {});
inline void LogInfo(std::string_view message, const LogFields& fields = {}) { Log(LogLevel::kInfo, message, fields); }
inline void LogWarning(std::string_view message, const LogFields& fields = {}) {
  Log(LogLevel::kWarning, message, fields);
}
inline void LogError(std::string_view message, const LogFields& fields = {}) {
  Log(LogLevel::kError, message, fields);
}

// Log with a printf-style message (a final '\n' is dropped).
void Logf(LogLevel level, const LogFields& fields, const char* format, ...) __attribute__((format(printf, 3, 4)));

// The line Log writes (with its '\n'), for tests. `unix_ms`: the time.
std::string FormatLogLine(LogFormat format, std::string_view process, int64_t unix_ms, LogLevel level,
                          std::string_view message, const LogFields& fields);

}  // namespace quai
