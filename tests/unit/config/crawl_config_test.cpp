// [crawl], query `shops` and the [[watch]] platforms: loaded, printed back, bad values rejected.

#include "config/load.hpp"
#include "config/print.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

namespace koubei::config {
namespace {

using namespace std::chrono_literals;

Config load_text(const std::string& text) {
  return load_string(text, "crawl.toml",
                     [](std::string_view) { return std::optional<std::string>{}; });
}

// The diagnostics of a configuration that must fail.
std::string problems(const std::string& text) {
  try {
    load_text(text);
  } catch (const LoadError& e) {
    return e.what();
  }
  FAIL("configuration loaded but should have failed:\n" << text);
  return {};
}

}  // namespace

TEST_CASE("[crawl] defaults are the documented ones", "[config][crawl]") {
  const CrawlConfig c = load_text("").crawl;
  CHECK(c.polling == Polling::kAdaptive);
  CHECK(c.first_since == 1h);
  CHECK(c.overlap == 10min);
  CHECK(c.max_pages == 50);
  CHECK(c.comment_pages == 3);
  CHECK(c.reply_pages == 1);
  CHECK(c.author_fetches.per_second() == Approx(60.0 / 3600));
  CHECK(c.retries == 3);
  CHECK(c.retry_base == 1s);
  CHECK(c.retry_cap == 1min);
  CHECK(c.parse_threads == 2);
  CHECK(c.delivery_group == 5000);
  CHECK(c.active_walks == 512);
  CHECK(c.seen_per_job == 4096);
  CHECK(c.failure_delay == 1min);
}

TEST_CASE("[crawl] keys load and print back", "[config][crawl]") {
  const Config c = load_text(R"(
[crawl]
polling = "fixed"
first_since = "6h"
overlap = "30m"
max_pages = 7
comment_pages = 0
reply_pages = 4
author_fetches = "10/m"
retries = 0
retry_base = "250ms"
retry_cap = "20s"
parse_threads = 8
delivery_group = 100
active_walks = 7
seen_per_job = 100
failure_delay = "5m"
)");
  const CrawlConfig& cr = c.crawl;
  CHECK(cr.polling == Polling::kFixed);
  CHECK(cr.first_since == 6h);
  CHECK(cr.overlap == 30min);
  CHECK(cr.max_pages == 7);
  CHECK(cr.comment_pages == 0);
  CHECK(cr.reply_pages == 4);
  CHECK(cr.author_fetches.per_second() == Approx(10.0 / 60));
  CHECK(cr.retries == 0);
  CHECK(cr.retry_base == 250ms);
  CHECK(cr.retry_cap == 20s);
  CHECK(cr.parse_threads == 8);
  CHECK(cr.delivery_group == 100);
  CHECK(cr.active_walks == 7);
  CHECK(cr.seen_per_job == 100);
  CHECK(cr.failure_delay == 5min);

  const std::string printed = to_toml(c);
  CHECK(printed.find("[crawl]") != std::string::npos);
  CHECK(printed.find("max_pages = 7") != std::string::npos);
  CHECK(printed.find("parse_threads = 8") != std::string::npos);
  const CrawlConfig again = load_text(printed).crawl;
  CHECK(again.polling == cr.polling);
  CHECK(again.first_since == cr.first_since);
  CHECK(again.overlap == cr.overlap);
  CHECK(again.max_pages == cr.max_pages);
  CHECK(again.comment_pages == cr.comment_pages);
  CHECK(again.reply_pages == cr.reply_pages);
  CHECK(again.author_fetches.per_second() == Approx(cr.author_fetches.per_second()));
  CHECK(again.retries == cr.retries);
  CHECK(again.retry_base == cr.retry_base);
  CHECK(again.retry_cap == cr.retry_cap);
  CHECK(again.parse_threads == cr.parse_threads);
  CHECK(again.delivery_group == cr.delivery_group);
  CHECK(again.active_walks == cr.active_walks);
  CHECK(again.seen_per_job == cr.seen_per_job);
  CHECK(again.failure_delay == cr.failure_delay);
}

TEST_CASE("[crawl] rejects bad values, naming the key", "[config][crawl]") {
  struct Row {
    const char* text;
    const char* expected;
  };
  const Row rows[] = {
      {"[crawl]\nmax_pages = 0", "crawl.max_pages: 0 is out of range"},
      {"[crawl]\npolling = \"smart\"", "crawl.polling"},
      {"[crawl]\nmax_pages = 1001", "crawl.max_pages: 1001 is out of range"},
      {"[crawl]\ncomment_pages = -1", "crawl.comment_pages: -1 is out of range"},
      {"[crawl]\nreply_pages = 1001", "crawl.reply_pages: 1001 is out of range"},
      {"[crawl]\nretries = 101", "crawl.retries: 101 is out of range"},
      {"[crawl]\nparse_threads = 0", "crawl.parse_threads: 0 is out of range"},
      {"[crawl]\nparse_threads = 257", "crawl.parse_threads: 257 is out of range"},
      {"[crawl]\nseen_per_job = 63", "crawl.seen_per_job: 63 is out of range"},
      {"[crawl]\nfirst_since = \"an hour\"", "crawl.first_since: \"an hour\" is not a duration"},
      {"[crawl]\noverlap = 10", "crawl.overlap"},
      {"[crawl]\nauthor_fetches = \"lots\"", "crawl.author_fetches: \"lots\" is not a rate"},
      {"[crawl]\nretry_base = \"10s\"\nretry_cap = \"1s\"",
       "crawl.retry_cap: must not be less than retry_base"},
      {"[crawl]\nmax_page = 3", "crawl.max_page: unknown key"},
      {"crawl = 3", "crawl: expected a table"},
  };
  for (const Row& row : rows) {
    INFO(row.text);
    const std::string out = problems(row.text);
    CHECK(out.find(row.expected) != std::string::npos);
    CHECK(out.rfind("crawl.toml:", 0) == 0);
  }
}

TEST_CASE("query shops: Dianping reads named shops, and only those", "[config][crawl]") {
  SECTION("shops load and print back") {
    const Config c = load_text(R"(
[[query]]
id = "hdl"
platforms = ["dianping", "weibo"]
keywords = "海底捞"
shops = ["k9AX5KRm7Fg5QOfG", "H2Xz"]
)");
    REQUIRE(c.queries.size() == 1);
    CHECK(c.queries[0].shops == std::vector<std::string>{"k9AX5KRm7Fg5QOfG", "H2Xz"});
    CHECK(c.queries[0].platforms ==
          std::vector<PlatformId>{PlatformId::kDianping, PlatformId::kWeibo});
    const Config again = load_text(to_toml(c));
    REQUIRE(again.queries.size() == 1);
    CHECK(again.queries[0].shops == c.queries[0].shops);
  }
  SECTION("dianping listed explicitly without shops is an error") {
    const std::string out = problems(R"(
[[query]]
id = "hdl"
platforms = ["dianping"]
keywords = "海底捞"
)");
    CHECK(out.find("query[0].platforms: dianping has no search") != std::string::npos);
  }
  SECTION("the default platform list drops dianping when no shops are named") {
    const Config c = load_text("[[query]]\nid = \"q\"\nkeywords = \"华为\"\n");
    REQUIRE(c.queries.size() == 1);
    CHECK(c.queries[0].platforms == std::vector<PlatformId>{PlatformId::kWeibo,
                                                            PlatformId::kXiaohongshu,
                                                            PlatformId::kDouyin});
  }
  SECTION("the default platform list keeps dianping when shops are named") {
    const Config c = load_text("[[query]]\nid = \"q\"\nkeywords = \"华为\"\nshops = [\"S1\"]\n");
    REQUIRE(c.queries.size() == 1);
    const auto& p = c.queries[0].platforms;
    CHECK(std::find(p.begin(), p.end(), PlatformId::kDianping) != p.end());
    CHECK(p.size() == 4);
  }
  SECTION("shops must be a list of strings") {
    CHECK(problems("[[query]]\nid = \"q\"\nkeywords = \"x\"\nshops = \"S1\"")
              .find("query[0].shops") != std::string::npos);
  }
}

TEST_CASE("[[watch]] follows Weibo users and Dianping shops only", "[config][crawl]") {
  const Config c = load_text(R"(
[[watch]]
platform = "weibo"
user = "123"
[[watch]]
platform = "dianping"
user = "SHOP9"
)");
  REQUIRE(c.watches.size() == 2);
  CHECK(c.watches[1].platform == PlatformId::kDianping);
  CHECK(c.watches[1].user == "SHOP9");

  for (const char* platform : {"xiaohongshu", "douyin"}) {
    INFO(platform);
    const std::string out =
        problems(std::string("[[watch]]\nplatform = \"") + platform + "\"\nuser = \"42\"\n");
    CHECK(out.find("watch[0].platform: watching " + std::string(platform) +
                   " accounts is not supported") != std::string::npos);
  }
}

}  // namespace koubei::config
