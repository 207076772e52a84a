#include "parsers/weibo/detail_html.hpp"

#include "parsers/html/script_data.hpp"
#include "parsers/json/fields.hpp"
#include "parsers/weibo/mblog.hpp"
#include "parsers/weibo/signals.hpp"

namespace koubei::parsers::weibo {
namespace {

using simdjson::dom::element;

bool says(std::string_view body, std::string_view words) {
  return body.find(words) != std::string_view::npos;
}

// The page has no $render_data: m.weibo.cn's error page ("出错了" with a message), or a page
// koubei does not know.
ParseResult without_render_data(std::string_view body) {
  if (auto v = foreign_page_verdict(body)) return std::move(*v);
  if (!says(body, "出错了") && !says(body, "未知错误")) {
    return verdict_only(Verdict::kUnrecognized, "no $render_data in the page");
  }
  for (const std::string_view gone : {"不存在", "已被删除", "已删除"}) {
    if (says(body, gone)) {
      return verdict_only(Verdict::kNotFound, "error page: " + std::string(gone));
    }
  }
  return verdict_only(Verdict::kLoginRequired,
                      "error page \"出错了/未知错误\" (served without a login, MediaCrawler #914)");
}

}  // namespace

ParseResult parse_detail_html(const Context& ctx) {
  if (auto verdict = transport_verdict(ctx.page)) return std::move(*verdict);
  const auto render_data = html::find_js_value(ctx.page.body, "$render_data =");
  if (!render_data) return without_render_data(ctx.page.body);
  element root;
  const simdjson::error_code error = ctx.json.parse(*render_data, false, root);
  if (error != simdjson::SUCCESS) {
    return verdict_only(Verdict::kUnrecognized,
                        std::string("$render_data is not JSON: ") + simdjson::error_message(error));
  }
  simdjson::dom::array entries;
  element first;
  std::optional<element> status;
  if (root.get_array().get(entries) == simdjson::SUCCESS &&
      entries.at(0).get(first) == simdjson::SUCCESS) {
    status = json::get(first, "status");
  }
  if (!status || !status->is_object()) {
    return verdict_only(Verdict::kUnrecognized, "no status object in $render_data[0]");
  }
  ParseResult result;
  PageBuilder page(result);
  if (!add_mblog(ctx, page, *status, "$render_data[0].status", TextMode::kFull)) {
    ParseResult failed =
        verdict_only(Verdict::kUnrecognized, "the status in $render_data has no mid");
    failed.diagnostics = std::move(result.diagnostics);
    failed.skipped = result.skipped;
    return failed;
  }
  result.verdict = Verdict::kOk;
  return result;
}

}  // namespace koubei::parsers::weibo
