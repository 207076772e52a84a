// The metrics registry: the exact exposition text (families, labels, escaping, histograms), the
// registration rules, concurrent updates summing exactly, and the quantile estimate.
#include "crawler/admin/listen_address.hpp"
#include "crawler/admin/metrics.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace koubei;

namespace {

std::string hex(std::string_view s) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

}  // namespace

TEST_CASE("registry renders counters and gauges with HELP, TYPE and sorted label sets",
          "[admin][metrics]") {
  admin::Registry reg;
  admin::Counter& ok =
      reg.counter("koubei_requests_total",
                  "Requests sent",
                  {{"verdict", "ok"}, {"platform", "weibo"}, {"status", "200"}});  // any order
  ok.inc();
  ok.inc(5);
  reg.counter("koubei_requests_total",
              "Requests sent",
              {{"platform", "douyin"}, {"status", "403"}, {"verdict", "captcha"}})
      .inc();
  reg.gauge("koubei_queue_depth", "Items waiting", {{"queue", "parse"}}).set(3);
  reg.gauge("koubei_queue_depth", "Items waiting", {{"queue", "fetch"}}).set(0.25);
  reg.gauge("a_first", "Sorted before the others").dec();

  CHECK(reg.render() ==
        "# HELP a_first Sorted before the others\n"
        "# TYPE a_first gauge\n"
        "a_first -1\n"
        "# HELP koubei_queue_depth Items waiting\n"
        "# TYPE koubei_queue_depth gauge\n"
        "koubei_queue_depth{queue=\"fetch\"} 0.25\n"
        "koubei_queue_depth{queue=\"parse\"} 3\n"
        "# HELP koubei_requests_total Requests sent\n"
        "# TYPE koubei_requests_total counter\n"
        "koubei_requests_total{platform=\"douyin\",status=\"403\",verdict=\"captcha\"} 1\n"
        "koubei_requests_total{platform=\"weibo\",status=\"200\",verdict=\"ok\"} 6\n");
}

TEST_CASE("registry escapes label values and HELP text", "[admin][metrics]") {
  admin::Registry reg;
  reg.counter("koubei_odd_total",
              "Back\\slash and\nnewline, \"quotes\" kept",
              {{"account", "a\\b\"c\nd"}, {"name", "微博"}})
      .inc(2);
  CHECK(reg.render() ==
        "# HELP koubei_odd_total Back\\\\slash and\\nnewline, \"quotes\" kept\n"
        "# TYPE koubei_odd_total counter\n"
        "koubei_odd_total{account=\"a\\\\b\\\"c\\nd\",name=\"微博\"} 2\n");
}

TEST_CASE("histogram renders cumulative buckets with +Inf, _sum and _count", "[admin][metrics]") {
  admin::Registry reg;
  admin::Histogram& h = reg.histogram(
      "koubei_fetch_seconds", "Fetch time", {0.005, 0.1, 1, 2.5}, {{"platform", "weibo"}});
  // Binary fractions, so _sum is exact; 1 lands in le="1" (bounds are inclusive).
  for (const double v : {0.00390625, 0.0625, 0.5, 1.0, 3.0, 8.0})
    h.observe(v);
  h.observe(std::nan(""));  // ignored
  reg.histogram("koubei_plain_seconds", "No labels", {1}).observe(0.5);

  CHECK(reg.render() ==
        "# HELP koubei_fetch_seconds Fetch time\n"
        "# TYPE koubei_fetch_seconds histogram\n"
        "koubei_fetch_seconds_bucket{platform=\"weibo\",le=\"0.005\"} 1\n"
        "koubei_fetch_seconds_bucket{platform=\"weibo\",le=\"0.1\"} 2\n"
        "koubei_fetch_seconds_bucket{platform=\"weibo\",le=\"1\"} 4\n"
        "koubei_fetch_seconds_bucket{platform=\"weibo\",le=\"2.5\"} 4\n"
        "koubei_fetch_seconds_bucket{platform=\"weibo\",le=\"+Inf\"} 6\n"
        "koubei_fetch_seconds_sum{platform=\"weibo\"} 12.56640625\n"
        "koubei_fetch_seconds_count{platform=\"weibo\"} 6\n"
        "# HELP koubei_plain_seconds No labels\n"
        "# TYPE koubei_plain_seconds histogram\n"
        "koubei_plain_seconds_bucket{le=\"1\"} 1\n"
        "koubei_plain_seconds_bucket{le=\"+Inf\"} 1\n"
        "koubei_plain_seconds_sum 0.5\n"
        "koubei_plain_seconds_count 1\n");
}

TEST_CASE("sample values: integers exact, floats shortest, NaN and infinities spelled out",
          "[admin][metrics]") {
  admin::Registry reg;
  reg.counter("c_total", "big").inc(std::numeric_limits<std::uint64_t>::max());
  reg.gauge("g", "g", {{"v", "tiny"}}).set(1e-05);
  reg.gauge("g", "g", {{"v", "nan"}}).set(std::nan(""));
  reg.gauge("g", "g", {{"v", "neg_inf"}}).set(-std::numeric_limits<double>::infinity());
  reg.gauge("g", "g", {{"v", "pos_inf"}}).set(std::numeric_limits<double>::infinity());
  CHECK(reg.render() ==
        "# HELP c_total big\n# TYPE c_total counter\nc_total 18446744073709551615\n"
        "# HELP g g\n# TYPE g gauge\n"
        "g{v=\"nan\"} NaN\ng{v=\"neg_inf\"} -Inf\ng{v=\"pos_inf\"} +Inf\ng{v=\"tiny\"} 1e-05\n");
}

TEST_CASE("the same name and labels return the same object", "[admin][metrics]") {
  admin::Registry reg;
  admin::Counter& a = reg.counter("x_total", "x", {{"a", "1"}, {"b", "2"}});
  admin::Counter& b = reg.counter("x_total", "x", {{"b", "2"}, {"a", "1"}});
  admin::Counter& other = reg.counter("x_total", "x", {{"a", "1"}, {"b", "3"}});
  CHECK(&a == &b);
  CHECK(&a != &other);
  admin::Histogram& h1 = reg.histogram("h", "h", {1, 2});
  CHECK(&h1 == &reg.histogram("h", "h", {1, 2}));
  CHECK(&reg.gauge("g", "g") == &reg.gauge("g", "g"));
}

TEST_CASE("registration refuses bad names and conflicting definitions", "[admin][metrics]") {
  admin::Registry reg;
  reg.counter("ok_total", "help", {{"l", "v"}});
  reg.histogram("h_seconds", "help", {1, 2});
  reg.gauge_fn("fn_gauge", "help", {}, [] { return 1.0; });

  CHECK_THROWS_AS(reg.counter("", "help"), std::invalid_argument);
  CHECK_THROWS_AS(reg.counter("1abc", "help"), std::invalid_argument);
  CHECK_THROWS_AS(reg.counter("has-dash", "help"), std::invalid_argument);
  CHECK_NOTHROW(reg.counter("colon:ok_total", "help"));
  CHECK_THROWS_AS(reg.counter("x_total", "help", {{"bad-label", "v"}}), std::invalid_argument);
  CHECK_THROWS_AS(reg.counter("x_total", "help", {{"__reserved", "v"}}), std::invalid_argument);
  CHECK_THROWS_AS(reg.counter("x_total", "help", {{"a:b", "v"}}), std::invalid_argument);
  CHECK_THROWS_AS(reg.counter("x_total", "help", {{"a", "1"}, {"a", "2"}}), std::invalid_argument);
  CHECK_THROWS_AS(reg.histogram("y_seconds", "help", {1}, {{"le", "1"}}), std::invalid_argument);
  CHECK_THROWS_AS(reg.gauge("ok_total", "help", {{"l", "v"}}), std::invalid_argument);
  CHECK_THROWS_AS(reg.counter("ok_total", "other help", {{"l", "v"}}), std::invalid_argument);
  CHECK_THROWS_AS(reg.histogram("h_seconds", "help", {1, 3}), std::invalid_argument);
  CHECK_THROWS_AS(reg.histogram("z_seconds", "help", {2, 1}), std::invalid_argument);
  CHECK_THROWS_AS(reg.histogram("z_seconds", "help", {1, 1}), std::invalid_argument);
  CHECK_THROWS_AS(reg.histogram("z_seconds", "help", {1, std::nan("")}), std::invalid_argument);
  CHECK_THROWS_AS(reg.histogram("z_seconds", "help", {1, HUGE_VAL}), std::invalid_argument);
  CHECK_THROWS_AS(reg.gauge_fn("fn_gauge", "help", {}, [] { return 2.0; }), std::invalid_argument);
  CHECK_THROWS_AS(reg.gauge("fn_gauge", "help"), std::invalid_argument);
  CHECK_THROWS_AS(reg.gauge_fn("empty_fn", "help", {}, {}), std::invalid_argument);
  // A histogram's sample names are taken, both ways round.
  CHECK_THROWS_AS(reg.counter("h_seconds_count", "help"), std::invalid_argument);
  CHECK_THROWS_AS(reg.gauge("h_seconds_bucket", "help"), std::invalid_argument);
  reg.gauge("g_sum", "help");
  CHECK_THROWS_AS(reg.histogram("g", "help", {1}), std::invalid_argument);
  CHECK_NOTHROW(reg.counter("ok_total_count", "help"));  // ok_total is a counter: no clash
  // A refused histogram left no family behind: the name is still free for a good definition.
  CHECK_NOTHROW(reg.histogram("z_seconds", "help", {1, 2}));
}

TEST_CASE("callback series are read at render time", "[admin][metrics]") {
  admin::Registry reg;
  double depth = 4;
  reg.gauge_fn("koubei_spool_depth", "Spooled", {{"sink", "jsonl"}}, [&] { return depth; });
  reg.counter_fn("koubei_engine_requests_total", "From the engine", {}, [] { return 42.0; });
  const std::string before = reg.render();
  depth = 9;
  const std::string after = reg.render();
  CHECK(before.find("# TYPE koubei_engine_requests_total counter\n"
                    "koubei_engine_requests_total 42\n") != std::string::npos);
  CHECK(before.find("koubei_spool_depth{sink=\"jsonl\"} 4\n") != std::string::npos);
  CHECK(after.find("koubei_spool_depth{sink=\"jsonl\"} 9\n") != std::string::npos);
}

TEST_CASE("concurrent updates from threads sum exactly while scrapes run", "[admin][metrics]") {
  admin::Registry reg;
  reg.counter("hits_total", "hits", {{"kind", "shared"}});  // so every render has something
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&reg, t] {
      // Each thread registers lazily, as call sites do; all get the same objects.
      admin::Counter& c = reg.counter("hits_total", "hits", {{"kind", "shared"}});
      admin::Gauge& g = reg.gauge("level", "level");
      admin::Histogram& h = reg.histogram("lat_seconds", "lat", {0.5, 1.5});
      admin::Counter& own = reg.counter("own_total", "own", {{"t", std::to_string(t)}});
      for (int i = 0; i < kPerThread; ++i) {
        c.inc();
        own.inc(2);
        g.add(1);
        h.observe(i % 2 == 0 ? 0.25 : 1.0);
      }
    });
  }
  for (int i = 0; i < 20; ++i)
    CHECK(!reg.render().empty());
  for (auto& t : threads)
    t.join();

  CHECK(reg.counter("hits_total", "hits", {{"kind", "shared"}}).value() == kThreads * kPerThread);
  CHECK(reg.gauge("level", "level").value() == kThreads * kPerThread);
  for (int t = 0; t < kThreads; ++t)
    CHECK(reg.counter("own_total", "own", {{"t", std::to_string(t)}}).value() == 2 * kPerThread);
  const admin::HistogramSnapshot s = reg.histogram("lat_seconds", "lat", {0.5, 1.5}).snapshot();
  CHECK(s.cumulative == std::vector<std::uint64_t>{kThreads * kPerThread / 2,
                                                   kThreads * kPerThread,
                                                   kThreads * kPerThread});
  CHECK(s.sum == Approx(kThreads * kPerThread / 2 * 1.25));
}

TEST_CASE("quantile interpolates inside the bucket that holds the rank", "[admin][metrics]") {
  admin::Histogram h({1, 2, 4, 8});
  CHECK(std::isnan(admin::quantile(h, 0.5)));  // no observations
  for (int i = 0; i < 50; ++i)
    h.observe(1.5);  // bucket (1, 2]
  for (int i = 0; i < 50; ++i)
    h.observe(3);  // bucket (2, 4]
  CHECK(admin::quantile(h, 0.5) == Approx(2.0));
  CHECK(admin::quantile(h, 0.75) == Approx(3.0));  // 2 + (4-2)·25/50
  CHECK(admin::quantile(h, 0.95) == Approx(3.8));  // 2 + (4-2)·45/50
  CHECK(admin::quantile(h, 0.0) == Approx(1.0));   // the first non-empty bucket's lower edge
  CHECK(std::isnan(admin::quantile(h, 1.5)));
  CHECK(std::isnan(admin::quantile(h, -0.1)));

  admin::Histogram first({10});
  first.observe(1);
  first.observe(2);
  CHECK(admin::quantile(first, 0.5) == Approx(5.0));  // the first bucket starts at 0

  admin::Histogram over({1, 2});
  for (int i = 0; i < 10; ++i)
    over.observe(100);
  CHECK(admin::quantile(over, 0.95) == 2.0);  // rank in +Inf: the highest finite bound
}

TEST_CASE("histogram snapshots add up across label sets", "[admin][metrics]") {
  admin::Histogram weibo(admin::exponential_buckets(1, 2, 4));
  admin::Histogram douyin(admin::exponential_buckets(1, 2, 4));
  CHECK(weibo.bounds() == std::vector<double>{1, 2, 4, 8});
  weibo.observe(0.5);
  douyin.observe(3);
  douyin.observe(3);
  admin::HistogramSnapshot all;  // a sum starts empty
  all += weibo.snapshot();
  all += douyin.snapshot();
  all += admin::HistogramSnapshot{};
  CHECK(all.cumulative == std::vector<std::uint64_t>{1, 1, 3, 3, 3});
  CHECK(all.sum == Approx(6.5));
  CHECK(all.count() == 3);
  CHECK(admin::quantile(all, 0.5) == Approx(2.5));  // rank 1.5 in (2, 4]: 2 + 2·0.5/2
  admin::Histogram other({1, 3});
  CHECK_THROWS_AS(all += other.snapshot(), std::invalid_argument);
  CHECK_THROWS_AS(admin::exponential_buckets(0, 2, 3), std::invalid_argument);
}

TEST_CASE("listen addresses: IP literals and localhost, with a clear error otherwise",
          "[admin][metrics]") {
  const auto v4 = admin::parse_listen_address("127.0.0.1:9464");
  REQUIRE(v4.has_value());
  CHECK(v4->address().to_string() == "127.0.0.1");
  CHECK(v4->port() == 9464);
  const auto v6 = admin::parse_listen_address("[::1]:0");
  REQUIRE(v6.has_value());
  CHECK(v6->address().to_string() == "::1");
  CHECK(v6->port() == 0);
  const auto local = admin::parse_listen_address("localhost:80");
  REQUIRE(local.has_value());
  CHECK(local->address().to_string() == "127.0.0.1");
  CHECK(admin::parse_listen_address("0.0.0.0:1")->address().to_string() == "0.0.0.0");

  for (const char* bad : {"",
                          "9464",
                          ":9464",
                          "127.0.0.1:",
                          "127.0.0.1:65536",
                          "127.0.0.1:x",
                          "127.0.0.1:-1",
                          "example.com:80",
                          "[::1:80",
                          "1.2.3:80"}) {
    INFO(bad);
    const auto r = admin::parse_listen_address(bad);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == std::errc::invalid_argument);
    CHECK(r.error().where.find(std::string("\"") + bad + "\"") != std::string::npos);
    CHECK(r.error().where.find("HOST:PORT") != std::string::npos);
  }
}

TEST_CASE("an independent parser (python3-prometheus-client) reads back every family and value",
          "[admin][metrics][.integration]") {
  admin::Registry reg;
  const std::string account = "a\\b\"c\nd 微博";
  const std::string help = "Items \\ waiting\nnow, \"quoted\"";
  reg.counter(
         "koubei_requests_total", "Requests sent", {{"platform", "weibo"}, {"account", account}})
      .inc(3);
  reg.gauge("koubei_queue_depth", help, {{"queue", "parse"}}).set(-2.5);
  reg.gauge_fn("koubei_up", "Up", {}, [] { return 1.0; });
  admin::Histogram& h =
      reg.histogram("koubei_fetch_seconds", "Fetch time", {0.005, 0.1}, {{"platform", "weibo"}});
  h.observe(0.0625);
  h.observe(1.0);

  test::TempDir dir;
  test::write_file(dir / "metrics.txt", reg.render());
  std::string parsed;
  const int rc = test::run_command("/usr/bin/python3 '" KOUBEI_SOURCE_DIR
                                   "/tests/support/parse_exposition.py' '" +
                                       (dir / "metrics.txt").string() + "' 2>&1",
                                   parsed);
  INFO(parsed);
  REQUIRE(rc == 0);
  const std::string weibo = "platform=" + hex("weibo");
  CHECK(parsed == "family koubei_fetch_seconds histogram " + hex("Fetch time") + "\n" +
                      "sample koubei_fetch_seconds_bucket le=" + hex("0.005") + "," + weibo +
                      " 0.0\n" + "sample koubei_fetch_seconds_bucket le=" + hex("0.1") + "," +
                      weibo + " 1.0\n" + "sample koubei_fetch_seconds_bucket le=" + hex("+Inf") +
                      "," + weibo + " 2.0\n" + "sample koubei_fetch_seconds_sum " + weibo +
                      " 1.0625\n" + "sample koubei_fetch_seconds_count " + weibo + " 2.0\n" +
                      "family koubei_queue_depth gauge " + hex(help) + "\n" +
                      "sample koubei_queue_depth queue=" + hex("parse") + " -2.5\n" +
                      "family koubei_requests counter " + hex("Requests sent") + "\n" +
                      "sample koubei_requests_total account=" + hex(account) + "," + weibo +
                      " 3.0\n" + "family koubei_up gauge " + hex("Up") + "\n" +
                      "sample koubei_up - 1.0\n");

  // And the parser is strict enough to notice a broken exposition.
  test::write_file(dir / "broken.txt", "koubei_x{a=\"unterminated} 1\n");
  std::string refused;
  CHECK(test::run_command("/usr/bin/python3 '" KOUBEI_SOURCE_DIR
                          "/tests/support/parse_exposition.py' '" +
                              (dir / "broken.txt").string() + "' 2>&1",
                          refused) == 1);
}
