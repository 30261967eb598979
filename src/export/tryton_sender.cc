#include "export/tryton_sender.h"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "erp/tryton_session.h"

namespace quai {
namespace {

using nlohmann::json;

int64_t IdOf(const json& value) { return value.is_number_integer() ? value.get<int64_t>() : 0; }
std::string TextOf(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  return "";
}
std::string Field(const json& record, const char* name) { return record.contains(name) ? TextOf(record[name]) : ""; }

// A receipt that cannot be booked for a reason another try will not change
// (an order Tryton does not know): the export is rejected. Tryton's own
// refusals come back from the session as kFailedPrecondition, rejected too.
Status Unbookable(std::string message) { return Status::InvalidArgument(std::move(message)); }

struct Shipment {
  int64_t id = 0;
  std::string number;
  std::string state;  // draft, received, done, cancelled
};

std::string Named(const Shipment& shipment) {
  return "shipment " + std::to_string(shipment.id) + " (" + shipment.number + ")";
}

// "2030-01-31" as Tryton's date; null when not a date.
json TrytonDateOf(const std::string& iso) {
  int year = 0, month = 0, day = 0;
  char tail = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 || month < 1 || month > 12 ||
      day < 1 || day > 31)
    return nullptr;
  return {{"__class__", "date"}, {"year", year}, {"month", month}, {"day", day}};
}

json DaysAfter(std::chrono::system_clock::time_point now, int64_t days) {
  auto day = std::chrono::floor<std::chrono::days>(now) + std::chrono::days(days);
  std::chrono::year_month_day date(day);
  return {{"__class__", "date"},
          {"year", int(date.year())},
          {"month", unsigned(date.month())},
          {"day", unsigned(date.day())}};
}

// One receipt line to book, with the Tryton purchase line it is received on.
struct BookedLine {
  int document_line = 0;
  std::string article_code;
  std::string po_number;
  std::string po_line;
  double quantity = 0;  // in the purchase line's unit
  std::string lot_number;
  std::string expiry_date;
  const json* purchase_line = nullptr;
  const json* purchase = nullptr;
};

// One Send: a signed-in session and what it read of Tryton.
class TrytonBooking {
 public:
  TrytonBooking(TrytonSession& session, const ExportMessage& message, json receipt, std::string warehouse,
                std::chrono::system_clock::time_point now)
      : session_(session),
        message_(message),
        receipt_(std::move(receipt)),
        warehouse_setting_(std::move(warehouse)),
        now_(now) {}

  Result<ExportOutcome> Run() {
    if (Status s = session_.Login(); !s.ok()) return s;
    auto existing = Find(message_.key);
    if (!existing.ok()) return existing.status();
    if (*existing)
      return Complete(**existing,
                      (*existing)->state == "draft" ? "created by an earlier send" : "booked by an earlier send");
    if (message_.supersedes_version > 0)
      if (Status s = SetAsideCorrected(); !s.ok()) return s;
    using Step = Status (TrytonBooking::*)();
    for (Step step : {&TrytonBooking::ReadLines, &TrytonBooking::ReadOrders, &TrytonBooking::ReadPurchaseLines,
                      &TrytonBooking::ReadWarehouse})
      if (Status s = (this->*step)(); !s.ok()) return s;
    auto moves = IncomingMoves();
    if (!moves.ok()) return moves.status();
    const json& purchase = *booked_.front().purchase;
    json values = {{"supplier", party_id_},
                   {"reference", message_.key},
                   {"warehouse", warehouse_id_},
                   {"company", purchase["company"]},
                   {"incoming_moves", std::move(*moves)}};
    auto created = session_.Execute("stock.shipment.in", "create", json::array({json::array({values})}));
    if (!created.ok()) return created.status();
    if (!created->is_array() || created->empty())
      return Status::Unavailable(session_.Describe() + ": stock.shipment.in.create answered no id");
    auto shipment = Read(IdOf((*created)[0]));
    if (!shipment.ok()) return shipment.status();
    return Complete(*shipment, "");
  }

 private:
  // The shipment whose reference is `reference`: the one not cancelled when
  // there are several (a person copied one), else the first.
  Result<std::optional<Shipment>> Find(const std::string& reference) {
    auto found = session_.SearchRead("stock.shipment.in", json::array({json::array({"reference", "=", reference})}),
                                     {"number", "state"});
    if (!found.ok()) return found.status();
    std::optional<Shipment> shipment;
    for (const auto& record : *found) {
      Shipment candidate{IdOf(record["id"]), TextOf(record["number"]), TextOf(record["state"])};
      if (!shipment || (shipment->state == "cancelled" && candidate.state != "cancelled")) shipment = candidate;
    }
    return shipment;
  }

  Result<Shipment> Read(int64_t id) {
    auto found =
        session_.SearchRead("stock.shipment.in", json::array({json::array({"id", "=", id})}), {"number", "state"});
    if (!found.ok()) return found.status();
    if (found->empty())
      return Status::Unavailable(session_.Describe() + ": shipment " + std::to_string(id) + " vanished");
    return Shipment{id, TextOf((*found)[0]["number"]), TextOf((*found)[0]["state"])};
  }

  // Receives `shipment` when still draft; the outcome names it. `how` and the
  // notes of this send follow in the answer.
  Result<ExportOutcome> Complete(Shipment shipment, const std::string& how) {
    if (shipment.state == "draft") {
      auto received = session_.Execute("stock.shipment.in", "receive", json::array({json::array({shipment.id})}));
      if (!received.ok()) {
        if (received.status().code() == StatusCode::kFailedPrecondition)
          return Unbookable(Named(shipment) + " is in Tryton as draft, not received: " + received.status().message());
        return received.status();
      }
      auto reread = Read(shipment.id);
      if (!reread.ok()) return reread.status();
      shipment = *reread;
    }
    ExportOutcome outcome;
    outcome.kind = ExportOutcome::Kind::kDelivered;
    outcome.external_id = std::to_string(shipment.id);
    outcome.answer =
        Named(shipment) + " " + (shipment.state == "cancelled" ? "is cancelled in Tryton" : shipment.state);
    if (!how.empty()) outcome.answer += ", " + how;
    for (const auto& note : notes_) outcome.answer += "; " + note;
    return outcome;
  }

  // The shipment of the version this one corrects: deleted when draft,
  // cancelled when received (Tryton 6.0 keeps the quantities it received: a
  // done move cannot be cancelled), left when done.
  Status SetAsideCorrected() {
    std::string key;
    if (message_.payload.is_object() && message_.payload.contains("document") &&
        message_.payload["document"].is_object())
      key = Field(message_.payload["document"], "supersedes_key");
    std::string corrected = "version " + std::to_string(message_.supersedes_version);
    if (key.empty()) {
      notes_.push_back("corrects " + corrected + ", whose shipment is not known");
      return Status::Ok();
    }
    auto found = Find(key);
    if (!found.ok()) return found.status();
    if (!*found) {
      notes_.push_back("corrects " + corrected + ", which has no shipment in Tryton");
      return Status::Ok();
    }
    const Shipment& old = **found;
    std::string method = old.state == "draft" ? "delete" : old.state == "received" ? "cancel" : "";
    if (!method.empty()) {
      auto done = session_.Execute("stock.shipment.in", method, json::array({json::array({old.id})}));
      if (!done.ok()) return done.status();
    }
    if (old.state == "draft")
      notes_.push_back("replaces " + Named(old) + " of " + corrected + ", deleted");
    else if (old.state == "received")
      notes_.push_back("replaces " + Named(old) + " of " + corrected +
                       ", cancelled; Tryton keeps what it received in the input zone: correct that stock in Tryton");
    else if (old.state == "done")
      notes_.push_back("corrects " + Named(old) + " of " + corrected +
                       ", done already: what it booked stays in stock; correct that stock in Tryton");
    else
      notes_.push_back("corrects " + Named(old) + " of " + corrected + ", " + old.state);
    return Status::Ok();
  }

  // The receipt's lines paired with an order line; the others are noted.
  Status ReadLines() {
    const json lines = receipt_.value("lines", json::array());
    for (const auto& line : lines) {
      BookedLine booked;
      booked.document_line = line.value("document_line", 0);
      booked.article_code = Field(line, "article_code");
      std::string name = "line " + std::to_string(booked.document_line + 1) +
                         (booked.article_code.empty() ? "" : " (" + booked.article_code + ")");
      booked.po_number = Field(line, "po_number");
      if (booked.po_number.empty()) {
        notes_.push_back(name + " is on no order: not booked");
        continue;
      }
      booked.po_line = Field(line, "po_line");
      if (!line.contains("quantity") || !line["quantity"].is_number())
        return Unbookable(name + ": its quantity " + Field(line, "quantity_delivered") + " " +
                          Field(line, "unit_delivered") + " does not convert into the order's unit " +
                          Field(line, "unit") + ": it cannot be booked in Tryton");
      booked.quantity = line["quantity"].get<double>();
      if (booked.quantity <= 0) {
        notes_.push_back(name + " delivers nothing: not booked");
        continue;
      }
      booked.lot_number = Field(line, "lot_number");
      booked.expiry_date = Field(line, "expiry_date");
      booked_.push_back(std::move(booked));
    }
    if (booked_.empty())
      return Unbookable("no line of delivery note " + Field(receipt_, "delivery_note_number") +
                        " is paired with a purchase order line: nothing to receive in Tryton");
    return Status::Ok();
  }

  // The orders, their supplier (one for the shipment) and its location.
  Status ReadOrders() {
    std::set<std::string> numbers;
    for (const auto& line : booked_) numbers.insert(line.po_number);
    auto purchases =
        session_.SearchRead("purchase.purchase", json::array({json::array({"number", "in", json(numbers)})}),
                            {"number", "party", "warehouse", "state", "company", "currency"});
    if (!purchases.ok()) return purchases.status();
    purchases_ = std::move(*purchases);
    std::map<std::string, const json*> purchase_of_number;
    for (const auto& purchase : purchases_) purchase_of_number[TextOf(purchase["number"])] = &purchase;
    std::set<int64_t> parties;
    for (const auto& number : numbers) {
      auto purchase = purchase_of_number.find(number);
      if (purchase == purchase_of_number.end()) return Unbookable("purchase order " + number + " is not in Tryton");
      std::string state = TextOf((*purchase->second)["state"]);
      if (state != "confirmed" && state != "processing" && state != "done")
        return Unbookable("purchase order " + number + " is " + state +
                          " in Tryton: goods are received on confirmed orders only");
      parties.insert(IdOf((*purchase->second)["party"]));
    }
    for (auto& line : booked_) line.purchase = purchase_of_number.at(line.po_number);
    if (parties.size() != 1)
      return Unbookable(
          "the orders of this delivery note are of different suppliers in Tryton: one shipment "
          "cannot receive them");
    party_id_ = *parties.begin();
    auto party = session_.SearchRead("party.party", json::array({json::array({"id", "=", party_id_})}),
                                     {"code", "name", "supplier_location"});
    if (!party.ok()) return party.status();
    if (party->empty()) return Unbookable("the supplier of order " + booked_[0].po_number + " is not in Tryton");
    const json& supplier = (*party)[0];
    std::string code = TextOf(supplier["code"]);
    if (code.empty()) code = std::to_string(party_id_);
    std::string supplier_id = Field(receipt_, "supplier_id");
    if (!supplier_id.empty() && supplier_id != code && supplier_id != std::to_string(party_id_))
      return Unbookable("the delivery note's supplier " + supplier_id + " is not the supplier of order " +
                        booked_[0].po_number + " in Tryton (" + code + " " + TextOf(supplier["name"]) + ")");
    supplier_location_ = IdOf(supplier["supplier_location"]);
    if (supplier_location_ == 0)
      return Unbookable("supplier " + TextOf(supplier["name"]) + " has no supplier location in Tryton");
    return Status::Ok();
  }

  // Each line's purchase line, matched as the ERP connector names them: by
  // sequence when every line of the order has its own, else by id. Then their
  // planned moves still free (draft, on no shipment) and their units' digits.
  Status ReadPurchaseLines() {
    std::vector<int64_t> purchase_ids;
    for (const auto& purchase : purchases_) purchase_ids.push_back(IdOf(purchase["id"]));
    auto lines = session_.SearchRead(
        "purchase.line",
        json::array({json::array({"purchase", "in", json(purchase_ids)}), json::array({"type", "=", "line"})}),
        {"purchase", "sequence", "product", "unit", "unit_price", "moves"});
    if (!lines.ok()) return lines.status();
    purchase_lines_ = std::move(*lines);
    std::map<int64_t, std::set<int64_t>> sequences;
    std::map<int64_t, size_t> counts;
    for (const auto& line : purchase_lines_) {
      counts[IdOf(line["purchase"])]++;
      if (line["sequence"].is_number_integer()) sequences[IdOf(line["purchase"])].insert(IdOf(line["sequence"]));
    }
    std::map<std::pair<int64_t, std::string>, const json*> line_of_key;
    std::vector<int64_t> move_ids;
    std::set<int64_t> unit_ids;
    for (const auto& line : purchase_lines_) {
      int64_t purchase = IdOf(line["purchase"]);
      bool sequenced = sequences[purchase].size() == counts[purchase];
      line_of_key[{purchase, std::to_string(sequenced ? IdOf(line["sequence"]) : IdOf(line["id"]))}] = &line;
      if (line["moves"].is_array())
        for (const auto& move : line["moves"]) move_ids.push_back(IdOf(move));
      unit_ids.insert(IdOf(line["unit"]));
    }
    for (auto& booked : booked_) {
      auto line = line_of_key.find({IdOf((*booked.purchase)["id"]), booked.po_line});
      if (line == line_of_key.end())
        return Unbookable("purchase order " + booked.po_number + " has no line " + booked.po_line + " in Tryton");
      if (IdOf((*line->second)["product"]) == 0)
        return Unbookable("line " + booked.po_line + " of purchase order " + booked.po_number + " has no product");
      booked.purchase_line = line->second;
    }
    auto moves = session_.SearchRead("stock.move", json::array({json::array({"id", "in", json(move_ids)})}),
                                     {"state", "shipment", "origin"});
    if (!moves.ok()) return moves.status();
    for (const auto& move : *moves) {
      std::string origin = TextOf(move["origin"]);  // "purchase.line,12"
      if (TextOf(move["state"]) != "draft" || !move["shipment"].is_null() || origin.rfind("purchase.line,", 0) != 0)
        continue;
      free_moves_[std::atoll(origin.c_str() + 14)].push_back(IdOf(move["id"]));
    }
    auto units =
        session_.SearchRead("product.uom", json::array({json::array({"id", "in", json(unit_ids)})}), {"digits"});
    if (!units.ok()) return units.status();
    for (const auto& unit : *units)
      unit_digits_[IdOf(unit["id"])] = unit["digits"].is_number_integer() ? unit["digits"].get<int>() : 2;
    return Status::Ok();
  }

  // The configured warehouse, else the first order's.
  Status ReadWarehouse() {
    json domain = json::array({json::array({"type", "=", "warehouse"})});
    if (!warehouse_setting_.empty())
      domain.push_back(json::array(
          {"OR", json::array({"name", "=", warehouse_setting_}), json::array({"code", "=", warehouse_setting_})}));
    else
      domain.push_back(json::array({"id", "=", IdOf((*booked_.front().purchase)["warehouse"])}));
    auto warehouses = session_.SearchRead("stock.location", domain, {"input_location"});
    if (!warehouses.ok()) return warehouses.status();
    if (warehouses->empty())
      return Unbookable(warehouse_setting_.empty()
                            ? "purchase order " + booked_.front().po_number + " has no warehouse in Tryton"
                            : "warehouse '" + warehouse_setting_ + "' is not in Tryton");
    warehouse_id_ = IdOf((*warehouses)[0]["id"]);
    input_location_ = IdOf((*warehouses)[0]["input_location"]);
    return Status::Ok();
  }

  // The shipment's incoming_moves: each line takes a free planned move of its
  // purchase line (its quantity set to what came), or a new move when there
  // is none left (a second lot, a delivery beyond the order).
  Result<json> IncomingMoves() {
    json actions = json::array();
    for (const auto& line : booked_) {
      const json& purchase_line = *line.purchase_line;
      int64_t line_id = IdOf(purchase_line["id"]);
      int64_t unit = IdOf(purchase_line["unit"]);
      double scale = std::pow(10.0, unit_digits_.count(unit) ? unit_digits_[unit] : 2);
      json values = {{"quantity", std::round(line.quantity * scale) / scale}, {"to_location", input_location_}};
      if (!line.lot_number.empty()) {
        auto lot = LotOf(IdOf(purchase_line["product"]), line);
        if (!lot.ok()) return lot.status();
        values["lot"] = *lot;
      }
      auto& free = free_moves_[line_id];
      if (!free.empty()) {
        int64_t move = free.front();
        free.pop_front();
        actions.push_back(json::array({"add", json::array({move})}));
        actions.push_back(json::array({"write", json::array({move}), std::move(values)}));
        continue;
      }
      values["product"] = purchase_line["product"];
      values["uom"] = unit;
      values["from_location"] = supplier_location_;
      values["unit_price"] = purchase_line["unit_price"];
      values["currency"] = (*line.purchase)["currency"];
      values["company"] = (*line.purchase)["company"];
      values["origin"] = "purchase.line," + std::to_string(line_id);
      actions.push_back(json::array({"create", json::array({std::move(values)})}));
    }
    return actions;
  }

  // The lot `line.lot_number` of `product`, created when Tryton has none. A
  // new lot takes the printed expiry as the dates its product tracks
  // (stock_lot_sled), or Tryton's default (today plus the product's time).
  Result<int64_t> LotOf(int64_t product, const BookedLine& line) {
    auto cached = lots_.find({product, line.lot_number});
    if (cached != lots_.end()) return cached->second;
    auto found = session_.SearchRead(
        "stock.lot",
        json::array({json::array({"number", "=", line.lot_number}), json::array({"product", "=", product})}), {});
    if (!found.ok()) return found.status();
    if (!found->empty()) return lots_[{product, line.lot_number}] = IdOf((*found)[0]["id"]);
    json values = {{"number", line.lot_number}, {"product", product}};
    static const std::vector<std::array<std::string, 3>> kDates = {
        {"expiration_date", "expiration_state", "expiration_time"},
        {"shelf_life_expiration_date", "shelf_life_state", "shelf_life_time"}};
    auto lot_fields = session_.ExistingFields("stock.lot", {kDates[0][0], kDates[1][0]});
    if (!lot_fields.ok()) return lot_fields.status();
    if (!lot_fields->empty()) {
      auto tracked = session_.SearchRead("product.product", json::array({json::array({"id", "=", product})}),
                                         {kDates[0][1], kDates[0][2], kDates[1][1], kDates[1][2]});
      if (!tracked.ok()) return tracked.status();
      json printed = TrytonDateOf(line.expiry_date);
      for (const auto& [date, state, time] : kDates) {
        if (!lot_fields->count(date) || tracked->empty()) continue;
        const json& item = (*tracked)[0];
        if (!item.contains(state) || TextOf(item[state]) == "none" || TextOf(item[state]).empty()) continue;
        if (!printed.is_null())
          values[date] = printed;
        else if (item.contains(time) && item[time].is_number_integer())
          values[date] = DaysAfter(now_, item[time].get<int64_t>());
      }
    }
    auto created = session_.Execute("stock.lot", "create", json::array({json::array({values})}));
    if (!created.ok()) return created.status();
    if (!created->is_array() || created->empty())
      return Status::Unavailable(session_.Describe() + ": stock.lot.create answered no id");
    return lots_[{product, line.lot_number}] = IdOf((*created)[0]);
  }

  TrytonSession& session_;
  const ExportMessage& message_;
  json receipt_;
  std::string warehouse_setting_;
  std::chrono::system_clock::time_point now_;
  std::vector<std::string> notes_;  // said after the shipment in the answer
  std::vector<BookedLine> booked_;
  std::vector<json> purchases_;
  std::vector<json> purchase_lines_;
  int64_t party_id_ = 0;
  int64_t supplier_location_ = 0;
  int64_t warehouse_id_ = 0;
  int64_t input_location_ = 0;
  std::map<int64_t, std::deque<int64_t>> free_moves_;  // per purchase line, in id order
  std::map<int64_t, int> unit_digits_;
  std::map<std::pair<int64_t, std::string>, int64_t> lots_;
};

std::string Setting(const ExportTarget& target, const std::string& name) {
  auto value = target.settings.find(name);
  return value == target.settings.end() ? "" : value->second;
}

ExportOutcome Failed(ExportOutcome::Kind kind, std::string answer) {
  ExportOutcome outcome;
  outcome.kind = kind;
  outcome.answer = std::move(answer);
  return outcome;
}

}  // namespace

TrytonSender::TrytonSender()
    : owned_http_(std::make_unique<CurlHttpClient>()), http_(*owned_http_), clock_(*SystemClock()) {}
TrytonSender::TrytonSender(HttpClient& http, const Clock& clock) : http_(http), clock_(clock) {}
TrytonSender::~TrytonSender() = default;

Result<ExportOutcome> TrytonSender::Send(const ExportMessage& message) {
  try {
    if (message.target == nullptr || message.accepted == nullptr)
      return Status::InvalidArgument("export " + std::to_string(message.export_id) + " has no target or version");
    const ExportTarget& target = *message.target;
    TrytonServer server{Setting(target, "url"), Setting(target, "database"), Setting(target, "user"),
                        Setting(target, "password")};
    if (server.url.empty() || server.database.empty())
      return Failed(ExportOutcome::Kind::kRejected,
                    "the tryton target '" + target.name + "' has no url or database setting");
    std::string timeout = Setting(target, "timeout_seconds");
    if (!timeout.empty()) {
      int seconds = std::atoi(timeout.c_str());
      if (seconds > 0) server.timeout = std::chrono::seconds(seconds);
    }
    json receipt = json::parse(message.accepted->accepted.receipt_json, nullptr, /*allow_exceptions=*/false);
    if (!receipt.is_object())
      return Failed(ExportOutcome::Kind::kRejected, "document " + std::to_string(message.document_id) + " version " +
                                                        std::to_string(message.version) +
                                                        " has no goods receipt: only delivery notes go to Tryton");
    TrytonSession session(server, http_);
    TrytonBooking booking(session, message, std::move(receipt), Setting(target, "warehouse"), clock_.Now());
    auto outcome = booking.Run();
    if (outcome.ok()) return outcome;
    StatusCode code = outcome.status().code();
    bool refused = code == StatusCode::kInvalidArgument || code == StatusCode::kFailedPrecondition;
    return Failed(refused ? ExportOutcome::Kind::kRejected : ExportOutcome::Kind::kRetry, outcome.status().message());
  } catch (const std::exception& error) {
    // A JSON value of an unexpected type from Tryton: never an exception out of Send.
    return Failed(ExportOutcome::Kind::kRetry, std::string("tryton export failed: ") + error.what());
  }
}

}  // namespace quai
