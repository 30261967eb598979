// TrytonSender against a real Tryton 6.0 server (tests/services/tryton.sh)
// holding suppliers, lot-managed articles and confirmed orders created through
// Tryton's own API (tests/services/tryton_data.py). What is checked is what
// Tryton holds afterwards, read back over its API. The whole file is one CTest
// test: the server is started and filled once. Without trytond installed the
// tests skip, or fail when QUAI_REQUIRE_SERVICES=1.
#include "export/tryton_sender.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "support/run_command.h"
#include "erp/tryton_session.h"

namespace quai {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

const std::string kServices = std::string(QUAI_SOURCE_DIR) + "/tests/services/";

using testing::CommandResult;
using testing::RunCommand;

// What the tests put into Tryton, in tryton_data.py's terms: one order per test.
json PurchasingData() {
  return {
      {"company", {{"name", "Boulangerie Quai"}, {"currency", "EUR"}}},
      {"suppliers", {{{"name", "Moulins Durand"}}, {{"name", "Emballages Weber"}}}},
      {"articles",
       {{{"article_code", "FAR-T55"},
         {"description", "Farine T55"},
         {"unit", "kg"},
         {"lot_managed", true},
         {"min_shelf_life_days", 90},
         {"supplier", 0},
         {"supplier_article_code", "MD-55"}},
        {{"article_code", "SUC-1"}, {"description", "Sucre semoule"}, {"unit", "kg"}},
        {{"article_code", "CART-40"}, {"description", "Carton 40x30"}, {"unit", "u"}}}},
      {"orders",
       {{{"supplier", 0},
         {"order_date", "2024-03-01"},
         {"lines",
          {{{"line", 10}, {"article_code", "FAR-T55"}, {"quantity", 250}, {"unit", "kg"}, {"unit_price", "0.62"}},
           {{"line", 20}, {"article_code", "SUC-1"}, {"quantity", 12.5}, {"unit", "kg"}, {"unit_price", "1.10"}}}}},
        {{"supplier", 0},
         {"order_date", "2024-03-02"},
         {"lines",
          {{{"line", 10}, {"article_code", "FAR-T55"}, {"quantity", 100}, {"unit", "kg"}, {"unit_price", "0.62"}}}}},
        {{"supplier", 1},
         {"order_date", "2024-03-04"},
         {"lines",
          {{{"line", 10}, {"article_code", "CART-40"}, {"quantity", 400}, {"unit", "u"}, {"unit_price", "0.35"}}}}},
        {{"supplier", 0},
         {"order_date", "2024-03-05"},
         {"lines",
          {{{"line", 10}, {"article_code", "FAR-T55"}, {"quantity", 50}, {"unit", "kg"}, {"unit_price", "0.62"}}}}}}},
  };
}

// A receipt line as goods_receipt.h's JSON names it.
json ReceiptLine(int document_line, const std::string& po_number, const std::string& po_line,
                 const std::string& article_code, double quantity, const std::string& unit,
                 const std::string& lot_number = "", const std::string& expiry_date = "") {
  return {{"document_line", document_line},
          {"po_number", po_number},
          {"po_line", po_line},
          {"article_code", article_code},
          {"quantity_delivered", std::to_string(quantity)},
          {"unit_delivered", unit},
          {"quantity", quantity},
          {"unit", unit},
          {"lot_number", lot_number},
          {"expiry_date", expiry_date},
          {"accepted_quantity", quantity}};
}

// A port nothing listens on.
int UnusedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// Forwards to a real client, but loses the answer to the first request whose
// body contains `lose`: Tryton did it, quai never heard (a timeout, a kill).
class AnswerLosingHttpClient : public HttpClient {
 public:
  AnswerLosingHttpClient(HttpClient& real, std::string lose) : real_(real), lose_(std::move(lose)) {}
  Result<HttpResponse> Get(const std::string& url, const HttpHeaders& headers,
                           std::chrono::milliseconds timeout) override {
    return real_.Get(url, headers, timeout);
  }
  Result<HttpResponse> Post(const std::string& url, const HttpHeaders& headers, const std::string& body,
                            std::chrono::milliseconds timeout) override {
    auto response = real_.Post(url, headers, body, timeout);
    if (lost_ || body.find(lose_) == std::string::npos) return response;
    lost_ = true;
    return Status::Unavailable(url + ": the connection was reset");
  }

 private:
  HttpClient& real_;
  std::string lose_;
  bool lost_ = false;
};

class TrytonSenderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    CommandResult started = RunCommand("bash " + kServices + "tryton.sh start");
    if (started.exit_code == 77) {
      problem_ = "trytond is not installed (scripts/test.sh installs it)";
      return;
    }
    if (started.exit_code != 0) {
      problem_ = "tests/services/tryton.sh start failed: " + started.output;
      return;
    }
    std::istringstream lines(started.output);
    for (std::string line; std::getline(lines, line);)
      if (auto equals = line.find('='); equals != std::string::npos)
        server_[line.substr(0, equals)] = line.substr(equals + 1);
    std::string data_file = server_["dir"] + "-data.json";
    std::ofstream(data_file) << PurchasingData().dump();
    CommandResult seeded =
        RunCommand("/usr/bin/python3 " + kServices + "tryton_data.py " + server_["url"] + " " + server_["database"] +
                   " " + server_["user"] + " " + server_["password"] + " seed < " + data_file + " 2>&1");
    std::remove(data_file.c_str());
    if (seeded.exit_code != 0) {
      problem_ = "tests/services/tryton_data.py seed failed: " + seeded.output;
      return;
    }
    created_ = json::parse(seeded.output, nullptr, false);
  }
  static void TearDownTestSuite() {
    if (!server_["dir"].empty()) RunCommand("bash " + kServices + "tryton.sh stop " + server_["dir"]);
  }

  void SetUp() override {
    if (problem_.empty()) return;
    const char* required = std::getenv("QUAI_REQUIRE_SERVICES");
    if (required != nullptr && std::string(required) == "1") FAIL() << problem_;
    GTEST_SKIP() << problem_;
  }

  static std::string PoNumber(int order) { return created_["po_numbers"][order]; }
  static std::string SupplierId(int supplier) { return created_["supplier_ids"][supplier]; }

  static ExportTarget Target(const std::string& url) {
    ExportTarget target;
    target.id = 3;
    target.name = "erp";
    target.kind = "tryton";
    target.settings = {
        {"url", url}, {"database", server_["database"]}, {"user", server_["user"]}, {"password", server_["password"]}};
    return target;
  }

  // Sends version `version` of document `document` (its receipt `lines`)
  // to the test's Tryton through `http`, correcting `supersedes` when > 0.
  static ExportOutcome Send(HttpClient& http, const ExportTarget& target, int document, int version,
                            const std::string& supplier, const json& lines, int supersedes = 0) {
    DocumentVersion accepted;
    accepted.document_id = document;
    accepted.version = version;
    accepted.accepted.source = "validated";
    accepted.accepted.document_type = "delivery_note";
    accepted.accepted.receipt_json = json{
        {"supplier_id", supplier},
        {"supplier_name", ""},
        {"delivery_note_number", "BL-" + std::to_string(document)},
        {"delivery_date", "2024-03-20"},
        {"lines", lines}}.dump();
    ExportMessage message;
    message.export_id = document * 10 + version;
    message.key = Key(document, version);
    message.document_id = document;
    message.version = version;
    message.supersedes_version = supersedes;
    message.payload = {{"document", {{"id", document}}}};
    if (supersedes > 0) message.payload["document"]["supersedes_key"] = Key(document, supersedes);
    message.accepted = &accepted;
    message.target = &target;
    TrytonSender sender(http);
    auto outcome = sender.Send(message);
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    return outcome.ok() ? *outcome : ExportOutcome{};
  }
  static ExportOutcome Send(int document, int version, const std::string& supplier, const json& lines,
                            int supersedes = 0) {
    CurlHttpClient http;
    return Send(http, Target(server_["url"]), document, version, supplier, lines, supersedes);
  }
  static std::string Key(int document, int version) {
    return "quai-doc" + std::to_string(document) + "-v" + std::to_string(version) + "-t3";
  }

  // Reads Tryton back over its API.
  static std::vector<json> Read(const std::string& model, const json& domain, const std::vector<std::string>& fields) {
    CurlHttpClient http;
    TrytonSession session(TrytonServer{server_["url"], server_["database"], server_["user"], server_["password"]},
                          http);
    Status login = session.Login();
    EXPECT_TRUE(login.ok()) << login.ToString();
    auto records = session.SearchRead(model, domain, fields);
    EXPECT_TRUE(records.ok()) << records.status().ToString();
    return records.ok() ? *records : std::vector<json>{};
  }
  static std::vector<json> ShipmentsWithReference(const std::string& reference) {
    return Read("stock.shipment.in", json::array({json::array({"reference", "=", reference})}),
                {"state", "number", "incoming_moves"});
  }
  // "PO/line quantity lot LOT" for each incoming move of `shipment`.
  static std::vector<std::string> IncomingMoves(const json& shipment) {
    std::vector<std::string> described;
    for (const json& move : Read("stock.move", json::array({json::array({"id", "in", shipment["incoming_moves"]})}),
                                 {"origin", "quantity", "lot", "state"}))
      described.push_back(Describe(move));
    return described;
  }
  static std::string Describe(const json& move) {
    std::string origin = move["origin"].is_string() ? move["origin"].get<std::string>() : "";
    std::string text = "no order line";
    if (origin.rfind("purchase.line,", 0) == 0) {
      int64_t line_id = std::atoll(origin.c_str() + 14);
      auto lines = Read("purchase.line", json::array({json::array({"id", "=", line_id})}), {"sequence", "purchase"});
      auto purchases =
          Read("purchase.purchase", json::array({json::array({"id", "=", lines.at(0)["purchase"]})}), {"number"});
      text = purchases.at(0)["number"].get<std::string>() + "/" + std::to_string(lines.at(0)["sequence"].get<int>());
    }
    char quantity[32];
    std::snprintf(quantity, sizeof quantity, " %g", TrytonNumber(move["quantity"]));
    text += quantity;
    if (move["lot"].is_number_integer())
      text += " lot " + Read("stock.lot", json::array({json::array({"id", "=", move["lot"]})}), {"number"})
                            .at(0)["number"]
                            .get<std::string>();
    return text + " " + move["state"].get<std::string>();
  }

  static inline std::map<std::string, std::string> server_;
  static inline std::string problem_;
  static inline json created_;
};

TEST_F(TrytonSenderTest, BooksOneReceivedShipmentWithItsLotsOnTheOrderLines) {
  std::string po = PoNumber(0);
  json lines = json::array({ReceiptLine(0, po, "10", "FAR-T55", 150, "kg", "L24-118", "2030-01-31"),
                            ReceiptLine(1, po, "10", "FAR-T55", 50, "kg", "L24-119", "2030-02-28"),
                            ReceiptLine(2, po, "20", "SUC-1", 12.5, "kg"), ReceiptLine(3, "", "", "PAL-EU", 1, "u")});
  ExportOutcome outcome = Send(1, 1, SupplierId(0), lines);
  ASSERT_EQ(outcome.kind, ExportOutcome::Kind::kDelivered) << outcome.answer;

  auto shipments = ShipmentsWithReference(Key(1, 1));
  ASSERT_EQ(shipments.size(), 1u);
  EXPECT_EQ(outcome.external_id, std::to_string(shipments[0]["id"].get<int64_t>()));
  EXPECT_EQ(shipments[0]["state"], "received");
  EXPECT_THAT(outcome.answer, HasSubstr("shipment " + outcome.external_id + " (" +
                                        shipments[0]["number"].get<std::string>() + ") received"));
  EXPECT_THAT(outcome.answer, HasSubstr("line 4 (PAL-EU) is on no order: not booked"));
  EXPECT_THAT(IncomingMoves(shipments[0]), UnorderedElementsAre(po + "/10 150 lot L24-118 done",
                                                                po + "/10 50 lot L24-119 done", po + "/20 12.5 done"));

  // The lots carry the product and the printed expiry (the article tracks a shelf life).
  auto lots = Read("stock.lot", json::array({json::array({"number", "in", {"L24-118", "L24-119"}})}),
                   {"number", "product", "shelf_life_expiration_date"});
  auto flour = Read("product.product", json::array({json::array({"code", "=", "FAR-T55"})}), {});
  ASSERT_EQ(lots.size(), 2u);
  ASSERT_EQ(flour.size(), 1u);
  for (const json& lot : lots) {
    EXPECT_EQ(lot["product"], flour[0]["id"]);
    EXPECT_EQ(TrytonDate(lot["shelf_life_expiration_date"]), lot["number"] == "L24-118" ? "2030-01-31" : "2030-02-28");
  }

  // The order still expects the 50 kg of flour not delivered yet.
  auto line_10 =
      Read("purchase.line",
           json::array({json::array({"purchase.number", "=", po}), json::array({"sequence", "=", 10})}), {"moves"});
  ASSERT_EQ(line_10.size(), 1u);
  auto pending = Read(
      "stock.move", json::array({json::array({"id", "in", line_10[0]["moves"]}), json::array({"state", "=", "draft"})}),
      {"origin", "quantity", "lot", "state"});
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(Describe(pending[0]), po + "/10 50 draft");

  // The same key again: the same shipment, nothing new.
  ExportOutcome again = Send(1, 1, SupplierId(0), lines);
  EXPECT_EQ(again.kind, ExportOutcome::Kind::kDelivered) << again.answer;
  EXPECT_EQ(again.external_id, outcome.external_id);
  EXPECT_EQ(ShipmentsWithReference(Key(1, 1)).size(), 1u);
}

TEST_F(TrytonSenderTest, AnAnswerLostAfterTheShipmentWasCreatedIsFinishedByTheRetryNeverDoubled) {
  std::string po = PoNumber(2);
  json lines = json::array({ReceiptLine(0, po, "10", "CART-40", 400, "u")});
  CurlHttpClient real;
  AnswerLosingHttpClient losing(real, "\"model.stock.shipment.in.create\"");
  ExportTarget target = Target(server_["url"]);
  ExportOutcome lost = Send(losing, target, 2, 1, SupplierId(1), lines);
  EXPECT_EQ(lost.kind, ExportOutcome::Kind::kRetry) << lost.answer;
  auto shipments = ShipmentsWithReference(Key(2, 1));
  ASSERT_EQ(shipments.size(), 1u);
  EXPECT_EQ(shipments[0]["state"], "draft");

  ExportOutcome retried = Send(2, 1, SupplierId(1), lines);
  ASSERT_EQ(retried.kind, ExportOutcome::Kind::kDelivered) << retried.answer;
  EXPECT_THAT(retried.answer, HasSubstr("received, created by an earlier send"));
  shipments = ShipmentsWithReference(Key(2, 1));
  ASSERT_EQ(shipments.size(), 1u);
  EXPECT_EQ(retried.external_id, std::to_string(shipments[0]["id"].get<int64_t>()));
  EXPECT_EQ(shipments[0]["state"], "received");
  EXPECT_THAT(IncomingMoves(shipments[0]), UnorderedElementsAre(po + "/10 400 done"));
}

TEST_F(TrytonSenderTest, ACorrectionBooksTheNewVersionAndCancelsTheShipmentItCorrects) {
  std::string po = PoNumber(1);
  ExportOutcome first =
      Send(3, 1, SupplierId(0), json::array({ReceiptLine(0, po, "10", "FAR-T55", 100, "kg", "LA-7")}));
  ASSERT_EQ(first.kind, ExportOutcome::Kind::kDelivered) << first.answer;

  ExportOutcome corrected =
      Send(3, 2, SupplierId(0), json::array({ReceiptLine(0, po, "10", "FAR-T55", 90, "kg", "LA-7")}), 1);
  ASSERT_EQ(corrected.kind, ExportOutcome::Kind::kDelivered) << corrected.answer;
  EXPECT_NE(corrected.external_id, first.external_id);
  auto old_shipments = ShipmentsWithReference(Key(3, 1));
  auto new_shipments = ShipmentsWithReference(Key(3, 2));
  ASSERT_EQ(old_shipments.size(), 1u);
  ASSERT_EQ(new_shipments.size(), 1u);
  EXPECT_EQ(old_shipments[0]["state"], "cancelled");
  EXPECT_EQ(new_shipments[0]["state"], "received");
  EXPECT_THAT(IncomingMoves(new_shipments[0]), UnorderedElementsAre(po + "/10 90 lot LA-7 done"));
  EXPECT_THAT(corrected.answer, HasSubstr("replaces shipment " + first.external_id));
  EXPECT_THAT(corrected.answer, HasSubstr("cancelled"));
  // One lot LA-7, used by both.
  EXPECT_EQ(Read("stock.lot", json::array({json::array({"number", "=", "LA-7"})}), {}).size(), 1u);
}

TEST_F(TrytonSenderTest, AnOrderTrytonDoesNotKnowIsRejectedNamingIt) {
  ExportOutcome outcome =
      Send(4, 1, SupplierId(0), json::array({ReceiptLine(0, "PO-NOPE", "10", "FAR-T55", 10, "kg", "LX-1")}));
  EXPECT_EQ(outcome.kind, ExportOutcome::Kind::kRejected);
  EXPECT_THAT(outcome.answer, HasSubstr("purchase order PO-NOPE is not in Tryton"));
  EXPECT_TRUE(ShipmentsWithReference(Key(4, 1)).empty());
}

TEST_F(TrytonSenderTest, TrytonRefusingTheReceiptIsRejectedWithItsMessage) {
  // The flour is lot-managed: Tryton refuses to receive it without a lot.
  ExportOutcome outcome =
      Send(5, 1, SupplierId(0), json::array({ReceiptLine(0, PoNumber(3), "10", "FAR-T55", 50, "kg")}));
  EXPECT_EQ(outcome.kind, ExportOutcome::Kind::kRejected);
  EXPECT_THAT(outcome.answer, HasSubstr("UserError"));
  EXPECT_THAT(outcome.answer, HasSubstr("lot"));
}

TEST_F(TrytonSenderTest, AServerThatDoesNotAnswerIsRetried) {
  CurlHttpClient http;
  ExportOutcome outcome = Send(http, Target("http://127.0.0.1:" + std::to_string(UnusedPort()) + "/"), 6, 1,
                               SupplierId(0), json::array({ReceiptLine(0, PoNumber(3), "10", "FAR-T55", 50, "kg")}));
  EXPECT_EQ(outcome.kind, ExportOutcome::Kind::kRetry);
  EXPECT_THAT(outcome.answer, HasSubstr("tryton at http://127.0.0.1:"));
}

}  // namespace
}  // namespace quai
