// TrytonConnector: the master data of a Tryton 6.0 ERP, read through its
// JSON-RPC API (tryton_session.h) with the settings url, database, user and
// password. Suppliers are the parties that appear on a purchase or as a
// product's supplier (VAT from their eu_vat (or other *_vat / *_tva)
// identifier, registration number from fr_siren/fr_siret, IBAN from the bank
// module when it is activated); articles the purchasable products that have a
// code (lot_managed from stock_lot's lot_required, min_shelf_life_days from
// stock_lot_sled's shelf life); orders the confirmed, processing and done
// purchases, with their lines (received quantity: the line's done moves).
// The cursor is the latest write or create date seen: with it, only what
// changed since is read (complete = false), cancelled orders included. Not
// thread-safe; owns its HttpClient.
#pragma once

#include <memory>
#include <string>

#include "erp/erp_connector.h"
#include "erp/http_client.h"
#include "erp/tryton_session.h"

namespace quai {

class TrytonConnector : public ErpConnector {
 public:
  TrytonConnector(TrytonServer server, std::unique_ptr<HttpClient> http);
  std::string_view kind() const override { return "tryton"; }
  Result<MasterDataBatch> Fetch(const std::string& cursor) override;

 private:
  TrytonServer server_;
  std::unique_ptr<HttpClient> http_;
};

}  // namespace quai
