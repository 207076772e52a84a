#pragma once
// An m.weibo.cn `mblog` → a post record. Shared by weibo.search_api and weibo.timeline_api
// (cards) and weibo.detail_html ($render_data status).
//
//   {"created_at": "Sat Dec 23 17:12:54 +0800 2023",   // or old "06-14", "刚刚"
//    "id": "4983512345678901", "idstr": "…", "mid": "4983512345678901",
//    "bid": "NxAbCdEfG",
//    "text": "<a href=\"/n/华为终端\">@华为终端</a> 信号<span class=\"url-icon\">
//             <img alt=[doge] src=\"…\"></span><br /><a …><span class=\"surl-text\">
//             #华为Mate70#</span></a>",
//    "isLongText": true,               // text ends "...<a href=\"/status/…\">全文</a>"
//    "region_name": "发布于 北京", "source": "iPhone客户端",
//    "mblogtype": 2,                   // 2 = pinned
//    "reposts_count": 1000000, "comments_count": "1.2万", "attitudes_count": 8848,
//    "number_display_strategy": {"display_text_min_number": 1000000,
//                                "display_text": "100万+"},
//    "pics": [{"url": "https://wx3.sinaimg.cn/orj360/….jpg",
//              "large": {"url": "https://…/large/….jpg"}}],
//    "page_info": {"type": "video",
//                  "media_info": {"stream_url_hd": "…", "stream_url": "…"}},
//    "user": {…},                      // see user.hpp
//    "retweeted_status": {…an mblog…}} // or {…, "deleted": "1", "user": null}
//
// Mapping: native_id = mid (else id, else idstr; digits only, else the item is skipped);
// url https://m.weibo.cn/detail/{mid}; text = html_to_text(text) (emoji images become their
// alt, "[doge]"); on a truncated text (isLongText) the trailing "全文" link label is dropped
// and the item is marked truncated so the scheduler fetches the detail page; tags =
// extract_topics(text); created_at via parse_time against fetched_at; likes =
// attitudes_count, comments = comments_count, shares = reposts_count, collects and views
// null; ip_location from region_name.
// metrics_capped: a count shown as a floor ("100万+"), or a count at or above
// number_display_strategy.display_text_min_number when display_text ends in "+". The
// strategy object alone is NOT a cap: real responses carry it on posts with 240492 reposts
// (a saved getIndex response, gottaegbert/weiboAPI response.js), so it is the display rule,
// applied only where a count reaches it.
// A repost's retweeted_status is a post of its own and is emitted after the repost (its text
// may be truncated even on a detail page); a deleted original is noted, not emitted.
// Pinned posts (mblogtype 2) are kept like any other: they mention what they mention. They
// are old; nothing on the page (cursor, verdict) depends on them.

#include "parsers/context.hpp"
#include "parsers/weibo/page_builder.hpp"

#include <simdjson.h>

#include <string>

namespace koubei::parsers::weibo {

enum class TextMode {
  kAsShown,  ///< list pages: isLongText marks the text truncated
  kFull,     ///< the detail page: the text is complete whatever isLongText says
};

/// Adds the post `mblog` (and its retweeted_status) to the page. `where` names the mblog in
/// diagnostics ("data.cards[3].mblog"). Returns false when the mblog itself was skipped.
bool add_mblog(const Context& ctx,
               PageBuilder& page,
               simdjson::dom::element mblog,
               const std::string& where,
               TextMode mode);

}  // namespace koubei::parsers::weibo
