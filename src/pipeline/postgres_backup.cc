#include "pipeline/postgres_backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pipeline/postgres_client_program.h"
#include "storage/postgresql/postgres_connection.h"

namespace quai {
namespace {

constexpr char kDump[] = "quai.pgdump";
constexpr char kOriginalsList[] = "originals.json";
constexpr char kManifest[] = "backup.json";
constexpr int64_t kMaxManifestBytes = 1LL << 30;

// An SQL identifier, quoted.
std::string Identifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::vector<std::pair<std::string, std::string>> PasswordEnvironment(const PostgresOptions& options) {
  if (options.password.empty()) return {};
  return {{"PGPASSWORD", options.password}};
}

// fsync of a file written by another program.
Status SyncFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("cannot open " + path + " to sync it");
  int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0) return Status::IoError("cannot sync " + path);
  return Status::Ok();
}

// The schema the connection's search_path selects (where quai keeps its tables).
Result<std::string> CurrentSchema(PostgresConnection& connection) {
  auto rows = connection.Query("SELECT current_schema()", {}, "reading the search_path's schema");
  if (!rows.ok()) return rows.status();
  if (rows->empty() || rows->IsNull(0, 0))
    return Status::FailedPrecondition("PostgreSQL at " + connection.where() +
                                      ": the search_path names no schema that exists (create it: CREATE SCHEMA …)");
  return rows->Text(0, 0);
}

Result<bool> HoldsQuaiTables(PostgresConnection& connection, const std::string& schema) {
  auto rows = connection.Query(
      "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename IN ('schema_version', "
      "'documents')",
      {schema}, "looking for quai's tables");
  if (!rows.ok()) return rows.status();
  return rows->Int(0, 0) > 0;
}

nlohmann::json OriginalsJson(const std::vector<StoredOriginal>& originals) {
  nlohmann::json list = nlohmann::json::array();
  for (const StoredOriginal& original : originals)
    list.push_back({{"document_id", original.document_id},
                    {"sha256", original.sha256},
                    {"name", original.name},
                    {"size_bytes", original.size_bytes}});
  return list;
}

Result<std::vector<StoredOriginal>> ReadOriginals(FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path, kMaxManifestBytes);
  if (!text.ok()) return text.status();
  nlohmann::json list = nlohmann::json::parse(*text, nullptr, false);
  if (!list.is_array()) return Status::IoError(path + " is not a list of originals (damaged backup?)");
  std::vector<StoredOriginal> originals;
  for (const nlohmann::json& entry : list) {
    if (!entry.is_object() || !entry.contains("sha256") || !entry["sha256"].is_string() ||
        entry["sha256"].get<std::string>().size() != 64)
      return Status::IoError(path + " has an entry without a SHA-256 (damaged backup?)");
    originals.push_back({entry.value("document_id", int64_t{0}), entry["sha256"].get<std::string>(),
                         entry.value("name", std::string()), entry.value("size_bytes", int64_t{0})});
  }
  return originals;
}

Result<nlohmann::json> ReadManifest(const std::string& backup, FileSystem& fs) {
  const std::string path = JoinPath(backup, kManifest);
  if (!fs.Exists(path)) return Status::NotFound(backup + " is not a quai backup (no " + kManifest + ")");
  Result<std::string> text = fs.ReadFile(path, kMaxManifestBytes);
  if (!text.ok()) return text.status();
  nlohmann::json manifest = nlohmann::json::parse(*text, nullptr, false);
  if (!manifest.is_object()) return Status::IoError(path + " is not JSON (damaged backup?)");
  return manifest;
}

// The dump's table of contents without the schema's own entries (CREATE
// SCHEMA, its comment): the target schema exists already, maybe under another
// name; nor extensions (made before, from backup.json).
std::string WithoutSchemaEntries(const std::string& contents) {
  static const std::regex kSchemaEntry(R"(^\d+; \d+ \d+ (SCHEMA|COMMENT - SCHEMA|EXTENSION|COMMENT - EXTENSION) )");
  std::istringstream lines(contents);
  std::string kept;
  for (std::string line; std::getline(lines, line);)
    if (!std::regex_search(line, kSchemaEntry)) kept += line + "\n";
  return kept;
}

}  // namespace

Result<std::string> BackupBackend(const std::string& backup, FileSystem& fs) {
  Result<nlohmann::json> manifest = ReadManifest(backup, fs);
  if (!manifest.ok()) return manifest.status();
  const nlohmann::json backend = manifest->value("backend", nlohmann::json("sqlite"));
  if (!backend.is_string() || (backend != "sqlite" && backend != "postgresql"))
    return Status::InvalidArgument(JoinPath(backup, kManifest) + " names an unknown backend");
  return backend.get<std::string>();
}

Result<BackupReport> BackupPostgresInstallation(const std::string& database, const std::string& data_dir,
                                                const std::string& destination, FileSystem& fs, Clock& clock) {
  Result<PostgresOptions> options = ParsePostgresUri(database);
  if (!options.ok()) return options.status().WithContext("--db");
  if (fs.Exists(JoinPath(destination, "quai.db")))
    return Status::FailedPrecondition(destination +
                                      " holds a backup of an embedded (SQLite) installation: back up to another folder");
  Result<std::unique_ptr<PostgresConnection>> opened = PostgresConnection::Open(*options);
  if (!opened.ok()) return opened.status();
  PostgresConnection& connection = **opened;
  // One snapshot for the list of originals here and for pg_dump.
  QUAI_RETURN_IF_ERROR(
      connection.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", "starting the backup's snapshot"));
  auto exported = connection.Query("SELECT pg_export_snapshot()", {}, "exporting the backup's snapshot");
  if (!exported.ok()) return exported.status();
  const std::string snapshot = exported->Text(0, 0);
  Result<std::string> schema = CurrentSchema(connection);
  if (!schema.ok()) return schema.status();
  Result<bool> holds = HoldsQuaiTables(connection, *schema);
  if (!holds.ok()) return holds.status();
  if (!*holds)
    return Status::NotFound("PostgreSQL at " + connection.where() + ", schema " + *schema +
                            ": no quai database there (no schema_version table)");
  auto versions = connection.Query("SELECT component, MAX(version) FROM schema_version GROUP BY component ORDER BY 1",
                                   {}, "reading the schema versions");
  if (!versions.ok()) return versions.status();
  nlohmann::json schema_versions = nlohmann::json::object();
  BackupReport report;
  for (int row = 0; row < versions->size(); ++row) {
    schema_versions[versions->Text(row, 0)] = versions->Int(row, 1);
    if (versions->Text(row, 0) == "core") report.schema_version = static_cast<int>(versions->Int(row, 1));
  }
  // The extensions quai's schema uses (pg_dump leaves them out of a dump of
  // one schema): those it holds, and those whose members its tables and
  // indexes depend on (pg_trgm's operator classes for the search indexes).
  auto extensions = connection.Query(
      "SELECT e.extname, n.nspname FROM pg_catalog.pg_extension e "
      "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
      "WHERE n.nspname = $1 OR e.oid IN (SELECT m.refobjid FROM pg_catalog.pg_depend d "
      "  JOIN pg_catalog.pg_depend m ON m.classid = d.refclassid AND m.objid = d.refobjid AND m.deptype = 'e' "
      "    AND m.refclassid = 'pg_catalog.pg_extension'::regclass "
      "  JOIN pg_catalog.pg_class c ON d.classid = 'pg_catalog.pg_class'::regclass AND c.oid = d.objid "
      "  JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace AND cn.nspname = $1) "
      "ORDER BY 1",
      {*schema}, "listing the extensions quai's schema uses");
  if (!extensions.ok()) return extensions.status();
  nlohmann::json used_extensions = nlohmann::json::array();
  for (int row = 0; row < extensions->size(); ++row)
    used_extensions.push_back({{"name", extensions->Text(row, 0)}, {"schema", extensions->Text(row, 1)}});
  auto rows = connection.Query("SELECT id, sha256, original_name, size_bytes FROM documents ORDER BY id", {},
                               "listing the documents' originals");
  if (!rows.ok()) return rows.status();
  std::vector<StoredOriginal> originals;
  for (int row = 0; row < rows->size(); ++row)
    originals.push_back({rows->Int(row, 0), rows->Text(row, 1), rows->Text(row, 2), rows->Int(row, 3)});
  report.documents = static_cast<int64_t>(originals.size());

  QUAI_RETURN_IF_ERROR(fs.CreateDirectories(destination));
  const std::string dump = JoinPath(destination, kDump);
  const std::string partial = dump + ".partial";
  (void)fs.Remove(partial);
  ClientPipeline pg_dump;
  pg_dump.stages = {{"pg_dump", "--format=custom", "--no-password", "--schema=" + Identifier(*schema),
                     "--snapshot=" + snapshot, "--file=" + partial, "--dbname=" + options->conninfo}};
  pg_dump.environment = PasswordEnvironment(*options);
  Result<ClientPipelineResult> dumped = RunPostgresClients(pg_dump);
  if (!dumped.ok()) return dumped.status();
  if (!dumped->ok()) {
    (void)fs.Remove(partial);
    if (dumped->runs[0].not_found) return Status::FailedPrecondition("cannot back up the database: " + dumped->Failure());
    return Status::IoError("cannot back up the database (PostgreSQL at " + connection.where() +
                           "): " + dumped->Failure());
  }
  (void)connection.Execute("COMMIT", "ending the backup's snapshot");
  QUAI_RETURN_IF_ERROR(SyncFile(partial));

  // Every original the dump names into the folder before the dump is, then the models.
  Status copied = CopyOriginals(fs, originals, data_dir, destination, &report);
  if (copied.ok()) copied = CopyModels(fs, data_dir, destination, &report);
  if (copied.ok()) copied = WriteDurably(fs, JoinPath(destination, kOriginalsList), OriginalsJson(originals).dump() + "\n");
  if (!copied.ok()) {
    (void)fs.Remove(partial);
    return copied;
  }
  QUAI_RETURN_IF_ERROR(fs.Rename(partial, dump));
  QUAI_RETURN_IF_ERROR(fs.SyncDirectory(destination));
  nlohmann::json manifest = {{"created_at", FormatUtcTimestamp(clock.Now())},
                             {"backend", "postgresql"},
                             {"database", kDump},
                             {"postgresql",
                              {{"where", connection.where()}, {"schema", *schema}, {"extensions", used_extensions}}},
                             {"schema_version", report.schema_version},
                             {"schema_versions", schema_versions},
                             {"documents", report.documents},
                             {"originals", report.originals_copied + report.originals_kept},
                             {"originals_copied", report.originals_copied},
                             {"bytes_copied", report.bytes_copied},
                             {"from", data_dir}};
  QUAI_RETURN_IF_ERROR(WriteDurably(fs, JoinPath(destination, kManifest), manifest.dump(2) + "\n"));
  return report;
}

Result<BackupReport> RestorePostgresInstallation(const std::string& backup, const std::string& data_dir,
                                                 const std::string& database, FileSystem& fs) {
  Result<nlohmann::json> manifest = ReadManifest(backup, fs);
  if (!manifest.ok()) return manifest.status();
  const std::string dump = JoinPath(backup, kDump);
  if (manifest->value("backend", std::string()) != "postgresql" || !fs.Exists(dump))
    return Status::InvalidArgument(backup + " is not a backup of a PostgreSQL installation (no " + kDump + ")");
  const std::string backed_up_schema =
      manifest->value("postgresql", nlohmann::json::object()).value("schema", std::string());
  if (backed_up_schema.empty())
    return Status::InvalidArgument(JoinPath(backup, kManifest) + " names no schema (damaged backup?)");
  if (fs.Exists(JoinPath(data_dir, "quai.db")))
    return Status::FailedPrecondition(data_dir + " already holds a data directory (quai.db): restore into an empty one");
  Result<std::vector<StoredOriginal>> originals = ReadOriginals(fs, JoinPath(backup, kOriginalsList));
  if (!originals.ok()) return originals.status();

  Result<PostgresOptions> options = ParsePostgresUri(database);
  if (!options.ok()) return options.status().WithContext("--db");
  Result<std::unique_ptr<PostgresConnection>> opened = PostgresConnection::Open(*options);
  if (!opened.ok()) return opened.status();
  PostgresConnection& connection = **opened;
  Result<std::string> target = CurrentSchema(connection);
  if (!target.ok()) return target.status();
  Result<bool> holds = HoldsQuaiTables(connection, *target);
  if (!holds.ok()) return holds.status();
  if (*holds)
    return Status::FailedPrecondition("PostgreSQL at " + connection.where() + ", schema " + *target +
                                      " already holds quai's tables: restore into an empty database or schema");
  if (*target != backed_up_schema) {
    auto there = connection.Query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", {backed_up_schema},
                                  "looking for the backed up schema");
    if (!there.ok()) return there.status();
    if (!there->empty())
      return Status::FailedPrecondition(
          "PostgreSQL at " + connection.where() + ": the backup is of schema " + backed_up_schema +
          ", which exists in this database besides the target schema " + *target +
          ": restore into another database, or into schema " + backed_up_schema + " itself once emptied");
  }
  const std::string where = connection.where();
  opened->reset();  // not held open while psql works

  QUAI_RETURN_IF_ERROR(fs.CreateDirectories(data_dir));
  BackupReport report;
  report.schema_version = manifest->value("schema_version", 0);
  report.documents = static_cast<int64_t>(originals->size());
  QUAI_RETURN_IF_ERROR(CopyOriginals(fs, *originals, backup, data_dir, &report));
  QUAI_RETURN_IF_ERROR(CopyModels(fs, backup, data_dir, &report));

  // The database last, in one transaction: under the backed up schema's name
  // (the names in the dump), given back the target's name before COMMIT.
  ClientPipeline list;
  list.stages = {{"pg_restore", "--list", dump}};
  list.keep_output = true;
  Result<ClientPipelineResult> listed = RunPostgresClients(list);
  if (!listed.ok()) return listed.status();
  if (!listed->ok()) {
    if (listed->runs[0].not_found) return Status::FailedPrecondition("cannot restore the database: " + listed->Failure());
    return Status::IoError("cannot read " + dump + ": " + listed->Failure());
  }
  const std::string contents = JoinPath(data_dir, ".restore-contents.list");
  QUAI_RETURN_IF_ERROR(WriteDurably(fs, contents, WithoutSchemaEntries(listed->output)));
  ClientPipeline restore;
  std::vector<std::string> psql = {"psql", "--no-psqlrc", "--quiet", "--no-password", "--set=ON_ERROR_STOP=1",
                                   "--single-transaction"};
  const bool renamed = *target != backed_up_schema;
  if (renamed) psql.push_back("--command=ALTER SCHEMA " + Identifier(*target) + " RENAME TO " + Identifier(backed_up_schema));
  // The extensions first, where they were (IF NOT EXISTS: one the target
  // database has already is kept); quai's own schema bears the dump's name now.
  const nlohmann::json extensions =
      manifest->value("postgresql", nlohmann::json::object()).value("extensions", nlohmann::json::array());
  for (const nlohmann::json& extension : extensions) {
    if (!extension.is_object() || !extension.contains("name") || !extension["name"].is_string()) continue;
    const std::string home = extension.value("schema", std::string());
    psql.push_back("--command=CREATE EXTENSION IF NOT EXISTS " + Identifier(extension["name"].get<std::string>()) +
                   (home.empty() ? "" : " SCHEMA " + Identifier(home)));
  }
  psql.push_back("--file=-");
  if (renamed) psql.push_back("--command=ALTER SCHEMA " + Identifier(backed_up_schema) + " RENAME TO " + Identifier(*target));
  psql.push_back("--dbname=" + options->conninfo);
  restore.stages = {{"pg_restore", "--no-owner", "--no-privileges", "--no-tablespaces", "--use-list=" + contents,
                     "--file=-", dump},
                    psql};
  restore.environment = PasswordEnvironment(*options);
  Result<ClientPipelineResult> restored = RunPostgresClients(restore);
  (void)fs.Remove(contents);
  if (!restored.ok()) return restored.status();
  if (!restored->ok()) {
    bool missing = false;
    for (const ClientProgramRun& run : restored->runs) missing = missing || run.not_found;
    const std::string message = "cannot restore the database into PostgreSQL at " + where + ", schema " + *target +
                                " (nothing of it was restored): " + restored->Failure();
    return missing ? Status::FailedPrecondition(message) : Status::IoError(message);
  }
  return report;
}

}  // namespace quai
