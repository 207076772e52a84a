#include "tests/support/redis_test_client.hpp"

#include <hiredis/hiredis.h>

#include <memory>
#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace koubei::test {
namespace {

// Binds 127.0.0.1:port (0 = any); returns the bound port, or 0 when the bind failed.
int bind_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  socklen_t len = sizeof(addr);
  int bound = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    bound = ntohs(addr.sin_port);
  }
  ::close(fd);
  return bound;
}

}  // namespace

void RedisContextFree::operator()(redisContext* c) const {
  redisFree(c);
}

void RedisReplyFree::operator()(redisReply* r) const {
  freeReplyObject(r);
}

int free_tcp_port() {
  const int port = bind_loopback(0);
  if (port == 0) throw std::runtime_error("cannot find a free port");
  return port;
}

bool tcp_port_free(int port) {
  return port > 0 && port <= 65535 && bind_loopback(port) == port;
}

std::string redis_reply_text(const redisReply& r) {
  switch (r.type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      return {r.str, r.len};
    case REDIS_REPLY_INTEGER:
      return std::to_string(r.integer);
    case REDIS_REPLY_NIL:
      return "(nil)";
    case REDIS_REPLY_ARRAY: {
      std::string out = "[";
      for (std::size_t i = 0; i < r.elements; ++i) {
        out += (i ? "," : "") + redis_reply_text(*r.element[i]);
      }
      return out + "]";
    }
    default:
      return "?";
  }
}

std::string redis_tcp_command(int port, const std::vector<std::string>& argv) {
  std::unique_ptr<redisContext, RedisContextFree> c(redisConnect("127.0.0.1", port));
  if (!c || c->err != 0) {
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
  std::vector<const char*> args;
  std::vector<std::size_t> lens;
  for (const auto& a : argv) {
    args.push_back(a.data());
    lens.push_back(a.size());
  }
  std::unique_ptr<redisReply, RedisReplyFree> r(static_cast<redisReply*>(
      redisCommandArgv(c.get(), static_cast<int>(args.size()), args.data(), lens.data())));
  if (!r) throw std::runtime_error("redis command failed: " + std::string(c->errstr));
  return redis_reply_text(*r);
}

}  // namespace koubei::test
