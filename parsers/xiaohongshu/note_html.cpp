#include "parsers/xiaohongshu/note_html.hpp"

#include "config/secret.hpp"
#include "parsers/html/script_data.hpp"
#include "parsers/json/fields.hpp"
#include "parsers/url_query.hpp"
#include "parsers/xiaohongshu/note_mapper.hpp"
#include "parsers/xiaohongshu/record.hpp"
#include "parsers/xiaohongshu/signals.hpp"

#include <variant>

namespace koubei::parsers::xiaohongshu {
namespace {

constexpr std::string_view kStateMarker = "window.__INITIAL_STATE__";

/// Messages XHS shows instead of a note that is gone or hidden.
constexpr std::string_view kMissingNoteMessages[] = {
    "当前笔记暂时无法浏览",
    "笔记不存在",
    "内容无法展示",
    "页面不见了",
};

/// The JS object after "window.__INITIAL_STATE__" and "=" (spaces allowed around "=").
std::optional<std::string_view> state_js(std::string_view page) {
  const auto at = page.find(kStateMarker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = page.substr(at + kStateMarker.size());
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
    rest.remove_prefix(1);
  if (!rest.starts_with('=')) return std::nullopt;
  return html::find_js_value(rest, "=");
}

ParseResult without_note_map(std::string_view page) {
  for (std::string_view message : kMissingNoteMessages) {
    if (page.find(message) != std::string_view::npos) {
      return verdict_only(Verdict::kNotFound,
                          "no noteDetailMap; the page says " + std::string(message));
    }
  }
  return verdict_only(Verdict::kCaptcha, "no noteDetailMap in __INITIAL_STATE__ (captcha page)");
}

/// The noteDetailMap entry for the requested note: {key, entry}, or a verdict.
struct Entry {
  std::string_view key;
  element value;
};

std::variant<Entry, ParseResult> pick_entry(const Context& ctx, json::object map) {
  const std::string_view wanted = last_path_segment(ctx.page.url);
  element found;
  if (!wanted.empty() && map.at_key(wanted).get(found) == simdjson::SUCCESS) {
    return Entry{wanted, found};
  }
  if (map.size() == 0) return verdict_only(Verdict::kNotFound, "noteDetailMap is empty");
  if (map.size() > 1) {
    return verdict_only(Verdict::kUnrecognized,
                        "noteDetailMap has " + std::to_string(map.size()) + " notes, none is \"" +
                            std::string(wanted) + "\"");
  }
  const auto only = *map.begin();
  return Entry{only.key, only.value};
}

ParseResult map_entry(const Context& ctx, const Entry& entry) {
  const auto note = json::get(entry.value, "note");
  json::object members;
  if (!note || note->get_object().get(members) != simdjson::SUCCESS || members.size() == 0) {
    return verdict_only(
        Verdict::kNotFound,
        "noteDetailMap[" + std::string(entry.key) + "].note is empty (note removed or hidden)");
  }
  ParseResult result;
  const std::string where = "note.noteDetailMap[" + std::string(entry.key) + "].note";
  if (auto item = map_note(ctx, *note, kStateKeys, entry.key, where, result)) {
    if (item->xsec_token.empty()) {
      item->xsec_token = query_param(ctx.page.url, "xsec_token").value_or(std::string());
    }
    add_item(result, std::move(*item), where);
  }
  result.verdict = Verdict::kOk;
  return result;
}

}  // namespace

ParseResult parse_note_html(const Context& ctx) {
  const std::string_view page = ctx.page.body;
  const auto js = state_js(page);
  if (!js) {
    if (redirected(ctx.page)) {
      return verdict_only(
          Verdict::kCaptcha,
          "redirected to " + config::redact_url(ctx.page.final_url) + " without __INITIAL_STATE__");
    }
    if (page.find(kStateMarker) != std::string_view::npos) {
      return verdict_only(Verdict::kUnrecognized,
                          "window.__INITIAL_STATE__ is not a closed object");
    }
    return verdict_only(Verdict::kUnrecognized, "no window.__INITIAL_STATE__ in the page");
  }
  element state;
  if (ctx.json.parse(html::js_to_json(*js), false, state) != simdjson::SUCCESS) {
    return verdict_only(Verdict::kUnrecognized, "__INITIAL_STATE__ is not JSON");
  }
  const auto map = json::at_path(state, "note.noteDetailMap");
  json::object map_object;
  if (!map || map->get_object().get(map_object) != simdjson::SUCCESS) return without_note_map(page);
  auto picked = pick_entry(ctx, map_object);
  if (auto* verdict = std::get_if<ParseResult>(&picked)) return std::move(*verdict);
  return map_entry(ctx, std::get<Entry>(picked));
}

}  // namespace koubei::parsers::xiaohongshu
