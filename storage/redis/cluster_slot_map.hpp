#pragma once
// ClusterSlotMap: which master serves each of the 16384 slots of a Redis Cluster, as learnt from a
// CLUSTER SLOTS reply (Redis >= 3.0; Debian 12's 7.0 also has CLUSTER SHARDS, which adds nothing
// koubei needs):
//
//   1) 1) (integer) 0            first slot of the range
//      2) (integer) 5460         last slot (inclusive)
//      3) 1) "127.0.0.1"         master: preferred endpoint ("" = the node that answered,
//         2) (integer) 30001             "?" = unknown), port, node id, [metadata]
//         3) "09dbe9720cda62f7865eabc5fd8857c5d2678366"
//      4) 1) "127.0.0.1"         replicas, same shape
//         2) (integer) 30004 ...
//
// A MOVED redirection patches one slot (assign) until the next full refresh. Slots no range
// covers have no owner (a cluster not fully covered, or a master whose endpoint is unknown).
//
// Thread safety: plain value.

#include "config/error.hpp"

#include <hiredis/hiredis.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::storage::redis {

/// A node's address as the cluster announces it.
struct ClusterNode {
  std::string host;
  std::uint16_t port = 0;

  /// "host:port" ("[::1]:port" for IPv6), as in MOVED and ASK replies and in logs.
  std::string name() const;

  bool operator==(const ClusterNode&) const = default;
};

/// Parses "host:port" (the last ':' separates the port; "[v6]:port" too); nullopt if malformed.
std::optional<ClusterNode> parse_node_name(std::string_view text);

class ClusterSlotMap {
 public:
  /// A map where no slot has an owner.
  ClusterSlotMap();

  /// From a CLUSTER SLOTS reply sent by a node reached at `answered_by` (for "" endpoints).
  /// kProtocol when the reply does not have the shape above.
  static Result<ClusterSlotMap> from_cluster_slots(const redisReply& reply,
                                                   std::string_view answered_by);

  /// Index into masters() of the owner of `slot`; nullopt when no master serves it.
  std::optional<std::size_t> owner(std::uint16_t slot) const;

  /// Every master that owns at least one slot (or was assigned one), in first-seen order.
  const std::vector<ClusterNode>& masters() const { return masters_; }

  /// Replicas listed in the reply: they can answer CLUSTER SLOTS when their master is gone.
  const std::vector<ClusterNode>& replicas() const { return replicas_; }

  /// Makes `node` the owner of `slot` (after -MOVED slot node).
  void assign(std::uint16_t slot, const ClusterNode& node);

  /// Number of slots with an owner (16384 in a healthy cluster).
  std::size_t covered_slots() const;

 private:
  std::size_t master_index(const ClusterNode& node);

  static constexpr std::uint16_t kNoOwner = 0xFFFF;
  std::vector<std::uint16_t> owner_;  // per slot: index into masters_, or kNoOwner
  std::vector<ClusterNode> masters_;
  std::vector<ClusterNode> replicas_;
};

}  // namespace koubei::storage::redis
