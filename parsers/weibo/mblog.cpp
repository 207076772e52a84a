#include "parsers/weibo/mblog.hpp"

#include "parsers/json/fields.hpp"
#include "parsers/normalize/html_text.hpp"
#include "parsers/normalize/ip_location.hpp"
#include "parsers/normalize/spaces.hpp"
#include "parsers/weibo/mblog_media.hpp"
#include "parsers/weibo/record_fields.hpp"
#include "parsers/weibo/user.hpp"

namespace koubei::parsers::weibo {
namespace {

using simdjson::dom::element;

std::string read_text(element mblog, bool truncated) {
  std::string text = normalize::html_to_text(json::get_string(mblog, "text").value_or(""));
  // A truncated list text ends with the label of its "全文" (full text) link.
  static constexpr std::string_view kFullTextLink = "全文";
  if (truncated && std::string_view(text).ends_with(kFullTextLink)) {
    text = std::string(
        normalize::trim(std::string_view(text).substr(0, text.size() - kFullTextLink.size())));
  }
  return text;
}

// True when a count reached the floor of number_display_strategy ("100万+" from 1000000 on).
bool at_display_floor(element mblog, const model::Metrics& metrics) {
  const auto strategy = json::get(mblog, "number_display_strategy");
  if (!strategy) return false;
  const auto text = json::get_string(*strategy, "display_text");
  const auto floor = json::get_int(*strategy, "display_text_min_number");
  if (!text || !text->ends_with("+") || !floor || *floor <= 0) return false;
  for (const auto& count : {metrics.likes, metrics.comments, metrics.shares}) {
    if (count && *count >= *floor) return true;
  }
  return false;
}

void read_metrics(element mblog, model::Mention& m, FieldPlace place) {
  bool capped = false;
  m.metrics.likes = json_count(mblog, "attitudes_count", place, capped);
  m.metrics.comments = json_count(mblog, "comments_count", place, capped);
  m.metrics.shares = json_count(mblog, "reposts_count", place, capped);
  m.metrics_capped = capped || at_display_floor(mblog, m.metrics);
}

bool is_deleted(element mblog) {
  const auto deleted = json::get_id(mblog, "deleted");
  return deleted == "1" || json::get_bool(mblog, "deleted") == true;
}

// One post, without looking at its retweeted_status.
bool add_post(
    const Context& ctx, PageBuilder& page, element mblog, const std::string& where, TextMode mode) {
  auto mid = read_numeric_id(mblog, {"mid", "id", "idstr"});
  if (!mid) {
    skip_item(page.result(), where, "missing mid");
    return false;
  }
  const FieldPlace place{page, where};
  ParsedItem item;
  item.truncated = mode == TextMode::kAsShown && json::get_bool(mblog, "isLongText") == true;
  model::Mention& m = item.mention;
  m = new_mention(ctx, model::Kind::kPost);
  m.url = post_url(*mid);
  m.native_id = std::move(*mid);
  m.text = read_text(mblog, item.truncated);
  m.tags = normalize::extract_topics(m.text);
  m.media = read_mblog_media(mblog);
  set_created_at(m, json::get_string(mblog, "created_at").value_or(""), place);
  read_metrics(mblog, m, place);
  m.ip_location =
      normalize::normalize_ip_location(json::get_string(mblog, "region_name").value_or(""));
  m.author = read_user(json::get(mblog, "user"), place);
  page.add_item(std::move(item));
  return true;
}

}  // namespace

bool add_mblog(
    const Context& ctx, PageBuilder& page, element mblog, const std::string& where, TextMode mode) {
  const bool read = add_post(ctx, page, mblog, where, mode);
  // Only a top-level mblog carries a retweeted_status: one level, never recursion. The original
  // is a post of its own, emitted even when the repost itself could not be read.
  const auto original = json::get(mblog, "retweeted_status");
  if (!original) return read;
  const std::string original_where = where + ".retweeted_status";
  if (is_deleted(*original)) {
    page.note(original_where, "retweeted post deleted: not emitted");
  } else {
    add_post(ctx, page, *original, original_where, TextMode::kAsShown);
  }
  return read;
}

}  // namespace koubei::parsers::weibo
