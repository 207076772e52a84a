#pragma once
// RAII for hiredis handles (STYLE.md anti-pattern 7: no manual freeReplyObject on some paths) and
// small readers of replies. A reply is owned by exactly one ReplyPtr; readers never take ownership.
//
// Thread safety: none (hiredis objects belong to one thread).

#include <hiredis/hiredis.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace koubei::storage::redis {

struct ContextDeleter {
  void operator()(redisContext* c) const noexcept { redisFree(c); }
};

struct ReplyDeleter {
  void operator()(redisReply* r) const noexcept { freeReplyObject(r); }
};

using ContextPtr = std::unique_ptr<redisContext, ContextDeleter>;
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

inline bool is_error(const redisReply& r) {
  return r.type == REDIS_REPLY_ERROR;
}

inline bool is_nil(const redisReply& r) {
  return r.type == REDIS_REPLY_NIL;
}

/// The text of a string, status or error reply; empty for other types.
inline std::string_view text_of(const redisReply& r) {
  switch (r.type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      return {r.str, r.len};
    default:
      return {};
  }
}

inline std::optional<std::int64_t> integer_of(const redisReply& r) {
  if (r.type != REDIS_REPLY_INTEGER) return std::nullopt;
  return static_cast<std::int64_t>(r.integer);
}

}  // namespace koubei::storage::redis
