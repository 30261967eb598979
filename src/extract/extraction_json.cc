#include "extract/extraction_json.h"

#include <cmath>

namespace quai {
namespace {

using Json = nlohmann::json;

double Round2(double v) { return std::round(v * 100.0) / 100.0; }

Json ValueToJson(const ExtractedValue& v) {
  Json out = {{"value", v.value},
              {"confidence", Round2(v.confidence * 100) / 100},
              {"page", v.page},
              {"box", {Round2(v.box.x0), Round2(v.box.y0), Round2(v.box.x1), Round2(v.box.y1)}}};
  if (!v.evidence.empty()) out["evidence"] = v.evidence;
  // Present only when true: something confirms it, or contradicts it, or a person set it.
  if (v.corroborated) out["corroborated"] = true;
  if (v.doubted) out["doubted"] = true;
  if (v.corrected) out["corrected"] = true;
  return out;
}

template <typename T>
T Member(const Json& object, const char* name, T fallback) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return fallback;
  if constexpr (std::is_same_v<T, std::string>) {
    return it->is_string() ? it->get<std::string>() : fallback;
  } else if constexpr (std::is_same_v<T, bool>) {
    return it->is_boolean() ? it->get<bool>() : fallback;
  } else {
    return it->is_number() ? it->get<T>() : fallback;
  }
}

// One value; false when `json` is not a value object.
bool ValueFromJson(const Json& json, ExtractedValue* v) {
  if (!json.is_object()) return false;
  v->value = Member<std::string>(json, "value", "");
  v->confidence = Member<double>(json, "confidence", 0.0);
  v->page = Member<int>(json, "page", 1);
  if (auto box = json.find("box"); box != json.end() && box->is_array() && box->size() == 4 &&
                                   (*box)[0].is_number() && (*box)[1].is_number() && (*box)[2].is_number() &&
                                   (*box)[3].is_number())
    v->box = {(*box)[0].get<double>(), (*box)[1].get<double>(), (*box)[2].get<double>(), (*box)[3].get<double>()};
  v->evidence = Member<std::string>(json, "evidence", "");
  v->corroborated = Member<bool>(json, "corroborated", false);
  v->doubted = Member<bool>(json, "doubted", false);
  v->corrected = Member<bool>(json, "corrected", false);
  return true;
}

std::map<std::string, ExtractedValue> ValuesFromJson(const Json& json) {
  std::map<std::string, ExtractedValue> values;
  if (!json.is_object()) return values;
  for (const auto& [name, value] : json.items()) {
    ExtractedValue v;
    if (ValueFromJson(value, &v)) values[name] = std::move(v);
  }
  return values;
}

}  // namespace

Json FindingsToJson(const std::vector<Finding>& findings) {
  Json out = Json::array();
  for (const Finding& f : findings) {
    Json finding = {{"code", f.code}, {"field", f.field}, {"blocking", f.blocking}, {"message", f.message},
                    {"severity", f.severity.empty() ? (f.blocking ? "block" : "warn") : f.severity}};
    if (!f.erp.empty()) finding["erp"] = f.erp;
    if (!f.override_reason.empty()) {
      finding["override_reason"] = f.override_reason;
      finding["overridden_by"] = f.overridden_by;
    }
    out.push_back(std::move(finding));
  }
  return out;
}

Json ExtractionToJson(const Extraction& e) {
  Json fields = Json::object();
  for (const auto& [name, value] : e.fields) fields[name] = ValueToJson(value);
  Json lines = Json::array();
  for (const auto& line : e.lines) {
    Json l = Json::object();
    for (const auto& [name, value] : line) l[name] = ValueToJson(value);
    lines.push_back(l);
  }
  Json supplier = {{"name", e.supplier.name}, {"known", e.supplier.known}};
  if (e.supplier.known) {
    supplier["id"] = e.supplier.id;
    supplier["evidence"] = e.supplier.evidence;
    supplier["learned_documents"] = e.supplier.learned_documents;
    supplier["name_confirmed"] = e.supplier.name_confirmed;
    if (!e.supplier.usual_fields.empty()) supplier["usual_fields"] = e.supplier.usual_fields;
  }
  Json sources = Json::array();
  for (TextSource source : e.page_sources) sources.push_back(TextSourceName(source));
  Json out = {{"document_type", e.document_type},
              {"type_confidence", Round2(e.type_confidence * 100) / 100},
              {"supplier", supplier},
              {"fields", fields},
              {"lines", lines},
              {"page_text_sources", sources},
              {"findings", FindingsToJson(e.findings)},
              {"review_required", e.review_required},
              {"review_reasons", e.review_reasons},
              {"model_version", e.model_version}};
  if (e.unread_line_rows > 0) out["unread_line_rows"] = e.unread_line_rows;
  if (!e.printed_identifiers.empty()) {
    Json identifiers = Json::array();
    for (const auto& id : e.printed_identifiers) identifiers.push_back({{"kind", id.kind}, {"value", id.value}});
    out["printed_identifiers"] = identifiers;
  }
  if (!e.finding_overrides.empty()) {
    Json overrides = Json::array();
    for (const auto& o : e.finding_overrides)
      overrides.push_back({{"code", o.code}, {"field", o.field}, {"reason", o.reason}, {"user", o.user}, {"at", o.at}});
    out["finding_overrides"] = overrides;
  }
  if (!e.einvoice.syntax.empty()) {
    Json vat = Json::array();
    for (const auto& v : e.einvoice.vat_breakdown)
      vat.push_back({{"category", v.category}, {"rate", v.rate}, {"taxable_amount", v.taxable_amount},
                     {"tax_amount", v.tax_amount}});
    Json disagreements = Json::array();
    for (const auto& d : e.einvoice.page_disagreements)
      disagreements.push_back({{"field", d.field}, {"xml_value", d.xml_value}, {"page_shows", d.page_shows}});
    out["einvoice"] = {{"syntax", e.einvoice.syntax},       {"embedded_file", e.einvoice.embedded_file},
                       {"credit_note", e.einvoice.credit_note}, {"vat_breakdown", vat},
                       {"page_disagreements", disagreements}};
  }
  return out;
}

Result<Extraction> ExtractionFromJson(const Json& json) {
  if (!json.is_object()) return Status::InvalidArgument("an extraction must be a JSON object");
  Extraction e;
  e.document_type = Member<std::string>(json, "document_type", "other");
  e.type_confidence = Member<double>(json, "type_confidence", 0.0);
  e.type_evidence = Member<std::string>(json, "type_evidence", "");
  if (auto supplier = json.find("supplier"); supplier != json.end() && supplier->is_object()) {
    e.supplier.name = Member<std::string>(*supplier, "name", "");
    e.supplier.known = Member<bool>(*supplier, "known", false);
    e.supplier.id = Member<long long>(*supplier, "id", 0LL);
    e.supplier.evidence = Member<std::string>(*supplier, "evidence", "");
    e.supplier.learned_documents = Member<int>(*supplier, "learned_documents", 0);
    e.supplier.name_confirmed = Member<bool>(*supplier, "name_confirmed", false);
    if (auto usual = supplier->find("usual_fields"); usual != supplier->end() && usual->is_array())
      for (const Json& field : *usual)
        if (field.is_string()) e.supplier.usual_fields.push_back(field.get<std::string>());
  }
  if (auto fields = json.find("fields"); fields != json.end()) e.fields = ValuesFromJson(*fields);
  if (auto lines = json.find("lines"); lines != json.end() && lines->is_array())
    for (const Json& line : *lines) e.lines.push_back(ValuesFromJson(line));
  e.unread_line_rows = Member<int>(json, "unread_line_rows", 0);
  if (auto sources = json.find("page_text_sources"); sources != json.end() && sources->is_array())
    for (const Json& source : *sources)
      e.page_sources.push_back(source.is_string() && source.get<std::string>() == "ocr" ? TextSource::kOcr
                                                                                         : TextSource::kTextLayer);
  if (auto findings = json.find("findings"); findings != json.end() && findings->is_array())
    for (const Json& f : *findings) {
      if (!f.is_object()) continue;
      Finding finding{Member<std::string>(f, "code", ""), Member<std::string>(f, "field", ""),
                      Member<bool>(f, "blocking", false), Member<std::string>(f, "message", ""),
                      Member<std::string>(f, "severity", "")};
      if (auto erp = f.find("erp"); erp != f.end() && erp->is_object())
        for (const auto& [name, value] : erp->items())
          if (value.is_string()) finding.erp[name] = value.get<std::string>();
      finding.override_reason = Member<std::string>(f, "override_reason", "");
      finding.overridden_by = Member<std::string>(f, "overridden_by", "");
      e.findings.push_back(std::move(finding));
    }
  if (auto ids = json.find("printed_identifiers"); ids != json.end() && ids->is_array())
    for (const Json& id : *ids)
      if (id.is_object())
        e.printed_identifiers.push_back({Member<std::string>(id, "kind", ""), Member<std::string>(id, "value", "")});
  if (auto overrides = json.find("finding_overrides"); overrides != json.end() && overrides->is_array())
    for (const Json& o : *overrides)
      if (o.is_object())
        e.finding_overrides.push_back({Member<std::string>(o, "code", ""), Member<std::string>(o, "field", ""),
                                       Member<std::string>(o, "reason", ""), Member<std::string>(o, "user", ""),
                                       Member<std::string>(o, "at", "")});
  e.review_required = Member<bool>(json, "review_required", true);
  if (auto reasons = json.find("review_reasons"); reasons != json.end() && reasons->is_array())
    for (const Json& reason : *reasons)
      if (reason.is_string()) e.review_reasons.push_back(reason.get<std::string>());
  e.model_version = Member<std::string>(json, "model_version", "");
  if (auto einvoice = json.find("einvoice"); einvoice != json.end() && einvoice->is_object()) {
    e.einvoice.syntax = Member<std::string>(*einvoice, "syntax", "");
    e.einvoice.embedded_file = Member<std::string>(*einvoice, "embedded_file", "");
    e.einvoice.credit_note = Member<bool>(*einvoice, "credit_note", false);
    if (auto vat = einvoice->find("vat_breakdown"); vat != einvoice->end() && vat->is_array())
      for (const Json& v : *vat)
        if (v.is_object())
          e.einvoice.vat_breakdown.push_back({Member<std::string>(v, "category", ""), Member<std::string>(v, "rate", ""),
                                              Member<std::string>(v, "taxable_amount", ""),
                                              Member<std::string>(v, "tax_amount", "")});
    if (auto list = einvoice->find("page_disagreements"); list != einvoice->end() && list->is_array())
      for (const Json& d : *list)
        if (d.is_object())
          e.einvoice.page_disagreements.push_back({Member<std::string>(d, "field", ""),
                                                   Member<std::string>(d, "xml_value", ""),
                                                   Member<std::string>(d, "page_shows", "")});
  }
  return e;
}

}  // namespace quai
