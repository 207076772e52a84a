#include "storage/redis/redis_shared_budgets.hpp"

#include "storage/errors.hpp"
#include "storage/redis/key_schema.hpp"

#include <charconv>
#include <cmath>

namespace koubei::storage::redis {
namespace {

// KEYS[1]: the platform's bucket; KEYS[1 + i]: account i's bucket.
// ARGV: want, idle ttl ms, platform rate (tokens per µs), platform burst, candidates ("3,1,2"),
//       then the rate and burst of each account in KEYS order.
// Returns { account (1-based; 0 = nothing taken), count, wait ms, { {account, ms, state, why}… } }.
constexpr std::string_view kTakeScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local want, ttl = tonumber(ARGV[1]), tonumber(ARGV[2])
local function load(key, rate, burst)
  local v = redis.call('HMGET', key, 't', 'ts', 'b', 'st', 'why')
  local tokens, ts, blocked = tonumber(v[1]), tonumber(v[2]), tonumber(v[3]) or 0
  if tokens == nil or ts == nil then tokens, ts = burst, now end
  if blocked > ts then tokens, ts = 0, blocked end
  if now > ts then tokens = math.min(burst, tokens + (now - ts) * rate) end
  local wait = 0
  if blocked > now then wait = blocked - now + 1 / rate
  elseif tokens < 1 then wait = (1 - tokens) / rate end
  return tokens, blocked, wait, v[4], v[5]
end
local ptokens, _, pwait = load(KEYS[1], tonumber(ARGV[3]), tonumber(ARGV[4]))
local blocked, chosen, ctokens, await = {}, nil, 0, nil
for c in string.gmatch(ARGV[5], '%d+') do
  local i = tonumber(c)
  local tokens, untilv, wait, st, why = load(KEYS[1 + i], tonumber(ARGV[4 + 2 * i]), tonumber(ARGV[5 + 2 * i]))
  if untilv > now then
    blocked[#blocked + 1] = { i, math.ceil((untilv - now) / 1000), st or 'cooling_down', why or '' }
  end
  if chosen == nil and wait == 0 then chosen, ctokens = i, tokens end
  if await == nil or wait < await then await = wait end
end
if chosen ~= nil and pwait == 0 then
  local n = math.min(want, math.floor(ctokens), math.floor(ptokens))
  redis.call('HSET', KEYS[1], 't', ptokens - n, 'ts', now)
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('HSET', KEYS[1 + chosen], 't', ctokens - n, 'ts', now)
  redis.call('PEXPIRE', KEYS[1 + chosen], ttl)
  return { chosen, n, 0, blocked }
end
return { 0, 0, math.max(1, math.ceil(math.max(pwait, await or 0) / 1000)), blocked }
)lua";

// KEYS[1]: the bucket. ARGV: for ms, state, reason, idle ttl ms.
constexpr std::string_view kBlockScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local untilv = now + tonumber(ARGV[1]) * 1000
local b = tonumber(redis.call('HGET', KEYS[1], 'b')) or 0
if b > untilv then untilv = b end
redis.call('HSET', KEYS[1], 'b', untilv, 'st', ARGV[2], 'why', ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.floor((untilv - now) / 1000) + tonumber(ARGV[4]))
return 1
)lua";

// KEYS[1]: the bucket.
constexpr std::string_view kClearScript = R"lua(
return redis.call('HDEL', KEYS[1], 'b', 'st', 'why')
)lua";

std::int64_t number_of(std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  (void)end;
  return ec == std::errc() ? v : 0;
}

double real_of(std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  (void)end;
  return ec == std::errc() ? v : 0;
}

/// Shortest text that reads back as the same double (Lua's tonumber reads it).
std::string real_text(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  return std::string(buf, end);
}

}  // namespace

RedisSharedBudgets::RedisSharedBudgets(std::shared_ptr<RedisConnection> connection,
                                       std::string key_prefix)
    : connection_(std::move(connection)),
      prefix_(std::move(key_prefix)),
      block_script_(std::string(kBlockScript), 1, 5),
      clear_script_(std::string(kClearScript), 1, 1) {}

std::string RedisSharedBudgets::key(std::string_view platform, std::string_view bucket) const {
  std::string k;
  append_tagged(k, prefix_, "budget", platform);
  if (!bucket.empty()) k.append(":").append(bucket);
  return k;
}

Error RedisSharedBudgets::unexpected(std::string_view what, const redisReply& reply) const {
  const std::string text(text_of(reply));
  return {make_error_code(Errc::kProtocol),
          "redis " + connection_->display() + ": shared budgets " + std::string(what) + ": " +
              (text.empty() ? "reply of type " + std::to_string(reply.type) : text)};
}

LuaScript& RedisSharedBudgets::take_script(std::size_t accounts) {
  auto it = take_scripts_.find(accounts);
  if (it == take_scripts_.end()) {
    it = take_scripts_
             .emplace(accounts, LuaScript(std::string(kTakeScript), 1 + accounts, 1 + accounts + 5 +
                                                                                  2 * accounts))
             .first;
  }
  return it->second;
}

Result<BudgetGrant> RedisSharedBudgets::take(const BudgetTake& request) {
  const std::size_t n = request.accounts.size();
  std::vector<std::string> keys;
  keys.reserve(n + 1);
  keys.push_back(key(request.platform, ""));
  for (const auto& a : request.accounts) keys.push_back(key(request.platform, a.name));
  std::string candidates;
  for (std::size_t c : request.candidates) {
    if (c >= n) continue;
    if (!candidates.empty()) candidates.push_back(',');
    candidates += std::to_string(c + 1);
  }
  std::vector<std::string> rates;
  rates.reserve(2 * n + 2);
  rates.push_back(real_text(request.platform_rate.per_second / 1e6));
  rates.push_back(real_text(request.platform_rate.burst));
  for (const auto& a : request.accounts) {
    rates.push_back(real_text(a.rate.per_second / 1e6));
    rates.push_back(real_text(a.rate.burst));
  }
  auto replies = take_script(n).run(*connection_, 1, [&](std::size_t, RedisBatch& b) {
    for (const auto& k : keys) b.arg(std::string_view(k));
    b.arg(static_cast<std::int64_t>(request.want));
    b.arg(request.idle_ttl_ms);
    b.arg(std::string_view(rates[0]));
    b.arg(std::string_view(rates[1]));
    b.arg(std::string_view(candidates));
    for (std::size_t i = 2; i < rates.size(); ++i) b.arg(std::string_view(rates[i]));
  });
  if (!replies) return replies.error();
  const redisReply& r = *replies->front();
  if (r.type != REDIS_REPLY_ARRAY || r.elements != 4 || r.element[3]->type != REDIS_REPLY_ARRAY) {
    return unexpected("take", r);
  }
  const auto account = integer_of(*r.element[0]);
  const auto count = integer_of(*r.element[1]);
  const auto wait = integer_of(*r.element[2]);
  if (!account || !count || !wait || *account < 0 || static_cast<std::size_t>(*account) > n) {
    return unexpected("take", r);
  }
  BudgetGrant grant;
  if (*account > 0 && *count > 0) {
    grant.account = static_cast<std::size_t>(*account - 1);
    grant.count = static_cast<std::uint32_t>(*count);
  }
  grant.wait_ms = *wait;
  const redisReply& blocked = *r.element[3];
  for (std::size_t i = 0; i < blocked.elements; ++i) {
    const redisReply& e = *blocked.element[i];
    if (e.type != REDIS_REPLY_ARRAY || e.elements != 4) return unexpected("take", r);
    const auto index = integer_of(*e.element[0]);
    const auto ms = integer_of(*e.element[1]);
    if (!index || !ms || *index < 1 || static_cast<std::size_t>(*index) > n) return unexpected("take", r);
    grant.blocked.push_back({static_cast<std::size_t>(*index - 1), *ms,
                             std::string(text_of(*e.element[2])), std::string(text_of(*e.element[3]))});
  }
  return grant;
}

Result<void> RedisSharedBudgets::block(const std::string& platform, const std::string& bucket,
                                       std::int64_t for_ms, const std::string& state,
                                       const std::string& reason, std::int64_t idle_ttl_ms) {
  const std::string k = key(platform, bucket);
  auto replies = block_script_.run(*connection_, 1, [&](std::size_t, RedisBatch& b) {
    b.arg(std::string_view(k));
    b.arg(for_ms);
    b.arg(std::string_view(state));
    b.arg(std::string_view(reason));
    b.arg(idle_ttl_ms);
  });
  if (!replies) return replies.error();
  if (!integer_of(*replies->front())) return unexpected("block", *replies->front());
  return {};
}

Result<void> RedisSharedBudgets::clear(const std::string& platform, const std::string& bucket) {
  const std::string k = key(platform, bucket);
  auto replies = clear_script_.run(*connection_, 1, [&](std::size_t, RedisBatch& b) {
    b.arg(std::string_view(k));
  });
  if (!replies) return replies.error();
  if (!integer_of(*replies->front())) return unexpected("clear", *replies->front());
  return {};
}

Result<std::vector<BudgetState>> RedisSharedBudgets::view(const std::string& platform,
                                                          const std::vector<std::string>& buckets) {
  RedisBatch batch;
  batch.add({"TIME"});
  for (const auto& b : buckets) batch.add({"HMGET", key(platform, b), "t", "b", "st", "why"});
  auto replies = connection_->execute(batch);
  if (!replies) return replies.error();
  const redisReply& time = *(*replies)[0];
  if (time.type != REDIS_REPLY_ARRAY || time.elements != 2) return unexpected("TIME", time);
  const std::int64_t now_us =
      number_of(text_of(*time.element[0])) * 1'000'000 + number_of(text_of(*time.element[1]));
  std::vector<BudgetState> out;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const redisReply& r = *(*replies)[i + 1];
    if (r.type != REDIS_REPLY_ARRAY || r.elements != 4) return unexpected("view", r);
    BudgetState s;
    s.name = buckets[i];
    s.exists = r.element[0]->type == REDIS_REPLY_STRING || r.element[1]->type == REDIS_REPLY_STRING;
    s.tokens = real_of(text_of(*r.element[0]));
    // Lua wrote the block as a double in µs (plain digits or exponent form; from_chars reads both).
    const auto blocked_until = static_cast<std::int64_t>(real_of(text_of(*r.element[1])));
    if (blocked_until > now_us) s.blocked_ms = (blocked_until - now_us + 999) / 1000;
    if (s.blocked_ms > 0) {
      s.state = std::string(text_of(*r.element[2]));
      s.reason = std::string(text_of(*r.element[3]));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace koubei::storage::redis
