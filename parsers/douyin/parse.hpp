#pragma once
// Douyin page types: the entry point that dispatches on ctx.page.type.
//
//   douyin.search_api    search_api.hpp   /aweme/v1/web/general/search/single/, /search/item/
//   douyin.detail_api    detail_api.hpp   /aweme/v1/web/aweme/detail/
//   douyin.comments_api  comments_api.hpp /aweme/v1/web/comment/list/[reply/]
//   douyin.video_html    video_html.hpp   /video/{id} (RENDER_DATA)
//   douyin.user_api      user_api.hpp     /aweme/v1/web/user/profile/other/
// Shared: envelope.hpp (anti-bot signals and status codes), aweme.hpp + keys.hpp (the one aweme
// mapper for both spellings), author.hpp, fields.hpp.

#include "parsers/context.hpp"

namespace koubei::parsers::douyin {

/// REQUIRES: platform_of(ctx.page.type) is douyin.
ParseResult parse(const Context& ctx);

}  // namespace koubei::parsers::douyin
