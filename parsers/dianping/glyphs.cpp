#include "parsers/dianping/glyphs.hpp"

#include "parsers/dianping/chars.hpp"
#include "parsers/normalize/html_text.hpp"
#include "parsers/normalize/spaces.hpp"
#include "parsers/normalize/utf8.hpp"

#include <array>

namespace koubei::parsers::dianping {
namespace {

constexpr std::array<std::string_view, 2> kGlyphTags = {"svgmtsi", "d"};

bool is_private_use(char32_t cp) {
  return (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0x10FFFD);
}

/// The obfuscation tag ("svgmtsi" or "d", any case) whose name starts at s[pos], or "".
std::string_view glyph_tag_at(std::string_view s, std::size_t pos) {
  std::size_t end = pos;
  while (end < s.size() && is_ascii_alnum(s[end]))
    ++end;
  if (end >= s.size()) return {};
  if (s[end] != '>' && s[end] != '/' && !normalize::is_ascii_space(s[end])) return {};
  const std::string_view name = s.substr(pos, end - pos);
  for (const std::string_view tag : kGlyphTags) {
    if (iequals(name, tag)) return tag;
  }
  return {};
}

/// The value of the class attribute inside an open tag's text (after its name), or "".
std::string_view class_value(std::string_view tag) {
  for (auto p = tag.find("class"); p != std::string_view::npos; p = tag.find("class", p + 5)) {
    if (p == 0 || !normalize::is_ascii_space(tag[p - 1])) continue;
    std::size_t i = p + 5;
    while (i < tag.size() && normalize::is_ascii_space(tag[i]))
      ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && normalize::is_ascii_space(tag[i]))
      ++i;
    if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
      const auto close = tag.find(tag[i], i + 1);
      return tag.substr(i + 1,
                        close == std::string_view::npos ? std::string_view::npos : close - i - 1);
    }
    std::size_t end = i;
    while (end < tag.size() && !normalize::is_ascii_space(tag[end]) && tag[end] != '/')
      ++end;
    return tag.substr(i, end - i);
  }
  return {};
}

/// Finds end tags of the glyph elements. Remembers where a tag was found to have no end tag at
/// all, so a fragment of many unclosed elements is still scanned once (linear, not quadratic).
class CloseTags {
 public:
  explicit CloseTags(std::string_view s) : s_(s) {}

  /// Where "</tag" (any case, then '>' or a space) starts at or after `from`, or npos.
  std::size_t find(std::size_t from, std::string_view tag) {
    std::size_t& unclosed = unclosed_from_[tag == kGlyphTags[0] ? 0 : 1];
    if (from >= unclosed) return std::string_view::npos;
    for (auto p = s_.find("</", from); p != std::string_view::npos; p = s_.find("</", p + 2)) {
      if (glyph_tag_at(s_, p + 2) == tag) return p;
    }
    unclosed = from;
    return std::string_view::npos;
  }

 private:
  std::string_view s_;
  std::array<std::size_t, kGlyphTags.size()> unclosed_from_ = {std::string_view::npos,
                                                               std::string_view::npos};
};

void append_escaped(std::string& out, std::string_view value) {
  for (const char c : value) {
    if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out.push_back(c);
    }
  }
}

/// Appends what one lookup resolves to, or U+FFFD (counted).
void append_lookup(std::string& out,
                   const GlyphMap* glyphs,
                   std::string_view key,
                   std::uint32_t& unknown) {
  if (glyphs != nullptr && !key.empty()) {
    if (const auto it = glyphs->find(key); it != glyphs->end()) {
      append_escaped(out, it->second);
      return;
    }
  }
  ++unknown;
  normalize::append_utf8(out, normalize::kReplacementChar);
}

/// Appends the replacement for one obfuscated element with this class and inner source.
void append_element(std::string& out,
                    std::string_view cls,
                    std::string_view inner,
                    const GlyphMap* glyphs,
                    std::uint32_t& unknown) {
  const std::string chars = normalize::html_to_text(inner);
  if (chars.empty()) {  // SVG sprite generation: the class is the character
    append_lookup(out, glyphs, normalize::trim(cls), unknown);
    return;
  }
  for (std::size_t pos = 0; pos < chars.size();) {
    const std::size_t start = pos;
    const char32_t cp = normalize::decode_utf8(chars, pos);
    if (is_private_use(cp)) {
      append_lookup(out, glyphs, glyph_key(cp), unknown);
    } else {
      append_escaped(out, std::string_view(chars).substr(start, pos - start));
    }
  }
}

}  // namespace

std::string glyph_key(char32_t cp) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string digits;
  for (; cp != 0 || digits.size() < 4; cp >>= 4)
    digits.insert(digits.begin(), kHex[cp & 0xF]);
  return "U+" + digits;
}

std::optional<std::string> decode_glyphs(std::string_view fragment,
                                         const GlyphMap* glyphs,
                                         std::uint32_t& unknown) {
  std::optional<std::string> out;
  CloseTags closes(fragment);
  std::size_t copied = 0;  // fragment[0, copied) is in out
  for (auto lt = fragment.find('<'); lt != std::string_view::npos;
       lt = fragment.find('<', lt + 1)) {
    const std::string_view tag = glyph_tag_at(fragment, lt + 1);
    if (tag.empty()) continue;
    const auto gt = fragment.find('>', lt + 1 + tag.size());
    if (gt == std::string_view::npos) break;  // a cut-off tag: html_to_text drops it
    const std::string_view open = fragment.substr(lt + 1 + tag.size(), gt - lt - 1 - tag.size());
    std::string_view inner;
    std::size_t resume = gt + 1;
    if (open.empty() || open.back() != '/') {
      const auto close = closes.find(gt + 1, tag);
      // Without an end tag the element holds the text up to the next tag.
      const auto inner_end = close != std::string_view::npos ? close : fragment.find('<', gt + 1);
      inner = fragment.substr(
          gt + 1,
          inner_end == std::string_view::npos ? std::string_view::npos : inner_end - gt - 1);
      resume = gt + 1 + inner.size();
      if (close != std::string_view::npos) {
        const auto close_gt = fragment.find('>', close);
        resume = close_gt == std::string_view::npos ? fragment.size() : close_gt + 1;
      }
    }
    if (!out) out.emplace().reserve(fragment.size());
    out->append(fragment.substr(copied, lt - copied));
    append_element(*out, class_value(open), inner, glyphs, unknown);
    copied = resume;
    lt = resume - 1;
  }
  if (out) out->append(fragment.substr(copied));
  return out;
}

std::string glyph_text(std::string_view fragment, const GlyphMap* glyphs, std::uint32_t& unknown) {
  const std::optional<std::string> decoded = decode_glyphs(fragment, glyphs, unknown);
  return normalize::html_to_text(decoded ? std::string_view(*decoded) : fragment);
}

}  // namespace koubei::parsers::dianping
