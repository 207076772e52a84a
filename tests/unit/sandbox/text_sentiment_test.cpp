// The sandbox's texts and koubei's sentiment agree: every complaint the world writes scores
// negative and every praise positive. The end-to-end alert tests rely on it (the crisis opener is
// a complaint whose wording depends on the hour it falls in, so on the date the tests run).
#include <catch2/catch.hpp>

#include "analysis/keywords/text_folder.hpp"
#include "analysis/sentiment/analyzer.hpp"
#include "sandbox/text.hpp"

namespace koubei::sandbox {
namespace {

namespace sentiment = analysis::sentiment;

const sentiment::SentimentAnalyzer& analyzer() {
  static const analysis::keywords::TextFolder kFolder;
  static const sentiment::SentimentAnalyzer kAnalyzer(kFolder, sentiment::Lexicon::builtin(kFolder));
  return kAnalyzer;
}

model::SentimentLabel label_of(const std::string& text) { return analyzer().explain(text).label; }

// Enough draws to cover every phrase, pairing and emoji many times over.
constexpr std::uint64_t kDraws = 3000;

}  // namespace

TEST_CASE("every sandbox complaint scores negative and every praise positive", "[sandbox][sentiment]") {
  for (const std::string keyword : {"某品牌 退款", "某品牌 新品", "华为 信号", "小米 发热"}) {
    for (std::uint64_t seed = 0; seed < kDraws; ++seed) {
      Draws complaint(seed);
      const std::string bad = post_text(complaint, keyword, true);
      INFO(bad);
      CHECK(label_of(bad) == model::SentimentLabel::kNegative);
      Draws praise(seed);
      const std::string good = post_text(praise, keyword, false);
      INFO(good);
      CHECK(label_of(good) == model::SentimentLabel::kPositive);
    }
  }
}

TEST_CASE("every sandbox review text scores with its polarity", "[sandbox][sentiment]") {
  for (std::uint64_t seed = 0; seed < kDraws; ++seed) {
    Draws complaint(seed);
    const std::string bad = review_text(complaint, "某品牌旗舰体验店", true);
    INFO(bad);
    CHECK(label_of(bad) == model::SentimentLabel::kNegative);
    Draws praise(seed);
    const std::string good = review_text(praise, "某品牌旗舰体验店", false);
    INFO(good);
    CHECK(label_of(good) == model::SentimentLabel::kPositive);
  }
}

}  // namespace koubei::sandbox
