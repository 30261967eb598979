#include "extract/supplier_recognizer.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "core/match_text.h"
#include "extract/label_lexicon.h"
#include "extract/recognizers/vat_number.h"

namespace quai {
namespace {

// IBAN lengths by country (the SEPA countries and neighbours): a run of
// letters and digits whose mod-97 happens to be 1 is not an IBAN unless its
// country and length agree.
size_t IbanLength(const std::string& country) {
  static const std::map<std::string, size_t> kLengths = {
      {"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
      {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GR", 27}, {"HR", 21},
      {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21},
      {"MC", 27}, {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24}, {"SE", 24},
      {"SI", 19}, {"SK", 24}, {"SM", 27}};
  auto it = kLengths.find(country);
  return it == kLengths.end() ? 0 : it->second;
}

// ISO 13616: move the first four characters to the end, letters as 10..35, mod 97 = 1.
bool IbanChecks(const std::string& iban) {
  if (iban.size() < 4 || iban.size() != IbanLength(iban.substr(0, 2))) return false;
  if (!std::isalpha(static_cast<unsigned char>(iban[0])) || !std::isalpha(static_cast<unsigned char>(iban[1])) ||
      !std::isdigit(static_cast<unsigned char>(iban[2])) || !std::isdigit(static_cast<unsigned char>(iban[3])))
    return false;
  std::string moved = iban.substr(4) + iban.substr(0, 4);
  int remainder = 0;
  for (char ch : moved) {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      remainder = (remainder * 10 + (ch - '0')) % 97;
    } else if (std::isupper(static_cast<unsigned char>(ch))) {
      int v = ch - 'A' + 10;
      remainder = (remainder * 100 + v) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

bool LuhnChecks(const std::string& digits) {
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

// IBANs in a row's text: after "IBAN", the longest run of groups that checks.
void FindIbans(const ViewRow& row, std::set<SupplierIdentity>* found) {
  for (size_t w = 0; w < row.words.size(); ++w) {
    std::string start = CompactIdentifier(row.words[w]->text);
    if (start.size() >= 4 && start.rfind("IBAN", 0) == 0) start = start.substr(4);
    if (start.size() < 2 || !std::isalpha(static_cast<unsigned char>(start[0]))) continue;
    std::string iban = start;
    for (size_t e = w + 1; e <= row.words.size() && iban.size() <= 34; ++e) {
      if (IbanChecks(iban)) found->insert({"iban", iban});
      if (e < row.words.size()) iban += CompactIdentifier(row.words[e]->text);
    }
  }
}

// SIRET: 14 digits (printed "123 456 789 00012") on a row that names it.
void FindSirets(const ViewRow& row, std::set<SupplierIdentity>* found) {
  bool named = false;
  for (const std::string& token : row.tokens) named |= token.find("siret") != std::string::npos;
  if (!named) return;
  for (size_t w = 0; w < row.words.size(); ++w) {
    std::string digits;
    for (size_t e = w; e < row.words.size() && digits.size() < 14; ++e) {
      std::string part = CompactIdentifier(row.words[e]->text);
      if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) break;
      digits += part;
    }
    if (digits.size() == 14 && LuhnChecks(digits)) found->insert({"siret", digits});
  }
}

// Counts letters, not bytes: a UTF-8 letter counts once (its lead byte), so
// "n°" is not a word.
bool IsLetterheadWord(const std::string& token) {
  int letters = 0;
  for (unsigned char ch : token) {
    if (std::isdigit(ch)) return false;
    letters += std::isalpha(ch) != 0 || ch >= 0xC3;
  }
  return letters >= 3;
}

}  // namespace

std::string CompactIdentifier(const std::string& text) {
  std::string out;
  for (unsigned char ch : text)
    if (std::isalnum(ch)) out += static_cast<char>(std::toupper(ch));
  return out;
}

std::string FoldSupplierName(const std::string& name) {
  std::string folded = NormaliseForMatch(name), out;
  for (char ch : folded)
    if (ch != ' ' && ch != '.' && ch != ',' && ch != '-' && ch != '\'') out += ch;
  return out;
}

std::string FoldOcrLookalikes(std::string folded) {
  for (char& ch : folded) {
    switch (ch) {
      case '0': ch = 'o'; break;
      case '1': case '|': case 'l': ch = 'i'; break;
      case '5': ch = 's'; break;
      case '8': ch = 'b'; break;
      default: break;
    }
  }
  return folded;
}

std::vector<SupplierIdentity> FindSupplierIdentifiers(const DocumentView& view) {
  std::set<SupplierIdentity> found;
  for (const ViewRow& row : view.rows()) {
    std::vector<std::string> words;
    for (const Word* w : row.words) words.push_back(w->text);
    for (const ValueMatch& m : FindVatNumbers(words)) {
      std::string compact = CompactIdentifier(m.value);
      if (CheckVatNumber(compact) == VatCheck::kValid) found.insert({"vat", compact});
    }
    FindIbans(row, &found);
    FindSirets(row, &found);
  }
  return {found.begin(), found.end()};
}

std::string LetterheadWords(const DocumentView& view) {
  if (view.pages().empty()) return "";
  std::set<std::string> words;
  const double limit = 0.2 * view.pages()[0].height;
  auto [first, end] = view.PageRows(0);
  for (int r = first; r < end; ++r) {
    const ViewRow& row = view.rows()[r];
    if (row.box.y0 > limit) break;
    for (const std::string& token : row.tokens)
      if (IsLetterheadWord(token)) words.insert(token);
  }
  std::string joined;
  for (const std::string& w : words) joined += (joined.empty() ? "" : " ") + w;
  return joined;
}

double LetterheadSimilarity(const std::string& a, const std::string& b) {
  auto split = [](const std::string& text) {
    std::set<std::string> words;
    std::istringstream in(text);
    for (std::string w; in >> w;) words.insert(w);
    return words;
  };
  std::set<std::string> x = split(a), y = split(b);
  if (x.empty() || y.empty()) return 0;
  int common = 0;
  for (const std::string& w : x) common += y.count(w) > 0;
  return static_cast<double>(common) / static_cast<double>(x.size() + y.size() - common);
}

SupplierRecognizer::SupplierRecognizer(std::vector<KnownSupplier> suppliers) : suppliers_(std::move(suppliers)) {}

SupplierMatch SupplierRecognizer::Recognize(const DocumentView& view) const {
  SupplierMatch match;
  if (suppliers_.empty()) return match;
  auto known = [&](const KnownSupplier& s, const std::string& evidence) {
    match.id = s.id;
    match.name = s.name;
    match.known = true;
    match.evidence = evidence;
    return match;
  };
  // 1. An identifier that belongs to exactly one supplier.
  for (const SupplierIdentity& id : FindSupplierIdentifiers(view)) {
    const KnownSupplier* owner = nullptr;
    int owners = 0;
    for (const KnownSupplier& s : suppliers_)
      if (std::find(s.identifiers.begin(), s.identifiers.end(), id) != s.identifiers.end()) {
        owner = &s;
        ++owners;
      }
    if (owners == 1) {
      match.by_identifier = true;
      return known(*owner, id.kind + " " + id.value);
    }
  }
  // 2. The name printed on the document (the longest known name that appears).
  const KnownSupplier* by_name = nullptr;
  size_t best = 0;
  std::vector<std::string> segments;
  for (const ViewRow& row : view.rows()) {
    std::string text;
    for (const Word* w : row.words) text += w->text + " ";
    segments.push_back(FoldOcrLookalikes(FoldSupplierName(text)));
  }
  for (const KnownSupplier& s : suppliers_) {
    std::vector<std::string> names = {s.name};
    names.insert(names.end(), s.aliases.begin(), s.aliases.end());
    for (const std::string& printed : names) {
      std::string name = FoldOcrLookalikes(FoldSupplierName(printed));
      if (name.size() < 4 || name.size() <= best) continue;
      for (const std::string& row : segments) {
        bool found = row.find(name) != std::string::npos;
        // One OCR slip in a long name: compare with the row's window of the same length.
        for (size_t i = 0; !found && name.size() >= 10 && i + name.size() <= row.size() + 1; ++i)
          found = Similarity(name, row.substr(i, name.size())) >= 0.9;
        if (found) {
          by_name = &s;
          best = name.size();
          break;
        }
      }
    }
  }
  if (by_name != nullptr) return known(*by_name, "name");
  // 3. The letterhead's words.
  std::string letterhead = LetterheadWords(view);
  const KnownSupplier* by_letterhead = nullptr;
  double best_similarity = 0.6;
  for (const KnownSupplier& s : suppliers_) {
    double similarity = LetterheadSimilarity(letterhead, s.letterhead);
    if (similarity >= best_similarity) {
      best_similarity = similarity;
      by_letterhead = &s;
    }
  }
  if (by_letterhead != nullptr) return known(*by_letterhead, "letterhead");
  return match;
}

}  // namespace quai
