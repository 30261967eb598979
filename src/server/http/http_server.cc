#include "server/http/http_server.h"
#include "core/log.h"

#include <sys/resource.h>

#include <utility>  // before Asio: its awaitable.hpp uses std::exchange
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <limits>
#include <map>

#include "core/no_space.h"
#include "core/match_text.h"
#include "server/http/multipart_reader.h"

namespace quai::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using RequestParser = http::request_parser<http::buffer_body>;

constexpr size_t kReadChunk = 64 << 10;
constexpr auto kTlsHandshakeTime = std::chrono::seconds(10);
constexpr auto kWriteBaseTime = std::chrono::seconds(30);
constexpr int64_t kMinWriteBytesPerSecond = 16 << 10;

// A connection as the accept loop sees it, for the caps and for eviction.
struct Connection {
  std::string client;   // the key the caps count by (IPv6: its /64)
  std::string address;  // the peer's own address
  bool awaiting_request = true;  // no request in progress: may be closed to make room
  Clock::time_point since = Clock::now();
  std::function<void()> close;
};

// Whom a connection counts against: its IPv4 address, or its IPv6 /64 (one
// site's or one attacker's whole prefix).
std::string ClientKey(const asio::ip::address& address) {
  if (address.is_v6() && !address.to_v6().is_v4_mapped()) {
    auto bytes = address.to_v6().to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return asio::ip::address_v6(bytes).to_string() + "/64";
  }
  if (address.is_v6()) return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
  return address.to_string();
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpApplication* application, HttpLimits limits)
      : application_(application),
        limits_(limits),
        pool_(static_cast<size_t>(std::max(1, limits.handler_threads))),
        admission_pool_(static_cast<size_t>(std::max(1, limits.admission_threads))),
        heavy_pool_(static_cast<size_t>(std::max(1, limits.heavy_threads))),
        acceptor_(io_) {}
  ~Impl() {
    destroying_ = true;
    JoinPools();
  }

  Status Listen(const std::string& host, int port, const std::string& certificate, const std::string& key);
  void Run();
  void Stop(std::chrono::milliseconds drain_time);
  int port() const { return port_; }

 private:
  asio::awaitable<void> Accept();
  asio::awaitable<void> RunConnection(tcp::socket socket, uint64_t id);
  template <typename Stream>
  asio::awaitable<void> ServeRequests(Stream& stream, uint64_t id);
  template <typename Stream>
  asio::awaitable<bool> ReadBody(Stream& stream, beast::flat_buffer& buffer, RequestParser& parser,
                                 const Admission& admission, HttpRequest& request, HttpResponse* failure);
  // Sends one message in pieces under the write deadlines; false when the
  // client could not be written to in time.
  template <typename Stream, typename Message>
  asio::awaitable<bool> Send(Stream& stream, Message& message, uint64_t size);
  // False when the client could not be written to.
  template <typename Stream>
  asio::awaitable<bool> Write(Stream& stream, const HttpRequest* request, HttpResponse response, bool keep_alive);
  // Answers a request whose body will not be read, then reads and drops what
  // the client still sends for a moment (so that it sees the answer rather
  // than a reset), and ends the connection.
  template <typename Stream>
  asio::awaitable<void> Refuse(Stream& stream, const HttpRequest* request, HttpResponse response);
  // Runs fn on `pool` and resumes on the I/O thread with its result.
  template <typename Fn>
  asio::awaitable<std::invoke_result_t<Fn&>> OnPool(asio::thread_pool& pool, Fn fn);
  void JoinPools() {
    pool_.join();
    admission_pool_.join();
    heavy_pool_.join();
  }

  // Makes room for one more connection from `client`; false when none can be made.
  bool MakeRoom(const std::string& client);
  void Forget(uint64_t id);
  // The request's headers checked against the limits; 0 when acceptable.
  int CheckHeaders(const http::request<http::buffer_body>& message, std::string* why) const;
  HttpRequest ToRequest(const http::request<http::buffer_body>& message, const std::string& client) const;

  HttpApplication* application_;
  HttpLimits limits_;
  // The I/O thread's own state (never touched by another thread). Declared
  // before io_ so that connections still pending when io_ is destroyed can
  // forget themselves.
  uint64_t next_id_ = 1;
  std::map<uint64_t, Connection> connections_;
  std::map<std::string, int> per_client_;
  bool stopping_ = false;
  bool destroying_ = false;
  asio::io_context io_{1};
  asio::thread_pool pool_;
  asio::thread_pool admission_pool_;
  asio::thread_pool heavy_pool_;
  tcp::acceptor acceptor_;
  std::optional<ssl::context> tls_;
  int port_ = 0;
  std::optional<asio::steady_timer> drain_timer_;
};

Status HttpServer::Impl::Listen(const std::string& host, int port, const std::string& certificate,
                                const std::string& key) {
  if (!certificate.empty() || !key.empty()) {
    try {
      tls_.emplace(ssl::context::tls_server);
      tls_->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                        ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
      tls_->use_certificate_chain_file(certificate);
      tls_->use_private_key_file(key, ssl::context::pem);
    } catch (const std::exception&) {
      tls_.reset();
      return Status::InvalidArgument("the TLS certificate " + certificate + " and key " + key +
                                     " are not a usable PEM pair");
    }
  }
  // Room for the connection caps: raise the soft descriptor limit to the hard one.
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
    if (files.rlim_cur < files.rlim_max) {
      files.rlim_cur = files.rlim_max;
      setrlimit(RLIMIT_NOFILE, &files);
      getrlimit(RLIMIT_NOFILE, &files);
    }
    if (files.rlim_cur != RLIM_INFINITY && static_cast<int64_t>(files.rlim_cur) < limits_.max_connections + 256)
      limits_.max_connections = std::max<int>(16, static_cast<int>(files.rlim_cur) - 256);
  }
  const std::string where = host + ":" + std::to_string(port);
  boost::system::error_code error;
  tcp::resolver resolver(io_);
  auto endpoints = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, error);
  if (error || endpoints.empty())
    return Status::IoError("cannot listen on " + where + " (not an address of this machine)");
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(limits_.listen_backlog, error);
  if (error) return Status::IoError("cannot listen on " + where + " (" + error.message() + ")");
  port_ = acceptor_.local_endpoint().port();
  return Status::Ok();
}

void HttpServer::Impl::Run() {
  asio::co_spawn(io_, Accept(), asio::detached);
  io_.run();
  JoinPools();
}

void HttpServer::Impl::Stop(std::chrono::milliseconds drain_time) {
  asio::post(io_, [this, drain_time] {
    if (stopping_) return;
    stopping_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    for (auto& [id, connection] : connections_)
      if (connection.awaiting_request && connection.close) connection.close();
    if (connections_.empty()) return io_.stop();
    drain_timer_.emplace(io_, drain_time);
    drain_timer_->async_wait([this](boost::system::error_code) { io_.stop(); });
  });
}

void HttpServer::Impl::Forget(uint64_t id) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  if (--per_client_[it->second.client] <= 0) per_client_.erase(it->second.client);
  connections_.erase(it);
  if (stopping_ && connections_.empty() && !destroying_) io_.stop();
}

bool HttpServer::Impl::MakeRoom(const std::string& client) {
  auto count = per_client_.find(client);
  bool client_full = count != per_client_.end() && count->second >= limits_.max_connections_per_client;
  bool server_full = static_cast<int>(connections_.size()) >= limits_.max_connections;
  if (!client_full && !server_full) return true;
  // The connection waiting longest without a request: this client's when it is at its cap.
  Connection* oldest = nullptr;
  for (auto& [id, connection] : connections_) {
    // A connection whose coroutine has not started yet has no close() to call.
    if (!connection.awaiting_request || !connection.close || (client_full && connection.client != client)) continue;
    if (oldest == nullptr || connection.since < oldest->since) oldest = &connection;
  }
  if (oldest == nullptr) return false;
  oldest->awaiting_request = false;  // closed once
  oldest->close();
  return true;
}

asio::awaitable<void> HttpServer::Impl::Accept() {
  asio::steady_timer pause(io_);
  while (!stopping_) {
    boost::system::error_code error;
    tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, error));
    if (error == asio::error::operation_aborted || stopping_) break;
    if (error) {  // out of descriptors, or the peer left before accept: breathe, then go on
      pause.expires_after(std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, error));
      continue;
    }
    const asio::ip::address peer = socket.remote_endpoint(error).address();
    std::string client = error ? std::string() : ClientKey(peer);
    if (error || !MakeRoom(client)) {
      socket.close(error);
      continue;
    }
    socket.set_option(tcp::no_delay(true), error);
    uint64_t id = next_id_++;
    Connection connection;
    connection.client = client;
    connection.address = peer.is_v6() && peer.to_v6().is_v4_mapped()
                             ? asio::ip::make_address_v4(asio::ip::v4_mapped, peer.to_v6()).to_string()
                             : peer.to_string();
    connections_[id] = std::move(connection);
    ++per_client_[client];
    asio::co_spawn(io_, RunConnection(std::move(socket), id), asio::detached);
  }
}

asio::awaitable<void> HttpServer::Impl::RunConnection(tcp::socket socket, uint64_t id) {
  // The stream is declared first so that it outlives the entry whose close() points to it.
  beast::tcp_stream stream(std::move(socket));
  struct Forgetter {
    Impl* server;
    uint64_t id;
    ~Forgetter() { server->Forget(id); }
  } forget{this, id};
  connections_[id].close = [&stream] { stream.socket().close(); };
  try {
    if (!tls_) {
      co_await ServeRequests(stream, id);
      boost::system::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> secure(std::move(stream), *tls_);
    connections_[id].close = [&secure] { beast::get_lowest_layer(secure).socket().close(); };
    beast::get_lowest_layer(secure).expires_after(kTlsHandshakeTime);
    boost::system::error_code error;
    co_await secure.async_handshake(ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, error));
    if (error) co_return;
    co_await ServeRequests(secure, id);
    beast::get_lowest_layer(secure).expires_after(std::chrono::seconds(2));
    co_await secure.async_shutdown(asio::redirect_error(asio::use_awaitable, error));
  } catch (const std::exception& e) {
    Logf(LogLevel::kError, {}, "quai serve: a connection failed: %s\n", e.what());
  }
}

template <typename Fn>
asio::awaitable<std::invoke_result_t<Fn&>> HttpServer::Impl::OnPool(asio::thread_pool& pool, Fn fn) {
  using Value = std::invoke_result_t<Fn&>;
  std::optional<Value> value;
  std::exception_ptr failure;
  co_await asio::async_initiate<const asio::use_awaitable_t<>&, void()>(
      [&](auto handler) {
        asio::post(pool, [&, handler = std::move(handler)]() mutable {
          try {
            value.emplace(fn());
          } catch (...) {
            failure = std::current_exception();
          }
          auto executor = asio::get_associated_executor(handler);
          asio::post(executor, std::move(handler));
        });
      },
      asio::use_awaitable);
  if (failure) std::rethrow_exception(failure);
  co_return std::move(*value);
}

int HttpServer::Impl::CheckHeaders(const http::request<http::buffer_body>& message, std::string* why) const {
  if (message.target().size() > limits_.max_target_bytes) {
    *why = "the request target is over " + std::to_string(limits_.max_target_bytes) + " bytes";
    return 414;
  }
  int fields = 0;
  int transfer_encodings = 0;
  for (const auto& field : message) {
    ++fields;
    std::string value = TrimSpaces(std::string_view(field.value().data(), field.value().size()));
    if (field.name() == http::field::content_encoding && !HeaderNameEquals(value, "identity")) {
      *why = "compressed request bodies (Content-Encoding) are not accepted";
      return 415;
    }
    if (field.name() == http::field::transfer_encoding && (++transfer_encodings > 1 || !HeaderNameEquals(value, "chunked"))) {
      *why = "only the chunked Transfer-Encoding is accepted";
      return 501;
    }
  }
  if (fields > limits_.max_header_fields) {
    *why = "more than " + std::to_string(limits_.max_header_fields) + " header fields";
    return 431;
  }
  return 0;
}

HttpRequest HttpServer::Impl::ToRequest(const http::request<http::buffer_body>& message,
                                        const std::string& client) const {
  HttpRequest request;
  request.method = std::string(message.method_string());
  std::string_view target(message.target().data(), message.target().size());
  size_t question = target.find('?');
  if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
  if (!PercentDecode(target.substr(0, question), false, &request.path)) request.path.clear();
  for (const auto& field : message)
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  request.client_address = client;
  return request;
}

template <typename Stream, typename Message>
asio::awaitable<bool> HttpServer::Impl::Send(Stream& stream, Message& message, uint64_t size) {
  // In pieces, each of which must leave within the idle time, and all within
  // a deadline set by the minimum rate: a client that stops reading frees its
  // answer soon.
  const auto deadline =
      Clock::now() + kWriteBaseTime + std::chrono::seconds(static_cast<int64_t>(size) / kMinWriteBytesPerSecond);
  http::serializer<false, typename Message::body_type, typename Message::fields_type> serializer(message);
  while (!serializer.is_done()) {
    auto now = Clock::now();
    if (now >= deadline) co_return false;
    auto wait = std::min<Clock::duration>(limits_.write_idle_timeout, deadline - now);
    beast::get_lowest_layer(stream).expires_after(std::chrono::duration_cast<std::chrono::milliseconds>(wait));
    boost::system::error_code error;
    co_await http::async_write_some(stream, serializer, asio::redirect_error(asio::use_awaitable, error));
    if (error) co_return false;
  }
  co_return true;
}

template <typename Stream>
asio::awaitable<bool> HttpServer::Impl::Write(Stream& stream, const HttpRequest* request, HttpResponse response,
                                              bool keep_alive) {
  http::file_body::value_type file;
  if (!response.file_path.empty()) {
    boost::system::error_code error;
    file.open(response.file_path.c_str(), beast::file_mode::scan, error);
    if (error) {
      Logf(LogLevel::kError, {}, "quai serve: cannot open %s to send it: %s\n", response.file_path.c_str(),
                   error.message().c_str());
      response = application_->ErrorResponse(500, "the server failed on this request; see its log");
    }
  }
  application_->Finish(request, response);
  const auto status = static_cast<http::status>(response.status);
  const uint64_t size = file.is_open() ? file.size() : response.body.size();
  if (request != nullptr && request->method == "HEAD") {
    // The answer a GET would get, without its body.
    http::response<http::empty_body> head{status, 11};
    for (auto& [name, value] : response.headers) head.insert(name, value);
    head.content_length(size);
    head.keep_alive(keep_alive);
    co_return co_await Send(stream, head, 0);
  }
  if (file.is_open()) {
    http::response<http::file_body> message{status, 11};
    for (auto& [name, value] : response.headers) message.insert(name, value);
    message.body() = std::move(file);
    message.keep_alive(keep_alive);
    message.prepare_payload();
    co_return co_await Send(stream, message, size);
  }
  http::response<http::string_body> message{status, 11};
  for (auto& [name, value] : response.headers) message.insert(name, value);
  message.body() = std::move(response.body);
  message.keep_alive(keep_alive);
  message.prepare_payload();
  co_return co_await Send(stream, message, size);
}

template <typename Stream>
asio::awaitable<void> HttpServer::Impl::Refuse(Stream& stream, const HttpRequest* request, HttpResponse response) {
  if (!co_await Write(stream, request, std::move(response), false)) co_return;
  // Time bounds the drain; bytes only so that a fast client cannot make it a
  // bandwidth sink (clients that send a whole body before reading, as many do
  // without Expect: 100-continue, see the answer instead of a broken pipe).
  constexpr int64_t kMaxDrained = 128LL << 20;
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(2));
  auto scratch = std::make_unique<char[]>(kReadChunk);
  int64_t drained = 0;
  while (drained < kMaxDrained) {
    boost::system::error_code error;
    size_t got = co_await stream.async_read_some(asio::buffer(scratch.get(), kReadChunk),
                                                 asio::redirect_error(asio::use_awaitable, error));
    if (error) break;
    drained += static_cast<int64_t>(got);
  }
}

template <typename Stream>
asio::awaitable<bool> HttpServer::Impl::ReadBody(Stream& stream, beast::flat_buffer& buffer, RequestParser& parser,
                                                 const Admission& admission, HttpRequest& request,
                                                 HttpResponse* failure) {
  const int64_t limit = admission.max_body_bytes;
  const int64_t declared = request.ContentLength();
  if (declared > limit) {
    *failure = application_->ErrorResponse(413, "the request body is over the limit of " + std::to_string(limit) +
                                                    " bytes");
    co_return false;
  }
  std::unique_ptr<MultipartReader> form;
  if (admission.body == Admission::Body::kFormFilesOnDisk) {
    std::string boundary = MultipartReader::BoundaryOf(request.Header("Content-Type"));
    if (boundary.empty()) {
      *failure = application_->ErrorResponse(400, "the multipart form has no boundary");
      co_return false;
    }
    form = std::make_unique<MultipartReader>(boundary, admission.upload_folder);
  }
  if (HeaderNameEquals(request.Header("Expect"), "100-continue")) {
    http::response<http::empty_body> proceed{http::status::continue_, 11};
    beast::get_lowest_layer(stream).expires_after(kWriteBaseTime);
    boost::system::error_code error;
    co_await http::async_write(stream, proceed, asio::redirect_error(asio::use_awaitable, error));
    if (error) co_return false;
  }
  parser.body_limit(static_cast<uint64_t>(limit));
  const int64_t expected = declared >= 0 ? declared : limit;
  const auto deadline =
      Clock::now() + limits_.body_base_time + std::chrono::seconds(expected / limits_.min_body_bytes_per_second);
  auto chunk = std::make_unique<char[]>(kReadChunk);
  int64_t received = 0;
  while (!parser.is_done()) {
    auto now = Clock::now();
    if (now >= deadline) {
      *failure = application_->ErrorResponse(408, "the request body came too slowly");
      co_return false;
    }
    auto wait = std::min<Clock::duration>(limits_.body_idle_timeout, deadline - now);
    beast::get_lowest_layer(stream).expires_after(std::chrono::duration_cast<std::chrono::milliseconds>(wait));
    parser.get().body().data = chunk.get();
    parser.get().body().size = kReadChunk;
    boost::system::error_code error;
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, error));
    if (error == http::error::need_buffer) error = {};
    if (error == http::error::body_limit) {
      *failure = application_->ErrorResponse(413, "the request body is over the limit of " + std::to_string(limit) +
                                                      " bytes");
      co_return false;
    }
    if (error) co_return false;  // the client left, or was too slow (the socket is closed)  // the client left: nothing to answer
    const size_t got = kReadChunk - parser.get().body().size;
    received += static_cast<int64_t>(got);
    if (received > limit) {
      *failure = application_->ErrorResponse(413, "the request body is over the limit of " + std::to_string(limit) +
                                                      " bytes");
      co_return false;
    }
    if (form) {
      Status fed = form->Feed(std::string_view(chunk.get(), got));
      if (!fed.ok()) {
        *failure = application_->ErrorResponse(
            IsNoSpace(fed) ? 507 : fed.code() == StatusCode::kIoError ? 500 : 400, fed.message());
        co_return false;
      }
    } else {
      request.body.append(chunk.get(), got);
    }
  }
  if (form) {
    Status finished = form->Finish();
    if (!finished.ok()) {
      *failure = application_->ErrorResponse(400, finished.message());
      co_return false;
    }
    request.uploads = form->TakeUploads();
  }
  co_return true;
}

template <typename Stream>
asio::awaitable<void> HttpServer::Impl::ServeRequests(Stream& stream, uint64_t id) {
  beast::flat_buffer buffer(limits_.max_header_bytes + kReadChunk);
  const std::string client = connections_[id].address;
  while (!stopping_) {
    connections_[id].awaiting_request = true;
    connections_[id].since = Clock::now();
    RequestParser parser;
    parser.header_limit(static_cast<uint32_t>(limits_.max_header_bytes));
    // The route's limit is set once the request is admitted. (Not boost::none:
    // Boost 1.74 compares a Content-Length with an empty limit as exceeding it.)
    parser.body_limit(std::numeric_limits<uint64_t>::max());
    beast::get_lowest_layer(stream).expires_after(limits_.header_timeout);
    boost::system::error_code error;
    co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, error));
    if (error) {
      // The client left, or was idle or slow past the deadline (Beast closes
      // the socket on a timeout: there is no one left to answer).
      if (buffer.size() == 0 || error == http::error::end_of_stream || error == asio::error::operation_aborted ||
          error == asio::error::connection_reset || error == asio::error::eof || error == beast::error::timeout)
        co_return;
      int status = error == http::error::header_limit || error == http::error::buffer_overflow ? 431 : 400;
      const char* why =
          status == 431 ? "the request headers are over the limit" : "the request could not be read as HTTP/1.1";
      co_await Refuse(stream, nullptr, application_->ErrorResponse(status, why));
      co_return;
    }
    connections_[id].awaiting_request = false;
    std::string why;
    if (int status = CheckHeaders(parser.get(), &why); status != 0) {
      co_await Refuse(stream, nullptr, application_->ErrorResponse(status, why));
      co_return;
    }
    HttpRequest request = ToRequest(parser.get(), client);
    Admission admission = co_await OnPool(admission_pool_, [this, &request] { return application_->Admit(request); });
    request.route = admission.route;
    if (admission.refusal) {
      if (parser.is_done())
        co_await Write(stream, &request, std::move(*admission.refusal), false);
      else
        co_await Refuse(stream, &request, std::move(*admission.refusal));
      co_return;
    }
    if (!parser.is_done()) {
      // A stranger's body may be dropped to make room for someone else.
      connections_[id].awaiting_request = admission.evictable_while_reading;
      connections_[id].since = Clock::now();
      HttpResponse failure;
      failure.status = 0;  // stays 0 when the client left: nothing to answer
      bool read = co_await ReadBody(stream, buffer, parser, admission, request, &failure);
      connections_[id].awaiting_request = false;
      if (!read) {
        if (failure.status != 0) co_await Refuse(stream, &request, std::move(failure));
        co_return;
      }
    }
    const bool keep_alive = parser.get().keep_alive();
    HttpResponse response = co_await OnPool(admission.heavy ? heavy_pool_ : pool_, [this, &request, &admission] {
      HttpResponse answer;
      try {
        admission.handle(request, answer);
      } catch (const std::exception& e) {
        Logf(LogLevel::kError, {}, "quai serve: %s %s failed: %s\n", request.method.c_str(), request.path.c_str(), e.what());
        answer = application_->ErrorResponse(500, "the server failed on this request; see its log");
      }
      request.DeleteUploads();  // before the answer: a client that sees it finds them gone
      return answer;
    });
    if (!co_await Write(stream, &request, std::move(response), keep_alive && !stopping_) || !keep_alive) co_return;
  }
}

HttpServer::HttpServer(HttpApplication* application, HttpLimits limits)
    : impl_(std::make_unique<Impl>(application, limits)) {}
HttpServer::~HttpServer() = default;

Status HttpServer::Listen(const std::string& host, int port, const std::string& tls_certificate,
                          const std::string& tls_key) {
  return impl_->Listen(host, port, tls_certificate, tls_key);
}
int HttpServer::port() const { return impl_->port(); }
void HttpServer::Run() { impl_->Run(); }
void HttpServer::Stop(std::chrono::milliseconds drain_time) { impl_->Stop(drain_time); }

}  // namespace quai::server
