// The sql ERP connector against a real PostgreSQL 15 (tests/services/postgres.sh)
// holding an ERP's own tables, read through the queries an administrator would
// write: what it returns, what it returns incrementally, and how it fails.
#include "erp/sql_connector.h"

#include <gtest/gtest.h>

#include <chrono>
#include <ostream>

#include "services/postgres_server.h"

namespace quai {

// Readable failures for the master data types.
void PrintTo(const ErpSupplier& s, std::ostream* out) {
  *out << "{" << s.supplier_id << ", " << s.name << ", " << s.vat_number << ", " << s.registration_number << ", "
       << s.iban << "}";
}
void PrintTo(const ErpArticle& a, std::ostream* out) {
  *out << "{" << a.article_code << ", " << a.supplier_id << ", " << a.supplier_article_code << ", " << a.description
       << ", " << a.unit << ", " << a.min_shelf_life_days << " days, certificate " << a.certificate_required
       << ", lot " << a.lot_managed << "}";
}
void PrintTo(const PurchaseOrderLine& l, std::ostream* out) {
  *out << "{" << l.po_number << " line " << l.line << ", " << l.article_code << ", " << l.description << ", "
       << l.quantity_ordered << " ordered, " << l.quantity_received << " received, " << l.unit << ", "
       << l.unit_price << " " << l.currency << ", " << l.expected_date << "}";
}
void PrintTo(const PurchaseOrder& o, std::ostream* out) {
  *out << "{" << o.po_number << ", " << o.supplier_id << ", " << o.status << ", " << o.order_date << ", "
       << o.lines.size() << " lines}";
}

namespace {

using testing::PostgresServer;

// The ERP's own schema, in the ERP's words (a Tryton-like party/product/purchase).
const char kErpSchema[] = R"sql(
CREATE TABLE party (id integer PRIMARY KEY, code varchar(10), name text, tax_identifier text,
                    siret char(14), bank_account text);
CREATE TABLE product (id integer PRIMARY KEY, default_code varchar(20), name text, uom text,
                      vendor integer REFERENCES party, vendor_code text, shelf_life_days integer,
                      needs_certificate boolean, lot_tracking boolean);
CREATE TABLE purchase (id integer PRIMARY KEY, reference text, party integer REFERENCES party,
                       state text, purchase_date date, write_date timestamptz NOT NULL DEFAULT now());
CREATE TABLE purchase_line (id integer PRIMARY KEY, purchase integer REFERENCES purchase, sequence integer,
                            product integer REFERENCES product, description text, quantity numeric(14,3),
                            received numeric(14,3), uom text, unit_price numeric(14,4), currency char(3),
                            delivery_date date);
CREATE TABLE purchase_deletion (reference text, deleted_at timestamptz NOT NULL DEFAULT now());

INSERT INTO party VALUES
  (1, 'S001', 'Chimie du Rhône SA', 'FR40303265045', '30326504500017', 'FR7630006000011234567890189'),
  (2, 'S002', 'Nordic Packaging AB', NULL, NULL, NULL);
INSERT INTO product VALUES
  (1, 'A-100', 'Acide citrique monohydraté', 'KG', 1, 'CIT-25', 365, true, true),
  (2, 'A-200', 'Carton 40x30x20', 'pce', 2, NULL, NULL, false, false);
INSERT INTO purchase (id, reference, party, state, purchase_date) VALUES
  (1, 'PO-2024-001', 1, 'confirmed', '2024-03-05'),
  (2, 'PO-2024-002', 2, 'Partially_Received', '2024-03-10'),
  (3, 'PO-2024-003', 1, 'Done', '2024-02-01'),
  (4, 'PO-2024-004', 2, 'cancel', NULL);
INSERT INTO purchase_line VALUES
  (1, 1, 10, 1, 'Acide citrique 25 kg', 12.5, 0, 'KG', 3.25, 'EUR', '2024-03-20'),
  (2, 1, 20, NULL, 'Frais de transport', 1, 0, 'forfait', NULL, 'EUR', NULL),
  (3, 2, 10, 2, NULL, 1000, 400, 'pce', 0.125, 'SEK', '2024-03-25'),
  (4, 3, 10, 1, NULL, 25, 25, 'KG', 3.1, 'EUR', NULL),
  (5, 4, 1, 2, NULL, 10, 0, 'pce', 0.13, 'SEK', NULL);

-- What the administrator sets up for quai: views with quai's column names.
CREATE VIEW quai_articles AS
  SELECT p.default_code AS article_code, s.code AS supplier_id, p.vendor_code AS supplier_article_code,
         p.name AS description, p.uom AS unit, p.shelf_life_days AS min_shelf_life_days,
         p.needs_certificate AS certificate_required, p.lot_tracking AS lot_managed
  FROM product p LEFT JOIN party s ON s.id = p.vendor;
)sql";

const char kSuppliersQuery[] =
    "SELECT code AS supplier_id, name, tax_identifier AS vat_number, siret AS registration_number, "
    "bank_account AS iban FROM party ORDER BY code";
const char kArticlesQuery[] = "SELECT * FROM quai_articles ORDER BY article_code;";
const char kOrdersQuery[] =
    "SELECT p.reference AS po_number, s.code AS supplier_id, p.state AS status, p.purchase_date AS order_date "
    "FROM purchase p JOIN party s ON s.id = p.party ORDER BY p.reference";
const char kOrderLinesQuery[] =
    "SELECT o.reference AS po_number, l.sequence AS line, p.default_code AS article_code, "
    "l.description, l.quantity AS quantity_ordered, l.received AS quantity_received, l.uom AS unit, "
    "l.unit_price, l.currency, l.delivery_date AS expected_date "
    "FROM purchase_line l JOIN purchase o ON o.id = l.purchase LEFT JOIN product p ON p.id = l.product "
    "ORDER BY o.reference, l.sequence";
const char kChangedOrdersQuery[] =
    "SELECT reference FROM purchase WHERE write_date > $1::timestamptz "
    "UNION SELECT reference FROM purchase_deletion WHERE deleted_at > $1::timestamptz";

std::vector<ErpSupplier> ExpectedSuppliers() {
  return {{"S001", "Chimie du Rhône SA", "FR40303265045", "30326504500017", "FR7630006000011234567890189"},
          {"S002", "Nordic Packaging AB", "", "", ""}};
}

std::vector<ErpArticle> ExpectedArticles() {
  ErpArticle acid{"A-100", "S001", "CIT-25", "Acide citrique monohydraté", "KG", {}, 365, true, true};
  ErpArticle carton{"A-200", "S002", "", "Carton 40x30x20", "pce", {}, 0, false, false};
  return {acid, carton};
}

std::vector<PurchaseOrder> ExpectedOrders() {
  return {
      {"PO-2024-001", "S001", "open", "2024-03-05",
       {{"PO-2024-001", "10", "A-100", "Acide citrique 25 kg", 12.5, 0, "KG", 3.25, "EUR", "2024-03-20"},
        {"PO-2024-001", "20", "", "Frais de transport", 1, 0, "forfait", 0, "EUR", ""}}},
      {"PO-2024-002", "S002", "open", "2024-03-10",
       {{"PO-2024-002", "10", "A-200", "", 1000, 400, "pce", 0.125, "SEK", "2024-03-25"}}},
      {"PO-2024-003", "S001", "closed", "2024-02-01",
       {{"PO-2024-003", "10", "A-100", "", 25, 25, "KG", 3.1, "EUR", ""}}},
      {"PO-2024-004", "S002", "cancelled", "", {{"PO-2024-004", "1", "A-200", "", 10, 0, "pce", 0.13, "SEK", ""}}},
  };
}

class SqlConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (server_.not_installed()) {
      if (testing::ServicesRequired()) FAIL() << server_.problem() << " (QUAI_REQUIRE_SERVICES=1)";
      GTEST_SKIP() << server_.problem();
    }
    ASSERT_TRUE(server_.running()) << server_.problem();
    ASSERT_EQ(server_.Execute(kErpSchema), "");
  }

  std::map<std::string, std::string> Settings() const {
    return {{"conninfo", server_.conninfo()},
            {"password", server_.password()},
            {"suppliers_query", kSuppliersQuery},
            {"articles_query", kArticlesQuery},
            {"purchase_orders_query", kOrdersQuery},
            {"purchase_order_lines_query", kOrderLinesQuery}};
  }

  static Result<MasterDataBatch> Fetch(const std::map<std::string, std::string>& settings,
                                       const std::string& cursor = "") {
    auto read = SqlConnectorSettings::FromSettings(settings);
    if (!read.ok()) return read.status();
    return SqlConnector(*read).Fetch(cursor);
  }

  PostgresServer server_;
};

TEST_F(SqlConnectorTest, ReadsTheErpTablesThroughTheConfiguredQueries) {
  auto batch = Fetch(Settings());
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  EXPECT_TRUE(batch->complete);
  EXPECT_EQ(batch->suppliers, ExpectedSuppliers());
  EXPECT_EQ(batch->articles, ExpectedArticles());
  EXPECT_EQ(batch->orders, ExpectedOrders());
  EXPECT_TRUE(batch->deleted_po_numbers.empty());
  EXPECT_FALSE(batch->cursor.empty());
}

TEST_F(SqlConnectorTest, WithoutChangedOrdersQueryEveryFetchIsComplete) {
  auto first = Fetch(Settings());
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto second = Fetch(Settings(), first->cursor);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_TRUE(second->complete);
  EXPECT_EQ(second->orders, ExpectedOrders());
}

TEST_F(SqlConnectorTest, WithACursorOnlyTheOrdersChangedSinceAreReturnedWithTheirLines) {
  auto settings = Settings();
  settings["changed_orders_query"] = kChangedOrdersQuery;
  auto first = Fetch(settings);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_TRUE(first->complete);
  EXPECT_EQ(first->orders.size(), 4u);

  // The rest of PO-2024-002 arrives; the ERP closes it.
  ASSERT_EQ(server_.Execute("UPDATE purchase_line SET received = 1000 WHERE id = 3;"
                            "UPDATE purchase SET state = 'received', write_date = now() WHERE id = 2"),
            "");
  auto second = Fetch(settings, first->cursor);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_FALSE(second->complete);
  PurchaseOrder closed = ExpectedOrders()[1];
  closed.status = "closed";
  closed.lines[0].quantity_received = 1000;
  EXPECT_EQ(second->orders, std::vector<PurchaseOrder>{closed});
  EXPECT_EQ(second->suppliers, ExpectedSuppliers());
  EXPECT_EQ(second->articles, ExpectedArticles());
  EXPECT_TRUE(second->deleted_po_numbers.empty());
  EXPECT_GT(second->cursor, first->cursor);

  auto third = Fetch(settings, second->cursor);
  ASSERT_TRUE(third.ok()) << third.status().message();
  EXPECT_FALSE(third->complete);
  EXPECT_TRUE(third->orders.empty());
}

TEST_F(SqlConnectorTest, OrderGoneFromTheErpSinceTheCursorIsReportedDeleted) {
  auto settings = Settings();
  settings["changed_orders_query"] = kChangedOrdersQuery;
  auto first = Fetch(settings);
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_EQ(server_.Execute("DELETE FROM purchase_line WHERE purchase = 4; DELETE FROM purchase WHERE id = 4;"
                            "INSERT INTO purchase_deletion (reference) VALUES ('PO-2024-004')"),
            "");
  auto second = Fetch(settings, first->cursor);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_FALSE(second->complete);
  EXPECT_TRUE(second->orders.empty());
  EXPECT_EQ(second->deleted_po_numbers, std::vector<std::string>{"PO-2024-004"});
}

TEST_F(SqlConnectorTest, WrongPasswordIsUnavailableNamingTheServerButNeverThePassword) {
  auto settings = Settings();
  settings["password"] = "Wrong-Secret-4711";
  auto batch = Fetch(settings);
  ASSERT_EQ(batch.status().code(), StatusCode::kUnavailable) << batch.status().message();
  const std::string& message = batch.status().message();
  EXPECT_NE(message.find("127.0.0.1:" + server_.port() + ", database quai_test"), std::string::npos) << message;
  EXPECT_NE(message.find("password authentication failed"), std::string::npos) << message;
  EXPECT_EQ(message.find("Wrong-Secret-4711"), std::string::npos) << message;
  EXPECT_EQ(message.find(server_.password()), std::string::npos) << message;
}

TEST_F(SqlConnectorTest, StoppedServerIsUnavailableNamingTheServerButNeverThePassword) {
  auto settings = Settings();
  ASSERT_TRUE(server_.Stop());
  auto batch = Fetch(settings);
  ASSERT_EQ(batch.status().code(), StatusCode::kUnavailable) << batch.status().message();
  const std::string& message = batch.status().message();
  EXPECT_NE(message.find("127.0.0.1:" + server_.port() + ", database quai_test"), std::string::npos) << message;
  EXPECT_EQ(message.find(server_.password()), std::string::npos) << message;
}

TEST_F(SqlConnectorTest, QueryWithoutARequiredColumnIsInvalidNamingTheQueryAndTheColumn) {
  auto settings = Settings();
  // The administrator forgot to alias uom.
  settings["articles_query"] =
      "SELECT default_code AS article_code, NULL AS supplier_id, vendor_code AS supplier_article_code, "
      "name AS description, uom, shelf_life_days AS min_shelf_life_days, "
      "needs_certificate AS certificate_required FROM product";
  auto batch = Fetch(settings);
  ASSERT_EQ(batch.status().code(), StatusCode::kInvalidArgument) << batch.status().message();
  EXPECT_NE(batch.status().message().find("articles_query has no column unit"), std::string::npos)
      << batch.status().message();
}

TEST_F(SqlConnectorTest, ValueThatIsNotANumberIsInvalidNamingTheQueryRowAndColumn) {
  auto settings = Settings();
  settings["purchase_order_lines_query"] =
      "SELECT 'PO-2024-001' AS po_number, '10' AS line, 'A-100' AS article_code, '12,5' AS quantity_ordered, "
      "0 AS quantity_received, 'KG' AS unit, 3.25 AS unit_price, 'EUR' AS currency";
  auto batch = Fetch(settings);
  ASSERT_EQ(batch.status().code(), StatusCode::kInvalidArgument) << batch.status().message();
  EXPECT_NE(batch.status().message().find("purchase_order_lines_query, row 1: quantity_ordered '12,5'"),
            std::string::npos)
      << batch.status().message();
}

TEST_F(SqlConnectorTest, LongQueryIsCutByTheTimeout) {
  auto settings = Settings();
  settings["timeout_seconds"] = "1";
  settings["suppliers_query"] =
      "SELECT code AS supplier_id, name, tax_identifier AS vat_number, siret AS registration_number, "
      "bank_account AS iban FROM party, pg_sleep(10)";
  auto started = std::chrono::steady_clock::now();
  auto batch = Fetch(settings);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(batch.status().code(), StatusCode::kUnavailable) << batch.status().message();
  EXPECT_LT(seconds, 5);
  EXPECT_NE(batch.status().message().find("suppliers_query"), std::string::npos) << batch.status().message();
  EXPECT_NE(batch.status().message().find("1 s statement timeout"), std::string::npos) << batch.status().message();
}

TEST_F(SqlConnectorTest, QueryThatWritesIsRefusedAndTheErpIsUntouched) {
  auto settings = Settings();
  settings["suppliers_query"] =
      "WITH gone AS (DELETE FROM party RETURNING *) SELECT code AS supplier_id, name, tax_identifier AS vat_number, "
      "siret AS registration_number, bank_account AS iban FROM gone";
  auto batch = Fetch(settings);
  ASSERT_EQ(batch.status().code(), StatusCode::kInvalidArgument) << batch.status().message();
  EXPECT_NE(batch.status().message().find("only reads"), std::string::npos) << batch.status().message();

  auto again = Fetch(Settings());
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->suppliers, ExpectedSuppliers());
}

}  // namespace
}  // namespace quai
