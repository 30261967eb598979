// Runs the real `quai` binary as a child process, as a user would, for the
// integration tests. QUAI_BINARY (set by CTest) names it.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace quai::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

inline std::string QuaiBinary() {
  const char* binary = std::getenv("QUAI_BINARY");
  if (binary != nullptr) return binary;
#ifdef QUAI_BINARY
  return QUAI_BINARY;  // set for every test target by CMake
#else
  return "build/quai";
#endif
}

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Starts `quai args...` with stdout and stderr sent to files; returns its pid.
inline pid_t StartQuai(const std::vector<std::string>& args, const std::string& out_path,
                       const std::string& err_path) {
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string binary = QuaiBinary();
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& arg : copy) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

inline ProcessResult WaitForQuai(pid_t pid, const std::string& out_path, const std::string& err_path) {
  int status = 0;
  waitpid(pid, &status, 0);
  ProcessResult result;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.out = Slurp(out_path);
  result.err = Slurp(err_path);
  return result;
}

inline ProcessResult RunQuai(const std::vector<std::string>& args, const std::string& scratch_dir) {
  std::string out = scratch_dir + "/stdout.txt", err = scratch_dir + "/stderr.txt";
  return WaitForQuai(StartQuai(args, out, err), out, err);
}

}  // namespace quai::testing
