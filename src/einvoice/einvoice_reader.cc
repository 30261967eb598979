#include "einvoice/einvoice_reader.h"

#include <cctype>

namespace quai {
namespace {

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

EInvoiceValue IsoDate(EInvoiceValue date) {
  const std::string& v = date.value;
  if (v.size() == 8 && IsDigits(v)) {
    date.value = v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2);
  } else if (v.size() > 10 && v[4] == '-' && v[7] == '-' && IsDigits(v.substr(0, 4))) {
    date.value = v.substr(0, 10);  // a time zone or time after the date
  }
  return date;
}

EInvoiceValue PlainAmount(EInvoiceValue amount) {
  std::string_view v = amount.value;
  size_t digits_from = !v.empty() && (v[0] == '-' || v[0] == '+') ? 1 : 0;
  size_t point = v.find('.');
  std::string_view whole = v.substr(digits_from, point == std::string_view::npos ? v.npos : point - digits_from);
  std::string_view fraction = point == std::string_view::npos ? std::string_view() : v.substr(point + 1);
  if (!IsDigits(whole) || (point != std::string_view::npos && !IsDigits(fraction))) return amount;
  std::string plain = (v[0] == '-' ? "-" : "") + std::string(whole) + "." + std::string(fraction);
  while (plain.size() - plain.find('.') - 1 < 2) plain += '0';
  amount.value = plain;
  return amount;
}

Result<EInvoice> ReadEInvoice(std::string_view xml) {
  auto parsed = InvoiceXml::Parse(xml);
  if (!parsed.ok()) return parsed.status();
  const xmlNode* root = parsed->root();
  std::string_view local = LocalName(root);
  auto in_namespace = [&](std::string_view uri) {
    return root->ns != nullptr && root->ns->href != nullptr && reinterpret_cast<const char*>(root->ns->href) == uri;
  };
  if ((local == "Invoice" && in_namespace("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2")) ||
      (local == "CreditNote" && in_namespace("urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2")))
    return ReadUblInvoice(root);
  if (local == "CrossIndustryInvoice" &&
      in_namespace("urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"))
    return ReadCiiInvoice(root);
  return Status::InvalidArgument("an XML file that is not a UBL or CII invoice (its root element is <" +
                                 std::string(local) + ">)");
}

}  // namespace quai
