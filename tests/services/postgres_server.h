// PostgresServer: a throwaway PostgreSQL 15 server for one test, started by
// tests/services/postgres.sh in a fresh directory and stopped, with the
// directory removed, when the object goes. Runs as an unprivileged user.
//
// PostgreSQL missing is not a reason to pass: with QUAI_REQUIRE_SERVICES=1 (set
// by scripts/test.sh) a test must fail, otherwise it may skip:
//   if (server.not_installed()) {
//     if (ServicesRequired()) FAIL() << server.problem();
//     GTEST_SKIP() << server.problem();
//   }
//   ASSERT_TRUE(server.running()) << server.problem();
#pragma once

#include <libpq-fe.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "fixtures/test_directory.h"

namespace quai::testing {

inline bool ServicesRequired() {
  const char* required = std::getenv("QUAI_REQUIRE_SERVICES");
  return required != nullptr && std::string(required) == "1";
}

class PostgresServer {
 public:
  PostgresServer() {
    if (!directory_.ok()) {
      problem_ = "no temporary directory for the server";
      return;
    }
    int exit_code = Script("start");
    if (exit_code == 77) {
      not_installed_ = true;
      // problem_: the script's "PostgreSQL 15 is not installed (...)"
      return;
    }
    conninfo_ = Trimmed(ReadFile(directory_.File("conninfo")));
    password_ = ReadFile(directory_.File("password"));
    running_ = exit_code == 0 && !conninfo_.empty();
    if (!running_) problem_ = "tests/services/postgres.sh start failed (" + std::to_string(exit_code) + "): " + problem_;
  }
  ~PostgresServer() { Stop(); }
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  bool running() const { return running_; }
  bool not_installed() const { return not_installed_; }
  const std::string& problem() const { return problem_; }
  // "host=127.0.0.1 port=N dbname=quai_test user=quai_test": the role owns the database.
  const std::string& conninfo() const { return conninfo_; }
  const std::string& password() const { return password_; }
  std::string port() const {
    size_t at = conninfo_.find("port=");
    return at == std::string::npos ? "" : conninfo_.substr(at + 5, conninfo_.find(' ', at) - at - 5);
  }

  // Stops the server (a second call does nothing); false when it would not stop.
  bool Stop() {
    if (!running_) return true;
    running_ = false;
    return Script("stop") == 0;
  }

  // Runs `sql` (several statements allowed) as the database's owner; "" or the error.
  std::string Execute(const std::string& sql) const {
    const char* keywords[] = {"dbname", "password", nullptr};
    const char* values[] = {conninfo_.c_str(), password_.c_str(), nullptr};
    PGconn* connection = PQconnectdbParams(keywords, values, 1);
    std::string error;
    if (PQstatus(connection) != CONNECTION_OK) {
      error = PQerrorMessage(connection);
    } else {
      PGresult* result = PQexec(connection, sql.c_str());
      if (PQresultStatus(result) != PGRES_COMMAND_OK && PQresultStatus(result) != PGRES_TUPLES_OK)
        error = PQresultErrorMessage(result);
      PQclear(result);
    }
    PQfinish(connection);
    return error;
  }

 private:
  int Script(const std::string& command) {
    std::string errors = directory_.path() + ".err";
    std::string line = "bash " QUAI_SOURCE_DIR "/tests/services/postgres.sh " + command + " " + directory_.path() +
                       " >/dev/null 2>" + errors;
    int status = std::system(line.c_str());
    problem_ = Trimmed(ReadFile(errors));
    std::remove(errors.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  static std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static std::string Trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
  }

  TestDirectory directory_;  // removed after ~PostgresServer has stopped the server
  bool running_ = false;
  bool not_installed_ = false;
  std::string problem_;
  std::string conninfo_;
  std::string password_;
};

}  // namespace quai::testing
