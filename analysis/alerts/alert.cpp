#include "analysis/alerts/alert.hpp"

#include <cstdio>

#include "config/json_string.hpp"
#include "config/utf8.hpp"
#include "parsers/model/timestamp.hpp"

namespace koubei::analysis::alerts {
namespace {

void key(std::string& out, std::string_view k) {
  if (out.back() != '{') out += ',';
  out += '"';
  out += k;
  out += "\":";
}

void string_or_null(std::string& out, const std::optional<std::string>& s) {
  if (s) {
    text::append_json_string(*s, out);
  } else {
    out += "null";
  }
}

std::string number(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", d);
  return buf;
}

void append_mention(std::string& out, const AlertMention& m) {
  out += '{';
  key(out, "id");
  text::append_json_string(m.id, out);
  key(out, "platform");
  text::append_json_string(model::to_string(m.platform), out);
  key(out, "url");
  text::append_json_string(m.url, out);
  key(out, "author_name");
  string_or_null(out, m.author_name);
  key(out, "followers");
  out += m.followers ? std::to_string(*m.followers) : "null";
  key(out, "tier");
  out += m.tier ? "\"" + std::string(model::to_string(*m.tier)) + "\"" : "null";
  key(out, "influence");
  out += number(m.influence);
  key(out, "sentiment");
  out += m.sentiment ? number(*m.sentiment) : "null";
  key(out, "created_at");
  out += m.created_at ? "\"" + model::format_rfc3339(*m.created_at) + "\"" : "null";
  key(out, "excerpt");
  text::append_json_string(m.excerpt, out);
  out += '}';
}

}  // namespace

std::string_view to_string(Rule r) {
  switch (r) {
    case Rule::kInfluencer: return "influencer";
    case Rule::kSpike: return "spike";
    case Rule::kCrisis: return "crisis";
  }
  return "influencer";
}

AlertMention summarize(const model::Mention& m, std::size_t excerpt_chars) {
  AlertMention a;
  a.id = m.id();
  a.platform = m.platform;
  a.url = m.url;
  a.author_name = m.author.name;
  a.followers = m.author.followers;
  a.tier = m.influence.tier;
  a.influence = m.influence.score;
  if (m.sentiment) a.sentiment = m.sentiment->score;
  a.created_at = m.created_at;
  const std::string full = m.title ? *m.title + " " + m.text : m.text;
  std::size_t pos = 0;
  for (std::size_t chars = 0; pos < full.size() && chars < excerpt_chars; ++chars) {
    text::decode_utf8(full, pos);
  }
  a.excerpt = text::sanitize_utf8(std::string_view(full).substr(0, pos));
  return a;
}

std::string to_json(const Alert& a) {
  std::string out = "{";
  key(out, "schema");
  out += "\"koubei.alert.v1\"";
  key(out, "id");
  text::append_json_string(a.id, out);
  key(out, "rule");
  out += "\"" + std::string(to_string(a.rule)) + "\"";
  key(out, "query");
  string_or_null(out, a.query);
  key(out, "fired_at");
  out += "\"" + model::format_rfc3339(a.fired_at, true) + "\"";
  key(out, "summary");
  text::append_json_string(a.summary, out);
  key(out, "suppressed");
  out += std::to_string(a.suppressed);
  key(out, "details");
  out += '{';
  switch (a.rule) {
    case Rule::kInfluencer:
      key(out, "tier");
      out += a.tier ? "\"" + std::string(model::to_string(*a.tier)) + "\"" : "null";
      key(out, "min_tier");
      out += a.min_tier ? "\"" + std::string(model::to_string(*a.min_tier)) + "\"" : "null";
      break;
    case Rule::kCrisis:
      key(out, "words");
      out += '[';
      for (std::size_t i = 0; i < a.crisis_words.size(); ++i) {
        if (i != 0) out += ',';
        text::append_json_string(a.crisis_words[i], out);
      }
      out += ']';
      break;
    case Rule::kSpike: {
      const SpikeStats s = a.spike.value_or(SpikeStats{});
      key(out, "count");
      out += std::to_string(s.count);
      key(out, "baseline_mean");
      out += number(s.baseline_mean);
      key(out, "baseline_stddev");
      out += number(s.baseline_stddev);
      key(out, "threshold");
      out += number(s.threshold);
      key(out, "k");
      out += number(s.k);
      key(out, "min_count");
      out += std::to_string(s.min_count);
      key(out, "window_seconds");
      out += std::to_string(s.window.count() / 1000);
      key(out, "baseline_windows");
      out += std::to_string(s.baseline_windows);
      break;
    }
  }
  out += '}';
  key(out, "mentions");
  out += '[';
  for (std::size_t i = 0; i < a.mentions.size(); ++i) {
    if (i != 0) out += ',';
    append_mention(out, a.mentions[i]);
  }
  out += "]}";
  return out;
}

}  // namespace koubei::analysis::alerts
