// check_mention(): the schema's constraints that the C++ types cannot express.
#include <cmath>

#include "parsers/model/mention_json.hpp"

namespace koubei::model {
namespace {

bool has_forbidden_id_char(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ':' || c == ' ' || (c >= 0x09 && c <= 0x0D)) return true;
    // U+00A0, U+3000, U+2000..U+200A and friends are whitespace to the schema's \s as well.
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return true;
    if (c == 0xE3 && s.substr(i, 3) == "\xE3\x80\x80") return true;
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      const auto c2 = static_cast<unsigned char>(s[i + 2]);
      if (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) return true;
    }
  }
  return false;
}

bool is_http_url(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

bool negative(const std::optional<std::int64_t>& v) { return v && *v < 0; }

bool valid_page_type(std::string_view pt) {
  const auto dot = pt.find('.');
  if (dot == std::string_view::npos || !platform_from_string(pt.substr(0, dot))) return false;
  const auto rest = pt.substr(dot + 1);
  if (rest.empty()) return false;
  for (char c : rest) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

std::string check_numbers(const Mention& m) {
  if (m.rating && !(std::isfinite(*m.rating) && *m.rating >= 0 && *m.rating <= 5)) {
    return "rating: must be between 0 and 5";
  }
  if (negative(m.author.followers)) return "author.followers: must not be negative";
  const Metrics& mt = m.metrics;
  if (negative(mt.likes) || negative(mt.comments) || negative(mt.shares) || negative(mt.collects) ||
      negative(mt.views)) {
    return "metrics: counts must not be negative";
  }
  const Influence& inf = m.influence;
  if (!(std::isfinite(inf.score) && inf.score >= 0 && inf.score <= 100)) {
    return "influence.score: must be between 0 and 100";
  }
  if (negative(inf.reach)) return "influence.reach: must not be negative";
  if (inf.scheme.empty()) return "influence.scheme: must not be empty";
  if (m.sentiment &&
      !(std::isfinite(m.sentiment->score) && m.sentiment->score >= -1 && m.sentiment->score <= 1)) {
    return "sentiment.score: must be between -1 and 1";
  }
  return {};
}

}  // namespace

std::string check_mention(const Mention& m) {
  if (m.native_id.empty()) return "native_id: must not be empty";
  if (has_forbidden_id_char(m.native_id)) return "native_id: must not contain ':' or whitespace";
  if (!is_http_url(m.url)) return "url: must start with http:// or https://";
  for (const auto& tag : m.tags) {
    if (tag.empty()) return "tags: a tag must not be empty";
  }
  if (m.created_at.has_value() != m.created_at_precision.has_value()) {
    return "created_at_precision: must be set exactly when created_at is";
  }
  if (!valid_page_type(m.source.page_type)) {
    return "source.page_type: must look like \"weibo.search_api\"";
  }
  return check_numbers(m);
}

}  // namespace koubei::model
