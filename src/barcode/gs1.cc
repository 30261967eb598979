#include "barcode/gs1.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>

namespace quai {
namespace {

enum class Charset { kDigits, kPrintable };
enum class Check { kNone, kCheckDigit, kDate };

// One row of the GS1 AI table. An AI is `prefix` followed by digits up to `ai_length`
// (the "n" of 310n is the decimal point position and may be any digit). Values are
// `min_length`..`max_length` characters; equal lengths mean fixed length. The table is
// prefix-free, as GS1 designed it: at most one row matches the start of a string.
struct AiSpec {
  const char* prefix;
  int ai_length;
  int min_length;
  int max_length;
  Charset charset;
  Check check;
  const char* hint;
};

constexpr Charset N = Charset::kDigits;
constexpr Charset X = Charset::kPrintable;
constexpr Check kNone = Check::kNone;
constexpr Check kCd = Check::kCheckDigit;
constexpr Check kDate = Check::kDate;

// From the GS1 General Specifications (release 24), section 3.2. AIs absent here are
// reported as unknown rather than guessed at.
constexpr AiSpec kAiTable[] = {
    {"00", 2, 18, 18, N, kCd, "sscc"},
    {"01", 2, 14, 14, N, kCd, "gtin"},
    {"02", 2, 14, 14, N, kCd, "gtin"},
    {"10", 2, 1, 20, X, kNone, "lot_number"},
    {"11", 2, 6, 6, N, kDate, "production_date"},
    {"12", 2, 6, 6, N, kDate, ""},  // due date
    {"13", 2, 6, 6, N, kDate, ""},  // packaging date
    {"15", 2, 6, 6, N, kDate, "best_before_date"},
    {"16", 2, 6, 6, N, kDate, ""},  // sell by
    {"17", 2, 6, 6, N, kDate, "expiry_date"},
    {"20", 2, 2, 2, N, kNone, ""},
    {"21", 2, 1, 20, X, kNone, ""},  // serial number
    {"22", 2, 1, 20, X, kNone, ""},
    {"235", 3, 1, 28, X, kNone, ""},
    {"240", 3, 1, 30, X, kNone, ""},
    {"241", 3, 1, 30, X, kNone, ""},  // customer part number
    {"242", 3, 1, 6, N, kNone, ""},
    {"243", 3, 1, 20, X, kNone, ""},
    {"250", 3, 1, 30, X, kNone, ""},
    {"251", 3, 1, 30, X, kNone, ""},
    {"253", 3, 13, 30, X, kNone, ""},
    {"254", 3, 1, 20, X, kNone, ""},
    {"255", 3, 13, 25, N, kNone, ""},
    {"30", 2, 1, 8, N, kNone, "count"},
    {"310", 4, 6, 6, N, kNone, ""},  // 310n..369n: measures with n decimals
    {"311", 4, 6, 6, N, kNone, ""},
    {"312", 4, 6, 6, N, kNone, ""},
    {"313", 4, 6, 6, N, kNone, ""},
    {"314", 4, 6, 6, N, kNone, ""},
    {"315", 4, 6, 6, N, kNone, ""},
    {"316", 4, 6, 6, N, kNone, ""},
    {"320", 4, 6, 6, N, kNone, ""},
    {"321", 4, 6, 6, N, kNone, ""},
    {"322", 4, 6, 6, N, kNone, ""},
    {"323", 4, 6, 6, N, kNone, ""},
    {"324", 4, 6, 6, N, kNone, ""},
    {"325", 4, 6, 6, N, kNone, ""},
    {"326", 4, 6, 6, N, kNone, ""},
    {"327", 4, 6, 6, N, kNone, ""},
    {"328", 4, 6, 6, N, kNone, ""},
    {"329", 4, 6, 6, N, kNone, ""},
    {"330", 4, 6, 6, N, kNone, ""},
    {"331", 4, 6, 6, N, kNone, ""},
    {"332", 4, 6, 6, N, kNone, ""},
    {"333", 4, 6, 6, N, kNone, ""},
    {"334", 4, 6, 6, N, kNone, ""},
    {"335", 4, 6, 6, N, kNone, ""},
    {"336", 4, 6, 6, N, kNone, ""},
    {"337", 4, 6, 6, N, kNone, ""},
    {"340", 4, 6, 6, N, kNone, ""},
    {"341", 4, 6, 6, N, kNone, ""},
    {"342", 4, 6, 6, N, kNone, ""},
    {"343", 4, 6, 6, N, kNone, ""},
    {"344", 4, 6, 6, N, kNone, ""},
    {"345", 4, 6, 6, N, kNone, ""},
    {"346", 4, 6, 6, N, kNone, ""},
    {"347", 4, 6, 6, N, kNone, ""},
    {"348", 4, 6, 6, N, kNone, ""},
    {"349", 4, 6, 6, N, kNone, ""},
    {"350", 4, 6, 6, N, kNone, ""},
    {"351", 4, 6, 6, N, kNone, ""},
    {"352", 4, 6, 6, N, kNone, ""},
    {"353", 4, 6, 6, N, kNone, ""},
    {"354", 4, 6, 6, N, kNone, ""},
    {"355", 4, 6, 6, N, kNone, ""},
    {"356", 4, 6, 6, N, kNone, ""},
    {"357", 4, 6, 6, N, kNone, ""},
    {"360", 4, 6, 6, N, kNone, ""},
    {"361", 4, 6, 6, N, kNone, ""},
    {"362", 4, 6, 6, N, kNone, ""},
    {"363", 4, 6, 6, N, kNone, ""},
    {"364", 4, 6, 6, N, kNone, ""},
    {"365", 4, 6, 6, N, kNone, ""},
    {"366", 4, 6, 6, N, kNone, ""},
    {"367", 4, 6, 6, N, kNone, ""},
    {"368", 4, 6, 6, N, kNone, ""},
    {"369", 4, 6, 6, N, kNone, ""},
    {"37", 2, 1, 8, N, kNone, "count"},
    {"390", 4, 1, 15, N, kNone, ""},  // amount payable
    {"391", 4, 4, 18, N, kNone, ""},  // amount payable with ISO currency
    {"392", 4, 1, 15, N, kNone, ""},
    {"393", 4, 4, 18, N, kNone, ""},
    {"394", 4, 4, 4, N, kNone, ""},
    {"395", 4, 6, 6, N, kNone, ""},
    {"400", 3, 1, 30, X, kNone, "po_number"},
    {"401", 3, 1, 30, X, kNone, ""},  // consignment number
    {"402", 3, 17, 17, N, kCd, ""},   // shipment identification number
    {"403", 3, 1, 30, X, kNone, ""},
    {"410", 3, 13, 13, N, kCd, ""},  // 410..417: GLNs (ship to, bill to, ...)
    {"411", 3, 13, 13, N, kCd, ""},
    {"412", 3, 13, 13, N, kCd, ""},
    {"413", 3, 13, 13, N, kCd, ""},
    {"414", 3, 13, 13, N, kCd, ""},
    {"415", 3, 13, 13, N, kCd, ""},
    {"416", 3, 13, 13, N, kCd, ""},
    {"417", 3, 13, 13, N, kCd, ""},
    {"420", 3, 1, 20, X, kNone, ""},
    {"421", 3, 4, 12, X, kNone, ""},
    {"422", 3, 3, 3, N, kNone, ""},
    {"423", 3, 3, 15, N, kNone, ""},
    {"424", 3, 3, 3, N, kNone, ""},
    {"425", 3, 3, 15, N, kNone, ""},
    {"426", 3, 3, 3, N, kNone, ""},
    {"427", 3, 1, 3, X, kNone, ""},
    {"4300", 4, 1, 35, X, kNone, ""},  // 4300..4333: ship-to / return-to details
    {"4301", 4, 1, 35, X, kNone, ""},
    {"4302", 4, 1, 70, X, kNone, ""},
    {"4303", 4, 1, 70, X, kNone, ""},
    {"4304", 4, 1, 70, X, kNone, ""},
    {"4305", 4, 1, 70, X, kNone, ""},
    {"4306", 4, 1, 70, X, kNone, ""},
    {"4307", 4, 2, 2, X, kNone, ""},
    {"4308", 4, 1, 30, X, kNone, ""},
    {"4309", 4, 20, 20, N, kNone, ""},
    {"4310", 4, 1, 35, X, kNone, ""},
    {"4311", 4, 1, 35, X, kNone, ""},
    {"4312", 4, 1, 70, X, kNone, ""},
    {"4313", 4, 1, 70, X, kNone, ""},
    {"4314", 4, 1, 70, X, kNone, ""},
    {"4315", 4, 1, 70, X, kNone, ""},
    {"4316", 4, 1, 70, X, kNone, ""},
    {"4317", 4, 2, 2, X, kNone, ""},
    {"4318", 4, 1, 20, X, kNone, ""},
    {"4319", 4, 1, 30, X, kNone, ""},
    {"4320", 4, 1, 35, X, kNone, ""},
    {"4321", 4, 1, 1, N, kNone, ""},
    {"4322", 4, 1, 1, N, kNone, ""},
    {"4323", 4, 1, 1, N, kNone, ""},
    {"4324", 4, 10, 10, N, kNone, ""},
    {"4325", 4, 10, 10, N, kNone, ""},
    {"4326", 4, 6, 6, N, kDate, ""},
    {"4330", 4, 6, 7, X, kNone, ""},
    {"4331", 4, 6, 7, X, kNone, ""},
    {"4332", 4, 6, 7, X, kNone, ""},
    {"4333", 4, 6, 7, X, kNone, ""},
    {"7001", 4, 13, 13, N, kNone, ""},
    {"7002", 4, 1, 30, X, kNone, ""},
    {"7003", 4, 10, 10, N, kNone, ""},  // expiry date and time YYMMDDHHMM
    {"7004", 4, 1, 4, N, kNone, ""},
    {"7005", 4, 1, 12, X, kNone, ""},
    {"7006", 4, 6, 6, N, kDate, ""},
    {"7007", 4, 6, 12, N, kNone, ""},
    {"7008", 4, 1, 3, X, kNone, ""},
    {"7009", 4, 1, 10, X, kNone, ""},
    {"7010", 4, 1, 2, X, kNone, ""},
    {"7011", 4, 6, 10, N, kNone, ""},
    {"7020", 4, 1, 20, X, kNone, ""},
    {"7021", 4, 1, 20, X, kNone, ""},
    {"7022", 4, 1, 20, X, kNone, ""},
    {"7023", 4, 1, 30, X, kNone, ""},
    {"703", 4, 4, 30, X, kNone, ""},  // 7030..7039: processor approval number
    {"7040", 4, 4, 4, X, kNone, ""},
    {"710", 3, 1, 20, X, kNone, ""},  // 710..716: national healthcare reimbursement numbers
    {"711", 3, 1, 20, X, kNone, ""},
    {"712", 3, 1, 20, X, kNone, ""},
    {"713", 3, 1, 20, X, kNone, ""},
    {"714", 3, 1, 20, X, kNone, ""},
    {"715", 3, 1, 20, X, kNone, ""},
    {"716", 3, 1, 20, X, kNone, ""},
    {"723", 4, 3, 30, X, kNone, ""},  // 7230..7239: certification references
    {"7240", 4, 1, 20, X, kNone, ""},
    {"7241", 4, 2, 2, N, kNone, ""},
    {"7242", 4, 1, 25, X, kNone, ""},
    {"7250", 4, 8, 8, N, kNone, ""},
    {"7251", 4, 12, 12, N, kNone, ""},
    {"7252", 4, 1, 1, N, kNone, ""},
    {"7253", 4, 1, 40, X, kNone, ""},
    {"7254", 4, 1, 40, X, kNone, ""},
    {"7255", 4, 1, 10, X, kNone, ""},
    {"7256", 4, 1, 90, X, kNone, ""},
    {"7257", 4, 1, 70, X, kNone, ""},
    {"7258", 4, 3, 3, X, kNone, ""},
    {"7259", 4, 1, 40, X, kNone, ""},
    {"8001", 4, 14, 14, N, kNone, ""},
    {"8002", 4, 1, 20, X, kNone, ""},
    {"8003", 4, 14, 30, X, kNone, ""},
    {"8004", 4, 1, 30, X, kNone, ""},
    {"8005", 4, 6, 6, N, kNone, ""},
    {"8006", 4, 18, 18, N, kNone, ""},
    {"8007", 4, 1, 34, X, kNone, ""},
    {"8008", 4, 8, 12, N, kNone, ""},
    {"8009", 4, 1, 50, X, kNone, ""},
    {"8010", 4, 1, 30, X, kNone, ""},
    {"8011", 4, 1, 12, N, kNone, ""},
    {"8012", 4, 1, 20, X, kNone, ""},
    {"8013", 4, 1, 25, X, kNone, ""},
    {"8017", 4, 18, 18, N, kNone, ""},
    {"8018", 4, 18, 18, N, kNone, ""},
    {"8019", 4, 1, 10, N, kNone, ""},
    {"8020", 4, 1, 25, X, kNone, ""},
    {"8026", 4, 18, 18, N, kNone, ""},
    {"8030", 4, 1, 90, X, kNone, ""},
    {"8110", 4, 1, 70, X, kNone, ""},
    {"8111", 4, 4, 4, N, kNone, ""},
    {"8112", 4, 1, 70, X, kNone, ""},
    {"8200", 4, 1, 70, X, kNone, ""},
    {"90", 2, 1, 30, X, kNone, ""},
    {"91", 2, 1, 90, X, kNone, ""},  // 91..99: company internal
    {"92", 2, 1, 90, X, kNone, ""},
    {"93", 2, 1, 90, X, kNone, ""},
    {"94", 2, 1, 90, X, kNone, ""},
    {"95", 2, 1, 90, X, kNone, ""},
    {"96", 2, 1, 90, X, kNone, ""},
    {"97", 2, 1, 90, X, kNone, ""},
    {"98", 2, 1, 90, X, kNone, ""},
    {"99", 2, 1, 90, X, kNone, ""},
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The row whose AI starts `text`, if any.
const AiSpec* FindSpecAtStart(std::string_view text) {
  for (const AiSpec& spec : kAiTable) {
    const size_t prefix_length = std::strlen(spec.prefix);
    if (text.size() < static_cast<size_t>(spec.ai_length)) continue;
    if (text.substr(0, prefix_length) != spec.prefix) continue;
    bool digits = true;
    for (size_t i = prefix_length; i < static_cast<size_t>(spec.ai_length); ++i) digits &= IsDigit(text[i]);
    if (digits) return &spec;
  }
  return nullptr;
}

// The row for exactly `ai`, if any.
const AiSpec* FindSpec(std::string_view ai) {
  const AiSpec* spec = FindSpecAtStart(ai);
  if (spec == nullptr || static_cast<size_t>(spec->ai_length) != ai.size()) return nullptr;
  return spec;
}

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == kGs1Separator) {
      out += "<GS>";
    } else if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
      out += hex;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

Status Error(size_t position, const std::string& what) {
  return Status::InvalidArgument("GS1 element string: " + what + " at position " + std::to_string(position));
}

// GS1 mod-10 check digit over every digit of `digits` but the last.
bool CheckDigitIsValid(std::string_view digits) {
  int sum = 0;
  int weight = 3;
  for (size_t i = digits.size() - 1; i-- > 0;) {
    sum += (digits[i] - '0') * weight;
    weight = 4 - weight;
  }
  return (10 - sum % 10) % 10 == digits.back() - '0';
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// "YYYY-MM-DD" for a YYMMDD value, or nullopt for an impossible date.
std::optional<std::string> NormaliseDate(std::string_view yymmdd, int reference_year) {
  const int yy = (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
  const int month = (yymmdd[2] - '0') * 10 + (yymmdd[3] - '0');
  int day = (yymmdd[4] - '0') * 10 + (yymmdd[5] - '0');
  if (month < 1 || month > 12) return std::nullopt;
  const int year = Gs1FullYear(yy, reference_year);
  const int last_day = DaysInMonth(year, month);
  if (day > last_day) return std::nullopt;
  if (day == 0) day = last_day;  // GS1: "DD = 00" stands for the end of the month
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return std::string(text);
}

int CurrentUtcYear() {
  const std::chrono::year_month_day today{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  return static_cast<int>(today.year());
}

// Checks `value` (found at `position`) against `spec` and builds the element.
Result<Gs1Element> MakeElement(const AiSpec& spec, std::string_view ai, std::string_view value,
                               size_t position, int reference_year) {
  const std::string ai_name = "AI " + std::string(ai);
  const int length = static_cast<int>(value.size());
  if (length < spec.min_length) {
    const bool fixed = spec.min_length == spec.max_length;
    const std::string want = (fixed ? "" : "at least ") + std::to_string(spec.min_length) +
                             (spec.min_length == 1 ? " character" : " characters");
    return Error(position, ai_name + " needs " + want + ", got " + std::to_string(length) + " " + Quoted(value) +
                               " (string truncated?)");
  }
  if (length > spec.max_length) {
    return Error(position, ai_name + " value " + Quoted(value) + " is longer than " +
                               std::to_string(spec.max_length) + " characters (missing <GS> separator?)");
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const bool ok = spec.charset == Charset::kDigits ? IsDigit(c) : (c > 0x20 && c < 0x7f);
    if (!ok) {
      return Error(position + i, ai_name + " value " + Quoted(value) + " has an invalid character " +
                                     Quoted(value.substr(i, 1)));
    }
  }
  Gs1Element element{std::string(ai), std::string(value), std::string(value)};
  if (spec.check == Check::kCheckDigit && !CheckDigitIsValid(value)) {
    return Error(position, ai_name + " value " + Quoted(value) + " has a wrong check digit");
  }
  if (spec.check == Check::kDate) {
    std::optional<std::string> date = NormaliseDate(value, reference_year);
    if (!date) return Error(position, ai_name + " value " + Quoted(value) + " is not a valid YYMMDD date");
    element.normalised = *date;
  }
  return element;
}

Result<std::vector<Gs1Element>> ParseParenthesised(std::string_view text, int reference_year) {
  std::vector<Gs1Element> elements;
  // Start of the "(AI)" at `at`: the AI's length, or 0 if `at` does not open one.
  auto ai_group_length = [&](size_t at) -> size_t {
    if (at >= text.size() || text[at] != '(') return 0;
    size_t end = at + 1;
    while (end < text.size() && IsDigit(text[end])) ++end;
    const size_t digits = end - at - 1;
    if (end >= text.size() || text[end] != ')' || digits < 2 || digits > 4) return 0;
    return digits;
  };
  size_t pos = 0;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  while (pos < text.size()) {
    const size_t digits = ai_group_length(pos);
    if (digits == 0) return Error(pos, "expected \"(AI)\", found " + Quoted(text.substr(pos, 8)));
    const std::string_view ai = text.substr(pos + 1, digits);
    const AiSpec* spec = FindSpec(ai);
    if (spec == nullptr) return Error(pos, "unknown application identifier " + Quoted(ai));
    size_t value_start = pos + digits + 2;
    size_t value_end = value_start;
    while (value_end < text.size() && ai_group_length(value_end) == 0) ++value_end;
    size_t next = value_end;
    while (value_start < value_end && text[value_start] == ' ') ++value_start;
    while (value_end > value_start && text[value_end - 1] == ' ') --value_end;
    Result<Gs1Element> element =
        MakeElement(*spec, ai, text.substr(value_start, value_end - value_start), value_start, reference_year);
    if (!element.ok()) return element.status();
    elements.push_back(std::move(element).value());
    pos = next;
  }
  return elements;
}

Result<std::vector<Gs1Element>> ParseSeparated(std::string_view text, size_t start, int reference_year) {
  std::vector<Gs1Element> elements;
  size_t pos = start;
  while (pos < text.size()) {
    if (text[pos] == kGs1Separator) {  // after a fixed-length value, or doubled: harmless
      ++pos;
      continue;
    }
    const AiSpec* spec = FindSpecAtStart(text.substr(pos));
    if (spec == nullptr) return Error(pos, "unknown application identifier " + Quoted(text.substr(pos, 4)));
    const std::string_view ai = text.substr(pos, spec->ai_length);
    const size_t value_start = pos + spec->ai_length;
    size_t value_end = text.find(kGs1Separator, value_start);
    if (value_end == std::string_view::npos) value_end = text.size();
    // A fixed-length value needs no separator: the next AI may follow directly.
    if (spec->min_length == spec->max_length) {
      value_end = std::min(value_end, value_start + spec->max_length);
    }
    Result<Gs1Element> element =
        MakeElement(*spec, ai, text.substr(value_start, value_end - value_start), value_start, reference_year);
    if (!element.ok()) return element.status();
    elements.push_back(std::move(element).value());
    pos = value_end;
  }
  return elements;
}

}  // namespace

int Gs1FullYear(int yy, int reference_year) {
  const int century = reference_year / 100;
  const int difference = yy - reference_year % 100;
  if (difference >= 51) return (century - 1) * 100 + yy;
  if (difference <= -50) return (century + 1) * 100 + yy;
  return century * 100 + yy;
}

Result<std::vector<Gs1Element>> ParseGs1(std::string_view element_string, int reference_year) {
  if (reference_year == 0) reference_year = CurrentUtcYear();
  size_t start = 0;
  while (start < element_string.size() && element_string[start] == ' ') ++start;
  if (start < element_string.size() && element_string[start] == '(') {
    Result<std::vector<Gs1Element>> elements = ParseParenthesised(element_string, reference_year);
    if (elements.ok() && elements->empty()) return Error(0, "no element");
    return elements;
  }
  for (const char* identifier : {"]C1", "]d2", "]Q3", "]e0"}) {
    if (element_string.substr(start, 3) == identifier) start += 3;
  }
  while (start < element_string.size() && element_string[start] == kGs1Separator) ++start;
  if (start == element_string.size()) return Error(start, "no element");
  return ParseSeparated(element_string, start, reference_year);
}

const char* Gs1FieldHint(const std::string& ai) {
  const AiSpec* spec = FindSpec(ai);
  return spec == nullptr ? "" : spec->hint;
}

}  // namespace quai
