// koubei backfill against the sandbox, end to end from the CLI: every item the truth endpoint
// lists for the window is delivered exactly once, comments included, every line schema-valid;
// a second backfill through the shared dedup delivers nothing again.
#include <catch2/catch.hpp>

#include <cstdio>
#include <optional>

#include "tests/e2e/e2e_support.hpp"
#include "tests/support/koubei_run.hpp"
#include "tests/support/schema_check.hpp"

namespace koubei::test {
namespace {

constexpr Millis kHour = 3600 * 1000;

// The demo world frozen at the wall clock (relative times on pages agree with koubei's clock).
struct DemoBackfill {
  SandboxProcess sandbox{"demo", 0};
  TempDir dir;
  std::filesystem::path config;
  Millis until = 0;
  Millis since = 0;

  explicit DemoBackfill(bool comments, const std::string& weibo_route = "api") {
    CrawlSetupOptions o;
    o.weibo_search_route = weibo_route;
    o.keywords = {"华为 信号", "小米 售后"};
    o.shops = {{"k9AX5KRm7Fg5QOfG", "蜀大侠"}};
    o.comments = comments;
    config = write_crawl_config(dir.path(), sandbox, o);
    until = sandbox.world_now_ms() + 1000;
    since = until - 20 * kHour;
  }
};

std::string iso(Millis ms, bool with_millis = false) {
  const std::time_t t = ms / 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out = buf;
  if (with_millis) {
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(ms % 1000));
    out += buf;
  }
  return out + "Z";
}

}  // namespace

TEST_CASE("backfill delivers every item of the window once, comments included, schema-valid",
          "[e2e][.integration]") {
  // Weibo through s.weibo.com timescope windows; the other test pages m.weibo.cn's API instead.
  DemoBackfill world(true, "html");
  const auto out = world.dir / "backfill.jsonl";
  const KoubeiRun r = run_koubei("backfill --config '" + world.config.string() +
                                 "' --all --since " + iso(world.since) + " --until " +
                                 iso(world.until) + " --out '" + out.string() + "'");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto ids = jsonl_ids(world.dir.path());
  std::size_t duplicates = 0;
  for (const auto& [id, n] : ids) duplicates += n > 1 ? 1 : 0;
  CHECK(duplicates == 0);

  std::size_t posts = 0;
  std::size_t threads = 0;
  for (const std::string platform : {"weibo", "xiaohongshu", "douyin"}) {
    for (const std::string keyword : {"华为 信号", "小米 售后"}) {
      const auto truth = world.sandbox.truth(platform, keyword, world.since, world.until);
      INFO(platform << " " << keyword << ": " << truth.size() << " items in the window");
      REQUIRE(!truth.empty());
      std::vector<std::string> missing;
      for (const auto& item : truth) {
        if (!ids.contains(item.id)) missing.push_back(item.id);
      }
      CHECK(missing.empty());
      posts += truth.size();
      // Comments and replies of the newest posts (each post's thread, as the truth has it).
      for (std::size_t i = 0; i < truth.size() && i < 10; ++i) {
        for (const auto& c : world.sandbox.comments(platform, truth[i].native_id)) {
          ++threads;
          INFO("comment " << c.id << " of " << truth[i].id);
          CHECK(ids.contains(c.id));
        }
      }
    }
  }
  const auto reviews = world.sandbox.truth("dianping", "k9AX5KRm7Fg5QOfG", world.since, world.until);
  for (const auto& review : reviews) CHECK(ids.contains(review.id));
  CHECK(posts > 100);
  CHECK(threads > 50);

  std::string validator;
  CHECK(validate_jsonl(out, validator) == 0);
  INFO(validator);
  CHECK(r.err.find("backfill: 7 job(s)") != std::string::npos);
}

TEST_CASE("backfill through the configured sinks: a second run finds everything delivered",
          "[e2e][.integration]") {
  DemoBackfill world(false);
  const std::string args = "backfill --config '" + world.config.string() +
                           "' --query q0 --platform weibo,douyin --since " + iso(world.since) +
                           " --until " + iso(world.until);
  const KoubeiRun first = run_koubei(args);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const auto after_first = jsonl_ids(world.dir / "out");
  REQUIRE(after_first.size() > 50);
  // Weibo on the m.weibo.cn API route: the real-time search paged back to --since.
  for (const std::string platform : {"weibo", "douyin"}) {
    for (const auto& item : world.sandbox.truth(platform, "华为 信号", world.since, world.until)) {
      INFO(platform << " " << item.id);
      CHECK(after_first.contains(item.id));
    }
  }
  const KoubeiRun second = run_koubei(args);
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(jsonl_ids(world.dir / "out") == after_first);
  CHECK(second.err.find(" 0 new,") != std::string::npos);
}

TEST_CASE("backfill delivers the items whose displayed time straddles --since",
          "[e2e][.integration]") {
  // s.weibo.com and Dianping show minutes ("今天 17:08"): an item created at 17:08:50 reads as
  // 17:08:00, before a --since of 17:08:49, and must still be delivered.
  DemoBackfill world(false, "html");

  struct Case {
    std::string platform, query_id, query;
  };

  for (const Case& c :
       {Case{"weibo", "q0", "华为 信号"}, Case{"dianping", "shop0", "k9AX5KRm7Fg5QOfG"}}) {
    std::optional<SandboxProcess::TruthItem> edge;
    for (const auto& item :
         world.sandbox.truth(c.platform, c.query, world.since, world.until - 2 * kHour)) {
      if (item.created_ms % 60'000 != 0) {
        edge = item;
        break;
      }
    }
    INFO(c.platform);
    REQUIRE(edge.has_value());
    const Millis since = edge->created_ms - 1;
    const auto out = world.dir / (c.platform + "-edge.jsonl");
    const KoubeiRun r =
        run_koubei("backfill --config '" + world.config.string() + "' --query " + c.query_id +
                   " --platform " + c.platform + " --since " + iso(since, true) + " --until " +
                   iso(world.until) + " --out '" + out.string() + "'");
    INFO(edge->id << " created " << iso(edge->created_ms, true) << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
    const auto ids = jsonl_ids(world.dir.path());
    CHECK(ids.contains(edge->id));
    for (const auto& item : world.sandbox.truth(c.platform, c.query, since, world.until)) {
      CHECK(ids.contains(item.id));
    }
  }
}

TEST_CASE("backfill refuses a bad selection with exit 2", "[e2e][.integration]") {
  DemoBackfill world(false);
  const std::string c = "backfill --config '" + world.config.string() + "'";
  CHECK(run_koubei(c + " --query nope --since -1d").exit_code == 2);
  CHECK(run_koubei(c + " --all --query q0 --since -1d").exit_code == 2);
  CHECK(run_koubei(c + " --all --since yesterday").exit_code == 2);
  CHECK(run_koubei(c + " --all --since -1d --until -2d").exit_code == 2);
  CHECK(run_koubei(c + " --keywords 'AND AND' --since -1d").exit_code == 2);
}

}  // namespace koubei::test
