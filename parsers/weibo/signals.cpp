#include "parsers/weibo/signals.hpp"

#include "config/secret.hpp"
#include "parsers/json/fields.hpp"


namespace koubei::parsers::weibo {
namespace {

std::string_view host_of(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
  } else if (url.starts_with("//")) {
    url.remove_prefix(2);
  } else {
    return {};
  }
  return url.substr(0, url.find_first_of("/?#"));
}

std::string_view path_of(std::string_view url) {
  const std::string_view host = host_of(url);
  if (!host.empty()) {
    url.remove_prefix(static_cast<std::size_t>(host.data() - url.data()) + host.size());
  }
  return url.substr(0, url.find_first_of("?#"));
}

bool contains(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

bool is_login_url(std::string_view url) {
  const std::string_view host = host_of(url);
  const std::string_view path = path_of(url);
  return host == "passport.weibo.com" || host == "passport.weibo.cn" ||
         host == "login.sina.com.cn" || path.starts_with("/login") || contains(path, "/signin") ||
         contains(path, "/visitor/") || contains(path, "login.php");
}

bool is_captcha_url(std::string_view url) {
  return path_of(url).starts_with("/captcha");
}

// A redirect target (final_url, or a Location header on an unfollowed 3xx) that says something.
std::optional<ParseResult> redirect_verdict(std::string_view target, std::string_view how) {
  if (target.empty()) return std::nullopt;
  const std::string shown = clip(config::redact_url(target));
  if (is_login_url(target)) {
    return verdict_only(Verdict::kLoginRequired, std::string(how) + " to login page " + shown);
  }
  if (is_captcha_url(target)) {
    return verdict_only(Verdict::kCaptcha, std::string(how) + " to captcha " + shown);
  }
  return std::nullopt;
}

std::string_view location_header(const PageInput& page) {
  return header(page, "location").value_or(std::string_view());
}

bool has_no_items(simdjson::dom::element root) {
  for (const std::string_view path : {"data.cards", "data.data"}) {
    const auto v = json::at_path(root, path);
    simdjson::dom::array arr;
    if (v && (v->get_array().get(arr) != simdjson::SUCCESS || arr.size() != 0)) return false;
  }
  return true;
}

ParseResult ok0_verdict(simdjson::dom::element root) {
  const std::string msg(json::get_string(root, "msg").value_or(""));
  const std::string detail = "ok:0 msg \"" + clip(msg) + "\"";
  if (contains(msg, "这里还没有内容") && has_no_items(root)) {
    return verdict_only(Verdict::kEmpty,
                        detail +
                            " (end of results; weibo-crawler #491 saw the same "
                            "answer under throttling)");
  }
  if (contains(msg, "频繁") || contains(msg, "过快") || contains(msg, "稍后再试")) {
    return verdict_only(Verdict::kRateLimited, detail);
  }
  if (contains(msg, "登录")) return verdict_only(Verdict::kLoginRequired, detail);
  if (contains(msg, "不存在") || contains(msg, "删除")) {
    return verdict_only(Verdict::kNotFound, detail);
  }
  return verdict_only(Verdict::kUnrecognized, detail);
}

}  // namespace

std::string clip(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  // Back up over continuation bytes (10xxxxxx) to the start of a character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  return std::string(text.substr(0, end)) + "…";
}

std::optional<ParseResult> transport_verdict(const PageInput& page) {
  if (auto v = redirect_verdict(page.final_url, "redirected")) return v;
  const int status = status_of(page);
  const std::string http = "HTTP " + std::to_string(status);
  switch (status) {
    case 418:
    case 432:
    case 403:
    case 429:
      return verdict_only(Verdict::kRateLimited, http);
    case 401:
      return verdict_only(Verdict::kLoginRequired, http);
    case 404:
    case 410:
      return verdict_only(Verdict::kNotFound, http);
    default:
      break;
  }
  if (status >= 300 && status < 400) {
    if (auto v = redirect_verdict(location_header(page), http + " redirect")) return v;
  }
  if (status < 200 || status >= 300) return verdict_only(Verdict::kUnrecognized, http);
  return std::nullopt;
}

std::optional<ParseResult> foreign_page_verdict(std::string_view body) {
  if (contains(body, "Sina Visitor System")) {
    return verdict_only(Verdict::kLoginRequired, "Sina Visitor System page (visitor cookie check)");
  }
  return std::nullopt;
}

std::optional<ParseResult> envelope_verdict(simdjson::dom::element root) {
  if (!json::get(root, "ok")) return verdict_only(Verdict::kUnrecognized, "no \"ok\" field");
  const auto ok = json::get_int(root, "ok");
  if (ok == 1) return std::nullopt;
  if (ok == 0) return ok0_verdict(root);
  if (ok == -100) {
    const std::string url(json::get_string(root, "url").value_or(""));
    const std::string shown = clip(config::redact_url(url));
    if (!url.empty() && is_login_url(url)) {
      return verdict_only(Verdict::kLoginRequired, "ok:-100 login " + shown);
    }
    return verdict_only(Verdict::kCaptcha, "ok:-100 captcha " + shown);
  }
  return verdict_only(Verdict::kUnrecognized,
                      ok ? "ok:" + std::to_string(*ok) : std::string("\"ok\" is not a number"));
}

std::optional<ParseResult> open_api_page(const Context& ctx, simdjson::dom::element& root) {
  if (auto v = transport_verdict(ctx.page)) return v;
  const simdjson::error_code error = ctx.json.parse(ctx.page.body, ctx.page.padded, root);
  if (error != simdjson::SUCCESS) {
    if (auto v = foreign_page_verdict(ctx.page.body)) return v;
    return verdict_only(Verdict::kUnrecognized,
                        std::string("body is not JSON: ") + simdjson::error_message(error));
  }
  return envelope_verdict(root);
}

}  // namespace koubei::parsers::weibo
