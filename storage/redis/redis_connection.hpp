#pragma once
// RedisConnection: one synchronous hiredis connection that runs pipelined batches, reconnects
// with backoff and reports every failure as a value (STYLE.md "hiredis with Asio" option (a): a
// blocking redisContext on the storage thread, batches of redisAppendFormattedCommand then one
// redisGetReply per command).
//
// Contract
// - execute(batch) sends all commands in one write and returns one reply per command, in order.
//   Error *replies* (REDIS_REPLY_ERROR) are returned as replies: what they mean is the caller's.
// - Connecting is lazy (first execute) and repeated after a loss: connect with connect_timeout,
//   AUTH if the URL has a password, SELECT if db != 0. Socket reads and writes time out after
//   command_timeout.
// - While the server is unreachable every execute() fails fast with Errc::kUnavailable without
//   touching the network until the Backoff allows the next attempt. An I/O error or timeout in
//   the middle of a batch drops the connection and also returns kUnavailable: the caller cannot
//   know which commands of that batch ran, so everything it sends must be safe to repeat. When
//   the connection failing was an old one (the server restarted while it sat idle), the batch is
//   sent once more on a fresh connection before giving up.
// - A refused password is Errc::kAuthFailed (also backed off). Messages name the server by
//   RedisEndpoint::display(): the password never appears in errors or logs.
// - The first failure of an outage is logged at warn and the recovery at info; stats() counts the
//   rest (STYLE.md: every degraded mode has a log line and a counter).
// - Redis Cluster (options.cluster): the same contract, kept by a ClusterRouter that owns one
//   such connection per node and sends each command to the master of its key's slot, following
//   MOVED/ASK and re-routing after a failover (cluster_router.hpp). The stores do not know.
// - Thread safety: none; one connection per storage thread.
// - REQUIRES: the process ignores SIGPIPE (signal(SIGPIPE, SIG_IGN)): hiredis 0.14 writes with
//   write(2), so a server that vanished mid-batch would otherwise kill the process instead of
//   producing kUnavailable. The composition root installs it, not the library.

#include "config/config.hpp"
#include "config/error.hpp"
#include "storage/backoff.hpp"
#include "storage/redis/redis_batch.hpp"
#include "storage/redis/redis_endpoint.hpp"
#include "storage/redis/redis_reply.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace koubei::storage::redis {

class ClusterRouter;

struct RedisConnectionOptions {
  RedisEndpoint endpoint;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds command_timeout{5000};
  BackoffOptions backoff;
  /// Time source for the backoff; empty = std::chrono::steady_clock::now. Tests inject a fake.
  std::function<std::chrono::steady_clock::time_point()> clock;
  /// Jitter seed; 0 = random.
  std::uint64_t seed = 0;
  /// Redis Cluster: `endpoint` and `cluster_seeds` are seed nodes; each command goes to the master
  /// owning its key's slot. REQUIRES (checked by connection_options): kTcp endpoints, db 0.
  bool cluster = false;
  /// More seed nodes, tried after `endpoint`; every node logs in with `endpoint`'s credentials.
  std::vector<RedisEndpoint> cluster_seeds;
};

/// Options from [redis] (url, connect_timeout, command_timeout, cluster, cluster_seeds);
/// kBadAddress for a bad url, and in cluster mode for a unix:// url, a db other than 0 or a seed
/// that is not redis://host:port.
Result<RedisConnectionOptions> connection_options(const config::RedisConfig& config);

struct RedisConnectionStats {
  std::uint64_t connects = 0;            ///< successful connections (handshake included)
  std::uint64_t connect_failures = 0;    ///< failed attempts (refused, timeout, AUTH, SELECT)
  std::uint64_t lost = 0;                ///< connections dropped by an I/O error or timeout
  std::uint64_t refused_while_down = 0;  ///< execute() calls answered kUnavailable without trying
  std::uint64_t batches = 0;             ///< batches whose replies all arrived
  std::uint64_t commands = 0;            ///< commands in those batches
  // Redis Cluster only (connects .. refused_while_down above are then summed over the nodes):
  std::uint64_t moved = 0;               ///< -MOVED redirections followed
  std::uint64_t ask = 0;                 ///< -ASK redirections followed (ASKING + command)
  std::uint64_t slot_map_refreshes = 0;  ///< slot maps loaded with CLUSTER SLOTS
  std::uint64_t busy_retries = 0;        ///< rounds repeated after -TRYAGAIN / -CLUSTERDOWN
  std::uint64_t node_retries = 0;        ///< rounds re-routed after a node's connection failed
};

class RedisConnection {
 public:
  explicit RedisConnection(RedisConnectionOptions options);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  /// Runs the batch (see contract). An empty batch returns no replies and does not connect.
  Result<std::vector<ReplyPtr>> execute(const RedisBatch& batch);

  /// Connects now if not connected (and the backoff allows); for start-up checks. Cluster: loads
  /// the slot map from a seed.
  Result<void> ensure_connected();

  /// Standalone: a connection is open. Cluster: a slot map is loaded.
  bool connected() const;

  /// The server, password masked ("cluster redis://…" for a cluster's first seed).
  const std::string& display() const { return display_; }

  RedisConnectionStats stats() const;

  /// The cluster router, or null for a standalone server; for tests and diagnostics.
  const ClusterRouter* cluster_router() const { return cluster_.get(); }

 private:
  std::chrono::steady_clock::time_point now() const;
  Result<std::vector<ReplyPtr>> send(const RedisBatch& batch);
  Result<void> connect();
  Result<void> handshake();
  Error lose(std::string_view step);
  Error unavailable(std::string_view what) const;

  RedisConnectionOptions options_;
  std::string display_;
  Backoff backoff_;
  ContextPtr context_;
  bool outage_logged_ = false;
  RedisConnectionStats stats_;
  std::unique_ptr<ClusterRouter> cluster_;  // set iff options_.cluster
};

}  // namespace koubei::storage::redis
