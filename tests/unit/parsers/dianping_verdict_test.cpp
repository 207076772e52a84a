#include "parsers/dianping/page_verdict.hpp"
#include "tests/unit/parsers/dianping_test_page.hpp"

#include <catch2/catch.hpp>

using namespace koubei;
using parsers::Verdict;
using test::dianping::ended_at;
using test::dianping::parse_reviews;
using test::dianping::redirect;
using test::dianping::Request;
using test::dianping::with_status;

namespace {

constexpr std::string_view kVerify =
    "https://verify.meituan.com/v2/web/general_page?action=spiderindefence&requestCode=3f1c";

const std::string kNoCss =
    "<!DOCTYPE html><html><head><title>大众点评网</title></head><body>"
    "<div class=\"login-tip-box\">登录后查看全部点评</div></body></html>";
const std::string kCssNoReviews =
    "<!DOCTYPE html><html><head><link rel=\"stylesheet\" href=\"//s3plus.meituan.net/v1/mss_0a06/"
    "svgtextcss/6e7c.css\"></head><body><div class=\"review-list-v2\"></div></body></html>";

struct Row {
  const char* name;
  std::string body;
  Request request;
  Verdict verdict;
  const char* detail_has;
};

}  // namespace

TEST_CASE("each Dianping anti-bot signal maps to its verdict", "[parsers][dianping]") {
  const std::string page = test::dianping::review_page(test::dianping::review_li("1", "好吃"));
  const std::vector<Row> rows = {
      {"redirect to the slider",
       kNoCss,
       ended_at(kVerify),
       Verdict::kCaptcha,
       "verify.meituan.com"},
      {"redirect to a verify subdomain",
       kNoCss,
       ended_at("https://m.verify.meituan.com/x"),
       Verdict::kCaptcha,
       "verify"},
      {"a 302 whose Location is the slider",
       "",
       redirect(302, "Location", kVerify),
       Verdict::kCaptcha,
       "spiderindefence"},
      {"a 403 that ended on the slider",
       kNoCss,
       ended_at(kVerify, 403),
       Verdict::kCaptcha,
       "verify"},
      {"redirect to the login page",
       kNoCss,
       ended_at("https://account.dianping.com/pclogin?redir=x"),
       Verdict::kLoginRequired,
       "login"},
      {"HTTP 403 is an account ban", kNoCss, with_status(403), Verdict::kRateLimited, "account"},
      {"HTTP 429", kNoCss, with_status(429), Verdict::kRateLimited, "429"},
      {"HTTP 401", kNoCss, with_status(401), Verdict::kLoginRequired, "401"},
      {"HTTP 404", kNoCss, with_status(404), Verdict::kNotFound, "404"},
      {"HTTP 410", kNoCss, with_status(410), Verdict::kNotFound, "410"},
      {"HTTP 502", page, with_status(502), Verdict::kUnrecognized, "HTTP 502"},
      {"a 302 elsewhere",
       "",
       redirect(302, "location", "https://www.dianping.com/"),
       Verdict::kUnrecognized,
       "HTTP 302 to https://www.dianping.com/"},
      {"a slider link in the body",
       "<html><script>location.href=\"" + std::string(kVerify) + "\"</script></html>",
       {},
       Verdict::kCaptcha,
       "action=spiderindefence"},
      {"spiderindefence in the body",
       "<html><body>spiderindefence</body></html>",
       {},
       Verdict::kCaptcha,
       "spiderindefence"},
      {"customData.verifyPageUrl in JSON",
       "{\"code\":406,\"customData\":{\"verifyPageUrl\":\"https://optimus.example/verify?x=1\"}}",
       {},
       Verdict::kCaptcha,
       "customData.verifyPageUrl https://optimus.example/verify?x=1"},
      {"Dianping's error page",
       "<html><body><h2>抱歉！页面无法访问……</h2></body></html>",
       {},
       Verdict::kNotFound,
       "页面无法访问"},
      {"a page without the s3plus css and without reviews",
       kNoCss,
       {},
       Verdict::kLoginRequired,
       "s3plus"},
      {"a page with the s3plus css and without reviews",
       kCssNoReviews,
       {},
       Verdict::kUnrecognized,
       "no reviews container"},
      {"JSON without a verify URL",
       "{\"code\":200,\"reviewAllDOList\":[]}",
       {},
       Verdict::kUnrecognized,
       "not an HTML"},
      {"an empty body", "", {}, Verdict::kUnrecognized, "not an HTML"},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    const auto r = parse_reviews(row.body, {}, row.request);
    CHECK(r.verdict == row.verdict);
    CHECK(r.detail.find(row.detail_has) != std::string::npos);
    CHECK(r.items.empty());
    CHECK(r.next.end);
  }
}

TEST_CASE("a page that shows reviews is ok even when its scripts name the slider host",
          "[parsers][dianping]") {
  std::string page = test::dianping::review_page(test::dianping::review_li("7", "好吃"));
  page += "<script>var fallback = \"https://verify.meituan.com/v2/web/general_page\";</script>";
  const auto r = parse_reviews(page);
  CHECK(r.verdict == Verdict::kOk);
  CHECK(r.items.size() == 1);
}

TEST_CASE("transport verdicts leave a plain 200 to the body", "[parsers][dianping]") {
  parsers::PageInput page;
  CHECK_FALSE(parsers::dianping::transport_verdict(page).has_value());
  page.status = 200;
  page.final_url = "https://www.dianping.com/shop/k9AX5KRm7Fg5QOfG/review_all";
  CHECK_FALSE(parsers::dianping::transport_verdict(page).has_value());
  page.final_url = "https://notverify.meituan.com/x";
  CHECK_FALSE(parsers::dianping::transport_verdict(page).has_value());
}
