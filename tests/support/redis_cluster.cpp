#include "tests/support/redis_cluster.hpp"

#include "tests/support/redis_test_client.hpp"
#include "tests/support/run_command.hpp"

#include <csignal>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace koubei::test {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kDeadline = std::chrono::seconds(30);

// Readiness poll interval, not a timing assumption.
void pause() {
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// Whether a CLUSTER NODES slot field ("0-5460", "5461", "[93->-id]") covers `slot`.
bool field_covers(const std::string& field, int slot) {
  if (field.empty() || field.front() == '[') return false;  // migrating/importing marker
  const auto dash = field.find('-');
  const int first = std::stoi(field.substr(0, dash));
  const int last = dash == std::string::npos ? first : std::stoi(field.substr(dash + 1));
  return first <= slot && slot <= last;
}

}  // namespace

RedisCluster::RedisCluster(RedisClusterOptions options) : options_(options) {
  std::signal(SIGPIPE, SIG_IGN);  // as in RedisServer: killed nodes must not kill the test
  nodes_.resize(static_cast<std::size_t>(options_.masters * (1 + options_.replicas_per_master)));
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    start_node(i);
  create_cluster();
  wait_until_ok();
}

RedisCluster::~RedisCluster() = default;  // each ChildProcess kills and reaps its node

std::string RedisCluster::url(std::size_t node) const {
  return "redis://127.0.0.1:" + std::to_string(port(node)) + "/0";
}

std::string RedisCluster::command(std::size_t node, std::initializer_list<std::string> argv) const {
  return redis_tcp_command(port(node), std::vector<std::string>(argv));
}

bool RedisCluster::answers_ping(std::size_t index) const {
  try {
    return command(index, {"PING"}) == "PONG";
  } catch (const std::runtime_error&) {
    return false;
  }
}

void RedisCluster::start_node(std::size_t index) {
  const std::filesystem::path dir = dir_ / ("node-" + std::to_string(index));
  std::filesystem::create_directories(dir);
  for (int attempt = 0; attempt < 5; ++attempt) {
    int port = 0;
    for (bool taken = true; taken;) {
      port = free_tcp_port();
      taken = port + 10000 > 65535 || !tcp_port_free(port + 10000);
      for (const Node& other : nodes_) {
        taken =
            taken || other.port == port || other.port == port + 10000 || other.port + 10000 == port;
      }
    }
    std::filesystem::remove(dir / "nodes.conf");
    nodes_[index].port = port;
    // sh passes "$@" unchanged, so --save '' stays one empty argument; exec keeps the pid.
    nodes_[index].process = std::make_unique<ChildProcess>(
        std::vector<std::string>{"/bin/sh",
                                 "-c",
                                 "exec redis-server \"$@\"",
                                 "redis-server",
                                 "--port",
                                 std::to_string(port),
                                 "--bind",
                                 "127.0.0.1",
                                 "--cluster-enabled",
                                 "yes",
                                 "--cluster-config-file",
                                 (dir / "nodes.conf").string(),
                                 "--cluster-node-timeout",
                                 std::to_string(options_.node_timeout.count()),
                                 "--cluster-replica-validity-factor",
                                 "0",
                                 "--appendonly",
                                 "no",
                                 "--save",
                                 "",
                                 "--dir",
                                 dir.string(),
                                 "--logfile",
                                 (dir / "redis.log").string(),
                                 "--daemonize",
                                 "no"});
    const auto deadline = Clock::now() + kDeadline;
    while (Clock::now() < deadline && !nodes_[index].process->try_wait() && !answers_ping(index))
      pause();
    if (answers_ping(index)) return;
    nodes_[index].process.reset();  // lost a race for its port: try others
  }
  throw std::runtime_error("cluster node " + std::to_string(index) + " did not start; log:\n" +
                           read_file(dir / "redis.log"));
}

void RedisCluster::create_cluster() {
  std::string cmd = "redis-cli --cluster create";
  for (const Node& node : nodes_)
    cmd += " 127.0.0.1:" + std::to_string(node.port);
  cmd += " --cluster-replicas " + std::to_string(options_.replicas_per_master);
  cmd += " --cluster-yes 2>&1";
  std::string output;
  if (run_command(cmd, output) != 0) {
    throw std::runtime_error("redis-cli --cluster create failed:\n" + output);
  }
}

void RedisCluster::wait_until_ok() {
  const auto deadline = Clock::now() + kDeadline;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    while (running(i) &&
           command(i, {"CLUSTER", "INFO"}).find("cluster_state:ok") == std::string::npos) {
      if (Clock::now() > deadline) {
        throw std::runtime_error("cluster node " + std::to_string(i) + " never reached state ok");
      }
      pause();
    }
  }
}

std::string RedisCluster::id(std::size_t node) const {
  return command(node, {"CLUSTER", "MYID"});
}

std::vector<std::size_t> RedisCluster::masters() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (running(i) && command(i, {"ROLE"}).starts_with("[master")) out.push_back(i);
  }
  return out;
}

std::size_t RedisCluster::owner_of_slot(int slot, std::size_t asked) const {
  // <id> <ip:port@cport> <flags> <master> <ping> <pong> <epoch> <link> <slot> <slot> ...
  for (const std::string& line : split(command(asked, {"CLUSTER", "NODES"}), '\n')) {
    const auto fields = split(line, ' ');
    if (fields.size() < 9 || fields[2].find("master") == std::string::npos) continue;
    for (std::size_t f = 8; f < fields.size(); ++f) {
      if (!field_covers(fields[f], slot)) continue;
      const int port = std::stoi(fields[1].substr(fields[1].find(':') + 1));
      for (std::size_t n = 0; n < nodes_.size(); ++n) {
        if (nodes_[n].port == port) return n;
      }
    }
  }
  return nodes_.size();
}

void RedisCluster::kill(std::size_t node) {
  nodes_[node].process->kill_9();
  nodes_[node].process->wait();
  nodes_[node].process.reset();
}

std::size_t RedisCluster::wait_until_serving(int slot) {
  const auto deadline = Clock::now() + kDeadline;
  while (Clock::now() < deadline) {
    std::size_t agreed = nodes_.size();
    bool ok = true;
    for (std::size_t i = 0; ok && i < nodes_.size(); ++i) {
      if (!running(i)) continue;
      const std::size_t owner = owner_of_slot(slot, i);
      ok = command(i, {"CLUSTER", "INFO"}).find("cluster_state:ok") != std::string::npos &&
           owner < nodes_.size() && running(owner) && (agreed == nodes_.size() || agreed == owner);
      agreed = owner;
    }
    if (ok && agreed < nodes_.size()) return agreed;
    pause();
  }
  throw std::runtime_error("slot " + std::to_string(slot) + " has no agreed running master");
}

}  // namespace koubei::test
