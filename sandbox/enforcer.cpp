#include "sandbox/enforcer.hpp"

#include <algorithm>

#include "sandbox/render_common.hpp"

namespace koubei::sandbox {

std::string account_label(PlatformId p, std::string_view cookie_value) {
  std::string data(config::to_string(p));
  data += '|';
  data += cookie_value;
  return "acct-" + keyed_hex(0x6163637400ULL, data).substr(0, 12);
}

bool Enforcer::take(Bucket& b, const Rate& rate, std::uint32_t burst, std::int64_t now_ms) {
  if (rate.count <= 0) return true;  // unlimited
  const double cap = std::max<double>(1, burst);
  if (!b.primed) {
    b.primed = true;
    b.tokens = cap;
    b.last_ms = now_ms;
  }
  const double refill = rate.per_second() * static_cast<double>(now_ms - b.last_ms) / 1000.0;
  b.tokens = std::min(cap, b.tokens + std::max(0.0, refill));
  b.last_ms = now_ms;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

Block Enforcer::admit(PlatformId p, std::string_view ip, std::string_view account,
                      std::int64_t now_ms) {
  const auto i = static_cast<std::size_t>(p);
  const LimitSpec& l = limits_[i];
  const std::string_view name = config::to_string(p);
  const auto key = [&](std::string_view kind, std::string_view who) {
    std::string k(name);
    k += kind;
    k += who;
    return k;
  };
  std::lock_guard lock(mu_);
  ++requests_[i];
  if (!account.empty()) ++accounts_[key(":", account)];
  if (l.ip_rate.count > 0 && !take(buckets_[key("|ip|", ip)], l.ip_rate, l.ip_burst, now_ms)) {
    ++blocked_[key(".ip", "")];
    return Block::kIp;
  }
  if (!account.empty() && l.cookie_rate.count > 0 &&
      !take(buckets_[key("|acct|", account)], l.cookie_rate, l.cookie_burst, now_ms)) {
    ++blocked_[key(".account", "")];
    return Block::kAccount;
  }
  return Block::kNone;
}

void Enforcer::count_fault(std::string_view kind) {
  std::lock_guard lock(mu_);
  ++faults_[std::string(kind)];
}

std::uint64_t Enforcer::next_sequence() {
  std::lock_guard lock(mu_);
  return sequence_++;
}

std::string Enforcer::stats_json() const {
  std::lock_guard lock(mu_);
  std::uint64_t total = 0;
  for (auto n : requests_) total += n;
  std::string out = R"({"requests":)" + std::to_string(total) + R"(,"platforms":{)";
  for (PlatformId p : config::kAllPlatforms) {
    if (p != PlatformId::kWeibo) out += ",";
    out += "\"" + std::string(config::to_string(p)) + "\":" +
           std::to_string(requests_[static_cast<std::size_t>(p)]);
  }
  const auto map_json = [&out](std::string_view key, const std::map<std::string, std::uint64_t>& m) {
    out += ",\"";
    out += key;
    out += "\":{";
    bool first = true;
    for (const auto& [k, v] : m) {
      if (!first) out += ",";
      first = false;
      js(out, k);
      out += ":" + std::to_string(v);
    }
    out += "}";
  };
  out += "}";
  map_json("accounts", accounts_);
  map_json("blocked", blocked_);
  map_json("faults", faults_);
  out += "}";
  return out;
}

}  // namespace koubei::sandbox
