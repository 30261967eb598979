// CsvFolderConnector: the ERP's master data from a folder of exports, re-read
// when they change: suppliers.csv (supplier_id,name,vat_number,
// registration_number,iban), articles.csv (article_code,supplier_id,
// supplier_article_code,description,unit,min_shelf_life_days,
// certificate_required[,lot_managed][,conversions]), purchase_orders.csv
// (po_number,supplier_id,status,order_date) and purchase_order_lines.csv
// (po_number,line,article_code,quantity_ordered,quantity_received,unit,
// unit_price,currency[,description][,expected_date]); each may instead be a
// .json file holding an array of objects with the same keys. Columns are found
// by their header's name, in any order; unknown columns are ignored. The
// cursor is the files' SHA-256: an unchanged folder gives an empty batch.
#pragma once

#include <string>

#include "core/file_system.h"
#include "erp/erp_connector.h"

namespace quai {

class CsvFolderConnector : public ErpConnector {
 public:
  CsvFolderConnector(std::string folder, FileSystem& file_system);
  std::string_view kind() const override { return "files"; }
  Result<MasterDataBatch> Fetch(const std::string& cursor) override;

 private:
  std::string folder_;
  FileSystem& file_system_;
};

}  // namespace quai
