#include "storage/delivery_pipeline.hpp"

#include "config/json_string.hpp"
#include "storage/errors.hpp"
#include "storage/spool_format.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

namespace koubei::storage {
namespace {

std::uint64_t encoded_bytes(std::span<const OutRecord> records) {
  std::uint64_t bytes = 0;
  for (const OutRecord& r : records)
    bytes += spool_format::encoded_size(r);
  return bytes;
}

std::vector<std::string> ids_at(std::span<const OutRecord> batch,
                                const std::vector<std::size_t>& at) {
  std::vector<std::string> ids;
  ids.reserve(at.size());
  for (const std::size_t i : at)
    ids.push_back(batch[i].id);
  return ids;
}

}  // namespace

DeliveryPipeline::DeliveryPipeline(DedupStore& dedup,
                                   CheckpointStore* checkpoints,
                                   std::vector<DeliveryLane> lanes,
                                   PipelineOptions options)
    : dedup_(dedup), checkpoints_(checkpoints), options_(std::move(options)) {
  if (!options_.clock)
    options_.clock = [] {
      return std::chrono::steady_clock::now();
    };
  options_.replay_batch = std::max<std::size_t>(1, options_.replay_batch);
  const BackoffOptions retry{
      options_.retry_initial, options_.retry_max, 2.0, options_.retry_jitter};
  std::uint64_t seed = options_.retry_seed;
  for (auto& lane : lanes) {
    lanes_.push_back(Lane{std::move(lane), Backoff(retry, seed), nullptr});
    seed += seed != 0 ? 1 : 0;
  }
}

Result<DeliveryReport> DeliveryPipeline::deliver(std::span<const OutRecord> batch,
                                                 const CheckpointIntent* intent) {
  ++stats_.batches;
  stats_.records += batch.size();
  if (auto settled = settle(); !settled) return settled.error();
  (void)replay();  // failures are counted and logged per lane; the routes below account for them

  // Backpressure before claiming: a sink that needs its spool must have room for the batch.
  const std::uint64_t bytes = encoded_bytes(batch);
  for (const Lane& lane : lanes_) {
    const bool needs_spool = !lane.io.spool.empty() || !lane.backoff.ready(now());
    if (needs_spool && !lane.io.spool.has_room_for(bytes)) {
      Error full{Errc::kSpoolFull,
                 fmt::format("sink {}: spool {} holds {} bytes; {} more do not fit",
                             lane.io.sink->name(),
                             lane.io.spool.dir(),
                             lane.io.spool.bytes(),
                             bytes)};
      ++stats_.backpressure;
      if (!in_backpressure_) {  // once per episode, not per refused batch
        spdlog::warn("delivery: {}; refusing batches (backpressure) until it drains",
                     full.message());
      }
      in_backpressure_ = true;
      return full;
    }
  }

  std::vector<std::string> ids;
  ids.reserve(batch.size());
  for (const OutRecord& r : batch)
    ids.push_back(r.id);
  auto states = dedup_.claim(ids, options_.claim_ttl);
  if (!states) {
    // Part of the claim may have run (Redis lost mid-batch): our own live claims would hold these
    // ids for claim_ttl. Drop them before the next claim.
    ++stats_.claim_failures;
    unreleased_ = std::move(ids);
    return states.error();
  }
  const ClaimSplit split = split_claims(*states);
  DeliveryReport report;
  report.fresh = split.fresh.size();
  report.fresh_indices.assign(split.fresh.begin(), split.fresh.end());
  report.skipped = split.skipped.size();
  report.held_ids = ids_at(batch, split.held);
  stats_.fresh += split.fresh.size();
  stats_.skipped += split.skipped.size();
  stats_.held += split.held.size();

  std::vector<OutRecord> copies;
  std::span<const OutRecord> fresh = batch;
  if (split.fresh.size() != batch.size()) {
    for (const std::size_t i : split.fresh)
      copies.push_back(batch[i]);
    fresh = copies;
  }
  const std::vector<std::string> fresh_ids = ids_at(batch, split.fresh);
  for (Lane& lane : lanes_) {
    auto spooled = deliver_to_lane(lane, fresh);
    if (!spooled) {
      (void)release(fresh_ids);
      return spooled.error();
    }
    report.spooled_sinks += *spooled ? 1 : 0;
  }
  if (!fresh_ids.empty()) {
    auto confirmed = dedup_.confirm(fresh_ids, options_.dedup_ttl);
    if (!confirmed) confirmed = dedup_.confirm(fresh_ids, options_.dedup_ttl);  // one retry
    if (!confirmed) {
      // The records are durable in every sink: releasing would deliver them again. Keep the
      // claims and confirm them before anything else (the store is down; its claims outlive this).
      ++stats_.confirm_failures;
      unconfirmed_ = fresh_ids;
      return confirmed.error();
    }
  }

  report.checkpoint = checkpoint_verdict(intent != nullptr, split);
  if (report.checkpoint == CheckpointVerdict::kHold) ++stats_.checkpoints_held;
  if (report.checkpoint == CheckpointVerdict::kAdvance && checkpoints_ != nullptr) {
    if (auto saved = checkpoints_->save(intent->job_id, intent->checkpoint); saved) {
      ++stats_.checkpoints_saved;
    } else {
      ++stats_.checkpoint_failures;
      report.checkpoint_error = saved.error();
    }
  }
  in_backpressure_ = false;
  return report;
}

Result<bool> DeliveryPipeline::deliver_to_lane(Lane& lane, std::span<const OutRecord> records) {
  if (records.empty()) return false;
  const LaneView view{lane.io.spool.empty(),
                      lane.backoff.ready(now()),
                      lane.io.spool.has_room_for(encoded_bytes(records))};
  switch (route(view)) {
    case LaneRoute::kReplayThenWrite:
      if (!replay_lane(lane) || !lane.io.spool.empty()) break;  // still behind: spool after them
      [[fallthrough]];
    case LaneRoute::kWrite:
      if (write_to_sink(lane, records)) return false;
      break;
    case LaneRoute::kSpool:
    case LaneRoute::kRefuse:  // push() names the full spool
      break;
  }
  if (auto pushed = lane.io.spool.push(records); !pushed) {
    if (pushed.error().code == Errc::kSpoolFull) ++stats_.backpressure;
    Error error = pushed.error();
    error.where = fmt::format("sink {}: {}", lane.io.sink->name(), error.where);
    return error;
  }
  stats_.spooled_records += records.size();
  return true;
}

Result<void> DeliveryPipeline::write_to_sink(Lane& lane, std::span<const OutRecord> records) {
  auto written = lane.io.sink->write(records);
  if (!written && record_rejected(written.error())) written = write_each(lane, records);
  if (written) {
    if (lane.backoff.failures() > 0) {
      spdlog::info("sink {}: back after {} failed attempts; {} records still spooled",
                   lane.io.sink->name(),
                   lane.backoff.failures(),
                   lane.io.spool.records());
    }
    lane.backoff.succeeded();
    return {};
  }
  ++stats_.sink_failures;
  if (lane.backoff.failures() == 0) {
    // The error names the sink ("postgres sink pg (...): connect: ...").
    spdlog::warn("delivery: {}; spooling to {} until it is back",
                 written.error().message(),
                 lane.io.spool.dir());
  }
  lane.backoff.failed(now());
  return written.error();
}

Result<void> DeliveryPipeline::write_each(Lane& lane, std::span<const OutRecord> records) {
  for (const OutRecord& record : records) {
    auto written = lane.io.sink->write(std::span(&record, 1));
    if (written) continue;
    if (!record_rejected(written.error())) return written.error();
    if (auto kept = set_aside(lane, record, written.error()); !kept) return kept.error();
  }
  return {};
}

Result<void> DeliveryPipeline::set_aside(Lane& lane, const OutRecord& record, const Error& why) {
  if (!lane.rejected) {
    JsonlSinkOptions options;
    std::string path = lane.io.spool.dir() + "/rejected.jsonl";
    for (std::size_t at = path.find('%'); at != std::string::npos; at = path.find('%', at + 2)) {
      path.insert(at, 1, '%');  // a literal '%' in a strftime pattern
    }
    options.path_pattern = path;
    lane.rejected = std::make_unique<JsonlSink>(options);
  }
  // The record as a JSON string: one line whatever it contains.
  std::string line = "{\"id\":";
  text::append_json_string(record.id, line);
  line += ",\"error\":";
  text::append_json_string(why.message(), line);
  line += ",\"record\":";
  text::append_json_string(record.json, line);
  line += '}';
  if (auto appended = lane.rejected->append(line); !appended) return appended.error();
  if (auto synced = lane.rejected->sync(); !synced) {
    lane.rejected->discard_pending();
    return synced.error();
  }
  ++stats_.rejected_records;
  spdlog::error("sink {}: record {} refused ({}); kept in {}",
                lane.io.sink->name(),
                record.id,
                why.message(),
                lane.rejected->current_path());
  return {};
}

Result<void> DeliveryPipeline::replay_lane(Lane& lane) {
  while (!lane.io.spool.empty() && lane.backoff.ready(now())) {
    auto records = lane.io.spool.peek(options_.replay_batch);
    if (!records) return records.error();
    if (records->empty()) break;  // only unreadable records were left (counted by the spool)
    if (auto written = write_to_sink(lane, *records); !written) return written.error();
    if (auto acked = lane.io.spool.ack(records->size()); !acked) return acked.error();
    stats_.replayed_records += records->size();
  }
  return {};
}

Result<void> DeliveryPipeline::replay() {
  Result<void> first = settle();
  for (Lane& lane : lanes_) {
    if (auto replayed = replay_lane(lane); !replayed && first) first = replayed.error();
  }
  return first;
}

Result<void> DeliveryPipeline::settle() {
  if (!unconfirmed_.empty()) {
    if (auto confirmed = dedup_.confirm(unconfirmed_, options_.dedup_ttl); !confirmed) {
      ++stats_.confirm_failures;
      return confirmed.error();
    }
    stats_.late_confirms += unconfirmed_.size();
    unconfirmed_.clear();
  }
  if (!unreleased_.empty()) {
    if (auto released = dedup_.release(unreleased_); !released) return released.error();
    unreleased_.clear();
  }
  return {};
}

Result<void> DeliveryPipeline::release(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  auto released = dedup_.release(ids);
  if (!released) unreleased_ = ids;  // settle() retries before the next claim
  return released;
}

std::vector<LaneStatus> DeliveryPipeline::lanes() const {
  std::vector<LaneStatus> out;
  for (const Lane& lane : lanes_) {
    out.push_back(LaneStatus{std::string(lane.io.sink->name()),
                             lane.io.spool.records(),
                             lane.io.spool.bytes(),
                             lane.backoff.failures()});
  }
  return out;
}

}  // namespace koubei::storage
