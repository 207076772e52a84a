#include "parsers/xiaohongshu/signals.hpp"

#include "config/secret.hpp"
#include "parsers/json/fields.hpp"
#include "parsers/url_query.hpp"

#include <charconv>

namespace koubei::parsers::xiaohongshu {
namespace {

struct CodeVerdict {
  std::int64_t code;
  Verdict verdict;
  std::string_view meaning;  ///< added to the detail when the page gives no msg
};

constexpr CodeVerdict kCodes[] = {
    {300012, Verdict::kRateLimited, "IP blocked"},
    {300013, Verdict::kRateLimited, "访问频次异常"},
    {300011, Verdict::kLoginRequired, "account restricted"},
    {300015, Verdict::kSignatureRejected, "sign fault (浏览器异常)"},
    {-100, Verdict::kLoginRequired, "登录已过期"},
    {-510000, Verdict::kNotFound, "note not found"},
    {-510001, Verdict::kNotFound, "当前内容无法展示"},
    {300031, Verdict::kNotFound, "当前笔记暂时无法浏览"},
    {-1, Verdict::kSignatureRejected, "signature outdated"},
};

const CodeVerdict* find_code(std::int64_t code) {
  for (const auto& c : kCodes) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

/// "/explore/abc" from "https://www.xiaohongshu.com/explore/abc?x=1".
std::string_view path_of(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return url;
  const auto slash = url.find('/', scheme + 3);
  return slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
}

std::string code_detail(std::int64_t code, std::string_view msg) {
  std::string detail = "code " + std::to_string(code);
  const CodeVerdict* known = find_code(code);
  if (known != nullptr) detail += " " + std::string(known->meaning);
  if (!msg.empty()) detail += ": " + std::string(msg);
  return detail;
}

ParseResult captcha_for_status(const PageInput& page, int status) {
  std::string detail = "HTTP " + std::to_string(status);
  for (std::string_view name : {"Verifytype", "Verifyuuid"}) {
    if (const auto v = header(page, name))
      detail += " " + std::string(name) + "=" + std::string(*v);
  }
  return verdict_only(Verdict::kCaptcha, std::move(detail));
}

/// A redirect's target, classified; nullopt for a target the body must explain.
std::optional<Verdict> redirect_target_verdict(std::string_view target, std::string& detail) {
  const std::string_view path = path_of(target);
  if (const auto error_code = query_param(target, "error_code")) {
    std::int64_t code = 0;
    const char* end = error_code->data() + error_code->size();
    if (std::from_chars(error_code->data(), end, code).ptr == end && !error_code->empty()) {
      detail += " (" + code_detail(code, query_param(target, "error_msg").value_or("")) + ")";
      if (const auto v = verdict_for_code(code)) return v;
    }
  }
  if (path.starts_with("/website-login/captcha")) return Verdict::kCaptcha;
  if (path == "/404" || path.starts_with("/404/")) return Verdict::kNotFound;
  if (path.starts_with("/website-login/error")) return Verdict::kCaptcha;  // 安全限制 page
  if (path.find("login") != std::string_view::npos) return Verdict::kLoginRequired;
  return std::nullopt;
}

std::optional<ParseResult> redirect_verdict(const PageInput& page, int status) {
  const bool is_3xx = status >= 300 && status < 400;
  if (!is_3xx && !redirected(page)) return std::nullopt;
  std::string target(page.final_url);
  if (target.empty()) {
    if (const auto location = header(page, "Location")) target = std::string(*location);
  }
  std::string detail = (is_3xx ? "HTTP " + std::to_string(status) + " " : std::string()) +
                       "redirected to " + (target.empty() ? "?" : config::redact_url(target));
  if (const auto v = redirect_target_verdict(target, detail)) return verdict_only(*v, detail);
  if (is_3xx) return verdict_only(Verdict::kCaptcha, detail);
  return std::nullopt;
}

bool is_api(PageType t) {
  return t != PageType::kXiaohongshuNoteHtml;
}

}  // namespace

std::optional<Verdict> verdict_for_code(std::int64_t code) {
  const CodeVerdict* known = find_code(code);
  if (known == nullptr) return std::nullopt;
  return known->verdict;
}

bool redirected(const PageInput& page) {
  return !page.final_url.empty() && path_of(page.final_url) != path_of(page.url);
}

std::optional<ParseResult> transport_verdict(const PageInput& page) {
  const int status = status_of(page);
  if (status == 461 || status == 471) return captcha_for_status(page, status);
  const std::string http = "HTTP " + std::to_string(status);
  if (status == 401 || status == 403) return verdict_only(Verdict::kLoginRequired, http);
  if (status == 429) return verdict_only(Verdict::kRateLimited, http);
  if (status == 406) return verdict_only(Verdict::kSignatureRejected, http + " signature outdated");
  if (status == 400 && is_api(page.type)) {
    return verdict_only(Verdict::kSignatureRejected, http + " request rejected (signature/body)");
  }
  if (status == 404 && !is_api(page.type)) return verdict_only(Verdict::kNotFound, http);
  return redirect_verdict(page, status);
}

std::optional<ParseResult> open_envelope(const Context& ctx, simdjson::dom::element& data) {
  const int status = status_of(ctx.page);
  const std::string http = status == 200 ? std::string() : "HTTP " + std::to_string(status) + " ";
  simdjson::dom::element root;
  if (ctx.json.parse(ctx.page.body, ctx.page.padded, root) != simdjson::SUCCESS) {
    return verdict_only(Verdict::kUnrecognized, http + "body is not JSON");
  }
  const auto code = json::get_int(root, "code");
  const auto success = json::get_bool(root, "success");
  const std::string_view msg = json::get_string(root, "msg").value_or("");
  if (code && *code != 0) {
    const auto v = verdict_for_code(*code);
    return verdict_only(v.value_or(Verdict::kUnrecognized), http + code_detail(*code, msg));
  }
  if (success == false) {
    return verdict_only(Verdict::kUnrecognized, http + "success:false " + std::string(msg));
  }
  if (status >= 300) return verdict_only(Verdict::kUnrecognized, http + "without an error code");
  if (!code && !success) return verdict_only(Verdict::kUnrecognized, "no code/success envelope");
  const auto d = json::get(root, "data");
  if (!d || !d->is_object()) return verdict_only(Verdict::kUnrecognized, "envelope without data");
  data = *d;
  return std::nullopt;
}

std::optional<ParseResult> open_list(const Context& ctx,
                                     std::string_view page,
                                     std::string_view key,
                                     simdjson::dom::element& data,
                                     simdjson::dom::array& list) {
  if (auto verdict = open_envelope(ctx, data)) return verdict;
  const auto found = json::get_array(data, key);
  if (!found) {
    return verdict_only(Verdict::kUnrecognized,
                        std::string(page) + ": no data." + std::string(key) + " array");
  }
  list = *found;
  return std::nullopt;
}

}  // namespace koubei::parsers::xiaohongshu
