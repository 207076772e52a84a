#pragma once
// PipelineRig: the delivery pipeline over two JSONL sinks behind switches, with their spools, the
// test stores and a manual clock. Shared by delivery_pipeline_test.cpp and
// delivery_pipeline_failure_test.cpp.

#include "storage/delivery_pipeline.hpp"
#include "storage/jsonl_delivery_sink.hpp"
#include "tests/support/test_stores.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace koubei::storage::testing {

using koubei::test::TempDir;
using koubei::test::TestCheckpointStore;
using koubei::test::TestDedupStore;

/// Two JSONL sinks ("a" and "b") behind switches, their spools, test stores and a manual clock.
struct PipelineRig {
  TempDir dir;
  TestDedupStore dedup;
  TestCheckpointStore checkpoints;
  std::chrono::steady_clock::time_point now{};
  std::vector<SwitchableSink*> switches;
  std::unique_ptr<DeliveryPipeline> pipeline;

  explicit PipelineRig(std::uint64_t spool_max = 1 << 20) {
    std::vector<DeliveryLane> lanes;
    for (const std::string name : {"a", "b"}) {
      JsonlSinkOptions file;
      file.path_pattern = (dir / (name + ".jsonl")).string();
      auto sink = std::make_unique<SwitchableSink>(
          std::make_unique<JsonlDeliverySink>(name, std::move(file)));
      switches.push_back(sink.get());
      SpoolOptions spool;
      spool.dir = (dir / ("spool/" + name)).string();
      spool.max_bytes = spool_max;
      auto opened = Spool::open(spool);
      REQUIRE(opened.has_value());
      lanes.push_back(DeliveryLane{std::move(sink), std::move(*opened)});
    }
    PipelineOptions options;
    options.replay_batch = 4;
    options.clock = [this] {
      return now;
    };
    pipeline = std::make_unique<DeliveryPipeline>(dedup, &checkpoints, std::move(lanes), options);
  }

  std::vector<std::string> ids_in(const std::string& sink) const {
    return jsonl_ids(dir / (sink + ".jsonl"));
  }

  Result<DeliveryReport> deliver(std::uint64_t first, std::uint64_t count, std::string cursor) {
    const CheckpointIntent intent{"job", Checkpoint{std::move(cursor), 0, "", 0}};
    return pipeline->deliver(mentions(first, count), &intent);
  }

  std::string cursor() {
    auto loaded = checkpoints.load("job");
    REQUIRE(loaded.has_value());
    return loaded->has_value() ? (*loaded)->cursor : "(none)";
  }
};

}  // namespace koubei::storage::testing
