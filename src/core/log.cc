#include "core/log.h"

#include <unistd.h>

#include <atomic>
#include <cstdarg>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace quai {
namespace {

std::atomic<LogFormat> log_format{LogFormat::kText};
std::string& ProcessName() {
  static std::string name = "quai";
  return name;
}

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "info";
}

// JSON string contents: quotes, backslashes and control characters escaped;
// other bytes as they are (messages are UTF-8).
void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

std::string IsoTime(int64_t unix_ms) {
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(unix_ms % 1000));
  return text;
}

// "quai serve: x" → "x"; "quai: x" → "x": the process is its own field.
std::string_view WithoutPrefix(std::string_view message) {
  if (message.rfind("quai", 0) != 0) return message;
  size_t colon = message.find(": ");
  if (colon == std::string_view::npos) return message;
  std::string_view between = message.substr(4, colon - 4);
  if (!between.empty() && (between[0] != ' ' || between.find_first_not_of("abcdefghijklmnopqrstuvwxyz", 1) !=
                                                    std::string_view::npos))
    return message;
  return message.substr(colon + 2);
}

}  // namespace

void SetLogFormat(LogFormat format) { log_format = format; }
void SetLogProcess(std::string process) { ProcessName() = std::move(process); }

bool ParseLogFormat(std::string_view name, LogFormat* format) {
  if (name == "text") *format = LogFormat::kText;
  else if (name == "json") *format = LogFormat::kJson;
  else return false;
  return true;
}

std::string FormatLogLine(LogFormat format, std::string_view process, int64_t unix_ms, LogLevel level,
                          std::string_view message, const LogFields& fields) {
  std::string line;
  if (format == LogFormat::kText) {
    line = message;  // today's lines, unchanged: the fields are already in the message
    line += '\n';
    return line;
  }
  message = WithoutPrefix(message);
  line = "{\"time\":\"" + IsoTime(unix_ms) + "\",\"level\":\"" + LevelName(level) + "\",\"process\":";
  AppendJsonString(line, process);
  line += ",\"message\":";
  AppendJsonString(line, message);
  if (fields.document_id != 0) line += ",\"document_id\":" + std::to_string(fields.document_id);
  if (!fields.stage.empty()) {
    line += ",\"stage\":";
    AppendJsonString(line, fields.stage);
  }
  if (!fields.route.empty()) {
    line += ",\"route\":";
    AppendJsonString(line, fields.route);
  }
  if (fields.status != 0) line += ",\"status\":" + std::to_string(fields.status);
  line += "}\n";
  return line;
}

void Log(LogLevel level, std::string_view message, const LogFields& fields) {
  const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  const std::string line = FormatLogLine(log_format, ProcessName(), now_ms, level, message, fields);
  // One write per line: lines from several threads (and processes sharing
  // the file) never interleave.
  size_t written = 0;
  while (written < line.size()) {
    ssize_t n = ::write(STDERR_FILENO, line.data() + written, line.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
}

}  // namespace quai

namespace quai {

void Logf(LogLevel level, const LogFields& fields, const char* format, ...) {
  va_list arguments;
  va_start(arguments, format);
  va_list copy;
  va_copy(copy, arguments);
  const int size = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  std::string message(size > 0 ? static_cast<size_t>(size) : 0, '\0');
  if (size > 0) std::vsnprintf(message.data(), message.size() + 1, format, arguments);
  va_end(arguments);
  if (!message.empty() && message.back() == '\n') message.pop_back();
  Log(level, message, fields);
}

}  // namespace quai
