#pragma once
// DedupStore: "has this mention id been delivered in the dedup window?" as a claim → deliver →
// confirm protocol (guarantees.md §5-6), with two backends behind this interface: Redis (shared
// by every koubei process on it) and the embedded store under state_dir (one process).
//
// Contract
// - claim(ids) decides each id at once, for the whole batch in one round trip:
//     kNew       the id was neither delivered nor claimed; it is now claimed by this store
//                handle until `claim_ttl` passes. The caller must deliver it, then confirm().
//     kClaimed   another live claim holds it (another process, or an earlier batch of this one
//                still in flight). The caller must not deliver it now and must not advance its
//                checkpoint past it: if the other claim expires unconfirmed, a later crawl
//                delivers it.
//     kDelivered confirmed within the dedup window: skip it; the checkpoint may pass it.
// - confirm(ids) makes claims final for `dedup_ttl`; only after every sink has the records.
// - release(ids) drops this handle's claims at once (a sink failed): the ids may be claimed again.
// - A claim that is neither confirmed nor released expires after `claim_ttl` (the process died).
// - Errors are values (storage::Errc, e.g. kUnavailable while Redis is down). On error nothing
//   changed that the caller must know about: a failed claim claimed nothing it will be told of
//   (stray claims expire); a failed confirm is retried by the caller before the checkpoint moves.
// - Thread safety: none; one store handle per storage thread.

#include "config/error.hpp"
#include "config/units.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace koubei::storage {

enum class ClaimState : std::uint8_t { kNew, kClaimed, kDelivered };

struct DedupStats {
  std::uint64_t claims = 0;     ///< ids asked
  std::uint64_t new_ids = 0;    ///< answered kNew
  std::uint64_t claimed = 0;    ///< answered kClaimed
  std::uint64_t delivered = 0;  ///< answered kDelivered
  std::uint64_t confirms = 0;
  std::uint64_t releases = 0;
  std::uint64_t errors = 0;
};

class DedupStore {
 public:
  virtual ~DedupStore() = default;

  /// One answer per id, in order. Duplicate ids within one batch: the first is kNew (or
  /// whatever the store says), the later ones kClaimed.
  virtual Result<std::vector<ClaimState>> claim(std::span<const std::string> ids,
                                                config::Duration claim_ttl) = 0;
  virtual Result<void> confirm(std::span<const std::string> ids, config::Duration dedup_ttl) = 0;
  virtual Result<void> release(std::span<const std::string> ids) = 0;

  virtual DedupStats stats() const = 0;
};

}  // namespace koubei::storage
