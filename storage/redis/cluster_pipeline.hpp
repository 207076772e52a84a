#pragma once
// Splitting a caller's RedisBatch into one pipeline per cluster node, and putting the replies
// back in the caller's order. The router (cluster_router.hpp) decides which node each command
// goes to (a Dispatch); this file only groups and re-encodes, so it is tested without a server.
//
// Within one node's pipeline commands keep the caller's order, so two commands on one key (HSET
// then PEXPIRE of a checkpoint) still run in the order they were added. Across nodes there is no
// order, as there is no atomicity: a batch was never a transaction.
//
// Pure functions.

#include "storage/redis/redis_batch.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace koubei::storage::redis {

/// One copy of a caller's command addressed to one node.
struct Dispatch {
  std::size_t command = 0;  ///< index in the caller's batch
  std::size_t node = 0;     ///< the router's id of the node
  bool asking = false;      ///< send ASKING first (after an -ASK redirection)
  unsigned redirects = 0;   ///< MOVED/ASK redirections followed so far for this copy
};

/// What one node receives in one round trip.
struct NodePipeline {
  std::size_t node = 0;
  RedisBatch batch;                      ///< the commands (with ASKING before asking ones)
  std::vector<Dispatch> dispatches;      ///< in the caller's order
  std::vector<std::size_t> reply_index;  ///< per dispatch: its reply's index in batch's replies
};

/// Groups `dispatches` by node (nodes in order of their first command; commands in the caller's
/// order within each) and encodes each group by copying the commands' bytes out of `batch`.
/// REQUIRES: every dispatch's command < batch.size().
std::vector<NodePipeline> split_by_node(const RedisBatch& batch,
                                        std::span<const Dispatch> dispatches);

}  // namespace koubei::storage::redis
