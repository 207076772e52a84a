#pragma once
// Scoring the sentiment analyzer against a labelled set (tests/fixtures/sentiment/eval.tsv):
// accuracy, per-class and macro F1, and the confusion matrix, per split. Shared by
// bench/sentiment_eval.cpp (prints the figures) and the unit test (asserts the held-out quality).
//
// The TSV is `id platform split label rating text` with a header line; rating is "-" or 0..5.
// Pure: the caller reads the file. Thread safety: plain functions.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/sentiment/analyzer.hpp"

namespace koubei::analysis::sentiment {

struct LabelledText {
  std::string id;
  std::string platform;
  std::string split;  ///< "tune" or "heldout"
  model::SentimentLabel label = model::SentimentLabel::kNeutral;
  std::optional<double> rating;
  std::string text;
};

/// Parses the set; throws std::runtime_error naming the line on a malformed row.
std::vector<LabelledText> parse_eval_set(std::string_view tsv);

struct EvalResult {
  std::size_t count = 0;
  double accuracy = 0;
  double macro_f1 = 0;
  std::array<double, 3> f1{};  ///< negative, neutral, positive
  /// confusion[truth][predicted], indexed negative, neutral, positive.
  std::array<std::array<std::size_t, 3>, 3> confusion{};
  std::vector<std::string> mistakes;  ///< "id: truth→predicted: text"
};

/// Scores the rows of one split ("" = all rows).
EvalResult evaluate(const SentimentAnalyzer& analyzer, const std::vector<LabelledText>& rows,
                    std::string_view split);

/// A printable report: accuracy, macro-F1, per-class F1 and the confusion matrix.
std::string format_report(std::string_view name, const EvalResult& r);

}  // namespace koubei::analysis::sentiment
