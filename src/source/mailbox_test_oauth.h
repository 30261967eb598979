// TestOAuthProvider: a small real HTTP/1.1 server on 127.0.0.1 playing the
// identity provider of a mailbox that logs in with XOAUTH2, for tests against
// a real Dovecot (mailbox_test_dovecot.h, its oauth2 passdb):
//   POST /token       grant_type=refresh_token&refresh_token=...: a new access
//                     token with expires_in, or 400 invalid_grant for any other
//                     refresh token; counted. With rotate_refresh_tokens(), each
//                     answer carries a new refresh token and voids the old one.
//   POST /introspect  token=... (RFC 7662, Dovecot's introspection_mode = post):
//                     {"active": true, "username": USER} for the access token
//                     issued last and not revoked, {"active": false} otherwise;
//                     counted.
// One thread accepts and answers one request per connection (Connection:
// close), reading with a 5 s timeout. Test-only helper.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

namespace quai {

class TestOAuthProvider {
 public:
  TestOAuthProvider(std::string refresh_token, std::string username, int expires_in)
      : refresh_token_(std::move(refresh_token)), username_(std::move(username)), expires_in_(expires_in) {}
  ~TestOAuthProvider() { Stop(); }

  // "" or why it could not listen.
  std::string Start() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    if (listen_fd_ < 0) return "socket failed";
    int on = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) return "bind failed";
    if (listen(listen_fd_, 16) != 0) return "listen failed";
    socklen_t length = sizeof(address);
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
    return "";
  }

  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (listen_fd_ >= 0) close(listen_fd_);
    listen_fd_ = -1;
  }

  std::string TokenUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/token"; }
  std::string IntrospectionUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/introspect"; }

  void rotate_refresh_tokens() { rotate_ = true; }
  // The account the introspection names (another than the mailbox's user: Dovecot refuses).
  void set_username(const std::string& username) {
    std::lock_guard<std::mutex> lock(mutex_);
    username_ = username;
  }
  int token_calls() const { return token_calls_.load(); }
  int refused_refreshes() const { return refused_refreshes_.load(); }
  int introspections() const { return introspections_.load(); }
  int inactive_answers() const { return inactive_answers_.load(); }
  // The access token issued last is no longer active (the user's sessions were revoked).
  void Revoke() {
    std::lock_guard<std::mutex> lock(mutex_);
    current_.clear();
  }
  std::string current_token() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return current_;
  }

 private:
  // Decodes application/x-www-form-urlencoded `key` from `form` ("" when absent).
  static std::string FormValue(const std::string& form, const std::string& key) {
    std::size_t at = 0;
    while (at <= form.size()) {
      std::size_t end = form.find('&', at);
      if (end == std::string::npos) end = form.size();
      std::string pair = form.substr(at, end - at);
      if (pair.rfind(key + "=", 0) == 0) {
        std::string raw = pair.substr(key.size() + 1), value;
        for (std::size_t i = 0; i < raw.size(); ++i) {
          if (raw[i] == '+') {
            value += ' ';
          } else if (raw[i] == '%' && i + 2 < raw.size()) {
            value += static_cast<char>(std::strtol(raw.substr(i + 1, 2).c_str(), nullptr, 16));
            i += 2;
          } else {
            value += raw[i];
          }
        }
        return value;
      }
      at = end + 1;
    }
    return "";
  }

  void Serve() {
    while (!stop_) {
      pollfd waiting{listen_fd_, POLLIN, 0};
      if (poll(&waiting, 1, 100) <= 0) continue;
      int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      timeval timeout{5, 0};
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
      Answer(fd);
      close(fd);
    }
  }

  void Answer(int fd) {
    std::string request;
    char buffer[4096];
    std::size_t header_end = std::string::npos;
    std::size_t content_length = 0;
    while (true) {
      if (header_end == std::string::npos) {
        header_end = request.find("\r\n\r\n");
        if (header_end != std::string::npos) {
          std::string lower;
          for (char c : request.substr(0, header_end)) lower += static_cast<char>(std::tolower(c));
          std::size_t at = lower.find("\r\ncontent-length:");
          if (at != std::string::npos) content_length = std::strtoul(lower.c_str() + at + 17, nullptr, 10);
        }
      }
      if (header_end != std::string::npos && request.size() >= header_end + 4 + content_length) break;
      ssize_t got = recv(fd, buffer, sizeof(buffer), 0);
      if (got <= 0) return;
      request.append(buffer, static_cast<std::size_t>(got));
      if (request.size() > (1u << 20)) return;
    }
    std::string line = request.substr(0, request.find("\r\n"));
    std::string body = request.substr(header_end + 4, content_length);
    int status = 200;
    std::string json;
    if (line.rfind("POST /token ", 0) == 0) {
      ++token_calls_;
      std::lock_guard<std::mutex> lock(mutex_);
      if (FormValue(body, "grant_type") != "refresh_token" || FormValue(body, "refresh_token") != refresh_token_) {
        ++refused_refreshes_;
        status = 400;
        json = R"({"error": "invalid_grant", "error_description": "the refresh token is not known"})";
      } else {
        current_ = "at-" + std::to_string(token_calls_.load()) + "-" + std::to_string(std::rand());
        json = R"({"access_token": ")" + current_ + R"(", "token_type": "Bearer", "expires_in": )" +
               std::to_string(expires_in_);
        if (rotate_) {
          refresh_token_ = "rt-rotated-" + std::to_string(token_calls_.load());
          json += R"(, "refresh_token": ")" + refresh_token_ + "\"";
        }
        json += "}";
      }
    } else if (line.rfind("POST /introspect ", 0) == 0) {
      ++introspections_;
      std::string token = FormValue(body, "token");
      std::lock_guard<std::mutex> lock(mutex_);
      if (!current_.empty() && token == current_) {
        json = R"({"active": true, "username": ")" + username_ + R"(", "scope": "mail"})";
      } else {
        ++inactive_answers_;
        json = R"({"active": false})";
      }
    } else {
      status = 404;
      json = R"({"error": "not_found"})";
    }
    std::string response = "HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : " Error") +
                           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(json.size()) +
                           "\r\nConnection: close\r\n\r\n" + json;
    send(fd, response.data(), response.size(), MSG_NOSIGNAL);
  }

  std::string refresh_token_, username_;
  int expires_in_;
  std::atomic<bool> rotate_{false};
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mutex_;
  std::string current_;
  std::atomic<int> token_calls_{0}, refused_refreshes_{0}, introspections_{0}, inactive_answers_{0};
};

}  // namespace quai
