#pragma once
// SentimentAnalyzer: lexicon-based, explainable sentiment for Chinese customer voice
// (method "koubei.lexicon.v1"). Output {label, score in -1..1, method}.
//
// How a text is scored (every constant is in SentimentParams):
//  1. Fold the text (case, width, Traditional→Simplified), split it into clauses at punctuation.
//  2. Scan each clause for lexicon entries, longest match first. A sentiment word's weight is
//     multiplied by the degree words (很 非常 太 超 有点 稍微 …) and flipped by the negators (不 没 没有
//     别 未 无 …) that precede it within `modifier_window` characters: 不好 = -0.8 × 好.
//  3. Contrast words (但是 不过 可是 …) discount everything before them (`before_contrast`) and weigh
//     what follows by the word's value: the later clause decides.
//  4. A clause with a rhetorical marker (难道 这也叫 就这 还好意思 …) has its praise flipped and the
//     marker's own weight added; a clause with a question marker (请问 求推荐 有没有 …) and no
//     rhetorical one is damped (`question_damping`): asking is not judging.
//  5. score = tanh(raw / scale). With a star rating (Dianping), score blends in (rating − 3) / 2
//     by `rating_weight` (the rating alone when the text has no hits). Label by `threshold`.
//
// explain() returns every hit with its weight and contribution, so a score can be justified.
// Thread safety: const after construction; share freely. The folder must outlive the analyzer.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/keywords/text_folder.hpp"
#include "analysis/sentiment/lexicon.hpp"
#include "parsers/model/mention.hpp"

namespace koubei::analysis::sentiment {

inline constexpr const char* kMethod = "koubei.lexicon.v1";

struct SentimentParams {
  double negation_factor = 0.8;       ///< a negated word contributes -factor × its weight
  std::size_t modifier_window = 3;    ///< characters allowed between a modifier and its word
  double before_contrast = 0.5;       ///< weight of what precedes a contrast word
  double question_damping = 0.15;      ///< factor on a real question's sentiment
  double scale = 2.0;                 ///< score = tanh(raw / scale)
  double threshold = 0.2;             ///< |score| below this is neutral
  double rating_weight = 0.5;         ///< share of the star rating in a rated text's score
};

struct Hit {
  std::string term;          ///< as it appears in the original text
  std::uint32_t begin = 0;   ///< byte offsets in the original text
  std::uint32_t end = 0;
  EntryKind kind = EntryKind::kWord;
  double weight = 0;         ///< the lexicon's value
  double contribution = 0;   ///< what it added to raw (0 for modifiers)
  std::string note;          ///< "negated", "×1.5", "after contrast ×1.6", "rhetorical", "question"
};

struct Explanation {
  std::vector<Hit> hits;
  double raw = 0;                 ///< sum of contributions
  double text_score = 0;          ///< tanh(raw / scale)
  std::optional<double> rating;   ///< the star rating used, when any
  double score = 0;               ///< -1..1
  model::SentimentLabel label = model::SentimentLabel::kNeutral;
};

class SentimentAnalyzer {
 public:
  /// REQUIRES: folder outlives the analyzer.
  SentimentAnalyzer(const keywords::TextFolder& folder, Lexicon lexicon, SentimentParams params = {});

  Explanation explain(std::string_view text, std::optional<double> rating = std::nullopt) const;

  /// The record's sentiment: title + text (a review's title is the shop name and is left out),
  /// and its star rating when present. Score rounded to 0.001.
  model::Sentiment analyze(const model::Mention& m) const;

  const SentimentParams& params() const { return params_; }

 private:
  const keywords::TextFolder* folder_;
  Lexicon lexicon_;
  SentimentParams params_;
};

}  // namespace koubei::analysis::sentiment
