#include "storage/storage_stack.hpp"

#include "storage/delivery_lanes.hpp"
#include "storage/memory_dedup_store.hpp"

#include <fmt/format.h>

namespace koubei::storage {

std::string StorageStack::description() const {
  std::string sinks;
  for (const LaneStatus& lane : pipeline->lanes()) {
    sinks += sinks.empty() ? "" : ", ";
    sinks += lane.name;
  }
  return fmt::format("state: {}; sinks: {}", stores.description, sinks.empty() ? "none" : sinks);
}

Result<StorageStack> open_storage(const config::Config& config) {
  return open_storage(config, pipeline_options(config));
}

Result<StorageStack> open_storage(const config::Config& config, PipelineOptions options) {
  StorageStack stack;
  auto stores = open_state_stores(config);
  if (!stores) return stores.error();
  stack.stores = std::move(*stores);
  auto lanes = open_lanes(config);
  if (!lanes) return lanes.error();  // the stores (and the state dir lock) close with `stack`
  stack.pipeline = std::make_unique<DeliveryPipeline>(
      *stack.stores.dedup, stack.stores.checkpoints.get(), std::move(*lanes), std::move(options));
  return stack;
}

Result<StorageStack> open_private_storage(const config::Config& config, std::unique_ptr<Sink> sink,
                                          const std::string& spool_root) {
  StorageStack stack;
  stack.stores.dedup = std::make_unique<MemoryDedupStore>();
  stack.stores.description = "private (in memory)";
  SpoolOptions options;
  options.dir = spool_dir(spool_root, std::string(sink->name()));
  auto spool = Spool::open(options);
  if (!spool) return spool.error();
  std::vector<DeliveryLane> lanes;
  lanes.push_back(DeliveryLane{std::move(sink), std::move(*spool)});
  stack.pipeline = std::make_unique<DeliveryPipeline>(*stack.stores.dedup, nullptr,
                                                      std::move(lanes), pipeline_options(config));
  return stack;
}

}  // namespace koubei::storage
