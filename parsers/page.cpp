#include "parsers/page.hpp"

namespace koubei::parsers {

std::string_view to_string(PageType t) {
  switch (t) {
    case PageType::kWeiboSearchApi: return "weibo.search_api";
    case PageType::kWeiboTimelineApi: return "weibo.timeline_api";
    case PageType::kWeiboCommentsApi: return "weibo.comments_api";
    case PageType::kWeiboSearchHtml: return "weibo.search_html";
    case PageType::kWeiboDetailHtml: return "weibo.detail_html";
    case PageType::kXiaohongshuSearchApi: return "xiaohongshu.search_api";
    case PageType::kXiaohongshuFeedApi: return "xiaohongshu.feed_api";
    case PageType::kXiaohongshuNoteHtml: return "xiaohongshu.note_html";
    case PageType::kXiaohongshuCommentsApi: return "xiaohongshu.comments_api";
    case PageType::kXiaohongshuUserApi: return "xiaohongshu.user_api";
    case PageType::kDouyinSearchApi: return "douyin.search_api";
    case PageType::kDouyinDetailApi: return "douyin.detail_api";
    case PageType::kDouyinCommentsApi: return "douyin.comments_api";
    case PageType::kDouyinVideoHtml: return "douyin.video_html";
    case PageType::kDouyinUserApi: return "douyin.user_api";
    case PageType::kDianpingReviewsHtml: return "dianping.reviews_html";
  }
  return "weibo.search_api";
}

std::optional<PageType> page_type_from_string(std::string_view name) {
  for (PageType t : kAllPageTypes) {
    if (to_string(t) == name) return t;
  }
  return std::nullopt;
}

model::Platform platform_of(PageType t) {
  const std::string_view name = to_string(t);
  return *model::platform_from_string(name.substr(0, name.find('.')));
}

std::optional<std::string_view> header(const PageInput& page, std::string_view name) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  for (const Header& h : page.headers) {
    if (h.name.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) same = lower(h.name[i]) == lower(name[i]);
    if (same) return h.value;
  }
  return std::nullopt;
}

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::kOk: return "ok";
    case Verdict::kEmpty: return "empty";
    case Verdict::kRateLimited: return "rate_limited";
    case Verdict::kLoginRequired: return "login_required";
    case Verdict::kCaptcha: return "captcha";
    case Verdict::kNotFound: return "not_found";
    case Verdict::kSignatureRejected: return "signature_rejected";
    case Verdict::kUnrecognized: return "unrecognized";
  }
  return "unrecognized";
}

}  // namespace koubei::parsers
