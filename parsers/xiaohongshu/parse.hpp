#pragma once
// xiaohongshu page types: the entry point that dispatches on ctx.page.type.

#include "parsers/context.hpp"

namespace koubei::parsers::xiaohongshu {

/// REQUIRES: platform_of(ctx.page.type) is xiaohongshu.
ParseResult parse(const Context& ctx);

}  // namespace koubei::parsers::xiaohongshu
