#include "tests/unit/sandbox/mini_crawler.hpp"

#include <stdexcept>

#include "sandbox/http_types.hpp"

namespace koubei::sandbox::test {
namespace {

using parsers::PageType;
using parsers::Verdict;

std::string json_string_field(const std::string& body, const std::string& key) {
  const std::string marker = "\"" + key + "\":\"";
  const std::size_t at = body.find(marker);
  if (at == std::string::npos) return {};
  const std::size_t start = at + marker.size();
  return body.substr(start, body.find('"', start) - start);
}

}  // namespace

MiniCrawler::MiniCrawler(RunningSandbox& sandbox, parsers::GlyphMap glyphs)
    : sandbox_(sandbox), client_(sandbox.port()), parser_(parsers::ParseLimits{}, std::move(glyphs)) {}

std::string MiniCrawler::sandbox_get(const std::string& target) { return client_.get(target).body; }

std::vector<std::pair<std::string, std::string>> MiniCrawler::xhs_headers(const std::string& uri,
                                                                        const std::string& body) {
  const std::string t = "1763776800000";
  const Fetched s = client_.post("/__sandbox/sign?platform=xiaohongshu&t=" + t + "&uri=" + url_encode(uri), body);
  return {{"x-s", json_string_field(s.body, "x-s")}, {"x-t", t}};
}

std::string MiniCrawler::douyin_target(const std::string& path, const std::string& query) {
  const Fetched s = client_.post("/__sandbox/sign?platform=douyin", query);
  return path + "?" + query + "&a_bogus=" + json_string_field(s.body, "a_bogus");
}

void MiniCrawler::take(Crawl& crawl, parsers::ParseResult& r) {
  ++crawl.pages;
  for (auto& i : r.items) crawl.items.push_back(std::move(i));
  for (auto& a : r.authors) crawl.authors.push_back(std::move(a));
}

MiniCrawler::Page MiniCrawler::fetch(PageType type, const std::string& method, const std::string& target,
                                     const std::string& body, const std::string& cookie_name,
                                     bool xhs_sign, Crawl& crawl) {
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    ++counter_;
    std::vector<std::pair<std::string, std::string>> headers = {
        {"X-Forwarded-For", "10.9." + std::to_string(counter_ / 250 % 250) + "." + std::to_string(counter_ % 250)},
        {"Cookie", "a1=sandbox; " + cookie_name + "=session" + std::to_string(counter_)}};
    if (xhs_sign) {
      const std::size_t q = target.find('?');
      const std::string uri = method == "GET" ? target : target.substr(0, q);
      for (auto& h : xhs_headers(uri, method == "GET" ? "" : body)) headers.push_back(std::move(h));
    }
    Page page;
    page.fetched = method == "GET" ? client_.get(target, headers) : client_.post(target, body, headers);
    if (page.fetched.reset) {
      ++crawl.retries;
      continue;
    }
    page.result = parse_page(parser_, type, page.fetched, sandbox_.now());
    if (parsers::is_success(page.result.verdict)) return page;
    ++crawl.retries;
  }
  throw std::runtime_error("no good page after retries: " + target);
}

Crawl MiniCrawler::weibo_search_api(const std::string& keyword) {
  Crawl crawl;
  for (std::string page = "1";;) {
    const std::string target = "/api/container/getIndex?containerid=" +
                               url_encode("100103type=1&q=" + keyword) + "&page_type=searchall&page=" + page;
    Page p = fetch(PageType::kWeiboSearchApi, "GET", target, "", "SUB", false, crawl);
    take(crawl, p.result);
    if (p.result.next.end) return crawl;
    page = p.result.next.value;
  }
}

Crawl MiniCrawler::weibo_search_html(const std::string& keyword, const std::string& timescope) {
  Crawl crawl;
  for (std::string page = "1";;) {
    const std::string target = "/weibo?q=" + url_encode(keyword) + "&timescope=" + url_encode(timescope) +
                               "&page=" + page;
    Page p = fetch(PageType::kWeiboSearchHtml, "GET", target, "", "SUB", false, crawl);
    take(crawl, p.result);
    if (p.result.next.end) return crawl;
    page = p.result.next.value;
  }
}

Crawl MiniCrawler::weibo_timeline(const std::string& uid, const std::string& container) {
  Crawl crawl;
  for (std::string cursor;;) {
    std::string target = "/api/container/getIndex?containerid=" + container + uid;
    if (!cursor.empty()) target += (container == "107603" ? "&since_id=" : "&page=") + cursor;
    Page p = fetch(PageType::kWeiboTimelineApi, "GET", target, "", "SUB", false, crawl);
    take(crawl, p.result);
    if (p.result.next.end) return crawl;
    cursor = p.result.next.value;
  }
}

Crawl MiniCrawler::weibo_comments(const std::string& mid) {
  Crawl crawl;
  for (std::string cursor;;) {
    std::string target = "/comments/hotflow?id=" + mid + "&mid=" + mid;
    if (cursor.empty()) {
      target += "&max_id_type=0";
    } else {
      const std::size_t colon = cursor.find(':');
      target += "&max_id=" + cursor.substr(0, colon) + "&max_id_type=" + cursor.substr(colon + 1);
    }
    Page p = fetch(PageType::kWeiboCommentsApi, "GET", target, "", "SUB", false, crawl);
    take(crawl, p.result);
    if (p.result.next.end) return crawl;
    cursor = p.result.next.value;
  }
}

Crawl MiniCrawler::weibo_detail(const std::string& mid) {
  Crawl crawl;
  Page p = fetch(PageType::kWeiboDetailHtml, "GET", "/detail/" + mid, "", "SUB", false, crawl);
  take(crawl, p.result);
  return crawl;
}

Crawl MiniCrawler::xhs_search(const std::string& keyword) {
  Crawl crawl;
  for (int page = 1;; ++page) {
    std::string body = R"({"keyword":)";
    body += "\"" + keyword + R"(","page":)" + std::to_string(page) +
            R"(,"page_size":20,"search_id":"2f0x","sort":"general","note_type":0})";
    Page p = fetch(PageType::kXiaohongshuSearchApi, "POST", "/api/sns/web/v1/search/notes", body,
                   "web_session", true, crawl);
    take(crawl, p.result);
    if (p.result.next.end) return crawl;
  }
}

Crawl MiniCrawler::xhs_feed(const std::string& note_id, const std::string& token) {
  Crawl crawl;
  const std::string body = R"({"source_note_id":")" + note_id +
                           R"(","image_formats":["jpg","webp","avif"],"extra":{"need_body_topic":1},"xsec_source":"pc_search","xsec_token":")" +
                           token + "\"}";
  Page p = fetch(PageType::kXiaohongshuFeedApi, "POST", "/api/sns/web/v1/feed", body, "web_session", true, crawl);
  take(crawl, p.result);
  return crawl;
}

Crawl MiniCrawler::xhs_note_html(const std::string& note_id, const std::string& token) {
  Crawl crawl;
  Page p = fetch(PageType::kXiaohongshuNoteHtml, "GET",
                 "/explore/" + note_id + "?xsec_token=" + url_encode(token) + "&xsec_source=pc_search", "",
                 "web_session", false, crawl);
  take(crawl, p.result);
  return crawl;
}

Crawl MiniCrawler::xhs_comments(const std::string& note_id, const std::string& token) {
  Crawl crawl;
  std::vector<std::string> roots;
  for (std::string cursor;;) {
    const std::string target = "/api/sns/web/v2/comment/page?note_id=" + note_id + "&cursor=" + cursor +
                               "&top_comment_id=&image_formats=jpg,webp,avif&xsec_token=" + url_encode(token);
    Page p = fetch(PageType::kXiaohongshuCommentsApi, "GET", target, "", "web_session", true, crawl);
    for (const auto& item : p.result.items) {
      if (item.more_replies > 0) roots.push_back(item.mention.native_id);
    }
    take(crawl, p.result);
    if (p.result.next.end) break;
    cursor = p.result.next.value;
  }
  for (const std::string& root : roots) {
    // The replies not shown inline: the sub page, after the inline ones (sub_comment_cursor).
    std::string cursor = root.substr(0, 23) + "1";
    for (;;) {
      const std::string target = "/api/sns/web/v2/comment/sub/page?note_id=" + note_id + "&root_comment_id=" + root +
                                 "&num=10&cursor=" + cursor + "&image_formats=jpg,webp,avif&top_comment_id=&xsec_token=" +
                                 url_encode(token);
      Page p = fetch(PageType::kXiaohongshuCommentsApi, "GET", target, "", "web_session", true, crawl);
      take(crawl, p.result);
      if (p.result.next.end) break;
      cursor = p.result.next.value;
    }
  }
  return crawl;
}

Crawl MiniCrawler::xhs_user(const std::string& user_id) {
  Crawl crawl;
  Page p = fetch(PageType::kXiaohongshuUserApi, "GET", "/api/sns/web/v1/user/otherinfo?target_user_id=" + user_id,
                 "", "web_session", true, crawl);
  take(crawl, p.result);
  return crawl;
}

Crawl MiniCrawler::douyin_search(const std::string& keyword) {
  Crawl crawl;
  for (std::string offset = "0";;) {
    const std::string query = "search_channel=aweme_general&enable_history=1&keyword=" + url_encode(keyword) +
                              "&search_source=tab_search&query_correct_type=1&is_filter_search=0&offset=" + offset +
                              "&count=15&need_filter_settings=1&list_type=multi";
    Page p = fetch(PageType::kDouyinSearchApi, "GET", douyin_target("/aweme/v1/web/general/search/single/", query),
                   "", "sessionid", false, crawl);
    take(crawl, p.result);
    if (p.result.next.end) return crawl;
    offset = p.result.next.value;
  }
}

Crawl MiniCrawler::douyin_detail(const std::string& aweme_id) {
  Crawl crawl;
  Page p = fetch(PageType::kDouyinDetailApi, "GET",
                 douyin_target("/aweme/v1/web/aweme/detail/", "device_platform=webapp&aid=6383&aweme_id=" + aweme_id),
                 "", "sessionid", false, crawl);
  take(crawl, p.result);
  return crawl;
}

Crawl MiniCrawler::douyin_comments(const std::string& aweme_id) {
  Crawl crawl;
  std::vector<std::string> roots;
  for (std::string cursor = "0";;) {
    Page p = fetch(PageType::kDouyinCommentsApi, "GET",
                   douyin_target("/aweme/v1/web/comment/list/",
                                 "aweme_id=" + aweme_id + "&cursor=" + cursor + "&count=20&item_type=0"),
                   "", "sessionid", false, crawl);
    for (const auto& item : p.result.items) {
      if (item.more_replies > 0) roots.push_back(item.mention.native_id);
    }
    take(crawl, p.result);
    if (p.result.next.end) break;
    cursor = p.result.next.value;
  }
  for (const std::string& root : roots) {
    for (std::string cursor = "0";;) {
      Page p = fetch(PageType::kDouyinCommentsApi, "GET",
                     douyin_target("/aweme/v1/web/comment/list/reply/",
                                   "item_id=" + aweme_id + "&comment_id=" + root + "&cursor=" + cursor +
                                       "&count=20&item_type=0"),
                     "", "sessionid", false, crawl);
      take(crawl, p.result);
      if (p.result.next.end) break;
      cursor = p.result.next.value;
    }
  }
  return crawl;
}

Crawl MiniCrawler::douyin_video_html(const std::string& aweme_id) {
  Crawl crawl;
  Page p = fetch(PageType::kDouyinVideoHtml, "GET", "/video/" + aweme_id, "", "sessionid", false, crawl);
  take(crawl, p.result);
  return crawl;
}

Crawl MiniCrawler::douyin_user(const std::string& sec_uid) {
  Crawl crawl;
  Page p = fetch(PageType::kDouyinUserApi, "GET",
                 douyin_target("/aweme/v1/web/user/profile/other/",
                               "sec_user_id=" + sec_uid + "&publish_video_strategy_type=2&personal_center_strategy=1"),
                 "", "sessionid", false, crawl);
  take(crawl, p.result);
  return crawl;
}

Crawl MiniCrawler::dianping_reviews(const std::string& shop_id) {
  Crawl crawl;
  for (std::string page;;) {
    const std::string target = "/shop/" + shop_id + "/review_all" + (page.empty() ? "" : "/p" + page);
    Page p = fetch(PageType::kDianpingReviewsHtml, "GET", target, "", "dper", false, crawl);
    if (p.result.unknown_glyphs != 0) throw std::runtime_error("unknown glyphs on " + target);
    take(crawl, p.result);
    if (p.result.next.end) return crawl;
    page = p.result.next.value;
  }
}

}  // namespace koubei::sandbox::test
