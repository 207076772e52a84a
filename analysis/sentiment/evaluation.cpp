#include "analysis/sentiment/evaluation.hpp"

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace koubei::analysis::sentiment {
namespace {

std::optional<model::SentimentLabel> label_from(std::string_view s) {
  if (s == "negative") return model::SentimentLabel::kNegative;
  if (s == "neutral") return model::SentimentLabel::kNeutral;
  if (s == "positive") return model::SentimentLabel::kPositive;
  return std::nullopt;
}

std::size_t index(model::SentimentLabel l) { return static_cast<std::size_t>(l); }

}  // namespace

std::vector<LabelledText> parse_eval_set(std::string_view tsv) {
  std::vector<LabelledText> out;
  std::size_t line_no = 0;
  std::size_t start = 0;
  while (start < tsv.size()) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    if (++line_no == 1 || line.empty()) continue;  // header
    std::vector<std::string_view> f;
    for (std::size_t p = 0; f.size() < 5;) {
      const std::size_t tab = line.find('\t', p);
      if (tab == std::string_view::npos) break;
      f.push_back(line.substr(p, tab - p));
      p = tab + 1;
      if (f.size() == 5) f.push_back(line.substr(p));
    }
    const auto label = f.size() == 6 ? label_from(f[3]) : std::nullopt;
    if (!label || (f[2] != "tune" && f[2] != "heldout") || f[5].empty()) {
      throw std::runtime_error("eval.tsv:" + std::to_string(line_no) +
                               ": expected id, platform, tune|heldout, label, rating|-, text");
    }
    LabelledText row{std::string(f[0]), std::string(f[1]), std::string(f[2]), *label,
                     std::nullopt, std::string(f[5])};
    if (f[4] != "-") {
      double r = 0;
      const auto res = std::from_chars(f[4].data(), f[4].data() + f[4].size(), r);
      if (res.ec != std::errc() || r < 0 || r > 5) {
        throw std::runtime_error("eval.tsv:" + std::to_string(line_no) + ": bad rating");
      }
      row.rating = r;
    }
    out.push_back(std::move(row));
  }
  return out;
}

EvalResult evaluate(const SentimentAnalyzer& analyzer, const std::vector<LabelledText>& rows,
                    std::string_view split) {
  EvalResult r;
  std::size_t correct = 0;
  for (const auto& row : rows) {
    if (!split.empty() && row.split != split) continue;
    const Explanation e = analyzer.explain(row.text, row.rating);
    ++r.count;
    ++r.confusion[index(row.label)][index(e.label)];
    if (e.label == row.label) {
      ++correct;
    } else {
      r.mistakes.push_back(row.id + ": " + std::string(model::to_string(row.label)) + "->" +
                           std::string(model::to_string(e.label)) + " (" +
                           std::to_string(e.score).substr(0, 5) + "): " + row.text);
    }
  }
  if (r.count == 0) return r;
  r.accuracy = static_cast<double>(correct) / static_cast<double>(r.count);
  for (std::size_t c = 0; c < 3; ++c) {
    double tp = static_cast<double>(r.confusion[c][c]);
    double predicted = 0;
    double actual = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      predicted += static_cast<double>(r.confusion[k][c]);
      actual += static_cast<double>(r.confusion[c][k]);
    }
    const double precision = predicted == 0 ? 0 : tp / predicted;
    const double recall = actual == 0 ? 0 : tp / actual;
    r.f1[c] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }
  r.macro_f1 = (r.f1[0] + r.f1[1] + r.f1[2]) / 3;
  return r;
}

std::string format_report(std::string_view name, const EvalResult& r) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "%-8.*s n=%-4zu accuracy %.3f  macro-F1 %.3f  (F1 neg %.3f neu %.3f pos %.3f)\n"
                "         confusion (rows truth, cols predicted: neg neu pos)\n"
                "           neg %4zu %4zu %4zu\n           neu %4zu %4zu %4zu\n"
                "           pos %4zu %4zu %4zu\n",
                static_cast<int>(name.size()), name.data(), r.count, r.accuracy, r.macro_f1,
                r.f1[0], r.f1[1], r.f1[2], r.confusion[0][0], r.confusion[0][1],
                r.confusion[0][2], r.confusion[1][0], r.confusion[1][1], r.confusion[1][2],
                r.confusion[2][0], r.confusion[2][1], r.confusion[2][2]);
  return buf;
}

}  // namespace koubei::analysis::sentiment
