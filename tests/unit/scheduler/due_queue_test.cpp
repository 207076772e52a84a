#include "scheduler/core/due_queue.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using koubei::scheduler::DueQueue;
using koubei::scheduler::TimePoint;

TEST_CASE("due queue pops jobs in due order, ties by id", "[scheduler][queue]") {
  DueQueue q;
  TimePoint t{};
  q.schedule("b", t + 5s);
  q.schedule("c", t + 1s);
  q.schedule("a", t + 5s);
  CHECK(q.next_due() == t + 1s);
  CHECK_FALSE(q.pop_due(t).has_value());
  CHECK(q.pop_due(t + 10s) == std::optional<std::string>("c"));
  CHECK(q.pop_due(t + 10s) == std::optional<std::string>("a"));
  CHECK(q.pop_due(t + 10s) == std::optional<std::string>("b"));
  CHECK(q.empty());
}

TEST_CASE("rescheduling replaces a job's entry", "[scheduler][queue]") {
  DueQueue q;
  TimePoint t{};
  q.schedule("a", t + 1s);
  q.schedule("a", t + 9s);
  CHECK(q.size() == 1);
  CHECK_FALSE(q.pop_due(t + 5s).has_value());
  CHECK(q.due_of("a") == t + 9s);
}

TEST_CASE("schedule_no_later only moves a job earlier", "[scheduler][queue]") {
  DueQueue q;
  TimePoint t{};
  q.schedule("a", t + 5s);
  q.schedule_no_later("a", t + 9s);
  CHECK(q.due_of("a") == t + 5s);
  q.schedule_no_later("a", t + 2s);
  CHECK(q.due_of("a") == t + 2s);
  q.schedule_no_later("new", t + 3s);
  CHECK(q.due_of("new") == t + 3s);
}

TEST_CASE("cancel removes a job", "[scheduler][queue]") {
  DueQueue q;
  TimePoint t{};
  q.schedule("a", t);
  q.cancel("a");
  q.cancel("never");
  CHECK(q.empty());
  CHECK_FALSE(q.next_due().has_value());
}
