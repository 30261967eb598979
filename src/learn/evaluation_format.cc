// FormatEvaluationReport (declared in evaluation.h): the report as plain-text
// tables for a terminal. Counts are printed beside every score so nothing
// depends on rounding.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "learn/evaluation.h"

namespace quai {
namespace {

// Columns: the first left-aligned, the others right-aligned; widths from the
// widest cell, measured in code points so accented names line up. A row of one
// cell is a heading: printed as it is, it does not widen the first column.
class Table {
 public:
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

  std::string Render(const std::string& indent = "") const {
    std::vector<size_t> widths;
    for (const auto& row : rows_) {
      if (widths.size() < row.size()) widths.resize(row.size(), 0);
      if (row.size() == 1) continue;
      for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], Width(row[c]));
    }
    std::string out;
    for (const auto& row : rows_) {
      if (row.size() == 1) {
        out += indent + row[0] + "\n";
        continue;
      }
      std::string line = indent;
      for (size_t c = 0; c < row.size(); ++c) {
        const std::string padding(widths[c] - Width(row[c]), ' ');
        if (c == 0) {
          line += row[c] + padding;
        } else {
          line += "  " + padding + row[c];
        }
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    return out;
  }

 private:
  static size_t Width(const std::string& text) {
    size_t width = 0;
    for (unsigned char c : text) {
      if ((c & 0xC0) != 0x80) ++width;
    }
    return width;
  }

  std::vector<std::vector<std::string>> rows_;
};

std::string Fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// Thresholds and bucket edges: as many digits as they need, up to 6.
std::string Short(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

std::string Signed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%+.*f", decimals, value);
  return buffer;
}

std::string Optional(const std::optional<double>& value, int decimals) {
  return value ? Fixed(*value, decimals) : "-";
}

std::string Percent(const Proportion& proportion) {
  const std::optional<double> share = proportion.share();
  return share ? Fixed(*share * 100.0, 2) + " %" : "-";
}

void AddProportionRow(Table* table, const std::string& label, const Proportion& proportion) {
  table->AddRow({label, std::to_string(proportion.count) + " / " + std::to_string(proportion.total),
                 Percent(proportion)});
}

std::vector<std::string> CountsHeading(const std::string& label) {
  return {label, "TP", "FP", "FN", "precision", "recall", "F1"};
}

void AddCountsRow(Table* table, const std::string& label, const Counts& counts) {
  table->AddRow({label, std::to_string(counts.true_positives), std::to_string(counts.false_positives),
                 std::to_string(counts.false_negatives), Fixed(counts.precision(), 4),
                 Fixed(counts.recall(), 4), Fixed(counts.f1(), 4)});
}

std::string TypeLabel(const std::string& name, const TypeScores& type) {
  std::string label = (name.empty() ? "(no type)" : name) + " - " + std::to_string(type.documents) +
                      (type.documents == 1 ? " document" : " documents") + ", type right " +
                      std::to_string(type.type_accuracy.count) + "/" +
                      std::to_string(type.type_accuracy.total);
  if (type.type_accuracy.count != type.type_accuracy.total) {
    label += " (predicted:";
    for (const auto& [predicted, documents] : type.predicted_types) {
      label += " " + (predicted.empty() ? "(none)" : predicted) + " " + std::to_string(documents);
    }
    label += ")";
  }
  return label;
}

// "straight-through: X % auto-accepted (their fields right Y %); at target
// precision P: best single threshold t gives Z %", then the oracle's counts.
std::string StraightThroughLines(const Scores& scores, const std::string& indent) {
  const StraightThrough& oracle = scores.straight_through;
  std::string out = indent + "straight-through: " + Percent(scores.auto_accepted) +
                    " auto-accepted (their fields right " + Percent(scores.auto_accepted_field_accuracy) +
                    "); at target precision " + Fixed(oracle.target_precision * 100.0, 2) + " %: ";
  if (oracle.with_confidences == 0) return out + "- (no confidences)\n";
  if (oracle.threshold) {
    out += "best single threshold " + Short(*oracle.threshold) + " gives " + Percent(oracle.accepted) + "\n";
  } else {
    out += "no single threshold reaches it, 0.00 %\n";
  }
  out += indent + "  oracle: " + std::to_string(oracle.accepted.count) + " / " +
         std::to_string(oracle.accepted.total) + " documents accepted";
  if (oracle.threshold) {
    out += ", their fields right " + std::to_string(oracle.accepted_field_accuracy.count) + " / " +
           std::to_string(oracle.accepted_field_accuracy.total) + " = " +
           Percent(oracle.accepted_field_accuracy) + ", fully right " +
           std::to_string(oracle.accepted_fully_right.count) + " / " +
           std::to_string(oracle.accepted_fully_right.total);
  }
  out += "; " + std::to_string(oracle.eligible) + " of " + std::to_string(oracle.with_confidences) +
         " with confidences had no review reason but low confidence\n";
  return out;
}

// Values by confidence bucket, with an "all" row.
std::string ReliabilityTable(const Scores& scores, const std::string& indent) {
  ReliabilityBucket all;
  for (const ReliabilityBucket& bucket : scores.reliability) {
    all.values += bucket.values;
    all.right += bucket.right;
    all.confidence_sum += bucket.confidence_sum;
  }
  if (all.values == 0) return indent + "reliability: no values with a confidence\n";
  Table table;
  table.AddRow({"reliability (calibration check)", "values", "mean confidence", "right", "share right", "gap"});
  const auto add = [&table](const std::string& label, const ReliabilityBucket& bucket) {
    const std::optional<double> gap = bucket.gap();
    table.AddRow({label, std::to_string(bucket.values), Optional(bucket.mean_confidence(), 4),
                  std::to_string(bucket.right), Optional(bucket.share_right(), 4),
                  gap ? Signed(*gap, 4) : "-"});
  };
  for (size_t i = 0; i < scores.reliability.size(); ++i) {
    const ReliabilityBucket& bucket = scores.reliability[i];
    const bool last = i + 1 == scores.reliability.size();
    add("  [" + Short(bucket.low) + ", " + Short(bucket.high) + (last ? "]" : ")"), bucket);
  }
  add("  all", all);
  return table.Render(indent);
}

std::string Summary(const Scores& scores, const std::string& indent) {
  Table proportions;
  proportions.AddRow({"documents", std::to_string(scores.documents), ""});
  AddProportionRow(&proportions, "type accuracy", scores.type_accuracy);
  AddProportionRow(&proportions, "fully right", scores.fully_right);
  AddProportionRow(&proportions, "field accuracy (slots)", scores.field_accuracy);
  AddProportionRow(&proportions, "auto-accepted", scores.auto_accepted);
  AddProportionRow(&proportions, "  of those fully right", scores.auto_accepted_fully_right);
  AddProportionRow(&proportions, "  their field accuracy", scores.auto_accepted_field_accuracy);

  Table counts;
  counts.AddRow(CountsHeading(""));
  AddCountsRow(&counts, "header fields", scores.header_fields.all);
  AddCountsRow(&counts, "line fields (line-item F1)", scores.line_fields.all);
  AddCountsRow(&counts, "lines", scores.lines);
  return proportions.Render(indent) + StraightThroughLines(scores, indent) + "\n" +
         counts.Render(indent) + "\n" + ReliabilityTable(scores, indent);
}

// Per type, the "all" row and then one row per field.
std::string FieldTable(const Scores& scores, bool line_fields) {
  Table table;
  table.AddRow(CountsHeading(line_fields ? "line fields by type" : "header fields by type"));
  for (const auto& [name, type] : scores.by_type) {
    const FieldScores& fields = line_fields ? type.line_fields : type.header_fields;
    if (line_fields && fields.by_field.empty()) continue;
    table.AddRow({TypeLabel(name, type)});
    AddCountsRow(&table, "  all", fields.all);
    for (const auto& [field, counts] : fields.by_field) AddCountsRow(&table, "    " + field, counts);
  }
  return table.Render();
}

std::string GroupSection(const std::string& group, const Scores& scores) {
  std::string out = "group " + group + "\n" + Summary(scores, "  ") + "\n";
  Table types;
  types.AddRow(CountsHeading("by type"));
  for (const auto& [name, type] : scores.by_type) {
    types.AddRow({TypeLabel(name, type)});
    AddCountsRow(&types, "  header fields", type.header_fields.all);
    AddCountsRow(&types, "  line fields", type.line_fields.all);
    AddCountsRow(&types, "  lines", type.lines);
  }
  return out + types.Render("  ");
}

std::string Quoted(const std::optional<std::string>& value) {
  return value ? "\"" + *value + "\"" : "-";
}

std::string ErrorSection(const EvaluationReport& report) {
  std::string out;
  long with_errors = 0;
  for (const DocumentResult& document : report.documents) {
    if (document.errors.empty()) continue;
    ++with_errors;
    out += document.name;
    if (!document.group.empty()) out += " [" + document.group + "]";
    out += " " + document.truth_type;
    if (document.auto_accepted) out += ", auto-accepted";
    out += "\n";
    // Values are left-aligned after the locations, to be read rather than summed.
    size_t location_width = 0;
    for (const FieldError& error : document.errors) {
      location_width = std::max(location_width, error.Location().size());
    }
    for (const FieldError& error : document.errors) {
      const std::string location = error.Location();
      out += "  " + location + std::string(location_width - location.size(), ' ') + "  truth " +
             Quoted(error.truth) + "  predicted " + Quoted(error.predicted);
      if (error.confidence) out += " (confidence " + Fixed(*error.confidence, 4) + ")";
      out += "\n";
    }
  }
  return "errors: " + std::to_string(with_errors) + " of " + std::to_string(report.documents.size()) +
         " documents\n" + out;
}

}  // namespace

std::string FormatEvaluationReport(const EvaluationReport& report) {
  std::string out = "overall\n" + Summary(report.overall, "  ") + "\n";
  out += FieldTable(report.overall, /*line_fields=*/false) + "\n";
  if (!report.overall.line_fields.by_field.empty()) {
    out += FieldTable(report.overall, /*line_fields=*/true) + "\n";
  }
  for (const auto& [group, scores] : report.by_group) out += GroupSection(group, scores) + "\n";
  out += ErrorSection(report);
  return out;
}

}  // namespace quai
