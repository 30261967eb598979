// The learning loop over HTTP against a real `quai serve`: a validation
// teaches quai the supplier at once (supplier table, drift signal, layout
// memory used on the supplier's next document), reopening a validated
// document withdraws its lesson, and the learning routes' paging, errors and
// roles. The documents come from tools/docgen (born-digital, generated once
// per test binary): docgen deals suppliers round robin over its 14 dev
// suppliers, so delivery notes 3 and 17 are of the same supplier and layout
// with different values.
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <map>
#include <set>

#include "api/api_test.h"

namespace quai::testing {
namespace {

// Delivery notes dev-dn-0001 … dev-dn-0031 with their truth, made once.
class GeneratedDeliveryNotes {
 public:
  static const GeneratedDeliveryNotes& Get() {
    static const GeneratedDeliveryNotes generated;
    return generated;
  }
  bool ok() const { return ok_; }
  const std::string& log() const { return log_; }
  std::string Pdf(int n) const { return ReadFile(Path(n) + ".pdf"); }
  Json Truth(int n) const { return Json::parse(ReadFile(Path(n) + ".json"), nullptr, false); }
  std::string FileName(int n) const { return Stem(n) + ".pdf"; }

 private:
  GeneratedDeliveryNotes() {
    const std::string out = directory_.File("docgen");
    const std::string command = "/usr/bin/python3 '" + SourceDir() + "/tools/docgen/docgen.py' --out '" + out +
                                "' --family dev --types delivery_note --count 31 --seed 7 --form born --jobs 1 >'" +
                                directory_.File("docgen.log") + "' 2>&1";
    ok_ = directory_.ok() && std::system(command.c_str()) == 0;
    log_ = ReadFile(directory_.File("docgen.log"));
  }
  static std::string Stem(int n) {
    char stem[32];
    std::snprintf(stem, sizeof stem, "dev-dn-%04d", n);
    return stem;
  }
  std::string Path(int n) const { return directory_.File("docgen/" + Stem(n)); }

  TestDirectory directory_;
  bool ok_ = false;
  std::string log_;
};

constexpr int kFirstOfSupplier = 3;   // dev-dn-0003: supplier d03, layout L-d03, one page
constexpr int kSecondOfSupplier = 17;  // dev-dn-0017: the same supplier and layout, other values
constexpr int kThirdOfSupplier = 31;   // dev-dn-0031: delivers again an article of dev-dn-0003

class LearningTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(documents().ok()) << "docgen failed:\n" << documents().log();
  }
  const GeneratedDeliveryNotes& documents() const { return GeneratedDeliveryNotes::Get(); }

  // Uploads and waits until the document is read; its id (0 on failure).
  int64_t UploadAndRead(ApiClient& client, const std::string& name, const std::string& bytes) {
    int64_t id = UploadOne(client, name, bytes);
    if (id == 0) return 0;
    Json document = client.WaitUntilRead(id);
    return document.is_object() && document.value("status", "") != "received" ? id : 0;
  }

  // Sets every header field of the document to its true value (as a person
  // at the desk would); the number of values that were not read so.
  int CorrectToTruth(ApiClient& client, int64_t id, const Json& truth) {
    const std::string path = "/api/v1/documents/" + std::to_string(id);
    Json document = client.GetJson(path);
    EXPECT_TRUE(document.is_object());
    if (!document.is_object()) return 0;
    int changed = 0;
    for (const auto& [field, value] : truth["fields"].items()) {
      const Json& read = document["fields"].value(field, Json::object());
      if (read.is_object() && read.value("value", Json()) == value) continue;
      auto corrected = client.Send("PUT", path + "/fields/" + field, {{"value", value}});
      EXPECT_TRUE(IsStatus(corrected, 200)) << field;
      ++changed;
    }
    return changed;
  }

  Json Validate(ApiClient& client, int64_t id) {
    auto validated = client.Send("POST", "/api/v1/documents/" + std::to_string(id) + "/validate");
    EXPECT_TRUE(IsStatus(validated, 200));
    if (!validated || validated->status != 200) return nullptr;
    return Json::parse(validated->body, nullptr, false);
  }

  // The supplier's layout examples of delivery notes (-1 when it cannot be read).
  int DeliveryNoteLayouts(ApiClient& client, int64_t supplier_id) {
    Json supplier = client.GetJson("/api/v1/suppliers/" + std::to_string(supplier_id));
    if (!supplier.is_object() || !supplier["layouts"].contains("delivery_note")) return -1;
    return supplier["layouts"]["delivery_note"].get<int>();
  }
};

TEST_F(LearningTest, AValidatedDocumentTeachesItsSupplierAndTheSuppliersNextDocumentIsReadWithIt) {
  auto ana = WithToken("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  const Json truth = documents().Truth(kFirstOfSupplier);
  const std::string supplier_name = truth["fields"]["supplier_name"];
  ASSERT_EQ(documents().Truth(kSecondOfSupplier)["fields"]["supplier_name"], supplier_name)
      << "docgen no longer deals suppliers round robin";

  // The first document of a supplier quai has never seen, validated with a correction.
  int64_t first = UploadAndRead(*ana, documents().FileName(kFirstOfSupplier), documents().Pdf(kFirstOfSupplier));
  ASSERT_GT(first, 0);
  EXPECT_EQ(ana->GetJson("/api/v1/documents/" + std::to_string(first))["supplier"].value("known", true), false);
  CorrectToTruth(*ana, first, truth);
  auto corrected = ana->Send("PUT", "/api/v1/documents/" + std::to_string(first) + "/fields/po_number",
                             {{"value", "4500099999"}});  // one value quai cannot have read
  ASSERT_TRUE(IsStatus(corrected, 200));
  Json validated = Validate(*ana, first);
  ASSERT_TRUE(validated.is_object());
  EXPECT_EQ(validated["status"], "validated");
  const Json& learned = validated["learned"];
  ASSERT_TRUE(learned.is_object()) << validated.dump().substr(0, 2000);
  ASSERT_TRUE(learned["supplier"].is_object()) << learned.dump();
  EXPECT_EQ(learned["supplier"]["name"], supplier_name);
  EXPECT_EQ(learned["supplier"]["new"], true);
  EXPECT_GE(learned["anchors"].get<int>(), 1) << learned.dump();
  EXPECT_GE(learned["corrected"].get<int>(), 1) << learned.dump();
  const int64_t supplier_id = learned["supplier"]["id"];

  // The supplier table lists it, validated once, with its accuracy.
  Json suppliers = ana->GetJson("/api/v1/suppliers");
  ASSERT_TRUE(suppliers.is_object());
  ASSERT_EQ(suppliers["suppliers"].size(), 1u) << suppliers.dump();
  const Json& supplier = suppliers["suppliers"][0];
  EXPECT_EQ(supplier["id"], supplier_id);
  EXPECT_EQ(supplier["name"], supplier_name);
  EXPECT_EQ(supplier["documents_validated"], 1);
  EXPECT_EQ(supplier["accuracy"]["documents"], 1);
  ASSERT_TRUE(supplier["accuracy"]["overall"].is_number()) << supplier.dump();
  EXPECT_LT(supplier["accuracy"]["overall"].get<double>(), 1.0);  // po_number was corrected
  EXPECT_EQ(supplier["accuracy"]["recent"], supplier["accuracy"]["overall"]);

  // Monitoring saw a new supplier.
  Json drift = ana->GetJson("/api/v1/drift");
  ASSERT_TRUE(drift.is_object());
  bool new_supplier = false;
  for (const Json& signal : drift["signals"])
    if (signal["kind"] == "new_supplier" && signal["supplier_id"] == supplier_id) {
      new_supplier = true;
      EXPECT_EQ(signal["document_id"], first);
      EXPECT_EQ(signal["detail"]["supplier"], supplier_name);
    }
  EXPECT_TRUE(new_supplier) << drift.dump();

  Json one = ana->GetJson("/api/v1/suppliers/" + std::to_string(supplier_id));
  ASSERT_TRUE(one.is_object());
  ASSERT_EQ(one["outcomes"].size(), 1u) << one.dump();
  EXPECT_EQ(one["outcomes"][0]["document_id"], first);
  EXPECT_GE(one["outcomes"][0]["corrected"].get<int>(), 1);
  EXPECT_EQ(one["layouts"]["delivery_note"], 1) << one.dump();

  // The supplier's next document: recognised, and read with what the first one taught.
  int64_t second = UploadAndRead(*ana, documents().FileName(kSecondOfSupplier), documents().Pdf(kSecondOfSupplier));
  ASSERT_GT(second, 0);
  Json next = ana->GetJson("/api/v1/documents/" + std::to_string(second));
  ASSERT_TRUE(next.is_object());
  ASSERT_TRUE(next["supplier"].is_object()) << next.dump().substr(0, 2000);
  EXPECT_EQ(next["supplier"]["known"], true) << next["supplier"].dump();
  EXPECT_EQ(next["supplier"].value("id", int64_t{0}), supplier_id) << next["supplier"].dump();
  EXPECT_GE(next["supplier"].value("learned_documents", 0), 1) << next["supplier"].dump();
  std::vector<std::string> learned_fields;
  for (const auto& [field, value] : next["fields"].items())
    if (value.value("evidence", "").rfind("learned from", 0) == 0) learned_fields.push_back(field);
  EXPECT_FALSE(learned_fields.empty()) << "no value says it was learned: " << next["fields"].dump();
}

TEST_F(LearningTest, AnArticleTheSupplierDeliveredBeforeIsShownAsSuchOnItsNextDocument) {
  auto ana = WithToken("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  const Json first_truth = documents().Truth(kFirstOfSupplier), next_truth = documents().Truth(kThirdOfSupplier);
  std::set<std::string> delivered;
  for (const Json& line : first_truth["lines"]) delivered.insert(line.value("description", ""));
  std::set<std::string> again;
  for (const Json& line : next_truth["lines"])
    if (delivered.count(line.value("description", ""))) again.insert(line.value("description", ""));
  ASSERT_FALSE(again.empty()) << "docgen no longer repeats an article of dev-dn-0003 on dev-dn-0031";

  int64_t first = UploadAndRead(*ana, documents().FileName(kFirstOfSupplier), documents().Pdf(kFirstOfSupplier));
  ASSERT_GT(first, 0);
  CorrectToTruth(*ana, first, first_truth);
  ASSERT_TRUE(Validate(*ana, first).is_object());

  int64_t next = UploadAndRead(*ana, documents().FileName(kThirdOfSupplier), documents().Pdf(kThirdOfSupplier));
  ASSERT_GT(next, 0);
  Json document = ana->GetJson("/api/v1/documents/" + std::to_string(next));
  ASSERT_TRUE(document.is_object());
  int shown = 0;
  for (const Json& line : document["lines"]) {
    const Json& description = line.value("description", Json::object());
    if (!description.is_object() || !again.count(description.value("value", ""))) continue;
    EXPECT_NE(description.value("evidence", "").find("an article this supplier delivered before"), std::string::npos)
        << description.dump();
    ++shown;
  }
  EXPECT_EQ(shown, static_cast<int>(again.size())) << document["lines"].dump().substr(0, 2000);
}

TEST_F(LearningTest, ReopeningAValidatedDocumentWithdrawsItsLayoutExampleUntilItIsValidatedAgain) {
  auto ana = WithToken("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  int64_t id = UploadAndRead(*ana, documents().FileName(kFirstOfSupplier), documents().Pdf(kFirstOfSupplier));
  ASSERT_GT(id, 0);
  const std::string path = "/api/v1/documents/" + std::to_string(id);
  CorrectToTruth(*ana, id, documents().Truth(kFirstOfSupplier));
  Json validated = Validate(*ana, id);
  ASSERT_TRUE(validated.is_object() && validated["learned"].is_object()) << validated.dump().substr(0, 2000);
  const int64_t supplier_id = validated["learned"]["supplier"]["id"];
  ASSERT_EQ(DeliveryNoteLayouts(*ana, supplier_id), 1);

  // A correction reopens it: its lesson is withdrawn.
  auto corrected = ana->Send("PUT", path + "/fields/po_number", {{"value", "4500011111"}});
  ASSERT_TRUE(IsStatus(corrected, 200));
  EXPECT_EQ(Json::parse(corrected->body)["status"], "needs_review");
  EXPECT_EQ(DeliveryNoteLayouts(*ana, supplier_id), 0);

  // Validated again: it teaches again, and the supplier is not counted twice.
  validated = Validate(*ana, id);
  ASSERT_TRUE(validated.is_object() && validated["learned"].is_object());
  EXPECT_EQ(validated["learned"]["supplier"]["id"], supplier_id);
  EXPECT_EQ(validated["learned"]["supplier"]["new"], false);
  EXPECT_EQ(DeliveryNoteLayouts(*ana, supplier_id), 1);
  Json suppliers = ana->GetJson("/api/v1/suppliers");
  ASSERT_EQ(suppliers["suppliers"].size(), 1u) << suppliers.dump();
  EXPECT_EQ(suppliers["suppliers"][0]["documents_validated"], 1);

  // Rejected after validation: withdrawn too.
  auto rejected = ana->Send("POST", path + "/reject", {{"reason", "not our order"}});
  ASSERT_TRUE(IsStatus(rejected, 200));
  EXPECT_EQ(DeliveryNoteLayouts(*ana, supplier_id), 0);
}

TEST_F(LearningTest, SuppliersAndDriftAreReadByAnyRoleAndPagedNewestFirst) {
  auto ana = WithToken("ana", "reviewer");
  ASSERT_NE(ana, nullptr);
  // Two documents of two suppliers validated: two new suppliers, two signals.
  std::vector<int64_t> validated;
  for (int n : {1, 2}) {
    int64_t id = UploadAndRead(*ana, documents().FileName(n), documents().Pdf(n));
    ASSERT_GT(id, 0);
    CorrectToTruth(*ana, id, documents().Truth(n));
    Json answer = Validate(*ana, id);
    ASSERT_TRUE(answer.is_object() && answer["learned"].is_object()) << answer.dump().substr(0, 2000);
    validated.push_back(id);
  }

  auto viewer = LogIn("vera", "viewer");
  ASSERT_NE(viewer, nullptr);
  Json suppliers = viewer->GetJson("/api/v1/suppliers");
  ASSERT_TRUE(suppliers.is_object());
  EXPECT_EQ(suppliers["suppliers"].size(), 2u) << suppliers.dump();
  Json first_supplier = viewer->GetJson("/api/v1/suppliers/" + suppliers["suppliers"][0]["id"].dump());
  EXPECT_TRUE(first_supplier.is_object());

  Json all = viewer->GetJson("/api/v1/drift");
  ASSERT_TRUE(all.is_object());
  ASSERT_EQ(all["signals"].size(), 2u) << all.dump();
  EXPECT_EQ(all["limit"], 50);
  EXPECT_EQ(all["offset"], 0);
  EXPECT_GT(all["signals"][0]["id"].get<int64_t>(), all["signals"][1]["id"].get<int64_t>());  // newest first
  EXPECT_EQ(all["signals"][0]["document_id"], validated[1]);
  Json page1 = viewer->GetJson("/api/v1/drift?limit=1");
  Json page2 = viewer->GetJson("/api/v1/drift?limit=1&offset=1");
  Json page3 = viewer->GetJson("/api/v1/drift?limit=1&offset=2");
  ASSERT_TRUE(page1.is_object() && page2.is_object() && page3.is_object());
  ASSERT_EQ(page1["signals"].size(), 1u);
  ASSERT_EQ(page2["signals"].size(), 1u);
  EXPECT_EQ(page1["signals"][0], all["signals"][0]);
  EXPECT_EQ(page2["signals"][0], all["signals"][1]);
  EXPECT_EQ(page1["limit"], 1);
  EXPECT_EQ(page2["offset"], 1);
  EXPECT_TRUE(page3["signals"].empty());
  EXPECT_TRUE(IsError(viewer->Send("GET", "/api/v1/drift?limit=0"), 400, "invalid_argument"));
  EXPECT_TRUE(IsError(viewer->Send("GET", "/api/v1/drift?limit=501"), 400, "invalid_argument"));
  EXPECT_TRUE(IsError(viewer->Send("GET", "/api/v1/drift?offset=-1"), 400, "invalid_argument"));

  // An unknown supplier, in the API's error shape; without credentials, 401.
  EXPECT_TRUE(IsError(viewer->Send("GET", "/api/v1/suppliers/999999"), 404, "not_found"));
  EXPECT_TRUE(IsError(viewer->Send("GET", "/api/v1/suppliers/abc"), 404, "not_found"));
  for (const char* path : {"/api/v1/suppliers", "/api/v1/suppliers/1", "/api/v1/drift"})
    EXPECT_TRUE(IsError(anonymous_->Send("GET", path), 401, "unauthenticated")) << path;
}

TEST_F(LearningTest, ANewDataDirectoryHasNoSuppliersAndNoDrift) {
  auto viewer = WithToken("vera", "viewer");
  ASSERT_NE(viewer, nullptr);
  Json suppliers = viewer->GetJson("/api/v1/suppliers");
  ASSERT_TRUE(suppliers.is_object());
  EXPECT_TRUE(suppliers["suppliers"].is_array() && suppliers["suppliers"].empty()) << suppliers.dump();
  Json drift = viewer->GetJson("/api/v1/drift");
  ASSERT_TRUE(drift.is_object());
  EXPECT_TRUE(drift["signals"].is_array() && drift["signals"].empty()) << drift.dump();
}

// The Suppliers screen's routes (issue 19, item 5): a reviewer renames a
// supplier, merges another into it (whose next document is then read as the
// kept supplier's, with what both taught) and forgets what a supplier was
// wrongly taught, so its next document is read without it; a viewer may only
// read; each change is in the security log.
TEST_F(LearningTest, SuppliersAreRenamedMergedAndForgetWhatTheyWereTaught) {
  auto ana = WithToken("ana", "reviewer");
  auto vera = WithToken("vera", "viewer");
  auto root = WithToken("root", "admin");
  ASSERT_NE(ana, nullptr);
  ASSERT_NE(vera, nullptr);
  ASSERT_NE(root, nullptr);
  // Two suppliers, one validated document each: dev-dn-0001 and dev-dn-0003 (d01, d03).
  std::map<int, int64_t> supplier_of;
  for (int n : {1, kFirstOfSupplier}) {
    int64_t id = UploadAndRead(*ana, documents().FileName(n), documents().Pdf(n));
    ASSERT_GT(id, 0);
    CorrectToTruth(*ana, id, documents().Truth(n));
    Json answer = Validate(*ana, id);
    ASSERT_TRUE(answer.is_object() && answer["learned"]["supplier"].is_object()) << answer.dump().substr(0, 2000);
    supplier_of[n] = answer["learned"]["supplier"]["id"];
  }
  const int64_t kept = supplier_of[1], merged = supplier_of[kFirstOfSupplier];
  ASSERT_NE(kept, merged);
  const std::string kept_path = "/api/v1/suppliers/" + std::to_string(kept);
  const std::string old_name = documents().Truth(1)["fields"]["supplier_name"];
  const std::string merged_name = documents().Truth(kFirstOfSupplier)["fields"]["supplier_name"];

  // A viewer reads but changes nothing.
  EXPECT_TRUE(IsError(vera->Send("PUT", kept_path, {{"name", "Nope"}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(vera->Send("POST", kept_path + "/merge", {{"merged_id", merged}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(vera->Send("DELETE", kept_path + "/conventions?key=identifier/vat/X"), 403, "forbidden"));

  // Rename: bad names refused with their codes; the former name stays an alias.
  EXPECT_TRUE(IsError(ana->Send("PUT", kept_path, {{"name", "   "}}), 400, "supplier_name_empty"));
  EXPECT_TRUE(IsError(ana->Send("PUT", kept_path, {{"title", "x"}}), 400, "supplier_name_missing"));
  EXPECT_TRUE(IsError(ana->Send("PUT", kept_path, {{"name", std::string(201, 'a')}}), 400, "supplier_name_too_long"));
  EXPECT_TRUE(IsError(ana->Send("PUT", "/api/v1/suppliers/999999", {{"name", "x"}}), 404, "supplier_not_found"));
  EXPECT_TRUE(IsError(ana->Send("PUT", kept_path, {{"name", merged_name}}), 409, "supplier_name_taken"));
  auto renamed = ana->Send("PUT", kept_path, {{"name", "  Kept   Supplier SAS "}});
  ASSERT_TRUE(IsStatus(renamed, 200));
  Json after_rename = Json::parse(renamed->body);
  EXPECT_EQ(after_rename["name"], "Kept Supplier SAS");
  EXPECT_EQ(after_rename["aliases"], Json::array({old_name})) << after_rename.dump();

  // Merge: refused into itself or from nobody; then everything moves to the kept supplier.
  EXPECT_TRUE(IsError(ana->Send("POST", kept_path + "/merge", {{"merged_id", kept}}), 400, "supplier_merge_itself"));
  EXPECT_TRUE(IsError(ana->Send("POST", kept_path + "/merge", Json::object()), 400, "supplier_merge_missing"));
  EXPECT_TRUE(IsError(ana->Send("POST", kept_path + "/merge", {{"merged_id", 999999}}), 404, "supplier_not_found"));
  auto merge = ana->Send("POST", kept_path + "/merge", {{"merged_id", merged}});
  ASSERT_TRUE(IsStatus(merge, 200));
  Json after_merge = Json::parse(merge->body);
  EXPECT_EQ(after_merge["documents_validated"], 2);
  EXPECT_EQ(after_merge["accuracy"]["documents"], 2);
  EXPECT_NE(std::find(after_merge["aliases"].begin(), after_merge["aliases"].end(), Json(merged_name)),
            after_merge["aliases"].end())
      << after_merge.dump();
  EXPECT_TRUE(IsError(ana->Send("GET", "/api/v1/suppliers/" + std::to_string(merged)), 404, "not_found"));
  EXPECT_EQ(ana->GetJson("/api/v1/suppliers")["suppliers"].size(), 1u);
  EXPECT_EQ(DeliveryNoteLayouts(*ana, kept), 2);

  // The merged supplier's next document is the kept one's, read with what it taught.
  int64_t next = UploadAndRead(*ana, documents().FileName(kSecondOfSupplier), documents().Pdf(kSecondOfSupplier));
  ASSERT_GT(next, 0);
  Json read = ana->GetJson("/api/v1/documents/" + std::to_string(next));
  EXPECT_EQ(read["supplier"]["known"], true) << read["supplier"].dump();
  EXPECT_EQ(read["supplier"].value("id", int64_t{0}), kept) << read["supplier"].dump();
  EXPECT_EQ(read["supplier"]["name"], "Kept Supplier SAS");
  std::set<std::string> learned_fields;
  for (const auto& [field, value] : read["fields"].items())
    if (value.value("evidence", "").rfind("learned from", 0) == 0) learned_fields.insert(field);
  ASSERT_FALSE(learned_fields.empty()) << read["fields"].dump().substr(0, 3000);

  // Forget: every label the supplier was taught for a field its memory backed.
  const std::string field = *learned_fields.begin();
  const std::string key = "label/delivery_note/" + field;
  Json detail = ana->GetJson(kept_path);
  bool listed = false;
  for (const Json& c : detail["conventions"]) listed |= c["key"] == key;
  ASSERT_TRUE(listed) << key << " not in " << detail["conventions"].dump();
  EXPECT_TRUE(IsError(ana->Send("DELETE", kept_path + "/conventions?key=colour/x"), 400, "convention_key_invalid"));
  EXPECT_TRUE(IsError(ana->Send("DELETE", kept_path + "/conventions?key=label/delivery_note/nothing"), 404,
                      "convention_not_found"));
  auto forgotten = ana->Send("DELETE", kept_path + "/conventions?key=" + key);
  ASSERT_TRUE(IsStatus(forgotten, 200));
  EXPECT_EQ(Json::parse(forgotten->body)["examples_changed"], 2);
  for (const Json& c : ana->GetJson(kept_path)["conventions"]) EXPECT_NE(c["key"], key);
  EXPECT_TRUE(IsError(ana->Send("DELETE", kept_path + "/conventions?key=" + key), 404, "convention_not_found"));

  // The same document read again (the supplier's next one): that field is no longer said to be learned.
  int64_t again = UploadAndRead(*ana, documents().FileName(kThirdOfSupplier), documents().Pdf(kThirdOfSupplier));
  ASSERT_GT(again, 0);
  Json reread = ana->GetJson("/api/v1/documents/" + std::to_string(again));
  EXPECT_EQ(reread["supplier"].value("id", int64_t{0}), kept);
  EXPECT_EQ(reread["fields"].value(field, Json::object()).value("evidence", "").rfind("learned from", 0),
            std::string::npos)
      << reread["fields"][field].dump();

  // Each change is in the security log.
  Json audit = root->GetJson("/api/v1/audit?limit=1000");
  std::set<std::string> kinds;
  for (const Json& event : audit["events"]) kinds.insert(event["kind"].get<std::string>());
  for (const char* kind : {"supplier_renamed", "suppliers_merged", "supplier_convention_forgotten"})
    EXPECT_TRUE(kinds.count(kind)) << kind << " not in " << audit.dump().substr(0, 2000);
}

}  // namespace
}  // namespace quai::testing
