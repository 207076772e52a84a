#include "storage/redis/cluster_redirect.hpp"

#include "storage/redis/cluster_slot.hpp"

#include <charconv>
#include <string>

namespace koubei::storage::redis {

std::optional<ClusterRedirect> parse_redirect(std::string_view error_text) {
  ClusterRedirect redirect;
  std::string_view rest;
  if (error_text.starts_with("MOVED ")) {
    redirect.kind = ClusterRedirect::Kind::kMoved;
    rest = error_text.substr(6);
  } else if (error_text.starts_with("ASK ")) {
    redirect.kind = ClusterRedirect::Kind::kAsk;
    rest = error_text.substr(4);
  } else {
    return std::nullopt;
  }
  const auto space = rest.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::string_view slot_text = rest.substr(0, space);
  const char* end = slot_text.data() + slot_text.size();
  auto [ptr, ec] = std::from_chars(slot_text.data(), end, redirect.slot);
  if (ec != std::errc() || ptr != end || redirect.slot >= kClusterSlotCount) return std::nullopt;
  std::string_view address = rest.substr(space + 1);
  // Redis 7 may leave the host out (":6381") when the node has no preferred endpoint: the caller
  // then uses the host of the node that answered.
  const bool same_host = address.starts_with(':');
  auto node = parse_node_name(same_host ? "?" + std::string(address) : std::string(address));
  if (!node) return std::nullopt;
  if (same_host) node->host.clear();
  redirect.node = std::move(*node);
  return redirect;
}

bool is_retry_later(std::string_view error_text) {
  return error_text.starts_with("TRYAGAIN") || error_text.starts_with("CLUSTERDOWN");
}

}  // namespace koubei::storage::redis
