// Dedup throughput, with the ceiling underneath in the same run.
//
// Redis (--redis-socket PATH, a running redis-server, e.g. started by bench/dedup_bench.sh):
//   ceiling  `redis-benchmark -s PATH -P 64 -t set -n 1000000 -q` (SET of one key, pipelined 64)
//   also     the same tool on what dedup really writes: new random keys with a TTL
//            (`SET k:__rand_int__ v PX 60000 -r 100000000`), the server-side floor of a claim
//   koubei   RedisDedupStore: claim a batch of new ids, confirm all of them (2 commands per
//            mention, one round trip each per batch), batch sizes 100..1000, each run on a
//            FLUSHALLed server; then the re-crawl case where every id is already delivered (claim
//            only).
// Embedded (--embedded-dir DIR): EmbeddedDedupStore with fsync on, filled by confirm in batches
//   of 1000 to 1 M and 10 M keys: confirms/s, checks/s (claim of delivered ids and of new ids),
//   bytes per key in memory (RSS delta, and the table alone) and on disk, reopen time.
// Redis figures are medians of --repeat runs (default 3): the machine is shared.
// Output: Markdown tables. Figures, never assertions.
//
//   koubei_dedup_bench [--redis-socket PATH] [--mentions N] [--batches N,N] [--repeat N]
//                      [--embedded-dir DIR] [--keys N,N]
#include "storage/embedded/embedded_dedup_store.hpp"
#include "storage/redis/redis_dedup_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace koubei;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::vector<std::string> ids(const std::string& prefix, std::size_t from, std::size_t n) {
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = from; i < from + n; ++i)
    out.push_back(prefix + std::to_string(i));
  return out;
}

// requests per second from `redis-benchmark -q` output ("SET: 2016129.12 requests per second").
double redis_benchmark(const std::string& args) {
  const std::string cmd = "redis-benchmark " + args + " 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return 0;
  std::string out;
  char buf[4096];
  while (std::fgets(buf, sizeof(buf), p) != nullptr)
    out += buf;
  ::pclose(p);
  // -q prints progress lines separated by '\r'; the last figure is the final one.
  std::smatch m;
  std::regex re(R"(([0-9.]+) requests per second)");
  double last = 0;
  for (auto it = std::sregex_iterator(out.begin(), out.end(), re); it != std::sregex_iterator();
       ++it) {
    last = std::stod((*it)[1].str());
  }
  return last;
}

// The machine is shared: every figure is the median of `repeat` runs.
template <class F>
double median_of(int repeat, F&& run) {
  std::vector<double> v;
  for (int i = 0; i < repeat; ++i)
    v.push_back(run());
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// CPU seconds (user + system) this process used so far; the client's share of a run.
double cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * ::sysconf(_SC_PAGESIZE);
}

void bench_redis(const std::string& socket,
                 std::size_t mentions,
                 const std::vector<std::size_t>& batches,
                 int repeat) {
  const double ceiling = median_of(
      repeat, [&] { return redis_benchmark("-s " + socket + " -P 64 -t set -n 1000000 -q"); });

  struct Row {
    std::size_t batch;
    double rate;   // new ids: claim + confirm
    double again;  // re-crawl: claim of delivered ids
    double cpu;    // client CPU share during the new-id run
  };

  std::vector<Row> rows;
  auto options = storage::redis::RedisConnectionOptions{};
  options.endpoint = storage::redis::parse_redis_url("unix://" + socket).value();
  int run = 0;
  // One run: `mentions` new ids through claim + confirm, then the same ids again (claim only).
  double cpu_share = 0;
  auto measure = [&](std::size_t batch) -> std::pair<double, double> {
    storage::redis::RedisDedupStore store(
        std::make_shared<storage::redis::RedisConnection>(options), "bench:");
    const std::string prefix = "r" + std::to_string(run++) + ":weibo:post:";
    auto t0 = Clock::now();
    const double cpu0 = cpu_seconds();
    for (std::size_t at = 0; at < mentions; at += batch) {
      const auto b = ids(prefix, at, batch);
      auto states = store.claim(b, 5min);
      if (!states) {
        std::fprintf(stderr, "claim: %s\n", states.error().message().c_str());
        std::exit(1);
      }
      std::vector<std::string> fresh;
      for (std::size_t i = 0; i < b.size(); ++i) {
        if ((*states)[i] == storage::ClaimState::kNew) fresh.push_back(b[i]);
      }
      if (fresh.size() != b.size() || !store.confirm(fresh, 30 * 24h)) {
        std::fprintf(stderr, "unexpected claim state or confirm failure\n");
        std::exit(1);
      }
    }
    const double elapsed = seconds_since(t0);
    const double rate = static_cast<double>(mentions) / elapsed;
    cpu_share = (cpu_seconds() - cpu0) / elapsed;
    t0 = Clock::now();
    for (std::size_t at = 0; at < mentions; at += batch) {
      auto states = store.claim(ids(prefix, at, batch), 5min);
      if (!states || states->front() != storage::ClaimState::kDelivered) std::exit(1);
    }
    const double again = static_cast<double>(mentions) / seconds_since(t0);
    return {rate, again};
  };
  storage::redis::RedisConnection admin(options);
  storage::redis::RedisBatch flush;
  flush.add({"FLUSHALL"});
  for (std::size_t batch : batches) {
    std::vector<std::pair<double, double>> runs;
    double cpu = 0;
    for (int i = 0; i < repeat; ++i) {
      // Every run starts from an empty server, so that rows differ by batch size only.
      if (!admin.execute(flush)) std::exit(1);
      runs.push_back(measure(batch));
      cpu += cpu_share / repeat;
    }
    std::sort(runs.begin(), runs.end());
    const double rate = runs[runs.size() / 2].first;
    std::vector<double> agains;
    for (const auto& r : runs)
      agains.push_back(r.second);
    std::sort(agains.begin(), agains.end());
    rows.push_back({batch, rate, agains[agains.size() / 2], cpu});
  }
  // Last, so that its million keys (expiring after 60 s) do not load the server during the runs.
  const double new_key = median_of(repeat, [&] {
    return redis_benchmark("-s " + socket +
                           " -P 64 -n 1000000 -r 100000000 -q set k:__rand_int__ v PX 60000");
  });
  std::printf("\n### Redis dedup (claim + confirm), redis-server on a unix socket\n\n");
  std::printf("ceiling: `redis-benchmark -P 64 -t set -n 1000000 -q` = %.0f SET/s\n", ceiling);
  std::printf(
      "new keys with TTL: `redis-benchmark -P 64 -n 1000000 -r 100000000 set "
      "k:__rand_int__ v PX 60000` = %.0f SET/s\n\n",
      new_key);
  std::printf(
      "| batch | mentions | new ids: claim + confirm /s | vs ceiling | vs new-key SET | "
      "client CPU | re-crawl (all delivered) /s | vs ceiling "
      "|\n|---|---|---|---|---|---|---|---|\n");
  for (const auto& r : rows) {
    std::printf("| %zu | %zu | %.0f | %.1f%% | %.1f%% | %.0f%% | %.0f | %.1f%% |\n",
                r.batch,
                mentions,
                r.rate,
                100 * r.rate / ceiling,
                100 * r.rate / new_key,
                100 * r.cpu,
                r.again,
                100 * r.again / ceiling);
  }
}

void bench_embedded(const fs::path& dir, const std::vector<std::size_t>& sizes) {
  std::printf("\n### Embedded dedup store (fsync on, batches of 1000)\n\n");
  std::printf(
      "| keys | confirms/s | checks/s (delivered) | checks/s (new) | RSS B/key | table "
      "B/key | disk B/key | reopen s |\n|---|---|---|---|---|---|---|---|\n");
  for (std::size_t keys : sizes) {
    const fs::path state = dir / ("keys-" + std::to_string(keys));
    fs::remove_all(state);
    constexpr std::size_t kBatch = 1000;
    double confirm_rate = 0;
    double hit_rate = 0;
    double miss_rate = 0;
    double rss_per_key = 0;
    double table_per_key = 0;
    {
      auto lock = storage::embedded::StateDirLock::acquire(state.string()).value();
      const long rss0 = rss_bytes();
      auto store = storage::embedded::EmbeddedDedupStore::open(lock).value();
      auto t0 = Clock::now();
      for (std::size_t at = 0; at < keys; at += kBatch) {
        if (!store->confirm(ids("weibo:post:", at, kBatch), 30 * 24h)) std::exit(1);
      }
      confirm_rate = static_cast<double>(keys) / seconds_since(t0);
      rss_per_key = static_cast<double>(rss_bytes() - rss0) / static_cast<double>(keys);
      table_per_key =
          static_cast<double>(store->embedded_stats().memory_bytes) / static_cast<double>(keys);
      const std::size_t probes = std::min<std::size_t>(keys, 1'000'000);
      t0 = Clock::now();
      for (std::size_t at = 0; at < probes; at += kBatch) {
        auto s = store->claim(ids("weibo:post:", at, kBatch), 5min);
        if (!s || s->front() != storage::ClaimState::kDelivered) std::exit(1);
      }
      hit_rate = static_cast<double>(probes) / seconds_since(t0);
      t0 = Clock::now();
      for (std::size_t at = 0; at < probes; at += kBatch) {
        const auto b = ids("douyin:video:", at, kBatch);
        if (!store->claim(b, 5min) || !store->release(b)) std::exit(1);
      }
      miss_rate = static_cast<double>(probes) / seconds_since(t0);
    }
    const double disk =
        static_cast<double>(fs::file_size(state / "dedup.log")) / static_cast<double>(keys);
    auto lock = storage::embedded::StateDirLock::acquire(state.string()).value();
    auto t0 = Clock::now();
    auto reopened = storage::embedded::EmbeddedDedupStore::open(lock).value();
    const double reopen = seconds_since(t0);
    std::printf("| %zu | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %.2f |\n",
                keys,
                confirm_rate,
                hit_rate,
                miss_rate,
                rss_per_key,
                table_per_key,
                disk,
                reopen);
    std::fflush(stdout);
    reopened.reset();
    fs::remove_all(state);
  }
}

std::vector<std::size_t> parse_list(const std::string& value) {
  std::vector<std::size_t> out;
  for (std::size_t pos = 0; pos < value.size();) {
    const auto comma = value.find(',', pos);
    out.push_back(std::stoul(value.substr(pos, comma - pos)));
    pos = comma == std::string::npos ? value.size() : comma + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string socket;
  std::string embedded_dir;
  std::size_t mentions = 200'000;
  std::vector<std::size_t> sizes = {1'000'000, 10'000'000};
  std::vector<std::size_t> batches = {100, 250, 500, 1000};
  int repeat = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--redis-socket") {
      socket = value;
    } else if (flag == "--mentions") {
      mentions = std::stoul(value);
    } else if (flag == "--embedded-dir") {
      embedded_dir = value;
    } else if (flag == "--keys") {
      sizes = parse_list(value);
    } else if (flag == "--repeat") {
      repeat = std::max(1, std::stoi(value));
    } else if (flag == "--batches") {
      batches = parse_list(value);
    } else {
      std::fprintf(stderr,
                   "usage: koubei_dedup_bench [--redis-socket PATH] [--mentions N] "
                   "[--batches N,N] [--repeat N] [--embedded-dir DIR] [--keys N,N]\n");
      return 2;
    }
  }
  if (!socket.empty()) bench_redis(socket, mentions, batches, repeat);
  if (!embedded_dir.empty()) bench_embedded(embedded_dir, sizes);
  return 0;
}
