#include "learn/canonical_document.h"

#include <utility>

namespace quai {
namespace {

using Json = nlohmann::json;
using ValueMap = std::map<std::string, std::string>;

Result<std::string> ReadValue(const Json& value, const std::string& where) {
  if (value.is_string()) return value.get<std::string>();
  // dump() writes integers exactly and other numbers in their shortest
  // round-trip form; it cannot throw on a number.
  if (value.is_number()) return value.dump();
  return Status::InvalidArgument(where + ": expected a string or a number, got " + value.type_name());
}

// `prefix` names the object for messages: "fields" or "lines[3]".
Result<ValueMap> ReadValueMap(const Json& object, const std::string& prefix) {
  if (!object.is_object()) {
    return Status::InvalidArgument(prefix + ": expected an object, got " + object.type_name());
  }
  ValueMap values;
  for (const auto& [name, value] : object.items()) {
    Result<std::string> text = ReadValue(value, prefix + "." + name);
    if (!text.ok()) return text.status();
    values.emplace(name, std::move(text).value());
  }
  return values;
}

}  // namespace

Result<CanonicalDocument> ParseCanonicalDocument(std::string_view json_text) {
  Json root;
  try {
    root = Json::parse(json_text);
  } catch (const Json::exception& error) {
    return Status::InvalidArgument(std::string("not valid JSON: ") + error.what());
  }
  if (!root.is_object()) {
    return Status::InvalidArgument(std::string("expected a JSON object at the top level, got ") +
                                   root.type_name());
  }
  CanonicalDocument document;

  const auto type = root.find("document_type");
  if (type == root.end()) return Status::InvalidArgument("missing \"document_type\"");
  if (!type->is_string()) {
    return Status::InvalidArgument(std::string("document_type: expected a string, got ") +
                                   type->type_name());
  }
  document.document_type = type->get<std::string>();
  if (document.document_type.empty()) return Status::InvalidArgument("document_type: empty");

  if (const auto fields = root.find("fields"); fields != root.end()) {
    Result<ValueMap> values = ReadValueMap(*fields, "fields");
    if (!values.ok()) return values.status();
    document.fields = std::move(values).value();
  }

  if (const auto lines = root.find("lines"); lines != root.end()) {
    if (!lines->is_array()) {
      return Status::InvalidArgument(std::string("lines: expected an array, got ") +
                                     lines->type_name());
    }
    for (size_t i = 0; i < lines->size(); ++i) {
      Result<ValueMap> line = ReadValueMap((*lines)[i], "lines[" + std::to_string(i) + "]");
      if (!line.ok()) return line.status();
      document.lines.push_back(std::move(line).value());
    }
  }
  return document;
}

nlohmann::json CanonicalDocumentToJson(const CanonicalDocument& document) {
  Json lines = Json::array();
  for (const auto& line : document.lines) lines.push_back(Json(line));
  return Json{{"document_type", document.document_type},
              {"fields", document.fields.empty() ? Json::object() : Json(document.fields)},
              {"lines", std::move(lines)}};
}

CanonicalDocument ToCanonicalDocument(const Extraction& extraction) {
  CanonicalDocument document;
  document.document_type = extraction.document_type;
  for (const auto& [name, v] : extraction.fields) document.fields[name] = v.value;
  for (const auto& line : extraction.lines) {
    std::map<std::string, std::string>& values = document.lines.emplace_back();
    for (const auto& [name, v] : line) values[name] = v.value;
  }
  return document;
}

}  // namespace quai
