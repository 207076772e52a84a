#include "parsers/douyin/comments_api.hpp"

#include "parsers/douyin/author.hpp"
#include "parsers/douyin/envelope.hpp"
#include "parsers/douyin/fields.hpp"
#include "parsers/douyin/keys.hpp"
#include "parsers/normalize/ip_location.hpp"
#include "parsers/url_query.hpp"

namespace koubei::parsers::douyin {
namespace {

constexpr std::string_view kReplyPath = "/comment/list/reply/";

/// What the request URL says about the listing.
struct Request {
  std::optional<std::string> aweme_id;     ///< aweme_id (list) or item_id (reply endpoint)
  std::optional<std::string> thread_head;  ///< comment_id on the reply endpoint
  bool replies = false;
};

bool is_comment_id(const std::optional<std::string>& id) {
  return id && !id->empty() && *id != "0";
}

// A query parameter usable as a native id.
std::optional<std::string> id_param(std::string_view url, std::string_view name) {
  auto value = query_param(url, name);
  if (!value || !is_native_id(*value)) return std::nullopt;
  return value;
}

Request read_request(std::string_view url) {
  const std::string_view path = url.substr(0, url.find('?'));
  Request r;
  r.replies = path.find(kReplyPath) != std::string_view::npos;
  r.aweme_id = id_param(url, r.replies ? "item_id" : "aweme_id");
  if (r.replies) r.thread_head = id_param(url, "comment_id");
  return r;
}

// The record id of what the comment answers (see comments_api.hpp).
std::string parent_of(json::element comment, const Request& request, const std::string& root) {
  const auto to_reply = read_native_id(comment, "reply_to_reply_id");
  if (is_comment_id(to_reply)) {
    return model::make_id(model::Platform::kDouyin, model::Kind::kComment, *to_reply);
  }
  auto head = request.replies ? request.thread_head : std::nullopt;
  if (!is_comment_id(head)) head = read_native_id(comment, "reply_id");
  if (!is_comment_id(head)) return root;
  return model::make_id(model::Platform::kDouyin, model::Kind::kComment, *head);
}

void read_images(json::element comment, model::Mention& m) {
  const auto images = json::get_array(comment, "image_list");
  if (!images) return;
  for (json::element image : *images) {
    const auto origin = json::get(image, "origin_url");
    if (!origin) continue;
    if (auto url = first_url(*origin, "url_list")) {
      m.media.push_back({model::MediaType::kImage, std::move(*url)});
    }
  }
}

std::optional<ParsedItem> map_comment(const Context& ctx,
                                      json::element comment,
                                      const Request& request,
                                      const std::string& where,
                                      ParseResult& result) {
  const auto cid = read_native_id(comment, "cid");
  if (!cid) {
    skip_item(result, where, "missing or invalid cid");
    return std::nullopt;
  }
  auto aweme_id = read_native_id(comment, "aweme_id");
  if (!aweme_id) aweme_id = request.aweme_id;
  if (!aweme_id) {
    skip_item(result, where, "no aweme_id in the comment or the request URL");
    return std::nullopt;
  }
  ParsedItem item;
  model::Mention& m = item.mention;
  m = new_mention(ctx, model::Kind::kComment);
  m.native_id = *cid;
  m.url = "https://www.douyin.com/video/" + *aweme_id + "?comment_id=" + *cid;
  m.root_id = model::make_id(model::Platform::kDouyin, model::Kind::kVideo, *aweme_id);
  m.parent_id = parent_of(comment, request, *m.root_id);
  if (const auto text = json::get_string(comment, "text")) {
    m.text = std::string(*text);
  } else {
    result.diagnostics.push_back({member_path(where, "text"), "missing"});
  }
  m.tags = read_topics(comment, "text_extra", "hashtag_name");
  read_created_at(comment, "create_time", where, result, m);
  if (const auto user = json::get(comment, "user")) {
    m.author = read_author(*user, kSnakeUser, member_path(where, "user"), result);
    remember_author(result, m.author);
  }
  bool capped = false;
  m.metrics.likes = read_count(comment, "digg_count", where, result, capped);
  m.metrics.comments = read_count(comment, "reply_comment_total", where, result, capped);
  m.metrics_capped = capped;
  item.more_replies = m.metrics.comments.value_or(0);
  if (const auto ip = json::get_string(comment, "ip_label")) {
    m.ip_location = normalize::normalize_ip_location(*ip);
  }
  read_images(comment, m);
  return item;
}

}  // namespace

ParseResult parse_comments_api(const Context& ctx) {
  Envelope env = open_json(ctx);
  if (env.failure) return std::move(*env.failure);
  if (!has_member(env.root, "comments")) {
    return verdict_only(Verdict::kUnrecognized, "no comments member");
  }
  const auto comments = json::get(env.root, "comments");
  json::array list;
  if (comments && comments->get_array().get(list) != simdjson::SUCCESS) {
    return verdict_only(Verdict::kUnrecognized, "comments is not an array");
  }
  if (!comments || list.size() == 0) {
    if (json::get_bool(env.root, "has_more").value_or(false)) {
      return verdict_only(Verdict::kUnrecognized, "no comments but has_more is set");
    }
    if (!env.status_ok) {
      return verdict_only(Verdict::kUnrecognized, "no comments, no status_code 0");
    }
    return verdict_only(Verdict::kEmpty, "no comments");
  }
  ParseResult result;
  const Request request = read_request(ctx.page.url);
  std::size_t i = 0;
  for (json::element comment : list) {
    const std::string where = "comments[" + std::to_string(i++) + "]";
    if (auto item = map_comment(ctx, comment, request, where, result)) {
      result.items.push_back(std::move(*item));
    }
  }
  result.verdict = Verdict::kOk;
  result.next = read_cursor(env.root, result);
  return result;
}

}  // namespace koubei::parsers::douyin
