// ModelRegistry: the trained model versions of a data directory — where each
// model file is, what it was trained on, its held-out figures and whether it
// is the active one of its kind and document type. The retrainer registers
// and promotes, `quai models` lists and rolls back, every reader loads the
// active set. One of the stores by concern (document_store.h);
// SqliteRepository implements it.
//
// Contracts (every backend passes storage/model_registry_conformance.h):
// - Implementations are thread-safe, and several connections (processes) may
//   share one registry.
// - Each method is one transaction, atomic against every other connection.
// - At most one version of a kind and document type is ever active: making
//   one active (ActivateModelVersion, or adding or setting one as "active")
//   retires the active one in the same transaction, and activations are
//   serialised across connections, so two at once still leave one active.
// - An empty created_at is stamped with the store clock's time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quai/status.h"

namespace quai {

struct ModelVersionRecord {
  int64_t id = 0;             // set by the store
  std::string kind;           // "extractor", "classifier" or "field_scorer"
  std::string document_type;  // "" when it serves every type
  std::string version;        // the model's own version string
  std::string path;           // the model file, relative to the data directory
  std::string created_at;
  int training_examples = 0;
  std::string evaluation_json;  // held-out figures of this model and of the one active when it was trained
  std::string status;           // "active", "rejected" or "retired"
};

class ModelRegistry {
 public:
  virtual ~ModelRegistry() = default;

  // Registers a version and returns its id. InvalidArgument for a status
  // other than active, rejected or retired.
  virtual Result<int64_t> AddModelVersion(const ModelVersionRecord& model) = 0;
  // Oldest first: by created_at, then by id.
  virtual Result<std::vector<ModelVersionRecord>> ListModelVersions() = 0;
  // Makes the model active and retires the active one of the same kind and
  // document type. NotFound for an unknown id; activating the active one
  // changes nothing.
  virtual Status ActivateModelVersion(int64_t id) = 0;
  // "active" is ActivateModelVersion. InvalidArgument for another status than
  // active, rejected or retired; NotFound for an unknown id.
  virtual Status SetModelVersionStatus(int64_t id, const std::string& status) = 0;
};

}  // namespace quai
