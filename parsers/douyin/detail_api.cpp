#include "parsers/douyin/detail_api.hpp"

#include "parsers/douyin/aweme.hpp"
#include "parsers/douyin/envelope.hpp"

namespace koubei::parsers::douyin {
namespace {

// "aweme_detail null: status_self_see 因作品权限或已被删除…" from filter_detail, when present.
std::string missing_detail(json::element root) {
  const auto filter = json::get(root, "filter_detail");
  if (!filter) return "aweme_detail null (no filter_detail)";
  std::string why;
  for (const char* key : {"filter_reason", "detail_msg"}) {
    if (const auto text = json::get_string(*filter, key); text && !text->empty()) {
      if (!why.empty()) why += ' ';
      why += *text;
    }
  }
  return why.empty() ? "aweme_detail null" : "aweme_detail null: " + why;
}

// Why a returned aweme is not publicly visible, or "" when it is.
std::string hidden_reason(json::element aweme) {
  const auto status = json::get(aweme, "status");
  if (!status) return {};
  if (json::get_bool(*status, "is_delete").value_or(false)) return "status.is_delete";
  if (json::get_bool(*status, "is_prohibited").value_or(false)) return "status.is_prohibited";
  if (const auto priv = json::get_int(*status, "private_status"); priv && *priv != 0) {
    return "status.private_status " + std::to_string(*priv);
  }
  return {};
}

}  // namespace

ParseResult parse_detail_api(const Context& ctx) {
  Envelope env = open_json(ctx);
  if (env.failure) return std::move(*env.failure);
  const auto aweme = json::get(env.root, "aweme_detail");
  if (!aweme || !aweme->is_object()) {
    if (aweme) return verdict_only(Verdict::kUnrecognized, "aweme_detail is not an object");
    if (!env.status_ok) return verdict_only(Verdict::kUnrecognized, "no aweme_detail");
    return verdict_only(Verdict::kNotFound, missing_detail(env.root));
  }
  if (std::string reason = hidden_reason(*aweme); !reason.empty()) {
    return verdict_only(Verdict::kNotFound, std::move(reason));
  }
  ParseResult result;
  auto item = map_aweme(ctx, *aweme, kSnakeAweme, "aweme_detail", result);
  if (!item) return verdict_only(Verdict::kUnrecognized, "aweme_detail without a usable aweme_id");
  result.items.push_back(std::move(*item));
  result.verdict = Verdict::kOk;
  return result;
}

}  // namespace koubei::parsers::douyin
