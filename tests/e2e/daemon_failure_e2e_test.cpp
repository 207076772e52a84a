// koubei run when things go wrong: kill -9 mid-run and a restart lose nothing; two daemons on
// one Redis deliver no id twice; a hostile platform blocks accounts and koubei backs off,
// says which account and why, and recovers without losing items.
#include <catch2/catch.hpp>

#include "tests/e2e/e2e_support.hpp"
#include "tests/support/redis_server.hpp"

#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

namespace koubei::test {
TEST_CASE("run: kill -9 mid-run, restart: nothing missing", "[e2e][.integration]") {
  // An hour of world time per minute: new posts arrive every few seconds.
  SandboxProcess sandbox("demo", 60);
  TempDir dir;
  CrawlSetupOptions o;
  o.keywords = {"华为 信号", "小米 售后"};
  o.interval_min = "1s";
  o.interval_max = "3s";
  o.first_since = "30m";
  const auto config = write_crawl_config(dir.path(), sandbox, o);
  const auto log = dir / "koubei.log";
  const Millis start = sandbox.world_now_ms();
  {
    ChildProcess daemon = start_koubei({"run", "--config", config.string()}, log);
    REQUIRE(eventually([&] { return jsonl_ids(dir / "out").size() > 30; }, std::chrono::seconds(90)));
    std::this_thread::sleep_for(std::chrono::seconds(3));
    daemon.kill_9();
    CHECK(daemon.wait() == 128 + SIGKILL);
  }
  ChildProcess daemon = start_koubei({"run", "--config", config.string()}, log);
  std::this_thread::sleep_for(std::chrono::seconds(20));
  const Millis stop = sandbox.world_now_ms();
  daemon.signal(SIGTERM);
  const auto code = wait_exit(daemon, std::chrono::seconds(20));
  const std::string err = read_file(log);
  INFO(err.substr(err.size() > 5000 ? err.size() - 5000 : 0));
  REQUIRE(code == 0);

  const auto ids = jsonl_ids(dir / "out");
  // The world's clock runs 60× faster: allow the last few seconds of polling (a few world minutes).
  const Recall r = recall(sandbox, o.keywords, o.platforms, start - 30 * 60'000, stop - 5 * 60'000, ids);
  INFO(r.found << " of " << r.truth << " found, e.g. missing " << (r.missing.empty() ? "" : r.missing[0]));
  REQUIRE(r.truth > 10);
  CHECK(r.found == r.truth);
  // Duplicates only for what was in flight at the kill: a handful at most.
  std::size_t repeated = 0;
  for (const auto& [id, n] : ids) repeated += n > 1 ? 1 : 0;
  CHECK(repeated <= 40);
}

TEST_CASE("two daemons sharing one Redis deliver no id twice", "[e2e][.integration]") {
  SandboxProcess sandbox("demo", 60);
  RedisServer redis;
  TempDir dir_a;
  TempDir dir_b;
  CrawlSetupOptions o;
  o.keywords = {"华为 信号", "小米 售后"};
  o.interval_min = "1s";
  o.interval_max = "2s";
  o.first_since = "2h";
  o.redis_url = redis.url();
  const auto config_a = write_crawl_config(dir_a.path(), sandbox, o);
  const auto config_b = write_crawl_config(dir_b.path(), sandbox, o);
  const Millis start = sandbox.world_now_ms();
  ChildProcess a = start_koubei({"run", "--config", config_a.string()}, dir_a / "koubei.log");
  ChildProcess b = start_koubei({"run", "--config", config_b.string()}, dir_b / "koubei.log");
  std::this_thread::sleep_for(std::chrono::seconds(30));
  const Millis stop = sandbox.world_now_ms();
  a.signal(SIGTERM);
  b.signal(SIGTERM);
  CHECK(wait_exit(a, std::chrono::seconds(20)) == 0);
  CHECK(wait_exit(b, std::chrono::seconds(20)) == 0);

  const auto ids_a = jsonl_ids(dir_a / "out");
  const auto ids_b = jsonl_ids(dir_b / "out");
  REQUIRE(ids_a.size() + ids_b.size() > 30);
  std::map<std::string, int> all = ids_a;
  std::size_t twice = 0;
  for (const auto& [id, n] : ids_b) {
    if (all.contains(id)) ++twice;
    all[id] += n;
  }
  for (const auto& [id, n] : ids_a) twice += n > 1 ? 1 : 0;
  CHECK(twice == 0);
  const Recall r = recall(sandbox, o.keywords, o.platforms, start - 2 * 3600'000, stop - 5 * 60'000, all);
  INFO(r.found << " of " << r.truth << " found");
  CHECK(r.found == r.truth);
}

TEST_CASE("run on hostile: blocked accounts back off, are named with the reason, nothing is lost",
          "[e2e][.integration]") {
  SandboxProcess sandbox("hostile", 1);
  TempDir dir;
  CrawlSetupOptions o;
  o.keywords = sandbox.keywords();
  o.accounts = 2;
  o.rate = "1/s";  // twice what the sandbox allows per IP: koubei must meet its limits
  o.interval_min = "2s";
  o.interval_max = "10s";
  o.first_since = "1h";
  const auto config = write_crawl_config(dir.path(), sandbox, o);
  const auto log = dir / "koubei.log";
  const Millis start = sandbox.world_now_ms();
  ChildProcess daemon = start_koubei({"run", "--config", config.string()}, log);
  // The sandbox allows 0.5 requests/s per platform and faults every kind of way: give koubei the
  // time its limits need to read the hour back (Xiaohongshu needs a detail request per note).
  std::this_thread::sleep_for(std::chrono::seconds(120));
  const Millis stop = sandbox.world_now_ms();
  daemon.signal(SIGTERM);
  const auto code = wait_exit(daemon, std::chrono::seconds(30));
  const std::string err = read_file(log);
  INFO(err.substr(err.size() > 6000 ? err.size() - 6000 : 0));
  REQUIRE(code == 0);
  // Blocks are recognised, attributed to an account, and cool that account down.
  CHECK(err.find("the account cools down") != std::string::npos);
  CHECK((err.find("rate_limited") != std::string::npos || err.find("captcha") != std::string::npos));
  const auto ids = jsonl_ids(dir / "out");
  const Recall r = recall(sandbox, o.keywords, o.platforms, start - 3600'000, stop - 30'000, ids);
  INFO(r.found << " of " << r.truth << " found, e.g. missing " << (r.missing.empty() ? "" : r.missing[0]));
  REQUIRE(r.truth > 5);
  CHECK(r.found == r.truth);
}

}  // namespace koubei::test

namespace koubei::test {

// The /healthz status code and body of a daemon whose log says where it serves them.

TEST_CASE("run: Redis goes away and comes back: /healthz says so, nothing lost or doubled",
          "[e2e][.integration]") {
  SandboxProcess sandbox("demo", 60);
  RedisServerOptions persistent;
  persistent.persistent = true;  // acknowledged dedup state survives the kill
  RedisServer redis(persistent);
  TempDir dir;
  CrawlSetupOptions o;
  o.keywords = {"华为 信号", "小米 售后"};
  o.platforms = {"weibo", "douyin"};
  o.interval_min = "1s";
  o.interval_max = "2s";
  o.first_since = "30m";
  o.redis_url = redis.url();
  o.metrics_listen = "127.0.0.1:0";
  const auto config = write_crawl_config(dir.path(), sandbox, o);
  const auto log = dir / "koubei.log";
  const Millis start = sandbox.world_now_ms();
  ChildProcess daemon = start_koubei({"run", "--config", config.string()}, log);
  REQUIRE(eventually([&] { return jsonl_ids(dir / "out").size() > 10; }, std::chrono::seconds(60)));
  CHECK(healthz(log).first == 200);

  redis.kill();
  CHECK(eventually([&] { return healthz(log).first == 503; }, std::chrono::seconds(30)));
  const auto down = healthz(log);
  INFO(down.second);
  CHECK(down.second.find("\"storage\":{\"ok\":false") != std::string::npos);
  redis.start();
  CHECK(eventually([&] { return healthz(log).first == 200; }, std::chrono::seconds(60)));
  // Everything created up to the recovery (less the 5 world-minutes of the recall window) must
  // arrive; the walks held back during the outage get 15 s to retry and catch up (their
  // delivery retries back off, and the storage connection's reconnect backoff reached ~12 s).
  const Millis stop = sandbox.world_now_ms();
  std::this_thread::sleep_for(std::chrono::seconds(15));
  daemon.signal(SIGTERM);
  const auto code = wait_exit(daemon, std::chrono::seconds(20));
  const std::string err = read_file(log);
  INFO(err.substr(err.size() > 5000 ? err.size() - 5000 : 0));
  REQUIRE(code == 0);
  CHECK(err.find("delivery: resumed") != std::string::npos);

  const auto ids = jsonl_ids(dir / "out");
  for (const auto& [id, n] : ids) {
    INFO(id);
    CHECK(n == 1);
  }
  const Recall r = recall(sandbox, o.keywords, o.platforms, start - 30 * 60'000, stop - 5 * 60'000, ids);
  INFO(r.found << " of " << r.truth << " found");
  REQUIRE(r.truth > 5);
  CHECK(r.found == r.truth);
}

}  // namespace koubei::test
