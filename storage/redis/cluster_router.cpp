#include "storage/redis/cluster_router.hpp"

#include "storage/errors.hpp"
#include "storage/redis/cluster_redirect.hpp"
#include "storage/redis/cluster_route.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace koubei::storage::redis {
namespace {

ClusterNode node_of(const RedisEndpoint& ep) {
  return {ep.host, ep.port};
}

// A command without a key runs on every master; the caller gets one reply, an error if any.
void keep(ReplyPtr& slot, ReplyPtr reply) {
  if (!slot || (is_error(*reply) && !is_error(*slot))) slot = std::move(reply);
}

}  // namespace

ClusterRouter::ClusterRouter(const RedisConnectionOptions& options) : node_options_(options) {
  node_options_.cluster = false;
  node_options_.cluster_seeds.clear();
  seeds_.push_back(node_of(options.endpoint));
  for (const RedisEndpoint& seed : options.cluster_seeds)
    seeds_.push_back(node_of(seed));
  display_ = "cluster " + options.endpoint.display();
  if (!options.cluster_seeds.empty()) {
    display_ += " (+" + std::to_string(options.cluster_seeds.size()) + " seeds)";
  }
}

Error ClusterRouter::unavailable(std::string what) const {
  return {make_error_code(Errc::kUnavailable), "redis " + display_ + ": " + what};
}

std::size_t ClusterRouter::node_id(const ClusterNode& address) {
  for (std::size_t id = 0; id < nodes_.size(); ++id) {
    if (nodes_[id].address == address) return id;
  }
  RedisConnectionOptions options = node_options_;
  options.endpoint.host = address.host;
  options.endpoint.port = address.port;
  nodes_.push_back({address, std::make_unique<RedisConnection>(std::move(options))});
  return nodes_.size() - 1;
}

void ClusterRouter::index_masters() {
  master_node_.clear();
  for (const ClusterNode& master : map_->masters())
    master_node_.push_back(node_id(master));
}

Result<void> ClusterRouter::try_load_from(std::size_t node) {
  RedisBatch batch;
  batch.add({"CLUSTER", "SLOTS"});
  auto replies = nodes_[node].connection->execute(batch);
  if (!replies) return replies.error();
  auto map = ClusterSlotMap::from_cluster_slots(*replies->front(), nodes_[node].address.host);
  if (!map) {
    Error e = map.error();
    e.where = nodes_[node].address.name() + ": " + e.where;
    if (is_error(*replies->front())) e.where += " " + std::string(text_of(*replies->front()));
    return e;
  }
  const bool first = !map_.has_value();
  const bool masters_changed = first || map_->masters() != map->masters();
  map_ = std::move(*map);
  index_masters();
  ++stats_.slot_map_refreshes;
  if (masters_changed) {
    spdlog::info("redis {}: slot map from {}: {} masters, {} of 16384 slots served",
                 display_,
                 nodes_[node].address.name(),
                 map_->masters().size(),
                 map_->covered_slots());
  }
  return {};
}

// Asks the known masters, then the seeds, then the known replicas, until one answers.
Result<void> ClusterRouter::refresh_slot_map(std::string_view why) {
  std::vector<std::size_t> candidates;
  const auto add = [&](const ClusterNode& n) {
    const std::size_t id = node_id(n);
    if (std::find(candidates.begin(), candidates.end(), id) == candidates.end()) {
      candidates.push_back(id);
    }
  };
  if (map_) {
    for (const ClusterNode& n : map_->masters())
      add(n);
  }
  for (const ClusterNode& n : seeds_)
    add(n);
  if (map_) {
    for (const ClusterNode& n : map_->replicas())
      add(n);
  }
  std::string tried;
  for (std::size_t id : candidates) {
    auto ok = try_load_from(id);
    if (ok) return ok;
    tried += (tried.empty() ? "" : "; ") + ok.error().message();
  }
  return unavailable("no node could give the slot map (" + std::string(why) + "): " + tried);
}

Result<void> ClusterRouter::ensure_connected() {
  if (map_) return {};
  return refresh_slot_map("start-up");
}

Result<void> ClusterRouter::route(const RedisBatch& batch,
                                  std::span<const std::size_t> commands,
                                  std::vector<Dispatch>& out) {
  bool refreshed = false;
  for (std::size_t command : commands) {
    const CommandRoute r = route_of(batch, command);
    if (r.kind == CommandRoute::Kind::kEveryMaster) {
      if (master_node_.empty()) return unavailable("the slot map lists no master");
      for (std::size_t node : master_node_)
        out.push_back({command, node, false, 0});
      continue;
    }
    auto owner = map_->owner(r.slot);
    if (!owner && !refreshed) {  // an uncovered slot: the map may be older than the cluster
      refreshed = true;
      if (auto ok = refresh_slot_map("slot without master"); !ok) return ok.error();
      owner = map_->owner(r.slot);
    }
    if (!owner) return unavailable("slot " + std::to_string(r.slot) + " has no master");
    out.push_back({command, master_node_[*owner], false, 0});
  }
  return {};
}

Result<void> ClusterRouter::follow(const Dispatch& d,
                                   const redisReply& reply,
                                   const ClusterNode& from,
                                   Round& round) {
  auto redirect = parse_redirect(text_of(reply));
  if (!redirect) return {};
  if (d.redirects >= kMaxRedirects) {
    return unavailable("command " + std::to_string(d.command + 1) + " still redirected after " +
                       std::to_string(kMaxRedirects) +
                       " redirections (last: " + std::string(text_of(reply)) + ")");
  }
  if (redirect->node.host.empty()) redirect->node.host = from.host;
  Dispatch next = d;
  ++next.redirects;
  next.node = node_id(redirect->node);
  next.asking = redirect->kind == ClusterRedirect::Kind::kAsk;
  if (next.asking) {
    ++stats_.ask;
  } else {
    ++stats_.moved;
    map_->assign(redirect->slot, redirect->node);
    index_masters();
    round.stale_map = true;
  }
  round.next.push_back(next);
  return {};
}

Result<void> ClusterRouter::run_pipeline(NodePipeline& pipeline,
                                         std::vector<ReplyPtr>& replies,
                                         Round& round) {
  const Node& node = nodes_[pipeline.node];
  auto got = node.connection->execute(pipeline.batch);
  if (!got) {
    if (got.error().code != make_error_code(Errc::kUnavailable)) return got.error();
    for (const Dispatch& d : pipeline.dispatches)
      round.lost.push_back(d.command);
    round.lost_error = got.error();
    return {};
  }
  for (std::size_t k = 0; k < pipeline.dispatches.size(); ++k) {
    const Dispatch& d = pipeline.dispatches[k];
    ReplyPtr& reply = (*got)[pipeline.reply_index[k]];
    if (is_error(*reply)) {
      if (is_retry_later(text_of(*reply))) {
        round.busy = true;
        round.next.push_back(d);
        continue;
      }
      const std::size_t before = round.next.size();
      if (auto ok = follow(d, *reply, node.address, round); !ok) return ok.error();
      if (round.next.size() != before) continue;
    }
    keep(replies[d.command], std::move(reply));
  }
  return {};
}

Result<std::vector<ReplyPtr>> ClusterRouter::execute(const RedisBatch& batch) {
  if (batch.empty()) return std::vector<ReplyPtr>{};
  if (auto ok = ensure_connected(); !ok) return ok.error();
  std::vector<ReplyPtr> replies(batch.size());
  std::vector<std::size_t> all(batch.size());
  for (std::size_t i = 0; i < all.size(); ++i)
    all[i] = i;
  std::vector<Dispatch> pending;
  if (auto ok = route(batch, all, pending); !ok) return ok.error();
  unsigned node_retries = 0;
  unsigned busy_retries = 0;
  while (!pending.empty()) {
    Round round;
    for (NodePipeline& pipeline : split_by_node(batch, pending)) {
      if (auto ok = run_pipeline(pipeline, replies, round); !ok) return ok.error();
    }
    pending = std::move(round.next);
    if (!round.lost.empty()) {
      if (node_retries++ == kMaxNodeRetries) return *round.lost_error;
      ++stats_.node_retries;
      if (auto ok = refresh_slot_map("a node failed"); !ok) return *round.lost_error;
      // A command without a key lost on one node is sent to every master again: harmless.
      std::sort(round.lost.begin(), round.lost.end());
      round.lost.erase(std::unique(round.lost.begin(), round.lost.end()), round.lost.end());
      if (auto ok = route(batch, round.lost, pending); !ok) return ok.error();
    } else if (round.stale_map) {
      (void)refresh_slot_map("MOVED");  // best effort: the MOVED target is already in the map
    }
    if (round.busy) {
      if (busy_retries == kMaxBusyRetries) {
        ++stats_.busy_retries;
        return unavailable("the cluster answered TRYAGAIN/CLUSTERDOWN " +
                           std::to_string(kMaxBusyRetries + 1) + " times (failover under way?)");
      }
      ++stats_.busy_retries;
      std::this_thread::sleep_for(std::chrono::milliseconds(10 << busy_retries++));
    }
  }
  ++stats_.batches;
  stats_.commands += batch.size();
  return replies;
}

RedisConnectionStats ClusterRouter::stats() const {
  RedisConnectionStats total = stats_;
  for (const Node& node : nodes_) {
    const RedisConnectionStats s = node.connection->stats();
    total.connects += s.connects;
    total.connect_failures += s.connect_failures;
    total.lost += s.lost;
    total.refused_while_down += s.refused_while_down;
  }
  return total;
}

}  // namespace koubei::storage::redis
