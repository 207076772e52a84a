#include "storage/delivery_pipeline.hpp"

#include "tests/unit/storage/pipeline_rig.hpp"

#include <catch2/catch.hpp>

namespace koubei::storage {
namespace {

using namespace std::chrono_literals;
using koubei::test::TestDedupStore;
using testing::id_range;
using testing::jsonl_ids;
using testing::mention;
using testing::mentions;
using testing::PipelineRig;
using testing::status_of;
using testing::SwitchableSink;

}  // namespace

TEST_CASE("pipeline writes a batch to every sink, confirms it, then saves the checkpoint",
          "[storage][pipeline]") {
  PipelineRig rig;
  const auto report = rig.deliver(0, 5, "c5");
  REQUIRE(status_of(report) == "ok");
  CHECK(report->fresh == 5);
  CHECK(report->checkpoint == CheckpointVerdict::kAdvance);
  CHECK(rig.ids_in("a") == id_range(0, 5));
  CHECK(rig.ids_in("b") == id_range(0, 5));
  CHECK(rig.dedup.confirmed_count() == 5);
  CHECK(rig.cursor() == "c5");

  // The same items found again (another query, a re-crawl): skipped, checkpoint still advances.
  const auto again = rig.deliver(3, 4, "c7");
  REQUIRE(status_of(again) == "ok");
  CHECK(again->skipped == 2);
  CHECK(again->fresh == 2);
  CHECK(rig.ids_in("a") == id_range(0, 7));
  CHECK(rig.cursor() == "c7");
}

TEST_CASE("ids claimed elsewhere are not written and hold the checkpoint until delivered",
          "[storage][pipeline]") {
  PipelineRig rig;
  rig.dedup.claim_elsewhere_for_test(mention(2).id, 5min);
  const auto report = rig.deliver(0, 4, "c4");
  REQUIRE(status_of(report) == "ok");
  CHECK(report->held_ids == std::vector<std::string>{mention(2).id});
  CHECK(report->checkpoint == CheckpointVerdict::kHold);
  CHECK_FALSE(report->complete());
  CHECK(rig.cursor() == "(none)");
  CHECK(rig.ids_in("a") == std::vector<std::string>{mention(0).id, mention(1).id, mention(3).id});
  CHECK(rig.pipeline->stats().checkpoints_held == 1);

  // The other claim expired unconfirmed (its process died): the next crawl delivers the id.
  rig.dedup.advance_clock_for_test(6min);
  const auto retry = rig.deliver(0, 4, "c4");
  REQUIRE(status_of(retry) == "ok");
  CHECK(retry->fresh == 1);
  CHECK(retry->checkpoint == CheckpointVerdict::kAdvance);
  CHECK(retry->complete());
  CHECK(rig.cursor() == "c4");
  CHECK(rig.ids_in("b").back() == mention(2).id);
}

TEST_CASE("a sink that is down gets its records through the spool, in order, when it returns",
          "[storage][pipeline]") {
  PipelineRig rig;
  REQUIRE(status_of(rig.deliver(0, 3, "c3")) == "ok");
  rig.switches[1]->down = true;
  const auto spooled = rig.deliver(3, 3, "c6");
  REQUIRE(status_of(spooled) == "ok");
  CHECK(spooled->spooled_sinks == 1);
  CHECK(rig.cursor() == "c6");  // durable in the spool: crawling goes on (guarantees §8)
  CHECK(rig.dedup.confirmed(mention(5).id));

  // While it backs off, later batches go to the spool behind the earlier ones, not to the sink.
  const int attempts = rig.switches[1]->attempts;
  REQUIRE(status_of(rig.deliver(6, 3, "c9")) == "ok");
  CHECK(rig.switches[1]->attempts == attempts);
  CHECK(rig.pipeline->lanes()[1].spooled_records == 6);
  CHECK(rig.pipeline->lanes()[1].consecutive_failures == 1);

  rig.switches[1]->down = false;
  CHECK(status_of(rig.pipeline->replay()) == "ok");  // still backing off: nothing yet
  CHECK(rig.pipeline->lanes()[1].spooled_records == 6);
  rig.now += 2s;
  REQUIRE(status_of(rig.deliver(9, 2, "c11")) == "ok");
  CHECK(rig.ids_in("a") == id_range(0, 11));
  CHECK(rig.ids_in("b") == id_range(0, 11));  // spooled ones first, then the new batch
  CHECK(rig.pipeline->lanes()[1].spooled_records == 0);
  CHECK(rig.pipeline->stats().replayed_records == 6);
}

TEST_CASE("a full spool refuses the batch with kSpoolFull before claiming and drops nothing",
          "[storage][pipeline]") {
  PipelineRig rig(3000);  // room for a few records only
  rig.switches[0]->down = true;
  std::uint64_t next = 0;
  Result<DeliveryReport> last = DeliveryReport{};
  for (; next < 100 && last.has_value(); next += 2)
    last = rig.deliver(next, 2, "c");
  REQUIRE(last.has_error());
  CHECK(last.error().code == Errc::kSpoolFull);
  CHECK_THAT(last.error().where, Catch::Matchers::Contains("sink a"));
  const std::uint64_t accepted = next - 2;
  CHECK(accepted > 0);
  CHECK(rig.dedup.confirmed_count() == accepted);
  CHECK_FALSE(rig.dedup.claimed(mention(accepted).id));  // refused before the claim
  CHECK(rig.pipeline->stats().backpressure >= 1);

  // The caller retries the refused batch after the sink is back: everything arrives once, in order.
  rig.switches[0]->down = false;
  rig.now += 10min;
  REQUIRE(status_of(rig.deliver(accepted, 2, "c")) == "ok");
  CHECK(rig.ids_in("a") == id_range(0, accepted + 2));
  CHECK(rig.ids_in("b") == id_range(0, accepted + 2));
}

TEST_CASE(
    "a failed claim writes nothing; a failed confirm is settled first and writes nothing twice",
    "[storage][pipeline]") {
  PipelineRig rig;
  rig.dedup.fail_next_for_test(TestDedupStore::Op::kClaim);
  const auto no_claim = rig.deliver(0, 2, "c2");
  REQUIRE(no_claim.has_error());
  CHECK(rig.ids_in("a").empty());
  CHECK(rig.pipeline->stats().claim_failures == 1);

  // Both sinks have the batch but the store cannot record it (tried twice, then once more by the
  // caller's first retry): the claims are kept, the checkpoint does not move, nothing new is taken.
  rig.dedup.fail_next_for_test(TestDedupStore::Op::kConfirm, 3);
  const auto no_confirm = rig.deliver(0, 2, "c2");
  REQUIRE(no_confirm.has_error());
  CHECK(rig.cursor() == "(none)");
  CHECK(rig.dedup.claimed(mention(0).id));
  const auto still_down = rig.deliver(0, 2, "c2");
  REQUIRE(still_down.has_error());
  CHECK(rig.pipeline->stats().confirm_failures == 2);
  CHECK(rig.ids_in("a") == id_range(0, 2));

  // The store is back: the retry confirms the batch first, then finds it delivered.
  const auto retried = rig.deliver(0, 2, "c2");
  REQUIRE(status_of(retried) == "ok");
  CHECK(retried->skipped == 2);
  CHECK(rig.pipeline->stats().late_confirms == 2);
  CHECK(rig.ids_in("a") == id_range(0, 2));
  CHECK(rig.ids_in("b") == id_range(0, 2));
  CHECK(rig.cursor() == "c2");
}

TEST_CASE("a claim whose reply was lost does not hold its own ids: they are released first",
          "[storage][pipeline]") {
  PipelineRig rig;
  rig.dedup.fail_next_for_test(TestDedupStore::Op::kClaimReplyLost);
  REQUIRE(rig.deliver(0, 3, "c3").has_error());
  CHECK(rig.dedup.claimed(mention(0).id));  // the store ran the claim; the pipeline never knew
  CHECK(rig.ids_in("a").empty());

  // The retry drops those claims of ours before claiming again: delivered now, not in claim_ttl.
  const auto retried = rig.deliver(0, 3, "c3");
  REQUIRE(status_of(retried) == "ok");
  CHECK(retried->fresh == 3);
  CHECK(retried->checkpoint == CheckpointVerdict::kAdvance);
  CHECK(rig.ids_in("a") == id_range(0, 3));
  CHECK(rig.cursor() == "c3");
}

}  // namespace koubei::storage
