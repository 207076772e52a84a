#pragma once
// End-to-end tests drive the koubei binary as a user would: `koubei sandbox` as a child process
// on a loopback port, a generated configuration pointing every platform at it, and `koubei run`
// or `koubei backfill` as another child process. What koubei delivered is read back from its
// JSONL output and compared with the sandbox's ground truth (/__sandbox/truth).
//
// Everything is on 127.0.0.1 with ports picked by the kernel; every file lives in a TempDir.
// Thread safety: none (one test thread).

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <string>
#include <vector>

namespace koubei::test {

using Millis = std::int64_t;

Millis wall_ms();

/// A blocking HTTP GET on loopback: the body, or throws std::runtime_error.
std::string http_get(const std::string& url);
/// The same, any status: {status (0 when nothing answered), body}.
std::pair<long, std::string> http_get_status(const std::string& url);

class SandboxProcess {
 public:
  /// Starts `koubei sandbox --listen 127.0.0.1:0 --scenario S --clock-rate R [--epoch E]` and
  /// waits for its "listening on" line.
  SandboxProcess(const std::string& scenario, double clock_rate,
                 const std::optional<std::string>& epoch = std::nullopt);

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  struct TruthItem {
    std::string id;
    std::string native_id;
    Millis created_ms = 0;
  };
  /// /__sandbox/truth of a keyword (or a shop id on Dianping) in [since, until).
  std::vector<TruthItem> truth(const std::string& platform, const std::string& query,
                               Millis since_ms, Millis until_ms) const;
  /// A post's comments and replies.
  std::vector<TruthItem> comments(const std::string& platform, const std::string& native_id) const;
  /// The world's keywords (/__sandbox/world queries[].keyword).
  std::vector<std::string> keywords() const;
  /// The id of the platform's most-followed author (/__sandbox/world head_authors).
  std::string head_author(const std::string& platform) const;
  /// A keyword's posts in [since, until) by one author.
  std::vector<TruthItem> truth_by(const std::string& platform, const std::string& query,
                                  Millis since_ms, Millis until_ms, const std::string& author) const;
  /// World time now (ms).
  Millis world_now_ms() const;

 private:
  ChildProcess process_;
  int port_ = 0;
};

struct CrawlSetupOptions {
  std::vector<std::string> keywords;       ///< one [[query]] each (ids q0, q1, …)
  std::vector<std::string> platforms{"weibo", "xiaohongshu", "douyin"};
  /// Dianping shops (id, keyword expression its reviews match): one extra query per shop.
  std::vector<std::pair<std::string, std::string>> shops;
  bool comments = false;
  std::string interval_min = "5s";
  std::string interval_max = "30s";
  std::string first_since = "1h";
  std::string rate = "200/s";
  int burst = 20;
  int accounts = 1;                        ///< accounts per platform (each its own login cookie)
  std::string redis_url;                   ///< empty: the embedded store
  std::string metrics_listen;              ///< empty: no /metrics, /healthz
  std::string weibo_search_route = "api";  ///< "html": s.weibo.com (backfills by timescope)
  std::string lease_ttl;                   ///< [daemon] lease_ttl; empty: the default
  std::string member;                      ///< [daemon] member; empty: the default (host:pid)
  std::string claim_ttl;                   ///< [redis] claim_ttl; empty: the default
  std::vector<std::string> redis_cluster_seeds;  ///< non-empty: [redis] cluster = true, these seeds
  std::string extra;                       ///< appended TOML (e.g. [alerts] settings)
};

/// Writes <dir>/koubei.toml (and the Dianping glyph map) and returns its path. State goes to
/// <dir>/state, mentions to <dir>/out/mentions.jsonl.
std::filesystem::path write_crawl_config(const std::filesystem::path& dir,
                                         const SandboxProcess& sandbox,
                                         const CrawlSetupOptions& options);

/// How many of the truth's items (keywords × platforms, created in [since, until)) `ids` holds.
struct Recall {
  std::size_t truth = 0;
  std::size_t found = 0;
  std::vector<std::string> missing;  ///< the first few ids not found
};
Recall recall(const SandboxProcess& sandbox, const std::vector<std::string>& keywords,
              const std::vector<std::string>& platforms, Millis since, Millis until,
              const std::map<std::string, int>& ids);

/// Every record id in the JSONL files under `dir` (recursively), with how often each occurs.
std::map<std::string, int> jsonl_ids(const std::filesystem::path& dir);

/// Starts `koubei ARGS...` with stderr appended to `log`. The caller signals it with ::kill.
ChildProcess start_koubei(const std::vector<std::string>& args, const std::filesystem::path& log);

/// GET /healthz of the daemon whose log is `log` (the address its "metrics and health on" line
/// names): status and body; {0, ""} before that line is written.
std::pair<long, std::string> healthz(const std::filesystem::path& log);

/// Waits for the child to exit within `deadline`; nullopt (after killing it) when it did not.
std::optional<int> wait_exit(ChildProcess& child, std::chrono::milliseconds deadline);

/// Waits until `predicate()` holds, polling every 200 ms, for at most `deadline`.
template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds deadline) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < end) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return predicate();
}

}  // namespace koubei::test
