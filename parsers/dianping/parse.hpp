#pragma once
// dianping page types: the entry point that dispatches on ctx.page.type.

#include "parsers/context.hpp"

namespace koubei::parsers::dianping {

/// REQUIRES: platform_of(ctx.page.type) is dianping.
ParseResult parse(const Context& ctx);

}  // namespace koubei::parsers::dianping
