#include "extract/schema.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/shipped_files.h"

namespace quai {
namespace {

Result<FieldSpec> ParseField(const nlohmann::json& j, const std::string& origin) {
  FieldSpec field;
  if (!j.is_object() || !j.contains("name") || !j["name"].is_string())
    return Status::InvalidArgument(origin + ": every field needs a \"name\"");
  field.name = j["name"];
  std::string type = j.value("type", "text");
  if (!ParseValueType(type, &field.type))
    return Status::InvalidArgument(origin + ": field " + field.name + " has unknown type \"" + type + "\"");
  field.required = j.value("required", false);
  field.key = j.value("key", false);
  field.auto_accept = j.value("auto_accept", 0.97);
  if (field.auto_accept <= 0 || field.auto_accept > 1)
    return Status::InvalidArgument(origin + ": field " + field.name + ": auto_accept must be in (0, 1]");
  field.rows = j.value("rows", 1);
  if (field.rows < 1 || field.rows > 5)
    return Status::InvalidArgument(origin + ": field " + field.name + ": rows must be 1 to 5");
  if (j.contains("article")) {
    const auto& article = j["article"];
    if (article.is_string() && !article.get<std::string>().empty())
      field.article = article.get<std::string>();
    else if (article.is_boolean())
      field.article = article.get<bool>() ? field.name : "";
    else
      return Status::InvalidArgument(origin + ": field " + field.name +
                                     ": article must name the article's property (\"code\", \"name\", \"unit\", \"internal_code\" "
                                     "or one of the company's own) or be true");
  }
  field.company_number = j.value("company_number", false);
  field.same_for_supplier = j.value("same_for_supplier", false);
  if (j.contains("labels")) {
    if (!j["labels"].is_array()) return Status::InvalidArgument(origin + ": labels of " + field.name + " must be a list");
    for (const auto& label : j["labels"])
      if (label.is_string()) field.labels.push_back(label);
  }
  return field;
}

}  // namespace

const FieldSpec* DocumentSchema::FindField(const std::string& name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  for (const auto& f : lines)
    if (f.name == name) return &f;
  return nullptr;
}

namespace {

Result<DocumentSchema> ParseSchema(const std::string& json_text, const std::string& origin) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument(origin + ": not a JSON object");
  DocumentSchema schema;
  if (!j.contains("document_type") || !j["document_type"].is_string())
    return Status::InvalidArgument(origin + ": missing \"document_type\"");
  schema.document_type = j["document_type"];
  schema.description = j.value("description", "");
  for (const auto& k : j.value("keywords", nlohmann::json::array()))
    if (k.is_string()) schema.keywords.push_back(k);
  for (const auto& k : j.value("table_end_labels", nlohmann::json::array()))
    if (k.is_string()) schema.table_end_labels.push_back(k);
  schema.supplier_field = j.value("supplier_field", std::string("supplier_name"));
  std::set<std::string> names;
  for (const char* part : {"fields", "lines"}) {
    for (const auto& f : j.value(part, nlohmann::json::array())) {
      auto field = ParseField(f, origin);
      if (!field.ok()) return field.status();
      if (!names.insert(field->name).second)
        return Status::InvalidArgument(origin + ": field " + field->name + " is declared twice");
      (std::string(part) == "fields" ? schema.fields : schema.lines).push_back(std::move(field).value());
    }
  }
  return schema;
}

}  // namespace

Result<DocumentSchema> SchemaSet::Parse(const std::string& json_text, const std::string& origin) {
  // A value of the wrong type ("required": "yes") throws in nlohmann's accessors.
  try {
    return ParseSchema(json_text, origin);
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(origin + ": a value of the wrong type (" + e.what() + ")");
  }
}

Result<SchemaSet> SchemaSet::LoadDirectory(const std::string& directory) {
  SchemaSet set;
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  if (error) return Status::NotFound(directory + ": cannot read the schema folder (" + error.message() + ")");
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto schema = Parse(text.str(), path.string());
    if (!schema.ok()) return schema.status();
    if (set.Find(schema->document_type) != nullptr)
      return Status::InvalidArgument(path.string() + ": document type " + schema->document_type + " is declared twice");
    set.schemas_.push_back(std::move(schema).value());
  }
  if (set.schemas_.empty()) return Status::NotFound(directory + ": no schema (*.json) found");
  std::sort(set.schemas_.begin(), set.schemas_.end(),
            [](const auto& a, const auto& b) { return a.document_type < b.document_type; });
  return set;
}

const DocumentSchema* SchemaSet::Find(const std::string& document_type) const {
  for (const auto& s : schemas_)
    if (s.document_type == document_type) return &s;
  return nullptr;
}

std::vector<std::string> SchemaSet::DocumentTypes() const {
  std::vector<std::string> types;
  for (const auto& s : schemas_) types.push_back(s.document_type);
  return types;
}

std::vector<std::string> SchemaSet::AllFieldNames() const {
  std::vector<std::string> names;
  auto add = [&](const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const auto& s : schemas_) {
    for (const auto& f : s.fields) add(f.name);
    for (const auto& f : s.lines) add(f.name);
  }
  return names;
}

std::string DefaultSchemaDirectory() {
  if (const char* config = std::getenv("QUAI_CONFIG"); config != nullptr && *config != '\0')
    return std::string(config) + "/schemas";
  return ShippedFiles().schemas;
}

}  // namespace quai
