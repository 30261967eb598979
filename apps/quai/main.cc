// quai: reads supplier documents. `quai --help` lists the subcommands.
#include <sys/stat.h>

#include <cstdlib>
#include <iostream>
#include <map>

#include "commands.h"
#include "isolate/reader_child.h"
#include "ocr/single_threaded_ocr.h"

namespace quai::cli {

void AddCommonOptions(CLI::App* command, Options* options) {
  command->add_option("--data", options->data_dir,
                      "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");
  command->add_option("--db", options->database,
                      "Database: postgresql://user@host/db for a shared PostgreSQL (default: $QUAI_DATABASE, "
                      "else quai.db in the data directory)");
  command->add_option("--jobs,-j", options->jobs, "Pages read in parallel (default: number of cores)")
      ->check(CLI::NonNegativeNumber);
  command->add_option_function<int64_t>(
      "--max-file-mb", [options](int64_t mb) { options->limits.max_file_bytes = mb * 1024 * 1024; },
      "Largest file accepted, in MiB (default 100)");
  command->add_option("--max-pages", options->limits.max_pages, "Most pages per document (default 500)");
  command->add_option_function<int64_t>(
      "--max-megapixels", [options](int64_t mp) { options->limits.max_page_pixels = mp * 1'000'000; },
      "Most pixels per page, in millions (default 80)");
  command->add_option("--max-seconds-per-page", options->limits.max_seconds_per_page,
                      "Time allowed to read one page: text layer, rendering, barcodes, OCR (default 120)")
      ->check(CLI::PositiveNumber);
  command->add_option("--max-seconds-to-open", options->limits.max_seconds_to_open,
                      "Time allowed to open a file and count its pages (default 60)")
      ->check(CLI::PositiveNumber);
  command->add_option("--max-reader-mb", options->limits.max_reader_memory_mib,
                      "Memory allowed to the process parsing one file, in MiB (default 1024)")
      ->check(CLI::Range(256, 1 << 20));
  command->add_flag_callback("--parse-in-process", [options] { options->reader_program.clear(); },
                             "Parse files in this process, without the time and memory limits (debugging)");
  command->add_option("--dpi", options->preparation.render_dpi, "Resolution for rendering scanned PDF pages (default 300)")
      ->check(CLI::Range(72, 600));
  command->add_flag_callback("--no-orientation", [options] { options->preparation.detect_orientation = false; },
                             "Do not detect upside-down or sideways pages");
  command->add_flag_callback("--no-deskew", [options] { options->preparation.deskew = false; },
                             "Do not straighten tilted scans");
  command->add_flag_callback("--no-line-removal", [options] { options->preparation.remove_lines = false; },
                             "Keep ruled and dotted table lines for OCR");
  command->add_option("--languages", options->ocr.languages, "Tesseract languages (default fra+eng)");
  command->add_option("--today", options->today, "Judge expiry dates as of this day (YYYY-MM-DD; default: today)");
}

}  // namespace quai::cli

int main(int argc, char** argv) {
  quai::RequireSingleThreadedOcr(argv);
  // The child a reading worker starts to parse files under limits (isolate/reader_child.h).
  if (argc == 2 && std::string(argv[1]) == "__read-pages") return quai::RunReaderChild(0, 1);
  // Everything quai writes (data directory, originals, database, models) is
  // readable by its own user only.
  ::umask(077);

  using namespace quai::cli;
  CLI::App app{"quai: reads supplier documents (delivery notes, certificates, safety data sheets, invoices)", "quai"};
  app.set_version_flag("--version", std::string("quai ") + QUAI_VERSION);
  app.require_subcommand(1);
  app.footer("Exit codes: 0 ok, 1 a file was refused, 2 bad command line, 3 data directory unusable, 4 not found.");
  quai::Options options;
  // Files are parsed in children of this very program, under the limits.
  options.reader_program = "/proc/self/exe";
  std::map<CLI::App*, CommandRunner> runners;
  runners[nullptr] = nullptr;
  auto add = [&](const char* name, CommandRunner runner) { runners[app.get_subcommand(name)] = std::move(runner); };
  add("ingest", AddIngestCommand(&app, &options));
  add("ocr", AddOcrCommand(&app, &options));
  add("show", AddShowCommand(&app, &options));
  add("list", AddListCommand(&app, &options));
  add("extract", AddExtractCommand(&app, &options));
  add("eval", AddEvalCommand(&app, &options));
  add("train", AddTrainCommand(&app, &options));
  add("learn", AddLearnCommand(&app, &options));
  add("models", AddModelsCommand(&app, &options));
  add("serve", AddServeCommand(&app, &options));
  add("worker", AddWorkerCommand(&app, &options));
  add("jobs", AddJobsCommand(&app, &options));
  add("erp", AddErpCommand(&app, &options));
  add("export", AddExportCommand(&app, &options));
  add("source", AddSourceCommand(&app, &options));
  {
    CommandRunner backup = AddBackupCommand(&app, &options);
    runners[app.get_subcommand("backup")] = backup;
    runners[app.get_subcommand("restore")] = backup;
  }
  add("lots", AddLotsCommand(&app, &options));
  add("user", AddUserCommand(&app, &options));
  add("token", AddTokenCommand(&app, &options));
  add("audit", AddAuditCommand(&app, &options));
  add("verify", AddVerifyCommand(&app, &options));
  add("migrate", AddMigrateCommand(&app, &options));
  runners.erase(nullptr);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  for (auto& [command, runner] : runners)
    if (command->parsed()) return runner();
  return kExitUsage;
}
