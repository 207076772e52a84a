#pragma once
// RedisStreamSink: the `redis_stream` sink (storage/sink.hpp). Each record becomes one stream
// entry `XADD <stream> MAXLEN ~ <maxlen> * id <record id> record <json>`; a batch is one pipelined
// round trip.
//
// Contract (beyond storage/sink.hpp)
// - write() succeeds only when every XADD of the batch was acknowledged with an entry id. On any
//   failure (kUnavailable while Redis is down, kProtocol for an error reply such as WRONGTYPE or
//   OOM) some entries may already be in the stream; the caller writes the whole batch again, so a
//   consumer may see an entry twice, always with the same `id` field (dedup on it).
// - MAXLEN ~ trims approximately (whole macro nodes), so the stream holds at least maxlen
//   entries; maxlen 0 = no trimming.
// - Thread safety: none; the pipeline calls it from its storage thread.

#include "config/config.hpp"
#include "storage/redis/redis_connection.hpp"
#include "storage/sink.hpp"

#include <memory>
#include <string>

namespace koubei::storage::redis {

class RedisStreamSink final : public Sink {
 public:
  RedisStreamSink(std::shared_ptr<RedisConnection> connection,
                  std::string name,
                  std::string stream,
                  std::uint64_t maxlen);

  std::string_view name() const override { return name_; }

  Result<void> write(std::span<const OutRecord> batch) override;

  SinkStats stats() const override { return stats_; }

 private:
  Error fail(Error error);

  std::shared_ptr<RedisConnection> connection_;
  std::string name_;
  std::string stream_;
  std::uint64_t maxlen_;
  SinkStats stats_;
};

/// The sink of a `[[sink]] type = "redis_stream"` entry: its redis_url, or else [redis] url.
/// Errors: kBadAddress (bad or missing URL).
Result<std::unique_ptr<RedisStreamSink>> make_redis_stream_sink(
    const config::SinkConfig& sink, const std::optional<config::RedisConfig>& redis);

}  // namespace koubei::storage::redis
