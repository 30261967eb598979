// quai serve: the REST API, the web UI and the background readers in one
// process. Uploads are stored before the answer and read by --jobs readers;
// SIGTERM or SIGINT stops accepting, lets the documents being read finish and
// exits 0 (documents still waiting stay `received` and are read on next start).
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "commands.h"
#include "core/clock.h"
#include "core/file_system.h"
#include "extract/extractor.h"
#include "pipeline/model_keeper.h"
#include "pipeline/workspace_internals.h"
#include "quai/workspace.h"
#include "review/accounts.h"
#include "review/review_desk.h"
#include "server/api_server.h"
#include "server/page_image_cache.h"
#include "server/static_files.h"

namespace quai::cli {
namespace {

// "HOST:PORT", "[v6]:PORT" or ":PORT".
bool ParseListen(const std::string& text, std::string* host, int* port) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  std::string port_text = text.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  *port = std::stoi(port_text);
  if (*port > 65535) return false;
  *host = text.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') *host = host->substr(1, host->size() - 2);
  if (host->empty()) *host = "0.0.0.0";
  return true;
}

// One line per document read, on stderr (the server's log).
class ReaderLog final : public IngestObserver {
 public:
  void OnFileDone(const IngestedFile& file, int, int) override {
    switch (file.outcome) {
      case IngestOutcome::kStored:
        std::fprintf(stderr, "quai serve: read #%lld %s: %d page%s%s%s\n", static_cast<long long>(file.document_id),
                     file.path.c_str(), file.pages_from_text_layer + file.pages_from_ocr,
                     file.pages_from_text_layer + file.pages_from_ocr == 1 ? "" : "s",
                     file.document_type.empty() ? "" : ", ", file.document_type.c_str());
        break;
      case IngestOutcome::kDuplicate:
        break;  // read meanwhile by another process
      case IngestOutcome::kRefused:
        std::fprintf(stderr, "quai serve: refused #%lld %s\n", static_cast<long long>(file.document_id),
                     file.error.c_str());
        break;
    }
  }
};

}  // namespace

CommandRunner AddServeCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("serve", "Serve the REST API and the review web UI; read uploads in the background");
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  auto settings = std::make_shared<server::ServerSettings>();
  command->add_option("--listen", *listen, "Address and port (default 127.0.0.1:8080; port 0 picks a free one)");
  command->add_option("--tls-cert", settings->tls_certificate, "PEM certificate: serve HTTPS")->check(CLI::ExistingFile);
  command->add_option("--tls-key", settings->tls_key, "PEM private key of the certificate")->check(CLI::ExistingFile);
  command->add_option("--trusted-proxy", settings->trusted_proxies,
                      "Address of a reverse proxy in front of quai (repeatable): the client's address is then taken "
                      "from the X-Forwarded-For the proxy adds, for login throttling");
  command->add_option("--web", settings->web_dir, "The built web UI (default: web/dist beside the binary or sources)")
      ->check(CLI::ExistingDirectory);
  auto retrain_hours = std::make_shared<double>(24);
  auto retrain_min = std::make_shared<int>(20);
  command->add_option("--retrain-hours", *retrain_hours,
                      "Retrain from the validated documents this often, promoting only better models (default 24; 0: never)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--retrain-min-examples", *retrain_min,
                      "New validated documents needed before a retraining (default 20)")
      ->check(CLI::NonNegativeNumber);
  AddCommonOptions(command, options);
  return [=]() -> int {
    if (!ParseListen(*listen, &settings->host, &settings->port)) {
      std::cerr << "quai: --listen wants HOST:PORT, got " << *listen << "\n";
      return kExitUsage;
    }
    if (settings->tls_certificate.empty() != settings->tls_key.empty()) {
      std::cerr << "quai: give both --tls-cert and --tls-key, or neither\n";
      return kExitUsage;
    }
    // Signals are taken by one watcher thread; every other thread (readers,
    // request threads) inherits the blocked mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);  // a client that goes away is the socket's error, not the process's end

    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) {
      std::cerr << "quai: " << workspace.status().message() << "\n";
      return kExitStorage;
    }
    Workspace& opened = **workspace;
    Accounts accounts(WorkspaceInternals::reviews(opened), SystemClock());
    ReviewDesk desk(WorkspaceInternals::documents(opened), WorkspaceInternals::reviews(opened), SystemClock());
    // A correction is decided again with the thresholds of the models reading now.
    desk.set_calibration_source([&opened]() -> const ExtractorCalibration* {
      const Extractor* extractor = WorkspaceInternals::extractor(opened);
      return extractor != nullptr ? &extractor->calibration() : nullptr;
    });
    server::PageImageCache page_images(&opened, JoinPath(opened.data_dir(), "cache/pages"));

    server::ServerContext context;
    context.workspace = &opened;
    context.accounts = &accounts;
    context.review_desk = &desk;
    context.page_images = &page_images;
    context.settings = *settings;
    context.settings.max_file_bytes = options->limits.max_file_bytes;
    if (context.settings.web_dir.empty()) context.settings.web_dir = server::DefaultWebFolder();
    context.version = QUAI_VERSION;

    server::ApiServer server(&context);
    Status bound = server.Bind();
    if (!bound.ok()) {
      std::cerr << "quai: " << bound.message() << "\n";
      return kExitUsage;
    }
    ReaderLog log;
    Status reading = opened.StartReading(&log);
    if (!reading.ok()) {
      std::cerr << "quai: " << reading.message() << "\n";
      return kExitStorage;
    }
    ModelKeeperOptions keeping;
    keeping.interval = std::chrono::seconds(static_cast<int64_t>(*retrain_hours * 3600));
    keeping.min_new_examples = *retrain_min;
    ModelKeeper keeper(&opened, keeping);
    keeper.Start();
    std::thread watcher([&] {
      int received = 0;
      sigwait(&stop_signals, &received);
      std::fprintf(stderr, "quai serve: %s received, stopping\n", received == SIGINT ? "SIGINT" : "SIGTERM");
      server.Stop();
    });
    std::printf("quai serve: listening on %s://%s:%d/ (data %s, %d readers, web UI %s)\n",
                context.settings.tls() ? "https" : "http", settings->host.c_str(), server.port(),
                opened.data_dir().c_str(), options->jobs > 0 ? options->jobs : static_cast<int>(std::thread::hardware_concurrency()),
                context.settings.web_dir.empty() ? "not built" : context.settings.web_dir.c_str());
    std::fflush(stdout);

    Status served = server.Serve();
    server.Stop();
    pthread_kill(watcher.native_handle(), SIGTERM);  // wakes the watcher if the server stopped by itself
    watcher.join();
    auto counts = opened.reading_counts();
    std::fprintf(stderr, "quai serve: finishing %d document(s) being read; %d waiting stay received\n",
                 counts.processing, counts.waiting);
    keeper.Stop();
    opened.StopReading();
    std::fprintf(stderr, "quai serve: stopped\n");
    if (!served.ok()) {
      std::cerr << "quai: " << served.message() << "\n";
      return kExitStorage;
    }
    return kExitOk;
  };
}

}  // namespace quai::cli
