// Status and Result<T>: the one error type passed between quai's modules.
// A Status is either ok or carries a code and a message meant for a person (it
// names the file and the cause). Result<T> holds a value or a non-ok Status.
// Both are plain values: copyable, movable, safe to pass between threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace quai {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad input from the user: unsupported, corrupt, empty file
  kLimitExceeded,    // a configured limit (size, pages, pixels, time) was hit
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,  // the thing is not in a state that allows it (a job another worker holds)
  kIoError,          // the file system or database failed
  kUnavailable,      // a service quai depends on (the ERP) did not answer; try again later
  kInternal,         // a bug or an engine failure that is not the input's fault
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message) { return {StatusCode::kInvalidArgument, std::move(message)}; }
  static Status LimitExceeded(std::string message) { return {StatusCode::kLimitExceeded, std::move(message)}; }
  static Status NotFound(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
  static Status AlreadyExists(std::string message) { return {StatusCode::kAlreadyExists, std::move(message)}; }
  static Status FailedPrecondition(std::string message) {
    return {StatusCode::kFailedPrecondition, std::move(message)};
  }
  static Status IoError(std::string message) { return {StatusCode::kIoError, std::move(message)}; }
  static Status Unavailable(std::string message) { return {StatusCode::kUnavailable, std::move(message)}; }
  static Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Returns a copy whose message is prefixed with `context: `.
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

const char* StatusCodeName(StatusCode code);

template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace quai

// Returns from the enclosing function when `expr` (a Status) is not ok.
#define QUAI_RETURN_IF_ERROR(expr)            \
  do {                                        \
    ::quai::Status quai_status_ = (expr);     \
    if (!quai_status_.ok()) return quai_status_; \
  } while (0)
