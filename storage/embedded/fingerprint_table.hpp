#pragma once
// FingerprintTable: the embedded dedup store's in-memory set of delivered ids, as 64-bit
// fingerprints (XXH64 of the id) with an expiry each, in an open-addressing table with linear
// probing. 12 bytes per slot (8 fingerprint + 4 expiry in Unix seconds), kept at most 80% full
// and rebuilt to at most 70%: 15 to 34 bytes per live key, 20 at 10 M keys (storage/README.md).
//
// Contract
// - Fingerprint 0 marks an empty slot; callers map a real 0 to 1 (fingerprint()).
// - An entry whose expiry is <= now is absent for find() and is dropped by the next rebuild.
// - Bounded: never more than max_keys live entries. Reaching the bound rebuilds the table and, if
//   expiry did not free enough, evicts the entries closest to expiry (about a tenth of max_keys),
//   counted in evictions(). An evicted id may be delivered again (a duplicate, never a loss).
// - Thread safety: none.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace koubei::storage::embedded {

/// The table key of a mention id: XXH64, never 0.
std::uint64_t fingerprint(std::string_view id);

class FingerprintTable {
 public:
  explicit FingerprintTable(std::size_t max_keys);

  /// The expiry of `fp` if present and alive at `now_s`.
  std::optional<std::uint32_t> find(std::uint64_t fp, std::uint32_t now_s) const;

  /// Inserts `fp` or sets its expiry.
  void upsert(std::uint64_t fp, std::uint32_t expires_s, std::uint32_t now_s);

  /// Calls f(fp, expires_s) for every entry alive at now_s.
  template <class F>
  void for_each_live(std::uint32_t now_s, F&& f) const {
    for (std::size_t i = 0; i < fps_.size(); ++i) {
      if (fps_[i] != 0 && expires_[i] > now_s) f(fps_[i], expires_[i]);
    }
  }

  /// Live entries at now_s (a scan).
  std::size_t count_live(std::uint32_t now_s) const;

  std::size_t occupied() const { return occupied_; }

  std::size_t capacity() const { return fps_.size(); }

  std::size_t memory_bytes() const { return fps_.capacity() * 8 + expires_.capacity() * 4; }

  std::uint64_t evictions() const { return evictions_; }

 private:
  void rebuild(std::uint32_t now_s);
  std::pair<std::uint32_t, std::size_t> eviction_cut(std::uint32_t now_s) const;

  std::size_t max_keys_;
  std::vector<std::uint64_t> fps_;
  std::vector<std::uint32_t> expires_;
  std::size_t occupied_ = 0;  // slots with a fingerprint, expired ones included
  std::uint64_t evictions_ = 0;
};

}  // namespace koubei::storage::embedded
