#include "storage/redis/redis_dedup_store.hpp"

#include "storage/errors.hpp"
#include "storage/redis/key_schema.hpp"

#include <fmt/format.h>

#include <optional>
#include <random>
#include <string_view>
#include <unordered_set>

namespace koubei::storage::redis {
namespace {

constexpr std::string_view kReleaseScript = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua";

std::string random_token() {
  std::random_device rd;
  const std::uint64_t v = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  return fmt::format("{:016x}", v);
}

std::int64_t ttl_ms(config::Duration d) {
  return std::max<std::int64_t>(1, d.count());
}

}  // namespace

RedisDedupStore::RedisDedupStore(std::shared_ptr<RedisConnection> connection,
                                 std::string key_prefix)
    : connection_(std::move(connection)),
      prefix_(std::move(key_prefix)),
      token_(random_token()),
      claim_value_(std::string(kClaimPrefix) + token_),
      release_script_(std::string(kReleaseScript), 1, 2) {}

Error RedisDedupStore::fail(Error error) {
  ++stats_.errors;
  return error;
}

Error RedisDedupStore::unexpected(std::string_view command,
                                  std::string_view id,
                                  const redisReply& reply) const {
  std::string text(text_of(reply));
  if (text.find("syntax error") != std::string::npos && command == "SET NX GET") {
    text += " (the dedup store needs Redis >= 7.0 for SET NX GET)";
  }
  return {make_error_code(Errc::kProtocol),
          fmt::format("redis {}: {} {}: {}",
                      connection_->display(),
                      command,
                      id,
                      text.empty() ? "reply of type " + std::to_string(reply.type) : text)};
}

Result<std::vector<ClaimState>> RedisDedupStore::claim(std::span<const std::string> ids,
                                                       config::Duration claim_ttl) {
  std::vector<ClaimState> states(ids.size(), ClaimState::kClaimed);
  std::vector<std::size_t> sent;  // index into ids of each command
  sent.reserve(ids.size());
  std::unordered_set<std::string_view> seen;
  seen.reserve(ids.size());
  RedisBatch batch;
  std::string key;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!seen.insert(ids[i]).second) continue;  // a later copy in the batch: kClaimed
    key.clear();
    append_tagged(key, prefix_, "dedup", ids[i]);
    batch.add({"SET", key, claim_value_, "NX", "GET", "PX", ttl_ms(claim_ttl)});
    sent.push_back(i);
  }
  auto replies = connection_->execute(batch);
  if (!replies) return fail(replies.error());
  std::vector<std::string> won;  // set by this batch, released if the batch fails
  std::optional<Error> error;
  for (std::size_t k = 0; k < sent.size(); ++k) {
    const redisReply& r = *(*replies)[k];
    const std::string& id = ids[sent[k]];
    if (is_nil(r)) {
      states[sent[k]] = ClaimState::kNew;
      won.push_back(id);
    } else if (r.type == REDIS_REPLY_STRING && text_of(r) == kDeliveredValue) {
      states[sent[k]] = ClaimState::kDelivered;
    } else if (r.type == REDIS_REPLY_STRING && text_of(r).starts_with(kClaimPrefix)) {
      states[sent[k]] = ClaimState::kClaimed;
    } else if (!error) {
      error = unexpected("SET NX GET", id, r);
    }
  }
  if (error) {
    (void)release(won);  // best effort; what stays expires after claim_ttl
    return fail(std::move(*error));
  }
  stats_.claims += ids.size();
  for (ClaimState s : states) {
    if (s == ClaimState::kNew) ++stats_.new_ids;
    if (s == ClaimState::kClaimed) ++stats_.claimed;
    if (s == ClaimState::kDelivered) ++stats_.delivered;
  }
  return states;
}

Result<void> RedisDedupStore::confirm(std::span<const std::string> ids,
                                      config::Duration dedup_ttl) {
  RedisBatch batch;
  std::string key;
  for (const auto& id : ids) {
    key.clear();
    append_tagged(key, prefix_, "dedup", id);
    batch.add({"SET", key, kDeliveredValue, "PX", ttl_ms(dedup_ttl)});
  }
  auto replies = connection_->execute(batch);
  if (!replies) return fail(replies.error());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const redisReply& r = *(*replies)[i];
    if (r.type != REDIS_REPLY_STATUS) return fail(unexpected("SET", ids[i], r));
  }
  stats_.confirms += ids.size();
  return {};
}

Result<void> RedisDedupStore::release(std::span<const std::string> ids) {
  std::vector<std::string> keys;
  keys.reserve(ids.size());
  for (const auto& id : ids)
    keys.push_back(dedup_key(prefix_, id));
  auto replies = release_script_.run(*connection_, ids.size(), [&](std::size_t i, RedisBatch& b) {
    b.arg(std::string_view(keys[i]));
    b.arg(std::string_view(claim_value_));
  });
  if (!replies) return fail(replies.error());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const redisReply& r = *(*replies)[i];
    if (!integer_of(r)) return fail(unexpected("release", ids[i], r));
  }
  stats_.releases += ids.size();
  return {};
}

}  // namespace koubei::storage::redis
