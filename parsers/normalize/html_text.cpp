#include "parsers/normalize/html_text.hpp"
#include "parsers/normalize/spaces.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <unordered_set>

#include "parsers/normalize/utf8.hpp"

namespace koubei::normalize {
namespace {

struct NamedEntity {
  std::string_view name;
  char32_t cp;
};

// &nbsp; and the typographic spaces decode to a plain space, which then collapses like any other.
constexpr std::array<NamedEntity, 47> kNamedEntities = {{
    {"amp", U'&'},       {"AMP", U'&'},       {"lt", U'<'},        {"LT", U'<'},
    {"gt", U'>'},        {"GT", U'>'},        {"quot", U'"'},      {"QUOT", U'"'},
    {"apos", U'\''},     {"nbsp", U' '},      {"ensp", U' '},      {"emsp", U' '},
    {"thinsp", U' '},    {"hellip", U'…'},    {"mdash", U'—'},     {"ndash", U'–'},
    {"lsquo", U'‘'},     {"rsquo", U'’'},     {"ldquo", U'“'},     {"rdquo", U'”'},
    {"sbquo", U'‚'},     {"bdquo", U'„'},     {"laquo", U'«'},     {"raquo", U'»'},
    {"middot", U'·'},    {"bull", U'•'},      {"copy", U'©'},      {"COPY", U'©'},
    {"reg", U'®'},       {"REG", U'®'},       {"trade", U'™'},     {"times", U'×'},
    {"divide", U'÷'},    {"plusmn", U'±'},    {"deg", U'°'},       {"yen", U'¥'},
    {"euro", U'€'},      {"pound", U'£'},     {"cent", U'¢'},      {"sect", U'§'},
    {"para", U'¶'},      {"larr", U'←'},      {"rarr", U'→'},      {"uarr", U'↑'},
    {"darr", U'↓'},      {"hearts", U'♥'},    {"star", U'☆'},
}};

constexpr std::array<std::string_view, 19> kBlockTags = {
    "p",       "div",    "li",     "ul", "ol", "tr", "table", "blockquote", "section", "article",
    "header",  "footer", "pre",    "h1", "h2", "h3", "h4",    "h5",         "h6"};

constexpr std::size_t kMaxTagName = 16;  // longer names are never ones we act on


bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return to_lower(x) == y; });
}

/// Builds the output, deferring whitespace so runs collapse and the ends come out trimmed.
class Emitter {
 public:
  void space() { pending_space_ = true; }

  void line_break() { pending_newlines_ = std::min(pending_newlines_ + 1, 2); }

  void block_boundary() { pending_newlines_ = std::max(pending_newlines_, 1); }

  void byte(char c) {
    flush();
    out_.push_back(c);
  }

  /// A run of bytes with no whitespace, markup or entity in it.
  void run(std::string_view bytes) {
    flush();
    out_.append(bytes);
  }

  void code_point(char32_t cp) {
    if (cp < 0x80 && is_ascii_space(static_cast<char>(cp))) {
      space();
      return;
    }
    flush();
    append_utf8(out_, cp == 0 ? kReplacementChar : cp);
  }

  std::string take() {
    if (is_valid_utf8(out_)) return std::move(out_);
    return sanitize_utf8(out_);
  }

 private:
  void flush() {
    if (!out_.empty()) {
      if (pending_newlines_ > 0) {
        out_.append(static_cast<std::size_t>(pending_newlines_), '\n');
      } else if (pending_space_) {
        out_.push_back(' ');
      }
    }
    pending_space_ = false;
    pending_newlines_ = 0;
  }

  std::string out_;
  bool pending_space_ = false;
  int pending_newlines_ = 0;
};

/// Decodes "&#123;", "&#x1F600;" or "&name;" at s[amp]; returns the code point and advances pos
/// past the ";", or nullopt (pos unchanged) when it is not a complete known entity.
std::optional<char32_t> decode_entity(std::string_view s, std::size_t amp, std::size_t& pos) {
  std::size_t i = amp + 1;
  if (i < s.size() && s[i] == '#') {
    const bool hex = ++i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    const std::size_t digits_start = i;
    char32_t value = 0;
    for (; i < s.size(); ++i) {
      const char c = to_lower(s[i]);
      const bool dec = c >= '0' && c <= '9';
      if (!dec && !(hex && c >= 'a' && c <= 'f')) break;
      const auto digit = static_cast<char32_t>(dec ? c - '0' : c - 'a' + 10);
      value = std::min<char32_t>(value * (hex ? 16 : 10) + digit, 0x110000);  // saturate
    }
    if (i == digits_start || i >= s.size() || s[i] != ';') return std::nullopt;
    pos = i + 1;
    return value;  // 0, surrogates and > U+10FFFF become U+FFFD when appended
  }
  const std::size_t name_start = i;
  while (i < s.size() && i - name_start < kMaxTagName && is_alnum(s[i])) ++i;
  if (i >= s.size() || s[i] != ';') return std::nullopt;
  const std::string_view name = s.substr(name_start, i - name_start);
  for (const NamedEntity& e : kNamedEntities) {
    if (e.name == name) {
      pos = i + 1;
      return e.cp;
    }
  }
  return std::nullopt;
}

/// Character data (between tags, or an attribute value): entities and whitespace.
void emit_text(Emitter& out, std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (const std::size_t n = space_at(s, pos)) {
      out.space();
      pos += n;
    } else if (s[pos] == '&') {
      const std::size_t amp = pos;
      const std::optional<char32_t> cp = decode_entity(s, amp, pos);
      if (cp) {
        out.code_point(*cp);
      } else {
        out.byte('&');
        pos = amp + 1;
      }
    } else {
      // Copy the run up to the next byte that can start whitespace or an entity in one go.
      std::size_t end = pos + 1;
      while (end < s.size() && !is_ascii_space(s[end]) && s[end] != '&' && s[end] != '\xC2' &&
             s[end] != '\xE3') {
        ++end;
      }
      out.run(s.substr(pos, end - pos));
      pos = end;
    }
  }
}

struct Tag {
  std::string name;        ///< lower-case, at most kMaxTagName bytes
  std::string_view alt;    ///< raw value of the first alt attribute
  bool has_alt = false;
  std::size_t end = 0;     ///< position after ">"; npos when the input ends inside the tag
};

/// Reads a start or end tag whose name starts at s[pos], up to and including ">".
Tag read_tag(std::string_view s, std::size_t pos) {
  Tag tag;
  while (pos < s.size() && !is_ascii_space(s[pos]) && s[pos] != '/' && s[pos] != '>') {
    if (tag.name.size() < kMaxTagName) tag.name.push_back(to_lower(s[pos]));
    ++pos;
  }
  tag.end = std::string_view::npos;
  while (pos < s.size()) {
    if (s[pos] == '>') {
      tag.end = pos + 1;
      return tag;
    }
    if (is_ascii_space(s[pos]) || s[pos] == '/' || s[pos] == '=') {
      ++pos;
      continue;
    }
    const std::size_t name_start = pos;
    while (pos < s.size() && !is_ascii_space(s[pos]) && s[pos] != '/' && s[pos] != '>' && s[pos] != '=') {
      ++pos;
    }
    const std::string_view attr = s.substr(name_start, pos - name_start);
    while (pos < s.size() && is_ascii_space(s[pos])) ++pos;
    if (pos >= s.size() || s[pos] != '=') continue;
    ++pos;
    while (pos < s.size() && is_ascii_space(s[pos])) ++pos;
    std::string_view value;
    if (pos < s.size() && (s[pos] == '"' || s[pos] == '\'')) {
      const std::size_t close = s.find(s[pos], pos + 1);
      if (close == std::string_view::npos) return tag;
      value = s.substr(pos + 1, close - pos - 1);
      pos = close + 1;
    } else {
      const std::size_t start = pos;
      while (pos < s.size() && !is_ascii_space(s[pos]) && s[pos] != '>') ++pos;
      value = s.substr(start, pos - start);
    }
    if (!tag.has_alt && iequals(attr, "alt")) {
      tag.alt = value;
      tag.has_alt = true;
    }
  }
  return tag;
}

bool is_block(std::string_view name) {
  return std::find(kBlockTags.begin(), kBlockTags.end(), name) != kBlockTags.end();
}

/// Position of the "</name" that ends a raw-text element, or npos.
std::size_t find_end_tag(std::string_view s, std::size_t from, std::string_view name) {
  for (std::size_t p = s.find("</", from); p != std::string_view::npos; p = s.find("</", p + 2)) {
    if (iequals(s.substr(p + 2, name.size()), name)) return p;
  }
  return std::string_view::npos;
}

/// Handles the markup starting with "<" at s[lt]; returns where text resumes.
std::size_t handle_markup(std::string_view s, std::size_t lt, Emitter& out) {
  const std::string_view rest = s.substr(lt);
  if (rest.starts_with("<!--")) {
    const std::size_t close = s.find("-->", lt + 4);
    return close == std::string_view::npos ? s.size() : close + 3;
  }
  const bool closing = rest.starts_with("</");
  const std::size_t name_at = lt + (closing ? 2 : 1);
  const bool empty_end_tag = closing && rest.size() > 2 && rest[2] == '>';  // "</>"
  if (rest.starts_with("<!") || rest.starts_with("<?") || empty_end_tag) {
    const std::size_t close = s.find('>', lt);
    return close == std::string_view::npos ? s.size() : close + 1;
  }
  if (name_at >= s.size() || !is_alpha(s[name_at])) {
    out.byte('<');  // "a < b": a literal less-than sign
    return lt + 1;
  }
  const Tag tag = read_tag(s, name_at);
  if (tag.end == std::string_view::npos) return s.size();
  if (tag.name == "br") {
    out.line_break();
  } else if (is_block(tag.name)) {
    out.block_boundary();
  } else if (!closing && tag.name == "img" && tag.has_alt) {
    emit_text(out, tag.alt);
  } else if (!closing && (tag.name == "script" || tag.name == "style")) {
    const std::size_t end = find_end_tag(s, tag.end, tag.name);
    return end == std::string_view::npos ? s.size() : end;
  }
  return tag.end;
}

/// A topic body between two "#": trimmed, "[话题]" suffix removed, one line, 1-64 code points.
std::optional<std::string> topic_from(std::string_view body) {
  constexpr std::size_t kMaxCodePoints = 64;
  constexpr std::string_view kXhsSuffix = "[话题]";
  if (body.find_first_of("\r\n") != std::string_view::npos) return std::nullopt;
  std::string_view t = trim(body);
  if (t.ends_with(kXhsSuffix)) t = trim(t.substr(0, t.size() - kXhsSuffix.size()));
  if (t.empty()) return std::nullopt;
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < t.size(); ++count) {
    if (count == kMaxCodePoints) return std::nullopt;
    decode_utf8(t, pos);
  }
  return sanitize_utf8(t);
}

}  // namespace

std::string html_to_text(std::string_view html) {
  Emitter out;
  std::size_t pos = 0;
  while (pos < html.size()) {
    const std::size_t lt = html.find('<', pos);
    emit_text(out, html.substr(pos, (lt == std::string_view::npos ? html.size() : lt) - pos));
    if (lt == std::string_view::npos) break;
    pos = handle_markup(html, lt, out);
  }
  return out.take();
}

std::string plain_to_text(std::string_view plain) {
  Emitter out;
  std::size_t pos = 0;
  while (pos < plain.size()) {
    if (plain[pos] == '\n') {
      out.line_break();
      ++pos;
    } else if (const std::size_t n = space_at(plain, pos)) {
      out.space();
      pos += n;
    } else {
      std::size_t end = pos + 1;
      while (end < plain.size() && !is_ascii_space(plain[end]) && plain[end] != '\xC2' &&
             plain[end] != '\xE3') {
        ++end;
      }
      out.run(plain.substr(pos, end - pos));
      pos = end;
    }
  }
  return out.take();
}

std::vector<std::string> extract_topics(std::string_view text) {
  std::vector<std::string> topics;
  std::unordered_set<std::string> seen;
  std::size_t open = text.find('#');
  while (open != std::string_view::npos) {
    const std::size_t close = text.find('#', open + 1);
    if (close == std::string_view::npos) break;
    std::optional<std::string> topic = topic_from(text.substr(open + 1, close - open - 1));
    if (!topic) {
      open = close;  // the closing "#" may open the next topic
      continue;
    }
    if (seen.insert(*topic).second) topics.push_back(std::move(*topic));
    open = text.find('#', close + 1);
  }
  return topics;
}

}  // namespace koubei::normalize
