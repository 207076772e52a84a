// make_jobs(): the crawl jobs of a configuration, with their stable ids.

#include "scheduler/run/jobs.hpp"

#include "config/load.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace koubei::scheduler {
namespace {

namespace kw = analysis::keywords;
using config::PlatformId;

config::Config load(const std::string& toml) {
  return config::load_string(toml, "jobs.toml",
                             [](std::string_view) { return std::optional<std::string>{}; });
}

std::vector<std::string> ids_of(const std::vector<JobSpec>& jobs) {
  std::vector<std::string> ids;
  for (const auto& j : jobs) ids.push_back(j.id);
  return ids;
}

std::map<std::string, const JobSpec*> by_id(const std::vector<JobSpec>& jobs) {
  std::map<std::string, const JobSpec*> out;
  for (const auto& j : jobs) out[j.id] = &j;
  return out;
}

const kw::TextFolder& folder() {
  static const kw::TextFolder f;
  return f;
}

}  // namespace

TEST_CASE("make_jobs: one search job per query, platform and search of the expression",
          "[scheduler][jobs]") {
  const config::Config config = load(R"(
[[query]]
id = "q"
platforms = ["weibo", "xiaohongshu"]
keywords = '华为 (信号 OR 网络) NOT 广告'
interval = { min = "1m", max = "30m" }
priority = 2.0
comments = true
)");
  const auto jobs = make_jobs(config, config.queries, false, folder());
  CHECK(ids_of(jobs) == std::vector<std::string>{
                            "search:q:weibo:华为 信号",
                            "search:q:weibo:华为 网络",
                            "search:q:xiaohongshu:华为 信号",
                            "search:q:xiaohongshu:华为 网络",
                        });
  const auto& job = jobs.front();
  CHECK(job.platform == PlatformId::kWeibo);
  CHECK(job.listing.kind == clients::ListingKind::kSearch);
  CHECK(job.listing.key == "华为 信号");
  CHECK(job.query_id == "q");
  CHECK(job.priority == Approx(2.0));
  CHECK(job.comments);
  CHECK(job.interval.min == config.queries[0].interval.min);
  CHECK(job.interval.max == config.queries[0].interval.max);
  CHECK(job.label == "q weibo \"华为 信号\"");
  CHECK(jobs[2].platform == PlatformId::kXiaohongshu);

  // Every job of the query filters with the full expression (NOT included), shared.
  REQUIRE(job.matcher);
  for (const auto& j : jobs) CHECK(j.matcher == job.matcher);
  CHECK(job.matcher->match("", "华为手机信号差").matched);
  CHECK_FALSE(job.matcher->match("", "华为信号 广告").matched);
  CHECK_FALSE(job.matcher->match("", "小米信号").matched);
}

TEST_CASE("make_jobs: Dianping gets one job per named shop, filtered by the expression",
          "[scheduler][jobs]") {
  const config::Config config = load(R"(
[[query]]
id = "hdl"
platforms = ["dianping", "weibo"]
keywords = '海底捞 (服务 OR 排队)'
shops = ["k9AX5KRm7Fg5QOfG", "H2Xz"]
)");
  const auto jobs = make_jobs(config, config.queries, false, folder());
  CHECK(ids_of(jobs) == std::vector<std::string>{
                            "shop:hdl:k9AX5KRm7Fg5QOfG",
                            "shop:hdl:H2Xz",
                            "search:hdl:weibo:海底捞 服务",
                            "search:hdl:weibo:海底捞 排队",
                        });
  const JobSpec& shop = jobs.front();
  CHECK(shop.platform == PlatformId::kDianping);
  CHECK(shop.listing.kind == clients::ListingKind::kShopReviews);
  CHECK(shop.listing.key == "k9AX5KRm7Fg5QOfG");
  CHECK(shop.query_id == "hdl");
  REQUIRE(shop.matcher);
  CHECK(shop.matcher->match("", "海底捞服务很好").matched);
  CHECK_FALSE(shop.matcher->match("", "海底捞很好吃").matched);
}

TEST_CASE("make_jobs: watches are a Weibo timeline or a Dianping shop, unfiltered",
          "[scheduler][jobs]") {
  const config::Config config = load(R"(
[[query]]
id = "q"
platforms = ["weibo"]
keywords = '华为'
[[watch]]
platform = "weibo"
user = "123"
name = "brand"
comments = true
[[watch]]
platform = "dianping"
user = "SHOP9"
)");
  SECTION("with watches") {
    const auto jobs = make_jobs(config, config.queries, true, folder());
    CHECK(ids_of(jobs) ==
          std::vector<std::string>{"search:q:weibo:华为", "watch:weibo:123", "watch:dianping:SHOP9"});
    const auto jobs_by_id = by_id(jobs);
    const JobSpec& weibo = *jobs_by_id.at("watch:weibo:123");
    CHECK(weibo.platform == PlatformId::kWeibo);
    CHECK(weibo.listing.kind == clients::ListingKind::kTimeline);
    CHECK(weibo.listing.key == "123");
    CHECK(weibo.query_id == "watch:brand");
    CHECK(weibo.comments);
    CHECK_FALSE(weibo.matcher);
    const JobSpec& shop = *jobs_by_id.at("watch:dianping:SHOP9");
    CHECK(shop.platform == PlatformId::kDianping);
    CHECK(shop.listing.kind == clients::ListingKind::kShopReviews);
    CHECK(shop.listing.key == "SHOP9");
    CHECK(shop.query_id == "watch:SHOP9");  // no name: the user stands for it
    CHECK_FALSE(shop.comments);
    CHECK_FALSE(shop.matcher);
  }
  SECTION("without watches, and only the queries asked for") {
    CHECK(ids_of(make_jobs(config, config.queries, false, folder())) ==
          std::vector<std::string>{"search:q:weibo:华为"});
    CHECK(ids_of(make_jobs(config, {}, true, folder())) ==
          std::vector<std::string>{"watch:weibo:123", "watch:dianping:SHOP9"});
  }
}

TEST_CASE("make_jobs skips disabled platforms, for queries and watches", "[scheduler][jobs]") {
  // The loader refuses a query naming a disabled platform; a reload or a caller can still hand
  // make_jobs such a pair, so the platform is switched off after loading.
  config::Config config = load(R"(
[[query]]
id = "q"
platforms = ["weibo", "douyin"]
keywords = '华为 OR 荣耀'
[[watch]]
platform = "weibo"
user = "123"
)");
  config.platforms.at(PlatformId::kWeibo).enabled = false;
  const auto jobs = make_jobs(config, config.queries, true, folder());
  CHECK(ids_of(jobs) == std::vector<std::string>{"search:q:douyin:华为", "search:q:douyin:荣耀"});
}

TEST_CASE("make_jobs ids are stable: the same configuration gives the same jobs",
          "[scheduler][jobs]") {
  const std::string toml = R"(
[[query]]
id = "q"
keywords = '"华为 信号" OR 荣耀'
)";
  const config::Config a = load(toml);
  const config::Config b = load(toml);
  const auto first = ids_of(make_jobs(a, a.queries, true, folder()));
  CHECK(first == ids_of(make_jobs(b, b.queries, true, folder())));
  // The default platform list leaves Dianping out (no shops named); a phrase is one search.
  CHECK(std::find(first.begin(), first.end(), "search:q:weibo:华为 信号") != first.end());
  for (const auto& id : first) CHECK(id.find("dianping") == std::string::npos);
}

TEST_CASE("make_jobs makes each job once, whatever the configuration repeats",
          "[scheduler][jobs]") {
  // Repeats the loader accepts: a platform listed twice, a shop twice, the same watch twice.
  // Two jobs with one id would poll one listing twice (twice the requests against the
  // platform's budget) and race on one checkpoint key.
  const config::Config config = load(R"(
[[query]]
id = "q"
platforms = ["weibo", "weibo", "dianping"]
keywords = '华为'
shops = ["A", "A"]
[[watch]]
platform = "weibo"
user = "1"
[[watch]]
platform = "weibo"
user = "1"
name = "again"
)");
  const auto jobs = make_jobs(config, config.queries, true, folder());
  CHECK(ids_of(jobs) ==
        std::vector<std::string>{"search:q:weibo:华为", "shop:q:A", "watch:weibo:1"});
  REQUIRE(jobs.size() == 3);
  CHECK(jobs[2].query_id == "watch:1");  // the first of the repeated watches wins
}

}  // namespace koubei::scheduler
