// RestConnector: the master data of an ERP that offers a REST API of its own,
// mapped by settings (docs/erp.md, "REST mapping"): base_url, an optional
// token (sent as "Authorization: Bearer TOKEN"), and for each entity
// (suppliers, articles, purchase_orders, purchase_order_lines):
//   <entity>_url     a URL relative to base_url; "{page}" in it is replaced by
//                    1, 2, 3... (first_page sets the first) until a page has no item
//   <entity>_items   JSON pointer to the array of items in each answer ("" = the answer)
//   <entity>.<field> JSON pointer to a field of master_data.h inside an item
//                    (default "/<field>")
// purchase_order_lines_url may be left out when each order carries its lines
// (at purchase_orders.lines, default "/lines"). Order statuses are open,
// closed, cancelled, or mapped by purchase_orders.status.<ERP's value>.
// Every fetch reads everything (complete = true, no cursor). Not thread-safe;
// owns its HttpClient.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "erp/erp_connector.h"
#include "erp/http_client.h"

namespace quai {

class RestConnector : public ErpConnector {
 public:
  RestConnector(std::map<std::string, std::string> settings, std::unique_ptr<HttpClient> http);
  std::string_view kind() const override { return "rest"; }
  Result<MasterDataBatch> Fetch(const std::string& cursor) override;

 private:
  std::map<std::string, std::string> settings_;
  std::unique_ptr<HttpClient> http_;
};

}  // namespace quai
