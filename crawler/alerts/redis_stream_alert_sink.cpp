#include "crawler/alerts/redis_stream_alert_sink.hpp"

#include "storage/errors.hpp"

namespace koubei::alerts {

RedisStreamAlertSink::RedisStreamAlertSink(
    std::shared_ptr<storage::redis::RedisConnection> connection,
    std::string stream,
    std::uint64_t maxlen)
    : connection_(std::move(connection)), stream_(std::move(stream)), maxlen_(maxlen) {}

Error RedisStreamAlertSink::fail(Error error) {
  ++stats_.failed;
  error.where = "alerts redis_stream " + stream_ + ": " + error.where;
  return error;
}

Result<void> RedisStreamAlertSink::deliver(const analysis::alerts::Alert& alert) {
  const std::string json = analysis::alerts::to_json(alert);
  storage::redis::RedisBatch command;
  if (maxlen_ > 0) {
    command.add({"XADD",
                 stream_,
                 "MAXLEN",
                 "~",
                 static_cast<std::int64_t>(maxlen_),
                 "*",
                 "id",
                 alert.id,
                 "alert",
                 json});
  } else {
    command.add({"XADD", stream_, "*", "id", alert.id, "alert", json});
  }
  auto replies = connection_->execute(command);
  if (!replies) return fail(replies.error());
  const redisReply& reply = *replies->front();
  if (reply.type != REDIS_REPLY_STRING) {
    return fail({make_error_code(storage::Errc::kProtocol),
                 "redis " + connection_->display() + ": XADD alert " + alert.id + ": " +
                     std::string(storage::redis::text_of(reply))});
  }
  ++stats_.delivered;
  return {};
}

}  // namespace koubei::alerts
