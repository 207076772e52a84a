// Sentiment quality on the labelled set (tests/fixtures/sentiment/eval.tsv): accuracy, macro-F1 and
// the confusion matrix on the `tune` and `heldout` splits, and the analyzer's speed.
//   koubei_sentiment_eval [--mistakes] [EVAL.tsv]
// --mistakes lists the tune split's misclassified rows (never the held-out ones: tuning must not
// look at them).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "analysis/sentiment/evaluation.hpp"

using namespace koubei::analysis;

int main(int argc, char** argv) {
  std::string path = KOUBEI_EVAL_SET;
  bool mistakes = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--mistakes") == 0) {
      mistakes = true;
    } else {
      path = argv[i];
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 1;
  }
  const std::string tsv{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto rows = sentiment::parse_eval_set(tsv);
  const keywords::TextFolder folder;
  const sentiment::SentimentAnalyzer analyzer(folder, sentiment::Lexicon::builtin(folder));
  std::printf("sentiment %s on %s (%zu texts)\n", sentiment::kMethod, path.c_str(), rows.size());
  for (const char* split : {"tune", "heldout"}) {
    const auto r = sentiment::evaluate(analyzer, rows, split);
    std::fputs(sentiment::format_report(split, r).c_str(), stdout);
    if (mistakes && std::strcmp(split, "tune") == 0) {
      for (const auto& m : r.mistakes) std::printf("  %s\n", m.c_str());
    }
  }
  // Throughput: every text analysed repeatedly for about a second.
  std::size_t texts = 0;
  std::size_t bytes = 0;
  double checksum = 0;  // keeps the work observable
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = std::chrono::duration<double>(0);
  while (elapsed.count() < 1.0) {
    for (const auto& row : rows) {
      const auto e = analyzer.explain(row.text, row.rating);
      checksum += e.score;
      ++texts;
      bytes += row.text.size();
    }
    elapsed = std::chrono::steady_clock::now() - start;
  }
  std::printf("speed    %.0f texts/s, %.2f MB/s (fold + lexicon scan + scoring, one thread; checksum %.1f)\n",
              static_cast<double>(texts) / elapsed.count(),
              static_cast<double>(bytes) / elapsed.count() / 1e6, checksum);
  return 0;
}
