#include "storage/embedded/fingerprint_table.hpp"

#include "storage/embedded/checksum.hpp"

#include <algorithm>
#include <bit>
#include <tuple>

namespace koubei::storage::embedded {
namespace {

constexpr std::size_t kMinCapacity = 1024;
constexpr double kMaxLoad = 0.8;     // rebuild above this
constexpr double kTargetLoad = 0.7;  // rebuild to at most this

}  // namespace

std::uint64_t fingerprint(std::string_view id) {
  const std::uint64_t h = xxh64(id);
  return h == 0 ? 1 : h;
}

FingerprintTable::FingerprintTable(std::size_t max_keys)
    : max_keys_(std::max<std::size_t>(max_keys, 1)) {}

std::optional<std::uint32_t> FingerprintTable::find(std::uint64_t fp, std::uint32_t now_s) const {
  if (fps_.empty()) return std::nullopt;
  const std::size_t mask = fps_.size() - 1;
  for (std::size_t i = fp & mask;; i = (i + 1) & mask) {
    if (fps_[i] == 0) return std::nullopt;
    if (fps_[i] == fp) {
      if (expires_[i] > now_s) return expires_[i];
      return std::nullopt;
    }
  }
}

void FingerprintTable::upsert(std::uint64_t fp, std::uint32_t expires_s, std::uint32_t now_s) {
  if (fps_.empty()) {
    fps_.assign(kMinCapacity, 0);
    expires_.assign(kMinCapacity, 0);
  }
  const std::size_t mask = fps_.size() - 1;
  std::size_t reusable = fps_.size();  // first expired slot on the chain
  std::size_t i = fp & mask;
  for (; fps_[i] != 0; i = (i + 1) & mask) {
    if (fps_[i] == fp) {
      expires_[i] = expires_s;
      return;
    }
    if (reusable == fps_.size() && expires_[i] <= now_s) reusable = i;
  }
  if (reusable != fps_.size()) {
    i = reusable;  // an expired entry's slot: no new slot used
  } else {
    ++occupied_;
  }
  fps_[i] = fp;
  expires_[i] = expires_s;
  if (static_cast<double>(occupied_) > kMaxLoad * static_cast<double>(fps_.size()) ||
      occupied_ > max_keys_) {
    rebuild(now_s);
  }
}

std::size_t FingerprintTable::count_live(std::uint32_t now_s) const {
  std::size_t n = 0;
  for_each_live(now_s, [&n](std::uint64_t, std::uint32_t) { ++n; });
  return n;
}

// The expiry at or below which entries are evicted so that about a tenth of max_keys is freed,
// and how many entries exactly at that expiry go (ties: many ids confirmed in the same second).
std::pair<std::uint32_t, std::size_t> FingerprintTable::eviction_cut(std::uint32_t now_s) const {
  std::vector<std::uint32_t> expiries;
  expiries.reserve(occupied_);
  for_each_live(now_s, [&](std::uint64_t, std::uint32_t e) { expiries.push_back(e); });
  const std::size_t keep = max_keys_ - max_keys_ / 10;
  if (expiries.size() <= keep) return {now_s, 0};
  const std::size_t drop = expiries.size() - keep;
  std::nth_element(
      expiries.begin(), expiries.begin() + static_cast<std::ptrdiff_t>(drop - 1), expiries.end());
  const std::uint32_t threshold = expiries[drop - 1];
  const auto below = static_cast<std::size_t>(std::count_if(
      expiries.begin(), expiries.end(), [&](std::uint32_t e) { return e < threshold; }));
  return {threshold, drop - below};
}

void FingerprintTable::rebuild(std::uint32_t now_s) {
  std::uint32_t threshold = now_s;  // entries expiring before it go; at it, `at_threshold` of them
  std::size_t at_threshold = 0;
  if (occupied_ > max_keys_) std::tie(threshold, at_threshold) = eviction_cut(now_s);
  const bool evicting = threshold != now_s || at_threshold != 0;
  // Two passes in the same order with the same tie budget decide identically, so the first can
  // size the table without a per-slot mark.
  auto survivor = [&, budget = at_threshold](std::size_t i) mutable {
    if (fps_[i] == 0 || expires_[i] <= now_s) return false;
    if (evicting && expires_[i] < threshold) return false;
    if (evicting && expires_[i] == threshold && budget > 0) {
      --budget;
      return false;
    }
    return true;
  };
  auto count_pass = survivor;
  const std::size_t live_before = count_live(now_s);
  std::size_t live = 0;
  for (std::size_t i = 0; i < fps_.size(); ++i)
    live += count_pass(i) ? 1 : 0;
  evictions_ += live_before - live;
  const auto wanted = static_cast<std::size_t>(static_cast<double>(live) / kTargetLoad) + 1;
  const std::size_t capacity = std::bit_ceil(std::max(wanted, kMinCapacity));
  std::vector<std::uint64_t> fps(capacity, 0);
  std::vector<std::uint32_t> expires(capacity, 0);
  const std::size_t mask = capacity - 1;
  for (std::size_t i = 0; i < fps_.size(); ++i) {
    if (!survivor(i)) continue;
    std::size_t j = fps_[i] & mask;
    while (fps[j] != 0)
      j = (j + 1) & mask;
    fps[j] = fps_[i];
    expires[j] = expires_[i];
  }
  fps_.swap(fps);
  expires_.swap(expires);
  occupied_ = live;
}

}  // namespace koubei::storage::embedded
