// quai serve: the REST API, the web UI and (unless --no-workers) workers on
// the job queue in one process. Uploads are stored and queued before the
// answer and read by --jobs readers of this or any worker process; SIGTERM or
// SIGINT stops accepting, lets the jobs in hand finish and exits 0 (documents
// still waiting stay queued for any worker or the next start).
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>

#include "commands.h"
#include "core/log.h"
#include "core/clock.h"
#include "core/file_system.h"
#include "extract/extractor.h"
#include "pipeline/batch_runner.h"
#include "pipeline/model_keeper.h"
#include "pipeline/workspace_services.h"
#include "pipeline/workspace_sources.h"
#include "quai/workspace.h"
#include "review/accounts.h"
#include "review/review_desk.h"
#include "server/api_server.h"
#include "server/page_image_cache.h"
#include "server/static_files.h"
#include "worker_process.h"

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
  command->add_option("--manual-minutes", settings->manual_minutes_per_document,
                      "Minutes a document takes by hand, for the dashboard's time saved (default 5)")
      ->check(CLI::Range(0.0, 1000.0));
  command->add_option("--metrics-token", settings->metrics_token,
                      "Bearer token /metrics asks of clients not on loopback (default: none; /metrics then answers "
                      "loopback clients only)")
      ->envname("QUAI_METRICS_TOKEN");
  command->add_option("--web", settings->web_dir, "The built web UI (default: web/dist beside the binary or sources)")
      ->check(CLI::ExistingDirectory);
  auto worker_settings = std::make_shared<Workspace::WorkerSettings>();
  auto no_workers = std::make_shared<bool>(false);
  auto no_sources = std::make_shared<bool>(false);
  command->add_flag("--no-sources", *no_sources,
                    "Do not take documents from the watched folders and mailboxes (quai source) in this process");
  command->add_flag("--no-workers", *no_workers,
                    "Serve only: uploads are queued for `quai worker` processes sharing the data directory");
  AddWorkerOptions(command, options, worker_settings.get());
  AddCommonOptions(command, options);
  return [=]() -> int {
    SetLogProcess("serve");
    if (!ParseListen(*listen, &settings->host, &settings->port)) {
      std::cerr << "quai: --listen wants HOST:PORT, got " << *listen << "\n";
      return kExitUsage;
    }
    if (settings->tls_certificate.empty() != settings->tls_key.empty()) {
      std::cerr << "quai: give both --tls-cert and --tls-key, or neither\n";
      return kExitUsage;
    }
    // Signals are taken by one watcher thread; every other thread (workers,
    // request threads) inherits the blocked mask.
    server::ApiServer* serving = nullptr;
    bool stop_requested = false;
    std::mutex serving_mutex;
    StopSignals signals("serve", [&] {
      std::lock_guard<std::mutex> lock(serving_mutex);
      stop_requested = true;
      if (serving != nullptr) serving->Stop();
    });
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) {
      std::cerr << "quai: " << workspace.status().message() << "\n";
      return kExitStorage;
    }
    Workspace& opened = **workspace;
    Accounts accounts(opened.services().accounts(), opened.services().clock());
    ReviewDesk desk(opened.services().documents(), opened.services().reviews(), opened.services().clock());
    // A correction is decided again with the thresholds of the models reading now.
    desk.set_calibration_source([&opened]() -> const ExtractorCalibration* {
      const Extractor* extractor = opened.services().extractor();
      return extractor != nullptr ? &extractor->calibration() : nullptr;
    });
    // Every edit is checked against the ERP's master data again.
    desk.set_erp_checks(opened.services().erp_checks(), [&opened] { return opened.services().Today(); });
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
    ReaderLog log("serve");
    // Without workers the desk still follows the registry's active models
    // (thresholds of a correction's decision, learning at validation).
    std::unique_ptr<ModelKeeper> follower;
    if (!*no_workers) {
      Status started = opened.StartWorkers(&log, *worker_settings);
      if (!started.ok()) {
        std::cerr << "quai: " << started.message() << "\n";
        return kExitStorage;
      }
    } else {
      ModelKeeperOptions following;
      following.interval = std::chrono::seconds(0);  // retraining is the workers' job
      follower = std::make_unique<ModelKeeper>(&opened, following);
      follower->Start();
    }
    // Watched folders and mailboxes feed the intake; another `quai serve` on
    // this data directory may run them too (mailboxes under a lease).
    std::unique_ptr<WorkspaceSources> sources;
    if (!*no_sources) {
      sources = std::make_unique<WorkspaceSources>(opened);
      sources->Start();
    }
    bool stop_early = false;
    {
      std::lock_guard<std::mutex> lock(serving_mutex);
      serving = &server;
      stop_early = stop_requested;  // a signal during start-up
    }
    std::printf("quai serve: listening on %s://%s:%d/ (data %s, %s, web UI %s)\n",
                context.settings.tls() ? "https" : "http", settings->host.c_str(), server.port(),
                opened.data_dir().c_str(),
                *no_workers ? "no workers" : (std::to_string(WorkerCount(options->jobs)) + " readers").c_str(),
                context.settings.web_dir.empty() ? "not built" : context.settings.web_dir.c_str());
    std::fflush(stdout);

    Status served = stop_early ? Status::Ok() : server.Serve();
    server.Stop();
    {
      std::lock_guard<std::mutex> lock(serving_mutex);
      serving = nullptr;
    }
    signals.Stop();
    auto counts = opened.reading_counts();
    Logf(LogLevel::kInfo, {}, "quai serve: finishing %d document(s) being read; %d waiting stay queued\n",
                 counts.processing, counts.waiting);
    if (sources) sources->Stop();
    if (follower) follower->Stop();
    opened.StopWorkers();
    Logf(LogLevel::kInfo, {}, "quai serve: stopped\n");
    if (!served.ok()) {
      std::cerr << "quai: " << served.message() << "\n";
      return kExitStorage;
    }
    return kExitOk;
  };
}

}  // namespace quai::cli
