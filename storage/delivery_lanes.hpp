#pragma once
// open_lanes(): the delivery pipeline's sinks and spools from the configuration, for the
// composition root (crawler/main.cpp) and the scheduler.
//
// Contract
// - One DeliveryLane per [[sink]], in configuration order: `jsonl` → JsonlDeliverySink,
//   `postgres` → PostgresSink, `redis_stream` → RedisStreamSink on its own connection to the
//   sink's redis_url, else the [redis] url (no url at all: kBadAddress naming the sink). Servers
//   are contacted lazily, on the first write, so one that is down at start-up only means spooling.
// - Each lane's spool is state_dir/spool/<sink name> (characters other than [A-Za-z0-9._-] in the
//   name become '_'), bounded by the sink's spool_max; records spooled by an earlier run are kept
//   and replayed first.
// - pipeline_options() takes claim_ttl and dedup_ttl from [redis] when present (the defaults of
//   RedisConfig otherwise: the embedded store uses the same windows).
// - REQUIRES for JSONL sinks: SIGXFSZ ignored (jsonl_sink.hpp).
// Errors are values; called at start-up, so the caller may also turn them into exit code 2.

#include "config/config.hpp"
#include "storage/delivery_pipeline.hpp"

#include <memory>
#include <string>
#include <vector>

namespace koubei::storage {

Result<std::vector<DeliveryLane>> open_lanes(const config::Config& config);

PipelineOptions pipeline_options(const config::Config& config);

/// The spool directory of a sink: state_dir/spool/<name with unsafe characters replaced>.
std::string spool_dir(const std::string& state_dir, const std::string& sink_name);

}  // namespace koubei::storage
