#include "parsers/model/mention_json.hpp"

#include <charconv>
#include <cmath>

#include "parsers/model/timestamp.hpp"
#include "config/json_string.hpp"

namespace koubei::model {
namespace {

void append_number(double v, std::string& out) {
  if (!std::isfinite(v)) v = 0;  // check_mention() reports it; the line must stay valid JSON
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_int(std::int64_t v, std::string& out) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// Writes `"key":` (keys are ASCII literals, never escaped).
void key(std::string_view k, std::string& out, bool first = false) {
  if (!first) out.push_back(',');
  out.push_back('"');
  out.append(k);
  out.append("\":");
}

void opt_string(const std::optional<std::string>& v, std::string& out) {
  if (v) {
    append_json_string(*v, out);
  } else {
    out.append("null");
  }
}

void opt_int(const std::optional<std::int64_t>& v, std::string& out) {
  if (v) {
    append_int(*v, out);
  } else {
    out.append("null");
  }
}

template <class Enum>
void opt_enum(const std::optional<Enum>& v, std::string& out) {
  if (v) {
    out.push_back('"');
    out.append(to_string(*v));
    out.push_back('"');
  } else {
    out.append("null");
  }
}

void string_array(const std::vector<std::string>& items, std::string& out) {
  out.push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out.push_back(',');
    append_json_string(items[i], out);
  }
  out.push_back(']');
}

void append_author(const Author& a, std::string& out) {
  out.push_back('{');
  key("id", out, true);
  opt_string(a.id, out);
  key("name", out);
  opt_string(a.name, out);
  key("url", out);
  opt_string(a.url, out);
  key("followers", out);
  opt_int(a.followers, out);
  key("verified", out);
  out.append(a.verified ? (*a.verified ? "true" : "false") : "null");
  key("verified_type", out);
  opt_enum(a.verified_type, out);
  out.push_back('}');
}

void append_metrics(const Metrics& m, std::string& out) {
  out.push_back('{');
  key("likes", out, true);
  opt_int(m.likes, out);
  key("comments", out);
  opt_int(m.comments, out);
  key("shares", out);
  opt_int(m.shares, out);
  key("collects", out);
  opt_int(m.collects, out);
  key("views", out);
  opt_int(m.views, out);
  out.push_back('}');
}

void append_media(const std::vector<Media>& media, std::string& out) {
  out.push_back('[');
  for (std::size_t i = 0; i < media.size(); ++i) {
    if (i != 0) out.push_back(',');
    out.append("{\"type\":\"").append(to_string(media[i].type)).append("\",\"url\":");
    append_json_string(media[i].url, out);
    out.push_back('}');
  }
  out.push_back(']');
}

void append_influence(const Influence& inf, std::string& out) {
  out.push_back('{');
  key("score", out, true);
  append_number(inf.score, out);
  key("tier", out);
  opt_enum(inf.tier, out);
  key("reach", out);
  opt_int(inf.reach, out);
  key("scheme", out);
  append_json_string(inf.scheme, out);
  key("partial", out);
  out.append(inf.partial ? "true" : "false");
  out.push_back('}');
}

void append_time(const std::optional<Timestamp>& t, std::string& out) {
  if (t) {
    out.push_back('"');
    out.append(format_rfc3339(*t));
    out.push_back('"');
  } else {
    out.append("null");
  }
}

}  // namespace

void append_json_string(std::string_view s, std::string& out) {
  text::append_json_string(s, out);
}

void append_json(const Mention& m, std::string& out) {
  out.append("{\"schema\":\"koubei.mention.v1\"");
  key("id", out);
  append_json_string(m.id(), out);
  key("platform", out);
  out.append("\"").append(to_string(m.platform)).append("\"");
  key("kind", out);
  out.append("\"").append(to_string(m.kind)).append("\"");
  key("native_id", out);
  append_json_string(m.native_id, out);
  key("url", out);
  append_json_string(m.url, out);
  key("parent_id", out);
  opt_string(m.parent_id, out);
  key("root_id", out);
  opt_string(m.root_id, out);
  key("title", out);
  opt_string(m.title, out);
  key("text", out);
  append_json_string(m.text, out);
  key("lang", out);
  opt_string(m.lang, out);
  key("tags", out);
  string_array(m.tags, out);
  key("media", out);
  append_media(m.media, out);
  key("rating", out);
  if (m.rating) {
    append_number(*m.rating, out);
  } else {
    out.append("null");
  }
  key("target", out);
  if (m.target) {
    out.append("{\"id\":");
    opt_string(m.target->id, out);
    out.append(",\"name\":");
    opt_string(m.target->name, out);
    out.push_back('}');
  } else {
    out.append("null");
  }
  key("created_at", out);
  append_time(m.created_at, out);
  key("created_at_precision", out);
  opt_enum(m.created_at_precision, out);
  key("fetched_at", out);
  out.append("\"").append(format_rfc3339(m.fetched_at, true)).append("\"");
  key("author", out);
  append_author(m.author, out);
  key("metrics", out);
  append_metrics(m.metrics, out);
  key("metrics_capped", out);
  out.append(m.metrics_capped ? "true" : "false");
  key("ip_location", out);
  opt_string(m.ip_location, out);
  key("query", out);
  if (m.query) {
    out.append("{\"id\":");
    append_json_string(m.query->id, out);
    out.append(",\"matched\":");
    string_array(m.query->matched, out);
    out.push_back('}');
  } else {
    out.append("null");
  }
  key("source", out);
  out.append("{\"page_type\":");
  append_json_string(m.source.page_type, out);
  out.append(",\"url\":");
  opt_string(m.source.url, out);
  out.push_back('}');
  key("influence", out);
  append_influence(m.influence, out);
  key("sentiment", out);
  if (m.sentiment) {
    out.append("{\"label\":\"").append(to_string(m.sentiment->label)).append("\",\"score\":");
    append_number(m.sentiment->score, out);
    out.append(",\"method\":");
    append_json_string(m.sentiment->method, out);
    out.push_back('}');
  } else {
    out.append("null");
  }
  out.push_back('}');
}

std::string to_json(const Mention& m) {
  std::string out;
  out.reserve(1024 + m.text.size());
  append_json(m, out);
  return out;
}

}  // namespace koubei::model
