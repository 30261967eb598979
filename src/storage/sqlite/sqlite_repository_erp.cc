// The ERP master data of SqliteRepository (storage/master_data_store.h). A
// sync writes in transactions of a few thousand rows, so that a million order
// lines never hold the file's write lock for long; each order is written
// whole (with its lines) in one of them. Rows carry the digest of what they
// were written from: an unchanged order costs a comparison, not a write.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <cctype>
#include <unordered_map>

#include "core/sha256.h"
#include "storage/search_values.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

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

constexpr char kSupplierColumns[] = "SELECT supplier_id, name, vat_number, registration_number, iban FROM erp_suppliers ";
constexpr char kArticleColumns[] =
    "SELECT article_code, supplier_id, supplier_article_code, description, unit, conversions_json, "
    "min_shelf_life_days, certificate_required, lot_managed FROM erp_articles ";

ErpSupplier ReadSupplier(const SqliteStatement& row) {
  return {row.ColumnText(0), row.ColumnText(1), row.ColumnText(2), row.ColumnText(3), row.ColumnText(4)};
}

ErpArticle ReadArticle(const SqliteStatement& row) {
  ErpArticle article{row.ColumnText(0), row.ColumnText(1), row.ColumnText(2), row.ColumnText(3),
                     row.ColumnText(4), {}, static_cast<int>(row.ColumnInt64(6)), row.ColumnInt64(7) != 0,
                     row.ColumnInt64(8) != 0};
  auto conversions = nlohmann::json::parse(row.ColumnText(5), nullptr, false);
  if (conversions.is_object())
    for (const auto& [unit, factor] : conversions.items())
      if (factor.is_number()) article.conversions[unit] = factor.get<double>();
  return article;
}

}  // namespace

Result<std::optional<ErpConnection>> SqliteRepository::GetErpConnection() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading the ERP connection";
  QUAI_SQLITE_PREPARE(select, connection_, "SELECT kind, settings_json FROM erp_connection WHERE id = 1");
  Result<bool> row = select->Step(context);
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ErpConnection>();
  ErpConnection erp{select->ColumnText(0), {}};
  auto settings = nlohmann::json::parse(select->ColumnText(1), nullptr, false);
  if (settings.is_object())
    for (const auto& [name, value] : settings.items())
      if (value.is_string()) erp.settings[name] = value.get<std::string>();
  return std::optional<ErpConnection>(std::move(erp));
}

Status SqliteRepository::SaveErpConnection(const ErpConnection& erp) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "saving the ERP connection";
  nlohmann::json settings(erp.settings);
  std::string settings_json = settings.dump();
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(save, connection_,
                        "INSERT INTO erp_connection(id, kind, settings_json) VALUES(1, ?1, ?2) "
                        "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, settings_json = excluded.settings_json");
    save->BindText(1, erp.kind);
    save->BindText(2, settings_json);
    return save->Run(context);
  });
}

Result<std::string> SqliteRepository::GetErpRulesJson() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading the ERP rules";
  QUAI_SQLITE_PREPARE(select, connection_, "SELECT rules_json FROM erp_rules WHERE id = 1");
  Result<bool> row = select->Step(context);
  if (!row.ok()) return row.status();
  return *row ? select->ColumnText(0) : std::string();
}

Status SqliteRepository::SaveErpRulesJson(const std::string& rules_json) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "saving the ERP rules";
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(save, connection_,
                        "INSERT INTO erp_rules(id, rules_json) VALUES(1, ?1) "
                        "ON CONFLICT(id) DO UPDATE SET rules_json = excluded.rules_json");
    save->BindText(1, rules_json);
    return save->Run(context);
  });
}

Result<ErpSyncState> SqliteRepository::GetErpSyncState() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading the ERP sync state";
  QUAI_SQLITE_PREPARE(select, connection_,
                      "SELECT cursor, last_attempt_at, last_success_at, last_error, available, generation "
                      "FROM erp_sync_state WHERE id = 1");
  Result<bool> row = select->Step(context);
  if (!row.ok()) return row.status();
  ErpSyncState state;
  if (*row)
    state = {select->ColumnText(0), select->ColumnText(1), select->ColumnText(2), select->ColumnText(3),
             select->ColumnInt64(4) != 0, select->ColumnInt64(5)};
  return state;
}

Status SqliteRepository::SaveErpSyncState(const ErpSyncState& state) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "saving the ERP sync state";
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(save, connection_,
                        "INSERT INTO erp_sync_state(id, cursor, last_attempt_at, last_success_at, last_error, "
                        "available, generation) VALUES(1, ?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO UPDATE SET "
                        "cursor = excluded.cursor, last_attempt_at = excluded.last_attempt_at, "
                        "last_success_at = excluded.last_success_at, last_error = excluded.last_error, "
                        "available = excluded.available, generation = excluded.generation");
    save->BindText(1, state.cursor);
    save->BindText(2, state.last_attempt_at);
    save->BindText(3, state.last_success_at);
    save->BindText(4, state.last_error);
    save->BindInt64(5, state.available ? 1 : 0);
    save->BindInt64(6, state.generation);
    return save->Run(context);
  });
}

Result<bool> SqliteRepository::ClaimErpSync(const std::string& expected, const std::string& now) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "claiming the ERP sync";
  bool claimed = false;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(first, connection_, "INSERT INTO erp_sync_state(id) VALUES(1) ON CONFLICT DO NOTHING");
      QUAI_RETURN_IF_ERROR(first->Run(context));
    }
    QUAI_SQLITE_PREPARE(claim, connection_,
                        "UPDATE erp_sync_state SET last_attempt_at = ?2 WHERE id = 1 AND last_attempt_at = ?1");
    claim->BindText(1, expected);
    claim->BindText(2, now);
    QUAI_RETURN_IF_ERROR(claim->Run(context));
    claimed = connection_->ChangedRows() == 1;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return claimed;
}

Result<MasterDataChange> SqliteRepository::ApplyMasterData(const MasterDataBatch& batch) {
  const std::string context = "writing the ERP master data";
  // What is stored, by key, with the digest it was written from.
  std::unordered_map<std::string, std::string> suppliers, articles, orders;
  {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    QUAI_RETURN_IF_ERROR(connection_->InTransaction(context, [&]() -> Status {
      {
        QUAI_SQLITE_PREPARE(select, connection_, "SELECT supplier_id, digest FROM erp_suppliers");
        QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] { suppliers.emplace(select->ColumnText(0), select->ColumnText(1)); }));
      }
      {
        QUAI_SQLITE_PREPARE(select, connection_, "SELECT article_code, supplier_id, digest FROM erp_articles");
        QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] { articles.emplace(ArticleKey(select->ColumnText(0), select->ColumnText(1)), select->ColumnText(2)); }));
      }
      QUAI_SQLITE_PREPARE(select, connection_, "SELECT po_number, digest FROM erp_purchase_orders");
      QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] { orders.emplace(select->ColumnText(0), select->ColumnText(1)); }));
      return Status::Ok();
    }));
  }
  MasterDataChange change;
  // Runs `write(i)` for each i in [0, count) in transactions of kRowsPerTransaction rows.
  auto in_chunks = [&](size_t count, const std::function<Result<size_t>(size_t)>& write) -> Status {
    for (size_t begin = 0; begin < count;) {
      std::lock_guard<std::recursive_mutex> lock(mutex_);
      QUAI_RETURN_IF_ERROR(connection_->InTransaction(context, [&]() -> Status {
        size_t rows = 0;
        for (; begin < count && rows < kRowsPerTransaction; ++begin) {
          auto written = write(begin);
          if (!written.ok()) return written.status();
          rows += *written + 1;  // an unchanged row still costs its comparison
        }
        return Status::Ok();
      }));
    }
    return Status::Ok();
  };
  QUAI_RETURN_IF_ERROR(in_chunks(batch.suppliers.size(), [&](size_t i) -> Result<size_t> {
    const ErpSupplier& s = batch.suppliers[i];
    std::string digest = Digest(SupplierJson(s));
    auto stored = suppliers.find(s.supplier_id);
    bool same = stored != suppliers.end() && stored->second == digest;
    if (stored != suppliers.end()) stored->second = "";  // seen: not deleted
    else suppliers.emplace(s.supplier_id, "");
    if (same) return size_t{0};
    QUAI_SQLITE_PREPARE(upsert, connection_,
                        "INSERT OR REPLACE INTO erp_suppliers(supplier_id, name, vat_number, registration_number, "
                        "iban, digest, siren) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    std::string vat = CompactKey(s.vat_number), registration = CompactKey(s.registration_number), iban = CompactKey(s.iban);
    upsert->BindText(1, s.supplier_id);
    upsert->BindText(2, s.name);
    upsert->BindText(3, vat);
    upsert->BindText(4, registration);
    upsert->BindText(5, iban);
    upsert->BindText(6, digest);
    // A SIRET's first nine digits are the company's SIREN.
    std::string siren = registration.size() >= 9 ? registration.substr(0, 9) : "";
    upsert->BindText(7, siren);
    QUAI_RETURN_IF_ERROR(upsert->Run(context));
    ++change.suppliers_written;
    return size_t{1};
  }));
  QUAI_RETURN_IF_ERROR(in_chunks(batch.articles.size(), [&](size_t i) -> Result<size_t> {
    const ErpArticle& a = batch.articles[i];
    std::string digest = Digest(ArticleJson(a));
    std::string key = ArticleKey(a.article_code, a.supplier_id);
    auto stored = articles.find(key);
    bool same = stored != articles.end() && stored->second == digest;
    if (stored != articles.end()) stored->second = "";
    else articles.emplace(key, "");
    if (same) return size_t{0};
    QUAI_SQLITE_PREPARE(upsert, connection_,
                        "INSERT OR REPLACE INTO erp_articles(article_code, supplier_id, supplier_article_code, "
                        "description, unit, conversions_json, min_shelf_life_days, certificate_required, "
                        "lot_managed, digest) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    std::string conversions = nlohmann::json(a.conversions).dump();
    upsert->BindText(1, a.article_code);
    upsert->BindText(2, a.supplier_id);
    upsert->BindText(3, a.supplier_article_code);
    upsert->BindText(4, a.description);
    upsert->BindText(5, a.unit);
    upsert->BindText(6, conversions);
    upsert->BindInt64(7, a.min_shelf_life_days);
    upsert->BindInt64(8, a.certificate_required ? 1 : 0);
    upsert->BindInt64(9, a.lot_managed ? 1 : 0);
    upsert->BindText(10, digest);
    QUAI_RETURN_IF_ERROR(upsert->Run(context));
    ++change.articles_written;
    return size_t{1};
  }));
  auto delete_order = [&](const std::string& po_number) -> Status {
    for (const char* sql : {"DELETE FROM erp_purchase_order_lines WHERE po_number = ?1",
                            "DELETE FROM erp_purchase_orders WHERE po_number = ?1"}) {
      QUAI_SQLITE_PREPARE(remove, connection_, sql);
      remove->BindText(1, po_number);
      QUAI_RETURN_IF_ERROR(remove->Run(context));
    }
    return Status::Ok();
  };
  QUAI_RETURN_IF_ERROR(in_chunks(batch.orders.size(), [&](size_t i) -> Result<size_t> {
    const PurchaseOrder& o = batch.orders[i];
    std::string digest = Digest(OrderJson(o));
    auto stored = orders.find(o.po_number);
    bool same = stored != orders.end() && stored->second == digest;
    bool existed = stored != orders.end();
    if (existed) stored->second = "";
    else orders.emplace(o.po_number, "");
    if (same) return size_t{0};
    if (existed) QUAI_RETURN_IF_ERROR(delete_order(o.po_number));
    {
      QUAI_SQLITE_PREPARE(insert, connection_,
                          "INSERT INTO erp_purchase_orders(po_number, supplier_id, status, order_date, digest) "
                          "VALUES(?1, ?2, ?3, ?4, ?5)");
      insert->BindText(1, o.po_number);
      insert->BindText(2, o.supplier_id);
      insert->BindText(3, o.status);
      insert->BindText(4, o.order_date);
      insert->BindText(5, digest);
      QUAI_RETURN_IF_ERROR(insert->Run(context));
    }
    for (size_t position = 0; position < o.lines.size(); ++position) {
      const PurchaseOrderLine& l = o.lines[position];
      QUAI_SQLITE_PREPARE(insert, connection_,
                          "INSERT OR REPLACE INTO erp_purchase_order_lines(po_number, line, article_code, "
                          "description, quantity_ordered, quantity_received, unit, unit_price, currency, "
                          "expected_date, position) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
      insert->BindText(1, o.po_number);
      insert->BindText(2, l.line);
      insert->BindText(3, l.article_code);
      insert->BindText(4, l.description);
      insert->BindDouble(5, l.quantity_ordered);
      insert->BindDouble(6, l.quantity_received);
      insert->BindText(7, l.unit);
      insert->BindDouble(8, l.unit_price);
      insert->BindText(9, l.currency);
      insert->BindText(10, l.expected_date);
      insert->BindInt64(11, static_cast<int64_t>(position));
      QUAI_RETURN_IF_ERROR(insert->Run(context));
    }
    ++change.orders_written;
    return o.lines.size() + 1;
  }));
  // Deletions: what a complete batch lacks, or what an incremental one names.
  std::vector<std::string> gone_orders = batch.deleted_po_numbers, gone_suppliers, gone_articles;
  if (batch.complete) {
    for (const auto& [key, digest] : orders) if (!digest.empty()) gone_orders.push_back(key);
    for (const auto& [key, digest] : suppliers) if (!digest.empty()) gone_suppliers.push_back(key);
    for (const auto& [key, digest] : articles) if (!digest.empty()) gone_articles.push_back(key);
  }
  QUAI_RETURN_IF_ERROR(in_chunks(gone_orders.size(), [&](size_t i) -> Result<size_t> {
    QUAI_RETURN_IF_ERROR(delete_order(gone_orders[i]));
    if (connection_->ChangedRows() > 0) ++change.orders_deleted;
    return size_t{1};
  }));
  QUAI_RETURN_IF_ERROR(in_chunks(gone_suppliers.size(), [&](size_t i) -> Result<size_t> {
    QUAI_SQLITE_PREPARE(remove, connection_, "DELETE FROM erp_suppliers WHERE supplier_id = ?1");
    remove->BindText(1, gone_suppliers[i]);
    QUAI_RETURN_IF_ERROR(remove->Run(context));
    ++change.suppliers_written;
    return size_t{1};
  }));
  QUAI_RETURN_IF_ERROR(in_chunks(gone_articles.size(), [&](size_t i) -> Result<size_t> {
    auto separator = gone_articles[i].find('\x1f');
    std::string code = gone_articles[i].substr(0, separator), supplier = gone_articles[i].substr(separator + 1);
    QUAI_SQLITE_PREPARE(remove, connection_, "DELETE FROM erp_articles WHERE article_code = ?1 AND supplier_id = ?2");
    remove->BindText(1, code);
    remove->BindText(2, supplier);
    QUAI_RETURN_IF_ERROR(remove->Run(context));
    ++change.articles_written;
    return size_t{1};
  }));
  return change;
}

Result<MasterDataCounts> SqliteRepository::CountMasterData() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "counting the ERP master data";
  QUAI_SQLITE_PREPARE(count, connection_,
                      "SELECT (SELECT count(*) FROM erp_suppliers), (SELECT count(*) FROM erp_articles), "
                      "(SELECT count(*) FROM erp_purchase_orders), (SELECT count(*) FROM erp_purchase_order_lines)");
  Result<bool> row = count->Step(context);
  if (!row.ok()) return row.status();
  return MasterDataCounts{count->ColumnInt64(0), count->ColumnInt64(1), count->ColumnInt64(2), count->ColumnInt64(3)};
}

Result<std::optional<PurchaseOrder>> SqliteRepository::FindPurchaseOrder(const std::string& po_number) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading purchase order " + po_number;
  PurchaseOrder order;
  {
    QUAI_SQLITE_PREPARE(select, connection_,
                        "SELECT po_number, supplier_id, status, order_date FROM erp_purchase_orders "
                        "WHERE po_number = ?1");
    select->BindText(1, po_number);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<PurchaseOrder>();
    order = {select->ColumnText(0), select->ColumnText(1), select->ColumnText(2), select->ColumnText(3), {}};
  }
  QUAI_SQLITE_PREPARE(lines, connection_,
                      "SELECT line, article_code, description, quantity_ordered, quantity_received, unit, "
                      "unit_price, currency, expected_date FROM erp_purchase_order_lines WHERE po_number = ?1 "
                      "ORDER BY position");
  lines->BindText(1, po_number);
  QUAI_RETURN_IF_ERROR(EachRow(*lines, context, [&] {
    order.lines.push_back({po_number, lines->ColumnText(0), lines->ColumnText(1), lines->ColumnText(2),
                           lines->ColumnDouble(3), lines->ColumnDouble(4), lines->ColumnText(5),
                           lines->ColumnDouble(6), lines->ColumnText(7), lines->ColumnText(8)});
  }));
  return std::optional<PurchaseOrder>(std::move(order));
}

Result<std::optional<ErpSupplier>> SqliteRepository::FindErpSupplier(const std::string& supplier_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading ERP supplier " + supplier_id;
  QUAI_SQLITE_PREPARE(select, connection_, std::string(kSupplierColumns) + "WHERE supplier_id = ?1");
  select->BindText(1, supplier_id);
  Result<bool> row = select->Step(context);
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ErpSupplier>();
  return std::optional<ErpSupplier>(ReadSupplier(*select));
}

Result<std::vector<ErpSupplier>> SqliteRepository::FindErpSuppliersByIdentifier(const std::string& kind,
                                                                                const std::string& value) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding ERP suppliers by " + kind;
  std::string where = kind == "vat"    ? "WHERE vat_number = ?1 AND ?1 <> ''"
                      : kind == "iban" ? "WHERE iban = ?1 AND ?1 <> ''"
                                       : "WHERE siren = substr(?1, 1, 9) AND length(?1) >= 9";
  QUAI_SQLITE_PREPARE(select, connection_, std::string(kSupplierColumns) + where);
  std::string compact = CompactKey(value);
  select->BindText(1, compact);
  std::vector<ErpSupplier> found;
  QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
    found.push_back(ReadSupplier(*select));
  }));
  return found;
}

Result<std::vector<ErpSupplier>> SqliteRepository::ListErpSuppliers() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing ERP suppliers";
  QUAI_SQLITE_PREPARE(select, connection_, std::string(kSupplierColumns) + "ORDER BY supplier_id");
  std::vector<ErpSupplier> found;
  QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
    found.push_back(ReadSupplier(*select));
  }));
  return found;
}

Result<std::optional<ErpArticle>> SqliteRepository::FindArticle(const std::string& article_code,
                                                                const std::string& supplier_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading ERP article " + article_code;
  QUAI_SQLITE_PREPARE(select, connection_,
                      std::string(kArticleColumns) +
                          "WHERE article_code = ?1 ORDER BY supplier_id = ?2 DESC, supplier_id = '' DESC LIMIT 1");
  select->BindText(1, article_code);
  select->BindText(2, supplier_id);
  Result<bool> row = select->Step(context);
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ErpArticle>();
  return std::optional<ErpArticle>(ReadArticle(*select));
}

Result<std::vector<ErpArticle>> SqliteRepository::FindArticlesBySupplierCode(const std::string& supplier_id,
                                                                             const std::string& supplier_article_code) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding ERP articles by supplier code " + supplier_article_code;
  QUAI_SQLITE_PREPARE(select, connection_,
                      std::string(kArticleColumns) + "WHERE supplier_id = ?1 AND supplier_article_code = ?2");
  select->BindText(1, supplier_id);
  select->BindText(2, supplier_article_code);
  std::vector<ErpArticle> found;
  QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
    found.push_back(ReadArticle(*select));
  }));
  return found;
}

Status SqliteRepository::SaveReceivedQuantities(int64_t document_id, const std::vector<ReceivedQuantity>& received) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "saving what document " + std::to_string(document_id) + " delivers";
  return connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(remove, connection_, "DELETE FROM received_quantities WHERE document_id = ?1");
      remove->BindInt64(1, document_id);
      QUAI_RETURN_IF_ERROR(remove->Run(context));
    }
    for (const auto& quantity : received) {
      QUAI_SQLITE_PREPARE(insert, connection_,
                          "INSERT INTO received_quantities(document_id, po_number, line, quantity) "
                          "VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity");
      insert->BindInt64(1, document_id);
      insert->BindText(2, quantity.po_number);
      insert->BindText(3, quantity.line);
      insert->BindDouble(4, quantity.quantity);
      QUAI_RETURN_IF_ERROR(insert->Run(context));
    }
    return Status::Ok();
  });
}

Result<std::map<std::string, double>> SqliteRepository::ReceivedInQuai(const std::string& po_number,
                                                                       int64_t document_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading what quai received on purchase order " + po_number;
  // Counted: documents a person validated, or whose latest reading needed nobody.
  QUAI_SQLITE_PREPARE(select, connection_,
                      "SELECT q.line, sum(q.quantity) FROM received_quantities q "
                      "LEFT JOIN review_state r ON r.document_id = q.document_id "
                      "WHERE q.po_number = ?1 AND q.document_id <> ?2 "
                      // Booked in the ERP and synced since: the ERP's own count has it.
                      "AND (q.booked_at = '' OR q.booked_at >= coalesce((SELECT last_success_at FROM erp_sync_state "
                      " WHERE id = 1), '')) AND ("
                      " r.status IN ('validated', 'auto_accepted') OR (r.status IS NULL AND (SELECT e.review_required "
                      "  FROM extractions e"
                      "  WHERE e.document_id = q.document_id ORDER BY e.created_at DESC, e.id DESC LIMIT 1) = 0)) "
                      "GROUP BY q.line");
  select->BindText(1, po_number);
  select->BindInt64(2, document_id);
  std::map<std::string, double> received;
  QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
    received[select->ColumnText(0)] = select->ColumnDouble(1);
  }));
  return received;
}

Result<std::vector<InvoiceTwin>> SqliteRepository::FindInvoiceTwins(int64_t document_id, const std::string& supplier,
                                                                    const std::string& invoice_number,
                                                                    const std::string& total,
                                                                    const std::string& date) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding invoices like document " + std::to_string(document_id);
  QUAI_SQLITE_PREPARE(
      select, connection_,
      "SELECT d.id, d.original_name, coalesce((SELECT v.value FROM document_values v WHERE v.document_id = d.id "
      " AND v.field = 'invoice_number'), '') AS number FROM documents d "
      "JOIN extractions e ON e.id = (SELECT x.id FROM extractions x WHERE x.document_id = d.id "
      " ORDER BY x.created_at DESC, x.id DESC LIMIT 1) LEFT JOIN review_state r ON r.document_id = d.id "
      "WHERE d.id <> ?1 AND d.status = 'processed' AND coalesce(r.document_type, e.document_type) = 'invoice' "
      "AND coalesce(r.status, '') <> 'rejected' AND lower(coalesce(r.supplier, e.supplier)) = lower(?2) AND ("
      " (?3 <> '' AND EXISTS (SELECT 1 FROM document_values v WHERE v.document_id = d.id "
      "   AND v.field = 'invoice_number' AND upper(v.value) = upper(?3))) OR "
      " (?4 <> '' AND ?5 <> '' AND EXISTS (SELECT 1 FROM document_values v WHERE v.document_id = d.id "
      "   AND v.field = 'total_incl_tax' AND v.value = ?4) AND EXISTS (SELECT 1 FROM document_values v "
      "   WHERE v.document_id = d.id AND v.field = 'invoice_date' AND v.value = ?5))) ORDER BY d.id");
  select->BindInt64(1, document_id);
  select->BindText(2, supplier);
  select->BindText(3, invoice_number);
  select->BindText(4, total);
  select->BindText(5, date);
  std::vector<InvoiceTwin> twins;
  QUAI_RETURN_IF_ERROR(EachRow(*select, context, [&] {
    twins.push_back({select->ColumnInt64(0), select->ColumnText(1), select->ColumnText(2)});
  }));
  return twins;
}

}  // namespace quai
