#pragma once
// Simulated Dianping: the www.dianping.com/shop/{id}/review_all[/p{n}] review pages in the shape
// koubei's dianping parser reads, with characters hidden behind empty <svgmtsi class="…">
// elements (the SVG-sprite generation: the class names a glyph). The class → character map of a
// world is served at /__sandbox/glyphs (what a real client would build from the sprite CSS).
// Quirks kept: asking for /p1 directly redirects to the verify page (Sniper's note), pages need a
// cookie with dper= (without one the page lacks the s3plus CSS link, Dianping's "cookie invalid").
//
// Thread safety: stateless over an immutable World.

#include <map>
#include <string>

#include "sandbox/http_types.hpp"
#include "sandbox/render_common.hpp"

namespace koubei::sandbox::dianping {

inline constexpr std::size_t kPageSize = 10;

/// GET /shop/{id}/review_all[/p{n}]: `page` 0 for the bare URL, else n.
Response reviews(const PageContext& ctx, std::string_view shop_id, int page, bool logged_in);

/// The glyph map of this world: svgmtsi class → the character it draws.
std::map<std::string, std::string> glyph_map(const World& world);

/// The verify page every Dianping block redirects to.
Response verify_redirect(std::string_view from);

}  // namespace koubei::sandbox::dianping
