#include "storage/redis/redis_job_leases.hpp"

#include "storage/errors.hpp"
#include "storage/redis/key_schema.hpp"

#include <algorithm>
#include <charconv>

namespace koubei::storage::redis {
namespace {

constexpr char kSeparator = '\x1f';

// KEYS: members, leases. ARGV: me, ttl ms, take (joined), release (joined).
// Returns { members (sorted), held (the jobs of take now ours), ms until the earliest other
// member's heartbeat expires (-1: none) }.
constexpr std::string_view kRoundScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local me, ttl = ARGV[1], tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now + ttl, me)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local function holder(job)
  local v = redis.call('HGET', KEYS[2], job)
  if not v then return nil, 0 end
  local sp = string.find(v, ' ', 1, true)
  return string.sub(v, sp + 1), tonumber(string.sub(v, 1, sp - 1))
end
for job in string.gmatch(ARGV[4], '[^\031]+') do
  local owner = holder(job)
  if owner == me then redis.call('HDEL', KEYS[2], job) end
end
local held = {}
local lease = tostring(now + ttl) .. ' ' .. me
for job in string.gmatch(ARGV[3], '[^\031]+') do
  local owner, expiry = holder(job)
  if owner == nil or owner == me or expiry <= now then
    redis.call('HSET', KEYS[2], job, lease)
    held[#held + 1] = job
  end
end
local next_expiry = -1
local first = redis.call('ZRANGE', KEYS[1], 0, 1, 'WITHSCORES')
for i = 1, #first, 2 do
  if first[i] ~= me then
    next_expiry = tonumber(first[i + 1]) - now
    break
  end
end
return { redis.call('ZRANGE', KEYS[1], 0, -1), held, next_expiry }
)lua";

// KEYS: members, leases. ARGV: me. Returns the number of leases released.
constexpr std::string_view kLeaveScript = R"lua(
redis.call('ZREM', KEYS[1], ARGV[1])
local all = redis.call('HGETALL', KEYS[2])
local n = 0
local suffix = ' ' .. ARGV[1]
for i = 1, #all, 2 do
  local v = all[i + 1]
  if string.sub(v, -#suffix) == suffix then
    redis.call('HDEL', KEYS[2], all[i])
    n = n + 1
  end
end
return n
)lua";

std::string join(std::span<const std::string> jobs) {
  std::string out;
  for (const auto& j : jobs) {
    if (!out.empty()) out.push_back(kSeparator);
    out += j;
  }
  return out;
}

std::vector<std::string> strings_of(const redisReply& r) {
  std::vector<std::string> out;
  if (r.type != REDIS_REPLY_ARRAY) return out;
  for (std::size_t i = 0; i < r.elements; ++i) out.emplace_back(text_of(*r.element[i]));
  return out;
}

std::int64_t number_of(std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  (void)end;
  return ec == std::errc() ? v : 0;
}

}  // namespace

RedisJobLeases::RedisJobLeases(std::shared_ptr<RedisConnection> connection, std::string key_prefix)
    : connection_(std::move(connection)),
      members_key_(key_prefix + "members:{coord}"),
      leases_key_(key_prefix + "leases:{coord}"),
      round_script_(std::string(kRoundScript), 2, 6),
      leave_script_(std::string(kLeaveScript), 2, 3) {}

Error RedisJobLeases::unexpected(std::string_view what, const redisReply& reply) const {
  const std::string text(text_of(reply));
  return {make_error_code(Errc::kProtocol),
          "redis " + connection_->display() + ": job leases " + std::string(what) + ": " +
              (text.empty() ? "reply of type " + std::to_string(reply.type) : text)};
}

Result<LeaseRound> RedisJobLeases::round(const std::string& me, std::int64_t ttl_ms,
                                         std::span<const std::string> take,
                                         std::span<const std::string> release) {
  const std::string take_arg = join(take);
  const std::string release_arg = join(release);
  auto replies = round_script_.run(*connection_, 1, [&](std::size_t, RedisBatch& b) {
    b.arg(std::string_view(members_key_));
    b.arg(std::string_view(leases_key_));
    b.arg(std::string_view(me));
    b.arg(ttl_ms);
    b.arg(std::string_view(take_arg));
    b.arg(std::string_view(release_arg));
  });
  if (!replies) return replies.error();
  const redisReply& r = *replies->front();
  if (r.type != REDIS_REPLY_ARRAY || r.elements != 3) return unexpected("round", r);
  const auto next_expiry = integer_of(*r.element[2]);
  if (!next_expiry) return unexpected("round", r);
  LeaseRound out;
  out.members = strings_of(*r.element[0]);
  out.held = strings_of(*r.element[1]);
  out.next_expiry_ms = *next_expiry;
  std::sort(out.members.begin(), out.members.end());
  return out;
}

Result<void> RedisJobLeases::leave(const std::string& me) {
  auto replies = leave_script_.run(*connection_, 1, [&](std::size_t, RedisBatch& b) {
    b.arg(std::string_view(members_key_));
    b.arg(std::string_view(leases_key_));
    b.arg(std::string_view(me));
  });
  if (!replies) return replies.error();
  if (!integer_of(*replies->front())) return unexpected("leave", *replies->front());
  return {};
}

Result<LeaseTable> RedisJobLeases::view() {
  RedisBatch batch;
  batch.add({"TIME"});
  batch.add({"ZRANGE", members_key_, 0, -1, "WITHSCORES"});
  batch.add({"HGETALL", leases_key_});
  auto replies = connection_->execute(batch);
  if (!replies) return replies.error();
  const auto time = strings_of(*(*replies)[0]);
  if (time.size() != 2) return unexpected("TIME", *(*replies)[0]);
  LeaseTable table;
  table.now_ms = number_of(time[0]) * 1000 + number_of(time[1]) / 1000;
  const auto members = strings_of(*(*replies)[1]);
  for (std::size_t i = 0; i + 1 < members.size(); i += 2) {
    if (number_of(members[i + 1]) > table.now_ms) {
      table.members.push_back({members[i], number_of(members[i + 1])});
    }
  }
  const auto leases = strings_of(*(*replies)[2]);
  for (std::size_t i = 0; i + 1 < leases.size(); i += 2) {
    const std::string& v = leases[i + 1];
    const std::size_t sp = v.find(' ');
    if (sp == std::string::npos) continue;
    table.leases.push_back({leases[i], v.substr(sp + 1), number_of(std::string_view(v).substr(0, sp))});
  }
  return table;
}

}  // namespace koubei::storage::redis
