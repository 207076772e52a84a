#include "storage/delivery_lanes.hpp"

#include "storage/errors.hpp"
#include "storage/jsonl_delivery_sink.hpp"
#include "storage/postgres/postgres_sink.hpp"
#include "storage/redis/redis_stream_sink.hpp"

#include <fmt/format.h>

namespace koubei::storage {
namespace {

bool safe_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

Result<std::unique_ptr<Sink>> make_sink(const config::SinkConfig& sink,
                                        const config::Config& config) {
  switch (sink.type) {
    case config::SinkType::kJsonl: {
      JsonlSinkOptions options;
      options.path_pattern = sink.path;
      options.fsync = sink.fsync;
      options.local_time = sink.local_time;
      return std::unique_ptr<Sink>(std::make_unique<JsonlDeliverySink>(sink.name, options));
    }
    case config::SinkType::kPostgres:
      return std::unique_ptr<Sink>(
          std::make_unique<postgres::PostgresSink>(postgres::options_from_config(sink)));
    case config::SinkType::kRedisStream: {
      auto stream = redis::make_redis_stream_sink(sink, config.redis);
      if (!stream) return stream.error();
      return std::unique_ptr<Sink>(std::move(*stream));
    }
  }
  return Error{Errc::kOpenFailed,
               fmt::format("sink {}: unknown type {}", sink.name, static_cast<int>(sink.type))};
}

}  // namespace

std::string spool_dir(const std::string& state_dir, const std::string& sink_name) {
  std::string name = sink_name;
  for (char& c : name) {
    if (!safe_char(c)) c = '_';
  }
  if (name.empty() || name == "." || name == "..") name = "_" + name;
  return state_dir + "/spool/" + name;
}

Result<std::vector<DeliveryLane>> open_lanes(const config::Config& config) {
  std::vector<DeliveryLane> lanes;
  for (const config::SinkConfig& sink_config : config.sinks) {
    auto sink = make_sink(sink_config, config);
    if (!sink) return sink.error();
    SpoolOptions options;
    options.dir = spool_dir(config.daemon.state_dir, sink_config.name);
    options.max_bytes = sink_config.spool_max;
    options.segment_bytes = std::clamp<std::uint64_t>(options.max_bytes / 8, 64 << 10, 64 << 20);
    auto spool = Spool::open(options);
    if (!spool) return spool.error();
    lanes.push_back(DeliveryLane{std::move(*sink), std::move(*spool)});
  }
  return lanes;
}

PipelineOptions pipeline_options(const config::Config& config) {
  const config::RedisConfig defaults;
  const config::RedisConfig& redis = config.redis ? *config.redis : defaults;
  PipelineOptions options;
  options.claim_ttl = redis.claim_ttl;
  options.dedup_ttl = redis.dedup_ttl;
  return options;
}

}  // namespace koubei::storage
