#pragma once
// RedisCluster: a real Redis Cluster for integration tests, private to one test: `masters` nodes
// (plus `replicas_per_master` replicas each) on 127.0.0.1, each in its own directory of one temp
// dir, persistence off.
//
// A cluster node cannot listen on --port 0 (its cluster bus is port + 10000), so ports are picked
// at run time: a port the kernel says is free whose +10000 is free too; a node that fails to start
// (someone took the port meanwhile) is retried on new ports. `redis-cli --cluster create` assigns
// the slots (and replicas); the constructor returns once CLUSTER INFO says cluster_state:ok on
// every node. Start-up failures throw std::runtime_error with the node's log.
//
// Waits poll with deadlines (30 s: machines are loaded); they never sleep blindly.

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <chrono>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace koubei::test {

struct RedisClusterOptions {
  int masters = 3;
  int replicas_per_master = 0;
  /// cluster-node-timeout: how long a silent master takes to be declared failed.
  std::chrono::milliseconds node_timeout{1500};
};

class RedisCluster {
 public:
  explicit RedisCluster(RedisClusterOptions options = {});
  ~RedisCluster();
  RedisCluster(const RedisCluster&) = delete;
  RedisCluster& operator=(const RedisCluster&) = delete;

  std::size_t size() const { return nodes_.size(); }

  int port(std::size_t node) const { return nodes_[node].port; }

  /// redis://127.0.0.1:<port>/0
  std::string url(std::size_t node) const;

  bool running(std::size_t node) const { return nodes_[node].process != nullptr; }

  /// Runs one command on a node; the reply as text (errors included).
  std::string command(std::size_t node, std::initializer_list<std::string> argv) const;

  /// The node's cluster id (CLUSTER MYID).
  std::string id(std::size_t node) const;

  /// The running nodes that are masters now (ROLE), in node order.
  std::vector<std::size_t> masters() const;

  /// The node serving `slot` now, according to `asked` (CLUSTER SLOTS).
  std::size_t owner_of_slot(int slot, std::size_t asked) const;

  /// kill -9 of one node.
  void kill(std::size_t node);

  /// Waits until every running node reports cluster_state:ok and agrees that `slot` is served by
  /// a running master; returns that master.
  std::size_t wait_until_serving(int slot);

 private:
  struct Node {
    int port = 0;
    std::unique_ptr<ChildProcess> process;
  };

  void start_node(std::size_t index);
  bool answers_ping(std::size_t index) const;
  void create_cluster();
  void wait_until_ok();

  RedisClusterOptions options_;
  TempDir dir_;
  std::vector<Node> nodes_;
};

}  // namespace koubei::test
