#include "parsers/douyin/envelope.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <tuple>

using namespace koubei::parsers;          // NOLINT(google-build-using-namespace)
using namespace koubei::parsers::douyin;  // NOLINT(google-build-using-namespace)

namespace {

PageInput page_with(std::string_view body, int status) {
  PageInput page;
  page.type = PageType::kDouyinSearchApi;
  page.body = body;
  page.status = status;
  return page;
}

// The verdict open_json gives (kOk when it lets the page through).
Verdict envelope_verdict(std::string body, int status, std::string* detail = nullptr) {
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  const PageInput page = page_with(body, status);
  const ParseLimits limits;
  json::JsonParser parser;
  const auto env = open_json(Context{page, limits, parser});
  if (!env.failure) return Verdict::kOk;
  if (detail) *detail = env.failure->detail;
  return env.failure->verdict;
}

}  // namespace

TEST_CASE("douyin status codes map to verdicts by message first, then by code",
          "[parsers][douyin]") {
  const auto [code, msg, expected] = GENERATE(table<std::int64_t, std::string, Verdict>({
      {1105, "captcha verification required", Verdict::kCaptcha},
      {1105, "", Verdict::kCaptcha},
      {8, "用户未登录", Verdict::kLoginRequired},
      {8, "", Verdict::kLoginRequired},
      {8, "风控", Verdict::kRateLimited},
      {8, "Please LOGIN first", Verdict::kLoginRequired},
      {2053, "", Verdict::kNotFound},
      {2053, "unavailable", Verdict::kNotFound},
      {2053, "请求太频繁，请稍后再试", Verdict::kRateLimited},
      {2053, "IP risk control", Verdict::kRateLimited},
      {5, "视频不存在", Verdict::kNotFound},
      {4, "请完成验证", Verdict::kCaptcha},
      {2, "invalid parameters", Verdict::kSignatureRejected},
      {3, "Invalid Signature", Verdict::kSignatureRejected},
      {2154, "", Verdict::kUnrecognized},
      {1, "Url doesn't match", Verdict::kUnrecognized},
  }));
  INFO(code << " " << msg);
  CHECK(classify_status(code, msg) == expected);
}

TEST_CASE("douyin empty and \"blocked\" bodies on HTTP 200 are rate limited", "[parsers][douyin]") {
  const std::string body = GENERATE(
      std::string(), std::string(" \r\n\t"), std::string("blocked"), std::string("blocked\n"));
  const auto r = check_body(page_with(body, 200));
  REQUIRE(r.has_value());
  CHECK(r->verdict == Verdict::kRateLimited);
  CHECK(r->detail.find("account blocked or cookie invalid") != std::string::npos);
}

TEST_CASE("douyin body checks leave other bodies and statuses to the page parsers",
          "[parsers][douyin]") {
  CHECK_FALSE(check_body(page_with("{\"status_code\":0}", 200)).has_value());
  CHECK_FALSE(check_body(page_with("blocked by policy", 200)).has_value());
  CHECK_FALSE(check_body(page_with("", 503)).has_value());
  CHECK(check_body(page_with("", 0)).has_value());  // status 0 (a saved file) counts as 200
  const auto too_many = check_body(page_with("{}", 429));
  REQUIRE(too_many.has_value());
  CHECK(too_many->verdict == Verdict::kRateLimited);
  CHECK(too_many->detail == "HTTP 429");
}

TEST_CASE("douyin JSON envelopes that are not objects, or fail over HTTP, are unrecognized",
          "[parsers][douyin]") {
  CHECK(envelope_verdict("<html><body>出错了</body></html>", 200) == Verdict::kUnrecognized);
  CHECK(envelope_verdict("[1,2,3]", 200) == Verdict::kUnrecognized);
  CHECK(envelope_verdict("{\"status_code\":0", 200) == Verdict::kUnrecognized);
  CHECK(envelope_verdict("{\"status_code\":0}", 502) == Verdict::kUnrecognized);
  CHECK(envelope_verdict("{\"status_code\":0}", 200) == Verdict::kOk);
  CHECK(envelope_verdict("{\"data\":[]}", 200) == Verdict::kOk);
}

TEST_CASE("douyin envelope reports the status code and message it judged", "[parsers][douyin]") {
  std::string detail;
  CHECK(envelope_verdict("{\"status_code\":1105,\"status_msg\":\"captcha verification required\"}",
                         200,
                         &detail) == Verdict::kCaptcha);
  CHECK(detail == "status_code 1105 captcha verification required");
  CHECK(envelope_verdict("{\"status_code\":\"8\"}", 200, &detail) == Verdict::kLoginRequired);
  CHECK(detail == "status_code 8");
  // An error code outranks a failing HTTP status: the body says more than the status line.
  CHECK(envelope_verdict("{\"status_code\":8,\"status_msg\":\"用户未登录\"}", 403) ==
        Verdict::kLoginRequired);
}
