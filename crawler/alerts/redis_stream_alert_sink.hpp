#pragma once
// RedisStreamAlertSink: each alert becomes one entry of the [alerts.redis_stream] stream,
// `XADD <stream> MAXLEN ~ <maxlen> * id <alert id> alert <koubei.alert.v1 JSON>`, on the [redis]
// server through storage::redis::RedisConnection.
//
// Contract
// - deliver() succeeds only when Redis acknowledged the XADD with an entry id. While Redis is down
//   the connection fails fast (storage::Errc::kUnavailable, with its reconnect backoff) and an
//   error reply (WRONGTYPE, OOM) is storage::Errc::kProtocol; either way the caller moves on to the
//   dead-letter rule. A lost reply may mean the entry was added: a consumer dedups on `id`.
// - MAXLEN ~ trims approximately; maxlen 0 = no trimming.
// - Blocking (one round trip, bounded by [redis] command_timeout): call it from the delivery
//   thread (AlertDispatcher's worker), never from the crawl strand.
// - Errors name the server by RedisConnection::display() (password masked) and the stream.
// Thread safety: none; one delivery thread (the connection is not shared with other threads).

#include "storage/redis/redis_connection.hpp"

#include <cstdint>
#include <memory>
#include <string>

#include "analysis/alerts/alert_sink.hpp"

namespace koubei::alerts {

struct RedisStreamAlertStats {
  std::uint64_t delivered = 0;  ///< XADDs acknowledged
  std::uint64_t failed = 0;     ///< Redis unavailable or an error reply
};

class RedisStreamAlertSink final : public analysis::alerts::AlertSink {
 public:
  RedisStreamAlertSink(std::shared_ptr<storage::redis::RedisConnection> connection,
                       std::string stream,
                       std::uint64_t maxlen);

  Result<void> deliver(const analysis::alerts::Alert& alert) override;

  std::string_view name() const override { return "redis_stream"; }

  const RedisStreamAlertStats& stats() const { return stats_; }

 private:
  Error fail(Error error);

  std::shared_ptr<storage::redis::RedisConnection> connection_;
  std::string stream_;
  std::uint64_t maxlen_;
  RedisStreamAlertStats stats_;
};

}  // namespace koubei::alerts
