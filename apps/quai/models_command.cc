// quai models [list] | activate ID | rollback: the model sets of a data
// directory's registry — each retraining, its held-out figures against the
// set active when it was trained, and which one reads documents now.
// `activate shipped` goes back to the models shipped with quai.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "pipeline/workspace_services.h"

namespace quai::cli {
namespace {

std::string Figure(const nlohmann::json& evaluation, const char* which) {
  const nlohmann::json& f = evaluation.value(which, nlohmann::json());
  if (!f.is_object()) return "-";
  char text[64];
  std::snprintf(text, sizeof text, "%.4f", f.value("field_accuracy", 0.0));
  return text;
}

int List(ModelRegistry* store) {
  auto models = store->ListModelVersions();
  if (!models.ok()) {
    std::cerr << "quai: " << models.status().message() << "\n";
    return kExitStorage;
  }
  bool any_active = false;
  std::printf("%-4s %-8s %-20s %-9s %-9s %-9s %-7s %s\n", "id", "status", "created", "examples", "new", "then",
              "held", "version");
  for (const ModelVersionRecord& m : *models) {
    if (m.kind != kExtractorModelKind) continue;
    nlohmann::json evaluation = nlohmann::json::parse(m.evaluation_json, nullptr, false);
    if (!evaluation.is_object()) evaluation = nlohmann::json::object();
    any_active |= m.status == "active";
    std::printf("%-4lld %-8s %-20s %-9d %-9s %-9s %-7d %s (then: %s)\n", static_cast<long long>(m.id),
                m.status.c_str(), m.created_at.c_str(), m.training_examples, Figure(evaluation, "candidate").c_str(),
                Figure(evaluation, "current").c_str(), evaluation.value("held_out_documents", 0), m.version.c_str(),
                evaluation.value("current_version", "?").c_str());
  }
  std::printf("%s\n", any_active ? "(new/then: field accuracy on the held-out documents of the new set and of the "
                                   "set active when it was trained)"
                                 : ("reading with the shipped models in " + DefaultModelDirectory() +
                                    " (no set of this data directory is active)").c_str());
  return kExitOk;
}

}  // namespace

CommandRunner AddModelsCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("models", "List the data directory's model sets; activate one or roll back");
  auto action = std::make_shared<std::string>("list");
  auto target = std::make_shared<std::string>();
  command->add_option("action", *action, "list (default), activate ID|shipped, or rollback")
      ->check(CLI::IsMember({"list", "activate", "rollback"}));
  command->add_option("id", *target, "The model set to activate (its id, or 'shipped')");
  AddCommonOptions(command, options);
  return [=]() -> int {
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) {
      std::cerr << "quai: " << workspace.status().message() << "\n";
      return kExitStorage;
    }
    ModelRegistry* store = (*workspace)->services().models();
    if (*action == "list") return List(store);
    auto models = store->ListModelVersions();
    if (!models.ok()) {
      std::cerr << "quai: " << models.status().message() << "\n";
      return kExitStorage;
    }
    auto active = ActiveModels(store);
    if (!active.ok()) {
      std::cerr << "quai: " << active.status().message() << "\n";
      return kExitStorage;
    }
    int64_t id = -1;  // 0: the shipped models
    if (*action == "activate") {
      if (target->empty()) {
        std::cerr << "quai: models activate needs an id (or 'shipped')\n";
        return kExitUsage;
      }
      if (*target == "shipped") {
        id = 0;
      } else {
        try {
          id = std::stoll(*target);
        } catch (...) {
          std::cerr << "quai: not a model id: " << *target << "\n";
          return kExitUsage;
        }
      }
    } else {
      // Back to the set that was active before the current one: the newest
      // retired set older than it, else the shipped models.
      if (!active->has_value()) {
        std::cerr << "quai: nothing to roll back: the shipped models are in use\n";
        return kExitNotFound;
      }
      id = 0;
      for (const ModelVersionRecord& m : *models)
        if (m.kind == kExtractorModelKind && m.status == "retired" && m.id < (*active)->id) id = m.id;
    }
    if (id == 0) {
      if (active->has_value()) {
        Status retired = store->SetModelVersionStatus((*active)->id, "retired");
        if (!retired.ok()) {
          std::cerr << "quai: " << retired.message() << "\n";
          return kExitStorage;
        }
      }
      std::printf("reading with the shipped models from now on (restart a running quai serve to apply)\n");
      return kExitOk;
    }
    Status activated = store->ActivateModelVersion(id);
    if (!activated.ok()) {
      std::cerr << "quai: " << activated.message() << "\n";
      return activated.code() == StatusCode::kNotFound ? kExitNotFound : kExitStorage;
    }
    std::printf("model set #%lld is active (restart a running quai serve to apply)\n", static_cast<long long>(id));
    return kExitOk;
  };
}

}  // namespace quai::cli
