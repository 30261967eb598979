#include "storage/sqlite/sqlite_consistency_check.h"

#include <filesystem>

#include "storage/sqlite/sqlite_connection.h"

namespace quai {

namespace {

// Each query yields one problem line per row. `timed` queries take ?1 = now
// and ?2 = the stale-lease limit, both in milliseconds.
struct Query {
  const char* sql;
  bool timed = false;
};

const Query kQueries[] = {
    // Documents: exactly one state, and what that state needs.
    {"SELECT 'document ' || d.id || ' (' || d.original_name || '): received, but no read job is queued or running: "
     "nobody will ever read it' FROM documents d WHERE d.status = 'received' AND NOT EXISTS (SELECT 1 FROM jobs j "
     "WHERE j.document_id = d.id AND j.kind = 'read' AND j.state IN ('queued', 'running'))"},
    {"SELECT 'document ' || d.id || ' (' || d.original_name || '): processed, but it has no extraction' "
     "FROM documents d WHERE d.status = 'processed' AND NOT EXISTS (SELECT 1 FROM extractions e "
     "WHERE e.document_id = d.id)"},
    {"SELECT 'document ' || d.id || ' (' || d.original_name || '): processed with ' || d.page_count || "
     "' pages, but ' || (SELECT count(*) FROM pages p WHERE p.document_id = d.id) || ' are stored' "
     "FROM documents d WHERE d.status = 'processed' AND d.page_count != (SELECT count(*) FROM pages p "
     "WHERE p.document_id = d.id)"},
    {"SELECT 'document ' || d.id || ' (' || d.original_name || '): refused, but with no cause' "
     "FROM documents d WHERE d.status = 'refused' AND trim(d.error) = ''"},
    {"SELECT 'document ' || d.id || ' (' || d.original_name || '): ' || d.status || ', yet it has a review (' || "
     "r.status || ')' FROM documents d JOIN review_state r ON r.document_id = d.id WHERE d.status != 'processed'"},
    // A received document may have an accepted version: its reader stores the
    // extraction (and a straight-through acceptance) before the pages, and one
    // killed between the two leaves the read job to run again. A refused one may not.
    {"SELECT 'document ' || d.id || ' (' || d.original_name || '): refused, yet it has an accepted version' "
     "FROM documents d WHERE d.status = 'refused' AND EXISTS (SELECT 1 FROM document_versions v "
     "WHERE v.document_id = d.id)"},
    {"SELECT 'document ' || r.document_id || ': validated, but its training example is missing' "
     "FROM review_state r WHERE r.status = 'validated' AND NOT EXISTS (SELECT 1 FROM training_examples t "
     "WHERE t.document_id = r.document_id)"},
    {"SELECT 'document ' || t.document_id || ': a training example, but the document is ' || "
     "coalesce(r.status, 'not reviewed') FROM training_examples t LEFT JOIN review_state r "
     "ON r.document_id = t.document_id WHERE coalesce(r.status, '') != 'validated'"},
    {"SELECT 'document ' || r.document_id || ': validated, but no version of it was accepted' "
     "FROM review_state r WHERE r.status = 'validated' AND NOT EXISTS (SELECT 1 FROM document_versions v "
     "WHERE v.document_id = r.document_id)"},
    {"SELECT 'document ' || r.document_id || ': validated, but it was neither learned nor is its learn job "
     "queued, running or dead' FROM review_state r WHERE r.status = 'validated' AND NOT EXISTS "
     "(SELECT 1 FROM layout_examples l WHERE l.document_id = r.document_id) AND NOT EXISTS "
     "(SELECT 1 FROM jobs j WHERE j.document_id = r.document_id AND j.kind = 'learn' AND j.state != 'done')"},

    // Jobs: one live job per key, and none held forever by a process gone.
    {"SELECT 'job key ' || dedupe_key || ': ' || count(*) || ' live jobs (ids ' || group_concat(id) || "
     "'), one expected' FROM jobs WHERE state IN ('queued', 'running') GROUP BY dedupe_key HAVING count(*) > 1"},
    {"SELECT 'job ' || id || ' (' || kind || coalesce(' of document ' || document_id, '') || '): claimed by ' || "
     "lease_holder || ', whose lease ended ' || ((?1 - lease_expires_ms) / 1000) || ' s ago, and never taken again' "
     "FROM jobs WHERE state = 'running' AND lease_expires_ms < ?1 - ?2",
     true},
    {"SELECT 'job ' || id || ' (' || kind || coalesce(' of document ' || document_id, '') || '): running with no "
     "holder' FROM jobs WHERE state = 'running' AND lease_holder = ''"},

    // Exports: one per version and target, every accepted version with its
    // exports, every pending one with a job that will send it.
    {"SELECT 'document ' || document_id || ' version ' || version || ': ' || count(*) || ' exports to target ' || "
     "target_id || ' (' || group_concat(key) || '), one expected' FROM exports GROUP BY version_id, target_id "
     "HAVING count(*) > 1"},
    {"SELECT 'document ' || v.document_id || ' version ' || v.version || ': accepted (' || v.source || "
     "') but not exported to target ' || t.name || ', which takes it' FROM document_versions v JOIN export_targets t "
     "ON t.removed = 0 AND t.enabled = 1 AND t.created_at <= v.created_at AND (v.source = 'validated' OR "
     "t.include_auto_accepted = 1) AND (t.document_types_json = '[]' OR EXISTS (SELECT 1 FROM "
     "json_each(t.document_types_json) WHERE value = v.document_type)) WHERE NOT EXISTS (SELECT 1 FROM exports x "
     "WHERE x.version_id = v.id AND x.target_id = t.id)"},
    {"SELECT 'export ' || x.key || ': pending, but no job is queued or running to send it' FROM exports x "
     "LEFT JOIN jobs j ON j.id = x.job_id WHERE x.state = 'pending' AND (j.id IS NULL OR j.state NOT IN "
     "('queued', 'running'))"},
    {"SELECT 'document ' || document_id || ': ' || count(*) || ' accepted versions numbered ' || version || "
     "', one expected' FROM document_versions GROUP BY document_id, version HAVING count(*) > 1"},

    // Events, examples and what learning counted: nothing recorded twice.
    {"SELECT 'document ' || document_id || ': ' || count(*) || ' training examples, one expected' "
     "FROM training_examples GROUP BY document_id HAVING count(*) > 1"},
    {"SELECT 'document ' || document_id || ': correction of ' || field || ' to ' || after_json || "
     "' recorded twice (events ' || previous_id || ' and ' || id || ')' FROM (SELECT id, document_id, action, field, "
     "before_json, after_json, lag(id) OVER w AS previous_id, lag(action) OVER w AS previous_action, "
     "lag(after_json) OVER w AS previous_after FROM review_events WHERE action IN ('field_corrected', "
     "'line_corrected') WINDOW w AS (PARTITION BY document_id, field ORDER BY id)) WHERE previous_id IS NOT NULL "
     "AND action = previous_action AND before_json = after_json AND after_json = previous_after"},
    {"SELECT 'supplier ' || group_concat(id) || ': \"' || min(name) || '\" added ' || count(*) || ' times' "
     "FROM suppliers GROUP BY lower(trim(name)) HAVING count(*) > 1"},
    {"SELECT 'supplier ' || s.id || ' (' || s.name || '): counts ' || s.documents_validated || "
     "' validated documents, but ' || (SELECT count(*) FROM supplier_outcomes o WHERE o.supplier_id = s.id) || "
     "' were learned' FROM suppliers s WHERE s.documents_validated > (SELECT count(*) FROM supplier_outcomes o "
     "WHERE o.supplier_id = s.id)"},
};

}  // namespace

Result<ConsistencyFindings> SqliteConsistencyCheck::Run(const std::string& database_path, const Options& options) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(database_path, error))
    return Status::NotFound("no database at " + database_path);
  auto connection = SqliteConnection::Open(database_path);
  if (!connection.ok()) return connection.status();
  SqliteConnection* db = connection->get();
  // One snapshot for every query: a deferred read transaction takes no write
  // lock, so the processes sharing the file go on meanwhile.
  QUAI_RETURN_IF_ERROR(db->Execute("BEGIN", "consistency check (begin)"));
  ConsistencyFindings findings;
  auto run = [&]() -> Status {
    for (const Query& query : kQueries) {
      QUAI_SQLITE_PREPARE(statement, db, query.sql);
      if (query.timed) {
        statement->BindInt64(1, options.now_ms);
        statement->BindInt64(2, options.stale_lease_ms);
      }
      QUAI_RETURN_IF_ERROR(EachRow(*statement, "consistency check",
                                   [&] { findings.problems.push_back(statement->ColumnText(0)); }));
    }
    QUAI_SQLITE_PREPARE(originals, db, "SELECT id, sha256, original_name, size_bytes FROM documents ORDER BY id");
    return EachRow(*originals, "consistency check (originals)", [&] {
      findings.originals.push_back(
          {originals->ColumnInt64(0), originals->ColumnText(1), originals->ColumnText(2), originals->ColumnInt64(3)});
    });
  };
  Status status = run();
  (void)db->Execute("COMMIT", "consistency check (end)");
  if (!status.ok()) return status;
  return findings;
}

}  // namespace quai
