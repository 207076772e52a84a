#include "parsers/model/timestamp.hpp"
#include "parsers/parse.hpp"
#include "parsers/weibo/parse.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace koubei::parsers;

namespace {

koubei::model::Timestamp fetched_at() {
  return *koubei::model::parse_rfc3339("2026-11-22T02:00:00Z");
}

ParseResult run(PageType type, std::string body, const std::string& url) {
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  const PageInput page{type, body, true, 200, url, {}, {}, fetched_at()};
  PageParser parser;
  return parser.parse(page);
}

std::string next_of(const ParseResult& r) {
  return r.next.end ? "end" : r.next.value;
}

std::string cards(const std::string& mblogs, const std::string& info = "{}") {
  return R"({"ok":1,"data":{"cardlistInfo":)" + info + R"(,"cards":[)" + mblogs + "]}}";
}

std::string post(const std::string& mid,
                 const std::string& extra = "",
                 const std::string& text = R"("t")") {
  return R"({"card_type":9,"mblog":{"mid":")" + mid + R"(","text":)" + text + extra + "}}";
}

std::string timeline(const std::string& container) {
  return "https://m.weibo.cn/api/container/getIndex?containerid=" + container;
}

constexpr const char* kHotflow = "https://m.weibo.cn/comments/hotflow?id=5&mid=5&max_id_type=0";

}  // namespace

TEST_CASE("weibo timeline cursors follow the container type", "[parsers][weibo]") {
  const std::string info = R"({"since_id":4983000000000001,"page":3})";
  const std::string body = cards(post("4983000000000002"), info);
  CHECK(next_of(run(PageType::kWeiboTimelineApi, body, timeline("1076031"))) == "4983000000000001");
  CHECK(next_of(run(PageType::kWeiboTimelineApi,
                    body,
                    timeline("2304131_-_WEIBO_SECOND_PROFILE_WEIBO&page=2"))) == "3");
  CHECK(next_of(run(PageType::kWeiboTimelineApi, body, "")) == "4983000000000001");
  SECTION("a 107603 timeline without since_id ends; others fall back to pages") {
    const std::string no_since = cards(post("4983000000000002"), R"({"since_id":0})");
    CHECK(next_of(run(PageType::kWeiboTimelineApi, no_since, timeline("1076031"))) == "end");
    CHECK(next_of(run(PageType::kWeiboTimelineApi, no_since, "")) == "2");
  }
  SECTION("a page without posts has no cursor") {
    const auto r = run(PageType::kWeiboTimelineApi, cards("", info), timeline("1076031"));
    CHECK(r.verdict == Verdict::kEmpty);
    CHECK(next_of(r) == "end");
  }
}

TEST_CASE("weibo search pages with only unreadable posts are a layout change", "[parsers][weibo]") {
  const auto r = run(PageType::kWeiboSearchApi,
                     cards(R"({"card_type":9,"mblog":{"text":"x"}},
      {"card_type":9})"),
                     "https://m.weibo.cn/api/container/getIndex?page=1");
  CHECK(r.verdict == Verdict::kUnrecognized);
  CHECK(r.skipped == 2);
  CHECK(next_of(r) == "end");
}

TEST_CASE("weibo pages fail whole: no originals are kept from unreadable reposts",
          "[parsers][weibo]") {
  const auto r = run(PageType::kWeiboSearchApi,
                     cards(R"({"card_type":9,"mblog":{"text":"x","retweeted_status":{"mid":"7",)"
                           R"("text":"o","user":{"id":1}}}})"),
                     "");
  CHECK(r.verdict == Verdict::kUnrecognized);
  CHECK(r.items.empty());
  CHECK(r.authors.empty());
}

TEST_CASE("weibo detail error pages are told apart from unknown pages", "[parsers][weibo]") {
  const auto verdict = [](const std::string& page) {
    return run(PageType::kWeiboDetailHtml, page, "https://m.weibo.cn/detail/1").verdict;
  };
  CHECK(verdict("<title>出错了</title><p>未知错误</p>") == Verdict::kLoginRequired);
  CHECK(verdict("<title>出错了</title><p>微博不存在或暂无查看权限!</p>") == Verdict::kNotFound);
  CHECK(verdict("<title>出错了</title><p>该微博已被删除</p>") == Verdict::kNotFound);
  CHECK(verdict("<div id=app></div><script>var m='页面不存在'</script>") == Verdict::kUnrecognized);
  CHECK(verdict("<title>Sina Visitor System</title>") == Verdict::kLoginRequired);
}

TEST_CASE("weibo counts are capped by a floor display, not by the display rule alone",
          "[parsers][weibo]") {
  const std::string rule =
      R"(,"number_display_strategy":{"display_text_min_number":1000000,"display_text":"100万+"})";
  const auto capped_of = [&](const std::string& counts) {
    const auto r = run(PageType::kWeiboSearchApi, cards(post("1", counts + rule)), "");
    REQUIRE(r.items.size() == 1);
    return r.items[0].mention.metrics_capped;
  };
  CHECK_FALSE(capped_of(R"(,"reposts_count":240492,"attitudes_count":999999)"));
  CHECK(capped_of(R"(,"reposts_count":1000000)"));
  CHECK(capped_of(R"(,"comments_count":"100万+")"));
  const auto r =
      run(PageType::kWeiboSearchApi, cards(post("1", R"(,"reposts_count":1000000)")), "");
  CHECK_FALSE(r.items[0].mention.metrics_capped);  // no display rule: a plain number
}

TEST_CASE("weibo drops the full-text link label of truncated texts only", "[parsers][weibo]") {
  const std::string link = R"("看全文...<a href=\"/status/1\">全文</a>")";
  const auto truncated =
      run(PageType::kWeiboSearchApi, cards(post("1", R"(,"isLongText":true)", link)), "");
  REQUIRE(truncated.items.size() == 1);
  CHECK(truncated.items[0].mention.text == "看全文...");
  CHECK(truncated.items[0].truncated);
  const auto whole = run(PageType::kWeiboSearchApi, cards(post("1", "", R"("读全文")")), "");
  CHECK(whole.items[0].mention.text == "读全文");
  CHECK_FALSE(whole.items[0].truncated);
}

TEST_CASE("weibo detail pages are never marked truncated, their reposted original may be",
          "[parsers][weibo]") {
  const std::string page =
      R"(<script>var $render_data = [{"status":{"mid":"2","text":"全文在此","isLongText":true,)"
      R"("retweeted_status":{"mid":"3","text":"原文...","isLongText":true}}}][0] || {};</script>)";
  const auto r = run(PageType::kWeiboDetailHtml, page, "https://m.weibo.cn/detail/2");
  CHECK(r.verdict == Verdict::kOk);
  REQUIRE(r.items.size() == 2);
  CHECK_FALSE(r.items[0].truncated);
  CHECK(r.items[0].mention.text == "全文在此");
  CHECK(r.items[1].truncated);
  CHECK(next_of(r) == "end");
}

TEST_CASE("weibo detail pages without a usable status are unrecognized", "[parsers][weibo]") {
  for (const std::string& page : {
           std::string("<script>var $render_data = [{}][0] || {};</script>"),
           std::string(R"(<script>var $render_data = [{"status":{"text":"x"}}][0]</script>)"),
           std::string(R"(<script>var $render_data = [{"status":{'bad'}}][0]</script>)"),
           std::string(R"(<script>var $render_data = {"status":{"mid":"1"}}</script>)"),
       }) {
    INFO(page);
    const auto r = run(PageType::kWeiboDetailHtml, page, "https://m.weibo.cn/detail/1");
    CHECK(r.verdict == Verdict::kUnrecognized);
    CHECK(r.items.empty());
  }
}

TEST_CASE("weibo comments count the replies the page did not show", "[parsers][weibo]") {
  const std::string body = R"({"ok":1,"data":{"max_id":0,"data":[
      {"id":11,"text":"a","total_number":5,"comments":[{"id":12,"text":"b"},{"id":13,"text":"c"}]},
      {"id":21,"text":"d","total_number":1,"comments":[{"id":22,"text":"e"}]},
      {"id":31,"text":"f","total_number":"3","comments":false}]}})";
  const auto r = run(PageType::kWeiboCommentsApi, body, kHotflow);
  REQUIRE(r.items.size() == 6);
  CHECK(r.items[0].more_replies == 3);
  CHECK(r.items[1].more_replies == 0);  // a reply: its own replies are not listed
  CHECK(r.items[3].more_replies == 0);
  CHECK(r.items[5].more_replies == 3);
  CHECK(r.items[1].mention.parent_id == "weibo:comment:11");
  CHECK(r.items[1].mention.root_id == "weibo:post:5");
  CHECK(r.items[1].mention.url == "https://m.weibo.cn/detail/5?cid=12");
  CHECK(r.verdict == Verdict::kOk);
  CHECK(next_of(r) == "end");
}

TEST_CASE("weibo comment cursors carry max_id and its type", "[parsers][weibo]") {
  const auto cursor = [](const std::string& tail) {
    return next_of(run(PageType::kWeiboCommentsApi,
                       R"({"ok":1,"data":{"data":[{"id":1,"text":"x"}])" + tail + "}}",
                       kHotflow));
  };
  CHECK(cursor(R"(,"max_id":139293518785380,"max_id_type":0)") == "139293518785380:0");
  CHECK(cursor(R"(,"max_id":"139293518785380","max_id_type":1)") == "139293518785380:1");
  CHECK(cursor(R"(,"max_id":139293518785380)") == "139293518785380:0");
  CHECK(cursor(R"(,"max_id":0,"max_id_type":1)") == "end");
  CHECK(cursor("") == "end");
  CHECK(cursor(R"(,"max_id":"1;drop")") == "end");
  SECTION("an empty page that still has a cursor continues") {
    const auto r = run(PageType::kWeiboCommentsApi,
                       R"({"ok":1,"data":{"data":[],"max_id":77,"max_id_type":1}})",
                       kHotflow);
    CHECK(r.verdict == Verdict::kOk);
    CHECK(next_of(r) == "77:1");
  }
}

TEST_CASE("weibo comments take the post mid from mid, else id, in the request URL",
          "[parsers][weibo]") {
  const std::string body = R"({"ok":1,"data":{"data":[{"id":1,"text":"x"}],"max_id":0}})";
  CHECK(run(PageType::kWeiboCommentsApi, body, "https://m.weibo.cn/comments/hotflow?id=42")
            .items.at(0)
            .mention.root_id == "weibo:post:42");
  CHECK(run(PageType::kWeiboCommentsApi, body, "https://m.weibo.cn/comments/hotflow?id=4&mid=7")
            .items.at(0)
            .mention.root_id == "weibo:post:7");
  const auto none = run(PageType::kWeiboCommentsApi, body, "https://m.weibo.cn/comments/hotflow");
  CHECK(none.verdict == Verdict::kUnrecognized);
  CHECK(none.detail.find("no post mid") != std::string::npos);
}

TEST_CASE("weibo search result labels without numbers mean zero", "[parsers][weibo]") {
  const std::string page = R"(<div id="pl_feedlist_index"><div class="card-wrap" mid="9">
      <p class="txt" node-type="feed_list_content">hi</p><div class="card-act">
      <a action-type="feed_list_forward"> 转发 </a><a action-type="feed_list_comment">评论</a>
      <a action-type="feed_list_like"><button><span></span><span>赞</span></button></a>
      </div></div></div>)";
  const auto r = run(PageType::kWeiboSearchHtml, page, "https://s.weibo.com/weibo?q=x");
  REQUIRE(r.items.size() == 1);
  const auto& m = r.items[0].mention.metrics;
  CHECK(m.shares == 0);
  CHECK(m.comments == 0);
  CHECK(m.likes == 0);
  CHECK(m.collects == std::nullopt);
  CHECK_FALSE(r.items[0].mention.author.verified.has_value());  // no avatar block at all
  CHECK(next_of(r) == "end");
}

TEST_CASE("weibo rejects page types of other platforms", "[parsers][weibo]") {
  const PageInput page{PageType::kDouyinSearchApi, "{}", false, 200, {}, {}, {}, fetched_at()};
  json::JsonParser json_parser;
  const ParseLimits limits;
  const Context ctx{page, limits, json_parser};
  CHECK(weibo::parse(ctx).verdict == Verdict::kUnrecognized);
}
