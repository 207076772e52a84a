#include "storage/redis/redis_checkpoint_store.hpp"

#include "storage/errors.hpp"
#include "storage/redis/key_schema.hpp"

#include <charconv>

namespace koubei::storage::redis {
namespace {

Error protocol(const RedisConnection& c, const std::string& job, std::string_view what) {
  return {make_error_code(Errc::kProtocol),
          "redis " + c.display() + ": checkpoint " + job + ": " + std::string(what)};
}

bool to_int(const redisReply& r, std::int64_t& out) {
  const auto s = text_of(r);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

RedisCheckpointStore::RedisCheckpointStore(std::shared_ptr<RedisConnection> connection,
                                           std::string key_prefix,
                                           config::Duration ttl)
    : connection_(std::move(connection)), prefix_(std::move(key_prefix)), ttl_(ttl) {}

Result<std::optional<Checkpoint>> RedisCheckpointStore::load(const std::string& job_id) {
  RedisBatch batch;
  batch.add({"HMGET", checkpoint_key(prefix_, job_id), "cursor", "wm", "wm_ids", "at"});
  auto replies = connection_->execute(batch);
  if (!replies) return replies.error();
  const redisReply& r = *replies->front();
  if (r.type != REDIS_REPLY_ARRAY || r.elements != 4) {
    return protocol(*connection_, job_id, text_of(r));
  }
  if (is_nil(*r.element[3])) return std::optional<Checkpoint>{};
  Checkpoint cp;
  cp.cursor = std::string(text_of(*r.element[0]));
  cp.watermark_ids = std::string(text_of(*r.element[2]));
  if (!to_int(*r.element[1], cp.watermark_ms) || !to_int(*r.element[3], cp.updated_at_ms)) {
    return protocol(*connection_, job_id, "watermark or time is not a number");
  }
  return std::optional<Checkpoint>(std::move(cp));
}

Result<void> RedisCheckpointStore::save(const std::string& job_id, const Checkpoint& cp) {
  const std::string key = checkpoint_key(prefix_, job_id);
  RedisBatch batch;
  batch.add({"HSET",
             key,
             "cursor",
             cp.cursor,
             "wm",
             cp.watermark_ms,
             "wm_ids",
             cp.watermark_ids,
             "at",
             cp.updated_at_ms});
  if (ttl_.count() > 0) batch.add({"PEXPIRE", key, ttl_.count()});
  auto replies = connection_->execute(batch);
  if (!replies) return replies.error();
  for (const auto& r : *replies) {
    if (!integer_of(*r)) return protocol(*connection_, job_id, text_of(*r));
  }
  return {};
}

}  // namespace koubei::storage::redis
