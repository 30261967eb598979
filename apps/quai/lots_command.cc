// quai lots search [TEXT] [--state held] [--json]: the lot book — lots by lot
// number, article, PO or supplier, each with its state (released, held until
// its certificate comes, awaiting delivery) and how many delivery notes and
// certificates it has; quai lots show ID: one lot with its documents and
// events; quai lots unlinked: certificates that match no delivery, and why.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "pipeline/workspace_services.h"
#include "receive/lot_json.h"

namespace quai::cli {
namespace {

using Json = nlohmann::json;

int Fail(const Status& status) {
  std::cerr << "quai: " << status.message() << "\n";
  if (status.code() == StatusCode::kInvalidArgument) return kExitUsage;
  if (status.code() == StatusCode::kNotFound) return kExitNotFound;
  return kExitStorage;
}

}  // namespace

CommandRunner AddLotsCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("lots", "The lot book: lots, their delivery notes and certificates");
  command->require_subcommand(1);
  auto text = std::make_shared<std::string>();
  auto state = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto id = std::make_shared<int64_t>(0);
  auto* search = command->add_subcommand("search", "Lots by lot number, article, PO or supplier");
  search->add_option("text", *text, "What to look for (empty: every lot)");
  search->add_option("--state", *state, "released, held or awaiting_delivery");
  search->add_flag("--json", *json, "JSON Lines: one lot per line");
  auto* show = command->add_subcommand("show", "One lot with its documents and events");
  show->add_option("id", *id, "The lot's id")->required();
  show->add_flag("--json", *json, "As JSON");
  auto* unlinked = command->add_subcommand("unlinked", "Certificates linked to no lot, and why");
  for (CLI::App* sub : {search, show, unlinked})
    sub->add_option("--data", options->data_dir, "Data directory (default: $QUAI_HOME, else ~/.local/share/quai)");
  return [=]() -> int {
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) return Fail(workspace.status());
    ReceivingStore* store = (*workspace)->services().receiving();
    if (store == nullptr) return Fail(Status::FailedPrecondition("this store keeps no lots"));
    if (search->parsed()) {
      LotSearch query;
      query.text = *text;
      query.state = *state;
      query.limit = 500;
      auto lots = store->SearchLots(query);
      if (!lots.ok()) return Fail(lots.status());
      for (const Lot& lot : *lots) {
        if (*json) {
          std::cout << LotToJson(lot).dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
          continue;
        }
        std::printf("%lld  lot %s  %s %s  %s  %s%s%s  %d delivery note(s), %d certificate(s)\n",
                    static_cast<long long>(lot.id), lot.lot_number.c_str(), lot.article_code.c_str(),
                    lot.description.c_str(), lot.supplier_name.c_str(), lot.state.c_str(),
                    lot.hold_reason.empty() ? "" : ": ", lot.hold_reason.c_str(), lot.deliveries, lot.certificates);
      }
      return kExitOk;
    }
    if (show->parsed()) {
      auto page = store->FindLot(*id);
      if (!page.ok()) return Fail(page.status());
      if (!*page) return Fail(Status::NotFound("there is no lot " + std::to_string(*id)));
      const LotPage& lot = **page;
      if (*json) {
        std::cout << LotPageToJson(lot).dump(1, ' ', false, Json::error_handler_t::replace) << "\n";
        return kExitOk;
      }
      std::printf("lot %s of %s %s from %s: %s%s%s\n", lot.lot.lot_number.c_str(), lot.lot.article_code.c_str(),
                  lot.lot.description.c_str(), lot.lot.supplier_name.c_str(), lot.lot.state.c_str(),
                  lot.lot.hold_reason.empty() ? "" : ", ", lot.lot.hold_reason.c_str());
      for (const LotLink& l : lot.links)
        std::printf("  %-11s document %lld %s (v%d)%s%s %s %s\n", l.role.c_str(), static_cast<long long>(l.document_id),
                    l.original_name.c_str(), l.version, l.po_number.empty() ? "" : " on ", l.po_number.c_str(),
                    l.quantity.c_str(), l.unit.c_str());
      for (const LotEvent& e : lot.events)
        std::printf("  %s  %-18s %s\n", e.at.c_str(), e.action.c_str(), e.detail.c_str());
      return kExitOk;
    }
    auto certificates = store->UnlinkedCertificates(0);
    if (!certificates.ok()) return Fail(certificates.status());
    for (const UnlinkedCertificate& c : *certificates)
      std::printf("document %lld: lot %s %s%s: %s\n", static_cast<long long>(c.document_id), c.lot_number.c_str(),
                  c.article_code.c_str(), c.po_number.empty() ? "" : (" on " + c.po_number).c_str(), c.reason.c_str());
    return kExitOk;
  };
}

}  // namespace quai::cli
