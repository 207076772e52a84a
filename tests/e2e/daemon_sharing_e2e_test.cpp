// Several koubei daemons on one Redis share the work (issue 10): every job is walked by exactly
// one live daemon, a daemon killed with SIGKILL has its jobs taken over within about one lease,
// and nothing is lost.
#include <catch2/catch.hpp>
#include <simdjson.h>

#include "tests/e2e/e2e_support.hpp"
#include "tests/support/koubei_run.hpp"
#include "tests/support/redis_cluster.hpp"
#include "tests/support/redis_server.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <cmath>
#include <csignal>
#include <iostream>
#include <memory>
#include <set>
#include <thread>

namespace koubei::test {
namespace {

struct Sharing {
  bool ok = false;  ///< /healthz answered and parsed
  std::size_t peers = 0;
  std::set<std::string> owned;
  double weibo_rate_share = 0;  ///< this daemon's fraction of weibo's configured rates
  std::string weibo_budgets;    ///< "shared": weibo's rates are the buckets in Redis
};

Sharing sharing_of(const std::filesystem::path& log) {
  const auto [status, body] = healthz(log);
  Sharing s;
  if (status != 200 && status != 503) return s;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body).get(root) != simdjson::SUCCESS) return s;
  simdjson::dom::element sharing;
  if (root["sharing"].get(sharing) != simdjson::SUCCESS) return s;
  std::int64_t peers = 0;
  if (sharing["peers"].get(peers) != simdjson::SUCCESS) return s;
  simdjson::dom::array owned;
  if (sharing["owned"].get(owned) != simdjson::SUCCESS) return s;
  for (simdjson::dom::element job : owned) s.owned.emplace(std::string(job.get_string().value()));
  if (root["platforms"]["weibo"]["rate_share"].get(s.weibo_rate_share) != simdjson::SUCCESS) return s;
  std::string_view budgets;
  if (root["platforms"]["weibo"]["budgets"].get(budgets) != simdjson::SUCCESS) return s;
  s.weibo_budgets = std::string(budgets);
  s.peers = static_cast<std::size_t>(peers);
  s.ok = true;
  return s;
}

// Every job owned by exactly one of the daemons in `logs`, each of which sees `logs.size()` peers.
bool split_exactly(const std::vector<std::filesystem::path>& logs, std::size_t jobs,
                   std::string& why) {
  std::map<std::string, int> owners;
  for (const auto& log : logs) {
    const Sharing s = sharing_of(log);
    if (!s.ok) {
      why = log.string() + ": no /healthz yet";
      return false;
    }
    if (s.peers != logs.size()) {
      why = log.string() + " sees " + std::to_string(s.peers) + " peers";
      return false;
    }
    // Politeness for all together: the rates are buckets in Redis shared by all, and each
    // daemon's fallback (Redis unreachable) is 1/N of them.
    if (s.weibo_budgets != "shared") {
      why = log.string() + " has " + s.weibo_budgets + " budgets";
      return false;
    }
    if (std::abs(s.weibo_rate_share - 1.0 / static_cast<double>(logs.size())) > 1e-3) {
      why = log.string() + " falls back to " + std::to_string(s.weibo_rate_share) + " of the rates";
      return false;
    }
    for (const auto& job : s.owned) ++owners[job];
  }
  for (const auto& [job, n] : owners) {
    if (n != 1) {
      why = job + " owned " + std::to_string(n) + " times";
      return false;
    }
  }
  why = std::to_string(owners.size()) + " of " + std::to_string(jobs) + " jobs owned";
  return owners.size() == jobs;
}

}  // namespace

TEST_CASE("three daemons split the jobs, and a daemon killed with SIGKILL has its jobs taken over",
          "[e2e][.integration]") {
  SandboxProcess sandbox("demo", 60);
  RedisServer redis;
  std::array<TempDir, 3> dirs;
  CrawlSetupOptions o;
  o.keywords = {"华为 信号", "小米 售后"};
  o.interval_min = "1s";
  o.interval_max = "2s";
  o.first_since = "2h";
  o.redis_url = redis.url();
  o.metrics_listen = "127.0.0.1:0";
  o.lease_ttl = "3s";
  o.claim_ttl = "5s";  // what the killed daemon had claimed is free again soon
  const std::size_t jobs = o.keywords.size() * o.platforms.size();
  std::vector<std::filesystem::path> logs;
  std::vector<std::filesystem::path> configs;
  std::vector<std::unique_ptr<ChildProcess>> daemons;  // not movable: built in place
  const Millis start = sandbox.world_now_ms();
  for (std::size_t i = 0; i < dirs.size(); ++i) {
    // Fixed names make the split deterministic (rendezvous hashing): each gets some of the 6 jobs.
    o.member = "daemon-" + std::to_string(i);
    const auto& dir = dirs[i];
    const auto config = write_crawl_config(dir.path(), sandbox, o);
    configs.push_back(config);
    logs.push_back(dir / "koubei.log");
    daemons.emplace_back(new ChildProcess(start_koubei({"run", "--config", config.string()}, logs.back())));
  }
  std::string why;
  const bool split = eventually([&] { return split_exactly(logs, jobs, why); }, std::chrono::seconds(30));
  INFO(why);
  REQUIRE(split);
  for (const auto& log : logs) CHECK(!sharing_of(log).owned.empty());
  std::this_thread::sleep_for(std::chrono::seconds(5));
  // The cluster view from the command line: three daemons, every job with an owner.
  const KoubeiRun status = run_koubei("status --config '" + configs[0].string() + "'");
  INFO(status.out << status.err);
  CHECK(status.exit_code == 0);
  CHECK(status.out.find("daemons: 3 live") != std::string::npos);
  CHECK(status.out.find("jobs: 6 (6 owned, 0 without a live owner)") != std::string::npos);
  for (const char* member : {"daemon-0", "daemon-1", "daemon-2"}) {
    CHECK(status.out.find(member) != std::string::npos);
  }

  const auto victim = sharing_of(logs[2]).owned;
  daemons[2]->kill_9();
  CHECK(daemons[2]->wait() == 128 + SIGKILL);
  const auto killed = std::chrono::steady_clock::now();
  const std::vector<std::filesystem::path> survivors{logs[0], logs[1]};
  const bool taken_over =
      eventually([&] { return split_exactly(survivors, jobs, why); }, std::chrono::seconds(30));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - killed).count();
  INFO(why);
  REQUIRE(taken_over);
  // One lease (3 s) plus a renew interval (1 s); the slack is for a loaded machine.
  CHECK(seconds < 10);
  const KoubeiRun after = run_koubei("status --config '" + configs[0].string() + "' --json");
  INFO(after.out << after.err);
  CHECK(after.exit_code == 0);
  CHECK(after.out.find("\"unowned_jobs\":0") != std::string::npos);
  CHECK(after.out.find("\"member\":\"daemon-2\"") == std::string::npos);
  std::cout << "sharing: " << victim.size() << " jobs of the killed daemon taken over in " << seconds
            << " s (lease 3 s)\n";
  std::this_thread::sleep_for(std::chrono::seconds(10));
  const Millis stop = sandbox.world_now_ms();
  for (int i = 0; i < 2; ++i) daemons[i]->signal(SIGTERM);
  for (int i = 0; i < 2; ++i) {
    const auto code = wait_exit(*daemons[i], std::chrono::seconds(20));
    const std::string err = read_file(logs[i]);
    INFO(err.substr(err.size() > 4000 ? err.size() - 4000 : 0));
    CHECK(code == 0);
  }

  // No id twice between the survivors; the killed daemon may have written a few that it had not
  // confirmed yet (at-least-once for what was in flight at the kill).
  std::array<std::map<std::string, int>, 3> ids;
  for (int i = 0; i < 3; ++i) ids[i] = jsonl_ids(dirs[i] / "out");
  std::map<std::string, int> all;
  std::size_t twice_survivors = 0;
  std::size_t twice_with_victim = 0;
  for (int i = 0; i < 3; ++i) {
    for (const auto& [id, n] : ids[i]) {
      const int before = all[id];
      all[id] += n;
      if (i < 2 && (n > 1 || before > 0)) ++twice_survivors;
      if (i == 2 && (n > 1 || before > 0)) ++twice_with_victim;
    }
  }
  CHECK(twice_survivors == 0);
  CHECK(twice_with_victim <= 20);
  for (int i = 0; i < 3; ++i) CHECK(!ids[i].empty());  // every daemon did some of the work
  const Recall r = recall(sandbox, o.keywords, o.platforms, start - 2 * 3600'000, stop - 5 * 60'000, all);
  INFO(r.found << " of " << r.truth << " found; missing e.g. "
                << (r.missing.empty() ? "" : r.missing.front()));
  REQUIRE(r.truth > 30);
  CHECK(r.found == r.truth);
}

TEST_CASE("three daemons on a Redis Cluster whose primary fails over: jobs owned again, recall, no "
          "id twice, no account over its rate",
          "[e2e][.integration]") {
  // The steady scenario (heavy-tailed keyword rates, bursts), cut to 12 keywords at 30 times its
  // rates, with each platform's login cookie allowed 20 requests/s (burst 20). Every daemon's
  // configuration allows the same 20/s (burst 10): the three together must take their requests from
  // one bucket, or their start-up (first polls, author pages) asks up to three times that and is
  // blocked. The sandbox counts the requests per cookie and every one it refused.
  TempDir world_dir;
  const auto scenario = world_dir / "steady-limited.toml";
  {
    std::string steady = read_file(std::filesystem::path(KOUBEI_SCENARIO_DIR) / "steady.toml");
    auto replace = [&](const std::string& from, const std::string& to) {
      const auto at = steady.find(from);
      REQUIRE(at != std::string::npos);
      steady.replace(at, from.size(), to);
    };
    replace("name = \"steady\"", "name = \"steady-limited\"");
    replace("queries = 300", "queries = 11");
    replace("median_rate = \"2/h\"", "median_rate = \"60/h\"");
    replace("rate = \"20/h\"", "rate = \"600/h\"");
    std::ofstream f(scenario);
    f << steady;
    for (const char* p : {"weibo", "xiaohongshu", "douyin", "dianping"}) {
      f << "\n[limits." << p << "]\nip_rate = \"1000/s\"\nip_burst = 1000\ncookie_rate = \"20/s\"\n"
        << "cookie_burst = 20\n";
    }
  }
  SandboxProcess sandbox(scenario.string(), 1);
  test::RedisCluster cluster({.masters = 3, .replicas_per_master = 1});
  std::array<TempDir, 3> dirs;
  CrawlSetupOptions o;
  // The world's keywords, each once (steady's generator may repeat its hand-written one).
  for (const auto& k : sandbox.keywords()) {
    if (std::find(o.keywords.begin(), o.keywords.end(), k) == o.keywords.end()) o.keywords.push_back(k);
  }
  REQUIRE(o.keywords.size() >= 10);
  o.rate = "20/s";
  o.burst = 10;
  // Xiaohongshu lists notes without a time: a first poll completes every note with a detail page,
  // which at this budget outlasts the test (docs/performance.md, freshness).
  o.platforms = {"weibo", "douyin"};
  o.interval_min = "3s";
  o.interval_max = "10s";
  o.first_since = "3m";
  o.redis_url = cluster.url(0);
  for (std::size_t n = 1; n < cluster.size(); ++n) o.redis_cluster_seeds.push_back(cluster.url(n));
  o.metrics_listen = "127.0.0.1:0";
  o.lease_ttl = "3s";
  std::vector<std::filesystem::path> logs;
  std::vector<std::unique_ptr<ChildProcess>> daemons;
  const Millis start = sandbox.world_now_ms();
  for (std::size_t i = 0; i < dirs.size(); ++i) {
    o.member = "daemon-" + std::to_string(i);
    const auto config = write_crawl_config(dirs[i].path(), sandbox, o);
    logs.push_back(dirs[i] / "koubei.log");
    daemons.emplace_back(new ChildProcess(start_koubei({"run", "--config", config.string()}, logs.back())));
  }
  const std::size_t jobs = o.keywords.size() * o.platforms.size();
  std::string why;
  const bool split = eventually([&] { return split_exactly(logs, jobs, why); }, std::chrono::seconds(30));
  INFO(why);
  REQUIRE(split);
  std::this_thread::sleep_for(std::chrono::seconds(15));

  // kill -9 the primary that holds the lease table; its replica takes over.
  const int coord_slot = std::stoi(cluster.command(0, {"CLUSTER", "KEYSLOT", "koubei:leases:{coord}"}));
  const std::size_t primary = cluster.owner_of_slot(coord_slot, 0);
  const Millis killed_ms = sandbox.world_now_ms();
  cluster.kill(primary);
  const std::size_t promoted = cluster.wait_until_serving(coord_slot);
  CHECK(promoted != primary);
  // The daemons carry on: every job owned again, each daemon seeing the other two.
  const bool recovered = eventually([&] { return split_exactly(logs, jobs, why); }, std::chrono::seconds(30));
  INFO(why);
  CHECK(recovered);
  std::this_thread::sleep_for(std::chrono::seconds(20));
  const Millis stop = sandbox.world_now_ms();
  for (auto& d : daemons) d->signal(SIGTERM);
  for (std::size_t i = 0; i < daemons.size(); ++i) {
    const auto code = wait_exit(*daemons[i], std::chrono::seconds(30));
    const std::string err = read_file(logs[i]);
    INFO(err.substr(err.size() > 4000 ? err.size() - 4000 : 0));
    CHECK(code == 0);
  }

  std::map<std::string, int> all;
  for (const auto& dir : dirs) {
    for (const auto& [id, n] : jsonl_ids(dir / "out")) all[id] += n;
  }
  std::size_t twice = 0;
  for (const auto& [id, n] : all) twice += n > 1 ? 1 : 0;
  // Replication is asynchronous: a confirm the dead primary acknowledged but had not passed on
  // can make the new owner deliver that id again (a duplicate, never a gap). Loopback replication
  // lags by well under a millisecond, so at most a handful.
  CHECK(twice <= 3);
  // Items created up to one maximum interval (10 s), a lease round and a walk of a busy keyword
  // at the accounts' rate before the stop.
  const Recall r = recall(sandbox, o.keywords, o.platforms, start, stop - 20'000, all);
  std::string missing;
  for (const auto& platform : o.platforms) {
    for (const auto& keyword : o.keywords) {
      for (const auto& item : sandbox.truth(platform, keyword, start, stop - 20'000)) {
        if (!all.contains(item.id)) {
          missing += " " + item.id + " (created at +" + std::to_string((item.created_ms - start) / 1000) +
                     " s of " + std::to_string((stop - start) / 1000) + ", kill at +" +
                     std::to_string((killed_ms - start) / 1000) + ")";
        }
      }
    }
  }
  std::size_t held = 0;
  for (const auto& log : logs) {
    const std::string text = read_file(log);
    for (auto at = text.find("held by another"); at != std::string::npos;
         at = text.find("held by another", at + 1)) {
      ++held;
    }
  }
  std::string weibo_lines;
  for (const auto& log : logs) {
    std::istringstream lines(read_file(log));
    for (std::string line; std::getline(lines, line);) {
      if (line.find("weibo") != std::string::npos && line.find("not polled here") == std::string::npos &&
          weibo_lines.size() < 6000) {
        weibo_lines += line + "\n";
      }
    }
  }
  INFO(weibo_lines);
  INFO(r.found << " of " << r.truth << " found; missing" << missing << "; " << held
                << " poll(s) found ids held by a claim");
  REQUIRE(r.truth > 10);
  CHECK(static_cast<double>(r.found) >= 0.99 * static_cast<double>(r.truth));

  // The sandbox's own account: no login cookie was ever over its rate.
  const std::string stats = http_get(sandbox.base_url() + "/__sandbox/stats");
  INFO(stats);
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(stats);
  std::uint64_t blocked = 0;
  for (auto [key, value] : root["blocked"].get_object()) blocked += value.get_uint64().value();
  CHECK(blocked == 0);
  std::cout << "sharing on a cluster: " << r.found << " of " << r.truth << " items, " << twice
            << " delivered twice, " << blocked << " requests blocked; sandbox " << stats << "\n";
}

}  // namespace koubei::test
