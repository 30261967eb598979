// HttpServer against raw sockets: what a hostile or slow client can and cannot
// make the server do. The application here is a small one written for the
// test; the whole API runs on the same transport in tests/api.
#include "server/http/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

namespace quai::server {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// POST /echo (bearer "good", body ≤ 1 KiB) answers the body; POST /upload
// (multipart, ≤ 1 MiB) lists the files; GET /hello answers "hello".
class TestApplication : public HttpApplication {
 public:
  explicit TestApplication(std::string folder) : folder_(std::move(folder)) {}

  Admission Admit(const HttpRequest& request) override {
    Admission admission;
    if (request.path == "/hello") {
      admission.handle = [](HttpRequest&, HttpResponse& response) { response.SetContent("hello", "text/plain"); };
      return admission;
    }
    if (request.path == "/file") {  // a stored original, streamed from disk
      admission.handle = [this](HttpRequest&, HttpResponse& response) {
        response.SetFile(folder_ + "/original.bin", "application/octet-stream");
      };
      return admission;
    }
    if (request.path == "/public") {  // a login: anyone may post to it
      admission.max_body_bytes = 1024;
      admission.evictable_while_reading = true;
      admission.handle = [](HttpRequest&, HttpResponse& response) { response.SetContent("in", "text/plain"); };
      return admission;
    }
    if (request.Header("Authorization") != "Bearer good") {
      admission.refusal = ErrorResponse(401, "who are you");
      return admission;
    }
    if (request.path == "/echo") {
      admission.max_body_bytes = 1024;
      admission.handle = [this](HttpRequest& echo, HttpResponse& response) {
        ++handled;
        response.SetContent(echo.body, "text/plain");
      };
      return admission;
    }
    if (request.path == "/upload") {
      admission.body = Admission::Body::kFormFilesOnDisk;
      admission.upload_folder = folder_;
      admission.max_body_bytes = 1 << 20;
      admission.handle = [this](HttpRequest& upload, HttpResponse& response) {
        ++handled;
        std::string listing;
        for (const UploadedFile& file : upload.uploads) {
          listing += file.file_name + "=" + std::to_string(file.size) + ";";
          last_upload_paths.push_back(file.path);
          EXPECT_TRUE(fs::exists(file.path));
        }
        response.SetContent(listing, "text/plain");
      };
      return admission;
    }
    admission.refusal = ErrorResponse(404, "none");
    return admission;
  }
  HttpResponse ErrorResponse(int http_status, const std::string& message) override {
    HttpResponse response;
    response.status = http_status;
    response.SetContent("error: " + message, "text/plain");
    return response;
  }
  void Finish(const HttpRequest*, HttpResponse& response) override { response.SetHeader("X-Test", "1"); }

  std::atomic<int> handled{0};
  std::vector<std::string> last_upload_paths;

 private:
  std::string folder_;
};

// A raw client connection with timeouts.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }
  // False once the server has closed or reset the connection.
  bool Send(const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
      ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }
  // Everything the server sends until it closes, or until `timeout` passes.
  std::string ReadUntilClosed(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    std::string received;
    auto deadline = Clock::now() + timeout;
    char buffer[4096];
    while (Clock::now() < deadline) {
      pollfd wait{fd_, POLLIN, 0};
      int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
      if (::poll(&wait, 1, std::max(left, 1)) <= 0) break;
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      received.append(buffer, static_cast<size_t>(n));
    }
    return received;
  }
  // One response with a Content-Length body (enough for these tests).
  std::string ReadResponse(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    std::string received;
    auto deadline = Clock::now() + timeout;
    char buffer[4096];
    while (Clock::now() < deadline) {
      size_t end = received.find("\r\n\r\n");
      if (end != std::string::npos) {
        size_t length_at = received.find("Content-Length: ");
        size_t length = length_at == std::string::npos ? 0 : std::stoul(received.substr(length_at + 16));
        if (received.size() >= end + 4 + length) return received;
      }
      pollfd wait{fd_, POLLIN, 0};
      if (::poll(&wait, 1, 100) <= 0) continue;
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      received.append(buffer, static_cast<size_t>(n));
    }
    return received;
  }
  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

int StatusOf(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
  return std::stoi(response.substr(9, 3));
}

class HttpServerTest : public ::testing::Test {
 protected:
  void Start(HttpLimits limits = {}) {
    folder_ = (fs::temp_directory_path() / ("quai-http-" + std::to_string(::getpid()))).string();
    fs::create_directories(folder_);
    application_ = std::make_unique<TestApplication>(folder_);
    limits.handler_threads = 2;
    server_ = std::make_unique<HttpServer>(application_.get(), limits);
    ASSERT_TRUE(server_->Listen("127.0.0.1", 0, "", "").ok());
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (server_) server_->Stop(std::chrono::milliseconds(2000));
    if (thread_.joinable()) thread_.join();
    fs::remove_all(folder_);
  }
  int port() const { return server_->port(); }
  std::string Hello() {
    RawClient client(port());
    client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    return client.ReadResponse();
  }

  std::string folder_;
  std::unique_ptr<TestApplication> application_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

TEST_F(HttpServerTest, AnswersSeveralRequestsOnOneKeptAliveConnection) {
  Start();
  RawClient client(port());
  ASSERT_TRUE(client.connected());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\nContent-Length: 5\r\n\r\nab" +
                            std::to_string(100 + i)));
    std::string response = client.ReadResponse();
    EXPECT_EQ(StatusOf(response), 200) << response;
    EXPECT_NE(response.find("X-Test: 1"), std::string::npos);
    EXPECT_NE(response.find("ab" + std::to_string(100 + i)), std::string::npos);
  }
  EXPECT_EQ(application_->handled, 3);
}

TEST_F(HttpServerTest, ReadsAChunkedBodyWithinItsLimit) {
  Start();
  RawClient client(port());
  client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\nTransfer-Encoding: chunked\r\n\r\n"
              "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n");
  std::string response = client.ReadResponse();
  EXPECT_EQ(StatusOf(response), 200) << response;
  EXPECT_NE(response.find("abcdefg"), std::string::npos);
}

TEST_F(HttpServerTest, RefusesAStrangerFromTheHeadersAloneWithoutWaitingForTheBody) {
  Start();
  RawClient client(port());
  auto start = Clock::now();
  client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n");
  std::string response = client.ReadResponse();
  EXPECT_EQ(StatusOf(response), 401) << response;
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000)) << "the answer waited for the body";
  client.ReadUntilClosed();
  EXPECT_TRUE(client.closed());
  EXPECT_EQ(application_->handled, 0);
}

TEST_F(HttpServerTest, ADeclaredBodyOverTheLimitGets413AtOnce) {
  Start();
  RawClient client(port());
  auto start = Clock::now();
  client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\nContent-Length: 10000000000\r\n\r\n");
  std::string response = client.ReadResponse();
  EXPECT_EQ(StatusOf(response), 413) << response;
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000));
  EXPECT_EQ(application_->handled, 0);
}

TEST_F(HttpServerTest, AChunkedBodyOverTheLimitIsCutOffWith413) {
  Start();
  RawClient client(port());
  client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\nTransfer-Encoding: chunked\r\n\r\n");
  bool still_open = true;
  for (int i = 0; i < 64 && still_open; ++i) still_open = client.Send("400\r\n" + std::string(1024, 'z') + "\r\n");
  std::string response = client.ReadUntilClosed();
  EXPECT_EQ(StatusOf(response), 413) << response;
  EXPECT_EQ(application_->handled, 0);
}

TEST_F(HttpServerTest, CompressedBodiesAndUnknownTransferEncodingsAreRefused) {
  Start();
  {
    RawClient client(port());
    client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\nContent-Encoding: gzip\r\n"
                "Content-Length: 10\r\n\r\n0123456789");
    EXPECT_EQ(StatusOf(client.ReadUntilClosed()), 415);
  }
  {
    RawClient client(port());
    client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
    EXPECT_EQ(StatusOf(client.ReadUntilClosed()), 501);
  }
  EXPECT_EQ(application_->handled, 0);
}

TEST_F(HttpServerTest, HeadersOverTheLimitsGet431) {
  Start();
  {
    RawClient client(port());
    client.Send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(40 << 10, 'a') + "\r\n\r\n");
    EXPECT_EQ(StatusOf(client.ReadUntilClosed()), 431);
  }
  {
    RawClient client(port());
    std::string headers;
    for (int i = 0; i < 150; ++i) headers += "X-H" + std::to_string(i) + ": v\r\n";
    client.Send("GET /hello HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");
    EXPECT_EQ(StatusOf(client.ReadUntilClosed()), 431);
  }
  {
    RawClient client(port());
    client.Send("GET /" + std::string(10 << 10, 'p') + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(StatusOf(client.ReadUntilClosed()), 414);
  }
}

TEST_F(HttpServerTest, AHeaderThatComesTooSlowlyEndsTheConnection) {
  HttpLimits limits;
  limits.header_timeout = std::chrono::milliseconds(300);
  Start(limits);
  RawClient client(port());
  auto start = Clock::now();
  client.Send("GET /hello HTTP/1.1\r\nHo");
  client.ReadUntilClosed(std::chrono::milliseconds(5000));
  EXPECT_TRUE(client.closed());
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(3500));
}

TEST_F(HttpServerTest, IdleAndSlowConnectionsCannotLockOutARequest) {
  HttpLimits limits;
  limits.max_connections_per_client = 20;
  Start(limits);
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 60; ++i) {
    idle.push_back(std::make_unique<RawClient>(port()));
    if (i % 2 == 0) idle.back()->Send("GET /hello HTTP/1.1\r\nX-Slow: ");  // and never more
  }
  auto start = Clock::now();
  std::string response = Hello();
  EXPECT_EQ(StatusOf(response), 200) << response;
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000));
}

TEST_F(HttpServerTest, StrangersStallingInTheirBodyCannotLockOutARequest) {
  HttpLimits limits;
  limits.max_connections_per_client = 4;
  Start(limits);
  std::vector<std::unique_ptr<RawClient>> stalled;
  for (int i = 0; i < 8; ++i) {
    stalled.push_back(std::make_unique<RawClient>(port()));
    stalled.back()->Send("POST /public HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nab");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto start = Clock::now();
  std::string response = Hello();
  EXPECT_EQ(StatusOf(response), 200) << response;
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000));
}

TEST_F(HttpServerTest, AFileAnswerIsSentFromDiskWholeAndHeadGivesItsLength) {
  Start();
  std::string original(700000, '\0');
  for (size_t i = 0; i < original.size(); ++i) original[i] = static_cast<char>(i * 7919 % 251);
  std::ofstream(folder_ + "/original.bin", std::ios::binary) << original;
  RawClient client(port());
  client.Send("GET /file HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string response = client.ReadResponse();
  ASSERT_EQ(StatusOf(response), 200) << response.substr(0, 200);
  EXPECT_NE(response.find("Content-Length: 700000"), std::string::npos);
  EXPECT_EQ(response.substr(response.find("\r\n\r\n") + 4), original);
  client.Send("HEAD /file HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string head = client.ReadUntilClosed();
  EXPECT_NE(head.find("Content-Length: 700000"), std::string::npos) << head;
  EXPECT_LT(head.size(), 1000u) << "HEAD sent the file";
}

TEST_F(HttpServerTest, HeadAnswersAsGetWithoutTheBody) {
  Start();
  RawClient client(port());
  client.Send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string both = client.ReadUntilClosed();
  ASSERT_EQ(StatusOf(both), 200) << both;
  size_t second = both.find("HTTP/1.1 200", 1);
  ASSERT_NE(second, std::string::npos) << both;
  std::string head = both.substr(0, second);
  EXPECT_NE(head.find("Content-Length: 5"), std::string::npos) << head;
  EXPECT_EQ(head.find("hello"), std::string::npos) << "HEAD sent a body: " << head;
  EXPECT_NE(both.substr(second).find("hello"), std::string::npos);
}

TEST_F(HttpServerTest, StopWhileClientsConnectNeverFails) {
  for (int round = 0; round < 20; ++round) {
    Start();
    std::atomic<bool> go{true};
    std::thread flood([&] {
      std::vector<std::unique_ptr<RawClient>> clients;
      while (go && clients.size() < 200) clients.push_back(std::make_unique<RawClient>(port()));
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(round % 5));
    server_->Stop(std::chrono::milliseconds(500));
    thread_.join();
    go = false;
    flood.join();
    server_.reset();
  }
}

TEST_F(HttpServerTest, AnUploadIsStreamedToDiskAndItsFilesRemovedAfterTheAnswer) {
  Start();
  std::string first(300000, 'A');
  std::string body = "--b0und\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n" + first +
                     "\r\n--b0und\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.png\"\r\n\r\nPNG" +
                     "\r\n--b0und--\r\n";
  RawClient client(port());
  client.Send("POST /upload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer good\r\n"
              "Content-Type: multipart/form-data; boundary=b0und\r\nContent-Length: " +
              std::to_string(body.size()) + "\r\n\r\n");
  for (size_t at = 0; at < body.size(); at += 10000) client.Send(body.substr(at, 10000));
  std::string response = client.ReadResponse();
  EXPECT_EQ(StatusOf(response), 200) << response;
  EXPECT_NE(response.find("a.pdf=300000;b.png=3;"), std::string::npos) << response;
  ASSERT_EQ(application_->last_upload_paths.size(), 2u);
  for (const std::string& path : application_->last_upload_paths) EXPECT_FALSE(fs::exists(path)) << path;
}

TEST_F(HttpServerTest, StopEndsRunWithIdleConnectionsOpen) {
  Start();
  RawClient idle(port());
  ASSERT_EQ(StatusOf(Hello()), 200);
  auto start = Clock::now();
  server_->Stop(std::chrono::milliseconds(5000));
  thread_.join();
  server_.reset();
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000));
}

}  // namespace
}  // namespace quai::server
