#pragma once
// Rate enforcement and request accounting of the simulated platforms: a token bucket per client
// IP (the peer address, or the first X-Forwarded-For address) and per account (the platform's
// login cookie) for each platform, with the scenario's limits; and the counters /__sandbox/stats
// shows (requests per platform, per account, blocks, faults).
//
// Accounts are named by a hash of the cookie value ("acct-3f9a…", account_label()), never by the
// cookie itself.
//
// Thread safety: every method may be called from any thread (one mutex; the server has at most a
// few threads and the critical sections are a few map operations).

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sandbox/scenario.hpp"

namespace koubei::sandbox {

enum class Block { kNone, kIp, kAccount };

class Enforcer {
 public:
  explicit Enforcer(const Scenario& scenario) : limits_(scenario.limits) {}

  /// Takes a token from the IP bucket and (with a cookie) the account bucket; `now_ms` is a
  /// monotonic wall time. Counts the request either way.
  Block admit(PlatformId p, std::string_view ip, std::string_view account, std::int64_t now_ms);

  void count_fault(std::string_view kind);
  std::uint64_t next_sequence();

  /// {"requests":…,"platforms":{…},"accounts":{…},"blocked":{…},"faults":{…}}
  std::string stats_json() const;

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t last_ms = 0;
    bool primed = false;
  };
  static bool take(Bucket& b, const Rate& rate, std::uint32_t burst, std::int64_t now_ms);

  std::array<LimitSpec, 4> limits_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;   // guarded by mu_
  std::array<std::uint64_t, 4> requests_{};           // guarded by mu_
  std::map<std::string, std::uint64_t> accounts_;     // guarded by mu_
  std::map<std::string, std::uint64_t> blocked_;      // guarded by mu_
  std::map<std::string, std::uint64_t> faults_;       // guarded by mu_
  std::uint64_t sequence_ = 0;                        // guarded by mu_
};

/// "acct-" + 12 hex digits of a hash of the login cookie's value.
std::string account_label(PlatformId p, std::string_view cookie_value);

}  // namespace koubei::sandbox
