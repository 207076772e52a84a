#pragma once
// ClusterRouter: RedisConnection's contract (redis_connection.hpp) on a Redis Cluster. It owns one
// standalone RedisConnection per node it has talked to and a ClusterSlotMap loaded with CLUSTER
// SLOTS from a seed or a known node; RedisConnection delegates to it when options.cluster is set.
//
// execute(batch), round after round until every command has its reply:
// - Each command goes to the master of its key's slot (cluster_route.hpp); commands without a key
//   (SCRIPT LOAD, PING, WAIT) go to every master, and the caller gets one reply: the first
//   master's, or an error reply if any master answered one. The batch is split into one pipeline
//   per node (cluster_pipeline.hpp); replies come back in the caller's order.
// - -MOVED slot node: that slot is re-assigned in the map, the command re-sent to the new owner
//   and the whole map reloaded before the next round. -ASK slot node: ASKING + the command, sent
//   once to that node; the map is left alone. A command redirected more than kMaxRedirects times
//   fails the batch with kUnavailable (a cluster in the middle of resharding).
// - -TRYAGAIN / -CLUSTERDOWN: the round is repeated after 10, 20, 40, 80 ms; after that the batch
//   fails with kUnavailable (a failover in progress; callers retry with backoff).
// - A node whose connection fails (refused, I/O error, timeout, or still in its backoff): the map
//   is reloaded from any reachable node or seed and that node's commands are re-routed, at most
//   kMaxNodeRetries times per batch; then kUnavailable. After a primary dies and its replica is
//   promoted, the first batch that finds the map naming the new master succeeds again. As for a
//   standalone server, a batch that failed may have partly run: everything must be safe to repeat.
// - Errors name nodes by host:port and the seed by RedisEndpoint::display(): no password.
//
// Thread safety: none; owned by one RedisConnection on one storage thread.

#include "storage/redis/cluster_pipeline.hpp"
#include "storage/redis/cluster_slot_map.hpp"
#include "storage/redis/redis_connection.hpp"

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::storage::redis {

class ClusterRouter {
 public:
  static constexpr unsigned kMaxRedirects = 5;
  static constexpr unsigned kMaxNodeRetries = 2;
  static constexpr unsigned kMaxBusyRetries = 4;

  /// REQUIRES: options.cluster, kTcp endpoints with db 0 (connection_options checks).
  explicit ClusterRouter(const RedisConnectionOptions& options);

  Result<std::vector<ReplyPtr>> execute(const RedisBatch& batch);

  /// Loads the slot map if none is loaded yet.
  Result<void> ensure_connected();

  bool connected() const { return map_.has_value(); }

  /// "cluster redis://host:port/0" (the first seed, password masked), "+ N seeds" if more.
  const std::string& display() const { return display_; }

  RedisConnectionStats stats() const;

  /// The current slot map, if loaded.
  const ClusterSlotMap* slot_map() const { return map_ ? &*map_ : nullptr; }

 private:
  struct Node {
    ClusterNode address;
    std::unique_ptr<RedisConnection> connection;
  };

  // What one round left to do.
  struct Round {
    std::vector<Dispatch> next;       // redirected or busy copies, for the next round
    std::vector<std::size_t> lost;    // commands whose node could not be reached
    std::optional<Error> lost_error;  // why (kUnavailable from the node's connection)
    bool stale_map = false;           // a MOVED was seen
    bool busy = false;                // a TRYAGAIN / CLUSTERDOWN was seen
  };

  std::size_t node_id(const ClusterNode& address);
  Result<void> refresh_slot_map(std::string_view why);
  Result<void> try_load_from(std::size_t node);
  void index_masters();
  Result<void> route(const RedisBatch& batch,
                     std::span<const std::size_t> commands,
                     std::vector<Dispatch>& out);
  Result<void> run_pipeline(NodePipeline& pipeline, std::vector<ReplyPtr>& replies, Round& round);
  Result<void> follow(const Dispatch& d,
                      const redisReply& reply,
                      const ClusterNode& from,
                      Round& round);
  Error unavailable(std::string what) const;

  RedisConnectionOptions node_options_;  // template for every node's connection
  std::vector<ClusterNode> seeds_;
  std::string display_;
  std::deque<Node> nodes_;  // index = node id; never shrinks; references stay valid
  std::optional<ClusterSlotMap> map_;
  std::vector<std::size_t> master_node_;  // map_->masters() index -> node id
  RedisConnectionStats stats_;            // the router's own counters
};

}  // namespace koubei::storage::redis
