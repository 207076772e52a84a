#pragma once
// The error replies by which a Redis Cluster node says "not here" or "not now" (Redis Cluster
// specification, "Redirection and resharding"):
//
//   -MOVED 3999 127.0.0.1:6381   slot 3999 belongs to that node for good: update the slot map
//   -ASK 3999 127.0.0.1:6381     slot 3999 is migrating; send ASKING + this command there, once
//   -TRYAGAIN ...                a multi-key command during a migration; retry a bit later
//   -CLUSTERDOWN ...             the cluster cannot serve the slot (failover under way)
//
// Pure functions.

#include "storage/redis/cluster_slot_map.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace koubei::storage::redis {

struct ClusterRedirect {
  enum class Kind : std::uint8_t { kMoved, kAsk };
  Kind kind = Kind::kMoved;
  std::uint16_t slot = 0;
  ClusterNode node;  ///< host empty: the host of the node that sent the redirection
};

/// The redirection an error reply's text asks for; nullopt for any other text (or a malformed
/// MOVED/ASK, which the caller then sees as the error reply it is).
std::optional<ClusterRedirect> parse_redirect(std::string_view error_text);

/// -TRYAGAIN or -CLUSTERDOWN: the command did not run and may succeed shortly.
bool is_retry_later(std::string_view error_text);

}  // namespace koubei::storage::redis
