#include "storage/redis/cluster_slot_map.hpp"

#include "storage/errors.hpp"
#include "storage/redis/cluster_slot.hpp"
#include "storage/redis/redis_reply.hpp"

#include <algorithm>
#include <charconv>

namespace koubei::storage::redis {
namespace {

Error malformed(std::string_view why) {
  return {make_error_code(Errc::kProtocol), "CLUSTER SLOTS: " + std::string(why)};
}

// The address of one node entry [host, port, id, ...]; nullopt for an unknown endpoint ("?").
Result<std::optional<ClusterNode>> node_of(const redisReply& entry, std::string_view answered_by) {
  if (entry.type != REDIS_REPLY_ARRAY || entry.elements < 2) {
    return malformed("a node entry is not [host, port, ...]");
  }
  const redisReply& host = *entry.element[0];
  const auto port = integer_of(*entry.element[1]);
  if ((host.type != REDIS_REPLY_STRING && !is_nil(host)) || !port || *port < 0 || *port > 65535) {
    return malformed("a node entry has no host string or no port in 0..65535");
  }
  const std::string_view text = text_of(host);
  if (text == "?" || *port == 0) return std::optional<ClusterNode>{};
  ClusterNode node;
  node.host = std::string(text.empty() ? answered_by : text);
  node.port = static_cast<std::uint16_t>(*port);
  return std::optional<ClusterNode>(std::move(node));
}

}  // namespace

std::string ClusterNode::name() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<ClusterNode> parse_node_name(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string_view port_text = text.substr(colon + 1);
  std::uint16_t port = 0;
  const char* end = port_text.data() + port_text.size();
  auto [ptr, ec] = std::from_chars(port_text.data(), end, port);
  if (ec != std::errc() || ptr != end || port == 0 || host.empty()) return std::nullopt;
  return ClusterNode{std::string(host), port};
}

ClusterSlotMap::ClusterSlotMap() : owner_(kClusterSlotCount, kNoOwner) {}

Result<ClusterSlotMap> ClusterSlotMap::from_cluster_slots(const redisReply& reply,
                                                          std::string_view answered_by) {
  if (reply.type != REDIS_REPLY_ARRAY) return malformed("not an array");
  ClusterSlotMap map;
  for (std::size_t r = 0; r < reply.elements; ++r) {
    const redisReply& range = *reply.element[r];
    if (range.type != REDIS_REPLY_ARRAY || range.elements < 3) {
      return malformed("a range is not [first, last, master, replicas...]");
    }
    const auto first = integer_of(*range.element[0]);
    const auto last = integer_of(*range.element[1]);
    if (!first || !last || *first < 0 || *first > *last || *last >= kClusterSlotCount) {
      return malformed("a slot range is not within 0..16383");
    }
    auto master = node_of(*range.element[2], answered_by);
    if (!master) return master.error();
    for (std::size_t k = 3; k < range.elements; ++k) {
      auto replica = node_of(*range.element[k], answered_by);
      if (!replica) return replica.error();
      if (*replica &&
          std::find(map.replicas_.begin(), map.replicas_.end(), **replica) == map.replicas_.end()) {
        map.replicas_.push_back(std::move(**replica));
      }
    }
    if (!*master) continue;  // endpoint unknown: these slots stay without an owner
    const auto index = static_cast<std::uint16_t>(map.master_index(**master));
    std::fill(map.owner_.begin() + *first, map.owner_.begin() + *last + 1, index);
  }
  return map;
}

std::size_t ClusterSlotMap::master_index(const ClusterNode& node) {
  const auto it = std::find(masters_.begin(), masters_.end(), node);
  if (it != masters_.end()) return static_cast<std::size_t>(it - masters_.begin());
  masters_.push_back(node);
  return masters_.size() - 1;
}

std::optional<std::size_t> ClusterSlotMap::owner(std::uint16_t slot) const {
  if (slot >= kClusterSlotCount || owner_[slot] == kNoOwner) return std::nullopt;
  return owner_[slot];
}

void ClusterSlotMap::assign(std::uint16_t slot, const ClusterNode& node) {
  if (slot >= kClusterSlotCount) return;
  owner_[slot] = static_cast<std::uint16_t>(master_index(node));
}

std::size_t ClusterSlotMap::covered_slots() const {
  return static_cast<std::size_t>(
      std::count_if(owner_.begin(), owner_.end(), [](std::uint16_t o) { return o != kNoOwner; }));
}

}  // namespace koubei::storage::redis
