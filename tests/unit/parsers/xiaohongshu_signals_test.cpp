// Xiaohongshu verdict mapping: JSON codes, HTTP statuses, headers, redirects and the envelope.
#include "parsers/xiaohongshu/signals.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>

using namespace koubei::parsers;
using koubei::parsers::xiaohongshu::open_envelope;
using koubei::parsers::xiaohongshu::transport_verdict;
using koubei::parsers::xiaohongshu::verdict_for_code;

namespace {

PageInput page_of(PageType type,
                  int status,
                  std::string_view url = {},
                  std::string_view final_url = {}) {
  PageInput page;
  page.type = type;
  page.status = status;
  page.url = url;
  page.final_url = final_url;
  return page;
}

constexpr std::string_view kNote =
    "https://www.xiaohongshu.com/explore/"
    "6b015ec8000000001d03a7f2?xsec_token=AB&xsec_source=pc_feed";

}  // namespace

TEST_CASE("xiaohongshu error codes map to the verdicts of platforms.md section 3",
          "[parsers][xiaohongshu]") {
  const auto [code, verdict] = GENERATE(table<std::int64_t, Verdict>({
      {300012, Verdict::kRateLimited},
      {300013, Verdict::kRateLimited},
      {300011, Verdict::kLoginRequired},
      {300015, Verdict::kSignatureRejected},
      {-100, Verdict::kLoginRequired},
      {-510000, Verdict::kNotFound},
      {-510001, Verdict::kNotFound},
      {300031, Verdict::kNotFound},
      {-1, Verdict::kSignatureRejected},
  }));
  INFO("code " << code);
  CHECK(verdict_for_code(code) == verdict);
}

TEST_CASE("xiaohongshu codes koubei does not know have no verdict of their own",
          "[parsers][xiaohongshu]") {
  CHECK_FALSE(verdict_for_code(300019).has_value());
  CHECK_FALSE(verdict_for_code(0).has_value());
  CHECK_FALSE(verdict_for_code(461).has_value());
}

TEST_CASE("xiaohongshu HTTP 461 and 471 are captchas that name the verify headers",
          "[parsers][xiaohongshu]") {
  PageInput page = page_of(PageType::kXiaohongshuSearchApi, 461);
  page.headers = {{"content-type", "application/json"},
                  {"verifytype", "102"},
                  {"VERIFYUUID", "shield-4f9bcc31-0bc0-462a-843a-e60239713e46"}};
  const auto r = transport_verdict(page);
  REQUIRE(r.has_value());
  CHECK(r->verdict == Verdict::kCaptcha);
  CHECK(r->detail ==
        "HTTP 461 Verifytype=102 Verifyuuid=shield-4f9bcc31-0bc0-462a-843a-e60239713e46");

  const auto bare = transport_verdict(page_of(PageType::kXiaohongshuUserApi, 471));
  REQUIRE(bare.has_value());
  CHECK(bare->verdict == Verdict::kCaptcha);
  CHECK(bare->detail == "HTTP 471");
}

TEST_CASE("xiaohongshu HTTP statuses map to verdicts before the body is read",
          "[parsers][xiaohongshu]") {
  const auto [type, status, verdict] = GENERATE(table<PageType, int, Verdict>({
      {PageType::kXiaohongshuFeedApi, 401, Verdict::kLoginRequired},
      {PageType::kXiaohongshuNoteHtml, 403, Verdict::kLoginRequired},
      {PageType::kXiaohongshuCommentsApi, 429, Verdict::kRateLimited},
      {PageType::kXiaohongshuCommentsApi, 406, Verdict::kSignatureRejected},
      {PageType::kXiaohongshuSearchApi, 400, Verdict::kSignatureRejected},
      {PageType::kXiaohongshuNoteHtml, 404, Verdict::kNotFound},
      {PageType::kXiaohongshuNoteHtml, 302, Verdict::kCaptcha},
  }));
  INFO("HTTP " << status);
  const auto r = transport_verdict(page_of(type, status, kNote));
  REQUIRE(r.has_value());
  CHECK(r->verdict == verdict);
  CHECK(r->detail.starts_with("HTTP " + std::to_string(status)));
}

TEST_CASE("xiaohongshu statuses without a fixed meaning are left to the body",
          "[parsers][xiaohongshu]") {
  CHECK_FALSE(transport_verdict(page_of(PageType::kXiaohongshuSearchApi, 200)).has_value());
  CHECK_FALSE(transport_verdict(page_of(PageType::kXiaohongshuSearchApi, 0)).has_value());
  CHECK_FALSE(transport_verdict(page_of(PageType::kXiaohongshuNoteHtml, 400, kNote)).has_value());
  CHECK_FALSE(transport_verdict(page_of(PageType::kXiaohongshuFeedApi, 404)).has_value());
  CHECK_FALSE(transport_verdict(page_of(PageType::kXiaohongshuFeedApi, 500)).has_value());
}

TEST_CASE("xiaohongshu redirects are judged by where they end", "[parsers][xiaohongshu]") {
  const auto [target, verdict] = GENERATE(table<std::string, Verdict>({
      {"https://www.xiaohongshu.com/website-login/"
       "captcha?redirectPath=x&verifyType=101&verifyBiz=461",
       Verdict::kCaptcha},
      {"https://www.xiaohongshu.com/website-login/error?error_code=300012", Verdict::kRateLimited},
      {"https://www.xiaohongshu.com/website-login/error?error_code=300013", Verdict::kRateLimited},
      {"https://www.xiaohongshu.com/404?error_code=300011", Verdict::kLoginRequired},
      {"https://www.xiaohongshu.com/website-login/error?x=1", Verdict::kCaptcha},
      {"https://www.xiaohongshu.com/404/sec_abc?source=note", Verdict::kNotFound},
      {"https://www.xiaohongshu.com/login?redirectPath=%2Fexplore", Verdict::kLoginRequired},
  }));
  INFO(target);
  const auto r = transport_verdict(page_of(PageType::kXiaohongshuNoteHtml, 200, kNote, target));
  REQUIRE(r.has_value());
  CHECK(r->verdict == verdict);
  CHECK(r->detail.find("redirected to https://www.xiaohongshu.com/") != std::string::npos);
}

TEST_CASE("xiaohongshu redirects that keep the path or go somewhere unknown are not verdicts",
          "[parsers][xiaohongshu]") {
  const std::string same_path =
      "https://www.xiaohongshu.com/explore/6b015ec8000000001d03a7f2?xsec_source=pc_feed";
  CHECK_FALSE(transport_verdict(page_of(PageType::kXiaohongshuNoteHtml, 200, kNote, same_path))
                  .has_value());
  CHECK_FALSE(transport_verdict(page_of(PageType::kXiaohongshuNoteHtml,
                                        200,
                                        kNote,
                                        "https://www.xiaohongshu.com/discovery/item/6b01"))
                  .has_value());
}

TEST_CASE("xiaohongshu 3xx without a known target is a captcha that reads the Location header",
          "[parsers][xiaohongshu]") {
  PageInput page = page_of(PageType::kXiaohongshuNoteHtml, 302, kNote);
  page.headers = {{"Location", "https://www.xiaohongshu.com/explore?xsec_token=secret"}};
  const auto r = transport_verdict(page);
  REQUIRE(r.has_value());
  CHECK(r->verdict == Verdict::kCaptcha);
  CHECK(r->detail == "HTTP 302 redirected to https://www.xiaohongshu.com/explore?xsec_token=***");
}

namespace {

std::pair<std::optional<ParseResult>, std::string> envelope_of(std::string body, int status = 200) {
  PageInput page = page_of(PageType::kXiaohongshuFeedApi, status);
  page.body = body;
  const ParseLimits limits;
  json::JsonParser parser;
  const Context ctx{page, limits, parser};
  simdjson::dom::element data;
  auto r = open_envelope(ctx, data);
  std::string data_json = r ? std::string() : simdjson::minify(data);
  return {std::move(r), data_json};
}

}  // namespace

TEST_CASE("xiaohongshu envelope hands over data on success", "[parsers][xiaohongshu]") {
  const auto [r, data] = envelope_of(R"({"code":0,"success":true,"msg":"成功","data":{"a":1}})");
  CHECK_FALSE(r.has_value());
  CHECK(data == R"({"a":1})");
}

TEST_CASE("xiaohongshu envelope reports what is wrong with a page", "[parsers][xiaohongshu]") {
  const auto [body, status, verdict, detail] =
      GENERATE(table<std::string, int, Verdict, std::string>({
          {"<html>blocked</html>", 200, Verdict::kUnrecognized, "body is not JSON"},
          {R"({"code":300013,"success":false,"msg":"访问频次异常"})",
           200,
           Verdict::kRateLimited,
           "code 300013 访问频次异常: 访问频次异常"},
          {R"({"code":300012,"success":false,"msg":"网络连接异常"})",
           200,
           Verdict::kRateLimited,
           "code 300012 IP blocked: 网络连接异常"},
          {R"({"code":300019,"success":false,"msg":"系统繁忙"})",
           200,
           Verdict::kUnrecognized,
           "code 300019: 系统繁忙"},
          {R"({"code":-1,"success":false})",
           200,
           Verdict::kSignatureRejected,
           "code -1 signature outdated"},
          {R"({"success":false,"msg":"参数错误"})",
           200,
           Verdict::kUnrecognized,
           "success:false 参数错误"},
          {R"({"code":0,"success":true,"msg":"成功"})",
           200,
           Verdict::kUnrecognized,
           "envelope without data"},
          {R"({"data":{}})", 200, Verdict::kUnrecognized, "no code/success envelope"},
          {R"({"code":0,"success":true,"data":{}})",
           502,
           Verdict::kUnrecognized,
           "HTTP 502 without an error code"},
          {R"({"code":-510001,"success":false,"msg":"当前内容无法展示"})",
           500,
           Verdict::kNotFound,
           "HTTP 500 code -510001 当前内容无法展示: 当前内容无法展示"},
      }));
  INFO(body);
  const auto [r, data] = envelope_of(body, status);
  REQUIRE(r.has_value());
  CHECK(r->verdict == verdict);
  CHECK(r->detail == detail);
  CHECK(r->items.empty());
}
