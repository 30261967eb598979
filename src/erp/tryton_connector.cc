#include "erp/tryton_connector.h"

#include <algorithm>
#include <map>
#include <set>

namespace quai {
namespace {

using nlohmann::json;

// Ids per `in` clause: keeps each request small on large databases.
constexpr size_t kIdsPerQuery = 400;

int64_t IdOf(const json& value) { return value.is_number_integer() ? value.get<int64_t>() : 0; }
std::string TextOf(const json& value) { return value.is_string() ? value.get<std::string>() : ""; }

// One fetch: the session, the cursor, and what was read so far.
class TrytonFetch {
 public:
  TrytonFetch(TrytonSession& session, std::string cursor) : session_(session), cursor_(std::move(cursor)) {}

  Result<MasterDataBatch> Run() {
    if (Status s = session_.Login(); !s.ok()) return s;
    batch_.complete = cursor_.empty();
    if (!batch_.complete && !ToTrytonDateTime(cursor_, since_))
      return Status::InvalidArgument(session_.Describe() + ": the cursor '" + cursor_ + "' is not a Tryton date");
    batch_.cursor = cursor_;
    using Step = Status (TrytonFetch::*)();
    for (Step step : {&TrytonFetch::ReadUnitsAndCurrencies, &TrytonFetch::ReadOrders, &TrytonFetch::ReadSuppliers,
                      &TrytonFetch::ReadArticles})
      if (Status s = (this->*step)(); !s.ok()) return s;
    return std::move(batch_);
  }

 private:
  // ['OR', (path + write_date > since), (path + create_date > since)...] for each path.
  json ChangedSince(const std::vector<std::string>& paths) const {
    json clause = json::array({"OR"});
    for (const auto& path : paths)
      for (const char* field : {"write_date", "create_date"})
        clause.push_back(json::array({path + field, ">", since_}));
    return clause;
  }
  // Notes a record's dates into the next cursor.
  void See(const json& record) {
    for (const char* field : {"write_date", "create_date"}) {
      std::string date = TrytonDate(record.value(field, json()));
      if (date > batch_.cursor) batch_.cursor = date;
    }
  }
  // SearchRead with `ids` split into chunks: `domain` gets (field, in, chunk).
  Result<std::vector<json>> ReadByIds(const std::string& model, const std::string& field,
                                      const std::vector<int64_t>& ids, json domain,
                                      const std::vector<std::string>& fields) {
    std::vector<json> records;
    for (size_t start = 0; start < ids.size(); start += kIdsPerQuery) {
      json chunk(std::vector<int64_t>(ids.begin() + start, ids.begin() + std::min(ids.size(), start + kIdsPerQuery)));
      json chunk_domain = domain;
      chunk_domain.push_back(json::array({field, "in", chunk}));
      auto page = session_.SearchRead(model, chunk_domain, fields);
      if (!page.ok()) return page.status();
      for (auto& record : *page) records.push_back(std::move(record));
    }
    return records;
  }

  Status ReadUnitsAndCurrencies() {
    auto units = session_.SearchRead("product.uom", json::array(), {"symbol", "factor"});
    if (!units.ok()) return units.status();
    for (const auto& unit : *units) {
      unit_symbols_[IdOf(unit["id"])] = TextOf(unit["symbol"]);
      unit_factors_[IdOf(unit["id"])] = TrytonNumber(unit["factor"]);
    }
    auto currencies = session_.SearchRead("currency.currency", json::array(), {"code"});
    if (!currencies.ok()) return currencies.status();
    for (const auto& currency : *currencies) currency_codes_[IdOf(currency["id"])] = TextOf(currency["code"]);
    return Status::Ok();
  }

  Status ReadOrders() {
    json states = json::array({"confirmed", "processing", "done"});
    json domain = json::array();
    if (!batch_.complete) {
      states.push_back("cancelled");
      // A receipt changes the line's moves, not the purchase.
      domain.push_back(ChangedSince({"", "lines.", "lines.moves."}));
    }
    domain.push_back(json::array({"state", "in", states}));
    auto purchases = session_.SearchRead(
        "purchase.purchase", domain,
        {"number", "party", "state", "purchase_date", "currency", "write_date", "create_date"});
    if (!purchases.ok()) return purchases.status();
    std::map<int64_t, size_t> order_of_purchase;
    std::vector<int64_t> purchase_ids;
    for (const auto& purchase : *purchases) {
      See(purchase);
      PurchaseOrder order;
      order.po_number = TextOf(purchase["number"]);
      std::string state = TextOf(purchase["state"]);
      order.status = state == "done" ? "closed" : state == "cancelled" ? "cancelled" : "open";
      order.order_date = TrytonDate(purchase["purchase_date"]);
      supplier_of_order_.push_back(IdOf(purchase["party"]));
      currency_of_order_.push_back(currency_codes_[IdOf(purchase["currency"])]);
      order_of_purchase[IdOf(purchase["id"])] = batch_.orders.size();
      purchase_ids.push_back(IdOf(purchase["id"]));
      batch_.orders.push_back(std::move(order));
    }
    auto lines = ReadByIds("purchase.line", "purchase", purchase_ids, json::array({json::array({"type", "=", "line"})}),
                           {"purchase", "sequence", "product", "description", "quantity", "unit", "unit_price",
                            "delivery_date", "moves", "write_date", "create_date"});
    if (!lines.ok()) return lines.status();
    if (Status s = ReadReceivedQuantities(*lines); !s.ok()) return s;
    std::set<int64_t> product_ids;
    for (const auto& line : *lines) product_ids.insert(IdOf(line["product"]));
    auto products = ReadByIds("product.product", "id", {product_ids.begin(), product_ids.end()}, json::array(),
                              {"code", "name"});
    if (!products.ok()) return products.status();
    std::map<int64_t, const json*> product_of_id;
    for (const auto& product : *products) product_of_id[IdOf(product["id"])] = &product;
    // Line keys: Tryton's sequence when every line of the order has its own, else the line's id.
    std::map<int64_t, std::set<int64_t>> sequences_of_purchase;
    std::map<int64_t, size_t> lines_of_purchase;
    for (const auto& line : *lines) {
      lines_of_purchase[IdOf(line["purchase"])]++;
      if (line["sequence"].is_number_integer())
        sequences_of_purchase[IdOf(line["purchase"])].insert(line["sequence"].get<int64_t>());
    }
    for (const auto& line : *lines) {
      See(line);
      int64_t purchase_id = IdOf(line["purchase"]);
      size_t order_index = order_of_purchase.at(purchase_id);
      PurchaseOrder& order = batch_.orders[order_index];
      PurchaseOrderLine entry;
      entry.po_number = order.po_number;
      bool sequenced = sequences_of_purchase[purchase_id].size() == lines_of_purchase[purchase_id];
      entry.line = std::to_string(sequenced ? IdOf(line["sequence"]) : IdOf(line["id"]));
      entry.description = TextOf(line["description"]);
      if (auto product = product_of_id.find(IdOf(line["product"])); product != product_of_id.end()) {
        entry.article_code = TextOf((*product->second)["code"]);
        if (entry.description.empty()) entry.description = TextOf((*product->second)["name"]);
      }
      entry.quantity_ordered = TrytonNumber(line["quantity"]);
      entry.quantity_received = received_of_line_[IdOf(line["id"])];
      entry.unit = unit_symbols_[IdOf(line["unit"])];
      entry.unit_price = TrytonNumber(line["unit_price"]);
      entry.currency = currency_of_order_[order_index];
      entry.expected_date = TrytonDate(line["delivery_date"]);
      order.lines.push_back(std::move(entry));
    }
    for (auto& order : batch_.orders)
      std::sort(order.lines.begin(), order.lines.end(), [](const auto& a, const auto& b) {
        return a.line.size() != b.line.size() ? a.line.size() < b.line.size() : a.line < b.line;
      });
    return Status::Ok();
  }

  // What each line received: its done moves, in the line's unit.
  Status ReadReceivedQuantities(const std::vector<json>& lines) {
    std::map<int64_t, const json*> line_of_id;
    std::vector<int64_t> move_ids;
    for (const auto& line : lines) {
      line_of_id[IdOf(line["id"])] = &line;
      if (line["moves"].is_array())
        for (const auto& move : line["moves"]) move_ids.push_back(IdOf(move));
    }
    auto moves = ReadByIds("stock.move", "id", move_ids, json::array({json::array({"state", "=", "done"})}),
                           {"origin", "quantity", "uom", "write_date", "create_date"});
    if (!moves.ok()) return moves.status();
    for (const auto& move : *moves) {
      See(move);
      std::string origin = TextOf(move["origin"]);  // "purchase.line,12"
      if (origin.rfind("purchase.line,", 0) != 0) continue;
      int64_t line_id = std::atoll(origin.c_str() + 14);
      auto line = line_of_id.find(line_id);
      if (line == line_of_id.end()) continue;
      double from = unit_factors_[IdOf(move["uom"])], to = unit_factors_[IdOf((*line->second)["unit"])];
      double quantity = TrytonNumber(move["quantity"]);
      received_of_line_[line_id] += (from > 0 && to > 0) ? quantity * from / to : quantity;
    }
    return Status::Ok();
  }

  Status ReadSuppliers();
  Status ReadArticles();
  Result<std::map<int64_t, std::string>> SupplierIdsOf(const std::set<int64_t>& party_ids);

  TrytonSession& session_;
  std::string cursor_;
  json since_;
  MasterDataBatch batch_;
  std::map<int64_t, std::string> unit_symbols_;
  std::map<int64_t, double> unit_factors_;
  std::map<int64_t, std::string> currency_codes_;
  std::vector<int64_t> supplier_of_order_;  // party id, per batch_.orders
  std::vector<std::string> currency_of_order_;
  std::map<int64_t, double> received_of_line_;
};

// A party's key in quai: its Tryton code (what users see), else its id.
Result<std::map<int64_t, std::string>> TrytonFetch::SupplierIdsOf(const std::set<int64_t>& party_ids) {
  std::map<int64_t, std::string> supplier_ids;
  auto parties = ReadByIds("party.party", "id", {party_ids.begin(), party_ids.end()}, json::array(), {"code"});
  if (!parties.ok()) return parties.status();
  for (const auto& party : *parties) {
    std::string code = TextOf(party["code"]);
    supplier_ids[IdOf(party["id"])] = code.empty() ? std::to_string(IdOf(party["id"])) : code;
  }
  return supplier_ids;
}

Status TrytonFetch::ReadSuppliers() {
  // The parties the company buys from: on a purchase (any state) or a product's supplier.
  std::set<int64_t> supplier_party_ids;
  for (const char* model : {"purchase.purchase", "purchase.product_supplier"}) {
    auto records = session_.SearchRead(model, json::array(), {"party"});
    if (!records.ok()) return records.status();
    for (const auto& record : *records) supplier_party_ids.insert(IdOf(record["party"]));
  }
  supplier_party_ids.erase(0);
  json domain = json::array();
  if (!batch_.complete) domain.push_back(ChangedSince({"", "identifiers."}));
  auto parties = ReadByIds("party.party", "id", {supplier_party_ids.begin(), supplier_party_ids.end()}, domain,
                           {"code", "name", "write_date", "create_date"});
  if (!parties.ok()) return parties.status();
  std::vector<int64_t> party_ids;
  for (const auto& party : *parties) party_ids.push_back(IdOf(party["id"]));
  auto identifiers = ReadByIds("party.identifier", "party", party_ids, json::array(), {"party", "type", "code"});
  if (!identifiers.ok()) return identifiers.status();
  std::map<int64_t, ErpSupplier> supplier_of_party;
  for (const auto& party : *parties) {
    See(party);
    ErpSupplier& supplier = supplier_of_party[IdOf(party["id"])];
    std::string code = TextOf(party["code"]);
    supplier.supplier_id = code.empty() ? std::to_string(IdOf(party["id"])) : code;
    supplier.name = TextOf(party["name"]);
  }
  for (const auto& identifier : *identifiers) {
    See(identifier);
    auto supplier = supplier_of_party.find(IdOf(identifier["party"]));
    if (supplier == supplier_of_party.end()) continue;
    std::string type = TextOf(identifier["type"]), code = TextOf(identifier["code"]);
    bool vat = type == "eu_vat" || type.ends_with("_vat") || type.ends_with("_tva");
    if (vat && (supplier->second.vat_number.empty() || type == "eu_vat")) supplier->second.vat_number = code;
    if (type == "fr_siret" || (type == "fr_siren" && supplier->second.registration_number.empty()))
      supplier->second.registration_number = code;
  }
  // IBANs: the bank module's accounts owned by the party, when it is activated.
  auto bank = session_.ExistingFields("party.party", {"bank_accounts"});
  if (!bank.ok()) return bank.status();
  if (bank->count("bank_accounts") && !party_ids.empty()) {
    auto numbers = ReadByIds("bank.account.number", "account.owners", party_ids,
                             json::array({json::array({"type", "=", "iban"})}), {"account", "number"});
    if (!numbers.ok()) return numbers.status();
    std::map<int64_t, std::string> iban_of_account;
    std::vector<int64_t> account_ids;
    for (const auto& number : *numbers) {
      iban_of_account[IdOf(number["account"])] = TextOf(number["number"]);
      account_ids.push_back(IdOf(number["account"]));
    }
    auto accounts = ReadByIds("bank.account", "id", account_ids, json::array(), {"owners"});
    if (!accounts.ok()) return accounts.status();
    for (const auto& account : *accounts)
      for (const auto& owner : account.value("owners", json::array()))
        if (auto supplier = supplier_of_party.find(IdOf(owner));
            supplier != supplier_of_party.end() && supplier->second.iban.empty())
          supplier->second.iban = iban_of_account[IdOf(account["id"])];
  }
  for (auto& [party_id, supplier] : supplier_of_party) batch_.suppliers.push_back(std::move(supplier));
  // The orders' supplier keys.
  std::set<int64_t> order_parties(supplier_of_order_.begin(), supplier_of_order_.end());
  auto supplier_ids = SupplierIdsOf(order_parties);
  if (!supplier_ids.ok()) return supplier_ids.status();
  for (size_t i = 0; i < batch_.orders.size(); ++i) batch_.orders[i].supplier_id = (*supplier_ids)[supplier_of_order_[i]];
  return Status::Ok();
}

Status TrytonFetch::ReadArticles() {
  json domain = json::array({json::array({"template.purchasable", "=", true}), json::array({"code", "!=", nullptr})});
  if (!batch_.complete) domain.push_back(ChangedSince({"", "template.", "template.product_suppliers."}));
  auto products = session_.SearchRead("product.product", domain,
                                      {"code", "name", "template", "default_uom", "write_date", "create_date"});
  if (!products.ok()) return products.status();
  std::set<int64_t> template_ids;
  for (const auto& product : *products) template_ids.insert(IdOf(product["template"]));
  std::vector<int64_t> templates_wanted(template_ids.begin(), template_ids.end());
  auto optional = session_.ExistingFields("product.template", {"lot_required", "shelf_life_state", "shelf_life_time"});
  if (!optional.ok()) return optional.status();
  std::vector<std::string> template_fields = {"write_date", "create_date"};
  template_fields.insert(template_fields.end(), optional->begin(), optional->end());
  auto templates = ReadByIds("product.template", "id", templates_wanted, json::array(), template_fields);
  if (!templates.ok()) return templates.status();
  auto product_suppliers = ReadByIds("purchase.product_supplier", "template", templates_wanted, json::array(),
                                     {"template", "product", "party", "code", "sequence"});
  if (!product_suppliers.ok()) return product_suppliers.status();
  std::map<int64_t, const json*> template_of_id;
  for (const auto& record : *templates) template_of_id[IdOf(record["id"])] = &record;
  std::set<int64_t> supplier_parties;
  for (const auto& record : *product_suppliers) supplier_parties.insert(IdOf(record["party"]));
  auto supplier_ids = SupplierIdsOf(supplier_parties);
  if (!supplier_ids.ok()) return supplier_ids.status();
  for (const auto& product : *products) {
    See(product);
    ErpArticle article;
    article.article_code = TextOf(product["code"]);
    article.description = TextOf(product["name"]);
    article.unit = unit_symbols_[IdOf(product["default_uom"])];
    int64_t template_id = IdOf(product["template"]);
    if (auto found = template_of_id.find(template_id); found != template_of_id.end()) {
      const json& record = *found->second;
      See(record);
      article.lot_managed = record.value("lot_required", json()).is_array() && !record["lot_required"].empty();
      if (TextOf(record.value("shelf_life_state", json())) != "" && record["shelf_life_state"] != "none" &&
          record.value("shelf_life_time", json()).is_number_integer())
        article.min_shelf_life_days = record["shelf_life_time"].get<int>();
    }
    // The first supplier of this product (or of its template), by sequence.
    const json* chosen = nullptr;
    for (const auto& record : *product_suppliers) {
      if (IdOf(record["template"]) != template_id) continue;
      if (!record["product"].is_null() && IdOf(record["product"]) != IdOf(product["id"])) continue;
      auto rank = [](const json& r) { return r["sequence"].is_number_integer() ? r["sequence"].get<int64_t>() : INT64_MAX; };
      if (chosen == nullptr || rank(record) < rank(*chosen)) chosen = &record;
    }
    if (chosen != nullptr) {
      article.supplier_id = (*supplier_ids)[IdOf((*chosen)["party"])];
      article.supplier_article_code = TextOf((*chosen)["code"]);
    }
    batch_.articles.push_back(std::move(article));
  }
  return Status::Ok();
}

}  // namespace

TrytonConnector::TrytonConnector(TrytonServer server, std::unique_ptr<HttpClient> http)
    : server_(std::move(server)), http_(std::move(http)) {}

Result<MasterDataBatch> TrytonConnector::Fetch(const std::string& cursor) {
  TrytonSession session(server_, *http_);
  return TrytonFetch(session, cursor).Run();
}

}  // namespace quai
