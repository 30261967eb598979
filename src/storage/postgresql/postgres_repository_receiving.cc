// The accepted versions and the lot book of PostgresRepository
// (storage/receiving_store.h), as SqliteRepository keeps them: an acceptance
// writes its version, its lot entries, links and holds, and its exports in the
// transaction that accepts. SQLite runs one writer at a time; here an
// acceptance first takes the lot book's transaction-level advisory lock, so
// acceptances run one after another as there (a certificate and its delivery
// accepted at once by two workers still meet), while reads and every other
// write go on.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "core/sha256.h"
#include "storage/postgresql/postgres_pool.h"
#include "storage/postgresql/postgres_repository.h"
#include "storage/search_values.h"

namespace quai {
namespace {

#define QUAI_PG_ROWS(name, expr)                          \
  Result<PostgresRows> name##_result = (expr);            \
  if (!name##_result.ok()) return name##_result.status(); \
  const PostgresRows& name = *name##_result

using Json = nlohmann::json;

constexpr char kLockLotBook[] = "SELECT pg_advisory_xact_lock(hashtext('quai:lot_book'))";

Json LotEntryJson(const LotEntry& e) {
  return {{"role", e.role},
          {"line", e.line},
          {"supplier_key", e.supplier_key},
          {"supplier_name", e.supplier_name},
          {"supplier_name_key", e.supplier_name_key},
          {"article_key", e.article_key},
          {"supplier_article_key", e.supplier_article_key},
          {"article_code", e.article_code},
          {"description", e.description},
          {"lot_key", e.lot_key},
          {"lot_number", e.lot_number},
          {"po_number", e.po_number},
          {"quantity", e.quantity},
          {"unit", e.unit},
          {"expiry_date", e.expiry_date},
          {"certificate_required", e.certificate_required}};
}

LotEntry LotEntryFromJson(const Json& j) {
  LotEntry e;
  auto text = [&j](const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : ""; };
  e.role = text("role");
  e.line = j.value("line", -1);
  e.supplier_key = text("supplier_key");
  e.supplier_name = text("supplier_name");
  e.supplier_name_key = text("supplier_name_key");
  e.article_key = text("article_key");
  e.supplier_article_key = text("supplier_article_key");
  e.article_code = text("article_code");
  e.description = text("description");
  e.lot_key = text("lot_key");
  e.lot_number = text("lot_number");
  e.po_number = text("po_number");
  e.quantity = text("quantity");
  e.unit = text("unit");
  e.expiry_date = text("expiry_date");
  e.certificate_required = j.value("certificate_required", false);
  return e;
}

constexpr char kVersionColumns[] =
    "SELECT id, document_id, version, source, document_type, values_json, receipt_json, lots_json, accepted_by, "
    "digest, created_at FROM document_versions ";

DocumentVersion ReadVersion(const PostgresRows& rows, int row) {
  DocumentVersion v;
  v.id = rows.Int(row, 0);
  v.document_id = rows.Int(row, 1);
  v.version = static_cast<int>(rows.Int(row, 2));
  v.accepted.source = rows.Text(row, 3);
  v.accepted.document_type = rows.Text(row, 4);
  v.accepted.values_json = rows.Text(row, 5);
  v.accepted.receipt_json = rows.Text(row, 6);
  Json lots = Json::parse(rows.Text(row, 7), nullptr, false);
  if (lots.is_array())
    for (const Json& lot : lots) v.accepted.lots.push_back(LotEntryFromJson(lot));
  v.accepted.accepted_by = rows.Text(row, 8);
  v.digest = rows.Text(row, 9);
  v.created_at = rows.Text(row, 10);
  return v;
}

constexpr char kLotColumns[] =
    "SELECT l.id, l.supplier_key, l.supplier_name, l.article_key, l.supplier_article_key, l.article_code, "
    "l.description, l.lot_number, l.expiry_date, l.state, l.hold_reason, l.updated_at, "
    "(SELECT count(*) FROM lot_entries e WHERE e.lot_id = l.id AND e.role = 'delivery'), "
    "(SELECT count(*) FROM lot_entries e WHERE e.lot_id = l.id AND e.role = 'certificate') FROM lots l ";

Lot ReadLot(const PostgresRows& rows, int row) {
  Lot lot;
  lot.id = rows.Int(row, 0);
  lot.supplier_key = rows.Text(row, 1);
  lot.supplier_name = rows.Text(row, 2);
  lot.article_key = rows.Text(row, 3);
  lot.supplier_article_key = rows.Text(row, 4);
  lot.article_code = rows.Text(row, 5);
  lot.description = rows.Text(row, 6);
  lot.lot_number = rows.Text(row, 7);
  lot.expiry_date = rows.Text(row, 8);
  lot.state = rows.Text(row, 9);
  lot.hold_reason = rows.Text(row, 10);
  lot.updated_at = rows.Text(row, 11);
  lot.deliveries = static_cast<int>(rows.Int(row, 12));
  lot.certificates = static_cast<int>(rows.Int(row, 13));
  return lot;
}

// The lot book's writes of one acceptance, on its connection and time.
class LotBookWriter {
 public:
  LotBookWriter(PostgresConnection& c, std::string now, std::string context)
      : c_(c), now_(std::move(now)), context_(std::move(context)) {}

  Status AddLotEvent(int64_t lot_id, const std::string& action, int64_t document_id, const std::string& detail) {
    const std::optional<int64_t> document = document_id != 0 ? std::optional<int64_t>(document_id) : std::nullopt;
    QUAI_PG_ROWS(inserted, c_.Query("INSERT INTO lot_events(lot_id, at, action, document_id, detail) "
                                    "VALUES($1, $2, $3, $4, $5)",
                                    {lot_id, now_, action, document, detail}, context_));
    (void)inserted;
    return Status::Ok();
  }

  // Links a certificate's entry by the rules on the lots as they are now;
  // `linked_lot` is the lot it is linked to so far (0: none).
  Status LinkCertificateEntry(int64_t entry_id, int64_t document_id, const LotEntry& entry, int64_t linked_lot,
                              std::set<int64_t>* touched) {
    int64_t lot_id = 0;
    std::string reason;
    QUAI_RETURN_IF_ERROR(MatchCertificate(c_, entry, context_, &lot_id, &reason));
    // A link the lots delivered since make a guess (or point elsewhere) is undone.
    auto unlink_from_before = [&](const std::string& why) -> Status {
      if (linked_lot == 0) return Status::Ok();
      touched->insert(linked_lot);
      return AddLotEvent(linked_lot, "certificate_unlinked", document_id,
                         "certificate of lot " + entry.lot_number + ": " + why);
    };
    if (!reason.empty()) {
      QUAI_PG_ROWS(unlinked, c_.Query("UPDATE lot_entries SET lot_id = NULL, unlinked_reason = $2 WHERE id = $1",
                                      {entry_id, reason}, context_));
      (void)unlinked;
      return unlink_from_before(reason);
    }
    if (lot_id == linked_lot) return Status::Ok();  // still the one lot it certifies
    QUAI_RETURN_IF_ERROR(unlink_from_before("it certifies lot #" + std::to_string(lot_id) + " instead"));
    QUAI_PG_ROWS(linked,
                 c_.Query("UPDATE lot_entries SET lot_id = $2, unlinked_reason = '', linked_at = $3 WHERE id = $1",
                          {entry_id, lot_id, now_}, context_));
    (void)linked;
    QUAI_RETURN_IF_ERROR(AddLotEvent(lot_id, "certificate_linked", document_id, "certificate of lot " + entry.lot_number));
    touched->insert(lot_id);
    return Status::Ok();
  }

  Status UpdateLotState(int64_t lot_id) {
    QUAI_PG_ROWS(rows, c_.Query("SELECT l.state, "
                                "(SELECT count(*) FROM lot_entries e WHERE e.lot_id = l.id AND e.role = 'delivery'), "
                                "(SELECT count(*) FROM lot_entries e WHERE e.lot_id = l.id AND e.role = 'delivery' "
                                " AND e.certificate_required = 1), "
                                "(SELECT count(*) FROM lot_entries e WHERE e.lot_id = l.id AND e.role = 'certificate') "
                                "FROM lots l WHERE l.id = $1",
                                {lot_id}, context_));
    if (rows.empty()) return Status::Ok();
    const std::string before = rows.Text(0, 0);
    const int64_t deliveries = rows.Int(0, 1), required = rows.Int(0, 2), certificates = rows.Int(0, 3);
    std::string state = "released", reason;
    if (deliveries == 0) {
      state = "awaiting_delivery";
    } else if (required > 0 && certificates == 0) {
      state = "held";
      reason = "certificate_missing";
    }
    QUAI_PG_ROWS(updated, c_.Query("UPDATE lots SET state = $2, hold_reason = $3, updated_at = $4 WHERE id = $1",
                                   {lot_id, state, reason, now_}, context_));
    (void)updated;
    if (state == before) return Status::Ok();
    if (state == "held") return AddLotEvent(lot_id, "held", 0, "certificate_missing: its article requires a certificate");
    if (state == "released" && before == "held") return AddLotEvent(lot_id, "released", 0, "a certificate is linked");
    return Status::Ok();
  }

  Status ReplaceLotEntries(int64_t document_id, int version, const std::vector<LotEntry>& entries);

  // The one lot `entry` (a certificate) certifies, or why none.
  static Status MatchCertificate(PostgresConnection& c, const LotEntry& entry, const std::string& context,
                                 int64_t* lot_id, std::string* why_not);

 private:
  PostgresConnection& c_;
  const std::string now_;
  const std::string context_;
};

Status LotBookWriter::MatchCertificate(PostgresConnection& c, const LotEntry& entry, const std::string& context,
                                       int64_t* lot_id, std::string* why_not) {
  // The lots of this supplier (by the ERP's key or by name) with this number
  // that a delivery names: one whose only note was corrected away certifies nothing.
  QUAI_PG_ROWS(rows, c.Query("SELECT id, article_key, supplier_article_key FROM lots WHERE lot_key = $1 AND "
                             "(supplier_key = $2 OR ($3::text <> 'name:' AND supplier_name_key = $3::text)) AND EXISTS "
                             "(SELECT 1 FROM lot_entries d WHERE d.lot_id = lots.id AND d.role = 'delivery') ORDER BY id",
                             {entry.lot_key, entry.supplier_key, entry.supplier_name_key}, context));
  struct Candidate {
    int64_t id;
    std::string article_key, supplier_article_key;
  };
  std::vector<Candidate> candidates;
  for (int row = 0; row < rows.size(); ++row) candidates.push_back({rows.Int(row, 0), rows.Text(row, 1), rows.Text(row, 2)});
  const size_t by_number = candidates.size();
  if (!entry.article_key.empty()) {
    std::erase_if(candidates, [&](const Candidate& candidate) {
      return candidate.article_key != entry.article_key && candidate.supplier_article_key != entry.article_key;
    });
  }
  const size_t by_article = candidates.size();
  if (!entry.po_number.empty()) {
    std::vector<Candidate> on_order;
    for (const Candidate& candidate : candidates) {
      QUAI_PG_ROWS(orders, c.Query("SELECT DISTINCT po_number FROM lot_entries WHERE lot_id = $1 AND role = 'delivery'",
                                   {candidate.id}, context));
      bool any = false, same = false;
      for (int row = 0; row < orders.size(); ++row) {
        const std::string po = CompactKey(orders.Text(row, 0));
        if (po.empty()) continue;
        any = true;
        same = same || po == CompactKey(entry.po_number);
      }
      // A delivery that named no order does not contradict the certificate's.
      if (same || !any) on_order.push_back(candidate);
    }
    candidates = std::move(on_order);
  }
  std::string& reason = *why_not;
  reason.clear();
  *lot_id = 0;
  if (by_number == 0)
    reason = "no delivery of lot " + entry.lot_number + " from this supplier yet";
  else if (by_article == 0)
    reason = "lot " + entry.lot_number + " was delivered, but not of article " + entry.article_code;
  else if (candidates.empty())
    reason = "lot " + entry.lot_number + " was delivered, but not on order " + entry.po_number;
  else if (candidates.size() > 1)
    reason = std::to_string(candidates.size()) + " lots " + entry.lot_number +
             " of different articles match: the certificate names no article to choose";
  if (reason.empty()) *lot_id = candidates.front().id;
  return Status::Ok();
}

Status LotBookWriter::ReplaceLotEntries(int64_t document_id, int version, const std::vector<LotEntry>& entries) {
  std::set<int64_t> touched;
  std::set<int64_t> linked_before;
  {
    QUAI_PG_ROWS(rows, c_.Query("SELECT lot_id FROM lot_entries WHERE document_id = $1 AND lot_id IS NOT NULL",
                                {document_id}, context_));
    for (int row = 0; row < rows.size(); ++row) linked_before.insert(rows.Int(row, 0));
    QUAI_PG_ROWS(removed, c_.Query("DELETE FROM lot_entries WHERE document_id = $1", {document_id}, context_));
    (void)removed;
  }
  touched.insert(linked_before.begin(), linked_before.end());
  // (supplier key, lot key) this version delivers or no longer delivers: their certificates are linked again.
  std::set<std::pair<std::string, std::string>> delivered;
  std::set<int64_t> linked_now;
  for (const LotEntry& entry : entries) {
    int64_t lot_id = 0;
    if (entry.role == "delivery") {
      const std::string identity = entry.article_key.empty() ? entry.supplier_article_key : entry.article_key;
      QUAI_PG_ROWS(upserted,
                   c_.Query("INSERT INTO lots(supplier_key, article_identity, lot_key, supplier_name, "
                            "supplier_name_key, article_key, supplier_article_key, article_code, description, "
                            "lot_number, expiry_date, state, updated_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                            "$10, $11, 'awaiting_delivery', $12) "
                            "ON CONFLICT(supplier_key, article_identity, lot_key) DO UPDATE SET "
                            "expiry_date = CASE WHEN excluded.expiry_date <> '' THEN excluded.expiry_date "
                            "ELSE lots.expiry_date END, updated_at = excluded.updated_at RETURNING id",
                            {entry.supplier_key, identity, entry.lot_key, entry.supplier_name, entry.supplier_name_key,
                             entry.article_key, entry.supplier_article_key, entry.article_code, entry.description,
                             entry.lot_number, entry.expiry_date, now_},
                            context_));
      lot_id = upserted.Int(0, 0);
      delivered.insert({entry.supplier_key, entry.lot_key});
      if (entry.supplier_name_key != "name:") delivered.insert({entry.supplier_name_key, entry.lot_key});
    }
    const std::optional<int64_t> lot = lot_id != 0 ? std::optional<int64_t>(lot_id) : std::nullopt;
    QUAI_PG_ROWS(inserted,
                 c_.Query("INSERT INTO lot_entries(document_id, version, role, line, lot_id, supplier_key, "
                          "supplier_name_key, article_key, supplier_article_key, lot_key, lot_number, article_code, "
                          "po_number, quantity, unit, expiry_date, certificate_required, linked_at, created_at) "
                          "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) "
                          "RETURNING id",
                          {document_id, version, entry.role, entry.line, lot, entry.supplier_key,
                           entry.supplier_name_key, entry.article_key, entry.supplier_article_key, entry.lot_key,
                           entry.lot_number, entry.article_code, entry.po_number, entry.quantity, entry.unit,
                           entry.expiry_date, entry.certificate_required ? 1 : 0, lot_id == 0 ? "" : now_, now_},
                          context_));
    const int64_t entry_id = inserted.Int(0, 0);
    if (entry.role == "certificate") {
      QUAI_RETURN_IF_ERROR(LinkCertificateEntry(entry_id, document_id, entry, 0, &touched));
    } else {
      touched.insert(lot_id);
      if (!linked_before.count(lot_id) && !linked_now.count(lot_id))
        QUAI_RETURN_IF_ERROR(AddLotEvent(lot_id, "received", document_id,
                                         entry.quantity + (entry.unit.empty() ? "" : " " + entry.unit) +
                                             (entry.po_number.empty() ? "" : " on " + entry.po_number)));
      linked_now.insert(lot_id);
    }
  }
  for (int64_t lot_id : linked_before) {
    QUAI_PG_ROWS(still, c_.Query("SELECT 1 FROM lot_entries WHERE document_id = $1 AND lot_id = $2",
                                 {document_id, lot_id}, context_));
    if (!still.empty()) continue;
    QUAI_RETURN_IF_ERROR(AddLotEvent(lot_id, "withdrawn", document_id,
                                     "version " + std::to_string(version) + " of the document no longer names it"));
    // Its certificates are linked again below, as those of the lots delivered.
    QUAI_PG_ROWS(keys, c_.Query("SELECT supplier_key, supplier_name_key, lot_key FROM lots WHERE id = $1", {lot_id},
                                context_));
    for (int row = 0; row < keys.size(); ++row) {
      delivered.insert({keys.Text(row, 0), keys.Text(row, 2)});
      if (keys.Text(row, 1) != "name:") delivered.insert({keys.Text(row, 1), keys.Text(row, 2)});
    }
  }
  // The certificates of these lot numbers, linked or not, are linked again by
  // the rules on what is delivered now (storage/receiving_store.h).
  for (const auto& [supplier_key, lot_key] : delivered) {
    QUAI_PG_ROWS(waiting,
                 c_.Query("SELECT id, document_id, supplier_key, supplier_name_key, article_key, lot_key, lot_number, "
                          "article_code, po_number, coalesce(lot_id, 0) FROM lot_entries WHERE role = 'certificate' "
                          "AND lot_key = $2 AND (supplier_key = $1 OR supplier_name_key = $1) ORDER BY id",
                          {supplier_key, lot_key}, context_));
    for (int row = 0; row < waiting.size(); ++row) {
      LotEntry e;
      e.role = "certificate";
      e.supplier_key = waiting.Text(row, 2);
      e.supplier_name_key = waiting.Text(row, 3);
      e.article_key = waiting.Text(row, 4);
      e.lot_key = waiting.Text(row, 5);
      e.lot_number = waiting.Text(row, 6);
      e.article_code = waiting.Text(row, 7);
      e.po_number = waiting.Text(row, 8);
      QUAI_RETURN_IF_ERROR(
          LinkCertificateEntry(waiting.Int(row, 0), waiting.Int(row, 1), e, waiting.Int(row, 9), &touched));
    }
  }
  for (int64_t lot_id : touched) QUAI_RETURN_IF_ERROR(UpdateLotState(lot_id));
  return Status::Ok();
}

}  // namespace

Status PostgresRepository::RecordAcceptance(PostgresConnection& c, int64_t document_id, const AcceptedVersion& accepted,
                                            const std::string& context) {
  const std::string now = FormatUtcTimestamp(clock_->Now());
  const std::string digest =
      Sha256Hex(accepted.document_type + '\n' + accepted.values_json + '\n' + accepted.receipt_json);
  // One acceptance at a time, as SQLite's single writer: versions are numbered
  // and lots linked against what the acceptances before it wrote.
  QUAI_PG_ROWS(locked, c.Query(kLockLotBook, {}, context));
  (void)locked;
  int version = 1;
  {
    QUAI_PG_ROWS(latest, c.Query("SELECT version, digest, source, id FROM document_versions WHERE document_id = $1 "
                                 "ORDER BY version DESC LIMIT 1",
                                 {document_id}, context));
    if (!latest.empty()) {
      if (latest.Text(0, 1) == digest) {
        // The same values again: no new version. A person validating what
        // went straight through makes it a validated version, for the
        // targets that take validated documents only.
        if (latest.Text(0, 2) != "auto_accepted" || accepted.source != "validated") return Status::Ok();
        const int same_version = static_cast<int>(latest.Int(0, 0));
        const int64_t version_id = latest.Int(0, 3);
        QUAI_PG_ROWS(updated, c.Query("UPDATE document_versions SET source = 'validated', accepted_by = $2 WHERE id = $1",
                                      {version_id, accepted.accepted_by}, context));
        (void)updated;
        return QueueExports(c, document_id, version_id, same_version, accepted, now, /*supersede_earlier=*/false,
                            context);
      }
      version = static_cast<int>(latest.Int(0, 0)) + 1;
    }
  }
  Json lots = Json::array();
  for (const LotEntry& entry : accepted.lots) lots.push_back(LotEntryJson(entry));
  QUAI_PG_ROWS(inserted,
               c.Query("INSERT INTO document_versions(document_id, version, source, document_type, values_json, "
                       "receipt_json, lots_json, accepted_by, digest, created_at) "
                       "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                       {document_id, version, accepted.source, accepted.document_type, accepted.values_json,
                        accepted.receipt_json, lots.dump(), accepted.accepted_by, digest, now},
                       context));
  const int64_t version_id = inserted.Int(0, 0);
  LotBookWriter lot_book(c, now, context);
  QUAI_RETURN_IF_ERROR(lot_book.ReplaceLotEntries(document_id, version, accepted.lots));
  return QueueExports(c, document_id, version_id, version, accepted, now, /*supersede_earlier=*/true, context);
}

Result<std::vector<DocumentVersion>> PostgresRepository::ListDocumentVersions(int64_t document_id) {
  const std::string context = "listing the accepted versions of document " + std::to_string(document_id);
  std::vector<DocumentVersion> versions;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    versions.clear();
    QUAI_PG_ROWS(rows, c.Query(std::string(kVersionColumns) + "WHERE document_id = $1 ORDER BY version",
                               {document_id}, context));
    for (int row = 0; row < rows.size(); ++row) versions.push_back(ReadVersion(rows, row));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return versions;
}

Result<std::optional<DocumentVersion>> PostgresRepository::FindDocumentVersion(int64_t version_id) {
  const std::string context = "reading accepted version " + std::to_string(version_id);
  std::optional<DocumentVersion> found;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    found.reset();
    QUAI_PG_ROWS(rows, c.Query(std::string(kVersionColumns) + "WHERE id = $1", {version_id}, context));
    if (!rows.empty()) found = ReadVersion(rows, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<Lot>> PostgresRepository::SearchLots(const LotSearch& search) {
  if (search.limit < 1 || search.limit > 500 || search.offset < 0)
    return Status::InvalidArgument("searching lots: limit must be 1 to 500 and offset not negative");
  const std::string context = "searching lots";
  std::vector<Lot> lots;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    lots.clear();
    QUAI_PG_ROWS(
        rows,
        c.Query(std::string(kLotColumns) +
                    "WHERE ($1::text = '' OR strpos(lower(l.lot_number || ' ' || l.article_code || ' ' || "
                    "l.description || ' ' || l.supplier_name || ' ' || l.lot_key), lower($1::text)) > 0 OR EXISTS "
                    "(SELECT 1 FROM lot_entries e WHERE e.lot_id = l.id AND (strpos(lower(e.po_number), "
                    "lower($1::text)) > 0 OR strpos(lower(e.article_code), lower($1::text)) > 0))) "
                    "AND ($2::text = '' OR l.state = $2::text) "
                    "AND ($3::bigint = 0 OR EXISTS (SELECT 1 FROM lot_entries e WHERE e.lot_id = l.id "
                    "AND e.document_id = $3::bigint)) "
                    "ORDER BY l.updated_at COLLATE \"C\" DESC, l.id DESC LIMIT $4 OFFSET $5",
                {search.text, search.state, search.document_id, search.limit, search.offset}, context));
    for (int row = 0; row < rows.size(); ++row) lots.push_back(ReadLot(rows, row));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return lots;
}

Result<std::optional<LotPage>> PostgresRepository::FindLot(int64_t lot_id) {
  const std::string context = "reading lot " + std::to_string(lot_id);
  std::optional<LotPage> page;
  Status status = pool_->InTransaction(
      context,
      [&](PostgresConnection& c) -> Status {
        page.reset();
        QUAI_PG_ROWS(lot, c.Query(std::string(kLotColumns) + "WHERE l.id = $1", {lot_id}, context));
        if (lot.empty()) return Status::Ok();
        page.emplace();
        page->lot = ReadLot(lot, 0);
        QUAI_PG_ROWS(links,
                     c.Query("SELECT e.document_id, d.original_name, coalesce(v.document_type, ''), e.role, e.version, "
                             "e.line, e.po_number, e.quantity, e.unit, e.expiry_date, e.linked_at FROM lot_entries e "
                             "JOIN documents d ON d.id = e.document_id LEFT JOIN document_versions v "
                             "ON v.document_id = e.document_id AND v.version = e.version WHERE e.lot_id = $1 "
                             "ORDER BY e.id",
                             {lot_id}, context));
        for (int row = 0; row < links.size(); ++row)
          page->links.push_back({links.Int(row, 0), links.Text(row, 1), links.Text(row, 2), links.Text(row, 3),
                                 static_cast<int>(links.Int(row, 4)), static_cast<int>(links.Int(row, 5)),
                                 links.Text(row, 6), links.Text(row, 7), links.Text(row, 8), links.Text(row, 9),
                                 links.Text(row, 10)});
        QUAI_PG_ROWS(events, c.Query("SELECT at, action, coalesce(document_id, 0), detail FROM lot_events "
                                     "WHERE lot_id = $1 ORDER BY id",
                                     {lot_id}, context));
        for (int row = 0; row < events.size(); ++row)
          page->events.push_back({events.Text(row, 0), events.Text(row, 1), events.Int(row, 2), events.Text(row, 3)});
        return Status::Ok();
      },
      PostgresIsolation::kRepeatableRead);  // the lot, its links and its events as of one moment
  if (!status.ok()) return status;
  return page;
}

Result<std::vector<UnlinkedCertificate>> PostgresRepository::UnlinkedCertificates(int64_t document_id) {
  const std::string context = "listing certificates linked to no lot";
  std::vector<UnlinkedCertificate> unlinked;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    unlinked.clear();
    QUAI_PG_ROWS(rows, c.Query("SELECT document_id, lot_number, article_code, po_number, unlinked_reason "
                               "FROM lot_entries WHERE role = 'certificate' AND lot_id IS NULL "
                               "AND ($1::bigint = 0 OR document_id = $1::bigint) ORDER BY id",
                               {document_id}, context));
    for (int row = 0; row < rows.size(); ++row)
      unlinked.push_back({rows.Int(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3), rows.Text(row, 4)});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return unlinked;
}

Result<std::string> PostgresRepository::CertificateMatch(const LotEntry& entry) {
  const std::string context = "matching a certificate with the lot book";
  std::string reason;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    int64_t lot_id = 0;
    return LotBookWriter::MatchCertificate(c, entry, context, &lot_id, &reason);
  });
  if (!status.ok()) return status;
  return reason;
}

}  // namespace quai
