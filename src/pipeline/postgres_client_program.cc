#include "pipeline/postgres_client_program.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

extern char** environ;

namespace quai {
namespace {

constexpr size_t kMaxErrors = 16 * 1024;

void CloseAll(std::vector<int>& fds) {
  for (int& fd : fds)
    if (fd >= 0) {
      close(fd);
      fd = -1;
    }
}

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text;
}

std::string Ending(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status))
    return "killed by signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
  return "ended";
}

}  // namespace

bool ClientPipelineResult::ok() const {
  for (const ClientProgramRun& run : runs)
    if (!run.ok()) return false;
  return true;
}

std::string ClientPipelineResult::Failure() const {
  // A program that could not start explains the others' failures (a broken pipe).
  for (const ClientProgramRun& run : runs)
    if (run.not_found)
      return run.program + " is not installed or not on the PATH (Debian: apt-get install postgresql-client)";
  // One that failed with a message before one killed by the broken pipe it left.
  for (const ClientProgramRun& run : runs)
    if (!run.ok() && !run.errors.empty()) return run.program + " " + run.ending + ": " + run.errors;
  for (const ClientProgramRun& run : runs)
    if (!run.ok()) return run.program + " " + run.ending;
  return "";
}

Result<ClientPipelineResult> RunPostgresClients(const ClientPipeline& pipeline) {
  if (pipeline.stages.empty()) return Status::InvalidArgument("no program to run");
  // The environment, prepared before fork (nothing between fork and exec allocates).
  std::map<std::string, std::string> variables;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text = *entry;
    size_t equals = text.find('=');
    if (equals != std::string::npos) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [name, value] : pipeline.environment) variables[name] = value;
  std::vector<std::string> environment_text;
  for (const auto& [name, value] : variables) environment_text.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (std::string& text : environment_text) envp.push_back(text.data());
  envp.push_back(nullptr);
  std::vector<std::vector<std::string>> arguments = pipeline.stages;
  std::vector<std::vector<char*>> argvs;
  for (auto& stage : arguments) {
    std::vector<char*> argv;
    for (std::string& argument : stage) argv.push_back(argument.data());
    argv.push_back(nullptr);
    argvs.push_back(std::move(argv));
  }

  const size_t count = argvs.size();
  ClientPipelineResult result;
  result.runs.resize(count);
  std::vector<int> error_read(count, -1), exec_read(count, -1);
  std::vector<pid_t> pids(count, -1);
  int output_read = -1;
  int previous_read = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (previous_read < 0) return Status::IoError(std::string("cannot open /dev/null: ") + std::strerror(errno));
  Status started = Status::Ok();
  for (size_t i = 0; i < count; ++i) {
    result.runs[i].program = arguments[i][0];
    int errors[2], exec_report[2], out[2] = {-1, -1};
    if (pipe2(errors, O_CLOEXEC) != 0 || pipe2(exec_report, O_CLOEXEC) != 0) {
      started = Status::IoError(std::string("cannot make a pipe: ") + std::strerror(errno));
      break;
    }
    const bool last = i + 1 == count;
    if (!last || pipeline.keep_output) {
      if (pipe2(out, O_CLOEXEC) != 0) {
        started = Status::IoError(std::string("cannot make a pipe: ") + std::strerror(errno));
        break;
      }
    } else {
      out[1] = open("/dev/null", O_WRONLY | O_CLOEXEC);
    }
    const pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
      started = Status::IoError(std::string("cannot start ") + arguments[i][0] + ": " + std::strerror(errno));
      break;
    }
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(127);
      signal(SIGPIPE, SIG_DFL);
      dup2(previous_read, 0);
      dup2(out[1], 1);
      dup2(errors[1], 2);
      execvpe(argvs[i][0], argvs[i].data(), envp.data());
      int error = errno;
      (void)!write(exec_report[1], &error, sizeof error);
      _exit(127);
    }
    pids[i] = pid;
    close(previous_read);
    close(out[1]);
    close(errors[1]);
    close(exec_report[1]);
    error_read[i] = errors[0];
    exec_read[i] = exec_report[0];
    previous_read = last ? -1 : out[0];
    if (last && pipeline.keep_output) output_read = out[0];
  }
  if (previous_read >= 0) close(previous_read);

  // Read every standard error and the output until all are closed.
  std::vector<std::string> errors(count);
  for (;;) {
    std::vector<pollfd> fds;
    std::vector<int> owner;  // stage index, or -1 for the output
    for (size_t i = 0; i < count; ++i)
      if (error_read[i] >= 0) {
        fds.push_back({error_read[i], POLLIN, 0});
        owner.push_back(static_cast<int>(i));
      }
    if (output_read >= 0) {
      fds.push_back({output_read, POLLIN, 0});
      owner.push_back(-1);
    }
    if (fds.empty()) break;
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    char buffer[65536];
    for (size_t k = 0; k < fds.size(); ++k) {
      if (fds[k].revents == 0) continue;
      ssize_t got = read(fds[k].fd, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        close(fds[k].fd);
        (owner[k] < 0 ? output_read : error_read[owner[k]]) = -1;
        continue;
      }
      if (owner[k] < 0) {
        result.output.append(buffer, static_cast<size_t>(got));
      } else {
        std::string& text = errors[owner[k]];
        text.append(buffer, static_cast<size_t>(got));
        if (text.size() > 2 * kMaxErrors) text.erase(0, text.size() - kMaxErrors);
      }
    }
  }
  for (size_t i = 0; i < count; ++i) {
    ClientProgramRun& run = result.runs[i];
    if (pids[i] < 0) {
      run.ending = "not started";
      continue;
    }
    int exec_error = 0;
    if (exec_read[i] >= 0 && read(exec_read[i], &exec_error, sizeof exec_error) == sizeof exec_error)
      run.not_found = true;
    int status = 0;
    while (waitpid(pids[i], &status, 0) < 0 && errno == EINTR) {
    }
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.ending = run.not_found ? std::string("could not be started: ") + std::strerror(exec_error) : Ending(status);
    if (run.not_found) run.exit_code = -1;
    std::string text = errors[i].size() > kMaxErrors ? errors[i].substr(errors[i].size() - kMaxErrors) : errors[i];
    run.errors = Trimmed(text);
  }
  CloseAll(exec_read);
  if (!started.ok()) return started;
  return result;
}

}  // namespace quai
