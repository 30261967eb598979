#include "learn/threshold_choice.h"

#include "decide/decide.h"

namespace quai {

AcceptedDocuments AcceptedBy(const std::vector<RatedDocument>& documents, const std::map<std::string, double>& thresholds,
                             double target_precision) {
  ExtractorCalibration calibration;
  calibration.target_precision = target_precision;
  calibration.thresholds = thresholds;  // no learned ones: these hold for every document
  AcceptedDocuments accepted;
  for (const RatedDocument& document : documents) {
    if (Decide(document.extraction, document.schema, calibration).review_required()) continue;
    ++accepted.documents;
    accepted.fields += document.values + document.missed;
    accepted.right += document.right;
  }
  return accepted;
}

int BestThresholdChoice(const std::vector<ThresholdChoice>& choices,
                        const std::vector<std::vector<RatedDocument>>& sources, double target, int min_documents) {
  int best = -1, best_accepted = -1;
  for (size_t i = 0; i < choices.size(); ++i) {
    const bool below_target = choices[i].precision < target;
    bool holds = true;
    int accepted = 0;
    for (const std::vector<RatedDocument>& source : sources) {
      AcceptedDocuments a = AcceptedBy(source, choices[i].thresholds, target);
      accepted += a.documents;
      if (below_target)
        holds = holds && a.documents >= min_documents &&
                static_cast<double>(a.right) >= target * static_cast<double>(a.fields);
    }
    if (holds && accepted > best_accepted) {
      best = static_cast<int>(i);
      best_accepted = accepted;
    }
  }
  return best;
}

}  // namespace quai
