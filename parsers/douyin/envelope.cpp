#include "parsers/douyin/envelope.hpp"

#include "parsers/normalize/spaces.hpp"

#include <array>

namespace koubei::parsers::douyin {
namespace {

// Checked in order: the first text (lower case) found in status_msg decides.
constexpr auto kMessageRules = std::to_array<SignalRule>({
    {"验证", Verdict::kCaptcha},
    {"captcha", Verdict::kCaptcha},
    {"verif", Verdict::kCaptcha},
    {"登录", Verdict::kLoginRequired},
    {"login", Verdict::kLoginRequired},
    {"频繁", Verdict::kRateLimited},
    {"frequent", Verdict::kRateLimited},
    {"too many", Verdict::kRateLimited},
    {"稍后", Verdict::kRateLimited},
    {"风控", Verdict::kRateLimited},
    {"risk", Verdict::kRateLimited},
    {"limit", Verdict::kRateLimited},
    {"不存在", Verdict::kNotFound},
    {"删除", Verdict::kNotFound},
    {"unavailable", Verdict::kNotFound},
    {"not exist", Verdict::kNotFound},
    {"无法查看", Verdict::kNotFound},
    {"参数", Verdict::kSignatureRejected},
    {"param", Verdict::kSignatureRejected},
    {"signature", Verdict::kSignatureRejected},
});

struct CodeRule {
  std::int64_t code;
  Verdict verdict;
};

constexpr auto kCodeRules = std::to_array<CodeRule>({
    {1105, Verdict::kCaptcha},     // "captcha verification required"
    {8, Verdict::kLoginRequired},  // "用户未登录"
    {2053, Verdict::kNotFound},    // content unavailable (deleted, private, under review)
});

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string http_detail(int status) {
  return "HTTP " + std::to_string(status);
}

}  // namespace

std::optional<ParseResult> check_body(const PageInput& page) {
  const int status = status_of(page);
  if (status == 429) return verdict_only(Verdict::kRateLimited, http_detail(status));
  if (status < 200 || status >= 300) return std::nullopt;
  const std::string_view body = normalize::trim(page.body);
  if (body.empty()) {
    return verdict_only(Verdict::kRateLimited, "empty body: account blocked or cookie invalid");
  }
  if (body == "blocked") {
    return verdict_only(Verdict::kRateLimited,
                        "body \"blocked\": account blocked or cookie invalid");
  }
  return std::nullopt;
}

Verdict classify_status(std::int64_t code, std::string_view status_msg) {
  const std::string msg = ascii_lower(status_msg);
  for (const SignalRule& rule : kMessageRules) {
    if (msg.find(rule.text) != std::string::npos) return rule.verdict;
  }
  for (const CodeRule& rule : kCodeRules) {
    if (rule.code == code) return rule.verdict;
  }
  return Verdict::kUnrecognized;
}

Envelope open_json(const Context& ctx) {
  Envelope env;
  if (auto failure = check_body(ctx.page)) {
    env.failure = std::move(failure);
    return env;
  }
  const int status = status_of(ctx.page);
  if (ctx.json.parse(ctx.page.body, ctx.page.padded, env.root) != simdjson::SUCCESS ||
      !env.root.is_object()) {
    env.failure =
        verdict_only(Verdict::kUnrecognized, "not a JSON object (" + http_detail(status) + ")");
    return env;
  }
  const auto code = json::get_int(env.root, "status_code");
  if (code && *code != 0) {
    const std::string msg(json::get_string(env.root, "status_msg").value_or(""));
    env.failure = verdict_only(
        classify_status(*code, msg),
        "status_code " + std::to_string(*code) + (msg.empty() ? std::string() : " " + msg));
    return env;
  }
  if (status < 200 || status >= 300) {
    env.failure = verdict_only(Verdict::kUnrecognized, http_detail(status) + " without an error");
    return env;
  }
  env.status_ok = code.has_value();
  return env;
}

}  // namespace koubei::parsers::douyin
