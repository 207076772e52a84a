#include "parsers/weibo/comment.hpp"

#include "parsers/json/fields.hpp"
#include "parsers/normalize/html_text.hpp"
#include "parsers/normalize/ip_location.hpp"
#include "parsers/weibo/mblog_media.hpp"
#include "parsers/weibo/record_fields.hpp"
#include "parsers/weibo/user.hpp"

namespace koubei::parsers::weibo {
namespace {

using simdjson::dom::element;

std::optional<model::Media> read_picture(element comment) {
  const auto pic = json::get(comment, "pic");
  auto url = pic ? picture_url(*pic) : std::nullopt;
  if (!url) return std::nullopt;
  return model::Media{model::MediaType::kImage, std::move(*url)};
}

void read_metrics(element comment, model::Mention& m, FieldPlace place) {
  bool capped = false;
  const bool weibo_com_shape = !json::get(comment, "like_count");
  m.metrics.likes =
      json_count(comment, weibo_com_shape ? "like_counts" : "like_count", place, capped);
  m.metrics.comments = json_count(comment, "total_number", place, capped);
  m.metrics_capped = capped;
}

// Inline replies of a top comment: each answers the top comment; only one level is read.
void add_replies(const Context& ctx,
                 PageBuilder& page,
                 element comment,
                 const std::string& where,
                 const Thread& reply_thread) {
  const auto replies = json::get_array(comment, "comments");
  if (!replies) return;
  std::size_t i = 0;
  for (const element reply : *replies) {
    add_comment(ctx, page, reply, where + ".comments[" + std::to_string(i++) + "]", reply_thread);
  }
}

// Replies the page did not show: total_number minus the inline ones, when positive.
std::int64_t hidden_replies(element comment, const model::Metrics& metrics) {
  const auto replies = json::get_array(comment, "comments");
  const auto shown = static_cast<std::int64_t>(replies ? replies->size() : 0);
  return metrics.comments && *metrics.comments > shown ? *metrics.comments - shown : 0;
}

}  // namespace

bool add_comment(const Context& ctx,
                 PageBuilder& page,
                 element comment,
                 const std::string& where,
                 const Thread& thread) {
  auto cid = read_numeric_id(comment, {"id", "idstr"});
  if (!cid) {
    skip_item(page.result(), where, "missing comment id");
    return false;
  }
  const FieldPlace place{page, where};
  ParsedItem item;
  model::Mention& m = item.mention;
  m = new_mention(ctx, model::Kind::kComment);
  m.url = comment_url(thread.post_mid, *cid);
  m.native_id = std::move(*cid);
  m.root_id = model::make_id(model::Platform::kWeibo, model::Kind::kPost, thread.post_mid);
  m.parent_id =
      thread.parent_cid
          ? model::make_id(model::Platform::kWeibo, model::Kind::kComment, *thread.parent_cid)
          : m.root_id;
  m.text = normalize::html_to_text(json::get_string(comment, "text").value_or(""));
  m.tags = normalize::extract_topics(m.text);
  if (auto picture = read_picture(comment)) m.media.push_back(std::move(*picture));
  set_created_at(m, json::get_string(comment, "created_at").value_or(""), place);
  read_metrics(comment, m, place);
  m.ip_location =
      normalize::normalize_ip_location(json::get_string(comment, "source").value_or(""));
  m.author = read_user(json::get(comment, "user"), place);
  const bool top = !thread.parent_cid;
  if (top) item.more_replies = hidden_replies(comment, m.metrics);
  const Thread reply_thread{thread.post_mid, m.native_id};
  page.add_item(std::move(item));
  if (top) add_replies(ctx, page, comment, where, reply_thread);
  return true;
}

}  // namespace koubei::parsers::weibo
