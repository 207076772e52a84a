#include "analysis/sentiment/analyzer.hpp"

#include <catch2/catch.hpp>

using namespace koubei;
using namespace koubei::analysis;
using model::SentimentLabel;

namespace {

const keywords::TextFolder& folder() {
  static const keywords::TextFolder kFolder;  // OpenCC loads once per test binary
  return kFolder;
}

const sentiment::SentimentAnalyzer& analyzer() {
  static const sentiment::SentimentAnalyzer kAnalyzer(folder(), sentiment::Lexicon::builtin(folder()));
  return kAnalyzer;
}

double score(std::string_view text, std::optional<double> rating = std::nullopt) {
  return analyzer().explain(text, rating).score;
}

SentimentLabel label(std::string_view text, std::optional<double> rating = std::nullopt) {
  return analyzer().explain(text, rating).label;
}

}  // namespace

TEST_CASE("praise, complaints and slang get their label", "[analysis][sentiment]") {
  struct Row {
    const char* text;
    SentimentLabel expected;
  };
  const Row rows[] = {
      {"服务很好，很满意", SentimentLabel::kPositive},
      {"物流太慢了，客服态度差", SentimentLabel::kNegative},
      {"yyds", SentimentLabel::kPositive},
      {"绝绝子", SentimentLabel::kPositive},
      {"又踩雷了", SentimentLabel::kNegative},
      {"纯纯智商税", SentimentLabel::kNegative},
      {"翻车了", SentimentLabel::kNegative},
      {"拔草", SentimentLabel::kNegative},
      {"明天下午三点发布", SentimentLabel::kNeutral},
      {"", SentimentLabel::kNeutral},
      {"滿意！服務很貼心", SentimentLabel::kPositive},  // Traditional folds to the lexicon
      {"YYDS", SentimentLabel::kPositive},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    CHECK(label(row.text) == row.expected);
  }
}

TEST_CASE("negation flips and degree words scale", "[analysis][sentiment]") {
  CHECK(score("好用") > 0);
  CHECK(score("不好用") < 0);
  CHECK(score("没有问题") > 0);
  CHECK(score("一点都不好吃") < 0);
  CHECK(score("不难吃") > 0);
  CHECK(score("非常满意") > score("满意"));
  CHECK(score("有点失望") > score("失望"));  // 有点 softens
  CHECK(score("稍微贵") > score("太贵"));
  // A modifier far from the word does not reach it.
  CHECK(score("不知道为什么大家都说满意") > 0);
}

TEST_CASE("after a contrast word the later clause decides", "[analysis][sentiment]") {
  CHECK(label("环境很好，但是菜太难吃了") == SentimentLabel::kNegative);
  CHECK(label("虽然贵了点，不过质量很好") == SentimentLabel::kPositive);
  CHECK(label("包装很好看，可是东西是坏的") == SentimentLabel::kNegative);
  const auto e = analyzer().explain("好吃，但是贵");
  REQUIRE(e.hits.size() == 3);
  CHECK(e.hits[0].contribution == Approx(1.4 * 0.5));
  CHECK(e.hits[2].note.find("after contrast") != std::string::npos);
}

TEST_CASE("rhetorical questions turn praise into complaint; real questions are damped",
          "[analysis][sentiment]") {
  CHECK(label("这也叫好吃？") == SentimentLabel::kNegative);
  CHECK(label("就这？") == SentimentLabel::kNegative);
  CHECK(label("这就是你们说的耐用？") == SentimentLabel::kNegative);
  CHECK(label("请问这个好用吗") == SentimentLabel::kNeutral);
  CHECK(label("求推荐好用的洗面奶") == SentimentLabel::kNeutral);
  CHECK(std::abs(score("请问这个好用吗")) < std::abs(score("这个好用")));
}

TEST_CASE("emoji alt text carries sentiment", "[analysis][sentiment]") {
  CHECK(label("今天的快递[怒]") == SentimentLabel::kNegative);
  CHECK(label("收到了[赞]") == SentimentLabel::kPositive);
  CHECK(label("哈哈哈[衰]") == SentimentLabel::kNegative);
  CHECK(score("收到了[哈哈]") > 0);
  // An emoji is tone, out of a negator's reach: "没有[good]" is not "not good".
  CHECK(label("拆开一点磕碰都没有[good]") == SentimentLabel::kPositive);
  CHECK(label("一个问题都没有[赞]") == SentimentLabel::kPositive);
}

TEST_CASE("a star rating blends in, and decides alone when the text says nothing",
          "[analysis][sentiment]") {
  CHECK(label("点了两个菜", 5.0) == SentimentLabel::kPositive);
  CHECK(label("点了两个菜", 1.0) == SentimentLabel::kNegative);
  CHECK(label("点了两个菜", 3.0) == SentimentLabel::kNeutral);
  CHECK(score("味道不错", 1.0) < score("味道不错"));
  const auto e = analyzer().explain("味道不错", 4.5);
  REQUIRE(e.rating);
  CHECK(*e.rating == 4.5);
}

TEST_CASE("explain lists each hit with its weight, contribution and place in the text",
          "[analysis][sentiment]") {
  const std::string text = "客服非常不耐烦，物流也很慢";
  const auto e = analyzer().explain(text);
  REQUIRE(e.hits.size() >= 4);
  const auto& degree = e.hits[0];
  CHECK(degree.term == "非常");
  CHECK(degree.kind == sentiment::EntryKind::kDegree);
  CHECK(text.substr(degree.begin, degree.end - degree.begin) == "非常");
  const auto& word = e.hits[1];
  CHECK(word.term == "不耐烦");
  CHECK(word.weight == Approx(-1.5));
  CHECK(word.contribution == Approx(-1.5 * 1.5));
  double sum = 0;
  for (const auto& h : e.hits) sum += h.contribution;
  CHECK(sum == Approx(e.raw));
  CHECK(e.label == SentimentLabel::kNegative);
}

TEST_CASE("analyze fills the record's sentiment with the method name", "[analysis][sentiment]") {
  model::Mention m;
  m.kind = model::Kind::kReview;
  m.title = "好吃不贵小馆";  // a review's title is the shop's name, not the reviewer's words
  m.text = "菜里有虫子";
  m.rating = 1.0;
  const model::Sentiment s = analyzer().analyze(m);
  CHECK(s.method == "koubei.lexicon.v1");
  CHECK(s.label == SentimentLabel::kNegative);
  CHECK(s.score >= -1.0);
  m.kind = model::Kind::kNote;
  m.title = "绝绝子";
  m.text = "今天的穿搭";
  m.rating.reset();
  CHECK(analyzer().analyze(m).label == SentimentLabel::kPositive);
}

TEST_CASE("a malformed lexicon line is reported with file and line", "[analysis][sentiment]") {
  CHECK_THROWS_WITH(sentiment::Lexicon::parse("# c\n好\tx\tgeneral\n", "", folder()),
                    Catch::Contains("words.tsv:2"));
  CHECK_THROWS_WITH(sentiment::Lexicon::parse("好\t1\tg\n", "negator\t好\t0\n", folder()),
                    Catch::Contains("duplicate term"));
  CHECK_THROWS_WITH(sentiment::Lexicon::parse("", "adverb\t很\t1\n", folder()),
                    Catch::Contains("unknown modifier kind"));
  CHECK(sentiment::Lexicon::builtin(folder()).size() > 300);
}

TEST_CASE("the lexicon finds terms starting anywhere in Unicode, longest first",
          "[analysis][sentiment]") {
  // First characters at the edges of the BMP quick-reject table and beyond it (an emoji).
  const sentiment::Lexicon lex = sentiment::Lexicon::parse(
      "好\t1\tg\n好评\t2\tg\n\x01x\t3\tg\n\xEF\xBF\xBDz\t4\tg\n\xF0\x9F\x98\x80\t5\temoji\n"
      "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\t6\temoji\n",
      "", folder());
  struct Case {
    std::u32string text;
    std::size_t pos;
    double value;
    std::size_t length;
  };
  for (const Case& c : {Case{U"很好评", 1, 2, 2}, Case{U"很好", 1, 1, 1}, Case{U"\x01x", 0, 3, 2},
                        Case{U"a\uFFFDz", 1, 4, 2}, Case{U"\U0001F600", 0, 5, 1},
                        Case{U"\U0001F600\U0001F600", 0, 6, 2}}) {
    std::size_t length = 0;
    const sentiment::Entry* e = lex.longest_at(c.text, c.pos, length);
    REQUIRE(e != nullptr);
    CHECK(e->value == c.value);
    CHECK(length == c.length);
  }
  std::size_t length = 9;
  CHECK(lex.longest_at(U"很坏", 0, length) == nullptr);
  CHECK(length == 0);
  CHECK(lex.longest_at(U"\U0001F601", 0, length) == nullptr);
  CHECK(lex.longest_at(U"好", 1, length) == nullptr);  // past the end
}
