#include "scheduler/core/incremental_poll.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace std::chrono_literals;
using koubei::scheduler::IncrementalPoll;
using koubei::scheduler::ListedItem;
using koubei::scheduler::PollStep;
using koubei::scheduler::Watermark;

namespace {
constexpr std::int64_t kMin = 60'000;
ListedItem item(const char* id, std::int64_t minute, bool pinned = false) {
  return ListedItem{id, minute * kMin, pinned, std::nullopt};
}
}  // namespace

TEST_CASE("a poll pages until it passes the watermark minus the overlap", "[scheduler][poll]") {
  IncrementalPoll poll(Watermark{100 * kMin, {"a"}}, 10min, 50);
  std::vector<ListedItem> p1{item("x", 130), item("y", 120), item("z", 111)};
  CHECK(poll.on_page(p1, true) == PollStep::kNextPage);
  std::vector<ListedItem> p2{item("w", 105), item("a", 100), item("b", 95)};
  CHECK(poll.on_page(p2, true) == PollStep::kNextPage);  // 95 is not below 90 yet
  std::vector<ListedItem> p3{item("c", 89)};
  CHECK(poll.on_page(p3, true) == PollStep::kCaughtUp);
  auto w = poll.candidate();
  CHECK(w.newest_ms == 130 * kMin);
  CHECK(w.ids == std::vector<std::string>{"x"});
}

TEST_CASE("a pinned old post does not stop the poll", "[scheduler][poll]") {
  IncrementalPoll poll(Watermark{100 * kMin, {}}, 0min, 50);
  std::vector<ListedItem> p1{item("top", 1, true), item("x", 130), item("y", 120)};
  CHECK(poll.on_page(p1, true) == PollStep::kNextPage);
}

TEST_CASE("the end of the listing, an empty page and the page cap stop a poll", "[scheduler][poll]") {
  std::vector<ListedItem> page{item("x", 130)};
  IncrementalPoll a(Watermark{}, 0min, 50);
  CHECK(a.on_page(page, false) == PollStep::kEnd);
  IncrementalPoll b(Watermark{}, 0min, 50);
  CHECK(b.on_page({}, true) == PollStep::kEnd);
  IncrementalPoll c(Watermark{}, 0min, 2);
  CHECK(c.on_page(page, true) == PollStep::kNextPage);
  CHECK(c.on_page(page, true) == PollStep::kPageLimit);
}

TEST_CASE("a first run goes back to since", "[scheduler][poll]") {
  IncrementalPoll poll(Watermark{}, 5min, 50, 100 * kMin);
  std::vector<ListedItem> p1{item("x", 130), item("y", 101)};
  CHECK(poll.on_page(p1, true) == PollStep::kNextPage);
  std::vector<ListedItem> p2{item("z", 99)};
  CHECK(poll.on_page(p2, true) == PollStep::kCaughtUp);
  IncrementalPoll all(Watermark{}, 5min, 50, 0);
  CHECK(all.on_page(p2, true) == PollStep::kNextPage);
}

TEST_CASE("the candidate watermark keeps ties and never goes backwards", "[scheduler][poll]") {
  IncrementalPoll poll(Watermark{200 * kMin, {"old"}}, 10min, 50);
  std::vector<ListedItem> p1{item("x", 150), item("y", 150)};
  CHECK(poll.on_page(p1, true) == PollStep::kCaughtUp);
  CHECK(poll.candidate().newest_ms == 200 * kMin);
  CHECK(poll.candidate().ids == std::vector<std::string>{"old"});

  IncrementalPoll ties(Watermark{}, 0min, 50);
  std::vector<ListedItem> p2{item("x", 150), item("y", 150), item("x", 150), item("z", 140)};
  (void)ties.on_page(p2, false);
  CHECK(ties.candidate().ids == std::vector<std::string>{"x", "y"});
}

TEST_CASE("items without a time never stop a poll", "[scheduler][poll]") {
  IncrementalPoll poll(Watermark{100 * kMin, {}}, 0min, 50);
  std::vector<ListedItem> p1{ListedItem{"x", std::nullopt, false, std::nullopt}};
  CHECK(poll.on_page(p1, true) == PollStep::kNextPage);
}

TEST_CASE("a coarse time on the edge does not stop a first poll", "[scheduler][poll]") {
  // since = 17:08:48; the page shows "17:08" (point 17:08:00, may be as late as 17:08:59.999):
  // the same minute may continue on the next page, so the walk goes on.
  const std::int64_t since = 100 * kMin + 48'000;
  IncrementalPoll poll(Watermark{}, 10min, 50, since);
  std::vector<ListedItem> p1{item("x", 130), ListedItem{"y", 100 * kMin, false, 101 * kMin - 1}};
  CHECK(poll.on_page(p1, true) == PollStep::kNextPage);
  std::vector<ListedItem> p2{ListedItem{"z", 99 * kMin, false, 100 * kMin - 1}};
  CHECK(poll.on_page(p2, true) == PollStep::kCaughtUp);
  CHECK(poll.candidate().newest_ms == 130 * kMin);  // the watermark keeps the point estimates
}
