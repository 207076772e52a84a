#pragma once
// DueQueue: jobs ordered by the time they are next due. The scheduler driver sleeps until
// next_due() and pops what is due; rescheduling a job replaces its earlier entry, so each job is in
// the queue at most once, whatever the adaptive plan did to its interval meanwhile.
//
// Ties pop in job-id order (deterministic runs and tests). O(log n) per operation.
// Sans-IO; thread safety: none (scheduler strand).

#include "scheduler/core/clock.hpp"

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

namespace koubei::scheduler {

class DueQueue {
 public:
  /// Adds the job, or moves it to `due` if it is already queued.
  void schedule(const std::string& job, TimePoint due);
  /// Moves the job earlier only (a follow-up that wants it sooner never delays it).
  void schedule_no_later(const std::string& job, TimePoint due);
  void cancel(const std::string& job);

  /// The earliest due job if it is due at `now`, removed from the queue.
  std::optional<std::string> pop_due(TimePoint now);

  std::optional<TimePoint> next_due() const;
  std::optional<TimePoint> due_of(const std::string& job) const;
  std::size_t size() const { return by_job_.size(); }
  bool empty() const { return by_job_.empty(); }

 private:
  std::set<std::pair<TimePoint, std::string>> by_time_;
  std::unordered_map<std::string, TimePoint> by_job_;
};

}  // namespace koubei::scheduler
