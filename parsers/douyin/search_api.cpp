#include "parsers/douyin/search_api.hpp"

#include "parsers/douyin/author.hpp"
#include "parsers/douyin/aweme.hpp"
#include "parsers/douyin/envelope.hpp"
#include "parsers/douyin/fields.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace koubei::parsers::douyin {
namespace {

// search_nil_type or search_nil_item values that explain an empty page.
constexpr auto kNilRules = std::to_array<SignalRule>({
    {"verify_check", Verdict::kCaptcha},
    {"login", Verdict::kLoginRequired},
    {"params_check", Verdict::kSignatureRejected},
    {"invalid_app", Verdict::kSignatureRejected},
    {"antispam_check", Verdict::kRateLimited},
    {"hit_shark", Verdict::kRateLimited},
});

/// The one nil reason read as a genuine "no results".
constexpr std::string_view kNoResult = "no_result";

std::string indexed(std::string_view prefix, std::size_t i) {
  return std::string(prefix) + "[" + std::to_string(i) + "]";
}

// Maps the awemes of one page, de-duplicated by aweme_id.
class Collector {
 public:
  Collector(const Context& ctx, ParseResult& result) : ctx_(ctx), result_(result) {}

  void add(json::element aweme, const std::string& where) {
    const auto id = read_native_id(aweme, kSnakeAweme.id);
    if (id && std::find(seen_.begin(), seen_.end(), *id) != seen_.end()) return;
    auto item = map_aweme(ctx_, aweme, kSnakeAweme, where, result_);
    if (!item) return;
    seen_.push_back(item->mention.native_id);
    result_.items.push_back(std::move(*item));
  }

  // A user card's user_info is an author the page shows, with or without awemes.
  void add_user(json::element user_card, const std::string& where) {
    const auto info = json::get(user_card, "user_info");
    if (!info) return;
    remember_author(result_,
                    read_author(*info, kSnakeUser, member_path(where, "user_info"), result_));
  }

  void add_list(json::element holder, std::string_view key, const std::string& where) {
    const auto list = json::get_array(holder, key);
    if (!list) return;
    std::size_t i = 0;
    for (json::element aweme : *list) {
      add(aweme, indexed(member_path(where, key), i++));
    }
  }

 private:
  const Context& ctx_;
  ParseResult& result_;
  std::vector<std::string> seen_;
};

// Collects the aweme variants of one data[] element; false when it carries none of them.
bool collect_element(Collector& collector, json::element e, const std::string& where) {
  bool known = false;
  if (const auto info = json::get(e, "aweme_info")) {
    known = true;
    collector.add(*info, member_path(where, "aweme_info"));
  }
  if (const auto mix = json::get(e, "aweme_mix_info")) {
    known = true;
    collector.add_list(*mix, "mix_items", member_path(where, "aweme_mix_info"));
  }
  if (const auto attached = json::at_path(e, "card_info.attached_info")) {
    known = true;
    collector.add_list(*attached, "aweme_list", member_path(where, "card_info.attached_info"));
  }
  if (const auto users = json::get_array(e, "user_list")) {
    known = true;
    std::size_t n = 0;
    for (json::element user : *users) {
      const std::string at = indexed(member_path(where, "user_list"), n++);
      collector.add_user(user, at);
      collector.add_list(user, "items", at);
    }
  }
  return known;
}

// The verdict of a page whose data[] yielded nothing (see the table in search_api.hpp).
ParseResult verdict_without_rows(json::element root, bool status_ok) {
  const auto nil = json::get(root, "search_nil_info");
  const auto type = nil ? json::get_string(*nil, "search_nil_type") : std::nullopt;
  const auto item = nil ? json::get_string(*nil, "search_nil_item") : std::nullopt;
  const std::string signal =
      "search_nil_info " + std::string(type.value_or("-")) + "/" + std::string(item.value_or("-"));
  for (const auto& name : {type, item}) {
    for (const SignalRule& rule : kNilRules) {
      if (name == rule.text) return verdict_only(rule.verdict, signal);
    }
  }
  const auto benign = [](const std::optional<std::string_view>& v) {
    return !v || v->empty() || *v == kNoResult;
  };
  if (!benign(type) || !benign(item)) return verdict_only(Verdict::kUnrecognized, signal);
  if (!has_member(root, "data")) return verdict_only(Verdict::kUnrecognized, "no data member");
  if (json::get_bool(root, "has_more").value_or(false)) {
    return verdict_only(Verdict::kUnrecognized, "data is empty but has_more is set");
  }
  if (!status_ok) return verdict_only(Verdict::kUnrecognized, "empty data without status_code 0");
  return verdict_only(Verdict::kEmpty, nil ? "no results (" + signal + ")" : "no results");
}

}  // namespace

ParseResult parse_search_api(const Context& ctx) {
  Envelope env = open_json(ctx);
  if (env.failure) return std::move(*env.failure);
  const auto data = json::get(env.root, "data");
  json::array elements;
  if (data && data->get_array().get(elements) != simdjson::SUCCESS) {
    return verdict_only(Verdict::kUnrecognized, "data is not an array");
  }
  ParseResult result;
  Collector collector(ctx, result);
  std::size_t total = 0;
  std::size_t known = 0;
  if (data) {
    for (json::element e : elements) {
      if (collect_element(collector, e, indexed("data", total))) ++known;
      ++total;
    }
  }
  if (known == 0 && total > 0) {
    return verdict_only(
        Verdict::kUnrecognized,
        "data[] holds " + std::to_string(total) + " elements but none carries an aweme");
  }
  if (known == 0) return verdict_without_rows(env.root, env.status_ok);
  result.verdict = Verdict::kOk;
  result.next = read_cursor(env.root, result);
  // The next page's search_id is this page's logid (MediaCrawler core.py): the client carries it.
  if (!result.next.end) {
    const auto extra = json::get(env.root, "extra");
    if (auto logid = extra ? json::get_text(*extra, "logid") : std::nullopt) {
      result.next.session = std::move(*logid);
    }
  }
  return result;
}

}  // namespace koubei::parsers::douyin
