#pragma once
// Dianping's obfuscated characters, resolved inside an HTML fragment before it becomes text.
//
// Review pages hide characters behind two generations of markup (platforms.md §2.4):
//
//   SVG sprite  <svgmtsi class="htx3k"></svgmtsi>            an empty element: the class names a
//                                                            cell of an SVG sprite (CSS on s3plus)
//   woff font   <svgmtsi class="review">&#xe1f2;</svgmtsi>   a private-use code point drawn by a
//               <d class="num">&#xe8f3;</d>                  per-page font (<d>: digits)
//
// decode_glyphs() rewrites every <svgmtsi> and <d> element into what the GlyphMap says it stands
// for: an empty element by its class name, each private-use code point (U+E000..U+F8FF) inside one
// by "U+E1F2" (upper-case hex, at least four digits). Other characters inside such an element are
// kept. What the map does not cover becomes U+FFFD and is counted in `unknown`: the caller keeps
// the review (a mention is never dropped for an unreadable character). The replacement is written
// HTML-escaped, so the result is still a fragment for normalize::html_to_text, which does the rest.
//
// The older generation, empty <span class="abc12"></span>, is not handled: without the sprite CSS
// it cannot be told from a decorative empty span (platforms.md: superseded by <svgmtsi>).
//
// Pure; linear in the fragment; never reads outside it. Thread safety: stateless.

#include "parsers/context.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace koubei::parsers::dianping {

/// The fragment with its obfuscated elements replaced, or std::nullopt when it has none (then the
/// fragment is already fine as it is). `glyphs` may be null: every obfuscated character is then
/// unknown.
std::optional<std::string> decode_glyphs(std::string_view fragment,
                                         const GlyphMap* glyphs,
                                         std::uint32_t& unknown);

/// The visible text of a fragment (normalize::html_to_text) after decode_glyphs.
std::string glyph_text(std::string_view fragment, const GlyphMap* glyphs, std::uint32_t& unknown);

/// "U+E1F2": the GlyphMap key of a private-use code point.
std::string glyph_key(char32_t cp);

}  // namespace koubei::parsers::dianping
