#include "storage/redis/redis_stream_sink.hpp"

#include "storage/errors.hpp"

namespace koubei::storage::redis {

RedisStreamSink::RedisStreamSink(std::shared_ptr<RedisConnection> connection,
                                 std::string name,
                                 std::string stream,
                                 std::uint64_t maxlen)
    : connection_(std::move(connection)),
      name_(std::move(name)),
      stream_(std::move(stream)),
      maxlen_(maxlen) {}

Error RedisStreamSink::fail(Error error) {
  ++stats_.failures;
  error.where = "redis_stream sink " + name_ + ": " + error.where;
  return error;
}

Result<void> RedisStreamSink::write(std::span<const OutRecord> batch) {
  if (batch.empty()) return {};
  RedisBatch commands;
  const auto maxlen = static_cast<std::int64_t>(maxlen_);
  for (const auto& rec : batch) {
    if (maxlen_ > 0) {
      commands.add({"XADD", stream_, "MAXLEN", "~", maxlen, "*", "id", rec.id, "record", rec.json});
    } else {
      commands.add({"XADD", stream_, "*", "id", rec.id, "record", rec.json});
    }
  }
  auto replies = connection_->execute(commands);
  if (!replies) return fail(replies.error());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const redisReply& r = *(*replies)[i];
    if (r.type != REDIS_REPLY_STRING) {
      return fail({make_error_code(Errc::kProtocol),
                   "redis " + connection_->display() + ": XADD " + stream_ + " " + batch[i].id +
                       ": " + std::string(text_of(r))});
    }
  }
  ++stats_.batches;
  stats_.records += batch.size();
  return {};
}

Result<std::unique_ptr<RedisStreamSink>> make_redis_stream_sink(
    const config::SinkConfig& sink, const std::optional<config::RedisConfig>& redis) {
  config::RedisConfig server = redis.value_or(config::RedisConfig{});
  if (!sink.redis_url.empty()) {
    server.url = sink.redis_url;
    // Another server: [redis]'s seed nodes are not its nodes. It is taken to be a cluster
    // exactly when [redis] is one (storage/README.md, "Redis Cluster").
    server.cluster_seeds.clear();
  }
  if (server.url.empty()) {
    return Error{make_error_code(Errc::kBadAddress),
                 "redis_stream sink " + sink.name + ": no redis_url and no [redis] url"};
  }
  auto options = connection_options(server);
  if (!options) {
    Error e = options.error();
    e.where = "redis_stream sink " + sink.name + ": " + e.where;
    return e;
  }
  return std::make_unique<RedisStreamSink>(
      std::make_shared<RedisConnection>(std::move(*options)), sink.name, sink.stream, sink.maxlen);
}

}  // namespace koubei::storage::redis
