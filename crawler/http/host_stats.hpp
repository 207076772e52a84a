#pragma once
// Per-host counters and timing histograms of the HTTP engine, for the daemon's /metrics.
//
// The network thread records one finished fetch at a time; any thread may take a snapshot (a copy
// under a mutex, so readers never see a half-updated host). Hosts are keyed by the request URL's
// host; past kMaxHosts distinct hosts, the rest are counted under kOtherHost (a bound on memory
// whatever the redirects and URLs look like).

#include "crawler/http/fetch_error.hpp"
#include "crawler/http/response.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace koubei::http {

/// A fixed log-bucket latency histogram: bucket i counts values <= kBoundsMicros[i]; the last
/// bucket counts the rest. Bounds double from 250 µs to ~65 s.
struct Histogram {
  static constexpr std::size_t kBuckets = 19;
  static constexpr std::array<std::uint64_t, kBuckets - 1> kBoundsMicros = {250,
                                                                            500,
                                                                            1000,
                                                                            2000,
                                                                            4000,
                                                                            8000,
                                                                            16000,
                                                                            32000,
                                                                            64000,
                                                                            128000,
                                                                            256000,
                                                                            512000,
                                                                            1024000,
                                                                            2048000,
                                                                            4096000,
                                                                            8192000,
                                                                            16384000,
                                                                            65536000};

  std::array<std::uint64_t, kBuckets> counts{};
  std::uint64_t count = 0;
  std::uint64_t sum_micros = 0;

  void record(std::chrono::microseconds value);
};

struct HostCounters {
  std::uint64_t requests = 0;   ///< fetches finished (success or failure)
  std::uint64_t succeeded = 0;  ///< fetches that got a response (any status)
  std::array<std::uint64_t, kFetchErrcCount> failures{};  ///< indexed by FetchErrc
  std::array<std::uint64_t, 6> statuses{};  ///< [1]..[5] = 1xx..5xx, [0] = anything else
  std::uint64_t redirects = 0;              ///< hops followed
  std::uint64_t body_bytes = 0;             ///< decoded body bytes delivered
  std::uint64_t wire_bytes = 0;             ///< body bytes received before decoding
  Histogram dns, connect, tls, first_byte, total;
};

class HostStats {
 public:
  static constexpr std::size_t kMaxHosts = 1024;
  static constexpr const char* kOtherHost = "(other)";

  /// Records one finished fetch of `host`. Called by the network thread.
  void record(const std::string& host, const Response& response);

  /// A consistent copy of every host's counters; callable from any thread.
  std::map<std::string, HostCounters> snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, HostCounters> hosts_;  // GUARDED_BY(mutex_)
};

}  // namespace koubei::http
