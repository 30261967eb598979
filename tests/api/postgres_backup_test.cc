// `quai backup` and `quai restore` of an installation on PostgreSQL, as an
// administrator runs them: the real quai binary, a real `quai serve`, and two
// real PostgreSQL 15 servers (tests/services/postgres.sh): the installation's,
// and a new one restored into, as after losing the first, into a schema of
// another name. Documents come from tools/docgen (born-digital) and samples/;
// one is corrected and validated at the desk before the backup. After the
// restore every table of quai's schema holds the same rows (count and
// checksum), the sequences go on from the same values, the originals are the
// same bytes, and a `quai serve` on the restored installation shows the same
// documents, fields and events to the same token.
#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "api/quai_server.h"
#include "services/postgres_server.h"

namespace quai::testing {
namespace {

namespace fs = std::filesystem;

// What a schema holds, comparable across servers: per table its row count and
// an order-free checksum of its rows; per sequence its last value; the names
// of its functions, triggers and indexes.
std::map<std::string, std::string> Contents(const PostgresServer& server, const std::string& schema) {
  std::map<std::string, std::string> contents;
  const char* keywords[] = {"dbname", "password", nullptr};
  const char* values[] = {server.conninfo().c_str(), server.password().c_str(), nullptr};
  PGconn* connection = PQconnectdbParams(keywords, values, 1);
  auto query = [&](const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    PGresult* result = PQexec(connection, sql.c_str());
    if (PQresultStatus(result) != PGRES_TUPLES_OK && PQresultStatus(result) != PGRES_COMMAND_OK) {
      ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
    } else {
      for (int row = 0; row < PQntuples(result); ++row) {
        rows.emplace_back();
        for (int column = 0; column < PQnfields(result); ++column) rows.back().push_back(PQgetvalue(result, row, column));
      }
    }
    PQclear(result);
    return rows;
  };
  if (PQstatus(connection) != CONNECTION_OK) {
    ADD_FAILURE() << PQerrorMessage(connection);
    PQfinish(connection);
    return contents;
  }
  query("SET TIME ZONE 'UTC'");
  const std::string literal = "'" + schema + "'";  // the tests' schema names are plain identifiers
  for (const auto& row : query("SELECT tablename FROM pg_tables WHERE schemaname = " + literal + " ORDER BY 1")) {
    const std::string table = schema + "." + row[0];
    auto counted = query("SELECT count(*) || ' rows, ' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY "
                         "md5(t::text))), '-') FROM " + table + " t");
    contents["table " + row[0]] = counted.empty() ? "?" : counted[0][0];
  }
  for (const auto& row : query("SELECT sequencename, coalesce(last_value::text, 'unused') FROM pg_sequences "
                               "WHERE schemaname = " + literal))
    contents["sequence " + row[0]] = row[1];
  for (const auto& row : query("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                               "WHERE n.nspname = " + literal))
    contents["function " + row[0]] = "present";
  for (const auto& row : query("SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                               "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = " + literal +
                               " AND NOT t.tgisinternal"))
    contents["trigger " + row[0] + "." + row[1]] = "present";
  for (const auto& row : query("SELECT indexname FROM pg_indexes WHERE schemaname = " + literal))
    contents["index " + row[0]] = "present";
  for (const auto& row : query("SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = "
                               "e.extnamespace"))
    contents["extension " + row[0]] = row[1];
  PQfinish(connection);
  return contents;
}

// Files under `root`/originals by their path there, with their bytes.
std::map<std::string, std::string> Originals(const std::string& root) {
  std::map<std::string, std::string> files;
  if (!fs::exists(root + "/originals")) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root + "/originals"))
    if (entry.is_regular_file()) files[fs::relative(entry.path(), root).string()] = Slurp(entry.path().string());
  return files;
}

// Sets QUAI_DATABASE for the quai processes this test starts; restores it after.
class DatabaseEnvironment {
 public:
  DatabaseEnvironment() {
    if (const char* value = std::getenv("QUAI_DATABASE")) saved_ = value;
  }
  ~DatabaseEnvironment() {
    if (saved_.empty()) unsetenv("QUAI_DATABASE");
    else setenv("QUAI_DATABASE", saved_.c_str(), 1);
  }
  void Set(const std::string& url) { setenv("QUAI_DATABASE", url.c_str(), 1); }
  void Unset() { unsetenv("QUAI_DATABASE"); }

 private:
  std::string saved_;
};

class PostgresBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const PostgresServer* server : {&live_, &spare_}) {
      if (server->not_installed()) {
        if (ServicesRequired()) FAIL() << server->problem();
        GTEST_SKIP() << server->problem();
      }
      ASSERT_TRUE(server->running()) << server->problem();
    }
  }
  // The installation's URL: the password in it (quai must keep it off pg_dump's
  // command line), the schema chosen by the search_path, as tests do.
  static std::string Url(const PostgresServer& server, const std::string& schema) {
    return "postgresql://quai_test:" + server.password() + "@127.0.0.1:" + server.port() +
           "/quai_test?options=-csearch_path%3D" + schema;
  }
  static std::string PublicUrl(const PostgresServer& server) {
    return "postgresql://quai_test:" + server.password() + "@127.0.0.1:" + server.port() + "/quai_test";
  }
  ProcessResult Quai(const std::vector<std::string>& args) { return RunQuai(args, scratch_.path()); }

  PostgresServer live_;
  PostgresServer spare_;  // the new server, restored into
  TestDirectory scratch_;
  DatabaseEnvironment environment_;
};

// Two born-digital delivery notes from tools/docgen; empty on failure.
std::vector<std::pair<std::string, std::string>> GeneratedDocuments(const TestDirectory& directory,
                                                                    std::string* log) {
  const std::string out = directory.File("docgen");
  const std::string command = "/usr/bin/python3 '" + SourceDir() + "/tools/docgen/docgen.py' --out '" + out +
                              "' --family dev --types delivery_note --count 2 --seed 11 --form born --jobs 1 >'" +
                              directory.File("docgen.log") + "' 2>&1";
  const int status = std::system(command.c_str());
  *log = Slurp(directory.File("docgen.log"));
  if (status != 0) return {};
  return {{"dev-dn-0001.pdf", Slurp(out + "/dev-dn-0001.pdf")}, {"dev-dn-0002.pdf", Slurp(out + "/dev-dn-0002.pdf")}};
}

TEST_F(PostgresBackupTest, ARestoreIntoANewServerHoldsTheSameInstallationAndTheNextBackupIsIncremental) {
  ASSERT_EQ(live_.Execute("CREATE SCHEMA quai_live"), "");
  ASSERT_EQ(spare_.Execute("CREATE SCHEMA quai_restored"), "");
  environment_.Set(Url(live_, "quai_live"));

  // An installation with documents read, one corrected and validated.
  std::string docgen_log;
  auto documents = GeneratedDocuments(scratch_, &docgen_log);
  ASSERT_EQ(documents.size(), 2u) << "docgen failed:\n" << docgen_log;
  documents.push_back({"dev-inv-0003.pdf", Slurp(SamplePath("dev-inv-0003.pdf"))});
  QuaiServer server;
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_FALSE(server.AddUser("ana", "reviewer").empty());
  const std::string token = server.CreateToken("ana");
  ASSERT_EQ(token.rfind("quai_", 0), 0u) << token;
  auto ana = ApiClient::WithToken(server, token);
  std::vector<int64_t> ids;
  for (const auto& [name, bytes] : documents) {
    auto uploaded = ana->Upload({{name, bytes}});
    ASSERT_TRUE(uploaded && uploaded->status == 202) << (uploaded ? uploaded->body : "no answer");
    const int64_t id = Json::parse(uploaded->body)["documents"][0].value("id", int64_t{0});
    ASSERT_GT(id, 0);
    ASSERT_NE(ana->WaitUntilRead(id).value("status", ""), "received") << name << " was not read";
    ids.push_back(id);
  }
  const std::string first = "/api/v1/documents/" + std::to_string(ids[0]);
  const Json truth = Json::parse(Slurp(scratch_.File("docgen/dev-dn-0001.json")), nullptr, false);
  ASSERT_TRUE(truth.is_object());
  for (const auto& [field, value] : truth["fields"].items()) {
    const Json read = ana->GetJson(first)["fields"].value(field, Json::object());
    if (read.is_object() && read.value("value", Json()) == value) continue;
    EXPECT_TRUE(IsStatus(ana->Send("PUT", first + "/fields/" + field, {{"value", value}}), 200)) << field;
  }
  ASSERT_TRUE(IsStatus(ana->Send("POST", first + "/validate"), 200));
  std::map<std::string, Json> shown;  // what the desk shows, to compare after the restore
  for (const std::string path : {std::string("/api/v1/documents?limit=50")}) shown[path] = ana->GetJson(path);
  for (int64_t id : ids)
    for (const std::string tail : {"", "/events"}) {
      const std::string path = "/api/v1/documents/" + std::to_string(id) + tail;
      shown[path] = ana->GetJson(path);
      ASSERT_TRUE(shown[path].is_object()) << path;
    }
  ASSERT_FALSE(shown[first + "/events"]["events"].empty()) << "the validation left no event";
  EXPECT_EQ(shown[first].value("status", ""), "validated");
  // A backup of the running installation (compared below is the one taken once stopped).
  ProcessResult while_serving = Quai({"backup", scratch_.File("while-serving"), "--data", server.data_dir() + "/data"});
  EXPECT_EQ(while_serving.exit_code, 0) << while_serving.err;
  EXPECT_NE(while_serving.out.find("3 documents"), std::string::npos) << while_serving.out;
  ASSERT_EQ(server.Stop(), 0) << server.log();
  // An index of quai's schema on an extension's operator class that lives in
  // public (as the document search's pg_trgm indexes): a dump of the schema
  // alone holds no CREATE EXTENSION, the new server has none.
  // Its expression calls quai's own quai_fold, run again when the index is built.
  ASSERT_EQ(live_.Execute("SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public; "
                          "CREATE INDEX values_trigrams ON quai_live.document_values "
                          "USING gin (quai_live.quai_fold(value) public.gin_trgm_ops)"),
            "");
  const auto before = Contents(live_, "quai_live");

  // The backup: the dump and the originals. pg_dump is the real one, behind a
  // script on the PATH that writes down its command line (what ps shows).
  const std::string shims = scratch_.File("shims");
  fs::create_directories(shims);
  std::ofstream(shims + "/pg_dump") << "#!/bin/sh\nprintf '%s\\n' \"$@\" >>'" << scratch_.File("pg_dump.args")
                                    << "'\nexec /usr/bin/pg_dump \"$@\"\n";
  fs::permissions(shims + "/pg_dump", fs::perms::owner_all);
  const std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "/usr/bin:/bin";
  setenv("PATH", (shims + ":" + path).c_str(), 1);
  const std::string backup = scratch_.File("backup");
  ProcessResult backed_up = Quai({"backup", backup, "--data", server.data_dir() + "/data"});
  setenv("PATH", path.c_str(), 1);
  const std::string arguments = Slurp(scratch_.File("pg_dump.args"));
  EXPECT_NE(arguments.find("--snapshot="), std::string::npos) << arguments;
  EXPECT_NE(arguments.find("--schema=\"quai_live\""), std::string::npos) << arguments;
  EXPECT_EQ(arguments.find(live_.password()), std::string::npos) << "the password is on pg_dump's command line";
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.out << backed_up.err;
  EXPECT_NE(backed_up.out.find("3 documents"), std::string::npos) << backed_up.out;
  EXPECT_NE(backed_up.out.find("3 originals copied, 0 already there"), std::string::npos) << backed_up.out;
  const Json manifest = Json::parse(Slurp(backup + "/backup.json"), nullptr, false);
  ASSERT_TRUE(manifest.is_object());
  EXPECT_EQ(manifest.value("backend", ""), "postgresql");
  EXPECT_EQ(manifest["postgresql"].value("schema", ""), "quai_live");
  EXPECT_TRUE(fs::exists(backup + "/quai.pgdump"));
  EXPECT_FALSE(fs::exists(backup + "/quai.pgdump.partial"));
  EXPECT_EQ(Slurp(backup + "/backup.json").find(live_.password()), std::string::npos);
  // A second backup copies no original again.
  ProcessResult again = Quai({"backup", backup, "--data", server.data_dir() + "/data"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 originals copied, 3 already there"), std::string::npos) << again.out;

  // The restore needs --db (or QUAI_DATABASE), a PostgreSQL one.
  environment_.Unset();
  QuaiServer restored;
  const std::string restored_data = restored.data_dir() + "/data";
  ProcessResult into_sqlite = Quai({"restore", backup, "--data", restored_data});
  EXPECT_NE(into_sqlite.exit_code, 0);
  EXPECT_NE(into_sqlite.err.find("backup of a PostgreSQL installation"), std::string::npos) << into_sqlite.err;
  EXPECT_NE(into_sqlite.err.find("--db"), std::string::npos) << into_sqlite.err;
  EXPECT_FALSE(fs::exists(restored_data + "/quai.db"));
  // Never over quai's tables.
  ProcessResult over = Quai({"restore", backup, "--data", restored_data, "--db", Url(live_, "quai_live")});
  EXPECT_NE(over.exit_code, 0);
  EXPECT_NE(over.err.find("already holds quai's tables"), std::string::npos) << over.err;

  // A restore that fails on the way (a table of that name there already)
  // leaves no table of quai's and the schema as it was; run again, it finishes.
  ASSERT_EQ(spare_.Execute("CREATE TABLE quai_restored.lots(note text)"), "");
  const auto target_before = Contents(spare_, "quai_restored");
  EXPECT_EQ(target_before.count("extension pg_trgm"), 0u);
  ProcessResult clash = Quai({"restore", backup, "--data", restored_data, "--db", Url(spare_, "quai_restored")});
  EXPECT_NE(clash.exit_code, 0);
  EXPECT_NE(clash.err.find("nothing of it was restored"), std::string::npos) << clash.err;
  EXPECT_NE(clash.err.find("psql"), std::string::npos) << clash.err;
  EXPECT_NE(clash.err.find("\"lots\" already exists"), std::string::npos) << clash.err;
  EXPECT_EQ(Contents(spare_, "quai_restored"), target_before) << "a failed restore left objects behind";
  EXPECT_FALSE(fs::exists(restored_data + "/quai.db"));
  ASSERT_EQ(spare_.Execute("DROP TABLE quai_restored.lots"), "");

  ProcessResult restore = Quai({"restore", backup, "--data", restored_data, "--db", Url(spare_, "quai_restored")});
  ASSERT_EQ(restore.exit_code, 0) << restore.out << restore.err;
  EXPECT_NE(restore.out.find("consistent: 3 documents, 3 originals checked"), std::string::npos) << restore.out;
  EXPECT_EQ(restore.err.find(live_.password()), std::string::npos);

  // The same rows in every table, the same sequences, functions, triggers, indexes.
  const auto after = Contents(spare_, "quai_restored");
  ASSERT_FALSE(before.empty());
  for (const std::string table : {"documents", "review_events", "document_values", "extractions", "users",
                                  "api_tokens", "security_events", "document_summaries"}) {
    ASSERT_TRUE(before.count("table " + table)) << table;
    EXPECT_EQ(before.at("table " + table).rfind("0 rows", 0), std::string::npos) << table << " is empty";
  }
  EXPECT_EQ(after.size(), before.size());
  EXPECT_EQ(before.count("index values_trigrams"), 1u);
  EXPECT_EQ(before.count("extension pg_trgm"), 1u);
  for (const auto& [what, value] : before)
    EXPECT_EQ(after.count(what) ? after.at(what) : "missing", value) << what;
  EXPECT_EQ(Originals(restored_data), Originals(server.data_dir() + "/data"));
  EXPECT_EQ(Originals(restored_data).size(), 3u);

  // A `quai serve` on the restored installation shows the same to the same token.
  environment_.Set(Url(spare_, "quai_restored"));
  ASSERT_TRUE(restored.Start()) << restored.log();
  auto ana_again = ApiClient::WithToken(restored, token);
  for (const auto& [path, json] : shown) EXPECT_EQ(ana_again->GetJson(path), json) << path;
  // It goes on where the installation was: the next document is the next id.
  auto next = ana_again->Upload({{"dev-coc-0002.pdf", Slurp(SamplePath("dev-coc-0002.pdf"))}});
  ASSERT_TRUE(next && next->status == 202) << (next ? next->body : "no answer");
  EXPECT_EQ(Json::parse(next->body)["documents"][0].value("id", int64_t{0}), ids.back() + 1);
  EXPECT_EQ(restored.Stop(), 0) << restored.log();
}

TEST_F(PostgresBackupTest, AFailingDumpIsNamedAndLeavesNoBackup) {
  ASSERT_EQ(live_.Execute("CREATE SCHEMA quai_live"), "");
  environment_.Unset();
  const std::string data = scratch_.File("data");
  ProcessResult ingest =
      Quai({"ingest", SamplePath("dev-inv-0003.pdf"), "-q", "--data", data, "--db", Url(live_, "quai_live")});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;

  // A wrong password: PostgreSQL's refusal, named, and no backup.
  const std::string wrong = "postgresql://quai_test:not-the-password@127.0.0.1:" + live_.port() +
                            "/quai_test?options=-csearch_path%3Dquai_live";
  ProcessResult refused = Quai({"backup", scratch_.File("backup1"), "--data", data, "--db", wrong});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("PostgreSQL at 127.0.0.1:" + live_.port()), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("password authentication failed"), std::string::npos) << refused.err;
  EXPECT_EQ(refused.err.find("not-the-password"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(scratch_.File("backup1") + "/backup.json"));

  // A schema that is not quai's.
  ASSERT_EQ(live_.Execute("CREATE SCHEMA other"), "");
  ProcessResult empty = Quai({"backup", scratch_.File("backup2"), "--data", data, "--db", Url(live_, "other")});
  EXPECT_NE(empty.exit_code, 0);
  EXPECT_NE(empty.err.find("no quai database there"), std::string::npos) << empty.err;
  EXPECT_FALSE(fs::exists(scratch_.File("backup2") + "/backup.json"));

  // pg_dump itself failing (it cannot write its file): its own words.
  const std::string backup3 = scratch_.File("backup3");
  fs::create_directories(backup3 + "/quai.pgdump.partial/blocked");
  ProcessResult failed = Quai({"backup", backup3, "--data", data, "--db", Url(live_, "quai_live")});
  EXPECT_NE(failed.exit_code, 0);
  EXPECT_NE(failed.err.find("pg_dump exited with status 1: pg_dump: error:"), std::string::npos) << failed.err;
  EXPECT_FALSE(fs::exists(backup3 + "/backup.json"));

  // pg_dump not installed (not on the PATH): named, with the package to install.
  const std::string path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  setenv("PATH", scratch_.path().c_str(), 1);
  ProcessResult missing = Quai({"backup", scratch_.File("backup4"), "--data", data, "--db", Url(live_, "quai_live")});
  setenv("PATH", path.c_str(), 1);
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("pg_dump is not installed"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("postgresql-client"), std::string::npos) << missing.err;
  EXPECT_FALSE(fs::exists(scratch_.File("backup4") + "/backup.json"));

  // A backup of an embedded installation is not restored into PostgreSQL.
  const std::string sqlite_data = scratch_.File("sqlite");
  ASSERT_EQ(Quai({"ingest", SamplePath("dev-inv-0003.pdf"), "-q", "--data", sqlite_data}).exit_code, 0);
  ASSERT_EQ(Quai({"backup", scratch_.File("sqlite-backup"), "--data", sqlite_data}).exit_code, 0);
  ProcessResult across = Quai({"restore", scratch_.File("sqlite-backup"), "--data", scratch_.File("across"), "--db",
                               Url(live_, "other")});
  EXPECT_NE(across.exit_code, 0);
  EXPECT_NE(across.err.find("quai migrate"), std::string::npos) << across.err;
  // Nor is an installation on PostgreSQL backed up over one.
  ProcessResult mixed = Quai({"backup", scratch_.File("sqlite-backup"), "--data", data, "--db", Url(live_, "quai_live")});
  EXPECT_NE(mixed.exit_code, 0);
  EXPECT_NE(mixed.err.find("holds a backup of an embedded (SQLite) installation"), std::string::npos) << mixed.err;
  EXPECT_FALSE(fs::exists(scratch_.File("sqlite-backup") + "/quai.pgdump"));
}

TEST_F(PostgresBackupTest, RestoresUnderTheSameSchemaNameAndFromPublicToPublic) {
  // Into a new server under the same schema name, and from public to public
  // (a URL that names no schema).
  ASSERT_EQ(live_.Execute("CREATE SCHEMA quai_live"), "");
  environment_.Unset();
  const std::string data = scratch_.File("data");
  ASSERT_EQ(Quai({"ingest", SamplePath("dev-inv-0003.pdf"), "-q", "--data", data, "--db", Url(live_, "quai_live")})
                .exit_code,
            0);
  ProcessResult good = Quai({"backup", scratch_.File("backup5"), "--data", data, "--db", Url(live_, "quai_live")});
  ASSERT_EQ(good.exit_code, 0) << good.err;
  ASSERT_EQ(spare_.Execute("CREATE SCHEMA quai_live"), "");
  ProcessResult same = Quai({"restore", scratch_.File("backup5"), "--data", scratch_.File("same"), "--db",
                             Url(spare_, "quai_live")});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_NE(same.out.find("consistent: 1 documents, 1 originals checked"), std::string::npos) << same.out;
  const std::string public_data = scratch_.File("public");
  ASSERT_EQ(Quai({"ingest", SamplePath("dev-coc-0002.pdf"), SamplePath("dev-dn-0001.pdf"), "-q", "--data",
                  public_data, "--db", PublicUrl(live_)})
                .exit_code,
            0);
  ProcessResult from_public = Quai({"backup", scratch_.File("backup6"), "--data", public_data, "--db", PublicUrl(live_)});
  ASSERT_EQ(from_public.exit_code, 0) << from_public.err;
  ProcessResult to_public = Quai({"restore", scratch_.File("backup6"), "--data", scratch_.File("public-restored"),
                                  "--db", PublicUrl(spare_)});
  EXPECT_EQ(to_public.exit_code, 0) << to_public.out << to_public.err;
  EXPECT_NE(to_public.out.find("consistent: 2 documents, 2 originals checked"), std::string::npos) << to_public.out;
  const auto public_before = Contents(live_, "public"), public_after = Contents(spare_, "public");
  EXPECT_EQ(public_before.at("table documents"), public_after.at("table documents"));
  EXPECT_EQ(public_before.size(), public_after.size());

}

}  // namespace
}  // namespace quai::testing
