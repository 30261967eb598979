#include "erp/csv_folder_connector.h"

namespace quai {

CsvFolderConnector::CsvFolderConnector(std::string folder, FileSystem& file_system)
    : folder_(std::move(folder)), file_system_(file_system) {}

Result<MasterDataBatch> CsvFolderConnector::Fetch(const std::string& cursor) {
  return Status::Unavailable("files connector: not written yet");
}

}  // namespace quai
