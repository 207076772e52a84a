#include "storage/redis/redis_author_cache.hpp"

#include "storage/errors.hpp"
#include "storage/redis/key_schema.hpp"

#include <charconv>

namespace koubei::storage::redis {
namespace {

// KEYS[1] author key; ARGV seen_ms, ttl_ms, followers|"", verified "1"/"0"/"", verified_type.
// One HSET of the known fields and one HDEL of the unknown ones (not DEL + an HSET each): on a
// page of new authors this is most of what Redis does per mention.
constexpr std::string_view kPutScript = R"lua(
local cur = redis.call('HGET', KEYS[1], 's')
if cur and tonumber(cur) > tonumber(ARGV[1]) then return 0 end
local known, unknown = { 's', ARGV[1], 't', ARGV[5] }, {}
if ARGV[3] ~= '' then known[#known + 1] = 'f'; known[#known + 1] = ARGV[3] else unknown[#unknown + 1] = 'f' end
if ARGV[4] ~= '' then known[#known + 1] = 'v'; known[#known + 1] = ARGV[4] else unknown[#unknown + 1] = 'v' end
redis.call('HSET', KEYS[1], unpack(known))
if cur and #unknown > 0 then redis.call('HDEL', KEYS[1], unpack(unknown)) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
)lua";

std::optional<std::int64_t> to_int(std::string_view s) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Error protocol(const RedisConnection& c, std::string_view what, const AuthorKey& key) {
  return {make_error_code(Errc::kProtocol),
          "redis " + c.display() + ": author " + key.platform + ":" + key.id + ": " +
              std::string(what)};
}

}  // namespace

RedisAuthorCache::RedisAuthorCache(std::shared_ptr<RedisConnection> connection,
                                   std::string key_prefix,
                                   config::Duration ttl)
    : connection_(std::move(connection)),
      prefix_(std::move(key_prefix)),
      ttl_(ttl),
      put_script_(std::string(kPutScript), 1, 6) {}

Result<void> RedisAuthorCache::put(const AuthorKey& key, const AuthorFacts& facts) {
  const AuthorPut one{key, facts};
  return put_many(std::span<const AuthorPut>(&one, 1));
}

Result<void> RedisAuthorCache::put_many(std::span<const AuthorPut> puts) {
  if (puts.empty()) return {};
  struct Args {
    std::string key, followers, verified;
  };
  std::vector<Args> args;
  args.reserve(puts.size());
  for (const auto& p : puts) {
    args.push_back({author_key(prefix_, p.key.platform, p.key.id),
                    p.facts.followers ? std::to_string(*p.facts.followers) : "",
                    p.facts.verified ? (*p.facts.verified ? "1" : "0") : ""});
  }
  auto replies = put_script_.run(*connection_, puts.size(), [&](std::size_t i, RedisBatch& b) {
    b.arg(std::string_view(args[i].key));
    b.arg(puts[i].facts.last_seen_ms);
    b.arg(std::max<std::int64_t>(1, ttl_.count()));
    b.arg(std::string_view(args[i].followers));
    b.arg(std::string_view(args[i].verified));
    b.arg(std::string_view(puts[i].facts.verified_type));
  });
  if (!replies) return replies.error();
  for (std::size_t i = 0; i < puts.size(); ++i) {
    const redisReply& r = *(*replies)[i];
    if (!integer_of(r)) return protocol(*connection_, text_of(r), puts[i].key);
  }
  return {};
}

Result<std::vector<std::optional<AuthorFacts>>> RedisAuthorCache::get_many(
    std::span<const AuthorKey> keys) {
  RedisBatch batch;
  for (const auto& key : keys) {
    batch.add({"HMGET", author_key(prefix_, key.platform, key.id), "f", "v", "t", "s"});
  }
  auto replies = connection_->execute(batch);
  if (!replies) return replies.error();
  std::vector<std::optional<AuthorFacts>> out;
  out.reserve(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const redisReply& r = *(*replies)[i];
    if (r.type != REDIS_REPLY_ARRAY || r.elements != 4) {
      return protocol(*connection_, text_of(r), keys[i]);
    }
    const redisReply& seen = *r.element[3];
    if (is_nil(seen)) {  // no entry (or expired)
      out.emplace_back();
      continue;
    }
    AuthorFacts facts;
    auto seen_ms = to_int(text_of(seen));
    if (!seen_ms) return protocol(*connection_, "bad last-seen field", keys[i]);
    facts.last_seen_ms = *seen_ms;
    if (!is_nil(*r.element[0])) facts.followers = to_int(text_of(*r.element[0]));
    if (!is_nil(*r.element[1])) facts.verified = text_of(*r.element[1]) == "1";
    facts.verified_type = std::string(text_of(*r.element[2]));
    out.emplace_back(std::move(facts));
  }
  return out;
}

}  // namespace koubei::storage::redis
