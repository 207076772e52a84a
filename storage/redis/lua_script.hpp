#pragma once
// LuaScript: a server-side script run by EVALSHA in pipelined batches. The SHA-1 comes from the
// first SCRIPT LOAD; when the server has forgotten the script (NOSCRIPT: restart, SCRIPT FLUSH, a
// failover), the failed calls are sent again behind a SCRIPT LOAD in one more round trip (up to
// three times: on a Redis Cluster SCRIPT LOAD goes to every master, but a call redirected to a
// node outside the slot map at that moment may answer NOSCRIPT again). A NOSCRIPT call did not
// run, so repeating it is safe; one still NOSCRIPT after that is returned as the error reply.
//
// Thread safety: none; use with one RedisConnection.

#include "config/error.hpp"
#include "storage/redis/redis_connection.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace koubei::storage::redis {

class LuaScript {
 public:
  /// Appends the keys then the other arguments of call i (numkeys of them are keys).
  using ArgsFn = std::function<void(std::size_t i, RedisBatch& batch)>;

  /// `argc` is the number of arguments after numkeys that ArgsFn appends for each call.
  LuaScript(std::string source, std::size_t numkeys, std::size_t argc);

  /// Runs `calls` invocations in one round trip (two after NOSCRIPT, three the very first time)
  /// and returns their replies in order; error replies other than NOSCRIPT are the caller's.
  Result<std::vector<ReplyPtr>> run(RedisConnection& connection,
                                    std::size_t calls,
                                    const ArgsFn& args);

 private:
  Result<void> load(RedisConnection& connection);
  void add_call(RedisBatch& batch, std::size_t i, const ArgsFn& args) const;

  std::string source_;
  std::size_t numkeys_;
  std::size_t argc_;
  std::string sha_;
};

}  // namespace koubei::storage::redis
