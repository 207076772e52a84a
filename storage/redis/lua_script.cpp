#include "storage/redis/lua_script.hpp"

#include "storage/errors.hpp"

namespace koubei::storage::redis {
namespace {

constexpr int kMaxReloads = 3;

bool is_noscript(const redisReply& r) {
  return is_error(r) && text_of(r).starts_with("NOSCRIPT");
}

}  // namespace

LuaScript::LuaScript(std::string source, std::size_t numkeys, std::size_t argc)
    : source_(std::move(source)), numkeys_(numkeys), argc_(argc) {}

Result<void> LuaScript::load(RedisConnection& connection) {
  RedisBatch batch;
  batch.add({"SCRIPT", "LOAD", source_});
  auto replies = connection.execute(batch);
  if (!replies) return replies.error();
  const redisReply& r = *replies->front();
  if (r.type != REDIS_REPLY_STRING) {
    return Error{make_error_code(Errc::kProtocol),
                 "redis " + connection.display() + ": SCRIPT LOAD: " + std::string(text_of(r))};
  }
  sha_ = std::string(text_of(r));
  return {};
}

void LuaScript::add_call(RedisBatch& batch, std::size_t i, const ArgsFn& args) const {
  batch.begin(3 + argc_);
  batch.arg(std::string_view("EVALSHA"));
  batch.arg(std::string_view(sha_));
  batch.arg(static_cast<std::int64_t>(numkeys_));
  args(i, batch);
}

Result<std::vector<ReplyPtr>> LuaScript::run(RedisConnection& connection,
                                             std::size_t calls,
                                             const ArgsFn& args) {
  if (calls == 0) return std::vector<ReplyPtr>{};
  if (sha_.empty()) {
    if (auto ok = load(connection); !ok) return ok.error();
  }
  RedisBatch batch;
  for (std::size_t i = 0; i < calls; ++i)
    add_call(batch, i, args);
  auto replies = connection.execute(batch);
  if (!replies) return replies.error();
  // On a cluster each master has its own script cache: a call redirected to a node that never saw
  // SCRIPT LOAD (a promoted replica, a new owner) answers NOSCRIPT again; a few rounds cover it.
  for (int round = 0; round < kMaxReloads; ++round) {
    std::vector<std::size_t> again;
    for (std::size_t i = 0; i < calls; ++i) {
      if (is_noscript(*(*replies)[i])) again.push_back(i);
    }
    if (again.empty()) break;
    batch.clear();
    batch.add({"SCRIPT", "LOAD", source_});
    for (std::size_t i : again)
      add_call(batch, i, args);
    auto retried = connection.execute(batch);
    if (!retried) return retried.error();
    for (std::size_t k = 0; k < again.size(); ++k) {
      (*replies)[again[k]] = std::move((*retried)[k + 1]);
    }
  }
  return replies;
}

}  // namespace koubei::storage::redis
