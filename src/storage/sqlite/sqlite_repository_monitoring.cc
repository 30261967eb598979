// The figures /metrics reads at scrape time (storage/monitoring_store.h), as
// a few grouped counts in one transaction: a consistent snapshot whichever
// process asks, at a cost that grows with the number of sources, types and
// targets rather than with the documents' details.
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

// A document's step worked out as the review desk does (the search rows of
// sqlite_repository_reviews.cc): a person's state wins over the latest
// extraction; a processed document is auto-accepted only when that extraction
// requires no review. The type is the person's, else the extraction's.
constexpr char kDocumentSteps[] =
    "WITH steps AS (SELECT d.source AS source, COALESCE(r.document_type, e.document_type, '') AS type, "
    " d.status AS status, "
    " CASE WHEN d.status <> 'processed' THEN '' WHEN r.status IS NOT NULL THEN r.status "
    "  WHEN e.review_required = 0 THEN 'auto_accepted' ELSE 'needs_review' END AS review "
    " FROM documents d LEFT JOIN review_state r ON r.document_id = d.id "
    " LEFT JOIN extractions e ON e.id = (SELECT x.id FROM extractions x WHERE x.document_id = d.id "
    "  ORDER BY x.created_at DESC, x.id DESC LIMIT 1)) "
    "SELECT source, type, count(*), coalesce(sum(status = 'processed'), 0), coalesce(sum(status = 'refused'), 0), "
    "coalesce(sum(review = 'auto_accepted'), 0), coalesce(sum(review = 'validated'), 0), "
    "coalesce(sum(review = 'rejected'), 0), coalesce(sum(review = 'needs_review'), 0) "
    "FROM steps GROUP BY 1, 2 ORDER BY 1, 2";
constexpr char kExports[] =
    "SELECT t.name, coalesce(sum(x.attempts), 0), coalesce(sum(x.state = 'delivered'), 0), "
    "coalesce(sum(x.state = 'pending'), 0), coalesce(sum(x.state = 'dead'), 0) "
    "FROM export_targets t LEFT JOIN exports x ON x.target_id = t.id GROUP BY t.name ORDER BY t.name";
constexpr char kReadWindow[] =
    "SELECT count(*), coalesce(sum(review_required <> 0), 0), coalesce(avg(mean_confidence), 0) FROM "
    "(SELECT review_required, mean_confidence FROM extractions ORDER BY created_at DESC, id DESC LIMIT ?1)";
constexpr char kValidatedWindow[] =
    "SELECT count(*), coalesce(sum(EXISTS(SELECT 1 FROM review_events e WHERE e.document_id = v.document_id "
    "AND e.action IN ('field_corrected', 'line_corrected', 'line_added', 'line_removed', 'type_changed'))), 0) "
    "FROM (SELECT document_id FROM review_state WHERE status = 'validated' "
    "ORDER BY validated_at DESC, document_id DESC LIMIT ?1) v";
constexpr char kDriftSignals[] = "SELECT kind, count(*) FROM drift_signals GROUP BY kind ORDER BY kind";
constexpr char kLatestModel[] = "SELECT model_version FROM extractions ORDER BY created_at DESC, id DESC LIMIT 1";
constexpr char kActiveModels[] =
    "SELECT kind, document_type, version FROM model_versions WHERE status = 'active' ORDER BY kind, document_type";

}  // namespace

Result<MonitoringFigures> SqliteRepository::ReadMonitoringFigures(int window) {
  if (window <= 0) return Status::InvalidArgument("the drift window must hold at least one document");
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading the monitoring figures";
  MonitoringFigures figures;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(select, connection_, kDocumentSteps);
      QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
        const SqliteStatement& row = *select;
        DocumentStepCount& count = figures.documents.emplace_back();
        count.source = row.ColumnText(0);
        count.type = row.ColumnText(1);
        count.received = row.ColumnInt64(2);
        count.read = row.ColumnInt64(3);
        count.refused = row.ColumnInt64(4);
        count.auto_accepted = row.ColumnInt64(5);
        count.validated = row.ColumnInt64(6);
        count.rejected = row.ColumnInt64(7);
        count.needs_review = row.ColumnInt64(8);
      }));
    }
    {
      QUAI_SQLITE_PREPARE(select, connection_, kExports);
      QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
        const SqliteStatement& row = *select;
        figures.exports.push_back(
            {row.ColumnText(0), row.ColumnInt64(1), row.ColumnInt64(2), row.ColumnInt64(3), row.ColumnInt64(4)});
      }));
    }
    {
      QUAI_SQLITE_PREPARE(select, connection_, kReadWindow);
      select->BindInt64(1, window);
      QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
        const SqliteStatement& row = *select;
        figures.window_read = row.ColumnInt64(0);
        figures.window_review_required = row.ColumnInt64(1);
        figures.window_mean_confidence = row.ColumnDouble(2);
      }));
    }
    {
      QUAI_SQLITE_PREPARE(select, connection_, kValidatedWindow);
      select->BindInt64(1, window);
      QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
        const SqliteStatement& row = *select;
        figures.window_validated = row.ColumnInt64(0);
        figures.window_corrected = row.ColumnInt64(1);
      }));
    }
    {
      QUAI_SQLITE_PREPARE(select, connection_, kDriftSignals);
      QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
        const SqliteStatement& row = *select;
        figures.drift_signals.emplace_back(row.ColumnText(0), row.ColumnInt64(1));
      }));
    }
    {
      QUAI_SQLITE_PREPARE(select, connection_, kLatestModel);
      QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] { figures.latest_model_version = select->ColumnText(0); }));
    }
    QUAI_SQLITE_PREPARE(select, connection_, kActiveModels);
    return EachRow(*select, context, [&] {
        const SqliteStatement& row = *select;
      figures.active_models.push_back({row.ColumnText(0), row.ColumnText(1), row.ColumnText(2)});
    });
  });
  if (!status.ok()) return status;
  return figures;
}

}  // namespace quai
