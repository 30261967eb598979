#include "receive/lot_json.h"

namespace quai {

using Json = nlohmann::json;

Json LotToJson(const Lot& lot) {
  return {{"id", lot.id},
          {"lot_number", lot.lot_number},
          {"supplier", lot.supplier_name},
          {"article_code", lot.article_code},
          {"description", lot.description},
          {"expiry_date", lot.expiry_date},
          {"state", lot.state},
          {"hold_reason", lot.hold_reason.empty() ? Json(nullptr) : Json(lot.hold_reason)},
          {"deliveries", lot.deliveries},
          {"certificates", lot.certificates},
          {"updated_at", lot.updated_at}};
}

Json LotPageToJson(const LotPage& page) {
  Json out = LotToJson(page.lot);
  Json documents = Json::array(), events = Json::array();
  for (const LotLink& l : page.links)
    documents.push_back({{"document_id", l.document_id},
                         {"file", l.original_name},
                         {"role", l.role},
                         {"document_type", l.document_type},
                         {"version", l.version},
                         {"line", l.line < 0 ? Json(nullptr) : Json(l.line)},
                         {"po_number", l.po_number},
                         {"quantity", l.quantity},
                         {"unit", l.unit},
                         {"expiry_date", l.expiry_date},
                         {"linked_at", l.linked_at}});
  for (const LotEvent& e : page.events)
    events.push_back({{"at", e.at},
                      {"action", e.action},
                      {"document_id", e.document_id == 0 ? Json(nullptr) : Json(e.document_id)},
                      {"detail", e.detail}});
  out["documents"] = std::move(documents);
  out["events"] = std::move(events);
  return out;
}

}  // namespace quai
