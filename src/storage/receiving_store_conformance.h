// The ReceivingStore contract (receiving_store.h) as tests every backend must
// pass: an acceptance writes its version, its lot entries and one export (with
// its job) per target that takes it, in its own transaction; the same values
// again are no new version, other values are one and supersede what the
// earlier version still owed; export targets are named uniquely; attempts,
// retries and a target that answered it is gone; the lot book links
// certificates to the one lot they certify whatever the order they come in,
// holds a lot whose article needs one, and never guesses; two processes
// accepting deliveries and their certificates at once still link every one.
// Include it in a backend's test file and instantiate it with a factory
// (store_under_test.h).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/receiving_store.h"
#include "storage/store_under_test.h"

namespace quai {

class ReceivingStoreConformance : public StoreConformanceTest {
 protected:
  // 2026-12-01T10:00:00Z
  ReceivingStoreConformance()
      : StoreConformanceTest(std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + std::chrono::hours(10)) {}

  void SetUp() override {
    StoreConformanceTest::SetUp();
    ASSERT_NE(store_, nullptr);
    ASSERT_NE(store_->receiving(), nullptr) << "the backend gives no ReceivingStore";
  }

  ReceivingStore* receiving() { return store_->receiving(); }

  int64_t AddDocument(const std::string& name, StoreUnderTest* store = nullptr) {
    DocumentRecord record;
    std::string digits = std::to_string(++documents_);
    record.sha256 = std::string(64 - digits.size(), 'd') + digits;
    record.original_name = name;
    record.source = "cli";
    record.media_type = MediaType::kPdf;
    auto id = (store != nullptr ? store : store_.get())->documents()->AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  int64_t AddTarget(const std::string& name, std::vector<std::string> types = {}, bool include_auto = true,
                    bool enabled = true) {
    ExportTarget target;
    target.name = name;
    target.kind = "webhook";
    target.settings = {{"url", "https://" + name + ".example/hook"}};
    target.document_types = std::move(types);
    target.include_auto_accepted = include_auto;
    target.max_attempts = 3;
    target.enabled = enabled;
    auto id = receiving()->SaveExportTarget(target);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  static LotEntry Delivery(const std::string& lot, const std::string& article = "MP-1", bool certificate_required = false,
                           const std::string& po = "4500001") {
    LotEntry e;
    e.role = "delivery";
    e.line = 0;
    e.supplier_key = "erp:S1";
    e.supplier_name = "Chimirhône SAS";
    e.supplier_name_key = "name:CHIMIRHONE";
    e.article_key = article;
    e.supplier_article_key = "CH-" + article;
    e.article_code = article;
    e.description = "Article " + article;
    e.lot_key = lot;
    e.lot_number = lot;
    e.po_number = po;
    e.quantity = "100";
    e.unit = "KG";
    e.expiry_date = "2027-06-30";
    e.certificate_required = certificate_required;
    return e;
  }

  // A certificate as read: the ERP may not know its supplier, so it may meet its lot by name only.
  static LotEntry Certificate(const std::string& lot, const std::string& article = "",
                              const std::string& supplier_key = "name:CHIMIRHONE") {
    LotEntry e;
    e.role = "certificate";
    e.supplier_key = supplier_key;
    e.supplier_name = "CHIMIRHONE";
    e.supplier_name_key = "name:CHIMIRHONE";
    e.article_key = article;
    e.article_code = article;
    e.lot_key = lot;
    e.lot_number = lot;
    return e;
  }

  static AcceptedVersion Accepted(const std::string& type, const std::string& values, std::vector<LotEntry> lots = {},
                                  const std::string& source = "auto_accepted") {
    AcceptedVersion accepted;
    accepted.source = source;
    accepted.document_type = type;
    accepted.values_json = values;
    accepted.receipt_json = type == "delivery_note" ? "{\"lines\":[]}" : "";
    accepted.lots = std::move(lots);
    accepted.accepted_by = source == "validated" ? "marie" : "quai";
    return accepted;
  }

  // Accepts straight through, as the store stage writes a reading that needed nobody.
  Status AcceptStraightThrough(int64_t document_id, const AcceptedVersion& accepted, StoreUnderTest* store = nullptr,
                               const std::string& model = "m1") {
    StoredExtraction extraction;
    extraction.document_id = document_id;
    extraction.model_version = model;
    extraction.result_json = accepted.values_json;
    extraction.document_type = accepted.document_type;
    extraction.review_required = false;
    extraction.supplier = "Chimirhône";
    extraction.accepted = accepted;
    return (store != nullptr ? store : store_.get())->documents()->SaveExtraction(extraction);
  }

  std::vector<DocumentVersion> Versions(int64_t document_id) {
    auto versions = receiving()->ListDocumentVersions(document_id);
    EXPECT_TRUE(versions.ok()) << versions.status().ToString();
    return versions.ok() ? *versions : std::vector<DocumentVersion>{};
  }

  std::vector<ExportRecord> Exports(int64_t document_id, std::optional<ExportState> state = std::nullopt) {
    ExportFilter filter;
    filter.document_id = document_id;
    filter.state = state;
    auto exports = receiving()->ListExports(filter);
    EXPECT_TRUE(exports.ok()) << exports.status().ToString();
    return exports.ok() ? *exports : std::vector<ExportRecord>{};
  }

  ExportRecord Export(int64_t id) {
    auto found = receiving()->FindExport(id);
    EXPECT_TRUE(found.ok() && found->has_value()) << "export " << id;
    return found.ok() && found->has_value() ? **found : ExportRecord{};
  }

  std::vector<Lot> Lots(const std::string& text = "", const std::string& state = "", int64_t document_id = 0) {
    LotSearch search;
    search.text = text;
    search.state = state;
    search.document_id = document_id;
    auto lots = receiving()->SearchLots(search);
    EXPECT_TRUE(lots.ok()) << lots.status().ToString();
    return lots.ok() ? *lots : std::vector<Lot>{};
  }

  LotPage Page(int64_t lot_id) {
    auto page = receiving()->FindLot(lot_id);
    EXPECT_TRUE(page.ok() && page->has_value()) << "lot " << lot_id;
    return page.ok() && page->has_value() ? **page : LotPage{};
  }

  static std::vector<std::string> Actions(const LotPage& page) {
    std::vector<std::string> actions;
    for (const LotEvent& event : page.events) actions.push_back(event.action);
    return actions;
  }

  int documents_ = 0;
};

TEST_P(ReceivingStoreConformance, AnAcceptanceWritesItsVersionAndOneExportWithItsJobPerTargetThatTakesIt) {
  const int64_t all = AddTarget("erp");
  const int64_t validated_only = AddTarget("wms", {}, /*include_auto=*/false);
  const int64_t invoices = AddTarget("compta", {"invoice"});
  const int64_t notes = AddTarget("stock", {"invoice", "delivery_note"});
  AddTarget("off", {}, true, /*enabled=*/false);
  (void)validated_only;
  (void)invoices;
  const int64_t document = AddDocument("bl-1.pdf");
  AcceptedVersion accepted = Accepted("delivery_note", "{\"po_number\":\"4500001\"}", {Delivery("L1")});
  ASSERT_TRUE(AcceptStraightThrough(document, accepted).ok());

  std::vector<DocumentVersion> versions = Versions(document);
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].version, 1);
  EXPECT_EQ(versions[0].document_id, document);
  EXPECT_EQ(versions[0].accepted.source, "auto_accepted");
  EXPECT_EQ(versions[0].accepted.values_json, accepted.values_json);
  EXPECT_EQ(versions[0].accepted.receipt_json, accepted.receipt_json);
  EXPECT_EQ(versions[0].accepted.accepted_by, "quai");
  ASSERT_EQ(versions[0].accepted.lots.size(), 1u);
  EXPECT_EQ(versions[0].accepted.lots[0].lot_number, "L1");
  EXPECT_EQ(versions[0].accepted.lots[0].supplier_name, "Chimirhône SAS");
  EXPECT_EQ(versions[0].created_at, "2026-12-01T10:00:00Z");
  auto found = receiving()->FindDocumentVersion(versions[0].id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->digest, versions[0].digest);

  std::vector<ExportRecord> exports = Exports(document);
  std::set<int64_t> targets;
  for (const ExportRecord& record : exports) {
    targets.insert(record.target_id);
    EXPECT_EQ(record.state, ExportState::kPending);
    EXPECT_EQ(record.version_id, versions[0].id);
    EXPECT_EQ(record.key, "quai-doc" + std::to_string(document) + "-v1-t" + std::to_string(record.target_id));
    ASSERT_NE(record.job_id, 0);
    auto job = store_->jobs()->FindJob(record.job_id);
    ASSERT_TRUE(job.ok() && job->has_value());
    EXPECT_EQ((*job)->kind, JobKind::kExport);
    EXPECT_EQ((*job)->state, JobState::kQueued);
    EXPECT_EQ((*job)->document_id, document);
    EXPECT_EQ((*job)->max_attempts, 3) << "the target's";
  }
  EXPECT_EQ(targets, (std::set<int64_t>{all, notes})) << "not the validated-only, invoice-only or disabled targets";
  EXPECT_EQ(Export(exports[0].id).target_name, exports[0].target_name);

  // The same values again (the reading saved once more): no new version, no new export.
  ASSERT_TRUE(AcceptStraightThrough(document, accepted, nullptr, "m2").ok());
  EXPECT_EQ(Versions(document).size(), 1u);
  EXPECT_EQ(Exports(document).size(), 2u);

  ASSERT_TRUE(store_->Reopen());
  EXPECT_EQ(Versions(document).size(), 1u);
  EXPECT_EQ(Exports(document).size(), 2u);
}

TEST_P(ReceivingStoreConformance, OtherValuesAreANewVersionThatSupersedesWhatTheEarlierOneStillOwed) {
  const int64_t erp = AddTarget("erp");
  const int64_t wms = AddTarget("wms");
  const int64_t document = AddDocument("bl-1.pdf");
  ASSERT_TRUE(AcceptStraightThrough(document, Accepted("delivery_note", "{\"q\":\"100\"}", {Delivery("L1")})).ok());
  std::vector<ExportRecord> first = Exports(document);
  ASSERT_EQ(first.size(), 2u);
  // The ERP has it; the WMS not yet.
  const ExportRecord& to_erp = first[0].target_id == erp ? first[0] : first[1];
  const ExportRecord& to_wms = first[0].target_id == wms ? first[0] : first[1];
  ASSERT_TRUE(receiving()->RecordExportAttempt(to_erp.id, {ExportState::kDelivered, "", "201", "ERP-1"}).ok());

  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(AcceptStraightThrough(document, Accepted("delivery_note", "{\"q\":\"90\"}", {Delivery("L1")}), nullptr,
                                    "m2")
                  .ok());
  std::vector<DocumentVersion> versions = Versions(document);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1].version, 2);
  EXPECT_NE(versions[1].digest, versions[0].digest);

  EXPECT_EQ(Export(to_erp.id).state, ExportState::kDelivered) << "what was delivered stays delivered";
  ExportRecord superseded = Export(to_wms.id);
  EXPECT_EQ(superseded.state, ExportState::kSuperseded);
  auto job = store_->jobs()->FindJob(superseded.job_id);
  ASSERT_TRUE(job.ok() && job->has_value());
  EXPECT_EQ((*job)->state, JobState::kDone) << "its queued job goes with it";
  EXPECT_EQ(Exports(document, ExportState::kPending).size(), 2u) << "version 2 goes to both targets";
  for (const ExportRecord& record : Exports(document, ExportState::kPending)) EXPECT_EQ(record.version, 2);

  // A late failure of the superseded export is refused; a late delivery is recorded.
  Status late = receiving()->RecordExportAttempt(to_wms.id, {ExportState::kPending, "timeout"});
  EXPECT_EQ(late.code(), StatusCode::kFailedPrecondition) << late.ToString();
}

TEST_P(ReceivingStoreConformance, APersonValidatingWhatWentStraightThroughSendsItToTheValidatedOnlyTargets) {
  const int64_t erp = AddTarget("erp");
  const int64_t wms = AddTarget("wms", {}, /*include_auto=*/false);
  const int64_t document = AddDocument("bl-1.pdf");
  AcceptedVersion straight = Accepted("delivery_note", "{\"q\":\"100\"}", {Delivery("L1")});
  ASSERT_TRUE(AcceptStraightThrough(document, straight).ok());
  AcceptedVersion validated = straight;
  validated.source = "validated";
  validated.accepted_by = "marie";
  Status edited = store_->reviews()->EditReview(document, [&](const ReviewDocumentRecord&, ReviewUpdate* update) {
    update->state.status = "validated";
    update->state.document_type = "delivery_note";
    update->state.values_json = straight.values_json;
    update->accepted = validated;
    return Status::Ok();
  });
  ASSERT_TRUE(edited.ok()) << edited.ToString();
  std::vector<DocumentVersion> versions = Versions(document);
  ASSERT_EQ(versions.size(), 1u) << "the same values: the same version, now validated";
  EXPECT_EQ(versions[0].accepted.source, "validated");
  EXPECT_EQ(versions[0].accepted.accepted_by, "marie");
  std::vector<ExportRecord> exports = Exports(document);
  ASSERT_EQ(exports.size(), 2u);
  std::set<int64_t> targets;
  for (const ExportRecord& record : exports) {
    targets.insert(record.target_id);
    EXPECT_EQ(record.version, 1);
    EXPECT_EQ(record.state, ExportState::kPending) << "nothing superseded: the ERP's export is still owed";
  }
  EXPECT_EQ(targets, (std::set<int64_t>{erp, wms}));
}

TEST_P(ReceivingStoreConformance, ExportTargetsAreNamedUniquelyUpdatedAndRemovedKeepingTheirExports) {
  const int64_t erp = AddTarget("erp", {"delivery_note"});
  ExportTarget same_name;
  same_name.name = "erp";
  same_name.kind = "files";
  auto taken = receiving()->SaveExportTarget(same_name);
  EXPECT_EQ(taken.status().code(), StatusCode::kAlreadyExists) << taken.status().ToString();

  auto stored = receiving()->FindExportTarget(erp);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  ExportTarget target = **stored;
  EXPECT_EQ(target.name, "erp");
  EXPECT_EQ(target.kind, "webhook");
  EXPECT_EQ(target.settings.at("url"), "https://erp.example/hook");
  EXPECT_EQ(target.document_types, std::vector<std::string>{"delivery_note"});
  EXPECT_TRUE(target.include_auto_accepted);
  EXPECT_EQ(target.max_attempts, 3);
  EXPECT_TRUE(target.enabled);
  EXPECT_EQ(target.created_at, "2026-12-01T10:00:00Z");

  target.field_mapping = {{"po_number", "PurchaseOrder"}, {"lines.quantity", "Qty"}};
  target.enabled = false;
  target.disabled_reason = "paused";
  auto updated = receiving()->SaveExportTarget(target);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(*updated, erp);
  auto listed = receiving()->ListExportTargets();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].field_mapping, target.field_mapping);
  EXPECT_FALSE((*listed)[0].enabled);
  EXPECT_EQ((*listed)[0].disabled_reason, "paused");

  ExportTarget unknown = target;
  unknown.id = erp + 100;
  unknown.name = "ghost";
  EXPECT_EQ(receiving()->SaveExportTarget(unknown).status().code(), StatusCode::kNotFound);

  // Removed: gone from the lists, its name free again, its exports kept.
  target.enabled = true;
  ASSERT_TRUE(receiving()->SaveExportTarget(target).ok());
  const int64_t document = AddDocument("bl-1.pdf");
  ASSERT_TRUE(AcceptStraightThrough(document, Accepted("delivery_note", "{}")).ok());
  ASSERT_EQ(Exports(document).size(), 1u);
  ASSERT_TRUE(receiving()->RemoveExportTarget(erp).ok());
  EXPECT_EQ(receiving()->RemoveExportTarget(erp).code(), StatusCode::kNotFound);
  auto removed = receiving()->FindExportTarget(erp);
  ASSERT_TRUE(removed.ok());
  EXPECT_FALSE(removed->has_value());
  EXPECT_TRUE(receiving()->ListExportTargets()->empty());
  EXPECT_EQ(Exports(document).size(), 1u);
  EXPECT_EQ(Exports(document)[0].target_name, "erp");
  const int64_t again = AddTarget("erp");
  EXPECT_NE(again, erp);
}

TEST_P(ReceivingStoreConformance, AttemptsRetriesAndATargetThatIsGone) {
  const int64_t hook = AddTarget("hook");
  const int64_t document = AddDocument("bl-1.pdf");
  ASSERT_TRUE(AcceptStraightThrough(document, Accepted("delivery_note", "{}")).ok());
  ASSERT_EQ(Exports(document).size(), 1u);
  const ExportRecord queued = Exports(document)[0];

  clock_.Advance(std::chrono::seconds(30));
  ASSERT_TRUE(receiving()->RecordExportAttempt(queued.id, {ExportState::kPending, "503 Service Unavailable", "busy"}).ok());
  ExportRecord record = Export(queued.id);
  EXPECT_EQ(record.state, ExportState::kPending);
  EXPECT_EQ(record.attempts, 1);
  EXPECT_EQ(record.last_error, "503 Service Unavailable");
  EXPECT_EQ(record.answer, "busy");
  EXPECT_EQ(record.updated_at, "2026-12-01T10:00:30Z");
  EXPECT_EQ(receiving()->RetryExport(queued.id).code(), StatusCode::kFailedPrecondition) << "it is not dead";

  ASSERT_TRUE(receiving()->RecordExportAttempt(queued.id, {ExportState::kDead, "400 Bad Request", "no such PO"}).ok());
  EXPECT_EQ(Export(queued.id).state, ExportState::kDead);
  EXPECT_EQ(Export(queued.id).attempts, 2);
  ASSERT_TRUE(receiving()->RetryExport(queued.id).ok());
  record = Export(queued.id);
  EXPECT_EQ(record.state, ExportState::kPending);
  EXPECT_EQ(record.attempts, 0);
  EXPECT_NE(record.job_id, 0);
  auto job = store_->jobs()->FindJob(record.job_id);
  ASSERT_TRUE(job.ok() && job->has_value());
  EXPECT_EQ((*job)->kind, JobKind::kExport);
  EXPECT_TRUE((*job)->state == JobState::kQueued) << "a job due now";

  clock_.Advance(std::chrono::seconds(30));
  ASSERT_TRUE(receiving()->RecordExportAttempt(queued.id, {ExportState::kDelivered, "", "201 Created", "WMS-77"}).ok());
  record = Export(queued.id);
  EXPECT_EQ(record.state, ExportState::kDelivered);
  EXPECT_EQ(record.external_id, "WMS-77");
  EXPECT_EQ(record.delivered_at, "2026-12-01T10:01:00Z");
  // A late answer of an earlier attempt changes nothing.
  ASSERT_TRUE(receiving()->RecordExportAttempt(queued.id, {ExportState::kDead, "late"}).ok());
  EXPECT_EQ(Export(queued.id).state, ExportState::kDelivered);
  EXPECT_EQ(Export(queued.id).external_id, "WMS-77");

  // A target that answers it is gone is disabled; its dead exports wait for it.
  const int64_t other = AddDocument("bl-2.pdf");
  ASSERT_TRUE(AcceptStraightThrough(other, Accepted("delivery_note", "{\"n\":2}")).ok());
  const ExportRecord second = Exports(other)[0];
  ExportAttempt gone{ExportState::kDead, "410 Gone", "", "", /*disable_target=*/true, "the webhook answered 410"};
  ASSERT_TRUE(receiving()->RecordExportAttempt(second.id, gone).ok());
  auto target = receiving()->FindExportTarget(hook);
  ASSERT_TRUE(target.ok() && target->has_value());
  EXPECT_FALSE((*target)->enabled);
  EXPECT_EQ((*target)->disabled_reason, "the webhook answered 410");
  EXPECT_EQ(receiving()->RetryExport(second.id).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(receiving()->RetryExport(second.id + 100).code(), StatusCode::kNotFound);
  EXPECT_EQ(receiving()->RecordExportAttempt(second.id + 100, {ExportState::kDelivered}).code(), StatusCode::kNotFound);
}

TEST_P(ReceivingStoreConformance, ExportsListNewestFirstByDocumentTargetAndState) {
  const int64_t a = AddTarget("a");
  const int64_t b = AddTarget("b");
  std::vector<int64_t> documents;
  for (int i = 0; i < 3; ++i) {
    documents.push_back(AddDocument("bl-" + std::to_string(i) + ".pdf"));
    ASSERT_TRUE(AcceptStraightThrough(documents.back(), Accepted("delivery_note", "{\"n\":" + std::to_string(i) + "}")).ok());
  }
  ExportFilter all;
  auto every = receiving()->ListExports(all);
  ASSERT_TRUE(every.ok());
  ASSERT_EQ(every->size(), 6u);
  for (size_t i = 1; i < every->size(); ++i) EXPECT_GT((*every)[i - 1].id, (*every)[i].id) << "newest first";
  ASSERT_TRUE(receiving()->RecordExportAttempt((*every)[0].id, {ExportState::kDelivered}).ok());

  ExportFilter to_b;
  to_b.target_id = b;
  auto of_b = receiving()->ListExports(to_b);
  ASSERT_TRUE(of_b.ok());
  EXPECT_EQ(of_b->size(), 3u);
  for (const ExportRecord& record : *of_b) EXPECT_EQ(record.target_name, "b");
  ExportFilter delivered;
  delivered.state = ExportState::kDelivered;
  auto done = receiving()->ListExports(delivered);
  ASSERT_TRUE(done.ok());
  ASSERT_EQ(done->size(), 1u);
  EXPECT_EQ((*done)[0].id, (*every)[0].id);
  ExportFilter page;
  page.target_id = a;
  page.limit = 1;
  page.offset = 1;
  auto second = receiving()->ListExports(page);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ((*second)[0].document_id, documents[1]);
  ExportFilter bad;
  bad.limit = 0;
  EXPECT_EQ(receiving()->ListExports(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(ReceivingStoreConformance, ACertificateLinksToItsLotWhicheverComesFirstAndReleasesAHeldLot) {
  // Lot L1 comes first, of an article that needs a certificate: held.
  const int64_t note = AddDocument("bl-1.pdf");
  ASSERT_TRUE(AcceptStraightThrough(note, Accepted("delivery_note", "{}", {Delivery("L1", "MP-1", true)})).ok());
  std::vector<Lot> lots = Lots();
  ASSERT_EQ(lots.size(), 1u);
  const int64_t l1 = lots[0].id;
  EXPECT_EQ(lots[0].state, "held");
  EXPECT_EQ(lots[0].hold_reason, "certificate_missing");
  EXPECT_EQ(lots[0].deliveries, 1);
  EXPECT_EQ(lots[0].certificates, 0);
  EXPECT_EQ(lots[0].expiry_date, "2027-06-30");

  // A certificate for a lot not delivered yet waits, saying why.
  const int64_t early = AddDocument("cert-l2.pdf");
  ASSERT_TRUE(AcceptStraightThrough(early, Accepted("certificate_of_conformity", "{\"l\":2}", {Certificate("L2")})).ok());
  auto unlinked = receiving()->UnlinkedCertificates(0);
  ASSERT_TRUE(unlinked.ok());
  ASSERT_EQ(unlinked->size(), 1u);
  EXPECT_EQ((*unlinked)[0].document_id, early);
  EXPECT_EQ((*unlinked)[0].lot_number, "L2");
  EXPECT_NE((*unlinked)[0].reason.find("no delivery"), std::string::npos) << (*unlinked)[0].reason;
  auto match = receiving()->CertificateMatch(Certificate("L1"));
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(*match, "") << "L1 is delivered: it would link";

  // L1's certificate: linked, the lot released.
  const int64_t cert = AddDocument("cert-l1.pdf");
  ASSERT_TRUE(AcceptStraightThrough(cert, Accepted("certificate_of_conformity", "{\"l\":1}", {Certificate("L1")})).ok());
  LotPage page = Page(l1);
  EXPECT_EQ(page.lot.state, "released");
  EXPECT_EQ(page.lot.certificates, 1);
  EXPECT_EQ(Actions(page), (std::vector<std::string>{"received", "held", "certificate_linked", "released"}));
  ASSERT_EQ(page.links.size(), 2u);
  EXPECT_EQ(page.links[0].document_id, note);
  EXPECT_EQ(page.links[0].role, "delivery");
  EXPECT_EQ(page.links[0].original_name, "bl-1.pdf");
  EXPECT_EQ(page.links[0].document_type, "delivery_note");
  EXPECT_EQ(page.links[0].quantity, "100");
  EXPECT_EQ(page.links[0].po_number, "4500001");
  EXPECT_EQ(page.links[1].document_id, cert);
  EXPECT_EQ(page.links[1].role, "certificate");

  // L2 is delivered after its certificate: the certificate finds it.
  const int64_t later = AddDocument("bl-2.pdf");
  ASSERT_TRUE(AcceptStraightThrough(later, Accepted("delivery_note", "{\"n\":2}", {Delivery("L2", "MP-2", true)})).ok());
  std::vector<Lot> l2 = Lots("L2");
  ASSERT_EQ(l2.size(), 1u);
  EXPECT_EQ(l2[0].state, "released");
  EXPECT_EQ(l2[0].certificates, 1);
  EXPECT_TRUE(receiving()->UnlinkedCertificates(0)->empty());

  // Search: by text (any case), state and document; most recently changed first.
  EXPECT_EQ(Lots().size(), 2u);
  EXPECT_EQ(Lots()[0].id, l2[0].id);
  EXPECT_EQ(Lots("article mp-1").size(), 1u);
  EXPECT_EQ(Lots("4500001").size(), 2u) << "by PO number";
  EXPECT_EQ(Lots("chimirh").size(), 2u) << "by supplier name";
  EXPECT_EQ(Lots("", "held").size(), 0u);
  EXPECT_EQ(Lots("", "", cert).size(), 1u);
  EXPECT_EQ(Lots("", "", cert)[0].id, l1);
  LotSearch bad;
  bad.limit = 501;
  EXPECT_EQ(receiving()->SearchLots(bad).status().code(), StatusCode::kInvalidArgument);
  auto none = receiving()->FindLot(l1 + l2[0].id + 100);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_P(ReceivingStoreConformance, TwoLotsWithOneNumberAndACertificateNamingNoArticleIsNeverAGuess) {
  const int64_t first = AddDocument("bl-1.pdf");
  ASSERT_TRUE(AcceptStraightThrough(first, Accepted("delivery_note", "{}", {Delivery("L7", "MP-1")})).ok());
  const int64_t cert = AddDocument("cert-l7.pdf");
  ASSERT_TRUE(AcceptStraightThrough(cert, Accepted("certificate_of_conformity", "{}", {Certificate("L7")})).ok());
  ASSERT_EQ(Lots()[0].certificates, 1) << "the only lot L7: linked";

  // Another article's lot L7 comes: the certificate names nothing to choose, so it is unlinked.
  const int64_t second = AddDocument("bl-2.pdf");
  ASSERT_TRUE(AcceptStraightThrough(second, Accepted("delivery_note", "{\"n\":2}", {Delivery("L7", "MP-2")})).ok());
  for (const Lot& lot : Lots()) EXPECT_EQ(lot.certificates, 0) << "lot " << lot.id;
  auto unlinked = receiving()->UnlinkedCertificates(cert);
  ASSERT_TRUE(unlinked.ok());
  ASSERT_EQ(unlinked->size(), 1u);
  EXPECT_NE((*unlinked)[0].reason.find("2 lots"), std::string::npos) << (*unlinked)[0].reason;
  auto match = receiving()->CertificateMatch(Certificate("L7", "MP-2"));
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(*match, "") << "naming the article chooses";
  auto wrong = receiving()->CertificateMatch(Certificate("L7", "MP-9"));
  ASSERT_TRUE(wrong.ok());
  EXPECT_NE(wrong->find("not of article"), std::string::npos) << *wrong;

  // The second note corrected: it no longer names L7, so the certificate's one lot is back.
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(AcceptStraightThrough(second, Accepted("delivery_note", "{\"n\":3}", {Delivery("L8", "MP-2")}), nullptr,
                                    "m2")
                  .ok());
  EXPECT_TRUE(receiving()->UnlinkedCertificates(cert)->empty());
  std::vector<Lot> l7 = Lots("L7");
  int certified = 0;
  for (const Lot& lot : l7) certified += lot.certificates;
  EXPECT_EQ(certified, 1);
}

// Two workers (two processes) accepting the deliveries and the certificates
// of the same lots at the same time: whatever the interleaving, every
// certificate ends linked to its lot and every lot is released.
TEST_P(ReceivingStoreConformance, TwoConnectionsAcceptingDeliveriesAndCertificatesAtOnceLinkEveryOne) {
  std::unique_ptr<StoreUnderTest> other = Connect();
  ASSERT_NE(other, nullptr);
  constexpr int kLots = 12;
  std::vector<int64_t> notes, certificates;
  for (int i = 0; i < kLots; ++i) notes.push_back(AddDocument("bl-" + std::to_string(i) + ".pdf"));
  for (int i = 0; i < kLots; ++i) certificates.push_back(AddDocument("cert-" + std::to_string(i) + ".pdf"));
  std::atomic<int> failures{0};
  std::thread deliveries([&] {
    for (int i = 0; i < kLots; ++i) {
      Status accepted = AcceptStraightThrough(
          notes[i], Accepted("delivery_note", "{}", {Delivery("LOT-" + std::to_string(i), "MP-1", true)}));
      if (!accepted.ok()) ++failures;
    }
  });
  std::thread certifications([&] {
    for (int i = 0; i < kLots; ++i) {
      Status accepted = AcceptStraightThrough(
          certificates[i], Accepted("certificate_of_conformity", "{}", {Certificate("LOT-" + std::to_string(i))}),
          other.get());
      if (!accepted.ok()) ++failures;
    }
  });
  deliveries.join();
  certifications.join();
  EXPECT_EQ(failures.load(), 0);
  auto unlinked = receiving()->UnlinkedCertificates(0);
  ASSERT_TRUE(unlinked.ok());
  EXPECT_TRUE(unlinked->empty()) << unlinked->size() << " certificates left unlinked, the first: lot "
                                 << (unlinked->empty() ? "" : (*unlinked)[0].lot_number);
  std::vector<Lot> lots = Lots();
  EXPECT_EQ(lots.size(), static_cast<size_t>(kLots));
  for (const Lot& lot : lots) {
    EXPECT_EQ(lot.state, "released") << lot.lot_number;
    EXPECT_EQ(lot.certificates, 1) << lot.lot_number;
  }
}

}  // namespace quai
