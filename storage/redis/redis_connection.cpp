#include "storage/redis/redis_connection.hpp"

#include "storage/errors.hpp"
#include "storage/redis/cluster_router.hpp"

#include <spdlog/spdlog.h>

#include <sys/time.h>

namespace koubei::storage::redis {
namespace {

timeval to_timeval(std::chrono::milliseconds d) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(d.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((d.count() % 1000) * 1000);
  return tv;
}

// A cluster node is reached by host:port and has only db 0.
Result<void> check_cluster_node(const RedisEndpoint& ep, std::string_view what) {
  const auto bad = [&](std::string_view why) {
    return Error{make_error_code(Errc::kBadAddress),
                 std::string(what) + " " + ep.display() + ": " + std::string(why)};
  };
  if (ep.kind != RedisEndpoint::Kind::kTcp) {
    return bad("a Redis Cluster is reached over TCP (redis://host:port), not a unix socket");
  }
  if (ep.db != 0) return bad("a Redis Cluster has only db 0");
  return {};
}

}  // namespace

Result<RedisConnectionOptions> connection_options(const config::RedisConfig& config) {
  auto endpoint = parse_redis_url(config.url.reveal());
  if (!endpoint) return endpoint.error();
  RedisConnectionOptions options;
  options.endpoint = std::move(*endpoint);
  options.connect_timeout = config.connect_timeout;
  options.command_timeout = config.command_timeout;
  options.cluster = config.cluster;
  if (!config.cluster) return options;
  if (auto ok = check_cluster_node(options.endpoint, "[redis] url"); !ok) return ok.error();
  for (const std::string& url : config.cluster_seeds) {
    auto seed = parse_redis_url(url);
    if (!seed) return seed.error();
    if (auto ok = check_cluster_node(*seed, "[redis] cluster_seeds"); !ok) return ok.error();
    seed->user = options.endpoint.user;
    seed->password = options.endpoint.password;
    options.cluster_seeds.push_back(std::move(*seed));
  }
  return options;
}

RedisConnection::RedisConnection(RedisConnectionOptions options)
    : options_(std::move(options)),
      display_(options_.endpoint.display()),
      backoff_(options_.backoff, options_.seed) {
  if (options_.cluster) {
    cluster_ = std::make_unique<ClusterRouter>(options_);
    display_ = cluster_->display();
  }
}

RedisConnection::~RedisConnection() = default;

bool RedisConnection::connected() const {
  return cluster_ ? cluster_->connected() : context_ != nullptr;
}

RedisConnectionStats RedisConnection::stats() const {
  return cluster_ ? cluster_->stats() : stats_;
}

std::chrono::steady_clock::time_point RedisConnection::now() const {
  return options_.clock ? options_.clock() : std::chrono::steady_clock::now();
}

Error RedisConnection::unavailable(std::string_view what) const {
  return {make_error_code(Errc::kUnavailable), "redis " + display_ + ": " + std::string(what)};
}

// Drops the connection after an I/O error and starts (or continues) the backoff.
Error RedisConnection::lose(std::string_view step) {
  std::string why = context_ && context_->err != 0 ? context_->errstr : "connection closed";
  if (why == "Resource temporarily unavailable") why = "timed out";
  context_.reset();
  const auto delay = backoff_.failed(now());
  Error error = unavailable(std::string(step) + ": " + why);
  if (!outage_logged_) {
    spdlog::warn("{}; retrying in {} ms with backoff", error.message(), delay.count());
    outage_logged_ = true;
  }
  return error;
}

Result<void> RedisConnection::connect() {
  const auto& ep = options_.endpoint;
  const timeval tv = to_timeval(options_.connect_timeout);
  context_.reset(ep.kind == RedisEndpoint::Kind::kUnix
                     ? redisConnectUnixWithTimeout(ep.path.c_str(), tv)
                     : redisConnectWithTimeout(ep.host.c_str(), ep.port, tv));
  if (context_ == nullptr) {
    // Only allocation failure returns null; treat like any failed attempt.
    ++stats_.connect_failures;
    return lose("connect");
  }
  if (context_->err != 0) {
    ++stats_.connect_failures;
    return lose("connect");
  }
  if (redisSetTimeout(context_.get(), to_timeval(options_.command_timeout)) != REDIS_OK) {
    ++stats_.connect_failures;
    return lose("set timeout");
  }
  if (auto ok = handshake(); !ok) {
    ++stats_.connect_failures;
    return ok;
  }
  ++stats_.connects;
  if (outage_logged_ || backoff_.failures() > 0) {
    spdlog::info("redis {}: connected after {} failed attempt(s)", display_, backoff_.failures());
  }
  outage_logged_ = false;
  backoff_.succeeded();
  return {};
}

Result<void> RedisConnection::handshake() {
  const auto& ep = options_.endpoint;
  RedisBatch hello;
  if (!ep.password.empty()) {
    if (ep.user.empty()) {
      hello.add({"AUTH", ep.password.reveal()});
    } else {
      hello.add({"AUTH", ep.user, ep.password.reveal()});
    }
  }
  if (ep.db != 0) hello.add({"SELECT", static_cast<std::int64_t>(ep.db)});
  if (hello.empty()) return {};
  redisAppendFormattedCommand(context_.get(), hello.encoded().data(), hello.encoded().size());
  bool auth_pending = !ep.password.empty();
  for (std::size_t i = 0; i < hello.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(context_.get(), &raw) != REDIS_OK) return lose("handshake");
    ReplyPtr reply(static_cast<redisReply*>(raw));
    if (is_error(*reply)) {
      const auto code = auth_pending ? Errc::kAuthFailed : Errc::kProtocol;
      Error error{make_error_code(code),
                  "redis " + display_ + ": " + (auth_pending ? "AUTH: " : "SELECT: ") +
                      std::string(text_of(*reply))};
      context_.reset();
      backoff_.failed(now());
      if (!outage_logged_) spdlog::warn("{}", error.message());
      outage_logged_ = true;
      return error;
    }
    auth_pending = false;
  }
  return {};
}

Result<void> RedisConnection::ensure_connected() {
  if (cluster_) return cluster_->ensure_connected();
  if (context_) return {};
  if (!backoff_.ready(now())) {
    ++stats_.refused_while_down;
    const auto wait =
        std::chrono::duration_cast<std::chrono::milliseconds>(backoff_.next_attempt() - now());
    return unavailable("down after " + std::to_string(backoff_.failures()) +
                       " failed attempt(s); next attempt in " + std::to_string(wait.count()) +
                       " ms");
  }
  return connect();
}

Result<std::vector<ReplyPtr>> RedisConnection::execute(const RedisBatch& batch) {
  if (batch.empty()) return std::vector<ReplyPtr>{};
  if (cluster_) return cluster_->execute(batch);
  const bool reused = context_ != nullptr;
  auto replies = send(batch);
  // A connection that sat idle may have been closed by a server restart or an idle timeout; one
  // fresh connection is tried at once instead of failing the first batch after every restart.
  // Repeating is safe: callers only send batches that may run twice (see contract).
  if (!replies && reused && replies.error().code == make_error_code(Errc::kUnavailable)) {
    backoff_.succeeded();
    replies = send(batch);
  }
  return replies;
}

Result<std::vector<ReplyPtr>> RedisConnection::send(const RedisBatch& batch) {
  if (auto ok = ensure_connected(); !ok) return ok.error();
  std::vector<ReplyPtr> replies;
  const auto bytes = batch.encoded();
  if (redisAppendFormattedCommand(context_.get(), bytes.data(), bytes.size()) != REDIS_OK) {
    return lose("append");
  }
  replies.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(context_.get(), &raw) != REDIS_OK) {
      ++stats_.lost;
      return lose("reply " + std::to_string(i + 1) + "/" + std::to_string(batch.size()));
    }
    replies.emplace_back(static_cast<redisReply*>(raw));
  }
  ++stats_.batches;
  stats_.commands += batch.size();
  return replies;
}

}  // namespace koubei::storage::redis
