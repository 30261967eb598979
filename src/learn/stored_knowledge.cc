#include "learn/stored_knowledge.h"

#include <algorithm>

#include "extract/article_memory.h"
#include "learn/layout_learning.h"

namespace quai {
namespace {

// Learned vocabulary is built from at most this many examples of a type.
constexpr int kVocabularyExamples = 2000;
// The shapes of the company's own numbers are read from at most this many validated documents of each type.
constexpr int kCompanyShapeExamples = 200;
// A supplier's articles are read from at most this many validated documents of each type.
constexpr int kArticleMemoryDocuments = 50;

}  // namespace

std::vector<KnownSupplier> ToKnownSuppliers(const std::vector<StoredSupplier>& suppliers) {
  std::vector<KnownSupplier> known;
  for (const StoredSupplier& s : suppliers) {
    KnownSupplier k;
    k.id = s.id;
    k.name = s.name;
    k.letterhead = s.letterhead;
    k.documents_validated = s.documents_validated;
    for (const SupplierIdentifier& id : s.identifiers) {
      if (id.kind == kSupplierAliasKind)
        k.aliases.push_back(id.value);
      else
        k.identifiers.push_back({id.kind, id.value});
    }
    known.push_back(std::move(k));
  }
  return known;
}

StoredKnowledge::StoredKnowledge(LearningStore* store, const SchemaSet& schemas)
    : store_(store), schemas_(schemas) {}

std::shared_ptr<const StoredKnowledge::Snapshot> StoredKnowledge::Current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto generation = store_->LearningGeneration();
  if (snapshot_ && (!generation.ok() || *generation == generation_)) return snapshot_;
  auto snapshot = std::make_shared<Snapshot>();
  auto suppliers = store_->ListSuppliers();
  snapshot->recognizer =
      std::make_shared<SupplierRecognizer>(suppliers.ok() ? ToKnownSuppliers(*suppliers) : std::vector<KnownSupplier>{});
  for (const DocumentSchema& schema : schemas_.schemas()) {
    if (!HasUnlabelledField(schema)) continue;
    auto records = store_->ListLayoutExamples(0, schema.document_type, kVocabularyExamples);
    if (!records.ok()) continue;
    std::vector<LayoutExample> examples;
    std::vector<std::string> suppliers;
    for (const LayoutExampleRecord& r : *records)
      if (auto example = ParseLayoutExample(r.anchors_json); example.ok()) {
        examples.push_back(std::move(*example));
        suppliers.push_back(r.supplier_id != 0 ? std::to_string(r.supplier_id) : "");
      }
    auto vocabulary = LearnVocabularyOfUnlabelledFields(schema, examples, suppliers);
    if (!vocabulary.empty()) snapshot->vocabulary[schema.document_type] = std::move(vocabulary);
  }
  if (generation.ok()) generation_ = *generation;
  snapshot_ = std::move(snapshot);
  return snapshot_;
}

SupplierMatch StoredKnowledge::Recognize(const DocumentView& view) const { return Current()->recognizer->Recognize(view); }

LayoutMemory StoredKnowledge::Memory(int64_t supplier_id, const std::string& document_type) const {
  LayoutMemory memory;
  memory.supplier_id = supplier_id;
  if (supplier_id == 0) return memory;
  auto records = store_->ListLayoutExamples(supplier_id, document_type, kLayoutMemoryDocuments);
  if (!records.ok()) return memory;
  for (const LayoutExampleRecord& r : *records)
    if (auto example = ParseLayoutExample(r.anchors_json); example.ok()) memory.examples.push_back(std::move(*example));
  const auto snapshot = Current();
  memory.articles = Articles(*snapshot, supplier_id, document_type);
  return memory;
}

std::map<std::string, std::set<std::string>> StoredKnowledge::Articles(const Snapshot& snapshot, int64_t supplier_id,
                                                                        const std::string& document_type) const {
  const std::pair<int64_t, std::string> key{supplier_id, document_type};
  {
    std::lock_guard<std::mutex> lock(snapshot.cache_mutex);
    if (auto it = snapshot.articles.find(key); it != snapshot.articles.end()) return it->second;
  }
  std::map<std::string, std::set<std::string>> articles;
  const DocumentSchema* schema = schemas_.Find(document_type);
  if (schema == nullptr) return articles;
  bool complete = true;
  for (const DocumentSchema& other : schemas_.schemas()) {
    auto records = store_->ListLayoutExamples(supplier_id, other.document_type, kArticleMemoryDocuments);
    if (!records.ok()) {
      complete = false;  // read again next time
      continue;
    }
    for (const LayoutExampleRecord& r : *records)
      if (auto example = ParseLayoutExample(r.anchors_json); example.ok()) AddArticles(*example, other, *schema, &articles);
  }
  if (!complete) return articles;
  std::lock_guard<std::mutex> lock(snapshot.cache_mutex);
  snapshot.articles[key] = articles;
  return articles;
}

std::map<std::string, int> StoredKnowledge::CompanyShapes(const std::string& field) const {
  const auto snapshot = Current();
  {
    std::lock_guard<std::mutex> lock(snapshot->cache_mutex);
    if (auto it = snapshot->company_shapes.find(field); it != snapshot->company_shapes.end()) return it->second;
  }
  // Read once per learning generation, when first asked.
  std::map<std::string, int> shapes;
  bool complete = true;
  for (const DocumentSchema& schema : schemas_.schemas()) {
    const FieldSpec* spec = schema.FindField(field);
    if (spec == nullptr || !spec->company_number) continue;
    auto records = store_->ListLayoutExamples(0, schema.document_type, kCompanyShapeExamples);
    if (!records.ok()) {
      complete = false;
      continue;
    }
    for (const LayoutExampleRecord& r : *records)
      if (auto example = ParseLayoutExample(r.anchors_json); example.ok()) {
        const std::map<std::string, std::string> values = HeaderValues(*example);
        if (auto it = values.find(field); it != values.end() && !it->second.empty()) ++shapes[ValueShape(it->second)];
      }
  }
  if (!complete) return shapes;
  std::lock_guard<std::mutex> lock(snapshot->cache_mutex);
  snapshot->company_shapes[field] = shapes;
  return shapes;
}

std::map<std::string, std::vector<std::string>> StoredKnowledge::LearnedLabels(const std::string& document_type) const {
  auto snapshot = Current();
  auto type = snapshot->vocabulary.find(document_type);
  return type == snapshot->vocabulary.end() ? std::map<std::string, std::vector<std::string>>{} : type->second;
}

}  // namespace quai
