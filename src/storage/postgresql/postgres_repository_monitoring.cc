// PostgresRepository as MonitoringStore: the figures /metrics reads at scrape
// time (storage/monitoring_store.h), the same grouped counts as SQLite's
// (sqlite_repository_monitoring.cc), in one REPEATABLE READ transaction so
// that they are one snapshot whichever node is scraped. Text sorts COLLATE
// "C" (byte order, as SQLite), whatever the database's locale.
#include "storage/postgresql/postgres_document_row.h"
#include "storage/postgresql/postgres_pool.h"
#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

// A document's step worked out as the review desk does: a person's state wins
// over the latest extraction; a processed document is auto-accepted only when
// that extraction requires no review. The type is the person's, else the extraction's.
constexpr char kDocumentSteps[] =
    "WITH steps AS (SELECT d.source AS source, COALESCE(r.document_type, e.document_type, '') AS type, "
    " d.status AS status, "
    " CASE WHEN d.status <> 'processed' THEN '' WHEN r.status IS NOT NULL THEN r.status "
    "  WHEN e.review_required = 0 THEN 'auto_accepted' ELSE 'needs_review' END AS review "
    " FROM documents d LEFT JOIN review_state r ON r.document_id = d.id "
    " LEFT JOIN extractions e ON e.id = (SELECT x.id FROM extractions x WHERE x.document_id = d.id "
    "  ORDER BY x.created_at COLLATE \"C\" DESC, x.id DESC LIMIT 1)) "
    "SELECT source, type, count(*), count(*) FILTER (WHERE status = 'processed'), "
    "count(*) FILTER (WHERE status = 'refused'), count(*) FILTER (WHERE review = 'auto_accepted'), "
    "count(*) FILTER (WHERE review = 'validated'), count(*) FILTER (WHERE review = 'rejected'), "
    "count(*) FILTER (WHERE review = 'needs_review') "
    "FROM steps GROUP BY source, type ORDER BY source COLLATE \"C\", type COLLATE \"C\"";
constexpr char kExports[] =
    "SELECT t.name, coalesce(sum(x.attempts), 0), count(x.id) FILTER (WHERE x.state = 'delivered'), "
    "count(x.id) FILTER (WHERE x.state = 'pending'), count(x.id) FILTER (WHERE x.state = 'dead') "
    "FROM export_targets t LEFT JOIN exports x ON x.target_id = t.id GROUP BY t.name ORDER BY t.name COLLATE \"C\"";
constexpr char kReadWindow[] =
    "SELECT count(*), count(*) FILTER (WHERE review_required <> 0), coalesce(avg(mean_confidence), 0) FROM "
    "(SELECT review_required, mean_confidence FROM extractions ORDER BY created_at COLLATE \"C\" DESC, id DESC "
    "LIMIT $1) w";
constexpr char kValidatedWindow[] =
    "SELECT count(*), count(*) FILTER (WHERE EXISTS(SELECT 1 FROM review_events e "
    "WHERE e.document_id = v.document_id "
    "AND e.action IN ('field_corrected', 'line_corrected', 'line_added', 'line_removed', 'type_changed'))) "
    "FROM (SELECT document_id FROM review_state WHERE status = 'validated' "
    "ORDER BY validated_at COLLATE \"C\" DESC, document_id DESC LIMIT $1) v";
constexpr char kDriftSignals[] =
    "SELECT kind, count(*) FROM drift_signals GROUP BY kind ORDER BY kind COLLATE \"C\"";
constexpr char kLatestModel[] =
    "SELECT model_version FROM extractions ORDER BY created_at COLLATE \"C\" DESC, id DESC LIMIT 1";
constexpr char kActiveModels[] =
    "SELECT kind, document_type, version FROM model_versions WHERE status = 'active' "
    "ORDER BY kind COLLATE \"C\", document_type COLLATE \"C\"";

}  // namespace

Result<MonitoringFigures> PostgresRepository::ReadMonitoringFigures(int window) {
  if (window <= 0) return Status::InvalidArgument("the drift window must hold at least one document");
  const std::string context = "reading the monitoring figures";
  MonitoringFigures figures;
  Status status = pool_->InTransaction(
      context,
      [&](PostgresConnection& db) -> Status {
        figures = MonitoringFigures();
        QUAI_PG_ROWS(steps, db.Query(kDocumentSteps, {}, context));
        for (int row = 0; row < steps.size(); ++row) {
          DocumentStepCount& count = figures.documents.emplace_back();
          count.source = steps.Text(row, 0);
          count.type = steps.Text(row, 1);
          count.received = steps.Int(row, 2);
          count.read = steps.Int(row, 3);
          count.refused = steps.Int(row, 4);
          count.auto_accepted = steps.Int(row, 5);
          count.validated = steps.Int(row, 6);
          count.rejected = steps.Int(row, 7);
          count.needs_review = steps.Int(row, 8);
        }
        QUAI_PG_ROWS(exports, db.Query(kExports, {}, context));
        for (int row = 0; row < exports.size(); ++row) {
          figures.exports.push_back({exports.Text(row, 0), exports.Int(row, 1), exports.Int(row, 2),
                                     exports.Int(row, 3), exports.Int(row, 4)});
        }
        QUAI_PG_ROWS(read, db.Query(kReadWindow, {window}, context));
        figures.window_read = read.Int(0, 0);
        figures.window_review_required = read.Int(0, 1);
        figures.window_mean_confidence = read.Double(0, 2);
        QUAI_PG_ROWS(validated, db.Query(kValidatedWindow, {window}, context));
        figures.window_validated = validated.Int(0, 0);
        figures.window_corrected = validated.Int(0, 1);
        QUAI_PG_ROWS(signals, db.Query(kDriftSignals, {}, context));
        for (int row = 0; row < signals.size(); ++row) {
          figures.drift_signals.emplace_back(signals.Text(row, 0), signals.Int(row, 1));
        }
        QUAI_PG_ROWS(latest, db.Query(kLatestModel, {}, context));
        if (!latest.empty()) figures.latest_model_version = latest.Text(0, 0);
        QUAI_PG_ROWS(models, db.Query(kActiveModels, {}, context));
        for (int row = 0; row < models.size(); ++row) {
          figures.active_models.push_back({models.Text(row, 0), models.Text(row, 1), models.Text(row, 2)});
        }
        return Status::Ok();
      },
      PostgresIsolation::kRepeatableRead);  // one snapshot of every figure
  if (!status.ok()) return status;
  return figures;
}

}  // namespace quai
