#include "analysis/sentiment/analyzer.hpp"

#include <algorithm>
#include <cmath>

namespace koubei::analysis::sentiment {
namespace {

bool ends_clause(char32_t c) {
  switch (c) {
    case U'，': case U',': case U'。': case U'.': case U'！': case U'!': case U'？': case U'?':
    case U'；': case U';': case U'～': case U'~': case U'…': case U'、': case U'\n':
      return true;
    default:
      return false;
  }
}

std::string format_factor(double f) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "x%.2g", f);
  return buf;
}

// One clause's walk: modifiers pending for the next sentiment word, and the clause's hits.
struct ClauseState {
  bool negated = false;
  double degree = 1.0;
  std::size_t modifier_end = 0;
  bool has_modifier = false;
  bool rhetorical = false;
  bool question = false;
  std::vector<std::size_t> word_hits;  // indices into Explanation::hits
};

}  // namespace

SentimentAnalyzer::SentimentAnalyzer(const keywords::TextFolder& folder, Lexicon lexicon,
                                     SentimentParams params)
    : folder_(&folder), lexicon_(std::move(lexicon)), params_(params) {}

Explanation SentimentAnalyzer::explain(std::string_view text, std::optional<double> rating) const {
  const keywords::FoldedText folded = folder_->fold(text);
  const std::u32string& s = folded.chars;
  Explanation out;
  double after_contrast = 1.0;  // weight of what follows the latest contrast word
  ClauseState clause;

  const auto close_clause = [&] {
    for (std::size_t i : clause.word_hits) {
      Hit& h = out.hits[i];
      if (clause.rhetorical && h.contribution > 0) {
        h.contribution = -h.contribution;
        h.note += h.note.empty() ? "rhetorical" : ", rhetorical";
      } else if (clause.question && !clause.rhetorical) {
        h.contribution *= params_.question_damping;
        h.note += h.note.empty() ? "question" : ", question";
      }
      out.raw += h.contribution;
    }
    clause = ClauseState{};
  };

  std::size_t pos = 0;
  while (pos < s.size()) {
    if (ends_clause(s[pos])) {
      close_clause();
      ++pos;
      continue;
    }
    std::size_t len = 0;
    const Entry* e = lexicon_.longest_at(s, pos, len);
    if (e == nullptr) {
      ++pos;
      continue;
    }
    Hit hit;
    hit.begin = folded.offsets[pos];
    hit.end = folded.offsets[pos + len];
    hit.term = std::string(text.substr(hit.begin, hit.end - hit.begin));
    hit.kind = e->kind;
    hit.weight = e->value;
    const bool in_window =
        clause.has_modifier && pos - clause.modifier_end <= params_.modifier_window;
    if (!in_window) {
      clause.negated = false;
      clause.degree = 1.0;
      clause.has_modifier = false;
    }
    switch (e->kind) {
      case EntryKind::kNegator:
      case EntryKind::kDegree:
        if (e->kind == EntryKind::kNegator) clause.negated = !clause.negated;
        if (e->kind == EntryKind::kDegree) clause.degree *= e->value;
        clause.has_modifier = true;
        clause.modifier_end = pos + len;
        break;
      case EntryKind::kWord: {
        // An emoji is the author's tone, not a word a negator or degree word can reach:
        // "一点磕碰都没有[good]" praises.
        if (e->aspect == "emoji") {
          clause.negated = false;
          clause.degree = 1.0;
        }
        double v = e->value * clause.degree;
        if (clause.degree != 1.0) hit.note = format_factor(clause.degree);
        if (clause.negated) {
          v = -v * params_.negation_factor;
          hit.note += hit.note.empty() ? "negated" : ", negated";
        }
        if (after_contrast != 1.0) {
          v *= after_contrast;
          hit.note += (hit.note.empty() ? "after contrast " : ", after contrast ") +
                      format_factor(after_contrast);
        }
        hit.contribution = v;
        clause.word_hits.push_back(out.hits.size());
        clause.negated = false;
        clause.degree = 1.0;
        clause.has_modifier = false;
        break;
      }
      case EntryKind::kContrast:
        close_clause();
        out.raw *= params_.before_contrast;
        for (Hit& h : out.hits) h.contribution *= params_.before_contrast;
        after_contrast = e->value;
        break;
      case EntryKind::kRhetorical:
        clause.rhetorical = true;
        hit.contribution = e->value;
        clause.word_hits.push_back(out.hits.size());
        break;
      case EntryKind::kQuestion:
        clause.question = true;
        break;
    }
    out.hits.push_back(std::move(hit));
    pos += len;
  }
  close_clause();

  out.text_score = std::tanh(out.raw / params_.scale);
  out.score = out.text_score;
  if (rating) {
    out.rating = std::clamp(*rating, 0.0, 5.0);
    const double r = std::clamp((*out.rating - 3.0) / 2.0, -1.0, 1.0);
    const bool text_spoke = std::any_of(out.hits.begin(), out.hits.end(),
                                        [](const Hit& h) { return h.contribution != 0; });
    const double w = text_spoke ? params_.rating_weight : 1.0;
    out.score = (1 - w) * out.text_score + w * r;
  }
  out.score = std::clamp(out.score, -1.0, 1.0);
  out.label = out.score >= params_.threshold    ? model::SentimentLabel::kPositive
              : out.score <= -params_.threshold ? model::SentimentLabel::kNegative
                                                : model::SentimentLabel::kNeutral;
  return out;
}

model::Sentiment SentimentAnalyzer::analyze(const model::Mention& m) const {
  std::string text;
  if (m.title && m.kind != model::Kind::kReview) text = *m.title + "\n";
  text += m.text;
  const Explanation e = explain(text, m.rating);
  return model::Sentiment{e.label, std::round(e.score * 1000) / 1000, kMethod};
}

}  // namespace koubei::analysis::sentiment
