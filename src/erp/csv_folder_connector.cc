#include "erp/csv_folder_connector.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdlib>
#include <functional>

#include "core/sha256.h"
#include "erp/csv_reader.h"
#include "erp/master_data_values.h"
#include "erp/order_status.h"

namespace quai {
namespace {

constexpr int64_t kMaxExportBytes = int64_t{2} << 30;  // 2 GiB: a million order lines are ~100 MB

struct Entity {
  const char* name;  // file name without extension
  std::vector<std::string> required;
};

const Entity kSuppliers{"suppliers", {"supplier_id", "name"}};
const Entity kArticles{"articles", {"article_code"}};
const Entity kOrders{"purchase_orders", {"po_number", "supplier_id"}};
const Entity kOrderLines{"purchase_order_lines", {"po_number", "line", "quantity_ordered"}};

// A row of either format, read by column name.
using RowReader = std::function<std::string(const std::string&)>;
using RowHandler = std::function<Status(const RowReader&)>;

// Reads `entity` from FOLDER/name.csv or FOLDER/name.json, one row at a time.
Status ReadEntity(FileSystem& file_system, const std::string& folder, const Entity& entity,
                  const RowHandler& on_row, std::string* digest_input) {
  std::string csv_path = JoinPath(folder, std::string(entity.name) + ".csv");
  std::string json_path = JoinPath(folder, std::string(entity.name) + ".json");
  bool is_csv = file_system.Exists(csv_path);
  if (!is_csv && !file_system.Exists(json_path))
    return Status::InvalidArgument("ERP export folder " + folder + " has no " + entity.name + ".csv (nor .json)");
  const std::string& path = is_csv ? csv_path : json_path;
  auto text = file_system.ReadFile(path, kMaxExportBytes);
  if (!text.ok()) return Status::Unavailable("cannot read " + path + ": " + text.status().message());
  *digest_input += Sha256Hex(*text);
  if (is_csv)
    return ReadCsv(*text, path, entity.required, [&](const CsvRow& row) {
      return on_row([&row](const std::string& column) { return row.Get(column); });
    });
  nlohmann::json array = nlohmann::json::parse(*text, nullptr, false);
  if (array.is_discarded() || !array.is_array())
    return Status::InvalidArgument(path + ": not a JSON array of objects");
  for (size_t i = 0; i < array.size(); ++i) {
    const auto& item = array[i];
    if (!item.is_object()) return Status::InvalidArgument(path + " item " + std::to_string(i + 1) + ": not an object");
    for (const auto& name : entity.required)
      if (!item.contains(name))
        return Status::InvalidArgument(path + " item " + std::to_string(i + 1) + ": no " + name);
    Status status = on_row([&item](const std::string& column) -> std::string {
      auto value = item.find(column);
      if (value == item.end() || value->is_null()) return "";
      if (value->is_string()) return value->get<std::string>();
      if (value->is_boolean()) return value->get<bool>() ? "true" : "false";
      return value->dump();
    });
    if (!status.ok()) return Status::InvalidArgument(path + " item " + std::to_string(i + 1) + ": " + status.message());
  }
  return Status::Ok();
}

}  // namespace

CsvFolderConnector::CsvFolderConnector(std::string folder, FileSystem& file_system)
    : folder_(std::move(folder)), file_system_(file_system) {}

Result<MasterDataBatch> CsvFolderConnector::Fetch(const std::string& cursor) {
  if (!file_system_.IsDirectory(folder_))
    return Status::Unavailable("ERP export folder " + folder_ + " is not there (not mounted?)");
  MasterDataBatch batch;
  std::string digests;
  Status status = ReadEntity(file_system_, folder_, kSuppliers, [&](const RowReader& get) {
    batch.suppliers.push_back({get("supplier_id"), get("name"), get("vat_number"), get("registration_number"),
                               get("iban")});
    return Status::Ok();
  }, &digests);
  if (status.ok()) status = ReadEntity(file_system_, folder_, kArticles, [&](const RowReader& get) {
    ErpArticle article{get("article_code"), get("supplier_id"), get("supplier_article_code"), get("description"),
                       get("unit"), {}, 0, false, false};
    auto conversions = ParseUnitConversions(get("conversions"));
    if (!conversions.ok()) return conversions.status();
    article.conversions = *conversions;
    auto days = ParseErpNumber(get("min_shelf_life_days"), "min_shelf_life_days");
    if (!days.ok()) return days.status();
    article.min_shelf_life_days = static_cast<int>(*days);
    article.certificate_required = ParseErpFlag(get("certificate_required"));
    article.lot_managed = ParseErpFlag(get("lot_managed"));
    batch.articles.push_back(std::move(article));
    return Status::Ok();
  }, &digests);
  std::map<std::string, size_t> order_index;
  if (status.ok()) status = ReadEntity(file_system_, folder_, kOrders, [&](const RowReader& get) {
    PurchaseOrder order{get("po_number"), get("supplier_id"), NormalisedOrderStatus(get("status")),
                        get("order_date"), {}};
    if (order.po_number.empty()) return Status::InvalidArgument("empty po_number");
    if (!order_index.emplace(order.po_number, batch.orders.size()).second)
      return Status::InvalidArgument("purchase order " + order.po_number + " is listed twice");
    batch.orders.push_back(std::move(order));
    return Status::Ok();
  }, &digests);
  if (status.ok()) status = ReadEntity(file_system_, folder_, kOrderLines, [&](const RowReader& get) {
    PurchaseOrderLine line{get("po_number"), get("line"), get("article_code"), get("description"),
                           0, 0, get("unit"), 0, get("currency"), get("expected_date")};
    auto order = order_index.find(line.po_number);
    if (order == order_index.end())
      return Status::InvalidArgument("line " + line.line + " of purchase order " + line.po_number +
                                     ", which purchase_orders does not list");
    for (auto [column, target] : {std::pair{"quantity_ordered", &line.quantity_ordered},
                                  std::pair{"quantity_received", &line.quantity_received},
                                  std::pair{"unit_price", &line.unit_price}}) {
      auto number = ParseErpNumber(get(column), column);
      if (!number.ok()) return number.status();
      *target = *number;
    }
    batch.orders[order->second].lines.push_back(std::move(line));
    return Status::Ok();
  }, &digests);
  if (!status.ok()) return status;
  batch.cursor = Sha256Hex(digests);
  if (batch.cursor == cursor) return MasterDataBatch{false, {}, {}, {}, {}, cursor};  // nothing changed
  return batch;
}

}  // namespace quai
