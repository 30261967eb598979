#include "erp/rest_connector.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <set>

#include <nlohmann/json.hpp>

namespace quai {
namespace {

using nlohmann::json;

constexpr int kMaxPages = 100000;
constexpr std::chrono::seconds kTimeout{120};

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// Reads the items of one entity and the fields of each through the settings.
class RestMapping {
 public:
  RestMapping(const std::map<std::string, std::string>& settings, HttpClient& http)
      : settings_(settings), http_(http) {}

  std::string Setting(const std::string& name, const std::string& otherwise = "") const {
    auto found = settings_.find(name);
    return found == settings_.end() ? otherwise : found->second;
  }

  // Every item of `entity`, page after page.
  Result<std::vector<json>> Items(const std::string& entity) {
    std::string url_template = Setting(entity + "_url");
    if (url_template.empty()) return Status::InvalidArgument("a rest ERP connection needs " + entity + "_url");
    std::string base = Setting("base_url");
    if (url_template.rfind("http://", 0) != 0 && url_template.rfind("https://", 0) != 0) {
      while (!base.empty() && base.back() == '/') base.pop_back();
      url_template = base + (url_template.starts_with("/") ? "" : "/") + url_template;
    }
    auto page_at = url_template.find("{page}");
    int page = std::atoi(Setting("first_page", "1").c_str());
    std::vector<json> items;
    std::string previous_body;
    for (int pages = 0; pages < kMaxPages; ++pages, ++page) {
      std::string url = url_template;
      if (page_at != std::string::npos) url.replace(page_at, 6, std::to_string(page));
      HttpHeaders headers = {{"Accept", "application/json"}};
      if (!Setting("token").empty()) headers.emplace_back("Authorization", "Bearer " + Setting("token"));
      auto response = http_.Get(url, headers, kTimeout);
      if (!response.ok()) {
        if (response.status().code() == StatusCode::kUnavailable)
          return Status::Unavailable("rest ERP at " + response.status().message());
        return response.status().WithContext("rest ERP");
      }
      if (response->status != 200)
        return Status::Unavailable("rest ERP at " + url + ": HTTP " + std::to_string(response->status) +
                                   (response->status == 401 || response->status == 403 ? " (is the token right?)" : ""));
      if (page_at != std::string::npos && pages > 0 && response->body == previous_body)
        return Status::InvalidArgument("rest ERP at " + url + ": the same page as the one before: does the API take {page} there?");
      json answer = json::parse(response->body, nullptr, /*allow_exceptions=*/false);
      if (answer.is_discarded()) return Status::InvalidArgument("rest ERP at " + url + ": the answer is not JSON");
      std::string pointer = Setting(entity + "_items");
      const json* array = Find(answer, pointer);
      if (array == nullptr || !array->is_array())
        return Status::InvalidArgument("rest ERP at " + url + ": no array of items at '" + pointer + "' (" +
                                       entity + "_items)");
      if (array->empty()) break;
      for (const auto& item : *array) items.push_back(item);
      if (page_at == std::string::npos) break;
      previous_body = std::move(response->body);
    }
    return items;
  }

  // The value of `entity.field` in `item`: null when it is not there.
  json Value(const json& item, const std::string& entity, const std::string& field) const {
    const json* value = Find(item, Setting(entity + "." + field, "/" + field));
    return value == nullptr ? json() : *value;
  }
  std::string Text(const json& item, const std::string& entity, const std::string& field) const {
    json value = Value(item, entity, field);
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer() || value.is_number_unsigned()) return std::to_string(value.get<int64_t>());
    if (value.is_number() || value.is_boolean()) return value.dump();
    return "";
  }
  double Number(const json& item, const std::string& entity, const std::string& field) const {
    json value = Value(item, entity, field);
    if (value.is_number()) return value.get<double>();
    if (!value.is_string()) return 0;
    std::string text = value.get<std::string>();
    if (text.find('.') == std::string::npos) std::replace(text.begin(), text.end(), ',', '.');  // "12,5"
    double number = 0;
    std::from_chars(text.data(), text.data() + text.size(), number);
    return number;
  }
  bool Flag(const json& item, const std::string& entity, const std::string& field) const {
    json value = Value(item, entity, field);
    if (value.is_boolean()) return value.get<bool>();
    if (value.is_number()) return value.get<double>() != 0;
    std::string text = Lower(Text(item, entity, field));
    return text == "1" || text == "true" || text == "yes" || text == "y" || text == "x";
  }
  // An ISO date, from a date or a date-time ("2024-03-01T00:00:00Z").
  std::string Date(const json& item, const std::string& entity, const std::string& field) const {
    std::string text = Text(item, entity, field);
    return text.size() > 10 && text[4] == '-' && text[7] == '-' ? text.substr(0, 10) : text;
  }

 private:
  static const json* Find(const json& document, const std::string& pointer) {
    try {
      json::json_pointer path(pointer);
      return document.contains(path) ? &document.at(path) : nullptr;
    } catch (const json::exception&) {
      return nullptr;  // not a JSON pointer, or a path through a non-container
    }
  }

  const std::map<std::string, std::string>& settings_;
  HttpClient& http_;
};

Status MissingKey(const std::string& entity, size_t index, const std::string& field, const RestMapping& mapping) {
  return Status::InvalidArgument("rest ERP: item " + std::to_string(index + 1) + " of " + entity + " (" +
                                 mapping.Setting(entity + "_url") + ") has no " + field + " at '" +
                                 mapping.Setting(entity + "." + field, "/" + field) + "'");
}

PurchaseOrderLine ReadLine(const RestMapping& mapping, const json& item) {
  const std::string entity = "purchase_order_lines";
  PurchaseOrderLine line;
  line.po_number = mapping.Text(item, entity, "po_number");
  line.line = mapping.Text(item, entity, "line");
  line.article_code = mapping.Text(item, entity, "article_code");
  line.description = mapping.Text(item, entity, "description");
  line.quantity_ordered = mapping.Number(item, entity, "quantity_ordered");
  line.quantity_received = mapping.Number(item, entity, "quantity_received");
  line.unit = mapping.Text(item, entity, "unit");
  line.unit_price = mapping.Number(item, entity, "unit_price");
  line.currency = mapping.Text(item, entity, "currency");
  line.expected_date = mapping.Date(item, entity, "expected_date");
  return line;
}

}  // namespace

RestConnector::RestConnector(std::map<std::string, std::string> settings, std::unique_ptr<HttpClient> http)
    : settings_(std::move(settings)), http_(std::move(http)) {}

Result<MasterDataBatch> RestConnector::Fetch(const std::string& cursor) {
  RestMapping mapping(settings_, *http_);
  MasterDataBatch batch;  // complete: the API says nothing of what changed

  auto suppliers = mapping.Items("suppliers");
  if (!suppliers.ok()) return suppliers.status();
  for (size_t i = 0; i < suppliers->size(); ++i) {
    const json& item = (*suppliers)[i];
    ErpSupplier supplier{mapping.Text(item, "suppliers", "supplier_id"), mapping.Text(item, "suppliers", "name"),
                         mapping.Text(item, "suppliers", "vat_number"),
                         mapping.Text(item, "suppliers", "registration_number"), mapping.Text(item, "suppliers", "iban")};
    if (supplier.supplier_id.empty()) return MissingKey("suppliers", i, "supplier_id", mapping);
    batch.suppliers.push_back(std::move(supplier));
  }

  auto articles = mapping.Items("articles");
  if (!articles.ok()) return articles.status();
  for (size_t i = 0; i < articles->size(); ++i) {
    const json& item = (*articles)[i];
    const std::string entity = "articles";
    ErpArticle article;
    article.article_code = mapping.Text(item, entity, "article_code");
    if (article.article_code.empty()) return MissingKey(entity, i, "article_code", mapping);
    article.supplier_id = mapping.Text(item, entity, "supplier_id");
    article.supplier_article_code = mapping.Text(item, entity, "supplier_article_code");
    article.description = mapping.Text(item, entity, "description");
    article.unit = mapping.Text(item, entity, "unit");
    json conversions = mapping.Value(item, entity, "conversions");
    if (conversions.is_object())
      for (const auto& [unit, factor] : conversions.items())
        if (factor.is_number()) article.conversions[unit] = factor.get<double>();
    article.min_shelf_life_days = static_cast<int>(mapping.Number(item, entity, "min_shelf_life_days"));
    article.certificate_required = mapping.Flag(item, entity, "certificate_required");
    article.lot_managed = mapping.Flag(item, entity, "lot_managed");
    batch.articles.push_back(std::move(article));
  }

  auto orders = mapping.Items("purchase_orders");
  if (!orders.ok()) return orders.status();
  bool separate_lines = !mapping.Setting("purchase_order_lines_url").empty();
  std::map<std::string, size_t> order_of_number;
  for (size_t i = 0; i < orders->size(); ++i) {
    const json& item = (*orders)[i];
    const std::string entity = "purchase_orders";
    PurchaseOrder order;
    order.po_number = mapping.Text(item, entity, "po_number");
    if (order.po_number.empty()) return MissingKey(entity, i, "po_number", mapping);
    order.supplier_id = mapping.Text(item, entity, "supplier_id");
    order.order_date = mapping.Date(item, entity, "order_date");
    std::string status = mapping.Text(item, entity, "status");
    std::string mapped = mapping.Setting(entity + ".status." + status, Lower(status));
    if (mapped == "canceled") mapped = "cancelled";
    if (mapped.empty()) mapped = "open";
    if (mapped != "open" && mapped != "closed" && mapped != "cancelled")
      return Status::InvalidArgument("rest ERP: order " + order.po_number + " has the status '" + status +
                                     "': map it with purchase_orders.status." + status + "=open|closed|cancelled");
    order.status = mapped;
    if (!separate_lines) {
      json lines = mapping.Value(item, entity, "lines");
      if (lines.is_array())
        for (const auto& line_item : lines) {
          PurchaseOrderLine line = ReadLine(mapping, line_item);
          line.po_number = order.po_number;
          if (line.line.empty()) line.line = std::to_string(order.lines.size() + 1);
          order.lines.push_back(std::move(line));
        }
    }
    order_of_number[order.po_number] = batch.orders.size();
    batch.orders.push_back(std::move(order));
  }

  if (separate_lines) {
    auto lines = mapping.Items("purchase_order_lines");
    if (!lines.ok()) return lines.status();
    for (size_t i = 0; i < lines->size(); ++i) {
      PurchaseOrderLine line = ReadLine(mapping, (*lines)[i]);
      if (line.po_number.empty()) return MissingKey("purchase_order_lines", i, "po_number", mapping);
      if (line.line.empty()) return MissingKey("purchase_order_lines", i, "line", mapping);
      auto order = order_of_number.find(line.po_number);
      if (order == order_of_number.end())
        return Status::InvalidArgument("rest ERP: line " + line.line + " of order " + line.po_number +
                                       " (purchase_order_lines) belongs to no order of purchase_orders");
      batch.orders[order->second].lines.push_back(std::move(line));
    }
  }
  return batch;
}

}  // namespace quai
