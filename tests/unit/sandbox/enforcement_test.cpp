// Every refusal the sandbox gives (rate limits per IP and per account, missing login, a wrong
// signature, a missing item, injected faults) parses with koubei's parsers to the verdict the real
// platform's answer gets.
#include <catch2/catch.hpp>

#include "tests/unit/sandbox/router_harness.hpp"

namespace koubei::sandbox::test {
namespace {

using parsers::PageType;
using parsers::Verdict;

struct Expect {
  PageType type;
  Verdict ip_block;
  Verdict account_block;
  Verdict no_login;  ///< kOk where the platform serves the page without a login
};

constexpr Expect kExpect[] = {
    {PageType::kWeiboSearchApi, Verdict::kRateLimited, Verdict::kCaptcha, Verdict::kOk},
    {PageType::kWeiboTimelineApi, Verdict::kRateLimited, Verdict::kCaptcha, Verdict::kOk},
    {PageType::kWeiboCommentsApi, Verdict::kRateLimited, Verdict::kCaptcha, Verdict::kLoginRequired},
    {PageType::kWeiboSearchHtml, Verdict::kRateLimited, Verdict::kCaptcha, Verdict::kLoginRequired},
    {PageType::kWeiboDetailHtml, Verdict::kRateLimited, Verdict::kCaptcha, Verdict::kLoginRequired},
    {PageType::kXiaohongshuSearchApi, Verdict::kCaptcha, Verdict::kRateLimited, Verdict::kLoginRequired},
    {PageType::kXiaohongshuFeedApi, Verdict::kCaptcha, Verdict::kRateLimited, Verdict::kLoginRequired},
    {PageType::kXiaohongshuNoteHtml, Verdict::kCaptcha, Verdict::kCaptcha, Verdict::kOk},
    {PageType::kXiaohongshuCommentsApi, Verdict::kCaptcha, Verdict::kRateLimited, Verdict::kLoginRequired},
    {PageType::kXiaohongshuUserApi, Verdict::kCaptcha, Verdict::kRateLimited, Verdict::kLoginRequired},
    {PageType::kDouyinSearchApi, Verdict::kCaptcha, Verdict::kRateLimited, Verdict::kLoginRequired},
    {PageType::kDouyinDetailApi, Verdict::kRateLimited, Verdict::kRateLimited, Verdict::kLoginRequired},
    {PageType::kDouyinCommentsApi, Verdict::kRateLimited, Verdict::kRateLimited, Verdict::kLoginRequired},
    {PageType::kDouyinVideoHtml, Verdict::kRateLimited, Verdict::kRateLimited, Verdict::kCaptcha},
    {PageType::kDouyinUserApi, Verdict::kRateLimited, Verdict::kRateLimited, Verdict::kLoginRequired},
    {PageType::kDianpingReviewsHtml, Verdict::kCaptcha, Verdict::kRateLimited, Verdict::kLoginRequired},
};

std::string tight_limits() {
  std::string out;
  for (const char* p : {"weibo", "xiaohongshu", "douyin", "dianping"}) {
    out += std::string("[limits.") + p +
           "]\nip_rate = \"1/h\"\nip_burst = 2\ncookie_rate = \"1/h\"\ncookie_burst = 2\n";
  }
  return out;
}

Verdict verdict_of(Harness& h, PageType type, const Request& r) {
  const Response res = h.handle(r);
  const auto parsed = h.parse(type, r, res);
  INFO(parsed.detail << " | HTTP " << res.status << " | " << res.body.substr(0, 300));
  return parsed.verdict;
}

}  // namespace

TEST_CASE("a valid request of every page type is answered ok", "[sandbox][router]") {
  Harness h(scenario_toml());
  for (const Expect& e : kExpect) {
    INFO(parsers::to_string(e.type));
    const Request r = h.request_for(e.type);
    CHECK(verdict_of(h, e.type, r) == Verdict::kOk);
  }
}

TEST_CASE("per-IP and per-account limits answer as each platform does", "[sandbox][router]") {
  for (const Expect& e : kExpect) {
    INFO(parsers::to_string(e.type));
    {
      Harness h(scenario_toml(tight_limits()));
      Request r = h.request_for(e.type);
      // Fresh accounts from one IP: the IP bucket (burst 2) runs dry on the third request.
      for (int i = 0; i < 2; ++i) {
        Harness::identify(r, e.type, "fresh" + std::to_string(i), "10.1.1.1");
        CHECK(verdict_of(h, e.type, r) == Verdict::kOk);
      }
      Harness::identify(r, e.type, "fresh9", "10.1.1.1");
      CHECK(verdict_of(h, e.type, r) == e.ip_block);
    }
    {
      Harness h(scenario_toml(tight_limits()));
      Request r = h.request_for(e.type);
      // One account from many IPs: the account bucket runs dry.
      for (int i = 0; i < 2; ++i) {
        Harness::identify(r, e.type, "one", "10.2.0." + std::to_string(i));
        CHECK(verdict_of(h, e.type, r) == Verdict::kOk);
      }
      Harness::identify(r, e.type, "one", "10.2.0.9");
      CHECK(verdict_of(h, e.type, r) == e.account_block);
    }
  }
}

TEST_CASE("pages that need a login say so the platform's way", "[sandbox][router]") {
  Harness h(scenario_toml());
  for (const Expect& e : kExpect) {
    INFO(parsers::to_string(e.type));
    Request r = h.request_for(e.type);
    Harness::identify(r, e.type, "", "10.3.0.1");
    CHECK(verdict_of(h, e.type, r) == e.no_login);
  }
}

TEST_CASE("a wrong or missing signature is rejected on the XHS and Douyin APIs", "[sandbox][router]") {
  Harness h(scenario_toml());
  for (PageType t : {PageType::kXiaohongshuSearchApi, PageType::kXiaohongshuFeedApi,
                     PageType::kXiaohongshuCommentsApi, PageType::kXiaohongshuUserApi,
                     PageType::kDouyinSearchApi, PageType::kDouyinDetailApi,
                     PageType::kDouyinCommentsApi, PageType::kDouyinUserApi}) {
    INFO(parsers::to_string(t));
    Request r = h.request_for(t);
    if (r.path.starts_with("/aweme/")) {
      r.query.back() = r.query.back() == '0' ? '1' : '0';  // one hex digit of a_bogus
    } else {
      for (auto& [k, v] : r.headers) {
        if (k == "x-t") v = "1795312800001";  // signed for another time
      }
    }
    CHECK(verdict_of(h, t, r) == Verdict::kSignatureRejected);
  }
}

TEST_CASE("unknown items are not found", "[sandbox][router]") {
  Harness h(scenario_toml());
  struct Case {
    PageType type;
    std::string path, query;
  };
  const Case cases[] = {
      {PageType::kWeiboDetailHtml, "/detail/400000099999999", ""},
      {PageType::kXiaohongshuNoteHtml, "/explore/6741b2c5000000000000000", ""},
      {PageType::kDouyinVideoHtml, "/video/7400000000000000000", ""},
      {PageType::kDianpingReviewsHtml, "/shop/NoSuchShop1/review_all", ""},
  };
  for (const Case& c : cases) {
    INFO(c.path);
    Request r = h.request_for(c.type);
    r.path = c.path;
    r.query = c.query;
    CHECK(verdict_of(h, c.type, r) == Verdict::kNotFound);
  }
}

TEST_CASE("injected faults never parse as a good page", "[sandbox][router]") {
  const std::string fault = GENERATE(as<std::string>{}, "error_rate", "malformed_rate", "layout_rate");
  Harness h(scenario_toml("[faults]\n" + fault + " = 1.0\n"));
  for (const Expect& e : kExpect) {
    INFO(fault << " " << parsers::to_string(e.type));
    const Request r = h.request_for(e.type);
    const Response res = h.handle(r);
    const bool html = res.content_type.starts_with("text/html");
    if (fault == "malformed_rate" && html) continue;  // malformed applies to JSON bodies
    CHECK_FALSE(parsers::is_success(h.parse(e.type, r, res).verdict));
  }
}

TEST_CASE("reset and truncation faults are flagged for the server", "[sandbox][router]") {
  Harness resets(scenario_toml("[faults]\nreset_rate = 1.0\n"));
  CHECK(resets.handle(resets.request_for(PageType::kWeiboSearchApi)).reset);
  Harness cuts(scenario_toml("[faults]\ntruncate_rate = 1.0\n"));
  CHECK(cuts.handle(cuts.request_for(PageType::kWeiboSearchApi)).truncate);
  Harness slow(scenario_toml("[faults]\nlatency_median = \"50ms\"\n"));
  CHECK(slow.handle(slow.request_for(PageType::kWeiboSearchApi)).delay_ms > 0);
}

}  // namespace koubei::sandbox::test
