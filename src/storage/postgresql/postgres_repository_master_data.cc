// The ERP master data of PostgresRepository (storage/master_data_store.h), as
// SqliteRepository keeps it: a sync writes in transactions of a few thousand
// rows, each order whole (with its lines) in one of them; rows carry the
// digest of what they were written from, so an unchanged order costs a
// comparison, not a write. What to write is decided before any transaction,
// so a transaction run again (PostgresPool retries deadlocks) redoes the same.
#include <nlohmann/json.hpp>

#include <functional>
#include <unordered_map>

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

constexpr size_t kRowsPerTransaction = 5000;

std::string Digest(const nlohmann::json& value) { return Sha256Hex(value.dump()); }

nlohmann::json SupplierJson(const ErpSupplier& s) {
  return {s.supplier_id, s.name, s.vat_number, s.registration_number, s.iban};
}
nlohmann::json ArticleJson(const ErpArticle& a) {
  return {a.article_code, a.supplier_id, a.supplier_article_code, a.description, a.unit, a.conversions,
          a.min_shelf_life_days, a.certificate_required, a.lot_managed};
}
nlohmann::json OrderJson(const PurchaseOrder& o) {
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : o.lines)
    lines.push_back({l.line, l.article_code, l.description, l.quantity_ordered, l.quantity_received, l.unit,
                     l.unit_price, l.currency, l.expected_date});
  return {o.po_number, o.supplier_id, o.status, o.order_date, lines};
}

std::string ArticleKey(const std::string& article_code, const std::string& supplier_id) {
  return article_code + '\x1f' + supplier_id;
}

constexpr char kSupplierColumns[] =
    "SELECT supplier_id, name, vat_number, registration_number, iban FROM erp_suppliers ";
constexpr char kArticleColumns[] =
    "SELECT article_code, supplier_id, supplier_article_code, description, unit, conversions_json, "
    "min_shelf_life_days, certificate_required, lot_managed FROM erp_articles ";

ErpSupplier ReadSupplier(const PostgresRows& rows, int row) {
  return {rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3), rows.Text(row, 4)};
}

ErpArticle ReadArticle(const PostgresRows& rows, int row) {
  ErpArticle article{rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3),
                     rows.Text(row, 4), {}, static_cast<int>(rows.Int(row, 6)), rows.Int(row, 7) != 0,
                     rows.Int(row, 8) != 0};
  auto conversions = nlohmann::json::parse(rows.Text(row, 5), nullptr, false);
  if (conversions.is_object())
    for (const auto& [unit, factor] : conversions.items())
      if (factor.is_number()) article.conversions[unit] = factor.get<double>();
  return article;
}

Status WriteSupplier(PostgresConnection& c, const ErpSupplier& s, const std::string& digest,
                     const std::string& context) {
  const std::string vat = CompactKey(s.vat_number), registration = CompactKey(s.registration_number),
                    iban = CompactKey(s.iban);
  // A SIRET's first nine digits are the company's SIREN.
  const std::string siren = registration.size() >= 9 ? registration.substr(0, 9) : "";
  QUAI_PG_ROWS(written,
               c.Query("INSERT INTO erp_suppliers(supplier_id, name, vat_number, registration_number, iban, digest, "
                       "siren) VALUES($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(supplier_id) DO UPDATE SET "
                       "name = excluded.name, vat_number = excluded.vat_number, "
                       "registration_number = excluded.registration_number, iban = excluded.iban, "
                       "digest = excluded.digest, siren = excluded.siren",
                       {s.supplier_id, s.name, vat, registration, iban, digest, siren}, context));
  (void)written;
  return Status::Ok();
}

Status WriteArticle(PostgresConnection& c, const ErpArticle& a, const std::string& digest,
                    const std::string& context) {
  QUAI_PG_ROWS(written,
               c.Query("INSERT INTO erp_articles(article_code, supplier_id, supplier_article_code, description, "
                       "unit, conversions_json, min_shelf_life_days, certificate_required, lot_managed, digest) "
                       "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT(article_code, supplier_id) "
                       "DO UPDATE SET supplier_article_code = excluded.supplier_article_code, "
                       "description = excluded.description, unit = excluded.unit, "
                       "conversions_json = excluded.conversions_json, "
                       "min_shelf_life_days = excluded.min_shelf_life_days, "
                       "certificate_required = excluded.certificate_required, lot_managed = excluded.lot_managed, "
                       "digest = excluded.digest",
                       {a.article_code, a.supplier_id, a.supplier_article_code, a.description, a.unit,
                        nlohmann::json(a.conversions).dump(), a.min_shelf_life_days, a.certificate_required ? 1 : 0,
                        a.lot_managed ? 1 : 0, digest},
                       context));
  (void)written;
  return Status::Ok();
}

// Deletes the order and its lines; true when there was one.
Result<bool> DeleteOrder(PostgresConnection& c, const std::string& po_number, const std::string& context) {
  QUAI_PG_ROWS(lines, c.Query("DELETE FROM erp_purchase_order_lines WHERE po_number = $1", {po_number}, context));
  (void)lines;
  QUAI_PG_ROWS(order, c.Query("DELETE FROM erp_purchase_orders WHERE po_number = $1", {po_number}, context));
  return order.changed() > 0;
}

Status WriteOrder(PostgresConnection& c, const PurchaseOrder& o, const std::string& digest, bool existed,
                  const std::string& context) {
  if (existed) {
    Result<bool> deleted = DeleteOrder(c, o.po_number, context);
    if (!deleted.ok()) return deleted.status();
  }
  QUAI_PG_ROWS(order,
               c.Query("INSERT INTO erp_purchase_orders(po_number, supplier_id, status, order_date, digest) "
                       "VALUES($1, $2, $3, $4, $5)",
                       {o.po_number, o.supplier_id, o.status, o.order_date, digest}, context));
  (void)order;
  for (size_t position = 0; position < o.lines.size(); ++position) {
    const PurchaseOrderLine& l = o.lines[position];
    // A line number given twice keeps the last, as SQLite's INSERT OR REPLACE does.
    QUAI_PG_ROWS(line,
                 c.Query("INSERT INTO erp_purchase_order_lines(po_number, line, article_code, description, "
                         "quantity_ordered, quantity_received, unit, unit_price, currency, expected_date, position) "
                         "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT(po_number, line) DO UPDATE "
                         "SET article_code = excluded.article_code, description = excluded.description, "
                         "quantity_ordered = excluded.quantity_ordered, quantity_received = excluded.quantity_received, "
                         "unit = excluded.unit, unit_price = excluded.unit_price, currency = excluded.currency, "
                         "expected_date = excluded.expected_date, position = excluded.position",
                         {o.po_number, l.line, l.article_code, l.description, l.quantity_ordered, l.quantity_received,
                          l.unit, l.unit_price, l.currency, l.expected_date, static_cast<int64_t>(position)},
                         context));
    (void)line;
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<ErpConnection>> PostgresRepository::GetErpConnection() {
  const std::string context = "reading the ERP connection";
  std::optional<ErpConnection> found;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    found.reset();
    QUAI_PG_ROWS(rows, c.Query("SELECT kind, settings_json FROM erp_connection WHERE id = 1", {}, context));
    if (rows.empty()) return Status::Ok();
    ErpConnection erp{rows.Text(0, 0), {}};
    auto settings = nlohmann::json::parse(rows.Text(0, 1), nullptr, false);
    if (settings.is_object())
      for (const auto& [name, value] : settings.items())
        if (value.is_string()) erp.settings[name] = value.get<std::string>();
    found = std::move(erp);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Status PostgresRepository::SaveErpConnection(const ErpConnection& erp) {
  const std::string context = "saving the ERP connection";
  const std::string settings_json = nlohmann::json(erp.settings).dump();
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(saved, c.Query("INSERT INTO erp_connection(id, kind, settings_json) VALUES(1, $1, $2) "
                                "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, "
                                "settings_json = excluded.settings_json",
                                {erp.kind, settings_json}, context));
    (void)saved;
    return Status::Ok();
  });
}

Result<std::string> PostgresRepository::GetErpRulesJson() {
  const std::string context = "reading the ERP rules";
  std::string rules;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(rows, c.Query("SELECT rules_json FROM erp_rules WHERE id = 1", {}, context));
    rules = rows.empty() ? "" : rows.Text(0, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return rules;
}

Status PostgresRepository::SaveErpRulesJson(const std::string& rules_json) {
  const std::string context = "saving the ERP rules";
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(saved, c.Query("INSERT INTO erp_rules(id, rules_json) VALUES(1, $1) "
                                "ON CONFLICT(id) DO UPDATE SET rules_json = excluded.rules_json",
                                {rules_json}, context));
    (void)saved;
    return Status::Ok();
  });
}

Result<ErpSyncState> PostgresRepository::GetErpSyncState() {
  const std::string context = "reading the ERP sync state";
  ErpSyncState state;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    state = ErpSyncState();
    QUAI_PG_ROWS(rows, c.Query("SELECT cursor, last_attempt_at, last_success_at, last_error, available, generation "
                               "FROM erp_sync_state WHERE id = 1",
                               {}, context));
    if (!rows.empty())
      state = {rows.Text(0, 0), rows.Text(0, 1), rows.Text(0, 2), rows.Text(0, 3), rows.Int(0, 4) != 0,
               rows.Int(0, 5)};
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return state;
}

Status PostgresRepository::SaveErpSyncState(const ErpSyncState& state) {
  const std::string context = "saving the ERP sync state";
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(saved,
                 c.Query("INSERT INTO erp_sync_state(id, cursor, last_attempt_at, last_success_at, last_error, "
                         "available, generation) VALUES(1, $1, $2, $3, $4, $5, $6) ON CONFLICT(id) DO UPDATE SET "
                         "cursor = excluded.cursor, last_attempt_at = excluded.last_attempt_at, "
                         "last_success_at = excluded.last_success_at, last_error = excluded.last_error, "
                         "available = excluded.available, generation = excluded.generation",
                         {state.cursor, state.last_attempt_at, state.last_success_at, state.last_error,
                          state.available ? 1 : 0, state.generation},
                         context));
    (void)saved;
    return Status::Ok();
  });
}

Result<bool> PostgresRepository::ClaimErpSync(const std::string& expected, const std::string& now) {
  const std::string context = "claiming the ERP sync";
  bool claimed = false;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(first, c.Query("INSERT INTO erp_sync_state(id) VALUES(1) ON CONFLICT DO NOTHING", {}, context));
    (void)first;
    // Under READ COMMITTED a second claimer waits for the first's row lock,
    // then checks the condition on the row the first wrote: one of them wins.
    QUAI_PG_ROWS(claim, c.Query("UPDATE erp_sync_state SET last_attempt_at = $2 WHERE id = 1 AND last_attempt_at = $1",
                                {expected, now}, context));
    claimed = claim.changed() == 1;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return claimed;
}

Result<MasterDataChange> PostgresRepository::ApplyMasterData(const MasterDataBatch& batch) {
  const std::string context = "writing the ERP master data";
  // What is stored, by key, with the digest it was written from.
  std::unordered_map<std::string, std::string> suppliers, articles, orders;
  QUAI_RETURN_IF_ERROR(pool_->InTransaction(
      context,
      [&](PostgresConnection& c) -> Status {
        suppliers.clear();
        articles.clear();
        orders.clear();
        QUAI_PG_ROWS(s, c.Query("SELECT supplier_id, digest FROM erp_suppliers", {}, context));
        for (int row = 0; row < s.size(); ++row) suppliers.emplace(s.Text(row, 0), s.Text(row, 1));
        QUAI_PG_ROWS(a, c.Query("SELECT article_code, supplier_id, digest FROM erp_articles", {}, context));
        for (int row = 0; row < a.size(); ++row) articles.emplace(ArticleKey(a.Text(row, 0), a.Text(row, 1)), a.Text(row, 2));
        QUAI_PG_ROWS(o, c.Query("SELECT po_number, digest FROM erp_purchase_orders", {}, context));
        for (int row = 0; row < o.size(); ++row) orders.emplace(o.Text(row, 0), o.Text(row, 1));
        return Status::Ok();
      },
      PostgresIsolation::kRepeatableRead));

  // What to write, decided here: a digest of "" marks a stored row the batch has (not deleted).
  struct Write {
    size_t index;
    std::string digest;
    bool existed;
  };
  std::vector<Write> supplier_writes, article_writes, order_writes;
  auto plan = [](std::unordered_map<std::string, std::string>& stored, const std::string& key,
                 const std::string& digest, size_t index, std::vector<Write>* writes) {
    auto found = stored.find(key);
    const bool existed = found != stored.end();
    const bool same = existed && found->second == digest;
    if (existed) found->second = "";
    else stored.emplace(key, "");
    if (!same) writes->push_back({index, digest, existed});
  };
  for (size_t i = 0; i < batch.suppliers.size(); ++i)
    plan(suppliers, batch.suppliers[i].supplier_id, Digest(SupplierJson(batch.suppliers[i])), i, &supplier_writes);
  for (size_t i = 0; i < batch.articles.size(); ++i)
    plan(articles, ArticleKey(batch.articles[i].article_code, batch.articles[i].supplier_id),
         Digest(ArticleJson(batch.articles[i])), i, &article_writes);
  for (size_t i = 0; i < batch.orders.size(); ++i)
    plan(orders, batch.orders[i].po_number, Digest(OrderJson(batch.orders[i])), i, &order_writes);
  // Deletions: what a complete batch lacks, or what an incremental one names.
  std::vector<std::string> gone_orders = batch.deleted_po_numbers, gone_suppliers, gone_articles;
  if (batch.complete) {
    for (const auto& [key, digest] : orders) if (!digest.empty()) gone_orders.push_back(key);
    for (const auto& [key, digest] : suppliers) if (!digest.empty()) gone_suppliers.push_back(key);
    for (const auto& [key, digest] : articles) if (!digest.empty()) gone_articles.push_back(key);
  }

  MasterDataChange change;
  // Runs `write(i)` (which returns the rows it wrote) for each i in [0, count)
  // in transactions of about kRowsPerTransaction rows; `counted(i, result)`
  // once a transaction committed, for each of its items.
  auto in_chunks = [&](size_t count, const std::function<Result<size_t>(PostgresConnection&, size_t)>& write,
                       const std::function<void(size_t)>& committed) -> Status {
    for (size_t begin = 0; begin < count;) {
      size_t end = begin;
      QUAI_RETURN_IF_ERROR(pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
        end = begin;
        size_t rows = 0;
        for (; end < count && rows < kRowsPerTransaction; ++end) {
          Result<size_t> written = write(c, end);
          if (!written.ok()) return written.status();
          rows += *written;
        }
        return Status::Ok();
      }));
      for (size_t i = begin; i < end; ++i) committed(i);
      begin = end;
    }
    return Status::Ok();
  };
  QUAI_RETURN_IF_ERROR(in_chunks(
      supplier_writes.size(),
      [&](PostgresConnection& c, size_t i) -> Result<size_t> {
        QUAI_RETURN_IF_ERROR(WriteSupplier(c, batch.suppliers[supplier_writes[i].index], supplier_writes[i].digest, context));
        return size_t{1};
      },
      [&](size_t) { ++change.suppliers_written; }));
  QUAI_RETURN_IF_ERROR(in_chunks(
      article_writes.size(),
      [&](PostgresConnection& c, size_t i) -> Result<size_t> {
        QUAI_RETURN_IF_ERROR(WriteArticle(c, batch.articles[article_writes[i].index], article_writes[i].digest, context));
        return size_t{1};
      },
      [&](size_t) { ++change.articles_written; }));
  QUAI_RETURN_IF_ERROR(in_chunks(
      order_writes.size(),
      [&](PostgresConnection& c, size_t i) -> Result<size_t> {
        const PurchaseOrder& order = batch.orders[order_writes[i].index];
        QUAI_RETURN_IF_ERROR(WriteOrder(c, order, order_writes[i].digest, order_writes[i].existed, context));
        return order.lines.size() + 1;
      },
      [&](size_t) { ++change.orders_written; }));
  std::vector<bool> order_deleted(gone_orders.size(), false);
  QUAI_RETURN_IF_ERROR(in_chunks(
      gone_orders.size(),
      [&](PostgresConnection& c, size_t i) -> Result<size_t> {
        Result<bool> deleted = DeleteOrder(c, gone_orders[i], context);
        if (!deleted.ok()) return deleted.status();
        order_deleted[i] = *deleted;
        return size_t{1};
      },
      [&](size_t i) { if (order_deleted[i]) ++change.orders_deleted; }));
  QUAI_RETURN_IF_ERROR(in_chunks(
      gone_suppliers.size(),
      [&](PostgresConnection& c, size_t i) -> Result<size_t> {
        QUAI_PG_ROWS(removed, c.Query("DELETE FROM erp_suppliers WHERE supplier_id = $1", {gone_suppliers[i]}, context));
        (void)removed;
        return size_t{1};
      },
      [&](size_t) { ++change.suppliers_written; }));
  QUAI_RETURN_IF_ERROR(in_chunks(
      gone_articles.size(),
      [&](PostgresConnection& c, size_t i) -> Result<size_t> {
        const size_t separator = gone_articles[i].find('\x1f');
        QUAI_PG_ROWS(removed, c.Query("DELETE FROM erp_articles WHERE article_code = $1 AND supplier_id = $2",
                                      {gone_articles[i].substr(0, separator), gone_articles[i].substr(separator + 1)},
                                      context));
        (void)removed;
        return size_t{1};
      },
      [&](size_t) { ++change.articles_written; }));
  return change;
}

Result<MasterDataCounts> PostgresRepository::CountMasterData() {
  const std::string context = "counting the ERP master data";
  MasterDataCounts counts;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(rows, c.Query("SELECT (SELECT count(*) FROM erp_suppliers), (SELECT count(*) FROM erp_articles), "
                               "(SELECT count(*) FROM erp_purchase_orders), "
                               "(SELECT count(*) FROM erp_purchase_order_lines)",
                               {}, context));
    counts = {rows.Int(0, 0), rows.Int(0, 1), rows.Int(0, 2), rows.Int(0, 3)};
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return counts;
}

Result<std::optional<PurchaseOrder>> PostgresRepository::FindPurchaseOrder(const std::string& po_number) {
  const std::string context = "reading purchase order " + po_number;
  std::optional<PurchaseOrder> found;
  Status status = pool_->InTransaction(
      context,
      [&](PostgresConnection& c) -> Status {
        found.reset();
        QUAI_PG_ROWS(order, c.Query("SELECT po_number, supplier_id, status, order_date FROM erp_purchase_orders "
                                    "WHERE po_number = $1",
                                    {po_number}, context));
        if (order.empty()) return Status::Ok();
        found = PurchaseOrder{order.Text(0, 0), order.Text(0, 1), order.Text(0, 2), order.Text(0, 3), {}};
        QUAI_PG_ROWS(lines, c.Query("SELECT line, article_code, description, quantity_ordered, quantity_received, "
                                    "unit, unit_price, currency, expected_date FROM erp_purchase_order_lines "
                                    "WHERE po_number = $1 ORDER BY position",
                                    {po_number}, context));
        for (int row = 0; row < lines.size(); ++row)
          found->lines.push_back({po_number, lines.Text(row, 0), lines.Text(row, 1), lines.Text(row, 2),
                                  lines.Double(row, 3), lines.Double(row, 4), lines.Text(row, 5),
                                  lines.Double(row, 6), lines.Text(row, 7), lines.Text(row, 8)});
        return Status::Ok();
      },
      PostgresIsolation::kRepeatableRead);  // the order and its lines as one sync left them
  if (!status.ok()) return status;
  return found;
}

Result<std::optional<ErpSupplier>> PostgresRepository::FindErpSupplier(const std::string& supplier_id) {
  const std::string context = "reading ERP supplier " + supplier_id;
  std::optional<ErpSupplier> found;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    found.reset();
    QUAI_PG_ROWS(rows, c.Query(std::string(kSupplierColumns) + "WHERE supplier_id = $1", {supplier_id}, context));
    if (!rows.empty()) found = ReadSupplier(rows, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<ErpSupplier>> PostgresRepository::FindErpSuppliersByIdentifier(const std::string& kind,
                                                                                  const std::string& value) {
  const std::string context = "finding ERP suppliers by " + kind;
  const std::string where = kind == "vat"    ? "WHERE vat_number = $1::text AND $1::text <> ''"
                            : kind == "iban" ? "WHERE iban = $1::text AND $1::text <> ''"
                                             : "WHERE siren = substr($1::text, 1, 9) AND length($1::text) >= 9";
  const std::string compact = CompactKey(value);
  std::vector<ErpSupplier> found;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    found.clear();
    QUAI_PG_ROWS(rows, c.Query(std::string(kSupplierColumns) + where + " ORDER BY supplier_id COLLATE \"C\"",
                               {compact}, context));
    for (int row = 0; row < rows.size(); ++row) found.push_back(ReadSupplier(rows, row));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<ErpSupplier>> PostgresRepository::ListErpSuppliers() {
  const std::string context = "listing ERP suppliers";
  std::vector<ErpSupplier> found;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    found.clear();
    QUAI_PG_ROWS(rows, c.Query(std::string(kSupplierColumns) + "ORDER BY supplier_id COLLATE \"C\"", {}, context));
    for (int row = 0; row < rows.size(); ++row) found.push_back(ReadSupplier(rows, row));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::optional<ErpArticle>> PostgresRepository::FindArticle(const std::string& article_code,
                                                                  const std::string& supplier_id) {
  const std::string context = "reading ERP article " + article_code;
  std::optional<ErpArticle> found;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    found.reset();
    // The supplier's own first, then the one with no supplier, then any.
    QUAI_PG_ROWS(rows, c.Query(std::string(kArticleColumns) +
                                   "WHERE article_code = $1 ORDER BY supplier_id = $2::text DESC, supplier_id = '' "
                                   "DESC, supplier_id COLLATE \"C\" LIMIT 1",
                               {article_code, supplier_id}, context));
    if (!rows.empty()) found = ReadArticle(rows, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<ErpArticle>> PostgresRepository::FindArticlesBySupplierCode(const std::string& supplier_id,
                                                                               const std::string& supplier_article_code) {
  const std::string context = "finding ERP articles by supplier code " + supplier_article_code;
  std::vector<ErpArticle> found;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    found.clear();
    QUAI_PG_ROWS(rows, c.Query(std::string(kArticleColumns) +
                                   "WHERE supplier_id = $1 AND supplier_article_code = $2 ORDER BY article_code COLLATE \"C\"",
                               {supplier_id, supplier_article_code}, context));
    for (int row = 0; row < rows.size(); ++row) found.push_back(ReadArticle(rows, row));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Status PostgresRepository::SaveReceivedQuantities(int64_t document_id, const std::vector<ReceivedQuantity>& received) {
  const std::string context = "saving what document " + std::to_string(document_id) + " delivers";
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(removed, c.Query("DELETE FROM received_quantities WHERE document_id = $1", {document_id}, context));
    (void)removed;
    for (const ReceivedQuantity& quantity : received) {
      QUAI_PG_ROWS(inserted,
                   c.Query("INSERT INTO received_quantities(document_id, po_number, line, quantity) "
                           "VALUES($1, $2, $3, $4) ON CONFLICT(document_id, po_number, line) DO UPDATE "
                           "SET quantity = received_quantities.quantity + excluded.quantity",
                           {document_id, quantity.po_number, quantity.line, quantity.quantity}, context));
      (void)inserted;
    }
    return Status::Ok();
  });
}

Result<std::map<std::string, double>> PostgresRepository::ReceivedInQuai(const std::string& po_number,
                                                                         int64_t document_id) {
  const std::string context = "reading what quai received on purchase order " + po_number;
  std::map<std::string, double> received;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    received.clear();
    // Counted: documents a person validated, or whose latest reading needed nobody.
    QUAI_PG_ROWS(rows,
                 c.Query("SELECT q.line, sum(q.quantity) FROM received_quantities q "
                         "LEFT JOIN review_state r ON r.document_id = q.document_id "
                         "WHERE q.po_number = $1 AND q.document_id <> $2 "
                         // Booked in the ERP and synced since: the ERP's own count has it.
                         "AND (q.booked_at = '' OR q.booked_at COLLATE \"C\" >= coalesce((SELECT last_success_at "
                         " FROM erp_sync_state WHERE id = 1), '')) AND ("
                         " r.status IN ('validated', 'auto_accepted') OR (r.status IS NULL AND (SELECT "
                         "  e.review_required FROM extractions e WHERE e.document_id = q.document_id "
                         "  ORDER BY e.created_at COLLATE \"C\" DESC, e.id DESC LIMIT 1) = 0)) "
                         "GROUP BY q.line",
                         {po_number, document_id}, context));
    for (int row = 0; row < rows.size(); ++row) received[rows.Text(row, 0)] = rows.Double(row, 1);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return received;
}

Result<std::vector<InvoiceTwin>> PostgresRepository::FindInvoiceTwins(int64_t document_id, const std::string& supplier,
                                                                      const std::string& invoice_number,
                                                                      const std::string& total,
                                                                      const std::string& date) {
  const std::string context = "finding invoices like document " + std::to_string(document_id);
  std::vector<InvoiceTwin> twins;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    twins.clear();
    QUAI_PG_ROWS(
        rows,
        c.Query("SELECT d.id, d.original_name, coalesce((SELECT v.value FROM document_values v "
                " WHERE v.document_id = d.id AND v.field = 'invoice_number' LIMIT 1), '') AS number FROM documents d "
                "JOIN extractions e ON e.id = (SELECT x.id FROM extractions x WHERE x.document_id = d.id "
                " ORDER BY x.created_at COLLATE \"C\" DESC, x.id DESC LIMIT 1) "
                "LEFT JOIN review_state r ON r.document_id = d.id "
                "WHERE d.id <> $1 AND d.status = 'processed' AND coalesce(r.document_type, e.document_type) = 'invoice' "
                "AND coalesce(r.status, '') <> 'rejected' AND lower(coalesce(r.supplier, e.supplier)) = lower($2::text) "
                "AND ( ($3::text <> '' AND EXISTS (SELECT 1 FROM document_values v WHERE v.document_id = d.id "
                "   AND v.field = 'invoice_number' AND upper(v.value) = upper($3::text))) OR "
                " ($4::text <> '' AND $5::text <> '' AND EXISTS (SELECT 1 FROM document_values v "
                "   WHERE v.document_id = d.id AND v.field = 'total_incl_tax' AND v.value = $4::text) "
                "   AND EXISTS (SELECT 1 FROM document_values v WHERE v.document_id = d.id "
                "   AND v.field = 'invoice_date' AND v.value = $5::text))) ORDER BY d.id",
                {document_id, supplier, invoice_number, total, date}, context));
    for (int row = 0; row < rows.size(); ++row) twins.push_back({rows.Int(row, 0), rows.Text(row, 1), rows.Text(row, 2)});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return twins;
}

}  // namespace quai
