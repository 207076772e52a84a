#pragma once
// One s.weibo.com result card (div.card-wrap[mid]) → a post record.
//
//   <div class="card-wrap" action-type="feed_list_item" mid="5012345678901234">
//    <div class="card"><div class="card-feed">
//     <div class="avator"><a href="//weibo.com/1234567890?refer_flag=…"><img src="…"/>
//       <svg class="woo-svg" id="woo_svg_vblue">…</svg></a></div>   // badge, optional
//     <div class="content">
//      <div class="info"><div>…</div><div>
//        <a href="//weibo.com/1234567890?refer_flag=…" class="name"
//           nick-name="华为终端">华为终端</a></div></div>
//      <p class="txt" node-type="feed_list_content" nick-name="…">\u200b\u200btext…
//        <a href="javascript:void(0);" action-type="fl_unfold">展开<i>c</i></a></p>
//      <p class="txt" node-type="feed_list_content_full" style="display: none">
//        \u200bfull text… <a href="javascript:void(0);" action-type="fl_fold">收起<i>d</i></a>
//      </p>                                                            // optional
//      <div class="media media-piclist"><ul>
//        <li><img src="//wx1.sinaimg.cn/orj360/….jpg"></li></ul></div>
//      <div class="card-comment">…the reposted original: ignored…</div>
//      <div class="from">
//        <a href="//weibo.com/1234567890/NxAbCdEfG?refer_flag=…">11月20日 08:00</a>
//        来自 <a href="…" rel="nofollow">iPhone客户端</a></div>
//     </div></div>
//    <div class="card-act"><ul>
//      <li><a href="javascript:void(0);" action-type="feed_list_forward">… 转发</a></li>
//      <li><a href="javascript:void(0);" action-type="feed_list_comment">… 12</a></li>
//      <li><a href="javascript:void(0);" action-type="feed_list_like"><button>
//          <span class="woo-like-iconWrap">…</span>
//          <span class="woo-like-count">1.2万</span></button></a></li></ul></div>
//    </div>
//   </div>
//
// Mapping: native_id = the mid attribute (digits; else skipped); url
// https://m.weibo.cn/detail/{mid}; text = the full text when present, else the shown text, up
// to the fold/unfold link (a "收起全文"/"展开全文" label is also dropped if it survives),
// zero-width spaces removed; a shown text with an unfold link or a "展开全文" label and no full
// text is truncated; tags = extract_topics; created_at from the first a of div.from (刚刚,
// N秒前, N分钟前, N小时前, 今天 HH:MM, MM月DD日 HH:MM, YYYY年MM月DD日 HH:MM);
// shares/comments/likes from the card-act links, a bare label ("转发", "评论", "赞") meaning 0
// (platforms.md §2.1C), collects and views null; media: the pictures of div.media-piclist,
// made https (videos are not read from this page); author: id = the digits ending the a.name
// href (else unknown), name = nick-name (else the link text), url https://m.weibo.cn/u/{uid},
// followers unknown, verification from the avatar badge (weibo_badge_type): no badge in the
// avatar means not verified (kNone), an unknown woo_svg_ badge means unknown. ip_location is
// not on this page (null). Everything inside div.card-comment (the reposted original, its
// text, pictures and footer) is ignored.

#include "parsers/context.hpp"
#include "parsers/html/document.hpp"
#include "parsers/weibo/page_builder.hpp"

#include <gumbo.h>

#include <string>

namespace koubei::parsers::weibo {

/// Adds the post of one div.card-wrap[mid]. Returns false when it was skipped.
bool add_search_card(const Context& ctx,
                     PageBuilder& page,
                     const html::Document& doc,
                     const GumboNode* card,
                     const std::string& where);

}  // namespace koubei::parsers::weibo
