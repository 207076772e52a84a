// RunTotals: the run's counters, its latency histogram, and forwarding to the next observer.

#include "scheduler/run/run_totals.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace koubei::scheduler {
namespace {

using config::PlatformId;

// Records every call it gets, to prove RunTotals forwards each hook with its arguments.
class Recorder final : public RunObserver {
 public:
  void on_request(PlatformId p, std::string_view type, int status, Outcome o,
                  double seconds) override {
    calls.push_back("request " + std::string(config::to_string(p)) + " " + std::string(type) +
                    " " + std::to_string(status) + " " + std::string(to_string(o)) + " " +
                    std::to_string(seconds));
  }
  void on_page(PlatformId p, std::size_t fresh, std::size_t duplicates) override {
    calls.push_back("page " + std::string(config::to_string(p)) + " " + std::to_string(fresh) +
                    " " + std::to_string(duplicates));
  }
  void on_mention_latency(PlatformId p, double seconds) override {
    calls.push_back("latency " + std::string(config::to_string(p)) + " " +
                    std::to_string(seconds));
  }
  void on_skipped(PlatformId p, std::size_t items) override {
    calls.push_back("skipped " + std::string(config::to_string(p)) + " " + std::to_string(items));
  }
  void on_walk_done(PlatformId p, bool complete) override {
    calls.push_back("walk " + std::string(config::to_string(p)) + " " +
                    (complete ? "complete" : "failed"));
  }
  void on_delivery_error() override { calls.push_back("delivery_error"); }
  void on_alert() override { calls.push_back("alert"); }

  std::vector<std::string> calls;
};

}  // namespace

TEST_CASE("RunTotals counts requests, blocks, failures, pages, walks and errors",
          "[scheduler][totals]") {
  RunTotals totals(nullptr);  // no next observer: must not crash
  totals.on_request(PlatformId::kWeibo, "weibo.search_api", 200, Outcome::kOk, 0.1);
  totals.on_request(PlatformId::kWeibo, "weibo.search_api", 200, Outcome::kEmpty, 0.1);
  totals.on_request(PlatformId::kWeibo, "weibo.search_api", 432, Outcome::kRateLimited, 0.1);
  totals.on_request(PlatformId::kDouyin, "douyin.search_api", 200, Outcome::kCaptcha, 0.1);
  totals.on_request(PlatformId::kDouyin, "douyin.search_api", 200, Outcome::kLoginRequired, 0.1);
  totals.on_request(PlatformId::kXiaohongshu, "xhs.search_api", 406, Outcome::kSignatureRejected,
                    0.1);
  totals.on_request(PlatformId::kWeibo, "weibo.detail_html", 503, Outcome::kTransient, 0.1);
  totals.on_request(PlatformId::kWeibo, "weibo.detail_html", 200, Outcome::kUnrecognized, 0.1);
  totals.on_request(PlatformId::kWeibo, "weibo.detail_html", 200, Outcome::kNotFound, 0.1);
  totals.on_page(PlatformId::kWeibo, 5, 2);
  totals.on_page(PlatformId::kWeibo, 1, 0);
  totals.on_skipped(PlatformId::kWeibo, 3);
  totals.on_skipped(PlatformId::kWeibo, 1);
  totals.on_walk_done(PlatformId::kWeibo, true);
  totals.on_walk_done(PlatformId::kWeibo, false);
  totals.on_walk_done(PlatformId::kWeibo, true);
  totals.on_delivery_error();
  totals.on_alert();
  totals.on_alert();

  CHECK(totals.requests == 9);
  CHECK(totals.blocked == 4);          // rate limit, captcha, login, signature
  CHECK(totals.failed_requests == 2);  // transient and unrecognized; not_found is an answer
  CHECK(totals.pages == 2);
  CHECK(totals.fresh == 6);
  CHECK(totals.duplicates == 2);
  CHECK(totals.skipped == 4);
  CHECK(totals.walks == 3);
  CHECK(totals.failed_walks == 1);
  CHECK(totals.delivery_errors == 1);
  CHECK(totals.alerts == 2);
}

TEST_CASE("RunTotals forwards every hook to the next observer", "[scheduler][totals]") {
  Recorder next;
  RunTotals totals(&next);
  totals.on_request(PlatformId::kWeibo, "weibo.search_api", 200, Outcome::kOk, 0.5);
  totals.on_page(PlatformId::kDouyin, 3, 1);
  totals.on_mention_latency(PlatformId::kXiaohongshu, 12.0);
  totals.on_skipped(PlatformId::kDianping, 2);
  totals.on_walk_done(PlatformId::kWeibo, false);
  totals.on_delivery_error();
  totals.on_alert();
  CHECK(next.calls == std::vector<std::string>{
                          "request weibo weibo.search_api 200 " +
                              std::string(to_string(Outcome::kOk)) + " 0.500000",
                          "page douyin 3 1",
                          "latency xiaohongshu 12.000000",
                          "skipped dianping 2",
                          "walk weibo failed",
                          "delivery_error",
                          "alert",
                      });
}

TEST_CASE("RunTotals::latency_quantile: nothing before the first mention", "[scheduler][totals]") {
  RunTotals totals(nullptr);
  CHECK_FALSE(totals.latency_quantile(0.5).has_value());
  CHECK_FALSE(totals.latency_quantile(0.99).has_value());
}

TEST_CASE("RunTotals::latency_quantile lands within 20% of a known distribution",
          "[scheduler][totals]") {
  RunTotals totals(nullptr);
  // Latencies 1 s, 2 s, … 1000 s, once each: the q-quantile is 1000 q seconds.
  for (int s = 1000; s >= 1; --s) totals.on_mention_latency(PlatformId::kWeibo, s);
  for (const double q : {0.1, 0.5, 0.9, 0.99}) {
    INFO("q = " << q);
    const auto value = totals.latency_quantile(q);
    REQUIRE(value.has_value());
    CHECK(*value >= 1000 * q * 0.8);
    CHECK(*value <= 1000 * q * 1.2);
  }
  // Quantiles never decrease.
  CHECK(*totals.latency_quantile(0.5) <= *totals.latency_quantile(0.9));

  SECTION("one sub-second latency is reported as the first bucket, 1 s") {
    RunTotals quick(nullptr);
    quick.on_mention_latency(PlatformId::kWeibo, 0.2);
    CHECK(quick.latency_quantile(0.5) == Approx(1.0));
  }
  SECTION("a single value of a day") {
    RunTotals slow(nullptr);
    slow.on_mention_latency(PlatformId::kDianping, 86400);
    const auto value = slow.latency_quantile(0.5);
    REQUIRE(value.has_value());
    CHECK(*value >= 86400 * 0.8);
    CHECK(*value <= 86400 * 1.2);
  }
}

}  // namespace koubei::scheduler
