// Clock: the time source, injected so tests can fix it. Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace quai {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

// The real wall clock. Never deleted.
Clock* SystemClock();

class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::chrono::system_clock::time_point now) : now_(now) {}
  std::chrono::system_clock::time_point Now() const override { return now_; }
  void Advance(std::chrono::milliseconds by) { now_ += by; }

 private:
  std::chrono::system_clock::time_point now_;
};

// "2026-11-21T10:04:05Z"
std::string FormatUtcTimestamp(std::chrono::system_clock::time_point time);
// The inverse of FormatUtcTimestamp; nullopt for any other text.
std::optional<std::chrono::system_clock::time_point> ParseUtcTimestamp(const std::string& text);

}  // namespace quai
