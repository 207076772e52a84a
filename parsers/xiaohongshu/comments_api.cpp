#include "parsers/xiaohongshu/comments_api.hpp"

#include "parsers/url_query.hpp"
#include "parsers/xiaohongshu/comment_mapper.hpp"
#include "parsers/xiaohongshu/record.hpp"
#include "parsers/xiaohongshu/signals.hpp"

namespace koubei::parsers::xiaohongshu {
namespace {

void read_replies(const Context& ctx,
                  element top,
                  const CommentContext& thread,
                  const std::string& where,
                  ParseResult& result) {
  const auto replies = json::get_array(top, "sub_comments");
  if (!replies) return;
  std::size_t index = 0;
  for (element reply : *replies) {
    const std::string at = where + ".sub_comments[" + std::to_string(index++) + "]";
    if (auto item = map_comment(ctx, reply, thread, at, result))
      add_item(result, std::move(*item), at);
  }
}

/// Replies of a comment that could not be read: their parent is unknown, so they are skipped.
void skip_replies(element top, const std::string& where, ParseResult& result) {
  const auto replies = json::get_array(top, "sub_comments");
  for (std::size_t i = 0; replies && i < replies->size(); ++i) {
    skip_item(result,
              where + ".sub_comments[" + std::to_string(i) + "]",
              "reply of an unreadable comment");
  }
}

void read_cursor(element data, ParseResult& result) {
  if (!json::get_bool(data, "has_more").value_or(false)) return;
  auto cursor = json::get_id(data, "cursor");
  if (!cursor) {
    result.diagnostics.push_back({"data.cursor", "has_more without a cursor: paging stops"});
    return;
  }
  result.next = Cursor{false, std::move(*cursor)};
}

}  // namespace

ParseResult parse_comments_api(const Context& ctx) {
  element data;
  json::array comments;
  if (auto verdict = open_list(ctx, "comments", "comments", data, comments)) {
    return std::move(*verdict);
  }
  const std::string note_id = query_param(ctx.page.url, "note_id").value_or(std::string());
  const auto root = query_param(ctx.page.url, "root_comment_id");
  const std::string root_parent =
      root && valid_id(*root) ? comment_record_id(*root) : std::string();
  ParseResult result;
  std::size_t index = 0;
  for (element comment : comments) {
    const std::string where = "data.comments[" + std::to_string(index++) + "]";
    auto item = map_comment(ctx, comment, {note_id, root_parent}, where, result);
    if (!item) {
      skip_replies(comment, where, result);
      continue;
    }
    const std::string top_id = item->mention.id();
    add_item(result, std::move(*item), where);
    read_replies(ctx, comment, {note_id, top_id}, where, result);
  }
  read_cursor(data, result);
  const bool nothing = comments.size() == 0;
  result.verdict = nothing && result.next.end ? Verdict::kEmpty : Verdict::kOk;
  return result;
}

}  // namespace koubei::parsers::xiaohongshu
