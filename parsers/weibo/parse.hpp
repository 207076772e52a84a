#pragma once
// weibo page types: the entry point that dispatches on ctx.page.type.

#include "parsers/context.hpp"

namespace koubei::parsers::weibo {

/// REQUIRES: platform_of(ctx.page.type) is weibo.
ParseResult parse(const Context& ctx);

}  // namespace koubei::parsers::weibo
