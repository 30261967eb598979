// TrytonSender: books the goods receipt of an accepted delivery note into
// Tryton 6.0 over JSON-RPC (erp/tryton_session.h): one supplier shipment
// (`stock.shipment.in`) whose reference is the message's key, its incoming
// moves taken from the purchase order lines' planned moves (partial and
// over-deliveries adjust their quantity; a line delivered in several lots gets
// one move per lot), the lots (`stock.lot`) created when missing, then the
// shipment received. The outcome's external_id is the shipment's id.
//
// Idempotent: a shipment with the key as reference is looked up first and
// returned (a draft one, left by a lost answer, is received). A correction
// (supersedes_version > 0, payload document.supersedes_key) deletes the
// corrected version's shipment when draft, cancels it when received (Tryton
// 6.0 then keeps its received quantities: the answer says so) and leaves it
// when done, then books the new one.
//
// Target settings: url, database, user, password; optional timeout_seconds
// (per call, default 60) and warehouse (name or code; default the order's).
// Outcomes: Tryton unreachable or failing → kRetry; Tryton refusing (a
// UserError) or a receipt that cannot be booked (unknown order or line) →
// kRejected with the reason. Never throws. Not thread-safe: one Send at a
// time per sender; the HttpClient, when borrowed, must outlive it.
#pragma once

#include <memory>

#include "core/clock.h"
#include "erp/http_client.h"
#include "export/export_sender.h"

namespace quai {

class TrytonSender : public ExportSender {
 public:
  TrytonSender();  // over its own CurlHttpClient and the system clock
  // `clock` gives the day a new lot's default expiry counts from.
  explicit TrytonSender(HttpClient& http, const Clock& clock = *SystemClock());
  ~TrytonSender() override;

  Result<ExportOutcome> Send(const ExportMessage& message) override;

 private:
  std::unique_ptr<HttpClient> owned_http_;
  HttpClient& http_;
  const Clock& clock_;
};

}  // namespace quai
