#include "crawler/http/host_stats.hpp"

#include <algorithm>

namespace koubei::http {

void Histogram::record(std::chrono::microseconds value) {
  const auto v = static_cast<std::uint64_t>(std::max<std::int64_t>(value.count(), 0));
  const auto it = std::lower_bound(kBoundsMicros.begin(), kBoundsMicros.end(), v);
  ++counts[static_cast<std::size_t>(it - kBoundsMicros.begin())];
  ++count;
  sum_micros += v;
}

void HostStats::record(const std::string& host, const Response& response) {
  const std::lock_guard lock(mutex_);
  auto it = hosts_.find(host);
  if (it == hosts_.end()) {
    const std::string key = hosts_.size() < kMaxHosts ? host : std::string(kOtherHost);
    it = hosts_.try_emplace(key).first;
  }
  HostCounters& c = it->second;
  ++c.requests;
  c.redirects += response.redirects.size();
  c.wire_bytes += response.wire_bytes;
  if (response.ok()) {
    ++c.succeeded;
    c.body_bytes += response.body.size();
  } else {
    const auto index = static_cast<std::size_t>(response.error.code.value());
    ++c.failures[index < kFetchErrcCount ? index : static_cast<std::size_t>(FetchErrc::kInternal)];
  }
  if (response.status != 0) {
    const int cls = response.status / 100;
    ++c.statuses[cls >= 1 && cls <= 5 ? static_cast<std::size_t>(cls) : 0];
  }
  if (response.status == 0) return;  // no phase ever completed: nothing to time
  const Timings& t = response.timings;
  c.dns.record(t.dns);
  c.connect.record(t.connect);
  c.tls.record(t.tls);
  c.first_byte.record(t.first_byte);
  c.total.record(t.total);
}

std::map<std::string, HostCounters> HostStats::snapshot() const {
  const std::lock_guard lock(mutex_);
  return hosts_;
}

}  // namespace koubei::http
