// Document schemas: each document type names its header fields and line
// fields, with each field's value type, whether it is required, the confidence
// at which it is accepted without review, and seed label vocabulary. Schemas
// are configuration (config/schemas/<type>.json), not code: adding a type or a
// field is a new file or entry. Immutable once loaded; safe to share between
// threads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/recognizers/value_type.h"
#include "quai/status.h"

namespace quai {

struct FieldSpec {
  std::string name;
  ValueType type = ValueType::kText;
  bool required = false;
  double auto_accept = 0.97;          // confidence at or above which no person needs to look
  std::vector<std::string> labels;    // seed vocabulary, any language, as printed ("N° PO")
  int rows = 1;                       // text printed over up to this many rows, read as "row 1, row 2" (an address)
  // The property of the article it holds ("code", "name", "unit"; empty: none),
  // the same on every delivery of it: a supplier's validated documents teach
  // its articles, and a close reading of one it delivered before is read as
  // that one. Fields of the same property in other document types share what
  // they taught: a certificate's article code is one of the codes the
  // supplier's delivery notes list. In JSON "article": "code"; true stands for
  // the field's own name.
  std::string article;
  // A number the company itself issues (its purchase order numbers): printed
  // by every supplier in the shapes the company's system gives it.
  bool company_number = false;
  // A value the supplier prints the same on each of its documents (a shop's
  // address on its receipts): a close OCR reading of one its validated
  // documents had is read as that one, as articles are.
  bool same_for_supplier = false;
  // A value without which the document never goes straight through, though a
  // person may validate it without (the PO number: what ties a delivery to
  // the ERP). Required fields are key fields too: their absence is a finding.
  bool key = false;
};

struct DocumentSchema {
  std::string document_type;
  std::string description;
  std::vector<std::string> keywords;  // phrases typical of the type (classifier rule, features)
  std::vector<FieldSpec> fields;      // header fields
  std::vector<FieldSpec> lines;       // line-item fields; empty when the type has no table
  std::vector<std::string> table_end_labels;  // a row starting with one of these ends a table ("Total HT")
  // The field naming who issued the document: the supplier table and layout
  // memory are kept by its validated value ("company" on a receipt).
  std::string supplier_field = "supplier_name";
  const FieldSpec* FindField(const std::string& name) const;
};

class SchemaSet {
 public:
  // Loads every *.json in `directory`. Errors name the file and the problem.
  static Result<SchemaSet> LoadDirectory(const std::string& directory);
  static Result<DocumentSchema> Parse(const std::string& json_text, const std::string& origin);

  const DocumentSchema* Find(const std::string& document_type) const;
  const std::vector<DocumentSchema>& schemas() const { return schemas_; }
  std::vector<std::string> DocumentTypes() const;
  // Every field name across types (header then line fields), in a stable order:
  // the scorer's field identity features index into it.
  std::vector<std::string> AllFieldNames() const;

 private:
  std::vector<DocumentSchema> schemas_;  // sorted by document_type
};

// The schema folder: $QUAI_CONFIG/schemas, else /etc/quai/schemas when installed, the
// source tree's config/schemas otherwise (core/shipped_files.h).
std::string DefaultSchemaDirectory();

}  // namespace quai
