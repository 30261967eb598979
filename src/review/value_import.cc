#include "review/value_import.h"

namespace quai {
namespace {

using Json = nlohmann::json;

std::string ValueOf(const Json& field) {
  if (!field.is_object()) return "";
  const Json& value = field.value("value", Json());
  return value.is_string() ? value.get<std::string>() : "";
}

std::map<std::string, std::string> LineValues(const Json& line) {
  std::map<std::string, std::string> values;
  if (!line.is_object()) return values;
  for (const auto& [name, field] : line.items())
    if (std::string v = ValueOf(field); !v.empty()) values[name] = v;
  return values;
}

}  // namespace

Result<Json> ImportValidatedValues(ReviewDesk& desk, int64_t id, const CanonicalDocument& values,
                                   const std::string& user) {
  auto document = desk.Document(id);
  if (!document.ok()) return document.status();
  if ((*document).value("document_type", Json()) != values.document_type) {
    document = desk.ChangeType(id, values.document_type, user);
    if (!document.ok()) return document.status();
  }
  const Json fields = (*document).value("fields", Json::object());
  for (const auto& [name, field] : fields.items()) {
    if (values.fields.count(name) || ValueOf(field).empty()) continue;
    auto removed = desk.CorrectField(id, name, Correction{}, user);
    if (!removed.ok()) return removed.status();  // the desk names the field
  }
  for (const auto& [name, value] : values.fields) {
    if (fields.contains(name) && ValueOf(fields[name]) == value) continue;
    Correction typed;
    typed.value = value;
    auto corrected = desk.CorrectField(id, name, typed, user);
    if (!corrected.ok()) return corrected.status();  // the desk names the field
  }
  document = desk.Document(id);
  if (!document.ok()) return document.status();
  const Json lines = (*document).value("lines", Json::array());
  bool same = lines.size() == values.lines.size();
  for (size_t i = 0; same && i < lines.size(); ++i) same = LineValues(lines[i]) == values.lines[i];
  if (!same) {
    for (size_t i = lines.size(); i > 0; --i) {
      auto removed = desk.RemoveLine(id, static_cast<int>(i - 1), user);
      if (!removed.ok()) return removed.status();
    }
    for (size_t i = 0; i < values.lines.size(); ++i) {
      auto added = desk.AddLine(id, values.lines[i], user);
      if (!added.ok()) return added.status().WithContext("lines[" + std::to_string(i) + "]");
    }
  }
  // Known values are a person's statement of the document: what would block a
  // validation at the desk (a required value the file leaves out) passes, and
  // the history says so.
  return desk.Validate(id, user, "known values imported");
}

}  // namespace quai
