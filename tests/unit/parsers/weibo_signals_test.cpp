#include "parsers/json/document.hpp"
#include "parsers/weibo/signals.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace koubei::parsers;

namespace {

std::string verdict_of(const std::optional<ParseResult>& r) {
  return r ? std::string(to_string(r->verdict)) : std::string("read on");
}

// The envelope verdict of a JSON body (REQUIRES valid JSON).
std::optional<ParseResult> envelope(const std::string& body) {
  json::JsonParser parser;
  simdjson::dom::element root;
  REQUIRE(parser.parse(body, false, root) == simdjson::SUCCESS);
  return weibo::envelope_verdict(root);
}

}  // namespace

TEST_CASE("weibo transport verdicts map HTTP statuses per platforms.md section 3",
          "[parsers][weibo]") {
  const auto [status, expected] = GENERATE(table<int, std::string>({
      {0, "read on"},  // a saved file: treated as 200
      {200, "read on"},
      {418, "rate_limited"},
      {432, "rate_limited"},
      {403, "rate_limited"},
      {429, "rate_limited"},
      {401, "login_required"},
      {404, "not_found"},
      {410, "not_found"},
      {500, "unrecognized"},
      {302, "unrecognized"},  // a redirect to somewhere unknown
  }));
  PageInput page;
  page.status = status;
  const auto r = weibo::transport_verdict(page);
  INFO("HTTP " << status);
  CHECK(verdict_of(r) == expected);
  if (r) CHECK(r->detail == "HTTP " + std::to_string(status));
}

TEST_CASE("weibo redirects to login or captcha pages decide the verdict before the body",
          "[parsers][weibo]") {
  const auto [final_url, expected] = GENERATE(table<std::string, std::string>({
      {"https://passport.weibo.com/visitor/visitor?entry=miniblog&a=enter", "login_required"},
      {"https://passport.weibo.cn/signin/login?entry=mweibo&r=x", "login_required"},
      {"https://login.sina.com.cn/sso/login.php?client=ssologin", "login_required"},
      {"https://weibo.com/login.php", "login_required"},
      {"https://m.weibo.cn/login?backURL=x", "login_required"},
      {"https://m.weibo.cn/captcha?scene=limit&referer=/", "captcha"},
      {"https://m.weibo.cn/api/container/getIndex?containerid=1", "read on"},
      {"https://s.weibo.com/weibo?q=login", "read on"},  // "login" only in the query
  }));
  PageInput page;
  page.status = 200;
  page.final_url = final_url;
  INFO(final_url);
  CHECK(verdict_of(weibo::transport_verdict(page)) == expected);
}

TEST_CASE("weibo reads the Location header of an unfollowed redirect", "[parsers][weibo]") {
  PageInput page;
  page.status = 302;
  page.headers = {{"location", "https://passport.weibo.com/visitor/visitor?a=enter"}};
  const auto r = weibo::transport_verdict(page);
  REQUIRE(r.has_value());
  CHECK(r->verdict == Verdict::kLoginRequired);
  CHECK(r->detail.starts_with("HTTP 302 redirect to login page https://passport.weibo.com/"));
}

TEST_CASE("weibo envelope verdicts follow ok and msg", "[parsers][weibo]") {
  const auto [body, expected] = GENERATE(table<std::string, std::string>({
      {R"({"ok":1,"data":{"cards":[]}})", "read on"},
      {R"({"ok":"1","data":{}})", "read on"},
      {R"({"ok":0,"msg":"这里还没有内容","data":{"cards":[]}})", "empty"},
      {R"({"ok":0,"msg":"这里还没有内容"})", "empty"},
      {R"({"ok":0,"msg":"这里还没有内容","data":{"cards":[{"card_type":9}]}})", "unrecognized"},
      {R"({"ok":0,"msg":"请求过于频繁，请稍后再试"})", "rate_limited"},
      {R"({"ok":0,"msg":"操作过快"})", "rate_limited"},
      {R"({"ok":0,"msg":"请先登录"})", "login_required"},
      {R"({"ok":0,"msg":"该微博不存在"})", "not_found"},
      {R"({"ok":0,"msg":"微博已被作者删除"})", "not_found"},
      {R"({"ok":0,"msg":"参数错误"})", "unrecognized"},
      {R"({"ok":0})", "unrecognized"},
      {R"({"ok":-100,"url":"https://m.weibo.cn/captcha?scene=limit&referer=/"})", "captcha"},
      {R"({"ok":-100})", "captcha"},
      {R"({"ok":-100,"url":"https://passport.weibo.cn/signin/welcome?entry=mweibo"})",
       "login_required"},
      {R"({"ok":2,"data":{}})", "unrecognized"},
      {R"({"ok":1.5})", "unrecognized"},
      {R"({"data":{"cards":[]}})", "unrecognized"},
      {R"([1,2])", "unrecognized"},
  }));
  INFO(body);
  CHECK(verdict_of(envelope(body)) == expected);
}

TEST_CASE("weibo verdict details name their signal", "[parsers][weibo]") {
  CHECK(envelope(R"({"ok":-100,"url":"https://m.weibo.cn/captcha?scene=limit"})")->detail ==
        "ok:-100 captcha https://m.weibo.cn/captcha?scene=limit");
  CHECK(envelope(R"({"ok":0,"msg":"参数错误"})")->detail == "ok:0 msg \"参数错误\"");
  CHECK(envelope(R"({"ok":7})")->detail == "ok:7");
  const auto end = envelope(R"({"ok":0,"msg":"这里还没有内容","data":{"cards":[]}})");
  CHECK(end->detail.find("weibo-crawler #491") != std::string::npos);
}

TEST_CASE("weibo recognises the Sina Visitor System page as a login wall", "[parsers][weibo]") {
  const auto r = weibo::foreign_page_verdict("<html><title>Sina Visitor System</title></html>");
  REQUIRE(r.has_value());
  CHECK(r->verdict == Verdict::kLoginRequired);
  CHECK_FALSE(weibo::foreign_page_verdict("<html><title>微博搜索</title></html>").has_value());
}

TEST_CASE("weibo clips details at a character boundary", "[parsers][weibo]") {
  CHECK(weibo::clip("abc", 10) == "abc");
  CHECK(weibo::clip("abcdef", 3) == "abc…");
  // "这里" is 6 bytes; cutting at 4 backs up to the end of "这".
  CHECK(weibo::clip("这里", 4) == "这…");
}
