// GroupDelivery: pages that wait for the storage thread together are delivered as one batch and
// each learns what became of its own records.
#include "scheduler/run/group_delivery.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <optional>
#include <set>

#include "storage/delivery_lanes.hpp"
#include "storage/memory_dedup_store.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/storage/delivery_test_support.hpp"

namespace koubei::scheduler {
namespace {

namespace asio = boost::asio;
using storage::testing::mentions;

/// A real pipeline: in-memory dedup and one JSONL sink (out/m.jsonl) in a temporary directory.
struct JsonlPipeline {
  koubei::test::TempDir dir;
  storage::MemoryDedupStore dedup;
  storage::DeliveryPipeline pipeline{dedup, nullptr, lanes(dir), storage::PipelineOptions{}};

  static std::vector<storage::DeliveryLane> lanes(const koubei::test::TempDir& dir) {
    config::Config config;
    config.daemon.state_dir = (dir / "state").string();
    config::SinkConfig jsonl;
    jsonl.type = config::SinkType::kJsonl;
    jsonl.name = "jsonl";
    jsonl.path = (dir / "out/m.jsonl").string();
    config.sinks = {jsonl};
    auto opened = storage::open_lanes(config);
    REQUIRE(opened.has_value());
    return std::move(*opened);
  }
};

RecordBatch concat(RecordBatch a, const RecordBatch& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("grouped batches carry each id once and split back per batch", "[scheduler][delivery]") {
  const RecordBatch a = mentions(0, 3);                      // 0 1 2
  const RecordBatch b = concat(mentions(2, 2), mentions(9, 1));  // 2 3 9
  const RecordBatch* batches[] = {&a, &b};
  const GroupedBatch g = group_batches(batches);
  REQUIRE(g.records.size() == 5);  // 0 1 2 3 9
  CHECK(g.slots[1] == std::vector<std::size_t>{2, 3, 4});
  CHECK(g.owns[1] == std::vector<bool>{false, true, true});

  // The pipeline found 0, 2 and 3 new, 1 delivered before, 9 claimed elsewhere.
  storage::DeliveryReport whole;
  whole.fresh_indices = {0, 2, 3};
  whole.fresh = 3;
  whole.skipped = 1;
  whole.held_ids = {g.records[4].id};
  const auto ra = split_report(g, 0, whole);
  CHECK(ra.fresh_indices == std::vector<std::size_t>{0, 2});
  CHECK(ra.fresh == 2);
  CHECK(ra.skipped == 1);
  CHECK(ra.complete());
  const auto rb = split_report(g, 1, whole);
  // Record 2 is a's to deliver: b counts it as skipped, not fresh.
  CHECK(rb.fresh_indices == std::vector<std::size_t>{1});
  CHECK(rb.skipped == 1);
  CHECK(rb.held_ids == std::vector<std::string>{b[2].id});
  CHECK_FALSE(rb.complete());
}

TEST_CASE("concurrent deliveries share one pipeline call; each id reaches the sink once",
          "[scheduler][delivery]") {
  JsonlPipeline p;
  storage::DeliveryPipeline& pipeline = p.pipeline;
  const koubei::test::TempDir& dir = p.dir;

  asio::io_context io;  // storage thread and callers in one, so the three arrive together
  GroupDelivery delivery(io.get_executor(), &pipeline, 5000);
  const std::vector<RecordBatch> batches{mentions(0, 4), mentions(2, 4), mentions(10, 2)};
  std::vector<std::optional<DeliveryResult>> results(batches.size());
  for (std::size_t i = 0; i < batches.size(); ++i) {
    asio::co_spawn(io, [&, i]() -> asio::awaitable<void> {
      results[i] = co_await delivery.deliver(std::make_shared<const RecordBatch>(batches[i]));
    }, asio::detached);
  }
  io.run();
  CHECK(delivery.groups() == 1);
  CHECK(delivery.batches() == 3);
  for (const auto& r : results) REQUIRE((r && *r));
  CHECK((*results[0])->fresh == 4);
  CHECK((*results[1])->fresh == 2);  // 4 and 5; 2 and 3 are the first batch's
  CHECK((*results[1])->skipped == 2);
  CHECK((*results[1])->fresh_indices == std::vector<std::size_t>{2, 3});
  CHECK((*results[2])->fresh == 2);
  const auto ids = storage::testing::jsonl_ids(dir / "out/m.jsonl");
  CHECK(ids.size() == 8);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 8);

  // Delivered again, alone: everything is known.
  io.restart();
  std::optional<DeliveryResult> again;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    again = co_await delivery.deliver(std::make_shared<const RecordBatch>(batches[1]));
  }, asio::detached);
  io.run();
  REQUIRE((again && *again));
  CHECK((*again)->skipped == 4);
  CHECK(delivery.groups() == 2);
}

TEST_CASE("a group never exceeds its record bound, but always takes one batch",
          "[scheduler][delivery]") {
  JsonlPipeline p;
  storage::DeliveryPipeline& pipeline = p.pipeline;
  asio::io_context io;
  GroupDelivery delivery(io.get_executor(), &pipeline, 5);
  const std::vector<RecordBatch> batches{mentions(0, 3), mentions(3, 3), mentions(6, 8)};
  std::size_t done = 0;
  for (const auto& b : batches) {
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
      auto r = co_await delivery.deliver(std::make_shared<const RecordBatch>(b));
      if (r) done += r->fresh;
    }, asio::detached);
  }
  io.run();
  CHECK(done == 14);
  CHECK(delivery.groups() == 3);  // 3+3 > 5, and 8 alone
}

}  // namespace koubei::scheduler
