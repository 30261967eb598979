// A generated installation for tests and benches of `quai migrate`: documents
// with pages and words (texts with tabs, newlines, backslashes and accents;
// coordinates and confidences that are not round in binary), extractions,
// review edits with events, validations with training examples, a user with a
// session, and the jobs all of that queues. Deterministic for a given count.
// Test and bench only (header-only).
#pragma once

#include <cstdio>
#include <string>

#include "core/sha256.h"
#include "storage/account_store.h"
#include "storage/document_store.h"
#include "storage/review_store.h"

namespace quai {

inline Status FillSampleInstallation(DocumentStore* documents, ReviewStore* reviews, AccountStore* accounts,
                                     int count, int words_per_page = 40) {
  StoredUser user;
  user.name = "clerk";
  user.role = "reviewer";
  user.password_hash = "$argon2id$v=19$stand-in";
  user.created_at = "2026-01-02T03:04:05Z";
  auto user_id = accounts->AddUser(user);
  if (!user_id.ok()) return user_id.status();
  StoredSession session;
  session.id_hash = Sha256Hex("session");
  session.user_id = *user_id;
  session.csrf_token = "csrf";
  session.created_at = "2026-01-02T03:04:05Z";
  session.expires_at = "2099-01-01T00:00:00Z";
  QUAI_RETURN_IF_ERROR(accounts->AddSession(session));
  for (int i = 0; i < count; ++i) {
    DocumentRecord record;
    record.sha256 = Sha256Hex("document " + std::to_string(i));
    record.original_name = "Bon de livraison n°" + std::to_string(i) + " – Isère.pdf";
    record.source = i % 3 == 0 ? "mail" : "upload";
    record.media_type = MediaType::kPdf;
    record.size_bytes = 1000 + i;
    record.origin_json = i % 5 == 0 ? "{\"from\":\"a@b.fr\",\"subject\":\"tab\\there\"}" : "";
    auto id = documents->AddDocument(record);
    if (!id.ok()) return id.status();
    if (i % 10 == 9) {
      QUAI_RETURN_IF_ERROR(documents->MarkRefused(*id, "unreadable: \\ back\\slash\nand a new line"));
      continue;
    }
    Page page;
    page.width = 595.2756;
    page.height = 841.8898;
    page.dpi = i % 2 == 0 ? 300 : 0;
    page.rotation = i % 4 == 0 ? 90 : 0;
    page.skew_degrees = 0.1 + 0.2;  // 0.30000000000000004
    page.text_source = i % 2 == 0 ? TextSource::kOcr : TextSource::kTextLayer;
    for (int w = 0; w < words_per_page; ++w) {
      Word word;
      word.text = w % 7 == 0 ? "Qté\t12" : (w % 11 == 0 ? "Référence" : "mot" + std::to_string(w));
      word.box = {10.0 + w / 3.0, 20.0 + w / 7.0, 30.0 + w / 3.0, 28.5 + w / 7.0};
      word.confidence = 1.0 / (w + 3);
      word.block = w / 10;
      word.line = w / 5;
      page.words.push_back(word);
    }
    QUAI_RETURN_IF_ERROR(documents->SavePages(*id, {page}));
    StoredExtraction extraction;
    extraction.document_id = *id;
    extraction.model_version = "v1";
    extraction.document_type = "delivery_note";
    extraction.review_required = i % 2 == 0;
    extraction.result_json = "{\"fields\":{\"po_number\":{\"value\":\"PO-" + std::to_string(i) + "\"}}}";
    extraction.supplier = "Aciéries de l'Isère";
    extraction.mean_confidence = 0.7 + i / 1e6;
    extraction.search_values = {{"po_number", "PO-" + std::to_string(i)}};
    QUAI_RETURN_IF_ERROR(documents->SaveExtraction(extraction));
    if (i % 2 != 0) continue;
    const bool validate = i % 4 == 0;
    QUAI_RETURN_IF_ERROR(reviews->EditReview(*id, [&](const ReviewDocumentRecord&, ReviewUpdate* update) {
      update->state.status = validate ? "validated" : "needs_review";
      update->state.document_type = "delivery_note";
      update->state.supplier = "Aciéries de l'Isère";
      update->state.values_json = "{\"po_number\":{\"value\":\"PO-" + std::to_string(i) + "b\"}}";
      update->state.updated_by = "clerk";
      update->state.updated_at = "2026-01-03T00:00:00Z";
      update->state.search_values = {{"po_number", "PO-" + std::to_string(i) + "b"}};
      if (validate) {
        update->state.validated_by = "clerk";
        update->state.validated_at = "2026-01-03T00:00:00Z";
      }
      StoredReviewEvent edit;
      edit.user = "clerk";
      edit.at = "2026-01-03T00:00:00Z";
      edit.action = "edit";
      edit.field = "po_number";
      edit.before_json = "\"PO-" + std::to_string(i) + "\"";
      edit.after_json = "\"PO-" + std::to_string(i) + "b\"";
      edit.page = 1;
      edit.box_json = "[1.5,2.25,3.125,4.0625]";
      update->events.push_back(edit);
      if (validate) {
        StoredReviewEvent validated = edit;
        validated.action = "validate";
        validated.field.clear();
        validated.page.reset();
        update->events.push_back(validated);
        TrainingExample example;
        example.document_type = "delivery_note";
        example.canonical_json = "{\"po_number\":\"PO-" + std::to_string(i) + "b\"}";
        example.pointers_json = "[]";
        example.model_version = "v1";
        example.validated_by = "clerk";
        example.validated_at = "2026-01-03T00:00:00Z";
        update->training_example = example;
      }
      return Status::Ok();
    }));
  }
  return Status::Ok();
}

}  // namespace quai
