// ChildProcess: a program run with a socket as its standard input and output
// and a pipe as its standard error, under resource limits. Every wait has a
// deadline; the child is killed (SIGKILL) and reaped when the object goes. The
// child also dies with the thread that started it (PR_SET_PDEATHSIG), so a
// worker killed with -9 leaves no child behind. Writing to a child that died
// gives an error, never SIGPIPE. One thread at a time.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quai/status.h"

namespace quai {

using Deadline = std::chrono::steady_clock::time_point;

struct ChildLimits {
  int64_t address_space_bytes = 0;  // RLIMIT_AS; 0: none
};

class ChildProcess {
 public:
  static Result<std::unique_ptr<ChildProcess>> Start(const std::vector<std::string>& argv, const ChildLimits& limits);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Writes all of `bytes` to the child's input. kLimitExceeded past the
  // deadline, kUnavailable when the child is gone.
  Status Send(std::string_view bytes, Deadline deadline);
  // The child's next output line (without its '\n') / exactly `size` bytes.
  Result<std::string> ReceiveLine(Deadline deadline);
  Result<std::string> Receive(size_t size, Deadline deadline);
  // False once the child has ended (it is then reaped).
  bool Running();
  void Kill();
  // How the child ended, for messages: "killed by signal 11 (Segmentation
  // fault)", "exited with status 3"; empty while it runs.
  std::string Ending();
  // What the child wrote on its standard error since the last call (the last
  // 16 KiB at most), for tying library messages to the file being read.
  std::string TakeMessages();
  // The largest address space the child was seen using (sampled while
  // waiting for it, at least every 100 ms), in bytes.
  int64_t peak_address_space() const { return peak_address_space_; }

 private:
  ChildProcess(pid_t pid, int io, int err) : pid_(pid), io_(io), err_(err) {}
  // Waits until the socket is ready for `events` or the deadline, draining
  // standard error meanwhile so the child never blocks on it.
  Status Await(short events, Deadline deadline);
  void DrainErrors();
  // Reads what the child has written so far (at least one byte) into input_.
  Status Fill(Deadline deadline);
  void Reap(bool block);
  void SampleAddressSpace();

  pid_t pid_;
  int io_;    // our end of the socket: the child's stdin and stdout
  int err_;   // read end of the child's stderr
  bool reaped_ = false;
  int wait_status_ = 0;
  std::string input_;     // bytes received and not yet returned
  std::string messages_;  // the child's stderr since the last TakeMessages
  int64_t peak_address_space_ = 0;
};

}  // namespace quai
