// Round trip: every page type the sandbox serves, in every shipped scenario, parses with koubei's
// parsers into exactly the items /__sandbox/truth lists for that query, user, shop or item.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "sandbox/civil_time.hpp"
#include "sandbox/http_types.hpp"
#include "tests/unit/sandbox/mini_crawler.hpp"

namespace koubei::sandbox::test {
namespace {

std::set<std::string> ids_of(const Crawl& c) {
  std::set<std::string> out;
  for (const auto& i : c.items) out.insert(i.mention.id());
  return out;
}

std::set<std::string> ids_of(const std::vector<TruthItem>& t, std::size_t cap = SIZE_MAX) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < std::min(cap, t.size()); ++i) out.insert(t[i].id);
  return out;
}

std::vector<TruthItem> truth(MiniCrawler& c, const std::string& query) {
  return read_truth(c.sandbox_get("/__sandbox/truth?" + query));
}

Millis created_ms(const parsers::ParsedItem& i) {
  return i.mention.created_at ? i.mention.created_at->time_since_epoch().count() : -1;
}

// Every created_at the page gives is the world's, to the precision the page shows.
void check_times(const Crawl& c, const std::vector<TruthItem>& truth, Millis tolerance) {
  for (const auto& item : c.items) {
    const auto it = std::find_if(truth.begin(), truth.end(),
                                 [&](const TruthItem& t) { return t.id == item.mention.id(); });
    if (it == truth.end() || !item.mention.created_at) continue;
    INFO(item.mention.id());
    CHECK(std::abs(created_ms(item) - it->created_ms) <= tolerance);
  }
}

std::string weibo_timescope(Millis since, Millis until) {
  const Civil a = china_time(since), b = china_time(until - kHour);
  char buf[80];
  std::snprintf(buf, sizeof buf, "custom:%04d-%02d-%02d-%d:%04d-%02d-%02d-%d", a.year, a.month, a.day,
                a.hour, b.year, b.month, b.day, b.hour);
  return buf;
}

std::string first_with_comments(MiniCrawler& c, const std::string& platform,
                                 const std::vector<TruthItem>& posts) {
  for (const auto& p : posts) {
    if (read_truth(c.sandbox_get("/__sandbox/truth?platform=" + platform + "&item=" + p.native_id)).size() >= 3) {
      return p.native_id;
    }
  }
  FAIL("no post with comments");
  return {};
}

std::map<std::string, std::string> glyphs_of(MiniCrawler& c) {
  std::map<std::string, std::string> out;
  const std::string body = c.sandbox_get("/__sandbox/glyphs");
  for (std::size_t at = 0; (at = body.find('"', at)) != std::string::npos;) {
    const std::size_t k_end = body.find('"', at + 1);
    const std::size_t v_start = body.find('"', k_end + 1);
    const std::size_t v_end = body.find('"', v_start + 1);
    out[body.substr(at + 1, k_end - at - 1)] = body.substr(v_start + 1, v_end - v_start - 1);
    at = v_end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("every page type of every scenario parses into exactly the truth", "[sandbox][.integration]") {
  const std::string scenario = GENERATE(as<std::string>{}, "demo", "steady", "crisis", "hostile");
  INFO("scenario " << scenario);
  RunningSandbox sandbox(scenario, 7);
  MiniCrawler probe(sandbox);
  parsers::GlyphMap glyphs;
  for (auto& [k, v] : glyphs_of(probe)) glyphs[k] = v;
  MiniCrawler c(sandbox, glyphs);
  const std::string keyword = sandbox.world().queries().front().keyword;
  const std::string kw = url_encode(keyword);
  const Millis now = sandbox.now();

  SECTION("weibo") {
    const auto all = truth(c, "platform=weibo&query=" + kw);
    REQUIRE(all.size() > 5);
    const Crawl api = c.weibo_search_api(keyword);
    CHECK(ids_of(api) == ids_of(all, 500));  // 50 pages of 10
    check_times(api, all, 0);

    const Millis since = (now / kHour - 3) * kHour, until = (now / kHour + 1) * kHour;
    const auto window = truth(c, "platform=weibo&query=" + kw + "&since=" + std::to_string(since) +
                                     "&until=" + std::to_string(until));
    const Crawl html = c.weibo_search_html(keyword, weibo_timescope(since, until));
    CHECK(ids_of(html) == ids_of(window));
    check_times(html, window, 60000);

    // The most active of the first authors, so the timeline spans pages.
    std::string uid;
    std::vector<TruthItem> own;
    for (std::size_t i = 0; i < 10; ++i) {
      auto t = truth(c, "platform=weibo&user=" + all[i].author_id);
      if (t.size() > own.size()) {
        own = std::move(t);
        uid = all[i].author_id;
      }
    }
    CHECK(ids_of(c.weibo_timeline(uid, "107603")) == ids_of(own));
    CHECK(ids_of(c.weibo_timeline(uid, "230413")) == ids_of(own));

    const std::string mid = first_with_comments(c, "weibo", all);
    const auto comments = truth(c, "platform=weibo&item=" + mid);
    const Crawl hot = c.weibo_comments(mid);
    CHECK(ids_of(hot) == ids_of(comments));
    check_times(hot, comments, 0);

    for (std::size_t i = 0; i < 3; ++i) {
      const Crawl d = c.weibo_detail(all[i].native_id);
      REQUIRE(d.items.size() == 1);
      CHECK(d.items[0].mention.id() == all[i].id);
      CHECK_FALSE(d.items[0].truncated);
      CHECK(d.items[0].mention.text.find("全文") == std::string::npos);
    }
  }

  SECTION("xiaohongshu") {
    const auto all = truth(c, "platform=xiaohongshu&query=" + kw);
    REQUIRE(all.size() > 5);
    const Crawl search = c.xhs_search(keyword);
    CHECK(ids_of(search) == ids_of(all, 220));  // 11 pages of 20
    REQUIRE(search.items.size() >= 3);
    for (std::size_t i = 0; i < 3; ++i) {
      const auto& card = search.items[i];
      const Crawl feed = c.xhs_feed(card.mention.native_id, card.xsec_token);
      REQUIRE(feed.items.size() == 1);
      CHECK(feed.items[0].mention.id() == card.mention.id());
      check_times(feed, all, 0);
      const Crawl html = c.xhs_note_html(card.mention.native_id, card.xsec_token);
      REQUIRE(html.items.size() == 1);
      CHECK(html.items[0].mention.id() == card.mention.id());
      check_times(html, all, 0);
    }
    const std::string note = first_with_comments(c, "xiaohongshu", all);
    const auto comments = truth(c, "platform=xiaohongshu&item=" + note);
    std::string token;
    for (const auto& i : search.items) {
      if (i.mention.native_id == note) token = i.xsec_token;
    }
    const Crawl cm = c.xhs_comments(note, token);
    CHECK(ids_of(cm) == ids_of(comments));
    check_times(cm, comments, 0);

    const Crawl user = c.xhs_user(all.front().author_id);
    REQUIRE(user.authors.size() == 1);
    REQUIRE(user.authors[0].followers);
    const double real = static_cast<double>(all.front().author_followers);
    CHECK(static_cast<double>(*user.authors[0].followers) <= real);
    CHECK(static_cast<double>(*user.authors[0].followers) >= real * 0.9);  // "1.2万" is rounded down
  }

  SECTION("douyin") {
    const auto all = truth(c, "platform=douyin&query=" + kw);
    REQUIRE(all.size() > 5);
    const Crawl search = c.douyin_search(keyword);
    CHECK(ids_of(search) == ids_of(all, 200));
    check_times(search, all, 999);  // Douyin shows seconds
    for (std::size_t i = 0; i < 3; ++i) {
      const Crawl d = c.douyin_detail(all[i].native_id);
      REQUIRE(d.items.size() == 1);
      CHECK(d.items[0].mention.id() == all[i].id);
      const Crawl v = c.douyin_video_html(all[i].native_id);
      REQUIRE(v.items.size() == 1);
      CHECK(v.items[0].mention.id() == all[i].id);
    }
    const std::string aweme = first_with_comments(c, "douyin", all);
    const auto comments = truth(c, "platform=douyin&item=" + aweme);
    const Crawl cm = c.douyin_comments(aweme);
    CHECK(ids_of(cm) == ids_of(comments));
    check_times(cm, comments, 999);

    const Crawl user = c.douyin_user(all.front().author_id);
    REQUIRE(user.authors.size() == 1);
    CHECK(user.authors[0].followers == all.front().author_followers);
  }

  SECTION("dianping") {
    const std::string shop = sandbox.world().scenario().shops.front().id;
    const auto all = truth(c, "platform=dianping&query=" + shop);
    REQUIRE(all.size() > 5);
    const Crawl reviews = c.dianping_reviews(shop);
    CHECK(ids_of(reviews) == ids_of(all));
    check_times(reviews, all, 60000);
  }
}

}  // namespace koubei::sandbox::test
