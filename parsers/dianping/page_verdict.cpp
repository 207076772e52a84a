#include "parsers/dianping/page_verdict.hpp"

#include "parsers/dianping/chars.hpp"
#include "parsers/json/fields.hpp"
#include "parsers/normalize/spaces.hpp"

#include <algorithm>
#include <string>

namespace koubei::parsers::dianping {
namespace {

constexpr std::string_view kVerifyHost = "verify.meituan.com";
constexpr std::string_view kLoginHost = "account.dianping.com";
constexpr std::size_t kMaxDetailUrl = 300;  // URLs quoted in a detail are cut to this
constexpr std::size_t kHtmlSniff = 4096;    // "<html" is expected within the first bytes

bool icontains(std::string_view s, std::string_view lower_needle) {
  for (std::size_t i = 0; i + lower_needle.size() <= s.size(); ++i) {
    if (iequals(s.substr(i, lower_needle.size()), lower_needle)) return true;
  }
  return false;
}

/// The host of an absolute or protocol-relative URL, lower-cased; "" when there is none.
std::string host_of(std::string_view url) {
  const auto scheme = url.find("//");
  if (scheme == std::string_view::npos) return {};
  url.remove_prefix(scheme + 2);
  url = url.substr(0, url.find_first_of("/?#:"));
  std::string host(url);
  std::transform(host.begin(), host.end(), host.begin(), ascii_lower);
  return host;
}

bool on_host(std::string_view url, std::string_view host) {
  const std::string h = host_of(url);
  return h == host ||
         (h.size() > host.size() && h.ends_with(host) && h[h.size() - host.size() - 1] == '.');
}

std::string cut(std::string_view s) {
  return std::string(s.substr(0, kMaxDetailUrl));
}

/// Where the redirect went: the final URL, else the Location of a 3xx answer.
std::string_view redirect_target(const PageInput& page) {
  if (!page.final_url.empty()) return page.final_url;
  const int status = status_of(page);
  if (status < 300 || status >= 400) return {};
  return header(page, "location").value_or(std::string_view());
}

/// The URL around the "verify.meituan.com" at `at` in the body, as far as it is quoted.
std::string_view url_around(std::string_view body, std::size_t at) {
  const auto stop = [](char c) {
    return c == '"' || c == '\'' || c == '<' || c == '>' || c == '(' || c == ')' || c == '\\' ||
           normalize::is_ascii_space(c);
  };
  std::size_t begin = at;
  while (begin > 0 && at - begin < 16 && !stop(body[begin - 1]))
    --begin;
  std::size_t end = at;
  while (end < body.size() && end - at < kMaxDetailUrl && !stop(body[end]))
    ++end;
  return body.substr(begin, end - begin);
}

/// customData.verifyPageUrl of a JSON body (the ajax API's captcha answer), when there is one.
std::optional<std::string> json_verify_url(const Context& ctx) {
  const std::string_view body = normalize::trim(ctx.page.body);
  if (body.empty() || body.front() != '{') return std::nullopt;
  json::element root;
  if (ctx.json.parse(ctx.page.body, ctx.page.padded, root) != simdjson::SUCCESS)
    return std::nullopt;
  const auto url = json::at_path(root, "customData.verifyPageUrl");
  std::string_view value;
  if (!url || url->get(value) != simdjson::SUCCESS || value.empty()) return std::nullopt;
  return cut(value);
}

bool looks_like_html(std::string_view body) {
  const std::string_view head = body.substr(0, kHtmlSniff);
  return icontains(head, "<html") || icontains(head, "<body") || icontains(head, "<!doctype html");
}

}  // namespace

std::optional<ParseResult> transport_verdict(const PageInput& page) {
  const std::string_view target = redirect_target(page);
  if (on_host(target, kVerifyHost)) {
    return verdict_only(Verdict::kCaptcha,
                        "redirected to verify.meituan.com slider: " + cut(target));
  }
  if (on_host(target, kLoginHost)) {
    return verdict_only(Verdict::kLoginRequired, "redirected to the login page: " + cut(target));
  }
  const int status = status_of(page);
  const std::string http = "HTTP " + std::to_string(status);
  switch (status) {
    case 403:
      return verdict_only(Verdict::kRateLimited,
                          http +
                              ": review pages banned for this account (Dianping bans per "
                              "account, not per IP); pause the account");
    case 429:
      return verdict_only(Verdict::kRateLimited, http + ": too many requests");
    case 401:
      return verdict_only(Verdict::kLoginRequired, http);
    case 404:
    case 410:
      return verdict_only(Verdict::kNotFound, http + ": no such shop");
    default:
      break;
  }
  if (status >= 300) {
    std::string detail = http;
    if (!target.empty()) detail += " to " + cut(target);
    return verdict_only(Verdict::kUnrecognized, detail);
  }
  return std::nullopt;
}

ParseResult body_verdict(const Context& ctx) {
  const std::string_view body = ctx.page.body;
  if (auto url = json_verify_url(ctx)) {
    return verdict_only(Verdict::kCaptcha, "customData.verifyPageUrl " + *url);
  }
  if (const auto at = body.find(kVerifyHost); at != std::string_view::npos) {
    return verdict_only(
        Verdict::kCaptcha,
        "verify.meituan.com slider in the page: " + std::string(url_around(body, at)));
  }
  if (body.find("spiderindefence") != std::string_view::npos) {
    return verdict_only(Verdict::kCaptcha, "spiderindefence in the page");
  }
  for (const std::string_view marker :
       {std::string_view("页面不存在"), std::string_view("页面无法访问")}) {
    if (body.find(marker) != std::string_view::npos) {
      return verdict_only(Verdict::kNotFound, "error page: " + std::string(marker));
    }
  }
  if (!looks_like_html(body)) {
    return verdict_only(Verdict::kUnrecognized, "not an HTML review page");
  }
  if (body.find("s3plus.meituan.net") == std::string_view::npos) {
    return verdict_only(Verdict::kLoginRequired,
                        "no reviews and no s3plus.meituan.net css link: cookie invalid or access "
                        "limited");
  }
  return verdict_only(Verdict::kUnrecognized,
                      "no reviews container (.reviews-items / .main-review)");
}

}  // namespace koubei::parsers::dianping
