#include "extract/candidate_features.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <unordered_map>

namespace quai {
namespace {

enum Feature {
  kFieldIndex, kValueType, kLeftLabel, kLeftLabelGap, kAboveLabel, kAboveLabelRows, kOtherLeftLabel,
  kOtherAboveLabel, kOwnOverOther, kShapeScore, kRepaired, kOcrConfidence, kFromOcr, kXRel, kYRel, kPageIndex,
  kIsLastPage, kWordCount, kCharCount, kDigitRatio, kAlphaRatio, kHeightRatio, kRowSegments, kSameValueCount,
  kCandidateCount, kReadingRank, kValueRank, kIsMaxAmount, kIsSumOfTwo, kIsPartOfSum, kKeywordInRow,
  kLegalSuffix, kUpperRatio, kColonBefore, kSegmentStart, kRowWordCount, kFromBarcode,
  kMemoryDocuments, kMemoryLabel, kMemoryPosition, kMemoryValue, kNumFeatures
};

const std::vector<std::string> kNames = {
    "field_index", "value_type", "left_label", "left_label_gap", "above_label", "above_label_rows",
    "other_left_label", "other_above_label", "own_over_other", "shape_score", "repaired", "ocr_confidence",
    "from_ocr", "x_rel", "y_rel", "page_index", "is_last_page", "word_count", "char_count", "digit_ratio",
    "alpha_ratio", "height_ratio", "row_segments", "same_value_count", "candidate_count", "reading_rank",
    "value_rank", "is_max_amount", "is_sum_of_two", "is_part_of_sum", "keyword_in_row", "legal_suffix",
    "upper_ratio", "colon_before", "segment_start", "row_word_count", "from_barcode",
    // Filled by ApplyLayoutMemory (extract/layout_memory.h); 0 without memory.
    "memory_documents", "memory_label", "memory_position", "memory_value"};

// Label matches are asked for again and again: every candidate of a row looks
// at the same words above and to its left, for every field. They depend only on
// (lexicon, row, span, kind), so they are computed once per document.
class LabelCache {
 public:
  LabelHit Before(const LabelLexicon& lexicon, const ViewRow& row, int row_index, int end, int skip) {
    Lexicon& known = Of(lexicon);
    const Key key{known.id, row_index, 0, end, skip, Kind::kBefore};
    auto it = hits_.find(key);
    if (it != hits_.end()) return it->second;
    return hits_[key] = lexicon.MatchBefore(row.tokens, end, skip, &known.phrases);
  }
  // As Before, with the label inside words [first, end): one cell of a row of
  // column headers, whose label never runs on from the cell to its left.
  LabelHit BeforeWithin(const LabelLexicon& lexicon, const ViewRow& row, int row_index, int first, int end,
                        int skip) {
    Lexicon& known = Of(lexicon);
    const Key key{known.id, row_index, first, end, skip, Kind::kBeforeWithin};
    auto it = hits_.find(key);
    if (it != hits_.end()) return it->second;
    const std::vector<std::string> cell(row.tokens.begin() + first, row.tokens.begin() + end);
    LabelHit hit = lexicon.MatchBefore(cell, end - first, skip, &known.phrases);
    hit.first_token += first;
    return hits_[key] = hit;
  }
  LabelHit Span(const LabelLexicon& lexicon, const ViewRow& row, int row_index, int first, int end) {
    Lexicon& known = Of(lexicon);
    const Key key{known.id, row_index, first, end, 0, Kind::kSpan};
    auto it = hits_.find(key);
    if (it != hits_.end()) return it->second;
    return hits_[key] = lexicon.MatchSpan(row.tokens, first, end, &known.phrases);
  }

 private:
  // Each lexicon's number in the keys, and the texts already compared with it
  // (the same words end several spans and sit above several values).
  struct Lexicon {
    uint64_t id = 0;
    LabelLexicon::PhraseMemo phrases;
  };
  Lexicon& Of(const LabelLexicon& lexicon) {
    auto it = lexicons_.find(&lexicon);
    if (it == lexicons_.end()) it = lexicons_.emplace(&lexicon, Lexicon{lexicons_.size(), {}}).first;
    return it->second;
  }
  enum class Kind : uint8_t { kBefore, kBeforeWithin, kSpan };
  struct Key {
    uint64_t lexicon;
    int row, first, end, skip;
    Kind kind;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      uint64_t h = k.lexicon;
      for (uint64_t part : {static_cast<uint64_t>(k.row), static_cast<uint64_t>(k.first), static_cast<uint64_t>(k.end),
                            static_cast<uint64_t>(k.skip), static_cast<uint64_t>(k.kind)})
        h = h * 0x100000001b3ull ^ part;
      return static_cast<size_t>(h);
    }
  };
  std::unordered_map<const LabelLexicon*, Lexicon> lexicons_;
  std::unordered_map<Key, LabelHit, KeyHash> hits_;
};

struct LabelResult {
  double score = 0;
  double gap = 50;   // in row heights
  std::string label;
};

// A letter-style dateline ends with the candidate: its cell is a place, a
// comma and the date, with an article between in some languages ("Avignon,
// le 31/10/26", "Arezzo, lì 23 nov 2026", "Plymouth, 7 July 2026",
// "München, den 3.2.2026"). It dates the document itself.
bool EndsDateline(const DocumentView& view, const FieldCandidate& c) {
  const ViewRow& row = view.rows()[c.row];
  const auto [first, end] = view.SegmentOf(c.row, c.first_word);
  if (end != c.end_word || c.first_word - first < 1 || c.first_word - first > 4) return false;
  int place_end = c.first_word;
  static const std::set<std::string> kArticles = {"le", "den", "am", "il", "li", "el", "on", "op", "a", "the"};
  if (kArticles.count(row.tokens[place_end - 1])) --place_end;
  if (place_end <= first || place_end - first > 3) return false;
  const std::string& last = row.words[place_end - 1]->text;
  if (last.empty() || last.back() != ',') return false;
  for (int w = first; w < place_end; ++w) {
    const std::string& word = row.words[w]->text;
    if (word.empty() || !std::isupper(static_cast<unsigned char>(word[0]))) return false;
    for (unsigned char ch : word)
      if (std::isdigit(ch)) return false;
  }
  return true;
}

// Own label to the left on the same row: words just before the candidate.
LabelResult LeftLabel(const DocumentView& view, const FieldCandidate& c, const LabelLexicon& lexicon,
                      LabelCache& cache) {
  LabelResult result;
  if (lexicon.empty() || c.first_word == 0) return result;
  const ViewRow& row = view.rows()[c.row];
  LabelHit hit = cache.Before(lexicon, row, c.row, c.first_word, 1);
  if (hit.score <= 0) {
    // A rate between label and value belongs to the label's cell:
    // "Total TVA (5,5 %) 357,47", "TVA 20 % 1 513,55".
    // The rate ends with its "%" right before the value; a bare number there
    // is the start of the value itself ("TVA 20 % 3 258,93").
    int end = c.first_word;
    bool rate = row.words[end - 1]->text.find('%') != std::string::npos;
    while (rate && end > 0 && c.first_word - end < 3 &&
           row.words[end - 1]->text.find_first_not_of("0123456789.,()% ") == std::string::npos)
      --end;
    if (rate && end > 0 && end < c.first_word) hit = cache.Before(lexicon, row, c.row, end, 0);
  }
  if (hit.score <= 0 && lexicon.TakesDateline() && EndsDateline(view, c)) hit = {1.0, "place, date", c.first_word - 1};
  if (hit.score <= 0) return result;
  result.score = hit.score;
  result.label = hit.label;
  const Word* label_end = row.words[c.first_word - 1];
  result.gap = std::max(0.0, (c.box.x0 - label_end->box.x1) / std::max(row.height, 1.0));
  return result;
}

// A label in one of the three rows above whose words overlap the candidate
// horizontally. Rows with nothing over the candidate's column (the sender's
// address on the left beside a box of labels and values on the right) are
// not counted between label and value.
LabelResult AboveLabel(const DocumentView& view, const FieldCandidate& c, const LabelLexicon& lexicon,
                       LabelCache& cache) {
  LabelResult result;
  if (lexicon.empty()) return result;
  const auto [page_first, page_end] = view.PageRows(c.page);
  int step = 0;
  for (int r = c.row - 1; r >= page_first && step < 3; --r) {
    const ViewRow& row = view.rows()[r];
    if (c.box.y0 - row.box.y1 > 4 * std::max(row.height, 1.0)) break;
    auto over_candidate = [&](int first, int end) {
      double x0 = row.words[first]->box.x0, x1 = row.words[end - 1]->box.x1;
      double overlap = std::min(x1, c.box.x1) - std::max(x0, c.box.x0);
      return overlap > 0 || std::fabs(x0 - c.box.x0) <= 2 * row.height;
    };
    bool over = false;
    for (size_t s = 0; s < row.segment_starts.size() && !over; ++s)
      over = over_candidate(row.segment_starts[s], s + 1 < row.segment_starts.size()
                                                       ? row.segment_starts[s + 1]
                                                       : static_cast<int>(row.words.size()));
    if (!over) continue;
    ++step;
    // The segment of that row lying over the candidate.
    for (size_t s = 0; s < row.segment_starts.size(); ++s) {
      int first = row.segment_starts[s];
      int end = s + 1 < row.segment_starts.size() ? row.segment_starts[s + 1] : static_cast<int>(row.words.size());
      if (!over_candidate(first, end)) continue;
      LabelHit hit = cache.Span(lexicon, row, r, first, end);
      if (hit.score <= 0) hit = cache.BeforeWithin(lexicon, row, r, first, end, 1);
      if (hit.score <= 0) {
        // Column headers printed close together form one segment ("Factuur datum
        // Factuur Vervaldatum"): try the words right above the candidate.
        int over_first = -1, over_end = -1;
        for (int w = first; w < end; ++w) {
          const Box& b = row.words[w]->box;
          if (std::min(b.x1, c.box.x1 + row.height) - std::max(b.x0, c.box.x0 - row.height) > 0) {
            if (over_first < 0) over_first = w;
            over_end = w + 1;
          }
        }
        if (over_first >= 0) {
          hit = cache.Span(lexicon, row, r, over_first, over_end);
          if (hit.score <= 0) hit = cache.BeforeWithin(lexicon, row, r, first, over_end, 0);
        }
      }
      if (hit.score * (step == 1 ? 1.0 : 0.9) > result.score) {
        result.score = hit.score * (step == 1 ? 1.0 : 0.9);
        result.gap = step;
        result.label = hit.label;
      }
    }
    (void)page_end;
  }
  return result;
}

// A word that can be part of a label: letters, no digits ("PO", "N°", "Datum").
bool IsLabelToken(const std::string& token) {
  bool letter = false;
  for (unsigned char ch : token) {
    if (std::isdigit(ch)) return false;
    letter |= std::isalpha(ch) != 0 || ch >= 0x80;
  }
  return letter;
}

// Up to 3 label words just before the candidate on its row, skipping up to two
// words of something else right before it (a rate, a unit) and stopping at a
// gap of more than 60 % of the page (a label at the left margin and its
// amount at the right one are still a pair) or at any other non-label word.
std::string LeftContext(const DocumentView& view, const FieldCandidate& c) {
  const ViewRow& row = view.rows()[c.row];
  const double max_gap = 0.6 * view.pages()[c.page].width;
  std::vector<const std::string*> words;
  double left = c.box.x0;
  int skipped = 0;
  for (int w = c.first_word - 1; w >= 0 && words.size() < 3; --w) {
    if (left - row.words[w]->box.x1 > max_gap) break;
    left = row.words[w]->box.x0;
    if (!IsLabelToken(row.tokens[w])) {
      if (!words.empty() || ++skipped > 2) break;
      continue;
    }
    words.push_back(&row.tokens[w]);
  }
  std::string context;
  for (auto it = words.rbegin(); it != words.rend(); ++it) context += (context.empty() ? "" : " ") + **it;
  return context;
}

// The label words of the nearest cell above the candidate (up to 3 rows up,
// overlapping it horizontally); rows of values are passed over.
std::string AboveContext(const DocumentView& view, const FieldCandidate& c) {
  const auto [page_first, page_end] = view.PageRows(c.page);
  (void)page_end;
  for (int r = c.row - 1, step = 1; r >= page_first && step <= 3; --r, ++step) {
    const ViewRow& row = view.rows()[r];
    if (c.box.y0 - row.box.y1 > 4 * std::max(row.height, 1.0)) break;
    for (size_t s = 0; s < row.segment_starts.size(); ++s) {
      int first = row.segment_starts[s];
      int end = s + 1 < row.segment_starts.size() ? row.segment_starts[s + 1] : static_cast<int>(row.words.size());
      double overlap = std::min(row.words[end - 1]->box.x1, c.box.x1) - std::max(row.words[first]->box.x0, c.box.x0);
      if (overlap <= 0) continue;
      std::string context;
      int taken = 0;
      for (int w = first; w < end && taken < 4; ++w)
        if (IsLabelToken(row.tokens[w])) {
          context += (context.empty() ? "" : " ") + row.tokens[w];
          ++taken;
        }
      if (!context.empty()) return context;
    }
  }
  return "";
}

double ParseNumber(const std::string& value) {
  char* end = nullptr;
  double v = std::strtod(value.c_str(), &end);
  return end != value.c_str() ? v : NAN;
}

bool IsNumericType(ValueType t) { return t == ValueType::kAmount || t == ValueType::kQuantity; }
bool IsDateType(ValueType t) { return t == ValueType::kDate || t == ValueType::kExpiryDate; }

bool HasLegalSuffix(const std::string& text) {
  static const char* const kSuffixes[] = {" sas", " sarl", " sa", " gmbh", " ag", " ltd", " limited", " inc",
                                          " llc", " bv", " b.v.", " nv", " spa", " s.p.a.", " srl", " s.r.l.",
                                          " plc", " kg", " co.", " & co", " sasu", " eurl", " oy", " ab"};
  std::string lower;
  for (unsigned char ch : text) lower += static_cast<char>(std::tolower(ch));
  while (!lower.empty() && (lower.back() == '.' || lower.back() == ',')) lower.pop_back();
  lower += " ";
  for (const char* suffix : kSuffixes) {
    std::string s = std::string(suffix) + " ";
    if (lower.find(s) != std::string::npos) return true;
    std::string dotted = std::string(suffix) + ". ";
    if (lower.find(dotted) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

CandidateFeatures::CandidateFeatures(std::vector<std::string> field_names) : field_names_(std::move(field_names)) {}

const std::vector<std::string>& CandidateFeatures::Names() { return kNames; }

int CandidateFeatures::Index(const std::string& name) {
  auto it = std::find(kNames.begin(), kNames.end(), name);
  return it == kNames.end() ? -1 : static_cast<int>(it - kNames.begin());
}

int CandidateFeatures::FieldIndex(const std::string& field) const {
  auto it = std::find(field_names_.begin(), field_names_.end(), field);
  return it == field_names_.end() ? -1 : static_cast<int>(it - field_names_.begin());
}

void CandidateFeatures::Compute(const DocumentView& view, const SchemaLexicons& lexicons,
                                std::map<std::string, std::vector<FieldCandidate>>* candidates) const {
  const DocumentSchema& schema = *lexicons.schema;
  LabelCache cache;
  // Document keywords, normalised, to spot title rows ("BON DE LIVRAISON N° 123").
  std::vector<LabelLexicon> keyword_lexicon{LabelLexicon(schema.keywords)};
  // Value occurrences across the document (same normalised value in several places).
  std::map<std::string, int> value_counts;
  for (const auto& [field, list] : *candidates) {
    std::set<std::pair<int, int>> places;
    for (const auto& c : list)
      if (places.insert({c.row, c.first_word}).second) ++value_counts[field + "\x1f" + c.value];
  }
  // Amounts on the page for the "largest" and "sum of two" relations.
  std::vector<double> amounts;
  for (const auto& [field, list] : *candidates) {
    const FieldSpec* spec = schema.FindField(field);
    if (spec == nullptr || spec->type != ValueType::kAmount) continue;
    for (const auto& c : list) amounts.push_back(ParseNumber(c.value));
    break;  // every amount field sees the same amounts
  }
  std::sort(amounts.begin(), amounts.end());
  amounts.erase(std::unique(amounts.begin(), amounts.end()), amounts.end());
  double max_amount = amounts.empty() ? NAN : amounts.back();

  for (auto& [field, list] : *candidates) {
    const FieldSpec* spec = schema.FindField(field);
    if (spec == nullptr) continue;
    const LabelLexicon& own = lexicons.by_field.at(field);
    // Values of this field's candidates in order, for ranks.
    std::vector<std::string> sorted_values;
    for (const auto& c : list) sorted_values.push_back(c.value);
    std::sort(sorted_values.begin(), sorted_values.end(), [&](const std::string& a, const std::string& b) {
      if (IsNumericType(spec->type)) return ParseNumber(a) < ParseNumber(b);
      return a < b;  // ISO dates sort as strings
    });
    for (size_t i = 0; i < list.size(); ++i) {
      FieldCandidate& c = list[i];
      if (c.row < 0) {
        // Decoded bars: no row, no labels; what they say is the evidence.
        std::vector<float> f(kNumFeatures, 0.0f);
        f[kFieldIndex] = static_cast<float>(FieldIndex(field));
        f[kValueType] = static_cast<float>(spec->type);
        f[kShapeScore] = 1.0f;
        f[kOcrConfidence] = 1.0f;
        f[kFromBarcode] = static_cast<float>(c.from_barcode);
        f[kSameValueCount] = static_cast<float>(value_counts[field + "\x1f" + c.value]);
        f[kCandidateCount] = static_cast<float>(std::log1p(list.size()));
        f[kPageIndex] = static_cast<float>(c.page);
        const Page& page = view.pages()[c.page];
        f[kXRel] = static_cast<float>(page.width > 0 ? c.box.x0 / page.width : 0);
        f[kYRel] = static_cast<float>(page.height > 0 ? c.box.y0 / page.height : 0);
        c.features = std::move(f);
        continue;
      }
      const ViewRow& row = view.rows()[c.row];
      const Page& page = view.pages()[c.page];
      std::vector<float> f(kNumFeatures, 0.0f);
      f[kFieldIndex] = static_cast<float>(FieldIndex(field));
      f[kValueType] = static_cast<float>(spec->type);
      LabelResult left = LeftLabel(view, c, own, cache);
      LabelResult above = AboveLabel(view, c, own, cache);
      f[kLeftLabel] = static_cast<float>(left.score);
      f[kLeftLabelGap] = static_cast<float>(std::min(left.gap, 50.0));
      f[kAboveLabel] = static_cast<float>(above.score);
      f[kAboveLabelRows] = static_cast<float>(above.score > 0 ? above.gap : 9);
      double other_left = 0, other_above = 0;
      for (const auto& [other_field, lexicon] : lexicons.by_field) {
        if (other_field == field) continue;
        other_left = std::max(other_left, LeftLabel(view, c, lexicon, cache).score);
        other_above = std::max(other_above, AboveLabel(view, c, lexicon, cache).score);
      }
      f[kOtherLeftLabel] = static_cast<float>(other_left);
      f[kOtherAboveLabel] = static_cast<float>(other_above);
      f[kOwnOverOther] = static_cast<float>(std::max(left.score, above.score) - std::max(other_left, other_above));
      f[kShapeScore] = static_cast<float>(c.shape_score);
      f[kRepaired] = c.repaired ? 1.0f : 0.0f;
      f[kOcrConfidence] = static_cast<float>(c.ocr_confidence);
      f[kFromOcr] = page.text_source == TextSource::kOcr ? 1.0f : 0.0f;
      f[kXRel] = static_cast<float>(page.width > 0 ? c.box.x0 / page.width : 0);
      f[kYRel] = static_cast<float>(page.height > 0 ? c.box.y0 / page.height : 0);
      f[kPageIndex] = static_cast<float>(c.page);
      f[kIsLastPage] = c.page + 1 == static_cast<int>(view.pages().size()) ? 1.0f : 0.0f;
      f[kWordCount] = static_cast<float>(c.end_word - c.first_word);
      int digits = 0, alpha = 0, upper = 0, chars = 0;
      for (unsigned char ch : c.printed) {
        if (ch == ' ') continue;
        ++chars;
        digits += std::isdigit(ch) != 0;
        alpha += std::isalpha(ch) != 0 || ch >= 0x80;
        upper += std::isupper(ch) != 0;
      }
      f[kCharCount] = static_cast<float>(chars);
      f[kDigitRatio] = chars ? static_cast<float>(digits) / chars : 0;
      f[kAlphaRatio] = chars ? static_cast<float>(alpha) / chars : 0;
      f[kUpperRatio] = alpha ? static_cast<float>(upper) / alpha : 0;
      f[kHeightRatio] = static_cast<float>((c.box.y1 - c.box.y0) / std::max(view.median_word_height(), 1.0));
      f[kRowSegments] = static_cast<float>(row.segment_starts.size());
      f[kRowWordCount] = static_cast<float>(row.words.size());
      f[kSameValueCount] = static_cast<float>(value_counts[field + "\x1f" + c.value]);
      f[kCandidateCount] = static_cast<float>(std::log1p(list.size()));
      f[kReadingRank] = list.size() > 1 ? static_cast<float>(i) / static_cast<float>(list.size() - 1) : 0;
      if (IsNumericType(spec->type) || IsDateType(spec->type)) {
        auto pos = std::lower_bound(sorted_values.begin(), sorted_values.end(), c.value,
                                    [&](const std::string& a, const std::string& b) {
                                      if (IsNumericType(spec->type)) return ParseNumber(a) < ParseNumber(b);
                                      return a < b;
                                    });
        f[kValueRank] = sorted_values.size() > 1 ? static_cast<float>(pos - sorted_values.begin()) /
                                                       static_cast<float>(sorted_values.size() - 1)
                                                 : 0.5f;
      } else {
        f[kValueRank] = 0.5f;
      }
      if (spec->type == ValueType::kAmount) {
        double v = ParseNumber(c.value);
        f[kIsMaxAmount] = (!std::isnan(v) && v == max_amount) ? 1.0f : 0.0f;
        bool sum_of_two = false, part_of_sum = false;
        for (size_t a = 0; a < amounts.size() && !(sum_of_two && part_of_sum); ++a) {
          for (size_t b = a; b < amounts.size(); ++b) {
            double s = amounts[a] + amounts[b];
            if (amounts[a] <= 0 || amounts[b] <= 0) continue;
            if (std::fabs(s - v) < 0.005 && amounts[a] != v && amounts[b] != v) sum_of_two = true;
            if ((amounts[a] == v || amounts[b] == v) &&
                std::binary_search(amounts.begin(), amounts.end(), s, [](double x, double y) { return x < y - 0.005; }))
              part_of_sum = true;
          }
        }
        f[kIsSumOfTwo] = sum_of_two ? 1.0f : 0.0f;
        f[kIsPartOfSum] = part_of_sum ? 1.0f : 0.0f;
      }
      double keyword = 0;
      for (int w = 0; w < static_cast<int>(row.tokens.size()) && keyword < 1; ++w)
        keyword = std::max(keyword, cache.Before(keyword_lexicon[0], row, c.row, w + 1, 0).score);
      f[kKeywordInRow] = static_cast<float>(keyword);
      f[kLegalSuffix] = HasLegalSuffix(c.printed) ? 1.0f : 0.0f;
      f[kColonBefore] = (c.first_word > 0 && !row.words[c.first_word - 1]->text.empty() &&
                         row.words[c.first_word - 1]->text.back() == ':')
                            ? 1.0f
                            : 0.0f;
      f[kSegmentStart] = view.SegmentOf(c.row, c.first_word).first == c.first_word ? 1.0f : 0.0f;
      f[kFromBarcode] = static_cast<float>(c.from_barcode);
      c.features = std::move(f);
      c.left_context = LeftContext(view, c);
      c.above_context = AboveContext(view, c);
      if (!c.evidence.empty()) continue;  // GS1 text keeps its own evidence
      if (left.score >= above.score && left.score > 0)
        c.evidence = "label '" + left.label + "' left of value";
      else if (above.score > 0)
        c.evidence = "label '" + above.label + "' above value";
      else
        c.evidence = "position and shape on the page";
    }
  }
}

}  // namespace quai
