// Enricher: keyword filter, query / influence / sentiment, schema check and serialisation of a
// page's parsed items.

#include "scheduler/run/enricher.hpp"

#include "analysis/keywords/expression.hpp"
#include "parsers/model/mention_json.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace koubei::scheduler {
namespace {

namespace kw = analysis::keywords;
using config::PlatformId;

const kw::TextFolder& folder() {
  static const kw::TextFolder f;
  return f;
}

kw::KeywordMatcher matcher(const std::string& expression) {
  auto parsed = kw::parse_expression(expression);
  REQUIRE(parsed.ok());
  return kw::KeywordMatcher(std::move(*parsed.expression), folder());
}

// A Weibo post that passes check_mention, by an author with unknown followers.
parsers::ParsedItem post(const std::string& native_id, const std::string& text,
                         const std::string& author_id = "u1") {
  parsers::ParsedItem item;
  model::Mention& m = item.mention;
  m.platform = PlatformId::kWeibo;
  m.kind = model::Kind::kPost;
  m.native_id = native_id;
  m.url = "https://m.weibo.cn/detail/" + native_id;
  m.text = text;
  m.lang = "zh-Hans";
  m.created_at = model::Timestamp{std::chrono::milliseconds{1'795'309'200'000}};
  m.created_at_precision = model::Precision::kSecond;
  m.fetched_at = model::Timestamp{std::chrono::milliseconds{1'795'312'800'000}};
  m.author.id = author_id;
  m.author.name = "name " + author_id;
  m.metrics.likes = 10;
  m.metrics.comments = 2;
  m.source.page_type = "weibo.search_api";
  return item;
}

}  // namespace

TEST_CASE("Enricher keeps the items the expression matches, with their terms",
          "[scheduler][enricher]") {
  const config::Config config;
  const Enricher enricher(config, folder());
  const kw::KeywordMatcher m = matcher("华为 (信号 OR 网络) NOT 广告");
  std::vector<parsers::ParsedItem> items{
      post("1", "华为手机信号太差了"),
      post("2", "小米的信号也一般"),          // no 华为
      post("3", "华为网络和信号都不错"),
      post("4", "华为信号增强器 广告"),       // excluded by NOT
  };
  const EnrichedPage page = enricher.enrich(items, {"huawei-signal", &m}, {});

  CHECK(page.unmatched == 2);
  CHECK(page.matched == std::vector<std::size_t>{0, 2});
  REQUIRE(page.records.size() == 2);
  REQUIRE(page.matched.size() == 2);
  CHECK(page.invalid.empty());
  CHECK(page.records[0].id == "weibo:post:1");
  CHECK(page.records[1].id == "weibo:post:3");
  REQUIRE(items[page.matched[0]].mention.query.has_value());
  CHECK(items[page.matched[0]].mention.query->id == "huawei-signal");
  CHECK(items[page.matched[0]].mention.query->matched == std::vector<std::string>{"华为", "信号"});
  REQUIRE(items[page.matched[1]].mention.query.has_value());
  CHECK(items[page.matched[1]].mention.query->matched == std::vector<std::string>{"华为", "信号", "网络"});
}

TEST_CASE("Enricher without a matcher passes every item with no terms", "[scheduler][enricher]") {
  const config::Config config;
  const Enricher enricher(config, folder());
  std::vector<parsers::ParsedItem> items{post("1", "今天天气不错"), post("2", "随便说说")};
  const EnrichedPage page = enricher.enrich(items, {"watch:brand", nullptr}, {});
  CHECK(page.unmatched == 0);
  CHECK(page.matched == std::vector<std::size_t>{0, 1});
  REQUIRE(page.matched.size() == 2);
  for (std::size_t i : page.matched) {
    const model::Mention& mention = items[i].mention;
    REQUIRE(mention.query.has_value());
    CHECK(mention.query->id == "watch:brand");
    CHECK(mention.query->matched.empty());
  }
}

TEST_CASE("Enricher fills influence from the author cache when the page has no followers",
          "[scheduler][enricher]") {
  const config::Config config;
  const Enricher enricher(config, folder());
  const analysis::InfluenceParams params = analysis::influence_params(config.influence);
  const analysis::CachedAuthor cached{250'000, true, model::VerifiedType::kPersonal};
  const AuthorFactsMap authors{{"weibo:cached", cached}};

  std::vector<parsers::ParsedItem> items{post("1", "一", "cached"), post("2", "二", "unknown")};
  parsers::ParsedItem on_page = post("3", "三", "cached");
  on_page.mention.author.followers = 12;  // the page's own count wins over the cache
  items.push_back(on_page);
  const std::vector<parsers::ParsedItem> originals = items;
  REQUIRE(author_key(items[0].mention) == "weibo:cached");

  const EnrichedPage page = enricher.enrich(items, {"q", nullptr}, authors);
  REQUIRE(page.matched.size() == 3);

  const model::Influence& from_cache = items[page.matched[0]].mention.influence;
  CHECK_FALSE(from_cache.partial);
  const model::Influence want =
      analysis::compute_influence_cached(originals[0].mention, params, cached);
  CHECK(from_cache.score == Approx(want.score));
  CHECK(from_cache.reach == want.reach);
  CHECK(from_cache.tier == want.tier);
  CHECK(from_cache.score > 0);

  const model::Influence& unknown = items[page.matched[1]].mention.influence;
  CHECK(unknown.partial);  // neither the page nor the cache knows the followers
  CHECK_FALSE(unknown.tier.has_value());

  const model::Influence& page_count = items[page.matched[2]].mention.influence;
  CHECK_FALSE(page_count.partial);
  const model::Influence page_only =
      analysis::compute_influence_cached(originals[2].mention, params, std::nullopt);
  CHECK(page_count.score == Approx(page_only.score));
  CHECK(page_count.score < from_cache.score);  // 12 followers, not the cache's 250,000
}

TEST_CASE("Enricher fills sentiment as the analyzer computes it", "[scheduler][enricher]") {
  const config::Config config;
  const Enricher enricher(config, folder());
  const analysis::sentiment::SentimentAnalyzer analyzer(
      folder(), analysis::sentiment::Lexicon::builtin(folder()));
  std::vector<parsers::ParsedItem> items{post("1", "信号太差了，非常失望"),
                                         post("2", "服务很好，非常满意")};
  const std::vector<parsers::ParsedItem> originals = items;
  const EnrichedPage page = enricher.enrich(items, {"q", nullptr}, {});
  REQUIRE(page.matched.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    REQUIRE(items[page.matched[i]].mention.sentiment.has_value());
    const model::Sentiment want = analyzer.analyze(originals[i].mention);
    CHECK(items[page.matched[i]].mention.sentiment->label == want.label);
    CHECK(items[page.matched[i]].mention.sentiment->score == Approx(want.score));
    CHECK(items[page.matched[i]].mention.sentiment->method == want.method);
    CHECK_FALSE(items[page.matched[i]].mention.sentiment->method.empty());
  }
  CHECK(items[page.matched[0]].mention.sentiment->score < items[page.matched[1]].mention.sentiment->score);
}

TEST_CASE("Enricher reports a record failing the schema check instead of emitting it",
          "[scheduler][enricher]") {
  const config::Config config;
  const Enricher enricher(config, folder());
  std::vector<parsers::ParsedItem> items{post("1", "好"), post("2", "坏"), post("3", "中")};
  items[1].mention.rating = 7.5;  // outside 0..5
  const EnrichedPage page = enricher.enrich(items, {"q", nullptr}, {});
  REQUIRE(page.invalid.size() == 1);
  CHECK(page.invalid[0].where == "weibo:post:2");
  CHECK_THAT(page.invalid[0].reason, Catch::Matchers::Contains("record not emitted"));
  CHECK_THAT(page.invalid[0].reason, Catch::Matchers::Contains("rating"));
  CHECK(page.matched == std::vector<std::size_t>{0, 2});
  REQUIRE(page.records.size() == 2);
  CHECK(page.records[0].id == "weibo:post:1");
  CHECK(page.records[1].id == "weibo:post:3");
  CHECK(page.matched.size() == 2);
}

TEST_CASE("Enricher records are one JSON line each, keyed by the record id",
          "[scheduler][enricher]") {
  const config::Config config;
  const Enricher enricher(config, folder());
  std::vector<parsers::ParsedItem> items{post("5012345678901234", "第一行\n第二行")};
  const EnrichedPage page = enricher.enrich(items, {"q", nullptr}, {});
  REQUIRE(page.records.size() == 1);
  const storage::OutRecord& record = page.records[0];
  CHECK(record.id == "weibo:post:5012345678901234");
  CHECK(record.id == items[page.matched[0]].mention.id());
  CHECK(record.json.find('\n') == std::string::npos);
  CHECK(record.json.front() == '{');
  CHECK(record.json.back() == '}');
  CHECK_THAT(record.json, Catch::Matchers::Contains(R"("id":"weibo:post:5012345678901234")"));
  CHECK_THAT(record.json, Catch::Matchers::Contains(R"("query":{"id":"q","matched":[]})"));
  CHECK(record.json == model::to_json(items[page.matched[0]].mention));
}

}  // namespace koubei::scheduler
