#include "storage/receiving_store.h"

namespace quai {

const char* ExportStateName(ExportState state) {
  switch (state) {
    case ExportState::kPending: return "pending";
    case ExportState::kDelivered: return "delivered";
    case ExportState::kDead: return "dead";
    case ExportState::kSuperseded: return "superseded";
  }
  return "pending";
}

bool ParseExportState(const std::string& name, ExportState* state) {
  for (ExportState s : {ExportState::kPending, ExportState::kDelivered, ExportState::kDead, ExportState::kSuperseded})
    if (name == ExportStateName(s)) {
      *state = s;
      return true;
    }
  return false;
}

}  // namespace quai
