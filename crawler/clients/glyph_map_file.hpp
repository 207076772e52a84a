#pragma once
// The Dianping glyph map file (`[platforms.dianping] glyph_map`): which character each obfuscated
// `<svgmtsi class="…">` (or private-use code point "U+E1F2") stands for, as one JSON object
//
//   {"ehrrn5": "0", "kqfa1t": "好", "U+E1F2": "味", …}
//
// the shape `koubei sandbox` serves at /__sandbox/glyphs. A user builds it once per sprite or font
// generation (Sniper970119/dianping_spider get_font_map.py does the same) and koubei hands it to
// parsers::PageParser. Read at start-up; thread safety: none needed (a function).

#include "config/error.hpp"
#include "parsers/context.hpp"

#include <cstdint>
#include <string>

namespace koubei::clients {

/// A glyph map is a few thousand entries at most; a larger file is a mistake, not a map.
inline constexpr std::uintmax_t kMaxGlyphMapBytes = 16U << 20;

/// The map in `path`. Errors name the file and the problem: unreadable (errno), larger than
/// kMaxGlyphMapBytes, not JSON, not an object, an empty key, or a value that is not a non-empty
/// string (naming the key).
Result<parsers::GlyphMap> load_glyph_map(const std::string& path);

}  // namespace koubei::clients
