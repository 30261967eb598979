#include "export/recadv_writer.h"

#include <cstdio>
#include <vector>

namespace quai {
namespace {

// EDIFACT release: + : ' ? are escaped with ?.
std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '+' || c == ':' || c == '\'' || c == '?') out += '?';
    if (c == '\n' || c == '\r') c = ' ';
    out += c;
  }
  return out;
}

// "2026-03-14" -> "20260314"; "" when not an ISO date.
std::string Ccyymmdd(const std::string& iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return "";
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

std::string Quantity(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// UN/ECE recommendation 20 codes for the units a receipt commonly carries;
// others are sent as written.
std::string UnitCode(const std::string& unit) {
  std::string u;
  for (char c : unit) u += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (u == "KG" || u == "KGS") return "KGM";
  if (u == "G") return "GRM";
  if (u == "T" || u == "TONNE") return "TNE";
  if (u == "L" || u == "LITRE" || u == "LITER") return "LTR";
  if (u == "M") return "MTR";
  if (u == "M2") return "MTK";
  if (u == "M3") return "MTQ";
  if (u == "PCE" || u == "PC" || u == "PCS" || u == "EA" || u == "UNIT" || u == "U" || u == "PIECE") return "PCE";
  return u.empty() ? "PCE" : u;
}

}  // namespace

Result<std::string> WriteRecadv(const GoodsReceipt& receipt, const RecadvParties& parties) {
  if (parties.sender_gln.empty())
    return Status::InvalidArgument("a RECADV names the company by its GLN: set sender_gln on the export target");
  if (parties.supplier_gln.empty())
    return Status::InvalidArgument("a RECADV names the supplier by its GLN: set supplier_gln." +
                                   (receipt.supplier_id.empty() ? std::string("<supplier id>") : receipt.supplier_id) +
                                   " on the export target");
  std::vector<std::string> message;  // UNH..UNT
  const std::string date = Ccyymmdd(parties.prepared_at);
  message.push_back("UNH+1+RECADV:D:01B:UN:EAN008");
  message.push_back("BGM+632+" + Escape(parties.document_number) + "+9");
  message.push_back("DTM+137:" + date + ":102");
  if (!Ccyymmdd(receipt.delivery_date).empty()) message.push_back("DTM+50:" + Ccyymmdd(receipt.delivery_date) + ":102");
  if (!receipt.delivery_note_number.empty()) message.push_back("RFF+DQ:" + Escape(receipt.delivery_note_number));
  for (const std::string& order : receipt.po_numbers) message.push_back("RFF+ON:" + Escape(order));
  message.push_back("NAD+BY+" + Escape(parties.sender_gln) + "::9");
  message.push_back("NAD+DP+" + Escape(parties.sender_gln) + "::9");
  message.push_back("NAD+SU+" + Escape(parties.supplier_gln) + "::9");
  message.push_back("CPS+1");
  int number = 0;
  for (const ReceiptLine& line : receipt.lines) {
    ++number;
    message.push_back("LIN+" + std::to_string(number));
    // No GTIN is read off a delivery note: the item is named by its codes.
    if (!line.article_code.empty()) message.push_back("PIA+5+" + Escape(line.article_code) + ":IN");
    if (!line.supplier_article_code.empty()) message.push_back("PIA+1+" + Escape(line.supplier_article_code) + ":SA");
    if (!line.description.empty()) message.push_back("IMD+F++:::" + Escape(line.description.substr(0, 35)));
    const std::string unit = UnitCode(line.quantity ? line.unit : line.unit_delivered);
    const std::string received = line.quantity ? Quantity(*line.quantity) : line.quantity_delivered;
    if (!received.empty()) message.push_back("QTY+48:" + Escape(received) + ":" + Escape(unit));
    // Accepted: what the order still had open; without an order to judge by,
    // what the person validated as received.
    const std::string accepted = line.accepted_quantity ? Quantity(*line.accepted_quantity) : received;
    message.push_back("QTY+194:" + Escape(accepted.empty() ? "0" : accepted) + ":" + Escape(unit));
    if (line.discrepant_quantity && *line.discrepant_quantity > 0)
      message.push_back("QVR+" + Quantity(*line.discrepant_quantity) + ":48+AV");  // received more than ordered
    if (!Ccyymmdd(line.expiry_date).empty()) message.push_back("DTM+361:" + Ccyymmdd(line.expiry_date) + ":102");
    if (!line.po_number.empty()) message.push_back("RFF+ON:" + Escape(line.po_number) + ":" + Escape(line.po_line));
    if (!line.lot_number.empty()) {
      message.push_back("PCI+17");
      message.push_back("GIN+BX+" + Escape(line.lot_number));
    }
  }
  message.push_back("UNS+S");
  message.push_back("CNT+2:" + std::to_string(number));
  message.push_back("UNT+" + std::to_string(message.size() + 1) + "+1");

  std::string time = parties.prepared_at.size() >= 16 ? parties.prepared_at.substr(11, 2) + parties.prepared_at.substr(14, 2)
                                                      : "0000";
  std::string out = "UNA:+.? '";
  // UNB parties: a GLN (qualifier 14), else a mutually defined name (ZZZ).
  auto interchange_party = [](const std::string& gln, const std::string& fallback) {
    return gln.empty() ? fallback + ":ZZZ" : Escape(gln) + ":14";
  };
  out += "UNB+UNOC:3+" + interchange_party(parties.sender_gln, "QUAI") + "+" +
         interchange_party(parties.receiver_gln, "RECEIVER") + "+" +
         (date.size() == 8 ? date.substr(2) : "000101") + ":" + time + "+" + Escape(parties.interchange_reference) + "'";
  for (const std::string& segment : message) out += segment + "'";
  out += "UNZ+1+" + Escape(parties.interchange_reference) + "'";
  return out;
}

}  // namespace quai
