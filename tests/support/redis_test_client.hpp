#pragma once
// Small helpers shared by the test Redis servers (redis_server.hpp, redis_cluster.hpp): a TCP port
// the kernel just said is free, a reply as text for assertions, and one command sent to a server
// on a fresh connection. Failures throw std::runtime_error: a test cannot go on without its server.

#include <string>
#include <vector>

struct redisContext;
struct redisReply;

namespace koubei::test {

/// unique_ptr deleters for hiredis handles (redisFree, freeReplyObject).
struct RedisContextFree {
  void operator()(redisContext* c) const;
};

struct RedisReplyFree {
  void operator()(redisReply* r) const;
};

/// A loopback port that was free a moment ago: bind to port 0 and let the kernel choose.
int free_tcp_port();

/// Whether 127.0.0.1:port can be bound right now.
bool tcp_port_free(int port);

/// "PONG", "42", "(nil)", "[a,b]": a reply flattened for assertions.
std::string redis_reply_text(const redisReply& reply);

/// Runs argv on 127.0.0.1:port and returns the reply as text (error replies included).
std::string redis_tcp_command(int port, const std::vector<std::string>& argv);

}  // namespace koubei::test
