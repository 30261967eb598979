#include "isolate/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace quai {
namespace {

constexpr size_t kMaxMessages = 16 * 1024;

int MillisecondsUntil(Deadline deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(std::min<int64_t>(left.count(), 100));
}

void SetNonBlocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

}  // namespace

Result<std::unique_ptr<ChildProcess>> ChildProcess::Start(const std::vector<std::string>& argv,
                                                          const ChildLimits& limits) {
  if (argv.empty()) return Status::InvalidArgument("no program to start");
  // Everything the child needs is prepared before fork: between fork and exec
  // only async-signal-safe calls are made (the parent has other threads).
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  int io[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, io) != 0)
    return Status::IoError(std::string("cannot create a socket for the reader: ") + std::strerror(errno));
  int err[2];
  if (pipe2(err, O_CLOEXEC) != 0) {
    close(io[0]);
    close(io[1]);
    return Status::IoError(std::string("cannot create a pipe for the reader: ") + std::strerror(errno));
  }
  const pid_t parent = getpid();
  struct rlimit address_space {
    static_cast<rlim_t>(limits.address_space_bytes), static_cast<rlim_t>(limits.address_space_bytes)
  };
  struct rlimit no_core {0, 0};
  pid_t pid = fork();
  if (pid < 0) {
    int saved = errno;
    for (int fd : {io[0], io[1], err[0], err[1]}) close(fd);
    return Status::IoError(std::string("cannot start the reader: ") + std::strerror(saved));
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(io[1], 0);
    dup2(io[1], 1);
    dup2(err[1], 2);
    close_range(3, ~0U, 0);
    if (limits.address_space_bytes > 0) setrlimit(RLIMIT_AS, &address_space);
    setrlimit(RLIMIT_CORE, &no_core);
    execv(args[0], args.data());
    _exit(127);
  }
  close(io[1]);
  close(err[1]);
  SetNonBlocking(io[0]);
  SetNonBlocking(err[0]);
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid, io[0], err[0]));
}

ChildProcess::~ChildProcess() {
  Kill();
  close(io_);
  close(err_);
}

void ChildProcess::Kill() {
  if (reaped_) return;
  kill(pid_, SIGKILL);
  Reap(true);
}

void ChildProcess::Reap(bool block) {
  if (reaped_) return;
  int status = 0;
  pid_t done;
  do {
    done = waitpid(pid_, &status, block ? 0 : WNOHANG);
  } while (done < 0 && errno == EINTR);
  if (done == pid_ || (done < 0 && errno == ECHILD)) {
    reaped_ = true;
    wait_status_ = status;
  }
}

bool ChildProcess::Running() {
  Reap(false);
  return !reaped_;
}

std::string ChildProcess::Ending() {
  if (!reaped_) return "";
  if (WIFSIGNALED(wait_status_)) {
    int signal = WTERMSIG(wait_status_);
    return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  }
  return "exited with status " + std::to_string(WEXITSTATUS(wait_status_));
}

void ChildProcess::DrainErrors() {
  char buffer[4096];
  for (;;) {
    ssize_t got = read(err_, buffer, sizeof buffer);
    if (got <= 0) break;
    messages_.append(buffer, static_cast<size_t>(got));
    if (messages_.size() > kMaxMessages) messages_.erase(0, messages_.size() - kMaxMessages);
  }
}

std::string ChildProcess::TakeMessages() {
  DrainErrors();
  std::string taken;
  taken.swap(messages_);
  return taken;
}

void ChildProcess::SampleAddressSpace() {
  if (reaped_) return;
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/statm", static_cast<int>(pid_));
  FILE* statm = std::fopen(path, "r");
  if (statm == nullptr) return;
  long long pages = 0;
  if (std::fscanf(statm, "%lld", &pages) == 1)
    peak_address_space_ = std::max<int64_t>(peak_address_space_, pages * sysconf(_SC_PAGESIZE));
  std::fclose(statm);
}

Status ChildProcess::Await(short events, Deadline deadline) {
  for (;;) {
    SampleAddressSpace();
    pollfd fds[2] = {{io_, events, 0}, {err_, POLLIN, 0}};
    int ready = poll(fds, 2, MillisecondsUntil(deadline));
    if (ready < 0 && errno != EINTR) return Status::Internal(std::string("poll: ") + std::strerror(errno));
    if (ready > 0 && (fds[1].revents & (POLLIN | POLLHUP))) DrainErrors();
    if (ready > 0 && fds[0].revents != 0) return Status::Ok();
    if (std::chrono::steady_clock::now() >= deadline) return Status::LimitExceeded("time limit reached");
  }
}

Status ChildProcess::Send(std::string_view bytes, Deadline deadline) {
  while (!bytes.empty()) {
    ssize_t sent = send(io_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      bytes.remove_prefix(static_cast<size_t>(sent));
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      Status ready = Await(POLLOUT, deadline);
      if (!ready.ok()) return ready;
      continue;
    }
    Reap(true);
    return Status::Unavailable("the reader is gone");
  }
  return Status::Ok();
}

Status ChildProcess::Fill(Deadline deadline) {
  for (;;) {
    char buffer[65536];
    ssize_t got = recv(io_, buffer, sizeof buffer, 0);
    if (got > 0) {
      input_.append(buffer, static_cast<size_t>(got));
      return Status::Ok();
    }
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      Status ready = Await(POLLIN, deadline);
      if (!ready.ok()) return ready;
      continue;
    }
    DrainErrors();
    Reap(true);
    return Status::Unavailable("the reader is gone");
  }
}

Result<std::string> ChildProcess::Receive(size_t size, Deadline deadline) {
  while (input_.size() < size) {
    Status filled = Fill(deadline);
    if (!filled.ok()) return filled;
  }
  std::string taken = input_.substr(0, size);
  input_.erase(0, size);
  return taken;
}

Result<std::string> ChildProcess::ReceiveLine(Deadline deadline) {
  size_t scanned = 0;
  for (;;) {
    size_t end = input_.find('\n', scanned);
    if (end != std::string::npos) {
      std::string line = input_.substr(0, end);
      input_.erase(0, end + 1);
      return line;
    }
    scanned = input_.size();
    Status filled = Fill(deadline);
    if (!filled.ok()) return filled;
  }
}

}  // namespace quai
