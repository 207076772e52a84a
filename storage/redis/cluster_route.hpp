#pragma once
// Where one command of a RedisBatch must run on a Redis Cluster: on the master of its key's slot,
// or, for the few commands without a key that koubei sends (SCRIPT LOAD, PING, WAIT, ...), on
// every master.
//
// The key is argv[1] for ordinary commands (SET, HSET, HMGET, PEXPIRE, XADD, XRANGE, ...) and
// argv[3] for EVAL/EVALSHA (and their _RO forms, FCALL) when numkeys > 0. koubei never sends a
// command whose keys span slots (storage/README.md, "Redis Cluster"), so the first key decides.
//
// Pure functions.

#include "storage/redis/redis_batch.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace koubei::storage::redis {

struct CommandRoute {
  enum class Kind : std::uint8_t {
    kSlot,         ///< the master owning `slot`
    kEveryMaster,  ///< no key: sent to every master, one reply kept (cluster_router.hpp)
  };
  Kind kind = Kind::kSlot;
  std::uint16_t slot = 0;
};

/// The route of command i of `batch`. REQUIRES: i < batch.size().
CommandRoute route_of(const RedisBatch& batch, std::size_t i);

/// Case-insensitive ASCII comparison of a command name.
bool command_is(std::string_view name, std::string_view upper_case);

}  // namespace koubei::storage::redis
