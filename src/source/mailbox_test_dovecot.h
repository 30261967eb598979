// TestDovecot: a real Dovecot IMAP server for one test, run as a child
// process on 127.0.0.1 and a free port with everything (config, users,
// maildirs, sockets) in a test directory; stopped when the object goes.
// Works as root (CI) and as any other user: as root the login processes run
// as dovenull and the mail as nobody, as Dovecot wants. Test-only helper.
//
// Options: `imaps` adds an imaps listener on a second free port with a
// self-signed certificate for 127.0.0.1 made by the openssl CLI (ssl =
// required; the plain port keeps working because loopback counts as secured);
// `oauth2_introspection_url` adds XOAUTH2/OAUTHBEARER logins checked by
// Dovecot's oauth2 passdb against that RFC 7662 introspection endpoint
// (introspection_mode = post), passwords still checked by the passwd-file.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <grp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace quai {

struct TestDovecotOptions {
  bool imaps = false;
  std::string oauth2_introspection_url;
};

class TestDovecot {
 public:
  static constexpr const char* kBinary = "/usr/sbin/dovecot";
  // Why dovecot cannot run here ("" when it can).
  static std::string Missing() {
    if (access(kBinary, X_OK) != 0) return std::string(kBinary) + " is not installed (apt-get install dovecot-imapd)";
    return "";
  }

  using Options = TestDovecotOptions;

  ~TestDovecot() { Stop(); }

  // Starts dovecot in `directory` with `users` (name, password); "" or why it failed.
  std::string Start(const std::string& directory, const std::vector<std::pair<std::string, std::string>>& users,
                    const Options& options = {}) {
    namespace fs = std::filesystem;
    directory_ = directory + "/dovecot";
    fs::create_directories(directory_ + "/run");
    fs::create_directories(directory_ + "/state");
    fs::create_directories(directory_ + "/mail");
    port_ = FreePort();
    imaps_port_ = 0;
    if (options.imaps) {
      do imaps_port_ = FreePort();
      while (imaps_port_ == port_);
      cert_file_ = directory_ + "/cert.pem";
      std::string key_file = directory_ + "/key.pem";
      std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                            "-addext subjectAltName=IP:127.0.0.1 -keyout '" +
                            key_file + "' -out '" + cert_file_ + "' >'" + directory_ + "/openssl.log' 2>&1";
      if (std::system(command.c_str()) != 0) return "openssl could not make a certificate; see " + directory_ + "/openssl.log";
    }
    std::string mechanisms = "plain login";
    if (!options.oauth2_introspection_url.empty()) {
      mechanisms += " xoauth2 oauthbearer";
      std::ofstream oauth2(directory_ + "/dovecot-oauth2.conf.ext");
      oauth2 << "introspection_mode = post\nintrospection_url = " << options.oauth2_introspection_url
             << "\nusername_attribute = username\nactive_attribute = active\nactive_value = true\n"
             << "timeout_msecs = 5000\n";
    }
    std::string login_user, internal_user, mail_user, mail_group;
    if (geteuid() == 0) {
      login_user = getpwnam("dovenull") != nullptr ? "dovenull" : "nobody";
      internal_user = getpwnam("dovecot") != nullptr ? "dovecot" : "nobody";
      mail_user = "nobody";
      struct passwd* nobody = getpwnam("nobody");
      struct group* group = getgrgid(nobody->pw_gid);
      mail_group = group != nullptr ? group->gr_name : "nogroup";
      // The mail processes run as nobody: they must reach their maildirs.
      for (std::string path = directory_; path.size() > 1; path = fs::path(path).parent_path().string()) {
        if (path == "/tmp" || path.empty()) break;
        chmod(path.c_str(), 0755);
      }
      if (chown((directory_ + "/mail").c_str(), nobody->pw_uid, nobody->pw_gid) != 0) return "chown failed";
    } else {
      struct passwd* me = getpwuid(geteuid());
      struct group* group = getgrgid(getegid());
      login_user = internal_user = mail_user = me->pw_name;
      mail_group = group != nullptr ? group->gr_name : std::to_string(getegid());
    }
    {
      std::ofstream file(directory_ + "/users");
      for (const auto& [name, password] : users) {
        file << name << ":{PLAIN}" << password << "::::" << directory_ << "/mail/" << name << "\n";
      }
    }
    {
      std::ofstream conf(directory_ + "/dovecot.conf");
      conf << "protocols = imap\nlisten = 127.0.0.1\n"
           << "base_dir = " << directory_ << "/run\nstate_dir = " << directory_ << "/state\n"
           << "instance_name = quai-test-" << port_ << "\n"
           << "default_internal_user = " << internal_user << "\ndefault_login_user = " << login_user << "\n"
           << (geteuid() == 0 ? "" : "default_internal_group = " + mail_group + "\n")
           << "first_valid_uid = 0\ndisable_plaintext_auth = no\nauth_mechanisms = " << mechanisms << "\n"
           << (options.imaps ? "ssl = required\nssl_cert = <" + cert_file_ + "\nssl_key = <" + directory_ + "/key.pem\n"
                             : std::string("ssl = no\n"))
           << "login_trusted_networks = 127.0.0.0/8\nmail_location = maildir:~/Maildir\n"
           << "log_path = " << directory_ << "/dovecot.log\n"
           << "passdb {\n  driver = passwd-file\n  mechanisms = plain login\n  args = scheme=PLAIN username_format=%u "
           << directory_ << "/users\n}\n"
           << (options.oauth2_introspection_url.empty()
                   ? std::string()
                   : "passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = " + directory_ +
                         "/dovecot-oauth2.conf.ext\n}\n")
           << "userdb {\n  driver = passwd-file\n  args = username_format=%u " << directory_ << "/users\n"
           << "  default_fields = uid=" << mail_user << " gid=" << mail_group << "\n}\n"
           << "service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n    port = "
           << port_ << "\n  }\n  inet_listener imaps {\n    address = 127.0.0.1\n    port = " << imaps_port_
           << (options.imaps ? "\n    ssl = yes" : "") << "\n  }\n}\n"
           << "service anvil {\n  chroot =\n}\n"
           << "namespace inbox {\n  inbox = yes\n  separator = /\n"
           << "  mailbox Done {\n    auto = create\n  }\n}\n";
    }
    pid_ = fork();
    if (pid_ == 0) {
      std::string conf = directory_ + "/dovecot.conf";
      execl(kBinary, kBinary, "-F", "-c", conf.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    if (pid_ < 0) return "fork failed";
    for (int i = 0; i < 100; ++i) {
      if (Listening(port_) && (imaps_port_ == 0 || Listening(imaps_port_))) return "";
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return "dovecot exited at start; see " + directory_ + "/dovecot.log";
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "dovecot did not listen on port " + std::to_string(port_) + " within 10 s";
  }

  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }

  int port() const { return port_; }
  std::string Url(const std::string& folder = "INBOX") const {
    return "imap://127.0.0.1:" + std::to_string(port_) + "/" + folder;
  }
  // With Options::imaps: the TLS port, its url and the certificate (its own CA).
  int imaps_port() const { return imaps_port_; }
  std::string ImapsUrl(const std::string& folder = "INBOX") const {
    return "imaps://127.0.0.1:" + std::to_string(imaps_port_) + "/" + folder;
  }
  const std::string& cert_file() const { return cert_file_; }
  // Dovecot's log, for a failing test's message.
  std::string Log() const {
    std::ifstream file(directory_ + "/dovecot.log");
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }

 private:
  static int FreePort() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
  }
  static bool Listening(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    close(fd);
    return ok;
  }

  std::string directory_;
  int port_ = 0;
  int imaps_port_ = 0;
  std::string cert_file_;
  pid_t pid_ = -1;
};

}  // namespace quai
