// The accepted versions and the lot book of SqliteRepository
// (storage/receiving_store.h): an acceptance writes its version, its lot
// entries, links and holds, and its exports in the transaction that accepts.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "core/sha256.h"
#include "storage/search_values.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

using Json = nlohmann::json;

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

DocumentVersion ReadVersion(const SqliteStatement& row) {
  DocumentVersion v;
  v.id = row.ColumnInt64(0);
  v.document_id = row.ColumnInt64(1);
  v.version = static_cast<int>(row.ColumnInt64(2));
  v.accepted.source = row.ColumnText(3);
  v.accepted.document_type = row.ColumnText(4);
  v.accepted.values_json = row.ColumnText(5);
  v.accepted.receipt_json = row.ColumnText(6);
  Json lots = Json::parse(row.ColumnText(7), nullptr, false);
  if (lots.is_array())
    for (const Json& lot : lots) v.accepted.lots.push_back(LotEntryFromJson(lot));
  v.accepted.accepted_by = row.ColumnText(8);
  v.digest = row.ColumnText(9);
  v.created_at = row.ColumnText(10);
  return v;
}

constexpr char kLotColumns[] =
    "SELECT l.id, l.supplier_key, l.supplier_name, l.article_key, l.supplier_article_key, l.article_code, "
    "l.description, l.lot_number, l.expiry_date, l.state, l.hold_reason, l.updated_at, "
    "(SELECT count(*) FROM lot_entries e WHERE e.lot_id = l.id AND e.role = 'delivery'), "
    "(SELECT count(*) FROM lot_entries e WHERE e.lot_id = l.id AND e.role = 'certificate') FROM lots l ";

Lot ReadLot(const SqliteStatement& row) {
  Lot lot;
  lot.id = row.ColumnInt64(0);
  lot.supplier_key = row.ColumnText(1);
  lot.supplier_name = row.ColumnText(2);
  lot.article_key = row.ColumnText(3);
  lot.supplier_article_key = row.ColumnText(4);
  lot.article_code = row.ColumnText(5);
  lot.description = row.ColumnText(6);
  lot.lot_number = row.ColumnText(7);
  lot.expiry_date = row.ColumnText(8);
  lot.state = row.ColumnText(9);
  lot.hold_reason = row.ColumnText(10);
  lot.updated_at = row.ColumnText(11);
  lot.deliveries = static_cast<int>(row.ColumnInt64(12));
  lot.certificates = static_cast<int>(row.ColumnInt64(13));
  return lot;
}

}  // namespace

Status SqliteRepository::AddLotEvent(int64_t lot_id, const std::string& action, int64_t document_id,
                                     const std::string& detail, const std::string& now, const std::string& context) {
  QUAI_SQLITE_PREPARE(insert, connection_,
                      "INSERT INTO lot_events(lot_id, at, action, document_id, detail) VALUES(?1, ?2, ?3, nullif(?4, 0), ?5)");
  insert->BindInt64(1, lot_id);
  insert->BindText(2, now);
  insert->BindText(3, action);
  insert->BindInt64(4, document_id);
  insert->BindText(5, detail);
  return insert->Run(context);
}

Status SqliteRepository::MatchCertificate(const LotEntry& entry, const std::string& context, int64_t* lot_id,
                                          std::string* why_not) {
  // The lots of this supplier (by the ERP's key or by name) with this number
  // that a delivery names: one whose only note was corrected away certifies nothing.
  QUAI_SQLITE_PREPARE(select, connection_,
                      "SELECT id, article_key, supplier_article_key FROM lots WHERE lot_key = ?1 AND "
                      "(supplier_key = ?2 OR (?3 <> 'name:' AND supplier_name_key = ?3)) AND EXISTS "
                      "(SELECT 1 FROM lot_entries d WHERE d.lot_id = lots.id AND d.role = 'delivery') ORDER BY id");
  select->BindText(1, entry.lot_key);
  select->BindText(2, entry.supplier_key);
  select->BindText(3, entry.supplier_name_key);
  struct Candidate {
    int64_t id;
    std::string article_key, supplier_article_key;
  };
  std::vector<Candidate> candidates;
  QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
    candidates.push_back({select->ColumnInt64(0), select->ColumnText(1), select->ColumnText(2)});
  }));
  const size_t by_number = candidates.size();
  if (!entry.article_key.empty()) {
    std::erase_if(candidates, [&](const Candidate& c) {
      return c.article_key != entry.article_key && c.supplier_article_key != entry.article_key;
    });
  }
  const size_t by_article = candidates.size();
  if (!entry.po_number.empty()) {
    std::vector<Candidate> on_order;
    for (const Candidate& c : candidates) {
      QUAI_SQLITE_PREPARE(orders, connection_,
                          "SELECT DISTINCT po_number FROM lot_entries WHERE lot_id = ?1 AND role = 'delivery'");
      orders->BindInt64(1, c.id);
      bool any = false, same = false;
      QUAI_RETURN_IF_ERROR(EachRow(*orders, context, [&] {
        const std::string po = CompactKey(orders->ColumnText(0));
        if (po.empty()) return;
        any = true;
        same = same || po == CompactKey(entry.po_number);
      }));
      // A delivery that named no order does not contradict the certificate's.
      if (same || !any) on_order.push_back(c);
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

Result<std::string> SqliteRepository::CertificateMatch(const LotEntry& entry) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  int64_t lot_id = 0;
  std::string reason;
  QUAI_RETURN_IF_ERROR(MatchCertificate(entry, "matching a certificate with the lot book", &lot_id, &reason));
  return reason;
}

Status SqliteRepository::LinkCertificateEntry(int64_t entry_id, int64_t document_id, const LotEntry& entry,
                                              int64_t linked_lot, const std::string& now, const std::string& context,
                                              std::set<int64_t>* touched) {
  int64_t lot_id = 0;
  std::string reason;
  QUAI_RETURN_IF_ERROR(MatchCertificate(entry, context, &lot_id, &reason));
  // A link the lots delivered since make a guess (or point elsewhere) is undone.
  auto unlink_from_before = [&](const std::string& why) -> Status {
    if (linked_lot == 0) return Status::Ok();
    touched->insert(linked_lot);
    return AddLotEvent(linked_lot, "certificate_unlinked", document_id,
                       "certificate of lot " + entry.lot_number + ": " + why, now, context);
  };
  if (!reason.empty()) {
    QUAI_SQLITE_PREPARE(update, connection_, "UPDATE lot_entries SET lot_id = NULL, unlinked_reason = ?2 WHERE id = ?1");
    update->BindInt64(1, entry_id);
    update->BindText(2, reason);
    QUAI_RETURN_IF_ERROR(update->Run(context));
    return unlink_from_before(reason);
  }
  if (lot_id == linked_lot) return Status::Ok();  // still the one lot it certifies
  QUAI_RETURN_IF_ERROR(unlink_from_before("it certifies lot #" + std::to_string(lot_id) + " instead"));
  QUAI_SQLITE_PREPARE(update, connection_,
                      "UPDATE lot_entries SET lot_id = ?2, unlinked_reason = '', linked_at = ?3 WHERE id = ?1");
  update->BindInt64(1, entry_id);
  update->BindInt64(2, lot_id);
  update->BindText(3, now);
  QUAI_RETURN_IF_ERROR(update->Run(context));
  QUAI_RETURN_IF_ERROR(AddLotEvent(lot_id, "certificate_linked", document_id, "certificate of lot " + entry.lot_number,
                                   now, context));
  touched->insert(lot_id);
  return Status::Ok();
}

Status SqliteRepository::UpdateLotState(int64_t lot_id, const std::string& now, const std::string& context) {
  QUAI_SQLITE_PREPARE(select, connection_,
                      "SELECT l.state, "
                      "(SELECT count(*) FROM lot_entries e WHERE e.lot_id = l.id AND e.role = 'delivery'), "
                      "(SELECT count(*) FROM lot_entries e WHERE e.lot_id = l.id AND e.role = 'delivery' "
                      " AND e.certificate_required = 1), "
                      "(SELECT count(*) FROM lot_entries e WHERE e.lot_id = l.id AND e.role = 'certificate') "
                      "FROM lots l WHERE l.id = ?1");
  select->BindInt64(1, lot_id);
  Result<bool> row = select->Step(context);
  if (!row.ok()) return row.status();
  if (!*row) return Status::Ok();
  const std::string before = select->ColumnText(0);
  const int64_t deliveries = select->ColumnInt64(1), required = select->ColumnInt64(2),
                certificates = select->ColumnInt64(3);
  std::string state = "released", reason;
  if (deliveries == 0) {
    state = "awaiting_delivery";
  } else if (required > 0 && certificates == 0) {
    state = "held";
    reason = "certificate_missing";
  }
  QUAI_SQLITE_PREPARE(update, connection_, "UPDATE lots SET state = ?2, hold_reason = ?3, updated_at = ?4 WHERE id = ?1");
  update->BindInt64(1, lot_id);
  update->BindText(2, state);
  update->BindText(3, reason);
  update->BindText(4, now);
  QUAI_RETURN_IF_ERROR(update->Run(context));
  if (state == before) return Status::Ok();
  if (state == "held")
    return AddLotEvent(lot_id, "held", 0, "certificate_missing: its article requires a certificate", now, context);
  if (state == "released" && before == "held")
    return AddLotEvent(lot_id, "released", 0, "a certificate is linked", now, context);
  return Status::Ok();
}

Status SqliteRepository::RecordAcceptance(int64_t document_id, const AcceptedVersion& accepted,
                                          const std::string& context) {
  const std::string now = FormatUtcTimestamp(clock_->Now());
  const std::string digest =
      Sha256Hex(accepted.document_type + '\n' + accepted.values_json + '\n' + accepted.receipt_json);
  int version = 1;
  {
    QUAI_SQLITE_PREPARE(latest, connection_,
                        "SELECT version, digest, source, id FROM document_versions WHERE document_id = ?1 "
                        "ORDER BY version DESC LIMIT 1");
    latest->BindInt64(1, document_id);
    Result<bool> row = latest->Step(context);
    if (!row.ok()) return row.status();
    if (*row) {
      if (latest->ColumnText(1) == digest) {
        // The same values again: no new version. A person validating what
        // went straight through makes it a validated version, for the
        // targets that take validated documents only.
        if (latest->ColumnText(2) != "auto_accepted" || accepted.source != "validated") return Status::Ok();
        const int same_version = static_cast<int>(latest->ColumnInt64(0));
        const int64_t version_id = latest->ColumnInt64(3);
        QUAI_SQLITE_PREPARE(update, connection_,
                            "UPDATE document_versions SET source = 'validated', accepted_by = ?2 WHERE id = ?1");
        update->BindInt64(1, version_id);
        update->BindText(2, accepted.accepted_by);
        QUAI_RETURN_IF_ERROR(update->Run(context));
        return QueueExports(document_id, version_id, same_version, accepted, now, /*supersede_earlier=*/false, context);
      }
      version = static_cast<int>(latest->ColumnInt64(0)) + 1;
    }
  }
  Json lots = Json::array();
  for (const LotEntry& entry : accepted.lots) lots.push_back(LotEntryJson(entry));
  int64_t version_id = 0;
  {
    QUAI_SQLITE_PREPARE(insert, connection_,
                        "INSERT INTO document_versions(document_id, version, source, document_type, values_json, "
                        "receipt_json, lots_json, accepted_by, digest, created_at) "
                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    const std::string lots_text = lots.dump();
    insert->BindInt64(1, document_id);
    insert->BindInt64(2, version);
    insert->BindText(3, accepted.source);
    insert->BindText(4, accepted.document_type);
    insert->BindText(5, accepted.values_json);
    insert->BindText(6, accepted.receipt_json);
    insert->BindText(7, lots_text);
    insert->BindText(8, accepted.accepted_by);
    insert->BindText(9, digest);
    insert->BindText(10, now);
    QUAI_RETURN_IF_ERROR(insert->Run(context));
    version_id = connection_->LastInsertRowId();
  }
  QUAI_RETURN_IF_ERROR(ReplaceLotEntries(document_id, version, accepted.lots, now, context));
  return QueueExports(document_id, version_id, version, accepted, now, /*supersede_earlier=*/true, context);
}

Status SqliteRepository::ReplaceLotEntries(int64_t document_id, int version, const std::vector<LotEntry>& entries,
                                           const std::string& now, const std::string& context) {
  std::set<int64_t> touched;
  std::set<int64_t> linked_before;
  {
    QUAI_SQLITE_PREPARE(select, connection_, "SELECT lot_id FROM lot_entries WHERE document_id = ?1 AND lot_id IS NOT NULL");
    select->BindInt64(1, document_id);
    QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] { linked_before.insert(select->ColumnInt64(0)); }));
    QUAI_SQLITE_PREPARE(remove, connection_, "DELETE FROM lot_entries WHERE document_id = ?1");
    remove->BindInt64(1, document_id);
    QUAI_RETURN_IF_ERROR(remove->Run(context));
  }
  touched.insert(linked_before.begin(), linked_before.end());
  // (supplier key, lot key) this version delivers or no longer delivers: their certificates are linked again.
  std::set<std::pair<std::string, std::string>> delivered;
  std::set<int64_t> linked_now;
  for (const LotEntry& entry : entries) {
    int64_t lot_id = 0;
    if (entry.role == "delivery") {
      const std::string identity = entry.article_key.empty() ? entry.supplier_article_key : entry.article_key;
      QUAI_SQLITE_PREPARE(upsert, connection_,
                          "INSERT INTO lots(supplier_key, article_identity, lot_key, supplier_name, supplier_name_key, "
                          "article_key, supplier_article_key, article_code, description, lot_number, expiry_date, "
                          "state, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'awaiting_delivery', ?12) "
                          "ON CONFLICT(supplier_key, article_identity, lot_key) DO UPDATE SET "
                          "expiry_date = CASE WHEN excluded.expiry_date <> '' THEN excluded.expiry_date ELSE expiry_date END, "
                          "updated_at = excluded.updated_at");
      upsert->BindText(1, entry.supplier_key);
      upsert->BindText(2, identity);
      upsert->BindText(3, entry.lot_key);
      upsert->BindText(4, entry.supplier_name);
      upsert->BindText(5, entry.supplier_name_key);
      upsert->BindText(6, entry.article_key);
      upsert->BindText(7, entry.supplier_article_key);
      upsert->BindText(8, entry.article_code);
      upsert->BindText(9, entry.description);
      upsert->BindText(10, entry.lot_number);
      upsert->BindText(11, entry.expiry_date);
      upsert->BindText(12, now);
      QUAI_RETURN_IF_ERROR(upsert->Run(context));
      QUAI_SQLITE_PREPARE(id, connection_,
                          "SELECT id FROM lots WHERE supplier_key = ?1 AND article_identity = ?2 AND lot_key = ?3");
      id->BindText(1, entry.supplier_key);
      id->BindText(2, identity);
      id->BindText(3, entry.lot_key);
      Result<bool> row = id->Step(context);
      if (!row.ok()) return row.status();
      lot_id = id->ColumnInt64(0);
      delivered.insert({entry.supplier_key, entry.lot_key});
      if (entry.supplier_name_key != "name:") delivered.insert({entry.supplier_name_key, entry.lot_key});
    }
    QUAI_SQLITE_PREPARE(insert, connection_,
                        "INSERT INTO lot_entries(document_id, version, role, line, lot_id, supplier_key, supplier_name_key, "
                        "article_key, supplier_article_key, lot_key, lot_number, article_code, po_number, quantity, unit, "
                        "expiry_date, certificate_required, linked_at, created_at) "
                        "VALUES(?1, ?2, ?3, ?4, nullif(?5, 0), ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                        "CASE WHEN ?5 = 0 THEN '' ELSE ?18 END, ?18)");
    insert->BindInt64(1, document_id);
    insert->BindInt64(2, version);
    insert->BindText(3, entry.role);
    insert->BindInt64(4, entry.line);
    insert->BindInt64(5, lot_id);
    insert->BindText(6, entry.supplier_key);
    insert->BindText(7, entry.supplier_name_key);
    insert->BindText(8, entry.article_key);
    insert->BindText(9, entry.supplier_article_key);
    insert->BindText(10, entry.lot_key);
    insert->BindText(11, entry.lot_number);
    insert->BindText(12, entry.article_code);
    insert->BindText(13, entry.po_number);
    insert->BindText(14, entry.quantity);
    insert->BindText(15, entry.unit);
    insert->BindText(16, entry.expiry_date);
    insert->BindInt64(17, entry.certificate_required ? 1 : 0);
    insert->BindText(18, now);
    QUAI_RETURN_IF_ERROR(insert->Run(context));
    const int64_t entry_id = connection_->LastInsertRowId();
    if (entry.role == "certificate") {
      QUAI_RETURN_IF_ERROR(LinkCertificateEntry(entry_id, document_id, entry, 0, now, context, &touched));
    } else {
      touched.insert(lot_id);
      if (!linked_before.count(lot_id) && !linked_now.count(lot_id))
        QUAI_RETURN_IF_ERROR(AddLotEvent(lot_id, "received", document_id,
                                         entry.quantity + (entry.unit.empty() ? "" : " " + entry.unit) +
                                             (entry.po_number.empty() ? "" : " on " + entry.po_number),
                                         now, context));
      linked_now.insert(lot_id);
    }
  }
  for (int64_t lot_id : linked_before) {
    QUAI_SQLITE_PREPARE(still, connection_, "SELECT 1 FROM lot_entries WHERE document_id = ?1 AND lot_id = ?2");
    still->BindInt64(1, document_id);
    still->BindInt64(2, lot_id);
    Result<bool> row = still->Step(context);
    if (!row.ok()) return row.status();
    if (*row) continue;
    QUAI_RETURN_IF_ERROR(AddLotEvent(lot_id, "withdrawn", document_id,
                                     "version " + std::to_string(version) + " of the document no longer names it",
                                     now, context));
    // Its certificates are linked again below, as those of the lots delivered.
    QUAI_SQLITE_PREPARE(keys, connection_, "SELECT supplier_key, supplier_name_key, lot_key FROM lots WHERE id = ?1");
    keys->BindInt64(1, lot_id);
    QUAI_RETURN_IF_ERROR(EachRow(*keys, context, [&] {
      delivered.insert({keys->ColumnText(0), keys->ColumnText(2)});
      if (keys->ColumnText(1) != "name:") delivered.insert({keys->ColumnText(1), keys->ColumnText(2)});
    }));
  }
  // The certificates of these lot numbers, linked or not, are linked again by
  // the rules on what is delivered now: those that came first and waited find
  // their lot, and one linked while its lot was the only one with its number
  // is unlinked when another article's lot with that number comes and the
  // certificate names nothing to choose between them.
  for (const auto& [supplier_key, lot_key] : delivered) {
    QUAI_SQLITE_PREPARE(waiting, connection_,
                        "SELECT id, document_id, supplier_key, supplier_name_key, article_key, lot_key, lot_number, "
                        "article_code, po_number, coalesce(lot_id, 0) FROM lot_entries WHERE role = 'certificate' "
                        "AND lot_key = ?2 AND (supplier_key = ?1 OR supplier_name_key = ?1)");
    waiting->BindText(1, supplier_key);
    waiting->BindText(2, lot_key);
    struct Waiting {
      int64_t entry_id, document_id, linked_lot;
      LotEntry entry;
    };
    std::vector<Waiting> found;
    QUAI_RETURN_IF_ERROR(EachRow(*waiting, context, [&] {
      LotEntry e;
      e.role = "certificate";
      e.supplier_key = waiting->ColumnText(2);
      e.supplier_name_key = waiting->ColumnText(3);
      e.article_key = waiting->ColumnText(4);
      e.lot_key = waiting->ColumnText(5);
      e.lot_number = waiting->ColumnText(6);
      e.article_code = waiting->ColumnText(7);
      e.po_number = waiting->ColumnText(8);
      found.push_back({waiting->ColumnInt64(0), waiting->ColumnInt64(1), waiting->ColumnInt64(9), std::move(e)});
    }));
    for (const Waiting& w : found)
      QUAI_RETURN_IF_ERROR(LinkCertificateEntry(w.entry_id, w.document_id, w.entry, w.linked_lot, now, context, &touched));
  }
  for (int64_t lot_id : touched) QUAI_RETURN_IF_ERROR(UpdateLotState(lot_id, now, context));
  return Status::Ok();
}

Result<std::vector<DocumentVersion>> SqliteRepository::ListDocumentVersions(int64_t document_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing the accepted versions of document " + std::to_string(document_id);
  QUAI_SQLITE_PREPARE(select, connection_, std::string(kVersionColumns) + "WHERE document_id = ?1 ORDER BY version");
  select->BindInt64(1, document_id);
  std::vector<DocumentVersion> versions;
  QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] { versions.push_back(ReadVersion(*select)); }));
  return versions;
}

Result<std::optional<DocumentVersion>> SqliteRepository::FindDocumentVersion(int64_t version_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading accepted version " + std::to_string(version_id);
  QUAI_SQLITE_PREPARE(select, connection_, std::string(kVersionColumns) + "WHERE id = ?1");
  select->BindInt64(1, version_id);
  Result<bool> row = select->Step(context);
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<DocumentVersion>();
  return std::optional<DocumentVersion>(ReadVersion(*select));
}

Result<std::vector<Lot>> SqliteRepository::SearchLots(const LotSearch& search) {
  if (search.limit < 1 || search.limit > 500 || search.offset < 0)
    return Status::InvalidArgument("searching lots: limit must be 1 to 500 and offset not negative");
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "searching lots";
  QUAI_SQLITE_PREPARE(
      select, connection_,
      std::string(kLotColumns) +
          "WHERE (?1 = '' OR instr(lower(l.lot_number || ' ' || l.article_code || ' ' || l.description || ' ' || "
          "l.supplier_name || ' ' || l.lot_key), lower(?1)) > 0 OR EXISTS (SELECT 1 FROM lot_entries e WHERE "
          "e.lot_id = l.id AND (instr(lower(e.po_number), lower(?1)) > 0 OR instr(lower(e.article_code), lower(?1)) > 0))) "
          "AND (?2 = '' OR l.state = ?2) "
          "AND (?3 = 0 OR EXISTS (SELECT 1 FROM lot_entries e WHERE e.lot_id = l.id AND e.document_id = ?3)) "
          "ORDER BY l.updated_at DESC, l.id DESC LIMIT ?4 OFFSET ?5");
  select->BindText(1, search.text);
  select->BindText(2, search.state);
  select->BindInt64(3, search.document_id);
  select->BindInt64(4, search.limit);
  select->BindInt64(5, search.offset);
  std::vector<Lot> lots;
  QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] { lots.push_back(ReadLot(*select)); }));
  return lots;
}

Result<std::optional<LotPage>> SqliteRepository::FindLot(int64_t lot_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading lot " + std::to_string(lot_id);
  std::optional<LotPage> page;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, std::string(kLotColumns) + "WHERE l.id = ?1");
    select->BindInt64(1, lot_id);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    page.emplace();
    page->lot = ReadLot(*select);
    QUAI_SQLITE_PREPARE(links, connection_,
                        "SELECT e.document_id, d.original_name, v.document_type, e.role, e.version, e.line, "
                        "e.po_number, e.quantity, e.unit, e.expiry_date, e.linked_at FROM lot_entries e "
                        "JOIN documents d ON d.id = e.document_id LEFT JOIN document_versions v "
                        "ON v.document_id = e.document_id AND v.version = e.version WHERE e.lot_id = ?1 ORDER BY e.id");
    links->BindInt64(1, lot_id);
    QUAI_RETURN_IF_ERROR(EachRow(*links, context, [&] {
      page->links.push_back({links->ColumnInt64(0), links->ColumnText(1), links->ColumnText(2), links->ColumnText(3),
                             static_cast<int>(links->ColumnInt64(4)), static_cast<int>(links->ColumnInt64(5)),
                             links->ColumnText(6), links->ColumnText(7), links->ColumnText(8), links->ColumnText(9),
                             links->ColumnText(10)});
    }));
    QUAI_SQLITE_PREPARE(events, connection_,
                        "SELECT at, action, coalesce(document_id, 0), detail FROM lot_events WHERE lot_id = ?1 ORDER BY id");
    events->BindInt64(1, lot_id);
    return EachRow(*events, context, [&] {
      page->events.push_back({events->ColumnText(0), events->ColumnText(1), events->ColumnInt64(2), events->ColumnText(3)});
    });
  });
  if (!status.ok()) return status;
  return page;
}

Result<std::vector<UnlinkedCertificate>> SqliteRepository::UnlinkedCertificates(int64_t document_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing certificates linked to no lot";
  QUAI_SQLITE_PREPARE(select, connection_,
                      "SELECT document_id, lot_number, article_code, po_number, unlinked_reason FROM lot_entries "
                      "WHERE role = 'certificate' AND lot_id IS NULL AND (?1 = 0 OR document_id = ?1) ORDER BY id");
  select->BindInt64(1, document_id);
  std::vector<UnlinkedCertificate> unlinked;
  QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
    unlinked.push_back({select->ColumnInt64(0), select->ColumnText(1), select->ColumnText(2), select->ColumnText(3),
                        select->ColumnText(4)});
  }));
  return unlinked;
}

}  // namespace quai
