#include "parsers/douyin/video_html.hpp"

#include "parsers/douyin/aweme.hpp"
#include "parsers/douyin/envelope.hpp"
#include "parsers/html/script_data.hpp"

namespace koubei::parsers::douyin {
namespace {

constexpr std::string_view kJsvmMarker = "_$jsvmprt";

/// What the store's top-level objects hold.
struct Store {
  std::optional<json::element> detail;
  std::string where;                ///< location of the detail, or of the slot that explains
  std::optional<ParseResult> gone;  ///< an aweme slot without detail that says why
};

// The verdict an aweme slot without detail gives, when it gives one.
std::optional<ParseResult> slot_verdict(json::element aweme, const std::string& where) {
  const auto code = json::get_int(aweme, "statusCode");
  if (code && *code != 0) {
    const std::string msg(json::get_string(aweme, "statusMsg").value_or(""));
    return verdict_only(
        classify_status(*code, msg),
        where + ": statusCode " + std::to_string(*code) + (msg.empty() ? "" : " " + msg));
  }
  const auto filter = json::get(aweme, "filterDetail");
  if (!filter) return std::nullopt;
  std::string detail = where + ": filterDetail";
  for (const char* key : {"filterReason", "detailMsg"}) {
    if (const auto text = json::get_string(*filter, key)) detail += " " + std::string(*text);
  }
  return verdict_only(Verdict::kNotFound, std::move(detail));
}

Store search_store(json::element root) {
  Store store;
  json::object top;
  if (root.get_object().get(top) != simdjson::SUCCESS) return store;
  for (const auto field : top) {
    const auto aweme = json::get(field.value, "aweme");
    if (!aweme) continue;
    const std::string where = "RENDER_DATA." + std::string(field.key) + ".aweme";
    if (const auto detail = json::get(*aweme, "detail"); detail && detail->is_object()) {
      store.detail = detail;
      store.where = where + ".detail";
      return store;
    }
    if (!store.gone) store.gone = slot_verdict(*aweme, where);
  }
  return store;
}

}  // namespace

ParseResult parse_video_html(const Context& ctx) {
  if (auto failure = check_body(ctx.page)) return std::move(*failure);
  const auto script = html::script_by_id(ctx.page.body, "RENDER_DATA");
  if (!script) {
    if (ctx.page.body.find(kJsvmMarker) != std::string_view::npos) {
      return verdict_only(Verdict::kCaptcha, "_$jsvmprt JS challenge page instead of the video");
    }
    return verdict_only(Verdict::kUnrecognized, "no RENDER_DATA script");
  }
  const std::string decoded = html::url_decode(*script);
  json::element root;
  if (ctx.json.parse(decoded, false, root) != simdjson::SUCCESS) {
    return verdict_only(Verdict::kUnrecognized, "RENDER_DATA is not JSON");
  }
  Store store = search_store(root);
  if (!store.detail) {
    if (store.gone) return std::move(*store.gone);
    return verdict_only(Verdict::kUnrecognized, "RENDER_DATA holds no aweme.detail");
  }
  ParseResult result;
  auto item = map_aweme(ctx, *store.detail, kCamelAweme, store.where, result);
  if (!item) return verdict_only(Verdict::kUnrecognized, store.where + " without a usable awemeId");
  result.items.push_back(std::move(*item));
  result.verdict = Verdict::kOk;
  return result;
}

}  // namespace koubei::parsers::douyin
